package io.github.hmmrnn.hmm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.hmm.ChainLayout.ForcedTrialRule;

class ChainLayoutTest {

    /** Trials 0 and 3 forced, 5 trials. */
    private static Session session() {
        int[] c = {1, 0, 1, 1, 0};
        boolean[] scored = {false, true, true, false, true};
        return Session.of("r", 0, c, new int[] {0, 1, 0, 1, 0}, new int[] {1, 0, 0, 1, 1}, new boolean[5], scored, null);
    }

    @Test
    void of_libraryRuleStepsOnEveryTrialAndScoredTrialsEmitChoices() {
        ChainLayout l = ChainLayout.of(session());
        assertEquals(ForcedTrialRule.EVERY_TRIAL, ChainLayout.RULE);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, l.steps());
        assertArrayEquals(new boolean[] {false, true, true, false, true}, l.choiceSteps());
        assertEquals(5, l.numSteps());
        assertEquals(3, l.numChoiceSteps());
        for (int t = 0; t < 5; t++) {
            assertEquals(t, l.stepOf(t));
        }
    }

    @Test
    void of_scoredTrialsRuleSkipsForcedTrials() {
        ChainLayout l = ChainLayout.of(session(), ForcedTrialRule.SCORED_TRIALS);
        assertArrayEquals(new int[] {1, 2, 4}, l.steps());
        assertArrayEquals(new boolean[] {true, true, true}, l.choiceSteps());
        // a forced trial belongs to the next step; none after the last step
        assertEquals(0, l.stepOf(0));
        assertEquals(2, l.stepOf(3));
        assertEquals(2, l.stepOf(4));
    }

    @Test
    void of_explicitStepsMustIncrease() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ChainLayout.of(4, new int[] {0, 2, 2}, new boolean[3]));
        assertTrue(e.getMessage().contains("steps[2] = 2"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class,
                () -> ChainLayout.of(4, new int[] {0, 1}, new boolean[3]));
        assertTrue(f.getMessage().contains("emitsChoice"), f.getMessage());
    }
}
