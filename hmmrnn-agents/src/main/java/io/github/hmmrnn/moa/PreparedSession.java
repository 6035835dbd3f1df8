package io.github.hmmrnn.moa;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;

import java.util.ArrayList;
import java.util.List;

/**
 * A session with its subject's p_congruent, the indices of its scored trials (the steps of the
 * hidden chain) and its choices, second-step states and rewards of all trials.
 */
record PreparedSession(Session session, double pCongruent, int[] free, int[] choices, int[] outcomes, int[] rewards) {

    static List<PreparedSession> of(TwoStepDataset data) {
        List<PreparedSession> out = new ArrayList<>(data.numSessions());
        for (Session s : data.sessions()) {
            double pc = data.subject(s.subject()).pCongruent();
            int[] free = new int[s.scoredCount()];
            int j = 0;
            for (int t = 0; t < s.length(); t++) {
                if (s.scored(t)) {
                    free[j++] = t;
                }
            }
            out.add(new PreparedSession(s, pc, free, s.choices(), s.outcomes(), s.rewards()));
        }
        return out;
    }
}
