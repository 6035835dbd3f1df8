package io.github.hmmrnn.hmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A classical discrete hidden Markov model with categorical emissions: z_1 ~ π, z_t+1 ~ A[z_t],
 * y_t ~ Categorical(B[z_t]). Immutable; created by {@link #of} or fitted by {@link #fit}
 * (Baum–Welch on many sequences, multi-start, seeded).
 *
 * <p>Reference: Rabiner (1989), A tutorial on hidden Markov models, Proc. IEEE 77(2).
 *
 * <p>It is not a {@link io.github.hmmrnn.model.ModelSpec}: that contract is for models of
 * two-step choices (fitted on a {@code TwoStepDataset}, predicting p(choice_t | trials &lt; t)),
 * while this is a generic HMM on integer symbol sequences (the emulation experiments' target
 * processes), fitted from {@link BaumWelchOptions}, whose multiple starts are likewise called
 * {@code starts}.
 */
public final class CategoricalHmm {

    private static final Logger LOG = LoggerFactory.getLogger(CategoricalHmm.class);

    private final HmmParameters parameters;
    private final double[][] emissions;

    private CategoricalHmm(HmmParameters parameters, double[][] emissions) {
        this.parameters = parameters;
        this.emissions = emissions;
    }

    /**
     * Creates a model, validating and copying the emission matrix.
     *
     * @param parameters π and A with K states
     * @param emissions  [K][M] emission probabilities, B[k][s] = p(y = s | z = k); each row a
     *                   probability vector
     * @return the model
     * @throws IllegalArgumentException naming {@code emissions} and the offending entry if a row
     *                                  is not a distribution or K disagrees
     */
    public static CategoricalHmm of(HmmParameters parameters, double[][] emissions) {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        int k = parameters.numStates();
        if (emissions == null || emissions.length != k) {
            throw new IllegalArgumentException("emissions must have " + k + " rows (one per state), got "
                    + (emissions == null ? "null" : emissions.length));
        }
        int m = emissions[0] == null ? 0 : emissions[0].length;
        double[][] b = new double[k][];
        for (int i = 0; i < k; i++) {
            if (emissions[i] == null || emissions[i].length != m || m == 0) {
                throw new IllegalArgumentException("emissions[" + i + "] must have " + Math.max(m, 1)
                        + " symbols like row 0");
            }
            HmmValidation.requireDistribution(emissions[i], "emissions[" + i + "]");
            b[i] = emissions[i].clone();
        }
        return new CategoricalHmm(parameters, b);
    }

    /** @return number of hidden states K */
    public int numStates() {
        return parameters.numStates();
    }

    /** @return number of symbols M */
    public int numSymbols() {
        return emissions[0].length;
    }

    /** @return π and A */
    public HmmParameters parameters() {
        return parameters;
    }

    /** @return a copy of the emission matrix B, [K][M] */
    public double[][] emissions() {
        double[][] b = new double[emissions.length][];
        for (int i = 0; i < b.length; i++) {
            b[i] = emissions[i].clone();
        }
        return b;
    }

    /**
     * @param state  k
     * @param symbol s
     * @return B[k][s]
     */
    public double emission(int state, int symbol) {
        return emissions[state][symbol];
    }

    /**
     * Per-step emission log-likelihoods of a symbol sequence.
     *
     * @param symbols [T] symbols in [0, M), T &gt;= 1
     * @return [T][K] log B[k][y_t]
     * @throws IllegalArgumentException if the sequence is empty or a symbol is out of range (the
     *                                  message names the position)
     */
    public double[][] logLikelihoods(int[] symbols) {
        requireSymbols(symbols, numSymbols(), "symbols");
        int k = numStates();
        double[][] logB = logEmissions();
        double[][] out = new double[symbols.length][k];
        for (int t = 0; t < symbols.length; t++) {
            for (int i = 0; i < k; i++) {
                out[t][i] = logB[i][symbols[t]];
            }
        }
        return out;
    }

    /**
     * Forward–backward on one sequence.
     *
     * @param symbols [T] symbols in [0, M)
     * @return the exact posterior
     * @throws IllegalArgumentException if a symbol is out of range or the sequence is impossible
     */
    public HmmPosterior posterior(int[] symbols) {
        return ForwardBackward.run(parameters.initialArray(), parameters.transitionArray(), logLikelihoods(symbols));
    }

    /**
     * Total log likelihood of independent sequences.
     *
     * @param sequences symbol sequences
     * @return Σ log p(sequence), natural log
     * @throws IllegalArgumentException if the list is empty, a symbol is out of range or a
     *                                  sequence is impossible under the model
     */
    public double logLikelihood(List<int[]> sequences) {
        requireSequences(sequences, numSymbols());
        double s = 0;
        for (int[] y : sequences) {
            s += ForwardBackward.filter(parameters.initialArray(), parameters.transitionArray(),
                    logLikelihoods(y)).logMarginalLikelihood();
        }
        return s;
    }

    /**
     * A sampled sequence with its hidden states.
     *
     * @param states  [T] hidden states
     * @param symbols [T] emitted symbols
     */
    public record Sample(int[] states, int[] symbols) {
    }

    /**
     * Simulates the model.
     *
     * @param length T, at least 1
     * @param rng    randomness source
     * @return states and symbols
     * @throws IllegalArgumentException if {@code length < 1}
     */
    public Sample sample(int length, SplittableRandom rng) {
        int[] z = StateSampler.sampleForward(parameters, length, rng);
        int[] y = new int[length];
        for (int t = 0; t < length; t++) {
            y[t] = StateSampler.sampleIndex(emissions[z[t]], rng);
        }
        return new Sample(z, y);
    }

    /**
     * Fits by Baum–Welch (MAP EM) on independent sequences, each restarting from π. Every
     * restart draws its own random start from a split of one root generator seeded with
     * {@link BaumWelchOptions#seed()}; the restart with the highest log posterior wins.
     *
     * @param sequences training sequences of symbols in [0, M)
     * @param options   fitting options
     * @return the best fit with its objective history
     * @throws IllegalArgumentException if the list is empty or a symbol is outside [0, M)
     */
    public static CategoricalHmmFit fit(List<int[]> sequences, BaumWelchOptions options) {
        requireSequences(sequences, options.numSymbols());
        SplittableRandom root = new SplittableRandom(options.seed());
        CategoricalHmmFit best = null;
        List<Double> finals = new ArrayList<>();
        for (int r = 0; r < options.starts(); r++) {
            CategoricalHmmFit fit = fitOnce(sequences, options, root.split(), r);
            finals.add(fit.logPosterior());
            LOG.info("Baum-Welch start {}/{}: log posterior {} after {} iterations{}", r + 1, options.starts(),
                    fit.logPosterior(), fit.iterations(), fit.converged() ? " (converged)" : "");
            if (best == null || fit.logPosterior() > best.logPosterior()) {
                best = fit;
            }
        }
        return new CategoricalHmmFit(best.model(), best.logLikelihood(), best.logPosterior(), best.history(),
                best.iterations(), best.converged(), best.bestRestart(), finals);
    }

    private static CategoricalHmmFit fitOnce(List<int[]> sequences, BaumWelchOptions o, SplittableRandom rng,
                                             int restart) {
        int k = o.numStates();
        int m = o.numSymbols();
        HmmParameters params = HmmParameters.of(o.structure().initialDistribution(k),
                o.structure().randomTransition(k, 1.0, rng));
        double[][] b = new double[k][m];
        for (double[] row : b) {
            double s = 0;
            for (int j = 0; j < m; j++) {
                row[j] = -Math.log(1.0 - rng.nextDouble()) + 1e-3;
                s += row[j];
            }
            for (int j = 0; j < m; j++) {
                row[j] /= s;
            }
        }
        CategoricalHmm model = new CategoricalHmm(params, b);
        double[] emissionAlpha = new double[m];
        Arrays.fill(emissionAlpha, o.emissionConcentration());
        List<Double> history = new ArrayList<>();
        double previous = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        int iter = 0;
        int[] lengths = new int[sequences.size()];
        for (int c = 0; c < lengths.length; c++) {
            lengths[c] = sequences.get(c).length;
        }
        // one workspace for the whole loop: the E-step's outputs are refilled, not reallocated
        ForwardBackwardWorkspace post = ForwardBackwardWorkspace.of();
        while (true) {
            double[][] logB = model.logEmissions();
            int steps = 0;
            for (int len : lengths) {
                steps += len;
            }
            double[] flat = new double[steps * k];
            int pos = 0;
            for (int[] y : sequences) {
                for (int sym : y) {
                    for (int i = 0; i < k; i++) {
                        flat[pos++] = logB[i][sym];
                    }
                }
            }
            ForwardBackward.runBatch(model.parameters, ChainBatch.ofFlat(k, lengths, flat), post);
            double logLik = post.logMarginalLikelihood();
            double logPost = logLik + model.logPrior(o.transitionPrior(), o.emissionConcentration());
            history.add(logPost);
            iter++;
            LOG.debug("Baum-Welch restart {} iteration {}: log posterior {}", restart, iter, logPost);
            if (logPost - previous < o.tolerance() * Math.max(1.0, Math.abs(logPost))) {
                converged = true;
            }
            if (converged || iter >= o.maxIterations()) {
                return new CategoricalHmmFit(model, logLik, logPost, history, iter, converged, restart, List.of());
            }
            previous = logPost;
            double[][] counts = new double[k][m];
            double[] g = post.smoothed();
            pos = 0;
            for (int[] y : sequences) {
                for (int sym : y) {
                    for (int i = 0; i < k; i++) {
                        counts[i][sym] += g[pos++];
                    }
                }
            }
            HmmParameters nextParams = HmmMStep.update(post.statistics(), o.transitionPrior(), model.parameters);
            double[][] nextB = new double[k][];
            for (int i = 0; i < k; i++) {
                nextB[i] = HmmMStep.mapRow(counts[i], emissionAlpha, model.emissions[i]);
            }
            model = new CategoricalHmm(nextParams, nextB);
        }
    }

    /**
     * Unnormalised log prior density: the Dirichlet terms on π, A and the emission rows.
     *
     * @param prior                 prior on π and A
     * @param emissionConcentration symmetric concentration on each emission row
     * @return Σ (α − 1) log p over all parameters
     * @throws IllegalArgumentException if the prior has a different number of states
     */
    public double logPrior(DirichletPrior prior, double emissionConcentration) {
        double s = prior.logDensity(parameters);
        for (double[] row : emissions) {
            for (double p : row) {
                s += DirichletPrior.term(emissionConcentration, p);
            }
        }
        return s;
    }

    private double[][] logEmissions() {
        double[][] l = new double[emissions.length][emissions[0].length];
        for (int i = 0; i < l.length; i++) {
            for (int j = 0; j < l[i].length; j++) {
                l[i][j] = Math.log(emissions[i][j]);
            }
        }
        return l;
    }

    private static void requireSequences(List<int[]> sequences, int numSymbols) {
        if (sequences == null || sequences.isEmpty()) {
            throw new IllegalArgumentException("sequences must contain at least one sequence");
        }
        for (int c = 0; c < sequences.size(); c++) {
            requireSymbols(sequences.get(c), numSymbols, "sequence " + c);
        }
    }

    private static void requireSymbols(int[] symbols, int numSymbols, String name) {
        if (symbols == null || symbols.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one symbol");
        }
        for (int t = 0; t < symbols.length; t++) {
            if (symbols[t] < 0 || symbols[t] >= numSymbols) {
                throw new IllegalArgumentException(name + " position " + t + ": symbol " + symbols[t]
                        + " not in [0, " + numSymbols + ")");
            }
        }
    }

    @Override
    public String toString() {
        return "CategoricalHmm{" + parameters + ", emissions=" + Arrays.deepToString(emissions) + "}";
    }
}
