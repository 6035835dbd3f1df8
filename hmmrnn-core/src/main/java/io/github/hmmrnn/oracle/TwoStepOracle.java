package io.github.hmmrnn.oracle;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.metrics.PredictiveScore;
import io.github.hmmrnn.synthetic.Dwell;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The Bayes-optimal causal predictor for data from {@link TwoStepGenerator}, given the
 * generator's true parameters.
 *
 * <p>Each trial's observation is the choice a_t, then the second-step state s_t and the reward
 * r_t. Given the phase z, p(a_t, s_t, r_t | z) = π_z(a_t) · p(s_t | a_t) · R_z(s_t)^r_t
 * (1 − R_z(s_t))^(1−r_t); the transition term p(s_t | a_t) does not depend on z and cancels.
 * The prediction of trial t is p(a_t = 1 | trials &lt; t) = Σ_z p(z_t | trials &lt; t) π_z(1).
 *
 * <p>Phase dynamics:
 * <ul>
 *   <li>{@link Dwell.Block}: block lengths are exactly mean + U{−jitter..jitter}, the first block
 *   starts at trial 0 in a uniform phase, and phases cycle z → z+1 mod K. The phase process is
 *   semi-Markov; the filter runs exactly over the pair (phase, trials elapsed in the block), with
 *   switch hazard h(a) = p(L = a+1 | L &gt; a). Cutting the last block at T has no effect on a
 *   causal filter.</li>
 *   <li>{@link Dwell.Markov}: an ordinary HMM with stay probability on the diagonal and the rest
 *   spread evenly, run through {@link ForwardBackward}.</li>
 * </ul>
 *
 * <p>Every trial advances the phase clock, as in the generator; unscored trials are observed
 * (they condition the filter) but are not scored.
 *
 * <p>Memory: smoothing under block dwell stores O(T · K · (mean + jitter)) doubles per session.
 */
public final class TwoStepOracle {

    private final int numPhases;
    private final double[][] choiceProbability;
    private final double[][] rewardProbability;
    private final Dwell dwell;

    private TwoStepOracle(int numPhases, double[][] choiceProbability, double[][] rewardProbability, Dwell dwell) {
        this.numPhases = numPhases;
        this.choiceProbability = choiceProbability;
        this.rewardProbability = rewardProbability;
        this.dwell = dwell;
    }

    /**
     * The oracle for a generator's true parameters.
     *
     * @param generator the generator whose data will be predicted
     * @return the oracle
     * @throws IllegalArgumentException if {@code generator} is null
     */
    public static TwoStepOracle forGenerator(TwoStepGenerator generator) {
        if (generator == null) {
            throw new IllegalArgumentException("generator must not be null");
        }
        int k = generator.numPhases();
        double[][] pi = new double[k][2];
        double[][] r = new double[k][2];
        for (int z = 0; z < k; z++) {
            for (int x = 0; x < 2; x++) {
                pi[z][x] = generator.choiceProbability(z, x);
                r[z][x] = generator.rewardProbability(z, x);
            }
        }
        return of(pi, r, generator.dwell());
    }

    /**
     * An oracle for explicitly given parameters.
     *
     * @param choiceProbability [K][2] p(choice | phase), rows summing to 1
     * @param rewardProbability [K][2] p(reward = 1 | phase, second-step state), in [0, 1]
     * @param dwell             phase dynamics
     * @return the oracle
     * @throws IllegalArgumentException naming the offending argument or entry
     */
    public static TwoStepOracle of(double[][] choiceProbability, double[][] rewardProbability, Dwell dwell) {
        if (choiceProbability == null || choiceProbability.length == 0) {
            throw new IllegalArgumentException("choiceProbability must have one row per phase");
        }
        int k = choiceProbability.length;
        if (rewardProbability == null || rewardProbability.length != k) {
            throw new IllegalArgumentException("rewardProbability must have " + k + " rows (one per phase)");
        }
        if (dwell == null) {
            throw new IllegalArgumentException("dwell must not be null");
        }
        double[][] pi = new double[k][];
        double[][] r = new double[k][];
        for (int z = 0; z < k; z++) {
            if (choiceProbability[z] == null || choiceProbability[z].length != 2
                    || rewardProbability[z] == null || rewardProbability[z].length != 2) {
                throw new IllegalArgumentException("phase " + z + ": choiceProbability and rewardProbability rows "
                        + "must have 2 entries");
            }
            pi[z] = choiceProbability[z].clone();
            r[z] = rewardProbability[z].clone();
            for (int x = 0; x < 2; x++) {
                if (!(pi[z][x] >= 0 && pi[z][x] <= 1)) {
                    throw new IllegalArgumentException("choiceProbability[" + z + "][" + x + "] = " + pi[z][x]
                            + " not in [0, 1]");
                }
                if (!(r[z][x] >= 0 && r[z][x] <= 1)) {
                    throw new IllegalArgumentException("rewardProbability[" + z + "][" + x + "] = " + r[z][x]
                            + " not in [0, 1]");
                }
            }
            if (Math.abs(pi[z][0] + pi[z][1] - 1) > 1e-9) {
                throw new IllegalArgumentException("choiceProbability[" + z + "] sums to " + (pi[z][0] + pi[z][1])
                        + ", expected 1");
            }
        }
        return new TwoStepOracle(k, pi, r, dwell);
    }

