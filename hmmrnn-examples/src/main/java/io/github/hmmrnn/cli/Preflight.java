package io.github.hmmrnn.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.hmmrnn.data.DatasetSplit;
import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.SessionFolds;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;

/**
 * Checks of the requested subjects and splits that run before any fitting, so that a command
 * fails in seconds naming the subject instead of after hours of fits.
 */
final class Preflight {

    private Preflight() {
    }

    /**
     * Resolves {@code --subject} values: {@code all} alone means every subject; each name must
     * exist and appear once.
     *
     * @param data      the dataset
     * @param requested the values given
     * @return subject names in the order given
     */
    static List<String> subjects(TwoStepDataset data, List<String> requested) {
        if (requested.size() == 1 && requested.get(0).equalsIgnoreCase("all")) {
            return data.subjectNames();
        }
        Set<String> seen = new HashSet<>();
        for (String n : requested) {
            if (n.equalsIgnoreCase("all")) {
                throw new IllegalArgumentException("--subject all cannot be combined with other subjects, got "
                        + requested);
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("--subject " + n + " is given twice; each subject is fitted once");
            }
            data.subject(n);
        }
        return List.copyOf(requested);
    }

    /**
     * Builds every fold (and, for a model that early-stops, its inner validation split) of every
     * subject, so an impossible split fails before any fit, naming the subject.
     *
     * @param all        the dataset
     * @param subjects   subjects to check
     * @param folds      number of folds
     * @param method     fold assignment
     * @param seed       fold seed
     * @param inner      inner validation of early-stopping models
     * @param earlyStops whether any requested model early-stops
     */
    static void folds(TwoStepDataset all, List<String> subjects, int folds, SplitMethod method, long seed,
                      InnerValidation inner, boolean earlyStops) {
        if (folds < 2) {
            throw new IllegalArgumentException("--cv/--folds must be at least 2, got " + folds);
        }
        for (String subject : subjects) {
            TwoStepDataset d = all.forSubject(subject);
            try {
                for (DatasetSplit s : SessionFolds.kFold(d, folds, method, seed)) {
                    if (earlyStops) {
                        inner.split(s.train());
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("subject " + subject + " (" + d.numSessions()
                        + (d.numSessions() == 1 ? " session" : " sessions") + ") cannot "
                        + "be split into " + folds + " folds: " + e.getMessage()
                        + "; lower the fold count or leave this subject out");
            }
        }
    }

    /**
     * Rejects state counts whose chain alone (initial distribution and transition matrix, a lower
     * bound on any HMM model's parameters) has at least as many free parameters as a subject has
     * scored trials: such a fit cannot be identified and would only look converged.
     *
     * @param all      the dataset
     * @param subjects subjects to check
     * @param states   requested state counts
     */
    static void stateCounts(TwoStepDataset all, List<String> subjects, List<Integer> states) {
        for (String subject : subjects) {
            int scored = all.forSubject(subject).numScored();
            for (int k : states) {
                long chain = (long) k * (k - 1) + (k - 1);
                if (k > 1 && chain >= scored) {
                    throw new IllegalArgumentException("--states " + k + ": the hidden chain alone has " + chain
                            + " free parameters, not fewer than the " + scored + " scored trials of subject "
                            + subject + "; use fewer states");
                }
            }
        }
    }

    /**
     * Checks that each subject can hold out the early-stopping segments of a single fit.
     *
     * @param all      the dataset
     * @param subjects subjects to check
     */
    static void earlyStoppingSegments(TwoStepDataset all, List<String> subjects) {
        for (String subject : subjects) {
            try {
                SessionFolds.innerValidation(all.forSubject(subject));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("subject " + subject + ": cannot hold out early-stopping "
                        + "segments: " + e.getMessage());
            }
        }
    }
}
