package io.github.hmmrnn.io;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-subject counts of a dataset, e.g. for a {@code data} command's table.
 *
 * @param name        subject name
 * @param pCongruent  the subject's congruent-transition probability
 * @param sessions    number of sessions
 * @param trials      number of kept trials
 * @param scored      number of scored (free) trials
 * @param rawTrials   number of trials in the source before violations were removed
 */
public record SubjectSummary(String name, double pCongruent, int sessions, int trials, int scored,
                             int rawTrials) {

    /**
     * Summarises every subject of a dataset, in subject order.
     *
     * @param data the dataset
     * @return one summary per subject
     */
    public static List<SubjectSummary> of(TwoStepDataset data) {
        List<SubjectSummary> out = new ArrayList<>();
        Map<String, List<Session>> bySubject = data.sessionsBySubject();
        for (Subject s : data.subjects()) {
            List<Session> ss = bySubject.get(s.name());
            out.add(new SubjectSummary(s.name(), s.pCongruent(), ss.size(),
                    ss.stream().mapToInt(Session::length).sum(),
                    ss.stream().mapToInt(Session::scoredCount).sum(), s.rawTrials()));
        }
        return List.copyOf(out);
    }

    /** @return number of trials removed as violations ({@code rawTrials - trials}) */
    public int removedTrials() {
        return rawTrials - trials;
    }
}
