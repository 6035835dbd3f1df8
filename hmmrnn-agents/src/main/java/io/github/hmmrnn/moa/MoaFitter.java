package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentRegressors;
import io.github.hmmrnn.agents.BetaPrior;
import io.github.hmmrnn.agents.PreparedRegressors;
import io.github.hmmrnn.hmm.ChainBatch;
import io.github.hmmrnn.hmm.ChainLayout;
import io.github.hmmrnn.hmm.DirichletPrior;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.ForwardBackwardWorkspace;
import io.github.hmmrnn.hmm.HmmMStep;
import io.github.hmmrnn.hmm.HmmParameters;
import io.github.hmmrnn.hmm.HmmStatistics;
import io.github.hmmrnn.hmm.LikelihoodForwardBackward;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.OutcomeChainEmission;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.numeric.DoubleArrays;
import io.github.hmmrnn.numeric.Logistic;
import io.github.hmmrnn.numeric.SignificantDigits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Generalized EM for one start of the MoA-HMM. E-step: forward–backward ({@link ForwardBackward})
 * per session over its chain steps ({@link io.github.hmmrnn.hmm.ChainLayout}). M-step: closed-form
 * MAP π and A ({@link HmmMStep}) (and, when the chain emits outcomes, the
 * per-state reward probabilities ρ under their Beta(2, 2) prior); then (β, logit α) jointly by
 * damped Gauss–Newton on the posterior-weighted logistic objective (exact Newton/IRLS in β), with
 * forward-mode derivatives of the regressors in α, accepting only improving steps.
 */
final class MoaFitter {

    private static final Logger LOG = LoggerFactory.getLogger(MoaFitter.class);
    private static final int INNER_ITERATIONS = 1;
    /**
     * Newton steps of the warm-start M-step on fixed posteriors: a starting point, whose
     * first EM iterations redo this M-step, needs no convergence (it took 7–50 steps on M055).
     */
    private static final int WARM_START_ITERATIONS = 12;
    private static final double LOGIT_BOUND = 20;
    private static final double SQUAREM_INITIAL_STEP_MAX = 4;
    private static final double SQUAREM_STEP_GROWTH = 4;

    private final List<Agent> agents;
    private final int numStates;
    private final List<PreparedSession> sessions;
    private final int[][] fittedIndex;
    private final BetaPrior[] ratePriors;
    private final double[][] priorMean;   // [K][A]
    private final double[][] priorPrecision;   // [K][A]
    private final double initialConcentration;
    private final double[][] transitionConcentration;
    private final DirichletPrior chainPrior;
    private final int maxIterations;
    private final double tolerance;
    private final int numScored;
    private final EmAcceleration acceleration;
    private final ChainEvidence evidence;
    private final List<Session> sessionList;
    private final List<ChainLayout> layouts;
    /** Per session, what of its regressors does not depend on the learning rates. */
    private final List<PreparedRegressors> prepared;
    /**
     * [sessions + 1] first chain step of each session on the flat step axis of every per-step
     * array (logits, emissions, posteriors: step j of session i, state k at
     * {@code (stepOffset[i] + j) * K + k}); sessions without chain steps take no room.
     */
    private final int[] stepOffset;
    /** Chain steps of the sessions that have any, in order: the chains of the forward–backward batch. */
    private final int[] chainLengths;
    /** Per step of the flat step axis: whether it emits its choice, and the choice (0 or 1). */
    private final boolean[] emitsAt;
    private final int[] choiceAt;

    /** Parameters of one start; arrays are mutated only by the owning fitter. */
    static final class Params {
        double[][] beta;     // [K][A]
        double[] alpha;      // [P] fitted learning rates
        double[] pi;
        double[][] trans;
        double[][] rho;      // [K][2] per-state reward probabilities, null when the chain emits choices only

        Params(double[][] beta, double[] alpha, double[] pi, double[][] trans) {
            this(beta, alpha, pi, trans, null);
        }

        Params(double[][] beta, double[] alpha, double[] pi, double[][] trans, double[][] rho) {
            this.beta = beta;
            this.alpha = alpha;
            this.pi = pi;
            this.trans = trans;
            this.rho = rho;
        }

        Params copy() {
            double[][] b = new double[beta.length][];
            for (int i = 0; i < b.length; i++) {
                b[i] = beta[i].clone();
            }
            double[][] a = new double[trans.length][];
            for (int i = 0; i < a.length; i++) {
                a[i] = trans[i].clone();
            }
            return new Params(b, alpha.clone(), pi.clone(), a, rho == null ? null : DoubleArrays.copy(rho));
        }
    }

    /**
     * The result of one start; {@code tolerance}: the convergence tolerance it ran to (looser
     * than the spec's for a start of a search that was not {@link #polish polished}).
     */
    record StartResult(Params params, double logLikelihood, double logPosterior, TrainingHistory history, int start,
                       double tolerance) {
    }

    /**
     * {@code gammas}: smoothed state posteriors on the flat step axis ({@link #stepOffset});
     * {@code choiceLogLikelihood}: Σ log p(choice_t | trials &lt; t), equal to logLikelihood without outcomes.
     */
    record EStep(double logLikelihood, double logPosterior, double[] gammas, HmmStatistics statistics,
                         double choiceLogLikelihood) {
    }

