package io.github.hmmrnn.hmm;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Caller-owned, reusable outputs and work arrays of
 * {@link ForwardBackward#runBatch(HmmParameters, ChainBatch, ForwardBackwardWorkspace)}: the way
 * to run forward–backward over a {@link ChainBatch} many times (an EM loop, a training epoch, a
 * benchmark) without allocating the outputs each time. A run overwrites the previous run's
 * results; an array is reallocated only when the batch's shape (number of chains B, total steps
 * N = Σ T_b, states K) differs from the previous run's.
 *
 * <p>Every run computes the smoothed posteriors γ, the per-chain and total log likelihoods and
 * the summed statistics of the hidden chain (Σγ at chain starts, Σξ), which is what an E-step
 * or a gradient of log p(y) needs. The other per-step outputs are kept only when asked for at
 * creation ({@link Output}); leaving them out saves writing them to memory, never changes a
 * number: the recursion is the same, and every output is bit-identical to
 * {@link ForwardBackward#runBatch(HmmParameters, ChainBatch)} and to {@link ForwardBackward#run}
 * chain by chain.
 *
 * <p>The arrays returned by the accessors are the workspace's own, not copies (they are the
 * point of the class): read them before the next run, and do not modify them. Per-step arrays use
 * the {@link ChainBatch} layout: step t of chain b, state k at {@code ((batch.offset(b) + t) * K + k)}.
 * Not thread-safe: one workspace per thread.
 *
 * <pre>{@code
 * ForwardBackwardWorkspace ws = ForwardBackwardWorkspace.of(); // γ, log p(y), statistics only
 * for (int iter = 0; iter < 100; iter++) {
 *     ForwardBackward.runBatch(params, ChainBatch.ofFlat(K, lengths, logLik), ws);
 *     double[] gamma = ws.smoothed();
 *     params = HmmMStep.update(ws.statistics(), prior, params);
 * }
 * }</pre>
 */
public final class ForwardBackwardWorkspace {

    /** Optional per-step outputs, written only when a workspace is created with them. */
    public enum Output {
        /** p(z_t | y_&lt;t), the one-step predictive state distribution that predictive metrics use. */
        PREDICTED,
        /** p(z_t | y_≤t), the filtered posterior. */
        FILTERED,
        /** log p(y_t | y_&lt;t), each step's causal log probability. */
        LOG_CONDITIONALS
    }

    private final Set<Output> outputs;
    private final BatchMajorKernel kernel;
    private double[] transition = new double[0];
    private double[] chainLogLikelihoods = new double[0];
    private double[] initialCounts = new double[0];
    private double[][] transitionCounts = new double[0][];
    private double logMarginalLikelihood;
    private int numStates;
    private boolean hasResult;

    private ForwardBackwardWorkspace(Set<Output> outputs, boolean reused) {
        this(outputs, reused, true);
    }

    private ForwardBackwardWorkspace(Set<Output> outputs, boolean reused, boolean vectorApi) {
        this.outputs = Collections.unmodifiableSet(outputs.isEmpty() ? EnumSet.noneOf(Output.class)
                : EnumSet.copyOf(outputs));
        kernel = new BatchMajorKernel(outputs.contains(Output.PREDICTED), outputs.contains(Output.FILTERED),
                outputs.contains(Output.LOG_CONDITIONALS), reused, vectorApi);
    }

    /**
     * Creates an empty workspace that keeps the given optional outputs.
     *
     * @param outputs the optional per-step outputs to keep; none for γ, log likelihoods and
     *                statistics only (the least memory traffic)
     * @return a new workspace without results
     * @throws IllegalArgumentException if {@code outputs} or one of its elements is null
     */
    public static ForwardBackwardWorkspace of(Output... outputs) {
        return new ForwardBackwardWorkspace(checked(outputs), true);
    }

