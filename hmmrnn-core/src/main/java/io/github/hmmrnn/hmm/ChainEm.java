package io.github.hmmrnn.hmm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The one generalised-EM loop of the library's hidden chains: E-step by {@link ForwardBackward}
 * over every sequence of the summed emission log-likelihoods (or by {@link LikelihoodForwardBackward}
 * when the only factor gives its likelihoods directly), then the closed-form MAP π/A M-step
 * ({@link HmmMStep}) and each emission factor's own M-step from the same posteriors.
 *
 * <p>It climbs log p(y) + log p(π, A) + Σ log p(emission parameters): every step of the loop
 * never decreases it when each factor's M-step does not decrease its expected complete-data log
 * posterior (the EM inequality). Models whose emission update needs more than posteriors (e.g.
 * an accelerated loop) use {@link #eStep} and {@link #mStepChain} directly.
 */
public final class ChainEm {

    private ChainEm() {
    }

    /**
     * Loop settings.
     *
     * @param prior         Dirichlet prior on π and A (a pseudo-count c is concentration c + 1)
     * @param maxIterations at most this many EM iterations, at least 1
     * @param tolerance     stop when log p(y) rises by less than tolerance·|log p(y)|, &gt;= 0
     */
    public record Options(DirichletPrior prior, int maxIterations, double tolerance) {
        /**
         * @throws IllegalArgumentException if {@code maxIterations < 1} or {@code tolerance} is
         *                                  negative or NaN
         */
        public Options {
            Objects.requireNonNull(prior, "prior");
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
            }
            if (!(tolerance >= 0)) {
                throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
            }
        }
    }

    /**
     * What the loop returns.
     *
     * @param chain         π and A after the last M-step
     * @param emission      the emission model after the last M-step
     * @param outcomes      the second factor after the last M-step, or null when there is none
     * @param logLikelihood log p(y) at the returned parameters
     * @param objectives    the objective (log p(y) + log priors) at every E-step, in order; never
     *                      decreasing
     * @param converged     whether the tolerance was met before {@code maxIterations}
     * @param <E>           emission type
     * @param <O>           second factor type
     */
    public record Result<E extends ChainEmission<E>, O extends ChainEmission<O>>(
            HmmParameters chain, E emission, O outcomes, double logLikelihood, List<Double> objectives,
            boolean converged) {
    }

    /**
     * E-step: forward–backward over every sequence of the summed log-likelihoods of the factors.
     *
     * @param chain    π and A
     * @param emission the choice (or other) emission
     * @param outcomes a second emission factor, or null
     * @return per-sequence posteriors and the summed statistics
     * @throws IllegalArgumentException if the factors cover different numbers of sequences or steps
     */
    public static BatchPosterior eStep(HmmParameters chain, ChainEmission<?> emission, ChainEmission<?> outcomes) {
        int n = emission.numSequences();
        if (outcomes != null && outcomes.numSequences() != n) {
            throw new IllegalArgumentException("outcomes cover " + outcomes.numSequences() + " sequences, emission "
                    + n);
        }
        List<double[][]> logLik = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[][] l = emission.logLikelihoods(i);
            if (outcomes != null) {
                double[][] o = outcomes.logLikelihoods(i);
                if (o.length != l.length) {
                    throw new IllegalArgumentException("sequence " + i + ": outcomes have " + o.length
                            + " steps, emission " + l.length);
                }
                for (int t = 0; t < l.length; t++) {
                    for (int k = 0; k < l[t].length; k++) {
                        l[t][k] += o[t][k];
                    }
                }
            }
            logLik.add(l);
        }
        // plain loops: EM of a few short runs (the bias-only HMM warm start) is over before Vector
        // API code would pay for its JIT warm-up (ForwardBackwardWorkspace.scalar); the same bits
        return ForwardBackward.runAll(chain, logLik, false);
    }

    /**
     * The π/A M-step from an E-step's statistics (MAP under the prior; see {@link HmmMStep}).
     *
     * @param posterior E-step result
     * @param prior     Dirichlet prior
     * @param previous  current π and A (kept for rows without evidence)
     * @return updated π and A
     */
    public static HmmParameters mStepChain(BatchPosterior posterior, DirichletPrior prior, HmmParameters previous) {
        return HmmMStep.update(posterior.statistics(), prior, previous);
    }

    /**
     * Runs generalised EM from the given start until log p(y) rises by less than the tolerance
     * (relative) or the iterations run out.
     *
     * @param start    starting π and A
     * @param emission starting emission model
     * @param outcomes starting second emission factor (e.g. outcomes), or null
     * @param options  prior and stopping rule
     * @param <E>      emission type
     * @param <O>      second factor type
     * @return the parameters after the last M-step, with the log-likelihood there
     */
    public static <E extends ChainEmission<E>, O extends ChainEmission<O>> Result<E, O> fit(
            HmmParameters start, E emission, O outcomes, Options options) {
        HmmParameters chain = start;
        E e = emission;
        O o = outcomes;
        List<Double> objectives = new ArrayList<>();
        double previous = Double.NEGATIVE_INFINITY;
        boolean converged = false;
        LikelihoodForwardBackward direct = outcomes == null ? likelihoodKernel(emission, start.numStates()) : null;
        for (int iter = 0; iter < options.maxIterations(); iter++) {
            Expectations x = expectations(chain, e, o, direct);
            double ll = x.logLikelihood;
            double objective = ll + options.prior().logDensity(chain) + e.logPrior()
                    + (o == null ? 0 : o.logPrior());
            objectives.add(objective);
            chain = HmmMStep.update(x.statistics, options.prior(), chain);
            e = e.mStep(x.smoothed);
            o = o == null ? null : o.mStep(x.smoothed);
            if (ll - previous < options.tolerance() * Math.abs(ll)) {
                converged = true;
                break;
            }
            previous = ll;
        }
        double ll = expectations(chain, e, o, direct).logLikelihood;
        return new Result<>(chain, e, o, ll, List.copyOf(objectives), converged);
    }

    /** What the M-steps need from an E-step: log p(y), the chain's statistics, per-sequence γ. */
    private record Expectations(double logLikelihood, HmmStatistics statistics, List<double[][]> smoothed) {
    }

    /**
     * The likelihood-space kernel of a loop whose emission is its only factor and gives its
     * likelihoods, sized for the sequences' lengths; null when the loop runs in log space.
     */
    private static LikelihoodForwardBackward likelihoodKernel(ChainEmission<?> emission, int k) {
        int[] lengths = new int[emission.numSequences()];
        for (int i = 0; i < lengths.length; i++) {
            double[][] l = emission.likelihoods(i);
            if (l == null || l.length == 0) {
                return null;
            }
            lengths[i] = l.length;
        }
        return lengths.length == 0 ? null : new LikelihoodForwardBackward(k, lengths);
    }

    /**
     * The E-step: in likelihood space when the loop has a likelihood kernel (the emission its only
     * factor, with likelihoods) and no normaliser underflows, else by {@link #eStep}.
     */
    private static Expectations expectations(HmmParameters chain, ChainEmission<?> emission,
                                             ChainEmission<?> outcomes, LikelihoodForwardBackward direct) {
        if (direct != null) {
            Expectations x = likelihoodExpectations(chain, emission, direct);
            if (x != null) {
                return x;
            }
        }
        BatchPosterior post = eStep(chain, emission, outcomes);
        return new Expectations(post.logMarginalLikelihood(), post.statistics(),
                post.chains().stream().map(HmmPosterior::smoothed).toList());
    }

    private static Expectations likelihoodExpectations(HmmParameters chain, ChainEmission<?> emission,
                                                       LikelihoodForwardBackward direct) {
        int n = emission.numSequences();
        int k = chain.numStates();
        List<double[][]> perSequence = new ArrayList<>(n);
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            double[][] l = emission.likelihoods(i);
            if (l == null || l.length == 0) {
                return null;
            }
            perSequence.add(l);
            lengths[i] = l.length;
        }
        double[] flat = new double[direct.numSteps() * k];
        int at = 0;
        for (double[][] l : perSequence) {
            for (double[] row : l) {
                if (row.length != k) {
                    throw new IllegalArgumentException("likelihood rows have " + row.length + " states, chain " + k);
                }
                System.arraycopy(row, 0, flat, at, k);
                at += k;
            }
        }
        if (at != flat.length) {
            throw new IllegalArgumentException("the sequences changed length between E-steps");
        }
        if (!direct.run(chain, flat)) {
            return null;
        }
        double[] g = direct.smoothed();
        List<double[][]> smoothed = new ArrayList<>(n);
        at = 0;
        for (int len : lengths) {
            double[][] s = new double[len][];
            for (int t = 0; t < len; t++) {
                s[t] = Arrays.copyOfRange(g, at, at + k);
                at += k;
            }
            smoothed.add(s);
        }
        return new Expectations(direct.logMarginalLikelihood(), direct.statistics(), smoothed);
    }
}
