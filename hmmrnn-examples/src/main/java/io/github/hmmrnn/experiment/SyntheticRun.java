package io.github.hmmrnn.experiment;

import java.util.List;
import java.util.Map;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/**
 * Everything a synthetic benchmark produced, before it is written out.
 *
 * @param trainGenerator generator of the training data
 * @param testGenerator  generator of the test data
 * @param train          training data
 * @param test           test data
 * @param evaluations    every model's (and the oracle's) evaluation on every split; the oracle's
 *                       rows come first
 * @param fitted         fitted models by label, in fitting order
 * @param fitSeconds     wall-clock fit time by label
 */
public record SyntheticRun(TwoStepGenerator trainGenerator, TwoStepGenerator testGenerator, TwoStepDataset train,
                           TwoStepDataset test, List<SplitEvaluation> evaluations,
                           Map<String, FittedChoiceModel> fitted, Map<String, Double> fitSeconds) {

    /** Label of the Bayes-optimal causal predictor's rows. */
    public static final String ORACLE = "BayesOracle";

    /**
     * @param model model label
     * @param split split label
     * @return that evaluation
     * @throws IllegalArgumentException if there is none
     */
    public SplitEvaluation evaluation(String model, String split) {
        return evaluations.stream().filter(e -> e.model().equals(model) && e.split().equals(split)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no evaluation of " + model + " on " + split));
    }
}
