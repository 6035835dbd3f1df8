package io.github.hmmrnn.hmm;

import java.util.List;
import java.util.Arrays;

/**
 * Scaled forward–backward recursions for a hidden Markov chain with arbitrary emissions.
 *
 * <p>The kernel never sees the emission model: it takes per-time-step, per-state emission
 * log-likelihoods and works in scaled probability space, subtracting each time step's maximum
 * log-likelihood before exponentiating, so it neither underflows nor overflows for any finite
 * input (log-likelihoods of −1e4 and chains of 10^6 steps included).
 *
 * <p>{@link #run} and {@link #filter} assume valid input (stochastic π and A, log-likelihoods
 * without NaN, matching shapes) and are the hot-path kernels; {@link #runAll} and
 * {@link #filterAll} take validated {@link HmmParameters}, check every chain's log-likelihoods
 * and sum the sufficient statistics for the M-step. Either way, an observation with zero
 * probability under the model raises {@link IllegalArgumentException} rather than yielding NaN.
 *
 * <p>{@link #runAll}, {@link #filterAll} and {@link #runBatch} run all chains in lockstep on a
 * batch-major kernel (chains innermost, so the CPU overlaps independent chains and the JIT
 * vectorises across them) with exactly the per-chain arithmetic of {@link #run}, so their
 * results are bit-identical to running {@link #run} chain by chain; {@link #run} and
 * {@link #filter} remain the per-chain kernels for single long sequences. A loop that runs
 * forward–backward repeatedly passes a {@link ForwardBackwardWorkspace} to {@link #runBatch}
 * and gets the same numbers without allocating the outputs each time. Both take exp and log
 * from {@code BatchMath} (fdlibm's algorithms on plain IEEE operations, within two ulp of
 * {@link Math#exp} and {@link Math#log}), whose scalar and Vector API paths return the same
 * bits, so results never depend on JVM flags, JIT state, batching or thread count.
 *
 * <p>Identity used by gradient-trained emission models: the smoothed posterior γ_t(k) equals
 * ∂ log p(y_1..T) / ∂ logLik[t][k].
 */
public final class ForwardBackward {

    private ForwardBackward() {
    }

    /**
     * Runs forward–backward on one chain.
     *
     * @param initial    [K] initial state distribution π
     * @param transition [K][K] transition matrix, A[i][j] = p(z_t+1 = j | z_t = i)
     * @param logLik     [T][K] emission log-likelihoods log p(y_t | z_t = k), T &gt;= 1
     * @return the exact posterior quantities
     */
    public static HmmPosterior run(double[] initial, double[][] transition, double[][] logLik) {
        int n = logLik.length;
        int k = initial.length;
        double[][] predicted = new double[n][k];
        double[][] filtered = new double[n][k];
        double[][] scaledLik = new double[n][k];
        double[] logCond = new double[n];
        double[] norm = new double[n];
        double logMarginal = forward(initial, transition, logLik, predicted, filtered, scaledLik, logCond, norm);

        double[][] smoothed = new double[n][k];
        double[][] counts = new double[k][k];
        double[] beta = new double[k];
        double[] next = new double[k];
        Arrays.fill(beta, 1.0);
        System.arraycopy(filtered[n - 1], 0, smoothed[n - 1], 0, k);
        for (int t = n - 2; t >= 0; t--) {
            double[] e = scaledLik[t + 1];
            double c = norm[t + 1];
            for (int j = 0; j < k; j++) {
                next[j] = e[j] * beta[j] / c;
            }
            double[] f = filtered[t];
            double[] s = smoothed[t];
            for (int i = 0; i < k; i++) {
                double[] a = transition[i];
                double b = 0;
                for (int j = 0; j < k; j++) {
                    double w = a[j] * next[j];
                    b += w;
                    counts[i][j] += f[i] * w;
                }
                beta[i] = b;
                s[i] = f[i] * b;
            }
        }
        return new HmmPosterior(logMarginal, logCond, predicted, filtered, smoothed, counts);
    }

    /**
     * Runs only the forward pass: the causal quantities, cheaper than {@link #run}.
     *
     * @param initial    [K] initial state distribution π
     * @param transition [K][K] transition matrix
     * @param logLik     [T][K] emission log-likelihoods
     * @return a posterior whose {@code smoothed} and {@code expectedTransitions} are {@code null}
     */
    public static HmmPosterior filter(double[] initial, double[][] transition, double[][] logLik) {
        int n = logLik.length;
        int k = initial.length;
        double[][] predicted = new double[n][k];
        double[][] filtered = new double[n][k];
        double[] logCond = new double[n];
        double logMarginal = forward(initial, transition, logLik, predicted, filtered, null, logCond, new double[n]);
        return new HmmPosterior(logMarginal, logCond, predicted, filtered, null, null);
    }

