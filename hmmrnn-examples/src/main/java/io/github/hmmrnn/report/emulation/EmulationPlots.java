package io.github.hmmrnn.report.emulation;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.github.hmmrnn.emulation.LossKind;
import io.github.hmmrnn.emulation.analysis.FixedPoint;
import io.github.hmmrnn.emulation.analysis.SequenceStatistics;
import io.github.hmmrnn.emulation.experiment.EmulationOutcome;
import io.github.hmmrnn.report.ChartFiles;

/**
 * Draws the figures of one emulation run (PNG + SVG each).
 */
public final class EmulationPlots {

    private EmulationPlots() {
    }

    /**
     * Writes every figure into {@code dir}.
     *
     * @param o   the run
     * @param dir output folder
     */
    public static void writeAll(EmulationOutcome o, Path dir) {
        ChartFiles.save(loss(o), dir, "loss");
        ChartFiles.save(transitions(o.hmmStatistics(), "HMM transition matrix"), dir, "transitions_hmm");
        ChartFiles.save(transitions(o.rnnStatistics(), "RNN transition matrix"), dir, "transitions_rnn");
        ChartFiles.save(outputSummary(o), dir, "frequencies_volatility");
        ChartFiles.save(runLengths(o), dir, "run_lengths");
        ChartFiles.save(distances(o), dir, "matched_distances");
        ChartFiles.save(pca(o), dir, "pca_trajectory");
        ChartFiles.save(residency(o), dir, "residency_map");
        EmulationAnalysisPlots.writeAll(o, dir);
    }

