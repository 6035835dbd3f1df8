package io.github.hmmrnn.io;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real MixtureAgentsModels rat data: counts from the data README and MAT/CSV agreement.
 * Fails (never skips) when {@code ../shared/data} cannot be found.
 */
class RealDataReadersTest {

    private static final List<String> RATS = List.of("M055", "M064", "M070", "M071", "M088", "M093");
    private static final int[] RAW = {12_445, 10_702, 6_806, 4_004, 1_919, 537};
    private static final int[] KEPT = {12_440, 10_676, 6_801, 3_993, 1_906, 535};
    private static final int[] SCORED = {12_440, 8_583, 5_384, 3_203, 1_693, 488};
    private static final int[] SESSIONS = {15, 10, 14, 6, 6, 1};

    private static TwoStepDataset mat;
    private static TwoStepDataset csv;

    @BeforeAll
    static void readBoth() {
        mat = MatTwoStepReader.read(SharedData.ofcMat());
        csv = CsvTwoStepReader.read(SharedData.ofcCsv());
    }

    @Test
    void matRead_subjectsAndRawCounts() {
        assertEquals(RATS, mat.subjectNames());
        for (int i = 0; i < RATS.size(); i++) {
            assertEquals(RAW[i], mat.subject(RATS.get(i)).rawTrials(), RATS.get(i));
        }
        assertEquals(0.8051948051948052, mat.subject("M055").pCongruent(), 0);
    }

    @Test
    void matRead_keptScoredSessionCountsMatchReadme() {
        List<SubjectSummary> summary = SubjectSummary.of(mat);
        assertEquals(RATS.size(), summary.size());
        for (int i = 0; i < RATS.size(); i++) {
            SubjectSummary s = summary.get(i);
            assertEquals(RATS.get(i), s.name());
            assertEquals(KEPT[i], s.trials(), s.name() + " kept");
            assertEquals(SCORED[i], s.scored(), s.name() + " scored");
            assertEquals(SESSIONS[i], s.sessions(), s.name() + " sessions");
            assertEquals(RAW[i], s.rawTrials(), s.name() + " raw");
            assertEquals(RAW[i] - KEPT[i], s.removedTrials());
        }
        assertEquals(36_351, mat.numTrials());
        assertEquals(31_791, mat.numScored());
    }

    @Test
    void matRead_sessionsNumberedPerRatFromZero() {
        for (Map.Entry<String, List<Session>> e : mat.sessionsBySubject().entrySet()) {
            List<Session> ss = e.getValue();
            for (int k = 0; k < ss.size(); k++) {
                assertEquals(k, ss.get(k).index(), e.getKey());
            }
        }
    }

    @Test
    void csvRead_agreesWithMatTrialForTrial() {
        assertEquals(mat.numSessions(), csv.numSessions());
        for (int i = 0; i < mat.numSessions(); i++) {
            assertEquals(mat.sessions().get(i), csv.sessions().get(i), "session " + i);
        }
        assertEquals(mat.sessions(), csv.sessions());
        for (int i = 0; i < RATS.size(); i++) {
            Subject m = mat.subjects().get(i);
            Subject c = csv.subjects().get(i);
            assertEquals(m.name(), c.name());
            assertEquals(m.rawTrials(), c.rawTrials());
            // The CSV rounds p_congruent to 6 decimals.
            assertEquals(m.pCongruent(), c.pCongruent(), 1e-6);
        }
    }

    @Test
    void matRead_firstTrialOfM055CodedLeftRight() {
        // CSV row 1: M055,1,1,r,r,0,1,... (choice r, port r, reward 0, common); row 4: l,r,0,0
        Session s = mat.sessions().get(0);
        assertEquals(1, s.choice(0));
        assertEquals(1, s.outcome(0));
        assertEquals(0, s.reward(0));
        assertTrue(s.common(0));
        assertEquals(0, s.choice(3));
        assertEquals(1, s.outcome(3));
        assertEquals(false, s.common(3));
    }

    @Test
    void matRead_commonMatchesCongruenceAndPCongruent() {
        // Common transitions are the congruent ones when p_congruent > 0.5, the mirrored ones otherwise.
        for (Session s : mat.sessions()) {
            boolean mirrored = mat.subject(s.subject()).pCongruent() < 0.5;
            for (int t = 0; t < s.length(); t++) {
                boolean congruent = s.outcome(t) == s.choice(t);
                assertEquals(congruent != mirrored, s.common(t), s + " trial " + t);
            }
        }
    }

    @Test
    void read_dispatchesOnExtension() {
        assertEquals(mat, DatasetReaders.read(SharedData.ofcMat()));
    }
}