    /** @return number of phases K */
    public int numPhases() {
        return numPhases;
    }

    /** @return the phase dynamics */
    public Dwell dwell() {
        return dwell;
    }

    /**
     * Runs the exact filter and smoother on every session.
     *
     * @param data sessions generated with this oracle's parameters
     * @return causal choice probabilities, their score, phase posteriors and, when the data carry
     *         true phases, the phase-known score and smoothed phase accuracy
     * @throws IllegalArgumentException if a session is impossible under the parameters (zero
     *                                  likelihood) or a true phase is not below K
     */
    public OracleResult predict(TwoStepDataset data) {
        List<double[]> probs = new ArrayList<>();
        List<double[][]> predicted = new ArrayList<>();
        List<double[][]> smoothed = new ArrayList<>();
        List<double[]> phaseKnown = new ArrayList<>();
        long hits = 0;
        long counted = 0;
        boolean phases = data.hasPhases();
        for (Session s : data.sessions()) {
            int n = s.length();
            double[][] lik = new double[n][numPhases];
            for (int t = 0; t < n; t++) {
                int a = s.choice(t);
                int st = s.outcome(t);
                for (int z = 0; z < numPhases; z++) {
                    double rp = rewardProbability[z][st];
                    lik[t][z] = choiceProbability[z][a] * (s.reward(t) == 1 ? rp : 1 - rp);
                }
            }
            double[][] pred = new double[n][numPhases];
            double[][] smooth = new double[n][numPhases];
            if (dwell instanceof Dwell.Block block) {
                blockFilter(block, lik, pred, smooth, s.index());
            } else {
                markovFilter((Dwell.Markov) dwell, lik, pred, smooth);
            }
            double[] p1 = new double[n];
            for (int t = 0; t < n; t++) {
                double p = 0;
                for (int z = 0; z < numPhases; z++) {
                    p += pred[t][z] * choiceProbability[z][1];
                }
                p1[t] = Math.min(1.0, Math.max(0.0, p));
            }
            probs.add(p1);
            predicted.add(pred);
            smoothed.add(smooth);
            if (phases) {
                double[] known = new double[n];
                for (int t = 0; t < n; t++) {
                    int z = s.phase(t);
                    if (z >= numPhases) {
                        throw new IllegalArgumentException("session " + s.index() + ", trial " + t + ": phase " + z
                                + " not below the oracle's " + numPhases + " phases");
                    }
                    known[t] = choiceProbability[z][1];
                    if (argmax(smooth[t]) == z) {
                        hits++;
                    }
                    counted++;
                }
                phaseKnown.add(known);
            }
        }
        PredictiveScore score = PredictiveMetrics.evaluate(data, probs);
        Optional<PredictiveScore> known = phases ? Optional.of(PredictiveMetrics.evaluate(data, phaseKnown))
                : Optional.empty();
        OptionalDouble acc = phases ? OptionalDouble.of((double) hits / counted) : OptionalDouble.empty();
        return new OracleResult(probs, score, predicted, smoothed, known, acc);
    }

    private void markovFilter(Dwell.Markov markov, double[][] lik, double[][] pred, double[][] smooth) {
        int k = numPhases;
        double[] init = new double[k];
        Arrays.fill(init, 1.0 / k);
        double[][] a = new double[k][k];
        for (int i = 0; i < k; i++) {
            if (k == 1) {
                a[i][i] = 1.0;
                continue;
            }
            Arrays.fill(a[i], (1 - markov.stay()) / (k - 1));
            a[i][i] = markov.stay();
        }
        double[][] logLik = new double[lik.length][k];
        for (int t = 0; t < lik.length; t++) {
            for (int z = 0; z < k; z++) {
                logLik[t][z] = Math.log(lik[t][z]);
            }
        }
        HmmPosterior post = ForwardBackward.run(init, a, logLik);
        for (int t = 0; t < lik.length; t++) {
            System.arraycopy(post.predicted()[t], 0, pred[t], 0, k);
            System.arraycopy(post.smoothed()[t], 0, smooth[t], 0, k);
        }
    }