    private TrainingHistory.Entry historyEntry(int iteration, EStep e) {
        return new TrainingHistory.Entry(iteration, -e.choiceLogLikelihood / numScored, OptionalDouble.empty(),
                OptionalDouble.of(-e.logPosterior / numScored));
    }

    MoaFitter(List<Agent> agents, int numStates, List<PreparedSession> sessions, double[][] priorMeanKA,
              double[][] priorSdKA, double initialConcentration, double[][] transitionConcentration,
              int maxIterations, double tolerance, EmAcceleration acceleration, ChainEvidence evidence) {
        this.agents = agents;
        this.acceleration = acceleration;
        this.evidence = evidence;
        this.sessionList = sessions.stream().map(PreparedSession::session).toList();
        this.layouts = sessions.stream().map(PreparedSession::layout).toList();
        this.prepared = sessions.stream().map(s -> PreparedRegressors.of(agents, s.session(), s.pCongruent())).toList();
        this.numStates = numStates;
        this.sessions = sessions;
        this.fittedIndex = AgentRegressors.fittedParameterIndex(agents);
        this.ratePriors = new BetaPrior[fittedIndex.length];
        for (int p = 0; p < fittedIndex.length; p++) {
            ratePriors[p] = agents.get(fittedIndex[p][0]).parameters().get(fittedIndex[p][1]).prior();
        }
        this.priorMean = priorMeanKA;
        this.priorPrecision = new double[numStates][agents.size()];
        for (int k = 0; k < numStates; k++) {
            for (int a = 0; a < agents.size(); a++) {
                priorPrecision[k][a] = 1 / (priorSdKA[k][a] * priorSdKA[k][a]);
            }
        }
        this.initialConcentration = initialConcentration;
        this.transitionConcentration = transitionConcentration;
        double[] alphaPi = new double[numStates];
        Arrays.fill(alphaPi, initialConcentration);
        this.chainPrior = new DirichletPrior(alphaPi, transitionConcentration);
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        int n = 0;
        for (PreparedSession s : sessions) {
            n += s.numChoiceSteps();
        }
        this.numScored = n;
        this.stepOffset = new int[sessions.size() + 1];
        for (int i = 0; i < sessions.size(); i++) {
            stepOffset[i + 1] = stepOffset[i] + sessions.get(i).steps().length;
        }
        this.chainLengths = sessions.stream().mapToInt(s -> s.steps().length).filter(len -> len > 0).toArray();
        this.emitsAt = new boolean[stepOffset[sessions.size()]];
        this.choiceAt = new int[stepOffset[sessions.size()]];
        for (int i = 0; i < sessions.size(); i++) {
            PreparedSession s = sessions.get(i);
            for (int j = 0; j < s.steps().length; j++) {
                emitsAt[stepOffset[i] + j] = s.emits()[j];
                choiceAt[stepOffset[i] + j] = s.choices()[s.steps()[j]];
            }
        }
    }

    /**
     * @return the E-step's kernels for one thread, on plain loops: a fit lasts seconds, too short
     *         for Vector API code to pay for its JIT warm-up
     */
    Workspace newWorkspace() {
        boolean outcomes = evidence == ChainEvidence.CHOICES_AND_OUTCOMES;
        return new Workspace(outcomes ? ForwardBackwardWorkspace.scalar(ForwardBackwardWorkspace.Output.PREDICTED)
                : ForwardBackwardWorkspace.scalar(),
                outcomes || chainLengths.length == 0 ? null : new LikelihoodForwardBackward(numStates, chainLengths),
                numStates, numSteps());
    }

    /**
     * The work arrays of one start's EM, one per thread: forward–backward from the choice
     * likelihoods σ(±η) (null when the chain also emits outcomes), the log-space kernel for
     * outcomes and for the rare point where a normaliser underflows in likelihood space, and the
     * M-step's per-state weights ({@link #stateWeights}), overwritten by every M-step.
     */
    static final class Workspace {
        final ForwardBackwardWorkspace logSpace;
        final LikelihoodForwardBackward likelihoodSpace;
        final double[][] gramWeights;
        final double[][] scoreWeights;

        Workspace(ForwardBackwardWorkspace logSpace, LikelihoodForwardBackward likelihoodSpace, int k, int steps) {
            this.logSpace = logSpace;
            this.likelihoodSpace = likelihoodSpace;
            this.gramWeights = new double[k][steps];
            this.scoreWeights = new double[k][steps];
        }
    }

    /** @return total chain steps of all sessions, the length of the flat step axis */
    int numSteps() {
        return stepOffset[sessions.size()];
    }

    /** @return per session, the first chain step on the flat step axis, then the total */
    int[] stepOffsets() {
        return stepOffset;
    }

    int numFitted() {
        return fittedIndex.length;
    }

    int[][] fittedIndex() {
        return fittedIndex;
    }

    /** Full per-agent parameter values with the fitted ones replaced. */
    double[][] parameterValues(double[] alpha) {
        return parameterValues(agents, fittedIndex, alpha);
    }

