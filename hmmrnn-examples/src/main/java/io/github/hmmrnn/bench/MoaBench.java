package io.github.hmmrnn.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.HmmMoaModel;

/**
 * The HMM-MoA timing of issue 5: one start of the 3-state venditto2023 model fitted to rat M055
 * to convergence, after one warm-up fit (JIT), reported as the median wall and thread-CPU time.
 */
public final class MoaBench {

    private MoaBench() {
    }

    /**
     * @param data        the MixtureAgentsModels data file (ofc_physdata.mat)
     * @param repetitions timed fits after the warm-up, at least 1
     * @return wall-clock and CPU seconds per fit, EM iterations and the log posterior
     */
    public static List<BenchResult> run(Path data, int repetitions) {
        TwoStepDataset rat = DatasetReaders.read(data).forSubject("M055");
        HmmMoaModel spec = HmmMoaModel.builder().states(3).agents(AgentPreset.VENDITTO2023).starts(1).seed(1).build();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        spec.fit(rat);
        double[] wall = new double[repetitions];
        double[] cpu = new double[repetitions];
        FittedHmmMoa fit = null;
        for (int r = 0; r < repetitions; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            fit = spec.fit(rat);
            wall[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("subject", "M055");
        p.put("trials", rat.numScored());
        p.put("states", 3);
        p.put("agents", "venditto2023");
        p.put("starts", 1);
        p.put("repetitions", repetitions);
        p.put("statistic", "median");
        p.put("iterations", fit.history().entries().size());
        p.put("logPosterior", fit.logPosterior());
        List<BenchResult> out = new ArrayList<>();
        out.add(new BenchResult("moa.fit.M055.venditto2023.K3.wall", median(wall), "s", p));
        out.add(new BenchResult("moa.fit.M055.venditto2023.K3.cpu", median(cpu), "s", p));
        return out;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
