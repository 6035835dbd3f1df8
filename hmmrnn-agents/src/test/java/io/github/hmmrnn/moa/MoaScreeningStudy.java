package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.MatTwoStepReader;
import io.github.hmmrnn.io.SharedData;
import io.github.hmmrnn.model.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The measurement behind the screened default start search (docs/benchmarks-moa.md, "How early is
 * the best start identifiable"): the 50-start search of the best-known-optimum check, with every
 * start's log posterior after 0, 3, 5, 10, 20 and 40 EM iterations; printed per rat and K is the
 * rank, at each checkpoint, of the first start whose final log posterior is within 0.5 nats of the
 * best. Runs only when asked: {@code mvn -B -ntp -q -pl hmmrnn-agents -am test
 * -Dtest=MoaScreeningStudy -Dsurefire.failIfNoSpecifiedTests=false -Dhmmrnn.measure=screening
 * -Dhmmrnn.cases=M088:3,M093:4}.
 */
class MoaScreeningStudy {

    private static final int[] CHECKPOINTS = {0, 3, 5, 10, 20, 40};

    @Test
    @EnabledIfSystemProperty(named = "hmmrnn.measure", matches = "screening")
    void printRanks() throws IOException {
        TwoStepDataset all = MatTwoStepReader.read(SharedData.ofcMat());
        for (String c : System.getProperty("hmmrnn.cases", "M093:3,M088:3").split(",")) {
            String rat = c.split(":")[0];
            int k = Integer.parseInt(c.split(":")[1]);
            TwoStepDataset d = all.forSubject(rat);
            HmmMoaModel spec = HmmMoaModel.builder().states(k).agents(AgentPreset.VENDITTO2023).starts(24)
                    .randomStarts(25).biasHmmStart(true).seed(12345).threads(2).build();
            List<List<MoaFitter.StartResult>> seen = new ArrayList<>();
            long t0 = System.nanoTime();
            FittedHmmMoa fit = spec.fit(d, seen::add);
            double secs = (System.nanoTime() - t0) / 1e9;
            List<MoaFitter.StartResult> rs = seen.get(0);
            int n = d.numScored();
            double best = fit.logPosterior();
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "%s K=%d best %.3f, %d of %d within 0.5, %.1f s; rank of first good start at", rat, k, best,
                    rs.stream().filter(r -> r.logPosterior() >= best - 0.5).count(), rs.size(), secs));
            for (int cp : CHECKPOINTS) {
                double[] at = new double[rs.size()];
                for (int s = 0; s < rs.size(); s++) {
                    List<TrainingHistory.Entry> h = rs.get(s).history().entries();
                    at[s] = -h.get(Math.min(cp, h.size() - 1)).objective().getAsDouble() * n;
                }
                Integer[] order = new Integer[rs.size()];
                for (int s = 0; s < order.length; s++) {
                    order[s] = s;
                }
                Arrays.sort(order, (a, b) -> Double.compare(at[b], at[a]));
                int rank = 0;
                while (rank < order.length && rs.get(order[rank]).logPosterior() < best - 0.5) {
                    rank++;
                }
                sb.append(String.format(Locale.ROOT, " it%d:%d", cp, rank + 1));
            }
            System.out.println(sb);
            System.out.flush();
        }
    }

    /** Prints the structure (β, π, A, per-session state occupancy) of the search's and the default's fits. */
    @Test
    @EnabledIfSystemProperty(named = "hmmrnn.measure", matches = "structure")
    void printStructure() throws IOException {
        TwoStepDataset all = MatTwoStepReader.read(SharedData.ofcMat());
        for (String c : System.getProperty("hmmrnn.cases", "M088:3").split(",")) {
            String rat = c.split(":")[0];
            int k = Integer.parseInt(c.split(":")[1]);
            TwoStepDataset d = all.forSubject(rat);
            HmmMoaModel base = HmmMoaModel.builder().states(k).agents(AgentPreset.VENDITTO2023).seed(1).threads(2).build();
            for (HmmMoaModel spec : List.of(base.toBuilder().starts(2).recommendedStartFamilies().build(),
                    base.toBuilder().starts(24).randomStarts(25).biasHmmStart(true).seed(12345).build())) {
                FittedHmmMoa f = spec.fit(d);
                System.out.printf(Locale.ROOT, "%s K=%d log posterior %.3f alpha %s pi %s%n", rat, k, f.logPosterior(),
                        f.learningRates(), fmt(f.initialDistribution()));
                for (double[] w : f.weights()) {
                    System.out.println("  beta " + fmt(w));
                }
                for (double[] a : f.transitionMatrix()) {
                    System.out.println("  A " + fmt(a));
                }
                StringBuilder occ = new StringBuilder("  occupancy per session:");
                for (double[][] g : f.smoothedStates(d)) {
                    double[] m = new double[k];
                    for (double[] row : g) {
                        for (int j = 0; j < k; j++) {
                            m[j] += row[j] / g.length;
                        }
                    }
                    occ.append(' ').append(g.length).append(fmt(m));
                }
                System.out.println(occ);
            }
        }
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (double x : v) {
            sb.append(String.format(Locale.ROOT, "%.2f ", x));
        }
        return sb.append(']').toString();
    }

    /**
     * Fits a start configuration ({@code -Dhmmrnn.variant=starts,segments,split,bias,random}, e.g.
     * {@code 2,8,1,1,0}) and prints every start's final log posterior and the gap to the best known.
     */
    @Test
    @EnabledIfSystemProperty(named = "hmmrnn.measure", matches = "variant")
    void printVariant() throws IOException {
        JsonNode table;
        try (InputStream in = getClass().getResourceAsStream("best-known-optima.json")) {
            table = new ObjectMapper().readTree(in);
        }
        int[] v = Arrays.stream(System.getProperty("hmmrnn.variant", "0,6,0,0").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        TwoStepDataset all = MatTwoStepReader.read(SharedData.ofcMat());
        for (String c : System.getProperty("hmmrnn.cases", "M088:3").split(",")) {
            String rat = c.split(":")[0];
            int k = Integer.parseInt(c.split(":")[1]);
            double known = Double.NaN;
            for (JsonNode n : table.get("optima")) {
                if (n.get("rat").asText().equals(rat) && n.get("states").asInt() == k) {
                    known = n.get("logPosterior").asDouble();
                }
            }
            HmmMoaModel spec = HmmMoaModel.builder().states(k).agents(AgentPreset.VENDITTO2023).seed(1).threads(2)
                    .starts(v[0]).segmentStarts(v[1]).splitStarts(v[2] == 1).biasHmmStart(v[3] == 1)
                    .randomStarts(v.length > 4 ? v[4] : 0).build();
            long t0 = System.nanoTime();
            FittedHmmMoa f = spec.fit(all.forSubject(rat));
            double secs = (System.nanoTime() - t0) / 1e9;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < f.startLogPosteriors().length; i++) {
                sb.append(String.format(Locale.ROOT, " %s:%.2f", f.startFamilies().get(i).name().substring(0, 3),
                        f.startLogPosteriors()[i]));
            }
            System.out.printf(Locale.ROOT, "VARIANT %s K=%d %s: best %.3f known %.3f gap %.2f %s, %.1f s, load %.1f;%s%n",
                    rat, k, Arrays.toString(v), f.logPosterior(), known, known - f.logPosterior(),
                    known - f.logPosterior() <= 0.5 ? "OK" : "MISS", secs,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), sb);
            System.out.flush();
        }
    }
}
