package io.github.hmmrnn.bench;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.io.SharedData;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.HmmMoaModel;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The best-known-optimum check of docs/benchmarks-moa.md: per rat and K, a wide search
 * (perturbed one-state, random-draw and bias-HMM starts, 50 in all; no split starts, which would
 * nest a whole search of K − 1 states) and the
 * command line's default fit, one JSON line each with log-likelihood, log posterior, agreeing
 * starts and wall time. Usage: {@code MoaOptimumSearch [rats (comma-separated) [Ks [search starts
 * per random family [threads [rows: both, default or search]]]]]}.
 */
public final class MoaOptimumSearch {

    private MoaOptimumSearch() {
    }

    /**
     * @param args rats, Ks, starts per random family (default 24: 24 perturbed + 25 random + 1 bias), threads,
     *             which rows (both, default, search)
     */
    public static void main(String[] args) {
        List<String> rats = Arrays.asList((args.length > 0 ? args[0] : "M093,M088,M071,M070,M064,M055").split(","));
        int[] ks = Arrays.stream((args.length > 1 ? args[1] : "2,3,4").split(",")).mapToInt(Integer::parseInt).toArray();
        int perFamily = args.length > 2 ? Integer.parseInt(args[2]) : 24;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        String rows = args.length > 4 ? args[4] : "both";
        // optional: the default's local-search rounds instead of the recommended number
        Integer rounds = args.length > 5 ? Integer.valueOf(args[5]) : null;
        if (!List.of("both", "default", "search").contains(rows)) {
            throw new IllegalArgumentException("rows must be both, default or search, got " + rows);
        }
        TwoStepDataset all = DatasetReaders.read(SharedData.ofcMat());
        for (String rat : rats) {
            TwoStepDataset d = all.forSubject(rat);
            for (int k : ks) {
                HmmMoaModel base = HmmMoaModel.builder().states(k).agents(AgentPreset.VENDITTO2023).seed(1)
                        .threads(threads).build();
                if (!rows.equals("search")) {
                    // the command line's default: 2 perturbed starts and the recommended families
                    HmmMoaModel.Builder def = base.toBuilder().starts(2).recommendedStartFamilies();
                    if (rounds != null) {
                        def.localSearchRounds(rounds);
                    }
                    row(rat, k, "default", def.build(), d);
                }
                if (rows.equals("default")) {
                    continue;
                }
                // no split starts in the search: they would nest a whole search of K − 1 states
                row(rat, k, "search", base.toBuilder().starts(perFamily).randomStarts(perFamily + 1)
                        .biasHmmStart(true).seed(12345).build(), d);
            }
        }
    }

    private static void row(String rat, int k, String kind, HmmMoaModel spec, TwoStepDataset d) {
        long t0 = System.nanoTime();
        FittedHmmMoa f = spec.fit(d);
        double secs = (System.nanoTime() - t0) / 1e9;
        double[] lp = f.startLogPosteriors();
        System.out.printf(Locale.ROOT, "{\"rat\":\"%s\",\"states\":%d,\"kind\":\"%s\",\"logLikelihood\":%.4f,"
                        + "\"logPosterior\":%.4f,\"starts\":%d,\"startsAgreeing\":%d,\"bestFamily\":\"%s\",\"seconds\":%.1f,"
                        + "\"load\":%.1f,\"startLogPosteriors\":%s,\"startFamilies\":%s}%n", rat, k, kind, f.logLikelihood(),
                f.logPosterior(), lp.length, f.startsAgreeing(), bestFamily(f), secs,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Arrays.toString(lp),
                f.startFamilies().stream().map(x -> "\"" + x + "\"").toList());
        System.out.flush();
    }

    private static String bestFamily(FittedHmmMoa f) {
        double[] lp = f.startLogPosteriors();
        int b = 0;
        for (int i = 1; i < lp.length; i++) {
            if (lp[i] > lp[b]) {
                b = i;
            }
        }
        return f.startFamilies().isEmpty() ? "?" : f.startFamilies().get(b).name();
    }
}