    /**
     * Training and validation loss with the HMM-vs-HMM floor and, for the unbiased energy distance, the
     * zero line its expectation reaches exactly when the emulator reproduces the HMM.
     *
     * @param o the run
     * @return the chart
     */
    public static XYChart loss(EmulationOutcome o) {
        boolean energy = o.config().loss() == LossKind.ENERGY;
        String name = energy ? "unbiased energy / MMD loss" : "Sinkhorn divergence";
        XYChart c = new XYChartBuilder().width(800).height(500).title(name + " vs HMM floor ("
                + o.config().preset().id() + ")").xAxisTitle("epoch").yAxisTitle(name).build();
        int n = o.training().trainLoss().size();
        double[] x = new double[n];
        double[] floor = new double[n];
        double[] tr = new double[n];
        double[] va = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
            floor[i] = o.training().floor();
            tr[i] = o.training().trainLoss().get(i);
            va[i] = o.training().validationLoss().get(i);
        }
        c.addSeries("train", x, tr).setMarker(SeriesMarkers.NONE);
        c.addSeries("validation", x, va).setMarker(SeriesMarkers.NONE);
        XYSeries f = c.addSeries("HMM vs HMM floor", x, floor);
        f.setMarker(SeriesMarkers.NONE);
        f.setLineColor(Color.BLACK);
        if (energy) {
            XYSeries z = c.addSeries("zero (expectation at a perfect emulator)", x, new double[n]);
            z.setMarker(SeriesMarkers.NONE);
            z.setLineColor(Color.GRAY);
            z.setLineStyle(SeriesLines.DASH_DASH);
        }
        return c;
    }

    /**
     * Heat map of a lag-1 output transition matrix.
     *
     * @param s     statistics
     * @param title chart title
     * @return the chart
     */
    public static HeatMapChart transitions(SequenceStatistics s, String title) {
        int k = s.transitionMatrix().length;
        HeatMapChart c = new HeatMapChartBuilder().width(500).height(450).title(title).xAxisTitle("next output")
                .yAxisTitle("output").build();
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            idx.add(i);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cells.add(new Number[] {j, i, Math.round(s.transitionMatrix()[i][j] * 1000) / 1000.0});
            }
        }
        c.addSeries("P", idx, idx, cells);
        c.getStyler().setShowValue(true);
        c.getStyler().setMin(0);
        c.getStyler().setMax(1);
        return c;
    }

    /**
     * Output frequencies and switches per sequence side by side.
     *
     * @param o the run
     * @return the chart
     */
    public static CategoryChart outputSummary(EmulationOutcome o) {
        CategoryChart c = new CategoryChartBuilder().width(800).height(500)
                .title("Output frequencies (x100) and switches per sequence").yAxisTitle("value").build();
        List<String> cats = new ArrayList<>();
        List<Double> h = new ArrayList<>();
        List<Double> r = new ArrayList<>();
        for (int k = 0; k < o.hmmStatistics().frequencies().length; k++) {
            cats.add("freq " + k);
            h.add(100 * o.hmmStatistics().frequencies()[k]);
            r.add(100 * o.rnnStatistics().frequencies()[k]);
        }
        cats.add("switches");
        h.add(o.hmmStatistics().meanSwitches());
        r.add(o.rnnStatistics().meanSwitches());
        c.addSeries("HMM", cats, h);
        c.addSeries("RNN", cats, r);
        return c;
    }

    /**
     * Run-length distributions of the most frequent symbol, HMM vs RNN.
     *
     * @param o the run
     * @return the chart
     */
    public static XYChart runLengths(EmulationOutcome o) {
        XYChart c = new XYChartBuilder().width(800).height(500).title("Run-length distribution")
                .xAxisTitle("run length").yAxisTitle("fraction of runs").build();
        double[] f = o.hmmStatistics().frequencies();
        int k = 0;
        for (int i = 1; i < f.length; i++) {
            if (f[i] > f[k]) {
                k = i;
            }
        }
        addRuns(c, "HMM symbol " + k, o.hmmStatistics().runLengthCounts()[k]);
        addRuns(c, "RNN symbol " + k, o.rnnStatistics().runLengthCounts()[k]);
        c.getStyler().setYAxisLogarithmic(true);
        return c;
    }

    private static void addRuns(XYChart c, String name, long[] counts) {
        long total = 0;
        for (long v : counts) {
            total += v;
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int r = 1; r < counts.length; r++) {
            if (counts[r] > 0) {
                x.add((double) r);
                y.add((double) counts[r] / total);
            }
        }
        if (!x.isEmpty()) {
            c.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        }
    }

    /**
     * Histograms of matched Euclidean distances.
     *
     * @param o the run
     * @return the chart
     */
    public static CategoryChart distances(EmulationOutcome o) {
        double max = 0;
        for (double v : o.hmmMatchedDistances()) {
            max = Math.max(max, v);
        }
        for (double v : o.rnnMatchedDistances()) {
            max = Math.max(max, v);
        }
        int bins = 20;
        double width = Math.max(max, 1e-9) / bins;
        List<String> cats = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            cats.add(String.format("%.1f", (b + 0.5) * width));
        }
        CategoryChart c = new CategoryChartBuilder().width(900).height(500)
                .title("Matched Euclidean distances (one-to-one)").xAxisTitle("distance").yAxisTitle("count").build();
        c.addSeries("HMM vs HMM", cats, histogram(o.hmmMatchedDistances(), bins, width));
        c.addSeries("HMM vs RNN", cats, histogram(o.rnnMatchedDistances(), bins, width));
        c.getStyler().setOverlapped(true);
        c.getStyler().setXAxisLabelRotation(45);
        return c;
    }

    private static List<Integer> histogram(double[] v, int bins, double width) {
        int[] h = new int[bins];
        for (double x : v) {
            h[Math.min(bins - 1, (int) (x / width))]++;
        }
        List<Integer> out = new ArrayList<>();
        for (int b : h) {
            out.add(b);
        }
        return out;
    }

    /**
     * Driven hidden trajectory on PC1-PC2 coloured by output, with fixed points.
     *
     * @param o the run
     * @return the chart
     */
    public static XYChart pca(EmulationOutcome o) {
        double[] ev = o.pca().explainedVarianceRatio();
        XYChart c = new XYChartBuilder().width(800).height(650)
                .title(String.format("Hidden trajectory, PC1 %.0f%% / PC2 %.0f%% of variance", 100 * ev[0],
                        100 * (ev.length > 1 ? ev[1] : 0)))
                .xAxisTitle("PC1").yAxisTitle("PC2").build();
        double[] xs = new double[o.trajectory().length];
        double[] ys = new double[o.trajectory().length];
        for (int t = 0; t < xs.length; t++) {
            xs[t] = o.trajectory()[t][0];
            ys[t] = o.trajectory()[t][1];
        }
        List<Double> fx = new ArrayList<>();
        List<Double> fy = new ArrayList<>();
        for (FixedPoint p : o.fixedPoints()) {
            double[] z = o.pca().project(p.state());
            fx.add(z[0]);
            fy.add(z.length > 1 ? z[1] : 0);
        }
        addTrajectory(c, o, xs, ys, new Color(180, 180, 180), fx, fy);
        c.getStyler().setMarkerSize(5);
        return c;
    }

    /**
     * Adds the driven trajectory as a grey line, its points as one scatter series per output symbol,
     * and the fixed points as black diamonds, all at the given plot coordinates.
     *
     * @param c         the chart
     * @param o         the run (outputs along the trajectory, number of symbols)
     * @param xs        x of every trajectory step
     * @param ys        y of every trajectory step
     * @param lineColor colour of the trajectory line
     * @param fx        x of every fixed point
     * @param fy        y of every fixed point
     */
    static void addTrajectory(XYChart c, EmulationOutcome o, double[] xs, double[] ys, Color lineColor,
                              List<Double> fx, List<Double> fy) {
        XYSeries line = c.addSeries("trajectory", xs, ys);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(lineColor);
        int k = o.hmm().numOutputs();
        for (int sym = 0; sym < k; sym++) {
            List<Double> px = new ArrayList<>();
            List<Double> py = new ArrayList<>();
            for (int t = 0; t < xs.length; t++) {
                if (o.trajectoryOutputs()[t] == sym) {
                    px.add(xs[t]);
                    py.add(ys[t]);
                }
            }
            if (!px.isEmpty()) {
                XYSeries s = c.addSeries("output " + sym, px, py);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        if (!fx.isEmpty()) {
            XYSeries s = c.addSeries("fixed points (no input)", fx, fy);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.DIAMOND);
            s.setMarkerColor(Color.BLACK);
        }
    }

    /**
     * Residency times on PC1-PC2, binned into short (&lt; 2), medium (2-8) and long (&gt; 8) steps.
     *
     * @param o the run
     * @return the chart
     */
    public static XYChart residency(EmulationOutcome o) {
        XYChart c = new XYChartBuilder().width(800).height(650).title("Residency time map (PC1-PC2)")
                .xAxisTitle("PC1").yAxisTitle("PC2").build();
        String[] names = {"RT < 2 (transition)", "2 <= RT <= 8 (kick zone)", "RT > 8 (cluster)"};
        Color[] colors = {new Color(200, 30, 30), new Color(240, 160, 0), new Color(30, 90, 200)};
        for (int g = 0; g < 3; g++) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < o.residencyTimes().length; i++) {
                double rt = o.residencyTimes()[i];
                int group = rt < 2 ? 0 : rt <= 8 ? 1 : 2;
                if (group == g) {
                    x.add(o.residencyStates()[i][0]);
                    y.add(o.residencyStates()[i][1]);
                }
            }
            if (!x.isEmpty()) {
                XYSeries s = c.addSeries(names[g], x, y);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(colors[g]);
            }
        }
        return c;
    }
}
