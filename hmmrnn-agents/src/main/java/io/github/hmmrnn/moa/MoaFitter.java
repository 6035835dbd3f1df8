package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentRegressors;
import io.github.hmmrnn.agents.AgentRegressors.SessionRegressors;
import io.github.hmmrnn.agents.BetaPrior;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.model.TrainingHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Generalized EM for one start of the MoA-HMM. E-step: forward–backward per session over its
 * scored trials. M-step: closed-form MAP π and A; then (β, logit α) jointly by damped
 * Gauss–Newton on the posterior-weighted logistic objective (exact Newton/IRLS in β), with
 * forward-mode derivatives of the regressors in α, accepting only improving steps.
 */
final class MoaFitter {

    private static final Logger LOG = LoggerFactory.getLogger(MoaFitter.class);
    private static final int INNER_ITERATIONS = 2;
    private static final double LOGIT_BOUND = 20;

    private final List<Agent> agents;
    private final int numStates;
    private final List<PreparedSession> sessions;
    private final int[][] fittedIndex;
    private final BetaPrior[] ratePriors;
    private final double[][] priorMean;   // [K][A]
    private final double[][] priorPrecision;   // [K][A]
    private final double initialConcentration;
    private final double[][] transitionConcentration;
    private final int maxIterations;
    private final double tolerance;
    private final int numScored;

    /** Parameters of one start; arrays are mutated only by the owning fitter. */
    static final class Params {
        double[][] beta;     // [K][A]
        double[] alpha;      // [P] fitted learning rates
        double[] pi;
        double[][] trans;

        Params(double[][] beta, double[] alpha, double[] pi, double[][] trans) {
            this.beta = beta;
            this.alpha = alpha;
            this.pi = pi;
            this.trans = trans;
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
            return new Params(b, alpha.clone(), pi.clone(), a);
        }
    }

    /** The result of one start. */
    record StartResult(Params params, double logLikelihood, double logPosterior, TrainingHistory history, int start) {
    }

    private record EStep(double logLikelihood, double logPosterior, List<double[][]> gammas, double[] startCounts,
                         double[][] transitionCounts) {
    }

