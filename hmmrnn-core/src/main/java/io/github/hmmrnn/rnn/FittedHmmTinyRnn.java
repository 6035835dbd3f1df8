package io.github.hmmrnn.rnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.LatentStateModel;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.StateInference;

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
    public FittedHmmTinyRnn withProvenance(Provenance provenance) {
        return new FittedHmmTinyRnn(state.withProvenance(provenance));
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
        for (RnnState.SessionPass s : state.infer(data, false)) {
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
     *         when the chain emits outcomes ({@link ChainEvidence#CHOICES_AND_OUTCOMES})
     */
    public Optional<OutcomeEmissions> outcomeEmissions() {
        return Optional.ofNullable(state.outcomes());
    }

    /**
     * Runs the GRU and forward–backward once over every whole session.
     *
     * @param data sessions
     * @return choice probabilities, state posteriors, Viterbi paths and log-likelihoods per session
     */
    @Override
    public StateInference infer(TwoStepDataset data) {
        return state.inference(data);
    }

    /**
     * Log marginal likelihood of each session's scored choices (and outcomes, when the chain emits
     * them) under the fitted model.
     *
     * @param data sessions
     * @return [sessions] natural log
     */
    public double[] logMarginalLikelihoods(TwoStepDataset data) {
        List<RnnState.SessionPass> inf = state.infer(data, false);
        double[] ll = new double[inf.size()];
        for (int i = 0; i < ll.length; i++) {
            ll[i] = inf.get(i).posterior().logMarginalLikelihood();
        }
        return ll;
    }
}
