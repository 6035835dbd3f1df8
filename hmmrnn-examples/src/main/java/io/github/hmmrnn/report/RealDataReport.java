package io.github.hmmrnn.report;

import io.github.hmmrnn.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.SessionCrossValidation;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.LatentStateModel;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.model.SavableModel;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.moa.FittedHmmMoa;
import java.awt.Color;
import org.knowm.xchart.style.Styler;

/**
 * Outputs of real-data fits and cross-validation: fit files, per-fit plots, and CV tables and charts.
 */
public final class RealDataReport {

    private RealDataReport() {
    }

    /**
     * Writes one fitted model: {@code fit.json} and its plots. A savable model's provenance gains
     * the data file (name and SHA-256) before it is written.
     *
     * @param model    the fit
     * @param data     the sessions it was fitted to
     * @param dataFile the file the data was read from, with its hash (for provenance), or null
     * @param dir      output folder (created)
     * @return files written
     */
    public static List<Path> writeFit(FittedChoiceModel model, TwoStepDataset data, Provenance.DataFile dataFile,
                                      Path dir) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        Path fit = dir.resolve("fit.json");
        if (model instanceof FittedHmmMoa moa) {
            FittedHmmMoa withFile = dataFile == null ? moa : moa.withProvenance(moa.provenance().withDataFile(dataFile));
            FitReport.write(fit, withFile, data, dataFile == null ? null : dataFile.file());
            files.add(fit);
        } else if (model instanceof SavableModel savable) {
            (dataFile == null ? savable : savable.withProvenance(savable.provenance().withDataFile(dataFile))).save(fit);
            files.add(fit);
        }
        TrainingHistory h = model.history();
        if (!h.entries().isEmpty()) {
            files.addAll(ChartFiles.save(Plots.trainingCurves(Map.of(model.name(), h), Double.NaN, ""), dir,
                    "training_curve"));
        }
        TwoStepDataset first = data.selectSessions(List.of(0));
        files.addAll(ModelPlots.write(model.name(), model, first, dir, ""));
        if (model instanceof LatentStateModel latent) {
            files.addAll(ChartFiles.save(statePosteriors(latent, first), dir, "state_posteriors_session0"));
        }
        return files;
    }

    /** Smoothed state posteriors and the causal choice probability through one session. */
    private static XYChart statePosteriors(LatentStateModel m, TwoStepDataset one) {
        Session s = one.sessions().get(0);
        double[][] g = m.smoothedStates(one).get(0);
        double[] p = m.predictChoiceProbabilities(one).get(0);
        XYChart c = new XYChartBuilder().width(1100).height(480).title(m.name() + ": session 0 of " + s.subject())
                .xAxisTitle("trial").yAxisTitle("probability").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        double[] t = new double[g.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
        }
        for (int k = 0; k < m.numStates(); k++) {
            double[] col = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                col[i] = g[i][k];
            }
            XYSeries ser = c.addSeries("smoothed p(state " + k + ")", t, col);
            ser.setMarker(SeriesMarkers.NONE);
        }
        XYSeries ser = c.addSeries("p(choice = right | past)", t, p);
        ser.setMarker(SeriesMarkers.NONE);
        ser.setLineColor(Color.BLACK);
        return c;
    }

    /**
     * Writes a cross-validation table ({@code cv.csv}, {@code cv.md}) and a chart of held-out
     * normalised likelihood per model and subject.
     *
     * @param rows one row per (subject, model) with its CV result
     * @param dir  output folder
     * @return files written
     */
    public static List<Path> writeCrossValidation(List<CvRow> rows, Path dir) {
        return writeCrossValidation(rows, dir, "");
    }

    /**
     * {@link #writeCrossValidation(List, Path)} with a preamble at the top of {@code cv.md} (the
     * command and data that produced the table).
     *
     * @param rows     one row per (subject, model) with its CV result
     * @param dir      output folder
     * @param preamble Markdown put before the table, may be empty
     * @return files written
     */
    public static List<Path> writeCrossValidation(List<CvRow> rows, Path dir, String preamble) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            StringBuilder csv = new StringBuilder("subject,model,folds,test_trials,test_nll,test_normalized_likelihood,"
                    + "train_nll\n");
            StringBuilder md = new StringBuilder(preamble + "| subject | model | folds | held-out trials | held-out NLL (nats) | "
                    + "normalised likelihood | train NLL |\n|---|---|---|---|---|---|---|\n");
            for (CvRow r : rows) {
                SessionCrossValidation.Result res = r.result();
                csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.6f,%.6f,%.6f%n", r.subject(), res.model(),
                        res.folds().size(), res.testTrials(), res.testNll(), res.testNormalizedLikelihood(),
                        res.trainNll()));
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.4f | %.4f | %.4f |%n", r.subject(),
                        res.model(), res.folds().size(), res.testTrials(), res.testNll(),
                        res.testNormalizedLikelihood(), res.trainNll()));
            }
            Path csvFile = dir.resolve("cv.csv");
            AtomicFiles.writeString(csvFile, csv);
            Path mdFile = dir.resolve("cv.md");
            AtomicFiles.writeString(mdFile, md);
            files.add(csvFile);
            files.add(mdFile);
            List<String> models = rows.stream().map(r -> r.result().model()).distinct().toList();
            Map<String, double[]> bySubject = new LinkedHashMap<>();
            for (CvRow r : rows) {
                bySubject.computeIfAbsent(r.subject(), s -> new double[models.size()])[models.indexOf(r.result().model())]
                        = r.result().testNormalizedLikelihood();
            }
            var chart = Plots.groupedBars("Held-out normalised likelihood (session-level CV)",
                    "exp(mean held-out log-likelihood)", models, bySubject);
            double min = rows.stream().mapToDouble(r -> r.result().testNormalizedLikelihood()).min().orElse(0.5);
            chart.getStyler().setYAxisMin(Math.max(0, Math.floor((min - 0.02) * 50) / 50));
            // likelihoods in (0, 1]: three decimals, not the axis minimum's 16 digits
            chart.getStyler().setYAxisDecimalPattern("0.000");
            files.addAll(ChartFiles.save(chart, dir, "cv_comparison"));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CV table to " + dir, e);
        }
    }

    /**
     * One cross-validated (subject, model).
     *
     * @param subject subject name (or {@code pooled})
     * @param result  CV result
     */
    public record CvRow(String subject, SessionCrossValidation.Result result) {
    }
}