    /**
     * Runs forward–backward on every chain after validating all inputs, and sums the sufficient
     * statistics of the hidden chain over chains. Each chain restarts from π.
     *
     * @param parameters π and A (already validated by construction)
     * @param chains     one [T_b][K] emission log-likelihood array per chain (ragged lengths)
     * @return per-chain posteriors, the total log marginal likelihood and summed statistics
     * @throws IllegalArgumentException if a chain has the wrong number of states, no steps, a NaN
     *                                  or +∞ entry (the message names chain, step and state), or
     *                                  zero probability under the model
     */
    public static BatchPosterior runAll(HmmParameters parameters, List<double[][]> chains) {
        return runAll(parameters, chains, true);
    }

    /**
     * {@link #runAll(HmmParameters, List)}, on the Vector API only if {@code vectorApi}: the same
     * bits. Without it the chains run one after another: on plain loops the lockstep rows of a
     * few chains cost more in loop overhead than they save (a 3-state bias-only HMM's E-step on
     * 15 sessions took twice as long in lockstep).
     */
    static BatchPosterior runAll(HmmParameters parameters, List<double[][]> chains, boolean vectorApi) {
        HmmValidation.requireChains(chains, parameters.numStates());
        if (vectorApi) {
            return BatchMajorKernel.ofChains(parameters.initialArray(), flatTransition(parameters), chains, true,
                    true).toBatchPosterior();
        }
        int k = parameters.numStates();
        ChainBatch batch = ChainBatch.of(k, chains);
        BatchMajorKernel kernel = new BatchMajorKernel(true, true, true, false, false);
        kernel.prepare(k, batch.offsetsArray(), true);
        kernel.runChainByChain(parameters.initialArray(), flatTransition(parameters), batch);
        return kernel.toBatchPosterior();
    }

    /**
     * Runs only the forward pass on every chain after validating all inputs.
     *
     * @param parameters π and A
     * @param chains     one [T_b][K] emission log-likelihood array per chain
     * @return per-chain causal posteriors (smoothed and ξ null) and the total log likelihood;
     *         {@link BatchPosterior#statistics()} is null
     * @throws IllegalArgumentException as {@link #runAll}
     */
    public static BatchPosterior filterAll(HmmParameters parameters, List<double[][]> chains) {
        HmmValidation.requireChains(chains, parameters.numStates());
        return BatchMajorKernel.ofChains(parameters.initialArray(), flatTransition(parameters), chains, false)
                .toBatchPosterior();
    }

    /**
     * Forward–backward over a packed batch of chains, each restarting from π, with flat outputs
     * and no per-step allocation. Results are bit-identical to {@link #runAll} and to {@link #run}
     * on each chain. Allocates the 1.4 MB of outputs of a 64 × 400 × 2 batch per call; a loop that
     * runs many batches should reuse a {@link ForwardBackwardWorkspace} with
     * {@link #runBatch(HmmParameters, ChainBatch, ForwardBackwardWorkspace)}, which gives the same
     * numbers.
     *
     * @param parameters π and A
     * @param batch      packed emission log-likelihoods (validated when built)
     * @return flat posteriors, per-chain and total log likelihoods, and summed statistics
     * @throws IllegalArgumentException if K differs between parameters and batch, or an
     *                                  observation has probability zero under the model
     */
    public static ChainBatchPosterior runBatch(HmmParameters parameters, ChainBatch batch) {
        ForwardBackwardWorkspace workspace = ForwardBackwardWorkspace.forOneCall();
        runBatch(parameters, batch, workspace);
        // the workspace is dropped here, so its arrays can be handed over without copies
        return workspace.handOver();
    }