    /**
     * Exact forward–backward over (phase z, age a), a = trials already spent in the current
     * block before this trial, a in [0, maxLen). Flattened index z · maxLen + a.
     */
    private void blockFilter(Dwell.Block block, double[][] lik, double[][] pred, double[][] smooth, int session) {
        int k = numPhases;
        int maxLen = block.mean() + block.jitter();
        int minLen = block.mean() - block.jitter();
        int n = lik.length;
        int m = k * maxLen;
        // hazard[a]: probability that the block ends after its (a+1)-th trial, given it lasted that long.
        double[] hazard = new double[maxLen];
        for (int a = 0; a < maxLen; a++) {
            int len = a + 1;
            hazard[a] = len < minLen ? 0.0 : 1.0 / (maxLen - len + 1);
        }
        double[] filtered = new double[n * m];
        double[] norm = new double[n];
        double[] prior = new double[m];
        for (int z = 0; z < k; z++) {
            prior[z * maxLen] = 1.0 / k;
        }
        double[] next = new double[m];
        for (int t = 0; t < n; t++) {
            double c = 0;
            int off = t * m;
            for (int z = 0; z < k; z++) {
                double l = lik[t][z];
                double phaseMass = 0;
                for (int a = 0; a < maxLen; a++) {
                    double p = prior[z * maxLen + a];
                    phaseMass += p;
                    double f = p * l;
                    filtered[off + z * maxLen + a] = f;
                    c += f;
                }
                pred[t][z] = phaseMass;
            }
            if (!(c > 0)) {
                throw new IllegalArgumentException("session " + session + ", trial " + t
                        + " has probability zero under the oracle's parameters");
            }
            norm[t] = c;
            double inv = 1.0 / c;
            Arrays.fill(next, 0.0);
            for (int z = 0; z < k; z++) {
                int nz = (z + 1) % k;
                for (int a = 0; a < maxLen; a++) {
                    int i = off + z * maxLen + a;
                    double f = filtered[i] * inv;
                    filtered[i] = f;
                    if (f == 0) {
                        continue;
                    }
                    double h = hazard[a];
                    if (h < 1) {
                        next[z * maxLen + a + 1] += f * (1 - h);
                    }
                    next[nz * maxLen] += f * h;
                }
            }
            double[] tmp = prior;
            prior = next;
            next = tmp;
        }
        double[] beta = new double[m];
        double[] betaNext = new double[m];
        Arrays.fill(beta, 1.0);
        for (int t = n - 1; t >= 0; t--) {
            if (t < n - 1) {
                // beta_t(z, a) = Σ_successors p(succ | z, a) lik_{t+1}(succ phase) beta_{t+1}(succ) / c_{t+1}
                double[] b1 = betaNext;
                double inv = 1.0 / norm[t + 1];
                for (int z = 0; z < k; z++) {
                    int nz = (z + 1) % k;
                    double lStay = lik[t + 1][z] * inv;
                    double switchTerm = lik[t + 1][nz] * inv * b1[nz * maxLen];
                    for (int a = 0; a < maxLen; a++) {
                        double h = hazard[a];
                        double v = h * switchTerm;
                        if (h < 1) {
                            v += (1 - h) * lStay * b1[z * maxLen + a + 1];
                        }
                        beta[z * maxLen + a] = v;
                    }
                }
            }
            int off = t * m;
            double total = 0;
            for (int z = 0; z < k; z++) {
                double g = 0;
                for (int a = 0; a < maxLen; a++) {
                    g += filtered[off + z * maxLen + a] * beta[z * maxLen + a];
                }
                smooth[t][z] = g;
                total += g;
            }
            for (int z = 0; z < k; z++) {
                smooth[t][z] /= total;
            }
            double[] tmp = betaNext;
            betaNext = beta;
            beta = tmp;
        }
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "TwoStepOracle[phases=" + numPhases + ", choiceProbability=" + Arrays.deepToString(choiceProbability)
                + ", rewardProbability=" + Arrays.deepToString(rewardProbability) + ", dwell=" + dwell + "]";
    }
}