    MoaFitter(List<Agent> agents, int numStates, List<PreparedSession> sessions, double[][] priorMeanKA,
              double[][] priorSdKA, double initialConcentration, double[][] transitionConcentration,
              int maxIterations, double tolerance) {
        this.agents = agents;
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
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        int n = 0;
        for (PreparedSession s : sessions) {
            n += s.free().length;
        }
        this.numScored = n;
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

    List<SessionRegressors> regressors(double[] alpha, boolean derivatives) {
        double[][] values = parameterValues(alpha);
        List<SessionRegressors> out = new ArrayList<>(sessions.size());
        for (PreparedSession s : sessions) {
            out.add(AgentRegressors.compute(agents, values, s.session(), s.pCongruent(), derivatives));
        }
        return out;
    }

    StartResult fit(Params init, int start) {
        long t0 = System.nanoTime();
        Params p = init.copy();
        List<SessionRegressors> regs = regressors(p.alpha, false);
        EStep e = eStep(p, regs);
        List<TrainingHistory.Entry> hist = new ArrayList<>();
        hist.add(new TrainingHistory.Entry(0, -e.logPosterior / numScored, Double.NaN));
        boolean converged = false;
        int decreases = 0;
        for (int iter = 1; iter <= maxIterations; iter++) {
            double[][] oldBeta = copy(p.beta);
            double[] oldAlpha = p.alpha.clone();
            mStepChain(p, e);
            regs = mStepWeights(p, e.gammas, regs);
            EStep next = eStep(p, regs);
            double delta = next.logPosterior - e.logPosterior;
            e = next;
            hist.add(new TrainingHistory.Entry(iter, -e.logPosterior / numScored, Double.NaN));
            LOG.debug("start {} iteration {}: log posterior {} (delta {})", start, iter, e.logPosterior, delta);
            if (Double.isNaN(e.logPosterior)) {
                throw new IllegalStateException("log posterior became NaN at iteration " + iter + " of start " + start);
            }
            if (delta >= 0 && delta <= tolerance) {
                converged = true;
                break;
            }
            if (maxAbsDiff(oldBeta, p.beta) <= tolerance && maxAbsDiff(oldAlpha, p.alpha) <= tolerance) {
                converged = true;
                break;
            }
            decreases = delta < 0 ? decreases + 1 : 0;
            if (decreases >= 11) {
                break;
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        LOG.info("start {}: log posterior {} log likelihood {} after {} iterations ({}), {} s", start,
                String.format("%.4f", e.logPosterior), String.format("%.4f", e.logLikelihood), hist.size() - 1,
                converged ? "converged" : "not converged", String.format("%.2f", secs));
        return new StartResult(p, e.logLikelihood, e.logPosterior, new TrainingHistory(hist, converged, secs), start);
    }

    private EStep eStep(Params p, List<SessionRegressors> regs) {
        int k = numStates;
        double ll = 0;
        double[] startCounts = new double[k];
        double[][] transCounts = new double[k][k];
        List<double[][]> gammas = new ArrayList<>(sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            PreparedSession s = sessions.get(i);
            if (s.free().length == 0) {
                gammas.add(new double[0][k]);
                continue;
            }
            double[][] logLik = MoaKernels.emissionLogLik(p.beta, regs.get(i).values(), s.free(), s.choices());
            HmmPosterior post = ForwardBackward.run(p.pi, p.trans, logLik);
            ll += post.logMarginalLikelihood();
            gammas.add(post.smoothed());
            for (int a = 0; a < k; a++) {
                startCounts[a] += post.smoothed()[0][a];
                for (int b = 0; b < k; b++) {
                    transCounts[a][b] += post.expectedTransitions()[a][b];
                }
            }
        }
        double lp = ll + logPrior(p);
        return new EStep(ll, lp, gammas, startCounts, transCounts);
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
        return lp;
    }

    private void mStepChain(Params p, EStep e) {
        int k = numStates;
        double[] pi = new double[k];
        double s = 0;
        for (int a = 0; a < k; a++) {
            pi[a] = Math.max(e.startCounts[a] + initialConcentration - 1, 0);
            s += pi[a];
        }
        if (s > 0) {
            for (int a = 0; a < k; a++) {
                p.pi[a] = pi[a] / s;
            }
        }
        for (int i = 0; i < k; i++) {
            double[] row = new double[k];
            double rs = 0;
            for (int j = 0; j < k; j++) {
                row[j] = Math.max(e.transitionCounts[i][j] + transitionConcentration[i][j] - 1, 0);
                rs += row[j];
            }
            // a state never left keeps its old row rather than becoming 0/0
            if (rs > 0) {
                for (int j = 0; j < k; j++) {
                    p.trans[i][j] = row[j] / rs;
                }
            }
        }
    }

    /** Value of the M-step objective for weights and learning rates. */
    private double objective(double[][] beta, double[] alpha, List<double[][]> gammas, List<SessionRegressors> regs) {
        double f = 0;
        for (int i = 0; i < sessions.size(); i++) {
            PreparedSession s = sessions.get(i);
            double[][] x = regs.get(i).values();
            double[][] g = gammas.get(i);
            int[] free = s.free();
            for (int j = 0; j < free.length; j++) {
                int t = free[j];
                double y = s.choices()[t];
                for (int k = 0; k < numStates; k++) {
                    double eta = MoaKernels.dot(beta[k], x[t]);
                    f += g[j][k] * (y * eta - MoaKernels.softplus(eta));
                }
            }
        }
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
     * Improves (β, α) on the M-step objective; returns the regressors at the new α.
     */
    private List<SessionRegressors> mStepWeights(Params p, List<double[][]> gammas, List<SessionRegressors> regs) {
        int na = agents.size();
        int np = fittedIndex.length;
        int kk = numStates;
        int dim = kk * na + np;
        double lambda = 1e-4;
        List<SessionRegressors> current = regs;
        int[] idx = new int[na + np];
        double[] val = new double[na + np];
        for (int it = 0; it < INNER_ITERATIONS; it++) {
            List<SessionRegressors> withDx = np > 0 ? regressors(p.alpha, true) : current;
            double f = 0;
            double[] grad = new double[dim];
            double[][] h = new double[dim][dim];
            double[] chain = new double[np];
            for (int q = 0; q < np; q++) {
                chain[q] = p.alpha[q] * (1 - p.alpha[q]);
            }
            for (int i = 0; i < sessions.size(); i++) {
                PreparedSession s = sessions.get(i);
                double[][] x = withDx.get(i).values();
                double[][] dx = withDx.get(i).derivatives();
                double[][] g = gammas.get(i);
                int[] free = s.free();
                for (int j = 0; j < free.length; j++) {
                    int t = free[j];
                    double y = s.choices()[t];
                    for (int k = 0; k < kk; k++) {
                        double gam = g[j][k];
                        if (gam < 1e-300) {
                            continue;
                        }
                        double[] bk = p.beta[k];
                        double eta = MoaKernels.dot(bk, x[t]);
                        double pr = MoaKernels.sigmoid(eta);
                        f += gam * (y * eta - MoaKernels.softplus(eta));
                        double r = gam * (y - pr);
                        double w = gam * pr * (1 - pr);
                        int n = 0;
                        for (int a = 0; a < na; a++) {
                            idx[n] = k * na + a;
                            val[n++] = x[t][a];
                        }
                        for (int q = 0; q < np; q++) {
                            idx[n] = kk * na + q;
                            val[n++] = bk[fittedIndex[q][0]] * dx[t][q] * chain[q];
                        }
                        for (int u = 0; u < n; u++) {
                            grad[idx[u]] += r * val[u];
                            double wv = w * val[u];
                            double[] hrow = h[idx[u]];
                            for (int v = 0; v <= u; v++) {
                                hrow[idx[v]] += wv * val[v];
                            }
                        }
                    }
                }
            }
            // mirror: only entries with idx[v] <= idx[u] in accumulation order were filled
            for (int u = 0; u < dim; u++) {
                for (int v = 0; v < u; v++) {
                    double s2 = h[u][v] + h[v][u];
                    h[u][v] = s2;
                    h[v][u] = s2;
                }
            }
            for (int k = 0; k < kk; k++) {
                for (int a = 0; a < na; a++) {
                    double dev = p.beta[k][a] - priorMean[k][a];
                    f -= 0.5 * dev * dev * priorPrecision[k][a];
                }
            }
            for (int q = 0; q < np; q++) {
                f += ratePriors[q].logDensity(p.alpha[q]);
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
            double gmax = 0;
            for (double gv : grad) {
                gmax = Math.max(gmax, Math.abs(gv));
            }
            if (gmax < 1e-9) {
                break;
            }
            boolean accepted = false;
            for (int tries = 0; tries < 12 && !accepted; tries++) {
                double[][] hd = new double[dim][dim];
                for (int u = 0; u < dim; u++) {
                    hd[u] = h[u].clone();
                    hd[u][u] += lambda * h[u][u] + 1e-12;
                }
                double[] step = MoaKernels.solveSpd(hd, grad);
                double[][] nb = copy(p.beta);
                for (int k = 0; k < kk; k++) {
                    for (int a = 0; a < na; a++) {
                        nb[k][a] += step[k * na + a];
                    }
                }
                double[] nal = p.alpha.clone();
                for (int q = 0; q < np; q++) {
                    double uq = logit(p.alpha[q]) + step[kk * na + q];
                    nal[q] = expit(Math.max(-LOGIT_BOUND, Math.min(LOGIT_BOUND, uq)));
                }
                List<SessionRegressors> trial = np > 0 ? regressors(nal, false) : current;
                double fn = objective(nb, nal, gammas, trial);
                if (fn >= f) {
                    accepted = true;
                    double gain = fn - f;
                    p.beta = nb;
                    p.alpha = nal;
                    current = trial;
                    lambda = Math.max(lambda / 10, 1e-9);
                    if (gain <= 1e-10 * (1 + Math.abs(f))) {
                        it = INNER_ITERATIONS;
                    }
                } else {
                    lambda *= 10;
                }
            }
            if (!accepted) {
                break;
            }
        }
        return current;
    }

    static double logit(double a) {
        return Math.log(a) - Math.log1p(-a);
    }

    static double expit(double u) {
        return MoaKernels.sigmoid(u);
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
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
