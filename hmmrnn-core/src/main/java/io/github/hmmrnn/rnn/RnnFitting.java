package io.github.hmmrnn.rnn;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.Provenance;

/**
 * Input validation and provenance around {@link HmmTinyRnnTrainer}, shared by both model types.
 */
final class RnnFitting {

    private RnnFitting() {
    }

    /** Encodes training or validation data as the hyper-parameters ask (segment rows or whole sessions). */
    static RnnInputs encode(TwoStepDataset data, RnnHyperParameters hp, String name) {
        Objects.requireNonNull(data, name);
        if (data.sessions().isEmpty()) {
            throw new IllegalArgumentException(name + " must contain at least one session, got 0");
        }
        return RnnInputs.encode(data, hp.encoding(), hp.trainingSegmentLength());
    }

    private static void requireSegments(RnnHyperParameters hp, RnnInputs in, String name) {
        if (in.segmentLength() != hp.trainingSegmentLength()) {
            throw new IllegalArgumentException(name + " inputs are cut into segments of " + in.segmentLength()
                    + " trials (0 = whole sessions) but the model's trainingSegmentLength is "
                    + hp.trainingSegmentLength() + "; encode with RnnInputs.encode(data, encoding, "
                    + hp.trainingSegmentLength() + ")");
        }
    }

    static RnnState fit(RnnHyperParameters hp, JsonNode spec, RnnInputs train, RnnInputs validation) {
        Objects.requireNonNull(train, "train");
        if (train.encoding() != hp.encoding()) {
            throw new IllegalArgumentException("train inputs are encoded as " + train.encoding()
                    + " but the model expects " + hp.encoding());
        }
        if (train.numScored() == 0) {
            throw new IllegalArgumentException("train data must contain at least one scored trial, got 0 of "
                    + train.data().numTrials());
        }
        requireSegments(hp, train, "train");
        if (validation != null) {
            requireSegments(hp, validation, "validation");
            if (validation.encoding() != train.encoding()) {
                throw new IllegalArgumentException("validation inputs are encoded as " + validation.encoding()
                        + " but train inputs as " + train.encoding());
            }
            if (validation.numScored() == 0) {
                throw new IllegalArgumentException("validation data must contain at least one scored trial, got 0 of "
                        + validation.data().numTrials());
            }
        }
        HmmTinyRnnTrainer.Result r = new HmmTinyRnnTrainer(hp).fit(train, validation);
        Provenance prov = Provenance.ofFit(RnnModelFile.BACKEND, spec, hp.seed(), train.data(),
                validation == null ? null : validation.data(),
                new Provenance.FitOutcome(r.chosenRestart(), r.restartSeed(), r.epochs(), r.history().converged(),
                        r.trainLoss(), r.validationLoss()));
        return new RnnState(hp, r.parameters(), r.initial(), r.transition(), r.outcomes(), r.history(), prov);
    }
}
