package io.github.hmmrnn.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Set;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.hmmrnn.data.DatasetSplit;
import io.github.hmmrnn.data.SessionFolds;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.oracle.TwoStepOracle;
import io.github.hmmrnn.report.Numbers;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import io.github.hmmrnn.parallel.OrderedPool;

/**
 * The synthetic benchmark: generate independent train and test data, score the Bayes-optimal
 * causal predictor, fit each model on the training data (a model that early-stops gets
 * {@value #VALIDATION_FRACTION} of the training sequences as its explicit validation set) and
 * score every model causally on both splits.
 */
public final class SyntheticBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticBenchmark.class);

    /** Fraction of training sequences held out as validation data for early stopping. */
    public static final double VALIDATION_FRACTION = 0.125;

    private SyntheticBenchmark() {
    }

    /**
     * Runs the benchmark with the models fitted one after another.
     *
     * @param trainGenerator generator of the training data
     * @param testGenerator  generator of the test data (same settings, another seed)
     * @param specs          models to fit, in order
     * @return the run
     * @throws IllegalArgumentException if the two generators share a seed (the test data would not
     *                                  be independent) or a model label repeats
     */
    public static SyntheticRun run(TwoStepGenerator trainGenerator, TwoStepGenerator testGenerator,
                                   List<? extends ModelSpec<?>> specs) {
        return run(trainGenerator, testGenerator, specs, 1, null);
    }

    /**
     * Runs the benchmark, fitting up to {@code workers} models at once and reporting each finished
     * model. The fits are independent (each model's seed is in its specification, and no fit reads
     * another's result), and every result is collected in specification order, so the run is
     * identical for every worker count; only the order of the log lines changes.
     *
     * @param trainGenerator generator of the training data
     * @param testGenerator  generator of the test data (same settings, another seed)
     * @param specs          models to fit, in order
     * @param workers        models fitted at once, at least 1
     * @param onFitted       called with each model's name once it is fitted and scored (e.g. to
     *                       show progress; it may be called from several threads), or {@code null}
     * @return the run
     * @throws IllegalArgumentException if the two generators share a seed (the test data would not
     *                                  be independent), a model label repeats, or workers &lt; 1
     */
    public static SyntheticRun run(TwoStepGenerator trainGenerator, TwoStepGenerator testGenerator,
                                   List<? extends ModelSpec<?>> specs, int workers, Consumer<String> onFitted) {
        if (trainGenerator.seed() == testGenerator.seed()) {
            throw new IllegalArgumentException("train and test seeds must differ, both are " + trainGenerator.seed());
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        Set<String> labels = new HashSet<>();
        for (ModelSpec<?> f : specs) {
            if (!labels.add(f.name())) {
                throw new IllegalArgumentException("model label '" + f.name() + "' is used twice");
            }
        }
        TwoStepDataset train = trainGenerator.generate();
        TwoStepDataset test = testGenerator.generate();
        Map<String, TwoStepDataset> splits = Map.of("train", train, "test", test);
        List<SplitEvaluation> evaluations = new ArrayList<>();
        TwoStepOracle oracle = TwoStepOracle.forGenerator(trainGenerator);
        for (String split : List.of("train", "test")) {
            evaluations.add(Evaluations.ofOracle(oracle.predict(splits.get(split)), SyntheticRun.ORACLE, split));
        }
        SplitEvaluation oracleTest = evaluations.get(1);
        LOG.info("Bayes oracle: test NLL {} nats/trial, accuracy {}", fmt(oracleTest.score().nll()),
                fmt(oracleTest.score().accuracy()));

        DatasetSplit withValidation = train.numSessions() >= 2
                ? SessionFolds.holdOut(train, VALIDATION_FRACTION, SplitMethod.STRIDE, 0)
                : new DatasetSplit(train, train);
        DatasetSplit withoutValidation = new DatasetSplit(train, train);
        List<Callable<Fit>> tasks = new ArrayList<>();
        for (ModelSpec<?> f : specs) {
            tasks.add(() -> {
                DatasetSplit fitSplit = f.earlyStops() ? withValidation : withoutValidation;
                LOG.info("fitting {} on {} sequences{}", f.name(), fitSplit.train().numSessions(),
                        f.earlyStops() ? " (" + fitSplit.test().numSessions() + " more held out for early stopping)"
                                : "");
                long start = System.nanoTime();
                FittedChoiceModel m = f.earlyStops() ? f.fit(fitSplit.train(), fitSplit.test()) : f.fit(train);
                double s = (System.nanoTime() - start) / 1e9;
                List<SplitEvaluation> own = new ArrayList<>();
                for (String split : List.of("train", "test")) {
                    own.add(Evaluations.of(m, f.name(), split, splits.get(split)));
                }
                SplitEvaluation e = own.get(own.size() - 1);
                LOG.info("{}: test NLL {} (oracle {}), accuracy {}, phase accuracy {}, fit {} s", f.name(),
                        fmt(e.score().nll()), fmt(oracleTest.score().nll()), fmt(e.score().accuracy()),
                        e.phaseAccuracy().isPresent() ? fmt(e.phaseAccuracy().getAsDouble()) : "-", fmt(s));
                if (onFitted != null) {
                    onFitted.accept(f.name());
                }
                return new Fit(m, s, own);
            });
        }
        List<Fit> fits = OrderedPool.run(tasks, workers, "fitting the models");
        Map<String, FittedChoiceModel> fitted = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            String name = specs.get(i).name();
            Fit fit = fits.get(i);
            fitted.put(name, fit.model());
            seconds.put(name, fit.seconds());
            evaluations.addAll(fit.evaluations());
        }
        return new SyntheticRun(trainGenerator, testGenerator, train, test, evaluations, fitted, seconds);
    }

    /** One model's fit, its time and its evaluations on both splits. */
    private record Fit(FittedChoiceModel model, double seconds, List<SplitEvaluation> evaluations) {
    }

    private static String fmt(double v) {
        return Numbers.sig4(v);
    }
}
