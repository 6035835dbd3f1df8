package io.github.hmmrnn.report;

import io.github.hmmrnn.io.AtomicFiles;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;
import java.util.Locale;
import io.github.hmmrnn.experiment.SplitEvaluation;

/**
 * Writes per-trial causal predictions of every model on every split.
 *
 * <p>Columns: {@code model, split, sequence, trial, choice, reward, common, true_phase, p_choice1},
 * then {@code p_phase<j>} (one-step predictive probability of true phase j, after aligning the
 * model's states to the phases) and {@code smoothed_phase<j>} for each phase j; these are empty for
 * models without latent states. {@code trial} is 0-based within the sequence; {@code p_choice1} is
 * p(choice_t = 1 | trials &lt; t).
 */
public final class PredictionsCsv {

    /** The fixed leading columns. */
    public static final List<String> LEADING_COLUMNS = List.of("model", "split", "sequence", "trial", "choice",
            "reward", "common", "true_phase", "p_choice1");

    private PredictionsCsv() {
    }

    /**
     * Writes the file.
     *
     * @param file        output CSV
     * @param splits      split label to its data
     * @param evaluations evaluations; each must refer to a split in {@code splits}
     * @param phases      number of true phases (columns per posterior kind)
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, Map<String, TwoStepDataset> splits, List<SplitEvaluation> evaluations,
                             int phases) {
        AtomicFiles.writeText(file, w -> {
            StringBuilder header = new StringBuilder(String.join(",", LEADING_COLUMNS));
            for (int j = 0; j < phases; j++) {
                header.append(",p_phase").append(j);
            }
            for (int j = 0; j < phases; j++) {
                header.append(",smoothed_phase").append(j);
            }
            w.write(header.append('\n').toString());
            StringBuilder line = new StringBuilder(256);
            for (SplitEvaluation e : evaluations) {
                TwoStepDataset data = splits.get(e.split());
                List<Session> sessions = data.sessions();
                for (int b = 0; b < sessions.size(); b++) {
                    Session s = sessions.get(b);
                    double[] p = e.choiceProb1().get(b);
                    for (int t = 0; t < s.length(); t++) {
                        line.setLength(0);
                        line.append(e.model()).append(',').append(e.split()).append(',').append(b).append(',')
                                .append(t).append(',').append(s.choice(t)).append(',').append(s.reward(t))
                                .append(',').append(s.common(t) ? 1 : 0).append(',')
                                .append(s.hasPhases() ? Integer.toString(s.phase(t)) : "").append(',')
                                .append(format(p[t]));
                        appendPosterior(line, e.predictedPhases(), b, t, phases);
                        appendPosterior(line, e.smoothedPhases(), b, t, phases);
                        w.write(line.append('\n').toString());
                    }
                }
            }
        });
    }

    private static void appendPosterior(StringBuilder line, List<double[][]> post, int b, int t, int phases) {
        for (int j = 0; j < phases; j++) {
            line.append(',');
            if (post != null && j < post.get(b)[t].length) {
                line.append(format(post.get(b)[t][j]));
            }
        }
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
