package io.github.hmmrnn.moa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentParameter;
import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.agents.AgentRegressors;
import io.github.hmmrnn.data.DatasetSplit;
import io.github.hmmrnn.data.SessionFolds;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.hmm.ChainLayout.ForcedTrialRule;
import io.github.hmmrnn.hmm.ForwardBackward;
import io.github.hmmrnn.hmm.HmmPosterior;
import io.github.hmmrnn.io.MatTwoStepReader;
import io.github.hmmrnn.io.SharedData;
import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.OutcomeChainEmission;
import io.github.hmmrnn.model.OutcomeEmissions;
import io.github.hmmrnn.numeric.DoubleArrays;

/**
 * The measurement behind the chain layout rule (docs/hmm.md, "Forced and unscored trials"): HMM-MoA
 * (venditto2023 agents) fitted with each forced-trial rule under 6-fold session cross-validation on
 * every Miller rat with at least 6 sessions, scored by the held-out causal log-likelihood of the
 * scored choices, each fit evaluated under the rule it was fitted with. Runs only when asked:
 * {@code mvn -B -ntp -q -pl hmmrnn-agents -am test -Dtest=ForcedTrialRuleMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false -Dhmmrnn.measure=forced-trials}; it prints the table.
 */
@EnabledIfSystemProperty(named = "hmmrnn.measure", matches = "forced-trials")
class ForcedTrialRuleMeasurement {

    private static final int FOLDS = 6;
    private static final long SEED = 1;

    private record Config(int states, ChainEvidence evidence) {
        String label() {
            return "K=" + states + (evidence == ChainEvidence.CHOICES ? "" : " +outcomes");
        }
    }

    /** Held-out log-likelihood and scored trials of one fold. */
    private record FoldScore(double logLik, int trials) {
    }

    @Test
    void measure() throws Exception {
        TwoStepDataset all = MatTwoStepReader.read(SharedData.ofcMat());
        List<Config> configs = List.of(new Config(2, ChainEvidence.CHOICES), new Config(3, ChainEvidence.CHOICES),
                new Config(2, ChainEvidence.CHOICES_AND_OUTCOMES));
        ForcedTrialRule[] rules = {ForcedTrialRule.SCORED_TRIALS, ForcedTrialRule.EVERY_TRIAL};
        ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("hmmrnn.measure.threads", 2));
        StringBuilder table = new StringBuilder();
        table.append("| rat | model | held-out trials | NLL scored-only (b) | NLL every-trial (a) | Δ = b − a (nats/trial)"
                + " | s.e. of Δ across folds |\n|---|---|---|---|---|---|---|\n");
        try {
            for (Config c : configs) {
                double[] pooledLl = new double[rules.length];
                long pooledN = 0;
                for (String rat : all.subjectNames()) {
                    TwoStepDataset d = all.forSubject(rat);
                    if (d.numSessions() < FOLDS) {
                        continue;
                    }
                    List<DatasetSplit> splits = SessionFolds.kFold(d, FOLDS, SplitMethod.STRIDE, SEED);
                    FoldScore[][] scores = new FoldScore[rules.length][FOLDS];
                    List<Future<FoldScore>> futures = new ArrayList<>();
                    for (ForcedTrialRule rule : rules) {
                        for (DatasetSplit split : splits) {
                            futures.add(pool.submit(() -> score(c, rule, split)));
                        }
                    }
                    for (int r = 0; r < rules.length; r++) {
                        for (int f = 0; f < FOLDS; f++) {
                            scores[r][f] = futures.get(r * FOLDS + f).get();
                        }
                    }
                    double[] ll = new double[rules.length];
                    int n = 0;
                    double[] diff = new double[FOLDS];
                    for (int f = 0; f < FOLDS; f++) {
                        n += scores[0][f].trials();
                        diff[f] = (scores[1][f].logLik() - scores[0][f].logLik()) / scores[0][f].trials();
                        for (int r = 0; r < rules.length; r++) {
                            ll[r] += scores[r][f].logLik();
                        }
                    }
                    double mean = 0;
                    for (double v : diff) {
                        mean += v / FOLDS;
                    }
                    double var = 0;
                    for (double v : diff) {
                        var += (v - mean) * (v - mean) / (FOLDS - 1);
                    }
                    String row = String.format(Locale.ROOT, "| %s | %s | %d | %.4f | %.4f | %+.4f | %.4f |%n", rat,
                            c.label(), n, -ll[0] / n, -ll[1] / n, (ll[1] - ll[0]) / n, Math.sqrt(var / FOLDS));
                    System.out.print(row);
                    table.append(row);
                    for (int r = 0; r < rules.length; r++) {
                        pooledLl[r] += ll[r];
                    }
                    pooledN += n;
                }
                String row = String.format(Locale.ROOT, "| pooled | %s | %d | %.4f | %.4f | %+.4f (%+.1f nats) | |%n",
                        c.label(), pooledN, -pooledLl[0] / pooledN, -pooledLl[1] / pooledN,
                        (pooledLl[1] - pooledLl[0]) / pooledN, pooledLl[1] - pooledLl[0]);
                System.out.print(row);
                table.append(row);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("\nForced-trial rule measurement (HMM-MoA, venditto2023, " + FOLDS + "-fold session CV, seed "
                + SEED + ")\n" + table);
        assertTrue(table.length() > 0);
    }

    private static FoldScore score(Config c, ForcedTrialRule rule, DatasetSplit split) {
        HmmMoaModel spec = HmmMoaModel.builder().states(c.states()).agents(AgentPreset.VENDITTO2023).starts(2)
                .maxIterations(300).seed(SEED).chainEvidence(c.evidence()).build();
        FittedHmmMoa fit = spec.fit(split.train(), rule);
        return new FoldScore(heldOutChoiceLogLik(fit, split.test(), rule), split.test().numScored());
    }

    /** Σ over scored held-out trials of log p(choice_t | trials &lt; t), the chain laid out by {@code rule}. */
    static double heldOutChoiceLogLik(FittedHmmMoa fit, TwoStepDataset data, ForcedTrialRule rule) {
        List<Agent> agents = fit.agents();
        double[][] values = new double[agents.size()][];
        for (int a = 0; a < agents.size(); a++) {
            values[a] = agents.get(a).parameters().stream().mapToDouble(AgentParameter::value).toArray();
        }
        double[][] weights = fit.weights();
        int k = fit.numStates();
        double[][] beta = new double[k][agents.size()];
        for (int a = 0; a < agents.size(); a++) {
            for (int s = 0; s < k; s++) {
                beta[s][a] = weights[a][s];
            }
        }
        OutcomeEmissions rho = fit.outcomeEmissions().orElse(null);
        double total = 0;
        for (PreparedSession s : PreparedSession.of(data, rule)) {
            if (s.steps().length == 0) {
                continue;
            }
            double[][] x = AgentRegressors.compute(agents, values, s.session(), s.pCongruent(), false).values();
            double[][] choice = MoaKernels.emissionLogLik(beta, x, s.steps(), s.emits(), s.choices());
            double[][] chain = DoubleArrays.copy(choice);
            if (rho != null) {
                MoaKernels.addInPlace(chain, OutcomeChainEmission.of(List.of(s.session()), List.of(s.layout()), rho)
                        .logLikelihoods(0));
            }
            HmmPosterior post = ForwardBackward.filter(fit.initialDistribution(), fit.transitionMatrix(), chain);
            total += MoaKernels.causalChoiceLogLik(post.predicted(), choice, s.emits());
        }
        return total;
    }
}