    static double[][] parameterValues(List<Agent> agents, int[][] fittedIndex, double[] alpha) {
        double[][] v = new double[agents.size()][];
        for (int a = 0; a < agents.size(); a++) {
            v[a] = agents.get(a).parameters().stream().mapToDouble(p -> p.value()).toArray();
        }
        for (int p = 0; p < fittedIndex.length; p++) {
            v[fittedIndex[p][0]][fittedIndex[p][1]] = alpha[p];
        }
        return v;
    }

    /**
     * The regressors of every chain step in columns on the flat step axis ({@link #stepOffset}):
     * {@code x[a][q]} the value of agent a at step q, {@code dx[p][q]} its derivative in the p-th
     * fitted learning rate (null when not computed). Columns make the per-point loops (logits,
     * the Newton system's Gram matrices) long and unit-stride, with no array per trial.
     */
    record Design(double[][] x, double[][] dx) {
    }

    /** The design at learning rates {@code alpha}, with derivatives when asked for. */
    Design design(double[] alpha, boolean derivatives) {
        double[][] values = parameterValues(alpha);
        int n = numSteps();
        double[][] x = new double[agents.size()][n];
        double[][] dx = derivatives ? new double[fittedIndex.length][n] : null;
        for (int i = 0; i < sessions.size(); i++) {
            prepared.get(i).computeAt(values, sessions.get(i).steps(), x, dx, stepOffset[i]);
        }
        return new Design(x, dx);
    }

    /**
     * Per chain step and state k, on the flat step axis ({@link #stepOffset}), from the logit
     * η = β_k·x_t: σ(η), the likelihood of the step's choice σ(±η) and its log-likelihood
     * log σ(±η) = −l or ±η − l with l = log(1 + e^−|η|), as {@link MoaKernels#logSigmoid} computes
     * it. Steps that do not emit their choice have σ and the log-likelihood 0 and the likelihood 1.
     * The M-step objective, its Newton system and the E-step all need them at the same point; they
     * are computed once per point, from one exponential, one division and one logarithm per state
     * and step.
     */
    record Logits(double[] sigma, double[] likelihood, double[] emission) {
    }

    Logits logits(double[][] beta, Design design) {
        int kk = numStates;
        int n = numSteps();
        double[] sg = new double[n * kk];
        double[] lk = new double[n * kk];
        double[] em = new double[n * kk];
        double[][] x = design.x;
        double[] eta = new double[n];
        for (int q = 0; q < n; q++) {
            if (!emitsAt[q]) {
                Arrays.fill(lk, q * kk, q * kk + kk, 1.0);
            }
        }
        for (int k = 0; k < kk; k++) {
            // η = Σ_a β_ka x_a in agent order, as MoaKernels.dot sums it, in a contiguous row (a
            // loop the JIT vectorises)
            Arrays.fill(eta, 0.0);
            for (int a = 0; a < x.length; a++) {
                double b = beta[k][a];
                double[] xa = x[a];
                for (int q = 0; q < n; q++) {
                    eta[q] += b * xa[q];
                }
            }
            for (int q = 0; q < n; q++) {
                if (!emitsAt[q]) {
                    continue;
                }
                int at = q * kk + k;
                double v = eta[q];
                double e = Math.exp(-Math.abs(v));
                // σ of the larger side 1/(1 + e), of the smaller e/(1 + e); MoaKernels.log1pExpNegAbs
                // and logSigmoid, from the exponential computed once here
                double big = 1 / (1 + e);
                double small = e * big;
                double l = Math.log(1 + e);
                sg[at] = v >= 0 ? big : small;
                if (choiceAt[q] == 1) {
                    lk[at] = v >= 0 ? big : small;
                    em[at] = v >= 0 ? -l : v - l;
                } else {
                    lk[at] = v <= 0 ? big : small;
                    em[at] = v <= 0 ? -l : -v - l;
                }
            }
        }
        return new Logits(sg, lk, em);
    }

    /** Regressors and logits at the weights an M-step ended at. */
    record Weights(Design design, Logits logits) {
    }

    /** The parameters an M-step ended at, with the regressors and logits there. */
    record MStep(Params params, Weights weights) {
    }

    /** A parameter point with its regressors, logits and E-step. */
    record Point(Params params, Design design, Logits logits, EStep e) {
    }

    /** One generalized-EM map: M-step from the point's posteriors, then the E-step at the result. */
    private Point emStep(Point from, Workspace workspace) {
        MStep m = mStep(from, workspace);
        return new Point(m.params(), m.weights().design, m.weights().logits,
                eStep(m.params(), m.weights().logits, workspace));
    }

    /** The M-step from the point's posteriors: the chain in closed form, then the agent weights and learning rates. */
    MStep mStep(Point from) {
        return mStep(from, newWorkspace());
    }

    private MStep mStep(Point from, Workspace workspace) {
        Params p = from.params.copy();
        mStepChain(p, from.e);
        return new MStep(p, mStepWeights(p, from.e.gammas, from.design, from.logits, INNER_ITERATIONS,
                workspace.gramWeights, workspace.scoreWeights));
    }

    private Point evaluate(Params p, Workspace workspace) {
        // derivatives now, so that the next M-step need not recompute the regressors
        Design design = design(p.alpha, fittedIndex.length > 0);
        Logits logits = logits(p.beta, design);
        return new Point(p, design, logits, eStep(p, logits, workspace));
    }