    /**
     * Forward–backward over a packed batch into a caller-owned, reusable workspace: the fast
     * path for training loops and benchmarks. After the first call with a given batch shape
     * (B, Σ T_b, K) it allocates nothing but the small {@link HmmStatistics} record; the outputs
     * are overwritten in place by the next call.
     *
     * <p>Always computed: the smoothed posteriors γ, the per-chain and total log likelihoods and
     * the summed statistics (Σγ at chain starts and Σξ). The predicted and filtered distributions
     * and the per-step log conditionals are written only when the workspace was created to keep
     * them ({@link ForwardBackwardWorkspace.Output}); the recursion is the same either way, so
     * every number is bit-identical to {@link #runBatch(HmmParameters, ChainBatch)}, to
     * {@link #runAll} and to {@link #run} chain by chain, whatever the workspace, its history and
     * the batching.
     *
     * @param parameters π and A
     * @param batch      packed emission log-likelihoods (validated when built)
     * @param workspace  where the results go (not shared between threads while running)
     * @return {@code workspace}, holding this call's results
     * @throws IllegalArgumentException if an argument is null, K differs between parameters and
     *                                  batch, or an observation has probability zero under the
     *                                  model (the workspace then holds no result)
     */
    public static ForwardBackwardWorkspace runBatch(HmmParameters parameters, ChainBatch batch,
                                                    ForwardBackwardWorkspace workspace) {
        if (parameters == null || batch == null || workspace == null) {
            throw new IllegalArgumentException("parameters, batch and workspace must not be null, got "
                    + (parameters == null ? "parameters = null" : batch == null ? "batch = null" : "workspace = null"));
        }
        int k = parameters.numStates();
        if (batch.numStates() != k) {
            throw new IllegalArgumentException("batch has " + batch.numStates() + " states, parameters have " + k);
        }
        workspace.run(parameters, batch, batch.numChains() >= LOCKSTEP_MIN_CHAINS);
        return workspace;
    }

    /**
     * Fewer chains than this run one at a time: lockstep rows of one or two chains cost more in
     * loop overhead than they save (T = 10^6 single chains ran 3× slower in lockstep). Both paths
     * do the same arithmetic, so the numbers do not depend on which one runs.
     */
    private static final int LOCKSTEP_MIN_CHAINS = 4;

    /** Block work arrays of {@link #forwardChain}, reusable across calls. */
    static final class Blocks {
        final int k;
        final double[] x;
        final double[] m;
        final double[] lc;

        Blocks(int k) {
            this.k = k;
            x = new double[BatchMath.padded(BLOCK * k)];
            m = new double[BLOCK];
            lc = new double[BatchMath.padded(BLOCK)];
        }
    }

