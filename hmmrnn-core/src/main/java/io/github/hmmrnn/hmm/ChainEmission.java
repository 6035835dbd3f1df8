package io.github.hmmrnn.hmm;

import java.util.List;

/**
 * An emission model of a hidden chain, as the generalised-EM loop ({@link ChainEm}) sees it: per
 * sequence, the log-likelihood of what it emits at every chain step in every state, and an update
 * of its own parameters given the smoothed state posteriors. The kernels never see it (they take
 * the summed log-likelihoods), and it never sees π or A.
 *
 * <p>Implementations are immutable: {@link #mStep} returns a new emission model. Several factors
 * (e.g. the choices and, when the chain emits them, the outcomes) are combined by the loop, which
 * adds their log-likelihoods and updates each from the same posteriors.
 *
 * @param <E> the implementing type, which {@link #mStep} returns
 */
public interface ChainEmission<E extends ChainEmission<E>> {

    /** @return number of sequences (chains) the emission covers */
    int numSequences();

    /**
     * @param sequence sequence index, in [0, {@link #numSequences()})
     * @return [steps][K] log p(what step j emits | z_j = k), natural log; a fresh array the caller
     *         may modify
     */
    double[][] logLikelihoods(int sequence);

    /**
     * The likelihoods themselves, for an emission that has them without an exponential per state
     * and step (a Bernoulli choice has p or 1 − p): the loop then runs the E-step in likelihood
     * space ({@link LikelihoodForwardBackward}) when this is its only factor.
     *
     * @param sequence sequence index, in [0, {@link #numSequences()})
     * @return [steps][K] p(what step j emits | z_j = k), equal to exp of {@link #logLikelihoods}
     *         up to rounding, read only (rows may be shared); or null (the default) when the
     *         emission has only log-likelihoods
     */
    default double[][] likelihoods(int sequence) {
        return null;
    }

    /**
     * The emission's M-step (exact, or any step that does not decrease the expected complete-data
     * log posterior: a generalised-EM step).
     *
     * @param smoothed per sequence, [steps][K] smoothed posteriors γ of the current E-step
     * @return the updated emission model
     */
    E mStep(List<double[][]> smoothed);

    /** @return log prior density of the emission's parameters (constants may be dropped); 0 if flat */
    double logPrior();
}
