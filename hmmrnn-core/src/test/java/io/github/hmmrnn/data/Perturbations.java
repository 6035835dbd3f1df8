package io.github.hmmrnn.data;

import java.util.ArrayList;
import java.util.List;

/** Test data changed from one trial on, for checks that predictions of trial t use only trials &lt; t. */
public final class Perturbations {

    private Perturbations() {
    }

    /**
     * Flips choice, reward and transition of every trial ≥ {@code from} of one session (the
     * second-step state follows from the flipped choice and transition).
     *
     * @param d       the data (unchanged)
     * @param session index of the session to change
     * @param from    first trial changed
     * @return a copy of {@code d} with that session changed
     */
    public static TwoStepDataset flipFrom(TwoStepDataset d, int session, int from) {
        List<Session> out = new ArrayList<>(d.sessions());
        Session s = out.get(session);
        int[] c = s.choices();
        int[] o = s.outcomes();
        int[] r = s.rewards();
        boolean[] m = s.commonTransitions();
        for (int t = from; t < s.length(); t++) {
            c[t] = 1 - c[t];
            r[t] = 1 - r[t];
            m[t] = !m[t];
            o[t] = m[t] ? c[t] : 1 - c[t];
        }
        out.set(session, Session.of(s.subject(), s.index(), c, o, r, m, s.scoredTrials(), s.phases()));
        return TwoStepDataset.of(d.subjects(), out);
    }
}
