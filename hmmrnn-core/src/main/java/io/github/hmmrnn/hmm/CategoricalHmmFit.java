package io.github.hmmrnn.hmm;

import java.util.List;

/**
 * Result of {@link CategoricalHmm#fit}.
 *
 * @param model                the best model over starts
 * @param logLikelihood        its total log likelihood on the training sequences, natural log
 * @param logPosterior         log likelihood plus unnormalised log prior (the EM objective)
 * @param history              EM objective after each E-step of the winning restart
 *                             (non-decreasing up to rounding)
 * @param iterations           EM iterations of the winning restart
 * @param converged            whether the winning restart met the tolerance before the cap
 * @param bestRestart          index of the winning restart
 * @param restartLogPosteriors final objective of every restart, in order
 */
public record CategoricalHmmFit(CategoricalHmm model, double logLikelihood, double logPosterior,
                                List<Double> history, int iterations, boolean converged, int bestRestart,
                                List<Double> restartLogPosteriors) {

    /**
     * Makes the lists unmodifiable.
     *
     * @param model                best model
     * @param logLikelihood        its log likelihood
     * @param logPosterior         its log posterior
     * @param history              objective per iteration
     * @param iterations           iterations used
     * @param converged            converged flag
     * @param bestRestart          winning restart
     * @param restartLogPosteriors objective per restart
     */
    public CategoricalHmmFit {
        history = List.copyOf(history);
        restartLogPosteriors = List.copyOf(restartLogPosteriors);
    }
}