    /**
     * Scaled forward pass over one chain of a packed batch; returns its log-likelihood. Kept as a
     * small method of its own so the JIT compiles it as a unit rather than as an on-stack
     * replacement of a long caller loop. Its exps and logs run on the Vector API only if
     * {@code vectorApi} (the same bits).
     */
    static double forwardChain(int chain, int start, int end, int k, double[] a, double[] l,
                               double[] predicted, double[] filtered, double[] scaled, double[] norm,
                               double[] logCond, Blocks blocks, boolean vectorApi) {
        double chainLog = 0;
        double[] x = blocks.x;
        double[] m = blocks.m;
        double[] lc = blocks.lc;
        for (int t0 = start; t0 < end; t0 += BLOCK) {
            int len = Math.min(BLOCK, end - t0);
            // exps of a block of steps at once (they do not depend on the recursion)
            for (int i = 0; i < len; i++) {
                int row = (t0 + i) * k;
                double mx = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    mx = Math.max(mx, l[row + j]);
                }
                m[i] = mx;
                for (int j = 0; j < k; j++) {
                    x[i * k + j] = l[row + j] - mx;
                }
            }
            BatchMath.exp(x, BatchMath.padded(len * k), vectorApi);
            for (int i = 0; i < len; i++) {
                int t = t0 + i;
                int row = t * k;
                double c = 0;
                for (int j = 0; j < k; j++) {
                    double e = x[i * k + j];
                    scaled[row + j] = e;
                    double f = predicted[row + j] * e;
                    filtered[row + j] = f;
                    c += f;
                }
                if (!(c > 0)) {
                    throw new IllegalArgumentException("chain " + chain + ": observation at step " + (t - start)
                            + " has probability zero under the model");
                }
                double inv = 1.0 / c;
                for (int j = 0; j < k; j++) {
                    filtered[row + j] *= inv;
                }
                norm[t] = c;
                lc[i] = c;
                if (t + 1 < end) {
                    predictNext(filtered, row, k, a, predicted);
                }
            }
            BatchMath.log(lc, BatchMath.padded(len), vectorApi);
            for (int i = 0; i < len; i++) {
                double v = lc[i] + m[i];
                if (logCond != null) {
                    logCond[t0 + i] = v;
                }
                chainLog += v;
            }
        }
        return chainLog;
    }

    /**
     * The next step's predicted distribution filtered_t · A, from the filtered row at {@code row}
     * into the row after it. The sums are set by their first term (the arrays may be reused): the
     * same bits as adding it to 0, as the terms are never −0.0.
     */
    static void predictNext(double[] filtered, int row, int k, double[] a, double[] predicted) {
        int nrow = row + k;
        double f0 = filtered[row];
        for (int j = 0; j < k; j++) {
            predicted[nrow + j] = f0 * a[j];
        }
        for (int q = 1; q < k; q++) {
            double fq = filtered[row + q];
            int aq = q * k;
            for (int j = 0; j < k; j++) {
                predicted[nrow + j] += fq * a[aq + j];
            }
        }
    }

    /** Steps per block of the per-chain forward passes: their exps and logs run as one array. */
    private static final int BLOCK = 256;

    /** Scaled backward pass over one chain: smoothed posteriors and ξ counts (added to {@code counts}). */
    static void backwardChain(int start, int end, int k, double[] a, double[] filtered, double[] scaled,
                              double[] norm, double[] smoothed, double[] counts, double[] beta,
                              double[] next) {
        Arrays.fill(beta, 1.0);
        int last = (end - 1) * k;
        System.arraycopy(filtered, last, smoothed, last, k);
        for (int t = end - 2; t >= start; t--) {
            int row = t * k;
            int nrow = row + k;
            double c = norm[t + 1];
            for (int j = 0; j < k; j++) {
                next[j] = scaled[nrow + j] * beta[j] / c;
            }
            for (int i = 0; i < k; i++) {
                double fi = filtered[row + i];
                int ai = i * k;
                double bi = 0;
                for (int j = 0; j < k; j++) {
                    double w = a[ai + j] * next[j];
                    bi += w;
                    counts[ai + j] += fi * w;
                }
                beta[i] = bi;
                smoothed[row + i] = fi * bi;
            }
        }
    }


    /** @return A as a row-major [K·K] array */
    static double[] flatTransition(HmmParameters parameters) {
        double[][] rows = parameters.transitionArray();
        int k = rows.length;
        double[] a = new double[k * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(rows[i], 0, a, i * k, k);
        }
        return a;
    }

    private static double forward(double[] initial, double[][] transition, double[][] logLik,
                                  double[][] predicted, double[][] filtered, double[][] scaledLik,
                                  double[] logCond, double[] norm) {
        int n = logLik.length;
        int k = initial.length;
        double logMarginal = 0;
        double[] x = new double[BatchMath.padded(BLOCK * k)];
        double[] m = new double[BLOCK];
        double[] lc = new double[BatchMath.padded(BLOCK)];
        System.arraycopy(initial, 0, predicted[0], 0, k);
        for (int t0 = 0; t0 < n; t0 += BLOCK) {
            int len = Math.min(BLOCK, n - t0);
            // exps of a block of steps at once (they do not depend on the recursion)
            for (int i = 0; i < len; i++) {
                double[] l = logLik[t0 + i];
                double mx = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    mx = Math.max(mx, l[j]);
                }
                m[i] = mx;
                for (int j = 0; j < k; j++) {
                    x[i * k + j] = l[j] - mx;
                }
            }
            BatchMath.exp(x, BatchMath.padded(len * k));
            for (int i = 0; i < len; i++) {
                int t = t0 + i;
                double[] p = predicted[t];
                double[] f = filtered[t];
                double c = 0;
                for (int j = 0; j < k; j++) {
                    double e = x[i * k + j];
                    if (scaledLik != null) {
                        scaledLik[t][j] = e;
                    }
                    f[j] = p[j] * e;
                    c += f[j];
                }
                if (!(c > 0)) {
                    throw new IllegalArgumentException("observation at step " + t
                            + " has probability zero under the model (emission likelihood is zero in every"
                            + " state the chain can reach)");
                }
                double inv = 1.0 / c;
                for (int j = 0; j < k; j++) {
                    f[j] *= inv;
                }
                norm[t] = c;
                lc[i] = c;
                if (t + 1 < n) {
                    double[] q = predicted[t + 1];
                    for (int r = 0; r < k; r++) {
                        double fr = f[r];
                        double[] a = transition[r];
                        for (int j = 0; j < k; j++) {
                            q[j] += fr * a[j];
                        }
                    }
                }
            }
            BatchMath.log(lc, BatchMath.padded(len));
            for (int i = 0; i < len; i++) {
                double v = lc[i] + m[i];
                logCond[t0 + i] = v;
                logMarginal += v;
            }
        }
        return logMarginal;
    }
}
