package io.github.hmmrnn.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PhaseRecovery;
import io.github.hmmrnn.metrics.PhaseRecoveryResult;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.LatentStateModel;
import io.github.hmmrnn.model.StateInference;
import io.github.hmmrnn.oracle.OracleResult;

/**
 * Scores fitted models on a split: causal predictive metrics from p(choice_t | trials &lt; t) and,
 * where the data carry true phases, phase recovery from the smoothed posterior.
 */
public final class Evaluations {

    private Evaluations() {
    }

    /**
     * Evaluates a fitted model.
     *
     * @param model the fitted model
     * @param label row label
     * @param split split label
     * @param data  the split's sessions
     * @return the evaluation
     */
    public static SplitEvaluation of(FittedChoiceModel model, String label, String split, TwoStepDataset data) {
        if (!(model instanceof LatentStateModel latent) || !data.hasPhases()) {
            List<double[]> p = model.predictChoiceProbabilities(data);
            return new SplitEvaluation(label, split, PredictiveMetrics.evaluate(data, p), OptionalDouble.empty(), p,
                    null, null);
        }
        // one inference pass: its choice probabilities equal predictChoiceProbabilities bit for bit
        StateInference inference = latent.infer(data);
        List<double[]> p = inference.choiceProbabilities();
        var score = PredictiveMetrics.evaluate(data, p);
        List<double[][]> smoothed = inference.smoothedStates();
        PhaseRecoveryResult rec = PhaseRecovery.evaluate(data, smoothed);
        int phases = numPhases(data);
        int[] map = rec.mapping();
        return new SplitEvaluation(label, split, score, OptionalDouble.of(rec.accuracy()), p,
                aligned(inference.predictedStates(), map, phases), aligned(smoothed, map, phases));
    }

    /**
     * Wraps the Bayes oracle's output as an evaluation.
     *
     * @param oracle oracle output on the split
     * @param label  row label
     * @param split  split label
     * @return the evaluation
     */
    public static SplitEvaluation ofOracle(OracleResult oracle, String label, String split) {
        return new SplitEvaluation(label, split, oracle.score(), oracle.smoothedPhaseAccuracy(),
                oracle.choiceProbabilities(), oracle.predictedPhases(), oracle.smoothedPhases());
    }

    /**
     * @param data sessions with true phase labels
     * @return number of distinct true phases: 1 + the largest phase label
     */
    public static int numPhases(TwoStepDataset data) {
        int max = 0;
        for (Session s : data.sessions()) {
            for (int t = 0; t < s.length(); t++) {
                max = Math.max(max, s.phase(t));
            }
        }
        return max + 1;
    }

    /** Re-expresses state probabilities as probabilities of the true phases the states map to. */
    private static List<double[][]> aligned(List<double[][]> states, int[] map, int phases) {
        List<double[][]> out = new ArrayList<>(states.size());
        for (double[][] g : states) {
            double[][] a = new double[g.length][phases];
            for (int t = 0; t < g.length; t++) {
                for (int k = 0; k < g[t].length; k++) {
                    if (map[k] >= 0) {
                        a[t][map[k]] += g[t][k];
                    }
                }
            }
            out.add(a);
        }
        return out;
    }
}
