package io.github.hmmrnn.rnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.LatentStateModel;

/**
 * A fitted HMM-TinyRNN. Immutable and thread-safe: every query builds its own DL4J graph from the
 * stored parameters.
 *
 * <p>Predictive choice probabilities mix the heads with the one-step predictive phase
 * distribution p(z_t | trials &lt; t), so they are causal; smoothed posteriors are for phase
 * recovery only.
 */
public final class FittedHmmTinyRnn extends FittedRnnBase implements LatentStateModel {

    static final String TYPE = "HmmTinyRnn";

    FittedHmmTinyRnn(RnnState state) {
        super(state, TYPE);
    }

    /**
     * Loads a model written by {@link #save(Path)}.
     *
     * @param path the file
     * @return the model
     * @throws IOException              if the file cannot be read or parsed
     * @throws IllegalArgumentException if its format version is unknown or it holds another model
     *                                  type
     */
    public static FittedHmmTinyRnn load(Path path) throws IOException {
        return new FittedHmmTinyRnn(RnnModelFile.load(path, TYPE));
    }

    @Override
    public String name() {
        return "HmmTinyRnn(K=" + state.hyperParameters.states() + ",H=" + state.hyperParameters.hiddenSize() + ")";
    }

    /**
     * Each head's probability of choice 1 at every trial (a function of trials &lt; t only).
     *
     * @param data sessions
     * @return per session [T][K]
     */
    public List<double[][]> headChoiceProbabilities(TwoStepDataset data) {
        List<double[][]> out = new ArrayList<>();
        for (RnnState.SessionInference s : state.infer(data, false)) {
            double[][][] lp = s.headLogProbabilities();
            double[][] p = new double[lp.length][state.hyperParameters.states()];
            for (int t = 0; t < lp.length; t++) {
                for (int k = 0; k < p[t].length; k++) {
                    p[t][k] = Math.exp(lp[t][k][1]);
                }
            }
            out.add(p);
        }
        return out;
    }

    @Override
    public int numStates() {
        return state.hyperParameters.states();
    }

    @Override
    public double[] initialDistribution() {
        return state.initial();
    }

    @Override
    public double[][] transitionMatrix() {
        return state.transition();
    }

    /**
     * @return the per-state outcome model (reward probability per second-step state), present only
     *         when the chain emits outcomes ({@link io.github.hmmrnn.model.ChainEvidence#CHOICES_AND_OUTCOMES})
     */
    public java.util.Optional<io.github.hmmrnn.model.OutcomeEmissions> outcomeEmissions() {
        return java.util.Optional.ofNullable(state.outcomes());
    }

    @Override
    public List<double[][]> predictedStates(TwoStepDataset data) {
        List<double[][]> out = new ArrayList<>();
        for (RnnState.SessionInference s : state.infer(data, false)) {
            out.add(s.posterior().predicted());
        }
        return out;
    }

    @Override
    public List<double[][]> filteredStates(TwoStepDataset data) {
        List<double[][]> out = new ArrayList<>();
        for (RnnState.SessionInference s : state.infer(data, false)) {
            out.add(s.posterior().filtered());
        }
        return out;
    }

    @Override
    public List<double[][]> smoothedStates(TwoStepDataset data) {
        List<double[][]> out = new ArrayList<>();
        for (RnnState.SessionInference s : state.infer(data, true)) {
            out.add(s.posterior().smoothed());
        }
        return out;
    }

    @Override
    public List<int[]> mostLikelyStates(TwoStepDataset data) {
        return state.mostLikelyStates(data);
    }

    /**
     * Log marginal likelihood of each session's scored choices (and outcomes, when the chain emits
     * them) under the fitted model.
     *
     * @param data sessions
     * @return [sessions] natural log
     */
    public double[] logMarginalLikelihoods(TwoStepDataset data) {
        List<RnnState.SessionInference> inf = state.infer(data, false);
        double[] ll = new double[inf.size()];
        for (int i = 0; i < ll.length; i++) {
            ll[i] = inf.get(i).posterior().logMarginalLikelihood();
        }
        return ll;
    }
}
