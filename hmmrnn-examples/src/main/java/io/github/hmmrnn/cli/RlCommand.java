package io.github.hmmrnn.cli;

import io.github.hmmrnn.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.hmmrnn.report.Numbers;
import io.github.hmmrnn.report.RunRecord;
import io.github.hmmrnn.report.rl.RlPlots;
import io.github.hmmrnn.rl.Ablation;
import io.github.hmmrnn.rl.AgentKind;
import io.github.hmmrnn.rl.RlSetup;
import io.github.hmmrnn.rl.dqn.Evaluation;
import io.github.hmmrnn.rl.dqn.HistoryPoint;
import io.github.hmmrnn.rl.dqn.TrainedQAgent;
import io.github.hmmrnn.rl.env.IdealObserver;
import io.github.hmmrnn.rl.env.Task;
import io.github.hmmrnn.rl.net.RecurrentQNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hmmrnn rl}: trains recurrent Q-agents (MPN or GRU) by DQN with whole-trial replay on a NeuroGym
 * task, evaluates them greedily on fresh trials and writes metrics.json, history.csv and plots.
 */
@Command(name = "rl", mixinStandardHelpOptions = true,
        description = "Train an MPN or GRU agent by DQN with trial replay on a NeuroGym task; metrics.json, history.csv "
                + "and plots go to --out (a folder; default rl-<task>-<agent> in the working directory).")
