package io.github.hmmrnn.hmm;

import java.util.Arrays;

/**
 * Scaled forward–backward over a batch of chains whose emissions are given as likelihoods
 * p(y_t | z_t = k) rather than log-likelihoods, one chain after another on plain loops: for
 * models whose emission probabilities come at no extra cost (a logistic choice model has σ(η)
 * from the one exponential that its log-likelihood needs), where the log-space kernels of
 * {@link ForwardBackward} spend most of their time on an exponential per state and step.
 *
 * <p>The recursions are those of {@link ForwardBackward} without the per-step shift by the
 * largest log-likelihood: f_t(k) = p_t(k)·l_t(k), c_t = Σ_k f_t(k), filtered f_t / c_t,
 * p_t+1 = filtered_t·A, log p(y) = Σ_t log c_t; backward β_t = A (l_t+1 ∘ β_t+1) / c_t+1, γ_t =
 * filtered_t ∘ β_t, ξ counts Σ_t filtered_t(i)·A(i, j)·l_t+1(j)·β_t+1(j) / c_t+1. Without the
 * shift a normaliser can underflow where log-space would not (every state's likelihood below
 * about 10^−290 at one step): {@link #run} then reports failure and the caller uses the
 * log-space kernel instead. The outputs are within a few ulps of the log-space kernel's, not
 * bit-identical to them.
 *
 * <p>An instance keeps its work arrays between runs and is not shared between threads.
 */
public final class LikelihoodForwardBackward {

    /** Normalisers below this are treated as an underflow (their reciprocal must stay finite). */
    static final double MIN_NORMALISER = 1e-290;

    private final int k;
    private final int[] offsets;
    private final double[] predicted;
    private final double[] filtered;
    private final double[] norm;
    private final double[] smoothed;
    private final double[] initialCounts;
    private final double[] transitionCounts;
    private final double[] a;
    private final double[] beta;
    private final double[] next;
    private double logMarginalLikelihood;
    private boolean hasResult;

    /**
     * @param numStates    K ≥ 1
     * @param chainLengths length of every chain, each ≥ 1; the chains lie one after another on
     *                     the flat step axis of the likelihoods and outputs
     * @throws IllegalArgumentException if K or a length is below 1, or there are no chains
     */
    public LikelihoodForwardBackward(int numStates, int[] chainLengths) {
        if (numStates < 1) {
            throw new IllegalArgumentException("numStates must be >= 1, got " + numStates);
        }
        if (chainLengths.length == 0) {
            throw new IllegalArgumentException("chainLengths must name at least one chain");
        }
        this.k = numStates;
        this.offsets = new int[chainLengths.length + 1];
        for (int b = 0; b < chainLengths.length; b++) {
            if (chainLengths[b] < 1) {
                throw new IllegalArgumentException("chain " + b + " has length " + chainLengths[b] + ", expected >= 1");
            }
            offsets[b + 1] = Math.addExact(offsets[b], chainLengths[b]);
        }
        int cells = Math.multiplyExact(offsets[chainLengths.length], k);
        this.predicted = new double[cells];
        this.filtered = new double[cells];
        this.smoothed = new double[cells];
        this.norm = new double[offsets[chainLengths.length]];
        this.initialCounts = new double[k];
        this.transitionCounts = new double[k * k];
        this.a = new double[k * k];
        this.beta = new double[k];
        this.next = new double[k];
    }

    /** @return total steps N of the chains, the length of the flat step axis */
    public int numSteps() {
        return norm.length;
    }

