package io.github.hmmrnn.emulation.experiment;

/**
 * Headline numbers of one emulation run (written as {@code summary.json}).
 *
 * @param preset                 preset id
 * @param scale                  scale id
 * @param hiddenSize             n
 * @param inputSize              d
 * @param seed                   root seed
 * @param sequenceLength         T
 * @param loss                   training loss ({@code sinkhorn} or {@code energy})
 * @param bestValidationLoss     lowest validation loss
 * @param floor                  HMM-vs-HMM loss for the same batches (for the unbiased energy distance 0 in
 *                               expectation; its deviation from 0 shows the validation noise)
 * @param lossToFloor            bestValidationLoss / floor for Sinkhorn (below 1 means under-dispersed outputs
 *                               can be rewarded; see the docs); NaN for the energy distance, whose floor is 0
 * @param lossAboveFloor         bestValidationLoss - floor
 * @param bestEpoch              epoch of the best weights
 * @param trainingSeconds        training wall-clock time
 * @param transitionError        max |P_hmm - P_rnn| of the lag-1 transition matrix over the frequent rows
 *                               (0 and 2 for the linear presets, all rows otherwise)
 * @param transitionErrorAllRows max |P_hmm - P_rnn| over all rows (both matrices sampled: on the middle
 *                               symbol's row of the linear presets each side has a standard error near 0.03)
 * @param hmmFrequencies         HMM output frequencies
 * @param rnnFrequencies         RNN output frequencies
 * @param hmmSwitches            mean switches per HMM sequence
 * @param rnnSwitches            mean switches per RNN sequence
 * @param hmmRunLength           mean run length of the HMM per symbol
 * @param rnnRunLength           mean run length of the RNN per symbol
 * @param autocorrelationError   max |acf_hmm - acf_rnn| over lags 1..10
 * @param hmmMatchedDistance     mean matched Euclidean distance, HMM vs independent HMM (baseline)
 * @param rnnMatchedDistance     mean matched Euclidean distance, HMM vs RNN
 * @param matchedDistanceRatio   rnnMatchedDistance / hmmMatchedDistance
 * @param pcaExplainedVariance   explained variance ratios of the first principal components of hidden states
 * @param fixedPoints            number of distinct fixed points of the input-free dynamics found
 * @param stableFixedPoints      how many of them are linearly stable
 * @param exactTransitionError   as {@code transitionError}, but the emulator's matrix estimated from
 *                               {@code exactEvaluationSequences} generated sequences and compared with the
 *                               HMM's exact matrix for length T ({@code EmulationHmm.outputTransitionMatrix(int)})
 *                               instead of a 1000-sequence HMM test set: the sampling noise of the rare symbol's
 *                               row no longer enters twice
 * @param exactTransitionErrorAllRows   the same over all rows
 * @param exactTransitionErrorAllRowsSe standard error of the worst all-rows entry (sequence-clustered)
 * @param exactEvaluationSequences      number of generated sequences behind the two exact errors
 */
public record EmulationSummary(String preset, String scale, int hiddenSize, int inputSize, long seed,
                               int sequenceLength, String loss, double bestValidationLoss, double floor,
                               double lossToFloor, double lossAboveFloor,
                               int bestEpoch, double trainingSeconds, double transitionError,
                               double transitionErrorAllRows, double[] hmmFrequencies, double[] rnnFrequencies,
                               double hmmSwitches, double rnnSwitches, double[] hmmRunLength, double[] rnnRunLength,
                               double autocorrelationError, double hmmMatchedDistance, double rnnMatchedDistance,
                               double matchedDistanceRatio, double[] pcaExplainedVariance, int fixedPoints,
                               int stableFixedPoints, double exactTransitionError,
                               double exactTransitionErrorAllRows, double exactTransitionErrorAllRowsSe,
                               long exactEvaluationSequences) {
}
