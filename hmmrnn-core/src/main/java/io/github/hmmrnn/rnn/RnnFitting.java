package io.github.hmmrnn.rnn;

import java.time.Instant;
import java.util.Objects;

import io.github.hmmrnn.data.TwoStepDataset;

/**
 * Input validation and provenance around {@link HmmTinyRnnTrainer}, shared by both model types.
 */
final class RnnFitting {

    private RnnFitting() {
    }

    static RnnInputs encode(TwoStepDataset data, InputEncoding encoding, String name) {
        Objects.requireNonNull(data, name);
        if (data.sessions().isEmpty()) {
            throw new IllegalArgumentException(name + " must contain at least one session, got 0");
        }
        return RnnInputs.encode(data, encoding);
    }

    static RnnState fit(RnnHyperParameters hp, RnnInputs train, RnnInputs validation) {
        Objects.requireNonNull(train, "train");
        if (train.encoding() != hp.encoding()) {
            throw new IllegalArgumentException("train inputs are encoded as " + train.encoding()
                    + " but the model expects " + hp.encoding());
        }
        if (train.numScored() == 0) {
            throw new IllegalArgumentException("train data must contain at least one scored trial, got 0 of "
                    + train.data().numTrials());
        }
        if (validation != null) {
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
        RnnProvenance prov = new RnnProvenance(RnnProvenance.LIBRARY, System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), RnnProvenance.BACKEND,
                Instant.now().toString(), r.chosenRestart(), r.restartSeed(),
                RnnProvenance.DataSummary.of(train.data()),
                validation == null ? null : RnnProvenance.DataSummary.of(validation.data()),
                r.epochs(), r.history().converged(), r.trainLoss(), r.validationLoss());
        return new RnnState(hp, r.parameters(), r.initial(), r.transition(), r.outcomes(), r.history(), prov);
    }
}
