package io.github.hmmrnn.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.hmmrnn.data.DatasetSplit;
import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.SessionFolds;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.experiment.ModelKind;
import io.github.hmmrnn.report.Numbers;

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

    /** One fit's size: its model and, where they apply, hidden states and GRU units. */
    record FitSize(ModelKind kind, int states, int hidden) {

        /** @return {@code "hmm-tinyrnn --states 3 --hidden 2"}, naming only the sizes that apply */
        String describe() {
            return kind.cliName() + (kind.hasStates() ? " --states " + states : "")
                    + (hidden > 0 ? " --hidden " + hidden : "");
        }
    }

    /**
     * Every fit of one model kind over the requested state counts and GRU units, as the commands
     * fit them (no states for TinyRNN and TinyMoA, no units for HMM-MoA).
     *
     * @param kind   model kind
     * @param states state counts
     * @param hidden GRU unit counts
     * @return one size per fit
     */
    static List<FitSize> sizes(ModelKind kind, List<Integer> states, List<Integer> hidden) {
        List<FitSize> out = new ArrayList<>();
        for (int k : kind.hasStates() ? states : List.of(1)) {
            for (int h : kind == ModelKind.MOA ? List.of(0) : hidden) {
                out.add(new FitSize(kind, k, h));
            }
        }
        return out;
    }

    /** An upper bound on the agents of a mixture-of-agents model, for the estimate. */
    static final int MAX_AGENTS = 16;

    /** Inputs of a GRU per trial, generously (trial-type one-hot plus agent values). */
    static final int GRU_INPUTS = 8 + MAX_AGENTS;

    /**
     * Heap bytes one fit needs, estimated generously from what it allocates per trial and per
     * parameter: the forward-backward arrays (six of trials × states), agent values and their
     * derivatives (three per agent and trial), GRU weights with their gradient and two Adam moments
     * (four copies of 3·H·(H + inputs + 1)), GRU activations kept for backpropagation (gates and
     * state, forward and backward: eight per unit and trial, plus one per head), and the data.
     *
     * @param size   the fit
     * @param trials trials of the data it is fitted on
     * @return the estimated bytes
     */
    static double bytesPerFit(FitSize size, long trials) {
        double k = size.states();
        double h = size.hidden();
        boolean agents = size.kind() != ModelKind.TINYRNN && size.kind() != ModelKind.HMM_TINYRNN;
        double doubles = (k > 1 ? 6 * trials * k : 0)
                + (agents ? 3.0 * trials * MAX_AGENTS : 0)
                + (h > 0 ? 4 * 3 * h * (h + GRU_INPUTS + 1) + trials * (8 * h + k) : 0);
        return 8 * doubles + (double) trials * GeneratorOptions.BYTES_PER_TRIAL;
    }

    /**
     * Fails fast, before any fit, when the largest fit cannot fit in memory: {@code parallel} fits
     * (or starts) run at once, each on the largest subject's trials.
     *
     * @param all       the dataset
     * @param subjects  subjects to fit
     * @param fits      the fits of each subject
     * @param parallel  fits or starts running at once ({@code --threads})
     * @param available heap the JVM may use, in bytes ({@link Runtime#maxMemory()})
     * @throws IllegalArgumentException naming the fit, the subject, the memory needed and available
     */
    static void memory(TwoStepDataset all, List<String> subjects, List<FitSize> fits, int parallel, long available) {
        String biggestSubject = null;
        long trials = 0;
        for (String s : subjects) {
            long n = all.forSubject(s).numTrials();
            if (n > trials) {
                trials = n;
                biggestSubject = s;
            }
        }
        for (FitSize f : fits) {
            double need = bytesPerFit(f, trials) * Math.max(1, parallel);
            if (need > 0.8 * available) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s on subject %s (%d trials), %d at"
                        + " a time (--threads), needs about %s GB of memory, and this JVM may use %s GB; use fewer"
                        + " states or units, fewer --threads, or raise the limit (HMMRNN_JAVA_OPTS=-Xmx...)",
                        f.describe(), biggestSubject, trials, Math.max(1, parallel), Numbers.sig4(need / 1e9),
                        Numbers.sig4(available / 1e9)));
            }
        }
    }
}