    /**
     * Runs forward and backward over every chain.
     *
     * @param parameters  π and A, K states
     * @param likelihoods [N·K] p(y_t | z_t = k) ≥ 0, step-major on the flat step axis (read only)
     * @return true when done; false when some step's normaliser fell below about 10^−290 (the
     *         outputs are then undefined; run the log-space kernel instead)
     * @throws IllegalArgumentException if the parameters have another number of states or the
     *                                  likelihoods another length
     */
    public boolean run(HmmParameters parameters, double[] likelihoods) {
        if (parameters.numStates() != k) {
            throw new IllegalArgumentException("parameters have " + parameters.numStates() + " states, expected " + k);
        }
        if (likelihoods.length != smoothed.length) {
            throw new IllegalArgumentException("likelihoods has length " + likelihoods.length + ", expected "
                    + smoothed.length + " (steps × states)");
        }
        hasResult = false;
        double[][] rows = parameters.transitionArray();
        for (int i = 0; i < k; i++) {
            System.arraycopy(rows[i], 0, a, i * k, k);
        }
        double[] pi = parameters.initialArray();
        Arrays.fill(initialCounts, 0.0);
        Arrays.fill(transitionCounts, 0.0);
        double total = 0;
        for (int b = 0; b + 1 < offsets.length; b++) {
            int start = offsets[b];
            int end = offsets[b + 1];
            System.arraycopy(pi, 0, predicted, start * k, k);
            double chainLog = forwardChain(start, end, likelihoods);
            if (Double.isNaN(chainLog)) {
                return false;
            }
            total += chainLog;
            // the log-space backward pass on likelihoods in place of the shifted exponentials
            ForwardBackward.backwardChain(start, end, k, a, filtered, likelihoods, norm, smoothed, transitionCounts,
                    beta, next);
            for (int j = 0; j < k; j++) {
                initialCounts[j] += smoothed[start * k + j];
            }
        }
        logMarginalLikelihood = total;
        hasResult = true;
        return true;
    }

    /** Forward pass over one chain; its log-likelihood, or NaN when a normaliser underflows. */
    private double forwardChain(int start, int end, double[] l) {
        double chainLog = 0;
        for (int t = start; t < end; t++) {
            int row = t * k;
            double c = 0;
            for (int j = 0; j < k; j++) {
                double f = predicted[row + j] * l[row + j];
                filtered[row + j] = f;
                c += f;
            }
            if (!(c >= MIN_NORMALISER) || c == Double.POSITIVE_INFINITY) {
                return Double.NaN;
            }
            double inv = 1.0 / c;
            for (int j = 0; j < k; j++) {
                filtered[row + j] *= inv;
            }
            norm[t] = c;
            chainLog += Math.log(c);
            if (t + 1 < end) {
                ForwardBackward.predictNext(filtered, row, k, a, predicted);
            }
        }
        return chainLog;
    }

    /**
     * @return Σ over chains of log p(y_chain), natural log, summed in chain order
     * @throws IllegalStateException if the last run did not finish
     */
    public double logMarginalLikelihood() {
        requireResult();
        return logMarginalLikelihood;
    }

    /**
     * @return [N·K] γ_t = p(z_t | the whole chain) (this object's array, overwritten by the next run)
     * @throws IllegalStateException if the last run did not finish
     */
    public double[] smoothed() {
        requireResult();
        return smoothed;
    }

    /**
     * @return [N·K] p(z_t | y_&lt;t); a chain's first step holds π (this object's array,
     *         overwritten by the next run)
     * @throws IllegalStateException if the last run did not finish
     */
    public double[] predicted() {
        requireResult();
        return predicted;
    }

    /**
     * @return the expected counts for the M-step of π and A (copies)
     * @throws IllegalStateException if the last run did not finish
     */
    public HmmStatistics statistics() {
        requireResult();
        double[][] counts = new double[k][];
        for (int i = 0; i < k; i++) {
            counts[i] = Arrays.copyOfRange(transitionCounts, i * k, (i + 1) * k);
        }
        return new HmmStatistics(initialCounts.clone(), counts, logMarginalLikelihood, offsets.length - 1);
    }

    private void requireResult() {
        if (!hasResult) {
            throw new IllegalStateException("no result: run() has not finished successfully");
        }
    }
}
