package io.github.hmmrnn.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.CategoryChart;
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
        return writeFit(model, data, dataFile, dir, 1);
    }

    /**
     * {@link #writeFit(FittedChoiceModel, TwoStepDataset, Provenance.DataFile, Path)} with the files
     * written side by side on {@code threads} threads: the same bytes in every file and the same
     * list, for any thread count.
     *
     * @param model    the fit
     * @param data     the sessions it was fitted to
     * @param dataFile the file the data was read from, with its hash (for provenance), or null
     * @param dir      output folder (created)
     * @param threads  threads to write on (1: one file after another, in the calling thread)
     * @return files written, in the same order for every thread count
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public static List<Path> writeFit(FittedChoiceModel model, TwoStepDataset data, Provenance.DataFile dataFile,
                                      Path dir, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        List<FileJobs.Job> jobs = new ArrayList<>();
        Path fit = dir.resolve("fit.json");
        if (model instanceof FittedHmmMoa moa) {
            FittedHmmMoa withFile = dataFile == null ? moa : moa.withProvenance(moa.provenance().withDataFile(dataFile));
            jobs.add(new FileJobs.Job(fit, () -> FitReport.write(fit, withFile, data,
                    dataFile == null ? null : dataFile.file())));
        } else if (model instanceof SavableModel savable) {
            SavableModel withFile = dataFile == null ? savable
                    : savable.withProvenance(savable.provenance().withDataFile(dataFile));
            jobs.add(new FileJobs.Job(fit, () -> withFile.save(fit)));
        }
        TrainingHistory h = model.history();
        if (!h.entries().isEmpty()) {
            jobs.add(ChartFiles.job(() -> Plots.trainingCurves(Map.of(model.name(), h), Double.NaN, ""), dir,
                    "training_curve"));
        }
        TwoStepDataset first = data.selectSessions(List.of(0));
        jobs.addAll(ModelPlots.jobs(model.name(), model, first, dir, ""));
        if (model instanceof LatentStateModel latent) {
            // computed here, so the chart job only draws
            double[][] g = latent.smoothedStates(first).get(0);
            double[] p = latent.predictChoiceProbabilities(first).get(0);
            jobs.add(ChartFiles.job(() -> statePosteriors(latent, first, g, p), dir, "state_posteriors_session0"));
        }
        return FileJobs.run(jobs, threads);
    }

    /** Smoothed state posteriors {@code g} and the causal choice probability {@code p} through one session. */
    private static XYChart statePosteriors(LatentStateModel m, TwoStepDataset one, double[][] g, double[] p) {
        Session s = one.sessions().get(0);
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
     * normalised likelihood per model and subject, with error bars of one standard error across
     * folds (see {@link #foldStandardError(SessionCrossValidation.Result)}).
     *
     * <p>{@code cv.csv} has, per (subject, model), one pooled row ({@code fold = all}: NLLs pooled
     * over every held-out trial, with the standard errors) followed by one row per fold
     * ({@code fold = 0 .. F-1}, standard-error columns empty). {@code cv.md} holds the pooled rows
     * as mean ± s.e.
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
            StringBuilder csv = new StringBuilder(CV_CSV_HEADER + "\n");
            StringBuilder md = new StringBuilder(preamble + "| subject | model | folds | held-out trials | "
                    + "held-out NLL (nats), ± s.e. over folds | normalised likelihood ± s.e. | train NLL |\n"
                    + "|---|---|---|---|---|---|---|\n");
            for (CvRow r : rows) {
                SessionCrossValidation.Result res = r.result();
                List<FoldScore> folds = foldScores(res);
                double se = foldStandardError(res);
                double nl = res.testNormalizedLikelihood();
                csv.append(String.format(Locale.ROOT, "%s,%s,all,%d,%d,%.6f,%s,%.6f,%s,%.6f%n", r.subject(),
                        res.model(), folds.size(), res.testTrials(), res.testNll(), csvNumber(se), nl,
                        csvNumber(nl * se), res.trainNll()));
                for (FoldScore f : folds) {
                    csv.append(String.format(Locale.ROOT, "%s,%s,%d,1,%d,%.6f,,%.6f,,%.6f%n", r.subject(), res.model(),
                            f.fold(), f.testTrials(), f.testNll(), Math.exp(-f.testNll()), f.trainNll()));
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.4f ± %s | %.4f ± %s | %.4f |%n",
                        r.subject(), res.model(), folds.size(), res.testTrials(), res.testNll(), mdNumber(se), nl,
                        mdNumber(nl * se), res.trainNll()));
            }
            md.append("\ns.e.: sample standard deviation of the per-fold held-out NLLs (each fold's NLL per scored "
                    + "trial, folds weighted equally) divided by √(number of folds); for the normalised likelihood "
                    + "NL = exp(−NLL), NL × s.e.(NLL). Per-fold rows are in `cv.csv`.\n");
            files.addAll(TableFiles.write(dir, "cv", csv, md));
            files.addAll(ChartFiles.save(cvChart(rows), dir, "cv_comparison"));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CV table to " + dir, e);
        }
    }

    /** The columns of {@code cv.csv}. */
    public static final String CV_CSV_HEADER = "subject,model,fold,folds,test_trials,test_nll,test_nll_se,"
            + "test_normalized_likelihood,test_normalized_likelihood_se,train_nll";

    /** Grouped bars of held-out normalised likelihood, with whiskers of ± one s.e. across folds. */
    static CategoryChart cvChart(List<CvRow> rows) {
        List<String> models = rows.stream().map(r -> r.result().model()).distinct().toList();
        Map<String, double[]> bySubject = new LinkedHashMap<>();
        Map<String, double[]> errors = new LinkedHashMap<>();
        for (CvRow r : rows) {
            int m = models.indexOf(r.result().model());
            double nl = r.result().testNormalizedLikelihood();
            double se = foldStandardError(r.result());
            bySubject.computeIfAbsent(r.subject(), s -> new double[models.size()])[m] = nl;
            // a row with one fold has no spread to show: a zero whisker, not a missing bar
            errors.computeIfAbsent(r.subject(), s -> new double[models.size()])[m] = Double.isNaN(se) ? 0 : nl * se;
        }
        CategoryChart chart = Plots.groupedBars("Held-out normalised likelihood (session-level CV), ± 1 s.e. over folds",
                "exp(mean held-out log-likelihood)", models, bySubject, errors);
        double min = Double.POSITIVE_INFINITY;
        for (var e : bySubject.entrySet()) {
            double[] err = errors.get(e.getKey());
            for (int i = 0; i < err.length; i++) {
                min = Math.min(min, e.getValue()[i] - err[i]);
            }
        }
        if (!Double.isFinite(min)) {
            min = 0.5;
        }
        chart.getStyler().setYAxisMin(Math.max(0, Math.floor((min - 0.02) * 50) / 50));
        // likelihoods in (0, 1]: three decimals, not the axis minimum's 16 digits
        chart.getStyler().setYAxisDecimalPattern("0.000");
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        return chart;
    }

    /**
     * Held-out and training scores of one fold index. In a row pooled over subjects, the folds of
     * every subject with the same index are pooled into one (trial-weighted), so the standard error
     * runs over fold indices there too.
     *
     * @param fold        fold index
     * @param testTrials  held-out scored trials
     * @param testNll     held-out NLL per scored trial (nats)
     * @param trainNll    training NLL per scored trial (nats)
     */
    public record FoldScore(int fold, int testTrials, double testNll, double trainNll) {
    }

    /**
     * @param result a CV result
     * @return its scores per fold index, in fold order (folds sharing an index pooled, trial-weighted)
     */
    public static List<FoldScore> foldScores(SessionCrossValidation.Result result) {
        Map<Integer, double[]> sums = new TreeMap<>();
        for (SessionCrossValidation.Fold f : result.folds()) {
            double[] s = sums.computeIfAbsent(f.fold(), k -> new double[4]);
            s[0] += f.test().nll() * f.test().numScored();
            s[1] += f.test().numScored();
            s[2] += f.train().nll() * f.train().numScored();
            s[3] += f.train().numScored();
        }
        List<FoldScore> out = new ArrayList<>();
        for (var e : sums.entrySet()) {
            double[] s = e.getValue();
            out.add(new FoldScore(e.getKey(), (int) s[1], s[0] / s[1], s[2] / s[3]));
        }
        return out;
    }

    /**
     * Standard error of the held-out NLL across folds: with x_f the held-out NLL per scored trial
     * of fold f (f = 1..F, from {@link #foldScores}) and x̄ their unweighted mean,
     * s.e. = √(Σ_f (x_f − x̄)² / (F − 1)) / √F. It measures how much the score moves with the
     * sessions held out; it is not the per-trial s.e., which is much smaller and ignores that
     * trials of one session are correlated.
     *
     * @param result a CV result
     * @return the standard error (nats), NaN with fewer than two folds
     */
    public static double foldStandardError(SessionCrossValidation.Result result) {
        List<FoldScore> folds = foldScores(result);
        int n = folds.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (FoldScore f : folds) {
            mean += f.testNll();
        }
        mean /= n;
        double ss = 0;
        for (FoldScore f : folds) {
            ss += (f.testNll() - mean) * (f.testNll() - mean);
        }
        return Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
    }

    /** An empty field, not "NaN", where a standard error is undefined. */
    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String mdNumber(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
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