public final class RlCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Option(names = "--task", required = true,
            description = "PerceptualDecisionMaking, ContextDecisionMaking or DelayMatchSample.")
    String task;

    @Option(names = "--agent", defaultValue = "mpn", description = "mpn or gru (default: ${DEFAULT-VALUE}).")
    String agent;

    @Option(names = "--ablation", defaultValue = "none",
            description = "none, frozen-plasticity or no-projection (MPN only; default: ${DEFAULT-VALUE}).")
    String ablation;

    @Option(names = "--quick", description = "Short run (one seed, fewer trials) that checks learning happens.")
    boolean quick;

    @Option(names = "--trials", defaultValue = "0", description = "Training trials per seed (0 = task default).")
    int trials;

    @Option(names = "--seeds", defaultValue = "0", description = "Number of seeds (0 = 3, or 1 with --quick).")
    int seeds;

    @Option(names = "--eval-trials", defaultValue = "0",
            description = "Fresh greedy evaluation trials per seed (0 = 2000, or 500 with --quick).")
    int evalTrials;

    @Option(names = "--hidden", defaultValue = "0", description = "Hidden size (0 = 100 for MPN, 64 for GRU).")
    int hidden;

    /** A finished seed. */
    private record SeedResult(long seed, TrainedQAgent agent, Evaluation eval) {
    }

    @Override
    public Integer call() throws Exception {
        Task t = Task.fromName(task);
        AgentKind kind = AgentKind.fromName(agent);
        Ablation abl = Ablation.fromName(ablation);
        if (trials < 0 || seeds < 0 || evalTrials < 0 || hidden < 0) {
            throw new IllegalArgumentException("--trials, --seeds, --eval-trials and --hidden must be >= 0, got "
                    + trials + ", " + seeds + ", " + evalTrials + ", " + hidden);
        }
        if (common.threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + common.threads);
        }
        int nTrials = trials > 0 ? trials : RlSetup.defaultTrials(t, quick);
        int nSeeds = seeds > 0 ? seeds : (quick ? 1 : 3);
        int nEval = evalTrials > 0 ? evalTrials : (quick ? 500 : 2000);
        int n = hidden > 0 ? hidden : (kind == AgentKind.MPN ? RlSetup.MPN_HIDDEN : RlSetup.GRU_HIDDEN);
        Path out = common.outOr("rl-" + t.neuroGymName() + "-" + kind.name().toLowerCase());
        Outputs.checkFolder(out, common.force, "");
        Files.createDirectories(out);
        RunRecord record = common.startRun(out, null);
        try {
            run(out, t, kind, abl, nTrials, nSeeds, nEval, n);
        } catch (Exception e) {
            record.fail(String.valueOf(e.getMessage()));
            throw e;
        }
        record.finish();
        return 0;
    }

    private void run(Path out, Task t, AgentKind kind, Ablation abl, int nTrials, int nSeeds, int nEval, int n)
            throws Exception {
        long t0 = System.nanoTime();
        List<SeedResult> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(common.threads, nSeeds));
        Progress progress = new Progress("training trials", (long) nSeeds * nTrials, Duration.ofSeconds(5));
        try {
            List<Future<SeedResult>> fs = new ArrayList<>();
            for (int s = 0; s < nSeeds; s++) {
                long seed = common.seed + s;
                fs.add(pool.submit(() -> {
                    RecurrentQNetwork net = RlSetup.network(t, kind, abl, n, seed * 7919L + 13);
                    long[] reported = {0};
                    TrainedQAgent trained = RlSetup.agent(t, net, seed, nTrials).train(t, nTrials, null, h -> {
                        progress.advance(h.trials() - reported[0], "seed " + seed + " at trial " + h.trials()
                                + ", greedy accuracy " + Numbers.sig4(h.greedyAccuracy()));
                        reported[0] = h.trials();
                    });
                    return new SeedResult(seed, trained, trained.evaluate(t, nEval, 1_000_003L * seed + 17));
                }));
            }
            for (Future<SeedResult> f : fs) {
                results.add(f.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        writeMetrics(out, t, kind, abl, nTrials, nEval, n, results, wall);
        writeHistory(out, results);
        RlPlots.trainingCurve(t, results.stream().map(r -> r.agent().history()).toList(), out);
        RlPlots.psychometric(t, results.stream().map(SeedResult::eval).toList(), out);
        RlPlots.exampleTrial(t, results.get(0).agent().exampleTrial(t, 4242), out);
        if (!common.quiet) {
            double[] acc = results.stream().mapToDouble(r -> r.eval().accuracy()).toArray();
            System.out.printf("%s %s (%s): greedy accuracy mean %.3f sd %.3f over %d seeds (ideal observer %.3f),"
                            + " %d trials/seed, %.1f s total; wrote %s%n", t.neuroGymName(), kind.name().toLowerCase(),
                    abl.name().toLowerCase(), mean(acc), sd(acc), acc.length, IdealObserver.accuracy(t), nTrials,
                    wall, out);
        }
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double sd(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }

    private void writeMetrics(Path out, Task t, AgentKind kind, Ablation abl, int nTrials, int nEval, int n,
                              List<SeedResult> results, double wall) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", t.neuroGymName());
        m.put("agent", kind.name().toLowerCase());
        m.put("ablation", abl.name().toLowerCase());
        m.put("hiddenSize", n);
        m.put("trainingTrialsPerSeed", nTrials);
        m.put("evaluationTrialsPerSeed", nEval);
        m.put("quick", quick);
        double[] acc = results.stream().mapToDouble(r -> r.eval().accuracy()).toArray();
        m.put("accuracyMean", mean(acc));
        m.put("accuracySd", sd(acc));
        m.put("idealObserverAccuracy", IdealObserver.accuracy(t));
        m.put("fixedChoiceAccuracy", 0.5);
        m.put("wallSecondsTotal", wall);
        List<Map<String, Object>> per = new ArrayList<>();
        for (SeedResult r : results) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("seed", r.seed());
            s.put("accuracy", r.eval().accuracy());
            s.put("standardError", r.eval().standardError());
            Map<String, Double> byCond = new LinkedHashMap<>();
            r.eval().accuracyByCondition().forEach((k, v) -> byCond.put(String.valueOf(k), v));
            s.put("accuracyBy" + capital(t.conditionName()), byCond);
            s.put("fixationBreakRate", r.eval().fixationBreakRate());
            s.put("noResponseRate", r.eval().noResponseRate());
            s.put("trainingEnvSteps", r.agent().trainingEnvSteps());
            s.put("trainingWallSeconds", r.agent().trainingSeconds());
            per.add(s);
        }
        m.put("seeds", per);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(out.resolve("metrics.json"), o -> mapper.writeValue(o, m));
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static void writeHistory(Path out, List<SeedResult> results) {
        AtomicFiles.writeText(out.resolve("history.csv"), w -> {
            w.write("seed,trials,envSteps,updates,epsilon,behaviourAccuracy,greedyAccuracy,meanLoss,deltaQ,wallSeconds\n");
            for (SeedResult r : results) {
                for (HistoryPoint h : r.agent().history()) {
                    w.write(r.seed() + "," + h.trials() + "," + h.envSteps() + "," + h.updates() + "," + h.epsilon() + ","
                            + h.behaviourAccuracy() + "," + h.greedyAccuracy() + "," + h.meanLoss() + "," + h.deltaQ()
                            + "," + h.wallSeconds() + "\n");
                }
            }
        });
    }
}
