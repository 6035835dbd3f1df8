package io.github.hmmrnn.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.github.hmmrnn.model.ChainEvidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.metrics.PhaseRecovery;
import io.github.hmmrnn.metrics.PredictiveMetrics;
import io.github.hmmrnn.metrics.PredictiveScore;
import io.github.hmmrnn.oracle.TwoStepOracle;
import io.github.hmmrnn.rnn.FittedHmmTinyRnn;
import io.github.hmmrnn.rnn.FittedTinyRnn;
import io.github.hmmrnn.rnn.HmmTinyRnnModel;
import io.github.hmmrnn.rnn.Initialization;
import io.github.hmmrnn.rnn.InputEncoding;
import io.github.hmmrnn.rnn.TinyRnnModel;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Benchmarks of the (HMM-)TinyRNN on the default synthetic two-step task: the time of one
 * full-batch training epoch at B64·T400·H6·K2 and a full fit to convergence, with the test
 * metrics of both models beside the Bayes oracle's.
 *
 * <p>Data: {@code TwoStepGenerator} defaults, 64 sequences × 400 trials; train seed 1,
 * validation seed 3, test seed 2.
 */
public final class RnnBench {


    private static final Logger LOG = LoggerFactory.getLogger(RnnBench.class);

    private RnnBench() {
    }

    private static TwoStepDataset data(long seed) {
        return TwoStepGenerator.builder().sequences(64).trials(400).seed(seed).build().generate();
    }

    /**
     * Times full-batch training epochs (forward pass, forward–backward of all sessions, gradient
     * and Adam step, M-step; no validation) of an HMM-TinyRNN K = 2, H = 6 at B = 64, T = 400. The
     * symmetric start is used so that the one-off bias-HMM warm start is not spread over the
     * epochs.
     *
     * @param epochs timed epochs after warm-up, ≥ 1
     * @return mean milliseconds per epoch and total seconds
     */
    public static List<BenchResult> epochTime(int epochs) {
        return epochTime(epochs, 1);
    }

    /**
     * Times full-batch training epochs as {@link #epochTime(int)} with the models' {@code threads}
     * option set (it sets how many restarts train at once; with the one restart timed here it
     * changes nothing, since an epoch runs vectorised on one thread).
     *
     * @param epochs  timed epochs after warm-up, ≥ 1
     * @param threads the models' threads option, ≥ 1
     * @return mean milliseconds per epoch (wall clock and process CPU)
     */
    public static List<BenchResult> epochTime(int epochs, int threads) {
        return epochTime(epochs, threads, ChainEvidence.CHOICES);
    }

    /**
     * Times full-batch training epochs as {@link #epochTime(int, int)} for a given chain evidence.
     *
     * @param epochs   timed epochs after warm-up, ≥ 1
     * @param threads  the models' threads option (no effect on one restart)
     * @param evidence what the chain emits
     * @return mean milliseconds per epoch (wall clock and process CPU)
     */
    public static List<BenchResult> epochTime(int epochs, int threads, ChainEvidence evidence) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        TwoStepDataset train = data(1);
        HmmTinyRnnModel warm = HmmTinyRnnModel.builder().states(2).hiddenSize(6).maxEpochs(30)
                .patience(1000).seed(1).threads(threads).initialization(Initialization.SYMMETRIC)
                .chainEvidence(evidence).build();
        warm.fit(train, null);
        HmmTinyRnnModel model = HmmTinyRnnModel.builder().states(2).hiddenSize(6).maxEpochs(epochs)
                .patience(epochs + 1).seed(1).threads(threads).initialization(Initialization.SYMMETRIC)
                .chainEvidence(evidence).build();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long c0 = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        long t0 = System.nanoTime();
        FittedHmmTinyRnn fit = model.fit(train, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long c1 = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
        int run = fit.history().entries().size();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("B", "64");
        p.put("T", "400");
        p.put("H", "6");
        p.put("K", "2");
        p.put("epochs", Integer.toString(run));
        p.put("threads", Integer.toString(threads));
        p.put("chainEvidence", evidence.name());
        List<BenchResult> out = new ArrayList<>();
        String label = evidence == ChainEvidence.CHOICES ? "hmm-tinyrnn" : "hmm-tinyrnn-outcomes";
        out.add(new BenchResult(label + " epoch (train step incl. posteriors, graph build amortised)",
                1000.0 * seconds / run, "ms", p));
        if (c0 >= 0) {
            // CPU time of the whole process (JIT and GC included): the wall-clock figure on an
            // otherwise idle machine is about this divided by the cores in use
            out.add(new BenchResult(label + " epoch process CPU time", (c1 - c0) / 1e6 / run, "ms", p));
        }
        return out;
    }

    /**
     * Fits both models to convergence and scores them on held-out data beside the Bayes oracle.
     *
     * @param hidden       GRU units for both models
     * @param seed         model seed
     * @param encoding     input encoding for both models
     * @param learningRate Adam learning rate for both models
     * @return fit seconds, epochs, test NLL, accuracy and phase accuracy of each model and the
     *         oracle's NLL and accuracy
     */
    public static List<BenchResult> fitToConvergence(int hidden, long seed, InputEncoding encoding,
                                                double learningRate) {
        return fitToConvergence(hidden, seed, encoding, learningRate, true);
    }

