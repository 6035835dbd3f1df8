package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.Agents;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PhaseRecovery;
import io.github.hmmrnn.metrics.PhaseRecoveryResult;

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
     * The simulation of MixtureAgentsModels' own recovery test: venditto2023 agents with
     * α = (MBr .6, MBc .7, MFr .4, MFc .5), the {@link #populationModel() population} β, π = (1, 0, 0)
     * and the left-to-right chain A = [[.95, .05, 0], [0, .99, .01], [0, 0, 1]].
     *
     * @return the model
     */
    public static FittedHmmMoa mixtureAgentsTestModel() {
        List<Agent> agents = List.of(
                Agents.mbRewardB().withParameter("alpha", 0.6, true),
                Agents.mbChoiceB().withParameter("alpha", 0.7, true),
                Agents.mfRewardB().withParameter("alpha", 0.4, true),
                Agents.mfChoiceB().withParameter("alpha", 0.5, true),
                Agents.bias());
        return FittedHmmMoa.of(agents, populationModel().weights(), new double[] {1, 0, 0},
                new double[][] {{0.95, 0.05, 0}, {0, 0.99, 0.01}, {0, 0, 1}});
    }

    /**
     * Permutation-invariant state recovery of a fit on simulated data: argmax smoothed state
     * against the true phases, best relabelling by the Hungarian method
     * ({@link PhaseRecovery#evaluate(TwoStepDataset, List)}).
     *
     * @param fit  the fitted model
     * @param data sessions with true phases (e.g. from {@link MoaSimulator#simulate})
     * @return accuracy and the fitted-state to true-state mapping
     */
    public static PhaseRecoveryResult stateRecovery(FittedHmmMoa fit, TwoStepDataset data) {
        return PhaseRecovery.evaluate(data, fit.smoothedStates(data));
    }

    /**
     * Per-state Pearson correlation, across agents, of fitted and true weights after mapping
     * fitted states to true ones.
     *
     * @param fit     fitted model
     * @param truth   true model (same agents, same K)
     * @param mapping fitted state k corresponds to true state mapping[k]
     * @return [K] correlation for each true state
     */
    public static double[] weightCorrelations(FittedHmmMoa fit, FittedHmmMoa truth, int[] mapping) {
        double[][] bf = fit.weights();
        double[][] bt = truth.weights();
        int k = truth.numStates();
        double[] out = new double[k];
        for (int s = 0; s < k; s++) {
            double[] a = new double[bf.length];
            double[] b = new double[bf.length];
            for (int r = 0; r < bf.length; r++) {
                a[r] = bf[r][s];
                b[r] = bt[r][mapping[s]];
            }
            out[mapping[s]] = correlation(a, b);
        }
        return out;
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
}
