package io.github.hmmrnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.synthetic.TwoStepGenerator;

/** {@link Session#segment} and {@link SessionFolds#holdOutSegments}. */
class SessionSegmentsTest {

    private static TwoStepDataset data(int... lengths) {
        TwoStepDataset gen = TwoStepGenerator.builder().sequences(lengths.length).trials(400).seed(3).build().generate();
        List<Session> out = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            out.add(gen.sessions().get(i).segment(0, lengths[i]));
        }
        return TwoStepDataset.of(gen.subjects(), out);
    }

    @Test
    void segment_copiesTheTrialRange() {
        Session s = data(400).sessions().get(0);
        Session part = s.segment(100, 130);
        assertEquals(30, part.length());
        assertEquals(s.index(), part.index());
        assertArrayEquals(Arrays.copyOfRange(s.choices(), 100, 130), part.choices());
        assertArrayEquals(Arrays.copyOfRange(s.phases(), 100, 130), part.phases());
        assertSame(s, s.segment(0, 400));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.segment(5, 5));
        assertTrue(e.getMessage().contains("[5, 5)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.segment(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> s.segment(0, 401));
    }

    @Test
    void holdOutSegments_matchesPerTrialLabelling() {
        TwoStepDataset d = data(400, 320, 151, 90);
        DatasetSplit split = SessionFolds.holdOutSegments(d, 50, 0.15);
        // oracle: label each trial by its segment number (counted through all sessions), held out
        // when that number is 3 mod 7; the parts are the maximal runs of equal label per session
        List<Session> train = new ArrayList<>();
        List<Session> test = new ArrayList<>();
        int segmentsBefore = 0;
        for (Session s : d.sessions()) {
            boolean[] held = new boolean[s.length()];
            for (int t = 0; t < s.length(); t++) {
                held[t] = (segmentsBefore + t / 50) % 7 == 3;
            }
            segmentsBefore += (s.length() + 49) / 50;
            int from = 0;
            for (int t = 1; t <= s.length(); t++) {
                if (t == s.length() || held[t] != held[from]) {
                    (held[from] ? test : train).add(s.segment(from, t));
                    from = t;
                }
            }
        }
        assertEquals(train, split.train().sessions());
        assertEquals(test, split.test().sessions());
        assertEquals(d.numTrials(), split.train().numTrials() + split.test().numTrials());
        // 8 + 7 + 4 + 2 = 21 segments; held out: numbers 3, 10 and 17, one in each of the first three sessions
        assertEquals(List.of(0, 1, 2), split.test().sessions().stream().map(Session::index).toList());
        assertEquals(150, split.test().numTrials());
    }

    @Test
    void holdOutSegments_rejectsBadArguments() {
        TwoStepDataset d = data(100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionFolds.holdOutSegments(d, 0, 0.15));
        assertTrue(e.getMessage().contains("segmentLength"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SessionFolds.holdOutSegments(d, 10, 1.0));
        assertThrows(IllegalArgumentException.class, () -> SessionFolds.holdOutSegments(d, 150, 0.15));
    }
}
