package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.Agents;

import java.util.List;

/**
 * Parameter-recovery helpers: the paper's 3-state population model and permutation-invariant
 * comparisons of a fit with the truth.
 */
public final class MoaRecovery {

    private MoaRecovery() {
    }

    /**
     * The 3-state population means of Venditto et al. (behavior_dataset_priors.mat): venditto2023
     * agents with α = (MBr .65, MBc .90, MFr .29, MFc .32); β per state (MBr, MBc, MFr, MFc, Bias)
     * S1 (.70, −.55, .09, .17, .04), S2 (1.42, −.15, .10, .30, .18), S3 (.95, .32, .08, .37, .22);
     * π (.928, .051, .021); A rows (.951, .040, .009), (.007, .920, .073), (.005, .067, .929), rows renormalised to sum to 1.
     *
     * @return the model (its Bias weights keep the table's values; the sign flip versus Julia's
     *         bias regressor only mirrors the side preference)
     */
    public static FittedHmmMoa populationModel() {
        List<Agent> agents = List.of(
                Agents.mbRewardB().withParameter("alpha", 0.65, true),
                Agents.mbChoiceB().withParameter("alpha", 0.90, true),
                Agents.mfRewardB().withParameter("alpha", 0.29, true),
                Agents.mfChoiceB().withParameter("alpha", 0.32, true),
                Agents.bias());
        double[][] beta = {
                {0.70, 1.42, 0.95},
                {-0.55, -0.15, 0.32},
                {0.09, 0.10, 0.08},
                {0.17, 0.30, 0.37},
                {0.04, 0.18, 0.22}};
        double[] pi = {0.928, 0.051, 0.021};
        double[][] a = {{0.951, 0.040, 0.009}, {0.007, 0.920, 0.073}, {0.005, 0.067, 0.929}};
        // the published rows are rounded (the last sums to 1.001): renormalise
        for (double[] row : a) {
            double sum = row[0] + row[1] + row[2];
            for (int j = 0; j < 3; j++) {
                row[j] /= sum;
            }
        }
        return FittedHmmMoa.of(agents, beta, pi, a);
    }

    /**
     * The state permutation of a fit that best matches true states: maximises agreement of the
     * argmax smoothed posterior with the true labels (exhaustive over K! permutations, K ≤ 8).
     *
     * @param trueStates      per session [T] true labels in [0, K)
     * @param smoothed        per session [T][K] posteriors
     * @param numStates       K
     * @return perm with perm[fitted state] = true state
     */
    public static int[] bestPermutation(List<int[]> trueStates, List<double[][]> smoothed, int numStates) {
        if (numStates > 8) {
            throw new IllegalArgumentException("exhaustive permutation search supports K <= 8, got " + numStates);
        }
        long[][] conf = confusion(trueStates, smoothed, numStates);
        int[] perm = new int[numStates];
        for (int i = 0; i < numStates; i++) {
            perm[i] = i;
        }
        int[] best = perm.clone();
        long[] bestScore = {-1};
        permute(perm, 0, conf, best, bestScore);
        return best;
    }

    /**
     * Permutation-invariant state accuracy: the fraction of trials whose argmax smoothed state,
     * under the best relabelling, equals the true state.
     *
     * @param trueStates per session [T]
     * @param smoothed   per session [T][K]
     * @param numStates  K
     * @return accuracy in [0, 1]
     */
    public static double stateAccuracy(List<int[]> trueStates, List<double[][]> smoothed, int numStates) {
        long[][] conf = confusion(trueStates, smoothed, numStates);
        int[] perm = bestPermutation(trueStates, smoothed, numStates);
        long hit = 0;
        long n = 0;
        for (int i = 0; i < numStates; i++) {
            for (int j = 0; j < numStates; j++) {
                n += conf[i][j];
            }
            hit += conf[i][perm[i]];
        }
        return (double) hit / n;
    }

    /**
     * Pearson correlation between two vectors.
     *
     * @param a values
     * @param b values, same length
     * @return the correlation, NaN if either is constant
     */
    public static double correlation(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i] / n;
            mb += b[i] / n;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static long[][] confusion(List<int[]> trueStates, List<double[][]> smoothed, int k) {
        long[][] conf = new long[k][k];   // [fitted][true]
        for (int s = 0; s < trueStates.size(); s++) {
            int[] z = trueStates.get(s);
            double[][] g = smoothed.get(s);
            for (int t = 0; t < z.length; t++) {
                int arg = 0;
                for (int j = 1; j < k; j++) {
                    if (g[t][j] > g[t][arg]) {
                        arg = j;
                    }
                }
                if (z[t] < 0 || z[t] >= k) {
                    throw new IllegalArgumentException("true state " + z[t] + " at session " + s + ", trial " + t
                            + " is outside [0, " + k + ")");
                }
                conf[arg][z[t]]++;
            }
        }
        return conf;
    }

    private static void permute(int[] perm, int i, long[][] conf, int[] best, long[] bestScore) {
        if (i == perm.length) {
            long s = 0;
            for (int j = 0; j < perm.length; j++) {
                s += conf[j][perm[j]];
            }
            if (s > bestScore[0]) {
                bestScore[0] = s;
                System.arraycopy(perm, 0, best, 0, perm.length);
            }
            return;
        }
        for (int j = i; j < perm.length; j++) {
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
            permute(perm, i + 1, conf, best, bestScore);
            perm[j] = perm[i];
            perm[i] = tmp;
        }
    }
}
