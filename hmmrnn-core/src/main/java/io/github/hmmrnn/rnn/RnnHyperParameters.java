package io.github.hmmrnn.rnn;

import io.github.hmmrnn.model.ChainEvidence;

import java.util.Objects;

/**
 * Every setting of a (HMM-)TinyRNN fit; saved with each fitted model.
 *
 * @param states       number of HMM states / readout heads K (1 for the plain TinyRNN), 1–10
 * @param hiddenSize   GRU units H, 1–20
 * @param encoding     input encoding of the previous trial
 * @param stickiness   initial self-transition probability of the HMM, in [0, 1) (ignored for
 *                     K = 1); the paper-faithful default is 0.97
 * @param learningRate Adam learning rate, &gt; 0
 * @param maxEpochs    maximum number of full-batch epochs (one Adam step each), ≥ 1
 * @param patience     early stopping: epochs without improvement of the validation predictive
 *                     NLL (training loss when no validation data is given) before stopping, ≥ 1
 * @param gradientClip L2 norm threshold per layer for gradient clipping, or 0 for none, ≥ 0
 * @param starts       independent initialisations; the best by validation NLL is kept, ≥ 1
 * @param seed         root seed; every restart derives its own seed from it
 * @param threads      restarts trained at once, ≥ 1 (results do not depend on it)
 * @param temperature  emission temperature τ; 1 is the exact likelihood, anything else (the
 *                     original project's 1.25) tempers emissions and is not a likelihood, &gt; 0
 * @param initialization how the fit starts (ignored for K = 1, which always starts
 *                       {@link Initialization#SYMMETRIC})
 * @param warmStartEpochs Adam steps against the warm-start posteriors held fixed before the
 *                       exact-likelihood training, ≥ 0 (used only with
 *                       {@link Initialization#BIAS_HMM} and K &gt; 1)
 * @param headWeightLearningRateScale factor, in (0, 1], on the learning rate of the heads' weights
 *                       from the GRU state during the exact-likelihood phase (1 = no change); a
 *                       small factor keeps the heads phase policies that the GRU state only
 *                       modulates
 * @param chainEvidence what the HMM states emit: choices only, or choices and outcomes (always
 *                       {@link ChainEvidence#CHOICES} for K = 1, where a chain explains nothing)
 * @param trainingSegmentLength training and validation sessions are cut into consecutive
 *                       segments of at most this many trials, each a separate batch row whose GRU
 *                       state starts at zero (and whose chain restarts from π), ≥ 1; 0 (the
 *                       default) trains on whole sessions. Predictions of a fitted model always
 *                       run over whole sessions.
 */
public record RnnHyperParameters(int states, int hiddenSize, InputEncoding encoding, double stickiness,
                                 double learningRate, int maxEpochs, int patience, double gradientClip,
                                 int starts, long seed, int threads, double temperature,
                                 Initialization initialization, int warmStartEpochs,
                                 double headWeightLearningRateScale, ChainEvidence chainEvidence,
                                 int trainingSegmentLength) {

    /** Validates every field; the builders run the same checks as each option is set. */
    public RnnHyperParameters {
        requireStates(states);
        requireHiddenSize(hiddenSize);
        Objects.requireNonNull(encoding, "encoding");
        requireStickiness(stickiness);
        requireLearningRate(learningRate);
        requireMaxEpochs(maxEpochs);
        requirePatience(patience);
        requireGradientClip(gradientClip);
        requireStarts(starts);
        requireThreads(threads);
        requireTemperature(temperature);
        Objects.requireNonNull(initialization, "initialization");
        requireWarmStartEpochs(warmStartEpochs);
        requireHeadWeightLearningRateScale(headWeightLearningRateScale);
        Objects.requireNonNull(chainEvidence, "chainEvidence");
        requireTrainingSegmentLength(trainingSegmentLength);
        if (states == 1 && chainEvidence != ChainEvidence.CHOICES) {
            throw new IllegalArgumentException("chainEvidence must be CHOICES for a single state (K = 1), got "
                    + chainEvidence);
        }
    }

    /** @return whether the chain also emits outcomes */
    boolean emitsOutcomes() {
        return chainEvidence == ChainEvidence.CHOICES_AND_OUTCOMES;
    }

    static int requireStates(int value) {
        if (value < 1 || value > 10) {
            throw new IllegalArgumentException("states must be in [1, 10], got " + value);
        }
        return value;
    }

    static int requireHiddenSize(int value) {
        if (value < 1 || value > 20) {
            throw new IllegalArgumentException("hiddenSize must be in [1, 20], got " + value);
        }
        return value;
    }

    static double requireStickiness(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("stickiness must be in [0, 1), got " + value);
        }
        return value;
    }

    static double requireLearningRate(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, got " + value);
        }
        return value;
    }

    static int requireMaxEpochs(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("maxEpochs must be >= 1, got " + value);
        }
        return value;
    }

    static int requirePatience(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + value);
        }
        return value;
    }

    static double requireGradientClip(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("gradientClip must be finite and >= 0, got " + value);
        }
        return value;
    }

    static int requireStarts(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("starts must be >= 1, got " + value);
        }
        return value;
    }

    static int requireThreads(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + value);
        }
        return value;
    }

    static double requireTemperature(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + value);
        }
        return value;
    }

    static int requireWarmStartEpochs(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("warmStartEpochs must be >= 0, got " + value);
        }
        return value;
    }

    static int requireTrainingSegmentLength(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("trainingSegmentLength must be >= 1, or 0 for whole sessions, got "
                    + value);
        }
        return value;
    }

    static double requireHeadWeightLearningRateScale(double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("headWeightLearningRateScale must be in (0, 1], got " + value);
        }
        return value;
    }
}
