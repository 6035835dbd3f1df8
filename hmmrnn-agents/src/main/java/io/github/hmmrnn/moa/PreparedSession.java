package io.github.hmmrnn.moa;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ChainLayout;
import io.github.hmmrnn.hmm.ChainLayout.ForcedTrialRule;

import java.util.ArrayList;
import java.util.List;

/**
 * A session with its subject's p_congruent, its chain layout ({@link ChainLayout}: the trials that
 * are steps of the hidden chain, {@code steps}, and which of them emit their choice,
 * {@code emits}) and its choices, second-step states and rewards of all trials.
 */
record PreparedSession(Session session, double pCongruent, ChainLayout layout, int[] steps, boolean[] emits,
                       int numChoiceSteps, int[] choices, int[] outcomes, int[] rewards) {

    static List<PreparedSession> of(TwoStepDataset data) {
        return of(data, ChainLayout.RULE);
    }

    static List<PreparedSession> of(TwoStepDataset data, ForcedTrialRule rule) {
        List<PreparedSession> out = new ArrayList<>(data.numSessions());
        for (Session s : data.sessions()) {
            double pc = data.subject(s.subject()).pCongruent();
            ChainLayout layout = ChainLayout.of(s, rule);
            out.add(new PreparedSession(s, pc, layout, layout.steps(), layout.choiceSteps(), layout.numChoiceSteps(),
                    s.choices(), s.outcomes(), s.rewards()));
        }
        return out;
    }
}