    private static EnumSet<Output> checked(Output... outputs) {
        if (outputs == null) {
            throw new IllegalArgumentException("outputs must not be null");
        }
        EnumSet<Output> set = EnumSet.noneOf(Output.class);
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] == null) {
                throw new IllegalArgumentException("outputs[" + i + "] is null, expected one of "
                        + Arrays.toString(Output.values()));
            }
            set.add(outputs[i]);
        }
        return set;
    }

    /**
     * Creates an empty workspace that keeps the given optional outputs and never uses the Vector
     * API, even when {@code jdk.incubator.vector} is present: the same numbers, bit for bit. For
     * runs of a few seconds whose forward–backward is a small part of the work (an HMM-MoA fit):
     * until the JIT has compiled it, Vector API code runs tens of times slower than plain
     * loops, which on M055 cost a 3-state HMM-MoA fit about 3 s of CPU (of 18) and made it no
     * faster afterwards.
     *
     * @param outputs the optional per-step outputs to keep; none for γ, log likelihoods and
     *                statistics only
     * @return a new workspace without results
     * @throws IllegalArgumentException if {@code outputs} or one of its elements is null
     */
    public static ForwardBackwardWorkspace scalar(Output... outputs) {
        return new ForwardBackwardWorkspace(checked(outputs), true, false);
    }

    /**
     * Creates an empty workspace that keeps the given optional outputs.
     *
     * @param outputs the optional per-step outputs to keep (may be empty)
     * @return a new workspace without results
     * @throws IllegalArgumentException if {@code outputs} is null or contains null
     */
    public static ForwardBackwardWorkspace of(Set<Output> outputs) {
        if (outputs == null) {
            throw new IllegalArgumentException("outputs must not be null");
        }
        return of(outputs.toArray(new Output[0]));
    }

    /** @return an empty workspace that keeps every output, like {@link ChainBatchPosterior} */
    public static ForwardBackwardWorkspace allOutputs() {
        return new ForwardBackwardWorkspace(EnumSet.allOf(Output.class), true);
    }

    /**
     * @return a workspace for one call that keeps every output, with the kernel's smaller work
     *         arrays for single use (the same numbers)
     */
    static ForwardBackwardWorkspace forOneCall() {
        return new ForwardBackwardWorkspace(EnumSet.allOf(Output.class), false);
    }

    /** Runs forward–backward into this workspace (arguments checked by the caller). */
    void run(HmmParameters parameters, ChainBatch batch, boolean lockstep) {
        hasResult = false;
        int k = parameters.numStates();
        double[][] a = parameters.transitionArray();
        if (transition.length != k * k) {
            transition = new double[k * k];
        }
        for (int i = 0; i < k; i++) {
            System.arraycopy(a[i], 0, transition, i * k, k);
        }
        double[] pi = parameters.initialArray();
        kernel.prepare(k, batch.offsetsArray(), true);
        if (lockstep) {
            kernel.runBatch(pi, transition, batch);
        } else {
            kernel.runChainByChain(pi, transition, batch);
        }
        int n = batch.numChains();
        chainLogLikelihoods = BatchMajorKernel.sized(chainLogLikelihoods, n);
        kernel.chainLogLikelihoods(chainLogLikelihoods);
        logMarginalLikelihood = kernel.totalLogLikelihood();
        if (initialCounts.length != k) {
            initialCounts = new double[k];
            transitionCounts = new double[k][k];
        }
        Arrays.fill(initialCounts, 0.0);
        for (double[] row : transitionCounts) {
            Arrays.fill(row, 0.0);
        }
        kernel.addStatistics(initialCounts, transitionCounts);
        numStates = k;
        hasResult = true;
    }

    /**
     * The results as a {@link ChainBatchPosterior} that takes over this workspace's arrays: for
     * {@link ForwardBackward#runBatch(HmmParameters, ChainBatch)}, whose workspace is dropped.
     */
    ChainBatchPosterior handOver() {
        requireResult();
        return new ChainBatchPosterior(logMarginalLikelihood, chainLogLikelihoods, kernel.logCond, kernel.predicted,
                kernel.filtered, kernel.smoothed, new HmmStatistics(initialCounts, transitionCounts,
                logMarginalLikelihood, kernel.numChains));
    }

    /** @return the optional outputs this workspace keeps (unmodifiable) */
    public Set<Output> outputs() {
        return outputs;
    }

    /** @return whether the workspace holds the results of a run (false before the first, or after a failed one) */
    public boolean hasResult() {
        return hasResult;
    }

    /**
     * @return number of chains B of the last run
     * @throws IllegalStateException if there is no result
     */
    public int numChains() {
        requireResult();
        return kernel.numChains;
    }

    /**
     * @return total number of steps N = Σ T_b of the last run
     * @throws IllegalStateException if there is no result
     */
    public int numSteps() {
        requireResult();
        return kernel.numSteps;
    }

    /**
     * @return number of states K of the last run
     * @throws IllegalStateException if there is no result
     */
    public int numStates() {
        requireResult();
        return numStates;
    }

    /**
     * @return Σ over chains of log p(y_chain), natural log, summed in chain order
     * @throws IllegalStateException if there is no result
     */
    public double logMarginalLikelihood() {
        requireResult();
        return logMarginalLikelihood;
    }

    /**
     * @return [B] log p(y_chain) per chain (the workspace's array)
     * @throws IllegalStateException if there is no result
     */
    public double[] chainLogLikelihoods() {
        requireResult();
        return chainLogLikelihoods;
    }

    /**
     * @return [N·K] γ_t = p(z_t | y of the whole chain) = ∂ log p / ∂ logLik (the workspace's array)
     * @throws IllegalStateException if there is no result
     */
    public double[] smoothed() {
        requireResult();
        return kernel.smoothed;
    }

    /**
     * @return [N·K] p(z_t | y_&lt;t); a chain's first step holds π (the workspace's array)
     * @throws IllegalStateException if there is no result or the workspace does not keep
     *                               {@link Output#PREDICTED}
     */
    public double[] predicted() {
        requireOutput(Output.PREDICTED);
        return kernel.predicted;
    }

    /**
     * @return [N·K] p(z_t | y_≤t) (the workspace's array)
     * @throws IllegalStateException if there is no result or the workspace does not keep
     *                               {@link Output#FILTERED}
     */
    public double[] filtered() {
        requireOutput(Output.FILTERED);
        return kernel.filtered;
    }

    /**
     * @return [N] log p(y_t | y_&lt;t) within its chain (the workspace's array)
     * @throws IllegalStateException if there is no result or the workspace does not keep
     *                               {@link Output#LOG_CONDITIONALS}
     */
    public double[] logConditionals() {
        requireOutput(Output.LOG_CONDITIONALS);
        return kernel.logCond;
    }

    /**
     * @return Σγ at chain starts and Σξ over chains (summed in chain order) and the total log
     *         likelihood, for the M-step: a new record with its own copies
     * @throws IllegalStateException if there is no result
     */
    public HmmStatistics statistics() {
        requireResult();
        double[][] xi = new double[numStates][];
        for (int i = 0; i < numStates; i++) {
            xi[i] = transitionCounts[i].clone();
        }
        return new HmmStatistics(initialCounts.clone(), xi, logMarginalLikelihood, kernel.numChains);
    }

    /**
     * @return a copy of the results as a {@link ChainBatchPosterior}, independent of later runs;
     *         the outputs this workspace does not keep are null there
     * @throws IllegalStateException if there is no result
     */
    public ChainBatchPosterior toPosterior() {
        requireResult();
        return new ChainBatchPosterior(logMarginalLikelihood, chainLogLikelihoods.clone(), copy(kernel.logCond),
                copy(kernel.predicted), copy(kernel.filtered), kernel.smoothed.clone(), statistics());
    }

    private static double[] copy(double[] a) {
        return a == null ? null : a.clone();
    }

    private void requireResult() {
        if (!hasResult) {
            throw new IllegalStateException("the workspace holds no result: run ForwardBackward.runBatch(parameters,"
                    + " batch, workspace) first (a run that threw leaves no result)");
        }
    }

    private void requireOutput(Output output) {
        if (!outputs.contains(Objects.requireNonNull(output))) {
            throw new IllegalStateException("the workspace does not keep " + output + " (it keeps " + outputs
                    + "): create it with ForwardBackwardWorkspace.of(..., Output." + output + ")");
        }
        requireResult();
    }

    @Override
    public String toString() {
        return "ForwardBackwardWorkspace{outputs=" + outputs + (hasResult ? ", B=" + kernel.numChains + ", N="
                + kernel.numSteps + ", K=" + numStates : ", no result") + "}";
    }
}