    /**
     * The point at p, or null when some observation has probability zero under it: an
     * extrapolated chain can push transition probabilities to exactly 0 (seen on M064 K = 4),
     * which only means the extrapolation is rejected.
     */
    Point evaluateOrNull(Params p) {
        return evaluateOrNull(p, newWorkspace());
    }

    private Point evaluateOrNull(Params p, Workspace workspace) {
        try {
            return evaluate(p, workspace);
        } catch (IllegalArgumentException e) {
            LOG.debug("extrapolated point rejected: {}", e.getMessage());
            return null;
        }
    }

    StartResult fit(Params init, int start) {
        return fit(init, start, maxIterations);
    }

    /** EM from {@code init} for at most {@code iterationLimit} iterations (a screening run when fewer than the spec's). */
    StartResult fit(Params init, int start, int iterationLimit) {
        return fit(init, start, iterationLimit, tolerance);
    }

    /** @return the spec's convergence tolerance (nats of log posterior per iteration, or parameter change) */
    double tolerance() {
        return tolerance;
    }

    /**
     * EM from {@code init} for at most {@code iterationLimit} iterations, converged when the log
     * posterior gains at most {@code convergenceTolerance} in an iteration (the spec's tolerance,
     * or a looser one for a start that is {@link #polish polished} only if it turns out the best),
     * or when no weight, learning rate or reward probability moves more than the spec's tolerance.
     */
    StartResult fit(Params init, int start, int iterationLimit, double convergenceTolerance) {
        if ((init.rho != null) != (evidence == ChainEvidence.CHOICES_AND_OUTCOMES)) {
            throw new IllegalStateException("start " + start + ": reward probabilities "
                    + (init.rho == null ? "missing" : "given") + " but the chain evidence is " + evidence);
        }
        long t0 = System.nanoTime();
        Workspace workspace = newWorkspace();
        Point cur = evaluate(init.copy(), workspace);
        List<TrainingHistory.Entry> hist = new ArrayList<>();
        hist.add(historyEntry(0, cur.e));
        boolean converged = false;
        int decreases = 0;
        int iter = 0;
        int extrapolations = 0;
        double stepMax = SQUAREM_INITIAL_STEP_MAX;
        Point anchor = null;   // SQUAREM: start of the current pair of EM steps
        Point middle = null;
        while (iter < iterationLimit) {
            Point next = emStep(cur, workspace);
            iter++;
            double delta = next.e.logPosterior - cur.e.logPosterior;
            hist.add(historyEntry(iter, next.e));
            LOG.debug("start {} iteration {}: log posterior {} (delta {})", start, iter, next.e.logPosterior, delta);
            if (Double.isNaN(next.e.logPosterior)) {
                throw new IllegalStateException("log posterior became NaN at iteration " + iter + " of start " + start);
            }
            // a looser tolerance applies to the gain only: steps of 10^-3 in the weights can
            // still climb a tenth of a nat
            boolean stop = delta >= 0 && delta <= convergenceTolerance
                    || maxAbsDiff(cur.params.beta, next.params.beta) <= tolerance
                    && maxAbsDiff(cur.params.alpha, next.params.alpha) <= tolerance
                    && (next.params.rho == null || maxAbsDiff(cur.params.rho, next.params.rho) <= tolerance);
            decreases = delta < 0 ? decreases + 1 : 0;
            Point previous = cur;
            cur = next;
            if (stop) {
                converged = true;
                break;
            }
            if (decreases >= 11) {
                break;
            }
            if (acceleration != EmAcceleration.SQUAREM) {
                continue;
            }
            if (middle == null) {
                anchor = previous;
                middle = cur;
                continue;
            }
            // SQUAREM (Varadhan & Roland 2008): extrapolate along the last two EM steps; keep the
            // result only if it beats the plain EM point, so the objective never goes down.
            Extrapolation far = extrapolate(anchor.params, middle.params, cur.params, stepMax);
            anchor = null;
            middle = null;
            if (far != null) {
                Point jump = evaluateOrNull(far.params, workspace);
                if (jump != null && jump.e.logPosterior > cur.e.logPosterior) {
                    extrapolations++;
                    if (far.step >= stepMax) {
                        stepMax *= SQUAREM_STEP_GROWTH;
                    }
                    cur = jump;
                } else {
                    // A failed jump shrinks the cap again. The cap only grew before, and once it had
                    // grown past what a slowly turning path allows, every later jump overshot and was
                    // wasted (M055 K = 3: caps of 256 with log-posterior losses of 10^2-10^6 for
                    // hundreds of iterations, 4 of 77 jumps kept).
                    stepMax = Math.max(SQUAREM_INITIAL_STEP_MAX, stepMax / SQUAREM_STEP_GROWTH);
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        LOG.info("start {}: log posterior {} log likelihood {} after {} iterations ({} accepted extrapolations, {}), {} s",
                start, SignificantDigits.nats(cur.e.logPosterior), SignificantDigits.nats(cur.e.logLikelihood), iter,
                extrapolations, converged ? "converged" : "not converged", String.format("%.2f", secs));
        return new StartResult(cur.params, cur.e.logLikelihood, cur.e.logPosterior,
                new TrainingHistory(hist, converged, secs), start, convergenceTolerance);
    }

    /**
     * Continues a start that converged at a looser tolerance to the spec's tolerance, within
     * what is left of the spec's iteration limit. The history goes on from the start's, so the
     * result reads as one run; a start that used up its iterations is returned as it is.
     */
    StartResult polish(StartResult loose) {
        int used = loose.history().entries().size() - 1;
        if (loose.tolerance() <= tolerance || used >= maxIterations) {
            return loose;
        }
        StartResult more = fit(loose.params(), loose.start(), maxIterations - used, tolerance);
        List<TrainingHistory.Entry> entries = new ArrayList<>(loose.history().entries());
        List<TrainingHistory.Entry> next = more.history().entries();
        for (int i = 1; i < next.size(); i++) {
            TrainingHistory.Entry e = next.get(i);
            entries.add(new TrainingHistory.Entry(used + e.iteration(), e.trainChoiceNll(), e.validationChoiceNll(),
                    e.objective()));
        }
        return new StartResult(more.params(), more.logLikelihood(), more.logPosterior(),
                new TrainingHistory(entries, more.history().converged(),
                        loose.history().seconds() + more.history().seconds()), loose.start(), tolerance);
    }

    /** An extrapolated point and the step length s that produced it. */
    private record Extrapolation(Params params, double step) {
    }

    /**
     * The SQUAREM point θ0 + 2s·r + s²·v with r = θ1 − θ0, v = θ2 − 2θ1 + θ0 and s = |r|/|v|
     * (capped), in unconstrained coordinates: β as is, logit α, log π and log A rows (entries
     * that are 0 stay 0, the rest are renormalised), logit ρ.
     *
     * @return the extrapolated parameters, or null if the step would be no longer than plain EM's
     */
    private Extrapolation extrapolate(Params p0, Params p1, Params p2, double stepMax) {
        double[] x0 = pack(p0);
        double[] x1 = pack(p1);
        double[] x2 = pack(p2);
        double rr = 0;
        double vv = 0;
        for (int i = 0; i < x0.length; i++) {
            if (Double.isFinite(x0[i]) && Double.isFinite(x1[i]) && Double.isFinite(x2[i])) {
                double r = x1[i] - x0[i];
                double v = x2[i] - 2 * x1[i] + x0[i];
                rr += r * r;
                vv += v * v;
            }
        }
        if (!(vv > 0)) {
            return null;
        }
        double step = Math.min(Math.sqrt(rr / vv), stepMax);
        if (step <= 1) {
            return null;
        }
        double[] x = new double[x0.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x0[i]) && Double.isFinite(x1[i]) && Double.isFinite(x2[i])) {
                double r = x1[i] - x0[i];
                double v = x2[i] - 2 * x1[i] + x0[i];
                x[i] = x0[i] + 2 * step * r + step * step * v;
            } else {
                x[i] = x2[i];
            }
        }
        return new Extrapolation(unpack(x), step);
    }

    private double[] pack(Params p) {
        int na = agents.size();
        int k = numStates;
        double[] x = new double[k * na + p.alpha.length + k + k * k + (p.rho == null ? 0 : 2 * k)];
        int n = 0;
        for (int s = 0; s < k; s++) {
            for (int a = 0; a < na; a++) {
                x[n++] = p.beta[s][a];
            }
        }
        for (double a : p.alpha) {
            x[n++] = logit(a);
        }
        for (double v : p.pi) {
            x[n++] = v > 0 ? Math.log(v) : Double.NEGATIVE_INFINITY;
        }
        for (double[] row : p.trans) {
            for (double v : row) {
                x[n++] = v > 0 ? Math.log(v) : Double.NEGATIVE_INFINITY;
            }
        }
        if (p.rho != null) {
            for (double[] row : p.rho) {
                for (double v : row) {
                    x[n++] = logit(v);
                }
            }
        }
        return x;
    }

    private Params unpack(double[] x) {
        int na = agents.size();
        int k = numStates;
        int n = 0;
        double[][] beta = new double[k][na];
        for (int s = 0; s < k; s++) {
            for (int a = 0; a < na; a++) {
                beta[s][a] = x[n++];
            }
        }
        double[] alpha = new double[fittedIndex.length];
        for (int q = 0; q < alpha.length; q++) {
            alpha[q] = Logistic.sigmoid(Math.max(-LOGIT_BOUND, Math.min(LOGIT_BOUND, x[n++])));
        }
        double[] pi = softmax(x, n, k);
        n += k;
        double[][] trans = new double[k][];
        for (int i = 0; i < k; i++) {
            trans[i] = softmax(x, n, k);
            n += k;
        }
        double[][] rho = null;
        if (evidence == ChainEvidence.CHOICES_AND_OUTCOMES) {
            rho = new double[k][2];
            for (int i = 0; i < k; i++) {
                for (int o = 0; o < 2; o++) {
                    rho[i][o] = Logistic.sigmoid(Math.max(-LOGIT_BOUND, Math.min(LOGIT_BOUND, x[n++])));
                }
            }
        }
        return new Params(beta, alpha, pi, trans, rho);
    }

    /** Normalised exp of x[from..from+k); −∞ entries give exact zeros. */
    private static double[] softmax(double[] x, int from, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, x[from + i]);
        }
        double[] out = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            out[i] = Math.exp(x[from + i] - max);
            sum += out[i];
        }
        for (int i = 0; i < k; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /**
     * Prepares a warm start from given state posteriors (e.g. a bias-only HMM's): maximises the
     * M-step objective in (β, α) on those posteriors, starting from {@code init}, and keeps
     * {@code init}'s π and A. EM then continues from the result in {@link #fit}.
     *
     * @param init    starting β, α, π, A (not modified)
     * @param gammas  per session, [scored trials][K] posteriors
     * @return the warm-start parameters
     */
    Params warmStart(Params init, List<double[][]> gammas) {
        Params p = init.copy();
        Design design = design(p.alpha, false);
        mStepWeights(p, flatten(gammas), design, logits(p.beta, design), WARM_START_ITERATIONS,
                new double[numStates][numSteps()], new double[numStates][numSteps()]);
        return p;
    }

    /** Per-session [steps][K] arrays onto the flat step axis. */
    private double[] flatten(List<double[][]> perSession) {
        int kk = numStates;
        double[] flat = new double[numSteps() * kk];
        for (int i = 0; i < sessions.size(); i++) {
            double[][] g = perSession.get(i);
            for (int j = 0; j < g.length; j++) {
                System.arraycopy(g[j], 0, flat, (stepOffset[i] + j) * kk, kk);
            }
        }
        return flat;
    }

    /** The flat step axis's rows of each session as per-session [steps][K] arrays. */
    private List<double[][]> perSession(double[] flat) {
        int kk = numStates;
        List<double[][]> out = new ArrayList<>(sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            double[][] g = new double[stepOffset[i + 1] - stepOffset[i]][];
            for (int j = 0; j < g.length; j++) {
                int at = (stepOffset[i] + j) * kk;
                g[j] = Arrays.copyOfRange(flat, at, at + kk);
            }
            out.add(g);
        }
        return out;
    }

    EStep eStep(Params p, Logits logits) {
        return eStep(p, logits, newWorkspace());
    }

    /**
     * Forward–backward of every session's chain at p from the logits, into {@code workspace}
     * (overwritten); the posteriors are copied out, so the E-step outlives the next run.
     */
    EStep eStep(Params p, Logits logits, Workspace workspace) {
        int kk = numStates;
        OutcomeChainEmission outcome = outcomeFactor(p);
        LikelihoodForwardBackward direct = workspace.likelihoodSpace;
        if (outcome == null && direct != null && direct.run(HmmParameters.of(p.pi, p.trans), logits.likelihood)) {
            double ll = direct.logMarginalLikelihood();
            return new EStep(ll, ll + logPrior(p), direct.smoothed().clone(), direct.statistics(), ll);
        }
        // ChainBatch.ofFlat copies: the logits' own array is not changed
        double[] logLik = logits.emission;
        double[] choiceLogLik = null;
        if (outcome != null) {
            choiceLogLik = logLik;
            logLik = logLik.clone();
            for (int i = 0; i < sessions.size(); i++) {
                double[][] o = outcome.logLikelihoods(i);
                for (int j = 0; j < o.length; j++) {
                    int at = (stepOffset[i] + j) * kk;
                    for (int k = 0; k < kk; k++) {
                        logLik[at + k] += o[j][k];
                    }
                }
            }
        }
        ForwardBackwardWorkspace logSpace = workspace.logSpace;
        ForwardBackward.runBatch(HmmParameters.of(p.pi, p.trans), ChainBatch.ofFlat(kk, chainLengths, logLik),
                logSpace);
        double ll = logSpace.logMarginalLikelihood();
        double lp = ll + logPrior(p);
        double choiceLl = ll;
        if (outcome != null) {
            choiceLl = 0;
            double[] predicted = logSpace.predicted();
            for (int i = 0; i < sessions.size(); i++) {
                choiceLl += MoaKernels.causalChoiceLogLik(predicted, choiceLogLik, stepOffset[i] * kk,
                        sessions.get(i).emits(), kk);
            }
        }
        return new EStep(ll, lp, logSpace.smoothed().clone(), logSpace.statistics(), choiceLl);
    }

    double logPrior(Params p) {
        double lp = 0;
        for (int k = 0; k < numStates; k++) {
            for (int a = 0; a < agents.size(); a++) {
                double d = p.beta[k][a] - priorMean[k][a];
                lp -= 0.5 * d * d * priorPrecision[k][a];
            }
        }
        for (int q = 0; q < p.alpha.length; q++) {
            lp += ratePriors[q].logDensity(p.alpha[q]);
        }
        if (initialConcentration != 1) {
            for (double v : p.pi) {
                lp += (initialConcentration - 1) * Math.log(v);
            }
        }
        for (int i = 0; i < numStates; i++) {
            for (int j = 0; j < numStates; j++) {
                double c = transitionConcentration[i][j];
                if (c != 1) {
                    lp += (c - 1) * Math.log(p.trans[i][j]);
                }
            }
        }
        if (p.rho != null) {
            // Beta(2, 2) on every ρ[k][s], constants dropped: the prior whose MAP the M-step takes
            lp += OutcomeEmissions.of(p.rho).logPrior();
        }
        return lp;
    }

    /** The outcome factor of the chain at p's ρ, or null when the chain emits choices only. */
    private OutcomeChainEmission outcomeFactor(Params p) {
        return p.rho == null ? null : OutcomeChainEmission.of(sessionList, layouts, OutcomeEmissions.of(p.rho));
    }

    private void mStepChain(Params p, EStep e) {
        HmmParameters next = HmmMStep.update(e.statistics, chainPrior, HmmParameters.of(p.pi, p.trans));
        p.pi = next.initial();
        p.trans = next.transition();
        if (p.rho != null) {
            p.rho = outcomeFactor(p).mStep(perSession(e.gammas)).outcomes().rewardProbabilities();
        }
    }

    /**
     * Value of the M-step objective for weights and learning rates: Σ γ log p(choice | z) (the
     * emission is 0 where a step does not emit) plus the log priors.
     */
    private double objective(double[][] beta, double[] alpha, double[] gammas, Logits logits) {
        double f = 0;
        double[] emission = logits.emission;
        for (int q = 0; q < emission.length; q++) {
            f += gammas[q] * emission[q];
        }
        return withWeightPriors(f, beta, alpha);
    }

    /** {@code f} plus the log priors of the weights and learning rates, added in one fixed order. */
    private double withWeightPriors(double f, double[][] beta, double[] alpha) {
        for (int k = 0; k < numStates; k++) {
            for (int a = 0; a < agents.size(); a++) {
                double d = beta[k][a] - priorMean[k][a];
                f -= 0.5 * d * d * priorPrecision[k][a];
            }
        }
        for (int q = 0; q < alpha.length; q++) {
            f += ratePriors[q].logDensity(alpha[q]);
        }
        return f;
    }

    /**
     * Improves (β, α) on the M-step objective; returns the regressors and logits at the new (β, α).
     *
     * @param logits the logits at p's β and {@code design}
     * @param w      [K][steps] work array for the Gram matrices' weights (overwritten)
     * @param r      [K][steps] work array for the scores' weights (overwritten)
     */
    private Weights mStepWeights(Params p, double[] gammas, Design design, Logits logits,
                                 int innerIterations, double[][] w, double[][] r) {
        int np = fittedIndex.length;
        int kk = numStates;
        double lambda = 1e-4;
        Design current = design;
        Logits currentLogits = logits;
        for (int it = 0; it < innerIterations; it++) {
            Design withDx = np == 0 || current.dx != null ? current : design(p.alpha, true);
            double f = withWeightPriors(stateWeights(gammas, currentLogits, w, r), p.beta, p.alpha);
            Newton system = newtonSystem(p, columns(withDx), w, r);
            double gmax = 0;
            for (double gv : system.grad) {
                gmax = Math.max(gmax, Math.abs(gv));
            }
            if (gmax < 1e-9) {
                break;
            }
            boolean accepted = false;
            for (int tries = 0; tries < 12 && !accepted; tries++) {
                Trial trial = trial(p, system, lambda, gammas, current);
                if (trial.objective >= f) {
                    accepted = true;
                    double gain = trial.objective - f;
                    p.beta = trial.beta;
                    p.alpha = trial.alpha;
                    current = trial.design;
                    currentLogits = trial.logits;
                    lambda = Math.max(lambda / 10, 1e-9);
                    if (gain <= 1e-10 * (1 + Math.abs(f))) {
                        it = innerIterations;
                    }
                } else {
                    lambda *= 10;
                }
            }
            if (!accepted) {
                break;
            }
        }
        return new Weights(current, currentLogits);
    }

    /** The gradient and Gauss–Newton matrix of the M-step objective in (β, logit α). */
    private record Newton(double[] grad, double[][] h) {
    }

    /**
     * The Newton system at p from the columns z of z_t = (x_t, ∂x_t/∂α) and the state weights of
     * {@link #stateWeights}: per state, the weighted Gram matrix Σ w z zᵀ and Σ r z are
     * sufficient; β enters only when they are assembled, then the priors are added.
     */
    private Newton newtonSystem(Params p, double[][] z, double[][] w, double[][] r) {
        int na = agents.size();
        int np = fittedIndex.length;
        int kk = numStates;
        int dim = kk * na + np;
        int m = na + np;
        double[] chain = new double[np];
        for (int q = 0; q < np; q++) {
            chain[q] = p.alpha[q] * (1 - p.alpha[q]);
        }
        double[][] grams = new double[kk][m * (m + 1) / 2];
        MoaKernels.weightedGrams(z, w, grams);
        double[] score = new double[m];
        double[] grad = new double[dim];
        double[][] h = new double[dim][dim];
        double[] c = new double[m];   // column scale: 1 for x, β_k,owner · α(1−α) for ∂x/∂α
        for (int k = 0; k < kk; k++) {
            Arrays.fill(score, 0.0);
            MoaKernels.weightedSums(z, r[k], score);
            for (int u = 0; u < m; u++) {
                c[u] = u < na ? 1 : p.beta[k][fittedIndex[u - na][0]] * chain[u - na];
            }
            addStateBlock(k, grams[k], score, c, grad, h);
        }
        for (int k = 0; k < kk; k++) {
            for (int a = 0; a < na; a++) {
                int d = k * na + a;
                grad[d] -= (p.beta[k][a] - priorMean[k][a]) * priorPrecision[k][a];
                h[d][d] += priorPrecision[k][a];
            }
        }
        for (int q = 0; q < np; q++) {
            int d = kk * na + q;
            grad[d] += ratePriors[q].logDensityDerivative(p.alpha[q]) * chain[q];
            h[d][d] += 1e-8;
        }
        return new Newton(grad, h);
    }

    /**
     * Adds state k's part of the Newton system: its Gram matrix and score, columns scaled by
     * {@code c}, into the (β_k, logit α) rows and columns of {@code h} and {@code grad}.
     */
    private void addStateBlock(int k, double[] gram, double[] score, double[] c, double[] grad, double[][] h) {
        int na = agents.size();
        int kk = numStates;
        int m = score.length;
        int off = 0;
        for (int u = 0; u < m; u++) {
            int du = u < na ? k * na + u : kk * na + (u - na);
            grad[du] += c[u] * score[u];
            for (int v = 0; v <= u; v++) {
                int dv = v < na ? k * na + v : kk * na + (v - na);
                double hv = c[u] * c[v] * gram[off + v];
                h[du][dv] += hv;
                if (du != dv) {
                    h[dv][du] += hv;
                }
            }
            off += u + 1;
        }
    }

    /** A damped Newton step from p: its weights, learning rates, regressors, logits and objective. */
    private record Trial(double[][] beta, double[] alpha, Design design, Logits logits,
                         double objective) {
    }

    /**
     * The step solving (H + λ diag H) s = g from p, and the objective there.
     *
     * @param current the design at p's α (used as it is when no learning rate is fitted)
     */
    private Trial trial(Params p, Newton system, double lambda, double[] gammas, Design current) {
        int na = agents.size();
        int np = fittedIndex.length;
        int kk = numStates;
        double[][] h = system.h;
        int dim = h.length;
        double[][] hd = new double[dim][dim];
        for (int u = 0; u < dim; u++) {
            hd[u] = h[u].clone();
            hd[u][u] += lambda * h[u][u] + 1e-12;
        }
        double[] step = MoaKernels.solveSpd(hd, system.grad);
        double[][] nb = DoubleArrays.copy(p.beta);
        for (int k = 0; k < kk; k++) {
            for (int a = 0; a < na; a++) {
                nb[k][a] += step[k * na + a];
            }
        }
        double[] nal = p.alpha.clone();
        for (int q = 0; q < np; q++) {
            double uq = logit(p.alpha[q]) + step[kk * na + q];
            nal[q] = Logistic.sigmoid(Math.max(-LOGIT_BOUND, Math.min(LOGIT_BOUND, uq)));
        }
        Design next = np > 0 ? design(nal, true) : current;
        Logits logits = logits(nb, next);
        return new Trial(nb, nal, next, logits, objective(nb, nal, gammas, logits));
    }

    /**
     * The per-step, per-state weights of the M-step's Newton system on the flat step axis:
     * {@code w[k][q] = γ σ(η)(1 − σ(η))} (Gram matrix) and {@code r[k][q] = γ (y − σ(η))} (score),
     * 0 where the step does not emit or γ &lt; 10^−300 (overwritten everywhere); returns the data
     * part of the objective, Σ γ log p(choice | z), summed in step then state order over the
     * same terms, so that a trial step is compared with exactly the value {@link #objective}
     * gives at this point.
     */
    private double stateWeights(double[] gammas, Logits logits, double[][] w, double[][] r) {
        int kk = numStates;
        for (int k = 0; k < kk; k++) {
            Arrays.fill(w[k], 0.0);
            Arrays.fill(r[k], 0.0);
        }
        double[] sigma = logits.sigma;
        double[] emission = logits.emission;
        double f = 0;
        for (int q = 0; q < emitsAt.length; q++) {
            if (!emitsAt[q]) {
                continue;
            }
            double y = choiceAt[q];
            int at = q * kk;
            for (int k = 0; k < kk; k++) {
                double gam = gammas[at + k];
                if (gam < 1e-300) {
                    continue;
                }
                double pr = sigma[at + k];
                f += gam * emission[at + k];
                r[k][q] = gam * (y - pr);
                w[k][q] = gam * pr * (1 - pr);
            }
        }
        return f;
    }

    /** The columns of z_t = (x_t, ∂x_t/∂α), the design's own arrays. */
    private static double[][] columns(Design design) {
        int na = design.x.length;
        int np = design.dx == null ? 0 : design.dx.length;
        double[][] z = new double[na + np][];
        System.arraycopy(design.x, 0, z, 0, na);
        if (np > 0) {
            System.arraycopy(design.dx, 0, z, na, np);
        }
        return z;
    }


    static double logit(double a) {
        return Math.log(a) - Math.log1p(-a);
    }

    private static double maxAbsDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, maxAbsDiff(a[i], b[i]));
        }
        return m;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
