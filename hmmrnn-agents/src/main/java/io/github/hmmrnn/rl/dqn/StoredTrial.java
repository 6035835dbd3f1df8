package io.github.hmmrnn.rl.dqn;

/**
 * One complete trial as experienced at acting time.
 *
 * @param observations  observation on which each action was chosen, [steps][obsSize]
 * @param actions       action per step
 * @param rewards       reward per step
 * @param actingQ       Q-values computed while acting, [steps][actions]
 * @param initialState  the agent's recurrent state at the trial's first step (zeros under per-trial reset)
 * @param burnInState   the state {@code burnInObservations.length} steps before the trial start
 * @param burnInObservations observations of the steps preceding the trial (empty under per-trial reset)
 * @param performance   1 if answered correctly, else 0
 * @param condition     the task's condition variable (coherence or match flag)
 */
public record StoredTrial(double[][] observations, int[] actions, double[] rewards, double[][] actingQ,
                          double[] initialState, double[] burnInState, double[][] burnInObservations,
                          int performance, double condition) {

    /**
     * Number of steps.
     *
     * @return trial length
     */
    public int length() {
        return actions.length;
    }
}
