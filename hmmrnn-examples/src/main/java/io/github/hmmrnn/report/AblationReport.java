package io.github.hmmrnn.report;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import io.github.hmmrnn.moa.MoaModelSelection;
import io.github.hmmrnn.moa.MoaModelSelection.AblationDelta;
import io.github.hmmrnn.moa.MoaModelSelection.CrossValidation;

/**
 * The agent-ablation report of {@code fit --model moa --ablate}: per subject and K, the held-out
 * log-likelihood of the full HMM-MoA and the change when each agent is removed
 * ({@link MoaModelSelection#agentAblation}), with its standard error across the session folds
 * ({@code ablation.csv}, {@code ablation.md}, {@code ablation.png}/{@code .svg}).
 */
public final class AblationReport {

    private AblationReport() {
    }

    /**
     * One ablation: a subject, the model's label and its cross-validations (full model first).
     *
     * @param subject  subject name
     * @param model    the full model's label, e.g. {@code HmmMoa-K3}
     * @param ablation {@link MoaModelSelection#agentAblation}'s result
     */
    public record Row(String subject, String model, List<CrossValidation> ablation) {
        /** Copies the list. */
        public Row {
            ablation = List.copyOf(ablation);
        }
    }

    /**
     * Writes the table (CSV and Markdown) and the chart of Δ held-out log-likelihood ± s.e.
     *
     * @param rows    one entry per subject and model
     * @param dir     output folder, created if missing
     * @param command the command line that produced the report, quoted in the Markdown
     * @return the files written
     * @throws UncheckedIOException if a file cannot be written
     */
    public static List<Path> write(List<Row> rows, Path dir, String command) {
        List<Path> files = new ArrayList<>();
        StringBuilder csv = new StringBuilder("subject,model,variant,folds,test_log_likelihood,"
                + "test_normalized_likelihood,delta_test_log_likelihood,delta_se,delta_per_trial\n");
        StringBuilder md = new StringBuilder("# Agent ablation (session-level cross-validation)\n\n")
                .append("Command: `").append(command).append("`\n\n")
                .append("Δ = held-out log-likelihood without the agent − with all agents, summed over the folds "
                        + "(negative: the agent helps); s.e. = √F · sd of the per-fold differences.\n\n")
                .append("| subject | model | variant | folds | held-out LL | normalised likelihood | Δ LL (nats) "
                        + "| s.e. | Δ per trial |\n|---|---|---|---|---|---|---|---|---|\n");
        CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
                .title("Agent ablation: Δ held-out log-likelihood (± s.e. across folds)")
                .yAxisTitle("Δ held-out LL without the agent (nats)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setXAxisLabelRotation(20);
        for (Row r : rows) {
            CrossValidation full = r.ablation().get(0);
            double fullLl = testLogLik(full);
            line(csv, md, r, full, fullLl, Double.NaN, Double.NaN, Double.NaN);
            List<AblationDelta> deltas = MoaModelSelection.ablationDeltas(r.ablation());
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> e = new ArrayList<>();
            for (int i = 0; i < deltas.size(); i++) {
                AblationDelta d = deltas.get(i);
                CrossValidation cv = r.ablation().get(i + 1);
                line(csv, md, r, cv, testLogLik(cv), d.deltaLogLik(), d.standardError(), d.deltaPerTrial());
                x.add(d.label().replaceFirst("^without ", "−"));
                y.add(d.deltaLogLik());
                e.add(Double.isFinite(d.standardError()) ? d.standardError() : 0.0);
            }
            chart.addSeries(r.subject() + " " + r.model(), x, y, e);
        }
        files.addAll(TableFiles.write(dir, "ablation", csv, md));
        if (!rows.isEmpty()) {
            files.addAll(ChartFiles.save(chart, dir, "ablation"));
        }
        return files;
    }

    private static void line(StringBuilder csv, StringBuilder md, Row r, CrossValidation cv, double ll, double delta,
                             double se, double perTrial) {
        csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.6f,%.6f,%s,%s,%s%n", r.subject(), r.model(), cv.label(),
                cv.folds().size(), ll, cv.testNormalizedLikelihood(), num(delta, "%.6f"), num(se, "%.6f"),
                num(perTrial, "%.8f")));
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.3f | %.4f | %s | %s | %s |%n", r.subject(),
                r.model(), cv.label(), cv.folds().size(), ll, cv.testNormalizedLikelihood(), num(delta, "%.3f"),
                num(se, "%.3f"), num(perTrial, "%.5f")));
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
    }

    private static double testLogLik(CrossValidation cv) {
        return cv.folds().stream().mapToDouble(MoaModelSelection.Fold::testLogLik).sum();
    }
}