    /**
     * Fits the HMM-TinyRNN (and optionally the TinyRNN) to convergence and scores them on
     * held-out data beside the Bayes oracle.
     *
     * @param hidden       GRU units for both models
     * @param seed         model seed
     * @param encoding     input encoding for both models
     * @param learningRate Adam learning rate for both models
     * @param withTinyRnn  whether to fit the TinyRNN too
     * @return fit seconds, epochs, test NLL, accuracy and phase accuracy of each model and the
     *         oracle's NLL and accuracy
     */
    public static List<BenchResult> fitToConvergence(int hidden, long seed, InputEncoding encoding,
                                                double learningRate, boolean withTinyRnn) {
        TwoStepGenerator gen = TwoStepGenerator.builder().sequences(64).trials(400).seed(1).build();
        TwoStepDataset train = gen.generate();
        TwoStepDataset validation = data(3);
        TwoStepDataset test = data(2);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("B", "64");
        p.put("T", "400");
        p.put("H", Integer.toString(hidden));
        p.put("seed", Long.toString(seed));
        p.put("encoding", encoding.name());
        p.put("learningRate", Double.toString(learningRate));
        p.put("data", "TwoStepGenerator defaults; train seed 1, validation seed 3, test seed 2");
        List<BenchResult> out = new ArrayList<>();

        PredictiveScore oracle = TwoStepOracle.forGenerator(gen).predict(test).score();
        out.add(new BenchResult("oracle test NLL", oracle.nll(), "nats/trial", p));
        out.add(new BenchResult("oracle test accuracy", oracle.accuracy(), "fraction", p));

        for (ChainEvidence evidence : ChainEvidence.values()) {
            String label = evidence == ChainEvidence.CHOICES ? "hmm-tinyrnn" : "hmm-tinyrnn-outcomes";
            long t0 = System.nanoTime();
            FittedHmmTinyRnn hmm = HmmTinyRnnModel.builder().states(2).hiddenSize(hidden).seed(seed)
                    .inputEncoding(encoding).learningRate(learningRate).chainEvidence(evidence).build()
                    .fit(train, validation);
            double hmmSeconds = (System.nanoTime() - t0) / 1e9;
            PredictiveScore hs = PredictiveMetrics.evaluate(test, hmm.predictChoiceProbabilities(test));
            double phase = PhaseRecovery.evaluate(test, hmm.smoothedStates(test)).accuracy();
            out.add(new BenchResult(label + " fit time", hmmSeconds, "s", p));
            out.add(new BenchResult(label + " epochs", hmm.history().entries().size(), "epochs", p));
            out.add(new BenchResult(label + " test NLL", hs.nll(), "nats/trial", p));
            out.add(new BenchResult(label + " test accuracy", hs.accuracy(), "fraction", p));
            out.add(new BenchResult(label + " smoothed phase accuracy", phase, "fraction", p));
        }
        // the TinyRNN fit takes minutes: report the HMM-TinyRNN as soon as it is known
        out.forEach(r -> LOG.info("{} = {} {}", r.name(), r.value(), r.unit()));
        if (!withTinyRnn) {
            return out;
        }

        long t0 = System.nanoTime();
        FittedTinyRnn tiny = TinyRnnModel.builder().hiddenSize(hidden).seed(seed).inputEncoding(encoding)
                .learningRate(learningRate).build().fit(train, validation);
        double tinySeconds = (System.nanoTime() - t0) / 1e9;
        PredictiveScore ts = PredictiveMetrics.evaluate(test, tiny.predictChoiceProbabilities(test));
        out.add(new BenchResult("tinyrnn fit time", tinySeconds, "s", p));
        out.add(new BenchResult("tinyrnn epochs", tiny.history().entries().size(), "epochs", p));
        out.add(new BenchResult("tinyrnn test NLL", ts.nll(), "nats/trial", p));
        out.add(new BenchResult("tinyrnn test accuracy", ts.accuracy(), "fraction", p));
        return out;
    }

    /**
     * Runs every RNN benchmark: epoch time over 200 epochs (chain emitting choices, then choices
     * and outcomes), then the fits to convergence at
     * H = 6, seed 1, one-hot trial-type input, learning rate 0.01.
     *
     * @return all results
     */
    public static List<BenchResult> runAll() {
        List<BenchResult> out = new ArrayList<>(epochTime(200));
        out.addAll(epochTime(200, 1, ChainEvidence.CHOICES_AND_OUTCOMES));
        out.addAll(fitToConvergence(6, 1, InputEncoding.TRIAL_TYPE_ONE_HOT, 0.01));
        return out;
    }

    /**
     * Prints {@link #runAll()} (or only the epoch time with argument {@code epoch}).
     *
     * @param args optional {@code epoch [threads] [CHOICES|CHOICES_AND_OUTCOMES]}, or {@code fit [hidden] [seed] [encoding] [learningRate]}
     *             ({@code fit-hmm ...}: the HMM-TinyRNN only)
     */
    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "all";
        List<BenchResult> results = switch (what) {
            case "epoch" -> epochTime(200, args.length > 1 ? Integer.parseInt(args[1]) : 1,
                    args.length > 2 ? ChainEvidence.valueOf(args[2]) : ChainEvidence.CHOICES);
            case "fit", "fit-hmm" -> fitToConvergence(args.length > 1 ? Integer.parseInt(args[1]) : 6,
                    args.length > 2 ? Long.parseLong(args[2]) : 1,
                    args.length > 3 ? InputEncoding.valueOf(args[3]) : InputEncoding.TRIAL_TYPE_ONE_HOT,
                    args.length > 4 ? Double.parseDouble(args[4]) : 0.01, "fit".equals(what));
            default -> runAll();
        };
        for (BenchResult r : results) {
            System.out.printf("%-60s %12.4f %-10s %s%n", r.name(), r.value(), r.unit(), r.parameters());
        }
    }
}
