package io.github.hmmrnn.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
     * Runs the benchmark.
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
        return run(trainGenerator, testGenerator, specs, null);
    }

    /**
     * Runs the benchmark, reporting each finished model.
     *
     * @param trainGenerator generator of the training data
     * @param testGenerator  generator of the test data (same settings, another seed)
     * @param specs          models to fit, in order
     * @param onFitted       called with each model's name once it is fitted and scored (e.g. to
     *                       show progress), or {@code null}
     * @return the run
     * @throws IllegalArgumentException if the two generators share a seed (the test data would not
     *                                  be independent) or a model label repeats
     */
    public static SyntheticRun run(TwoStepGenerator trainGenerator, TwoStepGenerator testGenerator,
                                   List<? extends ModelSpec<?>> specs, Consumer<String> onFitted) {
        if (trainGenerator.seed() == testGenerator.seed()) {
            throw new IllegalArgumentException("train and test seeds must differ, both are " + trainGenerator.seed());
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
        Map<String, FittedChoiceModel> fitted = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (ModelSpec<?> f : specs) {
            if (fitted.containsKey(f.name())) {
                throw new IllegalArgumentException("model label '" + f.name() + "' is used twice");
            }
            DatasetSplit fitSplit = f.earlyStops() ? withValidation : withoutValidation;
            LOG.info("fitting {} on {} sequences{}", f.name(), fitSplit.train().numSessions(),
                    f.earlyStops() ? " (" + fitSplit.test().numSessions() + " more held out for early stopping)" : "");
            long start = System.nanoTime();
            FittedChoiceModel m = f.earlyStops() ? f.fit(fitSplit.train(), fitSplit.test()) : f.fit(train);
            double s = (System.nanoTime() - start) / 1e9;
            fitted.put(f.name(), m);
            seconds.put(f.name(), s);
            for (String split : List.of("train", "test")) {
                evaluations.add(Evaluations.of(m, f.name(), split, splits.get(split)));
            }
            SplitEvaluation e = evaluations.get(evaluations.size() - 1);
            LOG.info("{}: test NLL {} (oracle {}), accuracy {}, phase accuracy {}, fit {} s", f.name(),
                    fmt(e.score().nll()), fmt(oracleTest.score().nll()), fmt(e.score().accuracy()),
                    e.phaseAccuracy().isPresent() ? fmt(e.phaseAccuracy().getAsDouble()) : "-", fmt(s));
            if (onFitted != null) {
                onFitted.accept(f.name());
            }
        }
        return new SyntheticRun(trainGenerator, testGenerator, train, test, evaluations, fitted, seconds);
    }

    private static String fmt(double v) {
        return Numbers.sig4(v);
    }
}
