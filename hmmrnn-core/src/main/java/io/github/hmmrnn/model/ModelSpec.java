package io.github.hmmrnn.model;

import io.github.hmmrnn.data.DatasetSplit;
import io.github.hmmrnn.data.SessionFolds;
import io.github.hmmrnn.data.TwoStepDataset;

/**
 * The one contract of every model specification: an immutable set of hyper-parameters that fits
 * a {@link FittedChoiceModel}, names itself, and travels as JSON.
 *
 * <p>Fitting: {@link #fit(TwoStepDataset)} is the everyday call. A model that early-stops
 * ({@link #earlyStops()}) then holds out its own inner validation set, the
 * {@linkplain SessionFolds#innerValidation held-out 150-trial segments of every training session};
 * {@link #fit(TwoStepDataset, TwoStepDataset)} takes an explicit one instead. A model without
 * early stopping (HMM-MoA, the bias-only HMM) fits all of {@code train} and rejects a validation
 * set with an {@link IllegalArgumentException}, so that none is silently ignored.
 *
 * <p>Serialisation: {@link #toJson()} writes every hyper-parameter (seed and starts included)
 * with the {@link #family()} key; {@link ModelSpecs#fromJson(String)} finds the family's
 * {@link ModelSpecCodec} through {@link java.util.ServiceLoader} and rebuilds an equal
 * specification, so a sweep can ship a specification to another process. Specifications
 * implement {@code equals}/{@code hashCode} by value.
 *
 * <p>Every implementation also has a static {@code builder()} and an instance
 * {@code toBuilder()} (their types differ per family, so they are not part of this interface).
 *
 * @param <F> the fitted model type
 */
public interface ModelSpec<F extends FittedChoiceModel> {

    /** @return the JSON family key, e.g. {@code tinyrnn}, {@code hmm-moa}, the key of its {@link ModelSpecCodec} */
    String family();

    /**
     * @return a short label for tables and file names (letters, digits, '-'), e.g.
     *         {@code HmmTinyRnn-K2-H6}, {@code HmmMoa-K2-outcomes}
     */
    String name();

    /** @return whether the fit stops early on a validation set (and so takes one) */
    boolean earlyStops();

    /** @return the root seed: the same seed and data give a bit-identical fit */
    long seed();

    /** @return the number of independent starts (initialisations) of the fit, the best kept */
    int starts();

    /**
     * Fits on {@code train}. A model that early-stops holds out the inner validation set
     * {@link SessionFolds#innerValidation}{@code (train)} and fits the rest; others fit all of it.
     *
     * @param train training sessions with at least one scored trial
     * @return the fitted model
     * @throws IllegalArgumentException if the data cannot be fitted (e.g. no scored trials, or
     *                                  too few trials to hold out validation segments)
     */
    default F fit(TwoStepDataset train) {
        DatasetSplit inner = SessionFolds.innerValidation(train);
        return fit(inner.train(), inner.test());
    }

    /**
     * Fits on {@code train}, early-stopping on {@code validation}.
     *
     * @param train      training sessions with at least one scored trial
     * @param validation validation sessions with at least one scored trial
     * @return the fitted model
     * @throws IllegalArgumentException if the model does not early-stop ({@link #earlyStops()}
     *                                  false) or a dataset cannot be fitted
     */
    F fit(TwoStepDataset train, TwoStepDataset validation);

    /**
     * @return this specification as one JSON object: {@code "family"} plus every hyper-parameter
     * @throws IllegalArgumentException if a part cannot be written by name (e.g. a custom agent)
     */
    String toJson();
}
