package io.github.hmmrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TwoStepDatasetTest {

    private static Session session(String subject, int index, int n) {
        int[] c = new int[n];
        int[] o = new int[n];
        int[] r = new int[n];
        boolean[] com = new boolean[n];
        boolean[] sc = new boolean[n];
        for (int t = 0; t < n; t++) {
            c[t] = (t + index) % 2;
            com[t] = t % 3 != 0;
            o[t] = com[t] ? c[t] : 1 - c[t];
            r[t] = t % 2;
            sc[t] = t != 1;
        }
        return Session.of(subject, index, c, o, r, com, sc, null);
    }

    private static TwoStepDataset twoSubjects() {
        List<Session> ss = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ss.add(session("A", i, 10 + i));
        }
        for (int i = 0; i < 3; i++) {
            ss.add(session("B", i, 7));
        }
        return TwoStepDataset.of(List.of(new Subject("A", 0.8, 60), new Subject("B", 0.2, 21)), ss);
    }

    @Test
    void counts_sumOverSessions() {
        TwoStepDataset d = twoSubjects();
        assertEquals(8, d.numSessions());
        assertEquals(10 + 11 + 12 + 13 + 14 + 21, d.numTrials());
        assertEquals(d.numTrials() - 8, d.numScored());
        assertEquals(List.of("A", "B"), d.subjectNames());
    }

    @Test
    void forSubject_selectsOnlyThatSubject() {
        TwoStepDataset b = twoSubjects().forSubject("B");
        assertEquals(3, b.numSessions());
        assertEquals(List.of("B"), b.subjectNames());
    }

    @Test
    void forSubject_unknownNameListsKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> twoSubjects().forSubject("M999"));
        assertTrue(e.getMessage().contains("M999") && e.getMessage().contains("[A, B]"), e.getMessage());
    }

    @Test
    void of_rejectsEmptyAndUnknownSubject() {
        assertThrows(IllegalArgumentException.class, () -> TwoStepDataset.of(List.of(), List.of()));
        var e = assertThrows(IllegalArgumentException.class,
                () -> TwoStepDataset.of(List.of(new Subject("A", 0.8, 5)), List.of(session("C", 0, 5))));
        assertTrue(e.getMessage().contains("'C'"));
    }

    @Test
    void session_rejectsNonBinaryChoiceNamingTrial() {
        var e = assertThrows(IllegalArgumentException.class, () -> Session.of("A", 3,
                new int[] {0, 2}, new int[] {0, 1}, new int[] {0, 1}, new boolean[2], new boolean[2], null));
        assertTrue(e.getMessage().contains("session 3, trial 1: choice 2 not in {0,1}"), e.getMessage());
    }

    @Test
    void session_rejectsLengthMismatchAndEmpty() {
        var e = assertThrows(IllegalArgumentException.class, () -> Session.of("A", 0,
                new int[] {0, 1}, new int[] {0}, new int[] {0, 1}, new boolean[2], new boolean[2], null));
        assertTrue(e.getMessage().contains("'outcome' has 1 trials but 'choice' has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Session.of("A", 0,
                new int[0], new int[0], new int[0], new boolean[0], new boolean[0], null));
        assertTrue(e.getMessage().contains("empty session"));
    }

    @Test
    void session_isImmutable() {
        int[] c = {0, 1};
        Session s = Session.of("A", 0, c, new int[] {0, 1}, new int[] {1, 1}, new boolean[2], new boolean[2], null);
        c[0] = 1;
        assertEquals(0, s.choice(0));
        s.choices()[0] = 1;
        assertEquals(0, s.choice(0));
    }

    @Test
    void kFold_partitionsSessionsOnce() {
        TwoStepDataset d = twoSubjects();
        for (SplitMethod m : SplitMethod.values()) {
            List<DatasetSplit> folds = SessionFolds.kFold(d, 3, m, 7);
            Set<Session> tested = new HashSet<>();
            for (DatasetSplit f : folds) {
                assertEquals(d.numSessions(), f.train().numSessions() + f.test().numSessions());
                for (Session s : f.test().sessions()) {
                    assertTrue(tested.add(s), "session tested twice");
                    assertTrue(!f.train().sessions().contains(s));
                }
            }
            assertEquals(d.numSessions(), tested.size());
        }
    }

    @Test
    void kFold_strideAssignsByIndex() {
        List<DatasetSplit> folds = SessionFolds.kFold(twoSubjects(), 4, SplitMethod.STRIDE, 0);
        assertEquals(List.of(0, 4), folds.get(0).test().sessions().stream().map(Session::index).toList());
    }

    @Test
    void kFold_randomDependsOnSeedOnly() {
        TwoStepDataset d = twoSubjects();
        assertEquals(SessionFolds.kFold(d, 2, SplitMethod.RANDOM, 5), SessionFolds.kFold(d, 2, SplitMethod.RANDOM, 5));
        boolean anyDiff = false;
        for (long seed = 6; seed < 12; seed++) {
            anyDiff |= !SessionFolds.kFold(d, 2, SplitMethod.RANDOM, 5).equals(
                    SessionFolds.kFold(d, 2, SplitMethod.RANDOM, seed));
        }
        assertTrue(anyDiff);
    }

    @Test
    void kFold_rejectsTooManyFolds() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SessionFolds.kFold(twoSubjects(), 9, SplitMethod.STRIDE, 0));
        assertTrue(e.getMessage().contains("9") && e.getMessage().contains("8"));
    }

    @Test
    void holdOut_keepsBothSidesNonEmpty() {
        DatasetSplit s = SessionFolds.holdOut(twoSubjects(), 0.25, SplitMethod.STRIDE, 0);
        assertEquals(2, s.test().numSessions());
        assertEquals(6, s.train().numSessions());
        assertNotEquals(s.train(), s.test());
    }

    @Test
    void concat_mergesSubjectsAndRejectsConflicts() {
        TwoStepDataset d = twoSubjects();
        TwoStepDataset c = TwoStepDataset.concat(List.of(d.forSubject("A"), d.forSubject("B")));
        assertEquals(d, c);
        TwoStepDataset other = TwoStepDataset.of(List.of(new Subject("A", 0.5, 60)), List.of(session("A", 9, 3)));
        var e = assertThrows(IllegalArgumentException.class, () -> TwoStepDataset.concat(List.of(d, other)));
        assertTrue(e.getMessage().contains("'A'"));
    }
}
