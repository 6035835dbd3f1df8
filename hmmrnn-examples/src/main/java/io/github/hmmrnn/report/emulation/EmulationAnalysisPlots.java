package io.github.hmmrnn.report.emulation;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.github.hmmrnn.emulation.analysis.Ablation;
import io.github.hmmrnn.emulation.analysis.DensityContour;
import io.github.hmmrnn.emulation.analysis.FixedPoint;
import io.github.hmmrnn.emulation.experiment.EmulationOutcome;
import io.github.hmmrnn.emulation.rnn.EmulatorWeights;
import io.github.hmmrnn.report.ChartFiles;

/**
 * Figures of the reverse-engineering analyses of one emulation run (PNG + SVG each): noise sensitivity,
 * ablation scan, the 3-D PCA trajectory as three 2-D projections, variance contours, neuron activity and
 * the weight matrices.
 */
public final class EmulationAnalysisPlots {

    private static final int ACTIVITY_STEPS = 200;

    private EmulationAnalysisPlots() {
    }

    /**
     * Writes every analysis figure into {@code dir}.
     *
     * @param o   the run
     * @param dir output folder
     */
    public static void writeAll(EmulationOutcome o, Path dir) {
        ChartFiles.save(noiseSensitivity(o), dir, "noise_sensitivity");
        ChartFiles.save(ablation(o), dir, "ablation");
        int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
        for (int[] p : pairs) {
            ChartFiles.save(projection(o, p[0], p[1]), dir, "pca_pc" + (p[0] + 1) + (p[1] + 1));
        }
        ChartFiles.save(varianceContours(o), dir, "variance_contours");
        ChartFiles.save(neuronActivity(o), dir, "neuron_activity");
        EmulatorWeights w = o.training().best().weights();
        ChartFiles.save(matrix(w.recurrentWeights(), "Recurrent weights W_hh", "from neuron", "to neuron"), dir,
                "weights_recurrent");
        ChartFiles.save(matrix(w.inputWeights(), "Input weights W_ih", "input", "neuron"), dir, "weights_input");
        ChartFiles.save(matrix(w.readoutWeights(), "Readout weights W_out", "neuron", "output"), dir,
                "weights_readout");
    }

    /**
     * Trace of the end-state covariance after 5 steps against the share of fresh input noise.
     *
     * @param o the run
     * @return the chart
     */
    public static CategoryChart noiseSensitivity(EmulationOutcome o) {
        CategoryChart c = new CategoryChartBuilder().width(700).height(450)
                .title("Noise sensitivity: spread after 5 steps").xAxisTitle("share of fresh input noise (gamma)")
                .yAxisTitle("trace of end-state covariance").build();
        List<String> g = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < o.noiseGammas().length; i++) {
            g.add(String.valueOf(o.noiseGammas()[i]));
            v.add(o.noiseTrace()[i]);
        }
        c.addSeries("trace", g, v);
        return c;
    }

    /**
     * Switches per sequence and middle-symbol frequency against the scale mu of the selected neurons'
     * recurrent input.
     *
     * @param o the run
     * @return the chart
     */
    public static XYChart ablation(EmulationOutcome o) {
        XYChart c = new XYChartBuilder().width(800).height(500)
                .title("Ablation of neurons " + Arrays.toString(o.ablatedNeurons())
                        + " (switch-activity criterion)")
                .xAxisTitle("recurrent input scale mu").yAxisTitle("value").build();
        List<Ablation.Row> rows = o.ablation();
        double[] mu = new double[rows.size()];
        double[] sw = new double[rows.size()];
        int k = rows.get(0).frequencies().length;
        double[][] freq = new double[k][rows.size()];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = rows.get(i).mu();
            sw[i] = rows.get(i).meanSwitches();
            for (int s = 0; s < k; s++) {
                freq[s][i] = 100 * rows.get(i).frequencies()[s];
            }
        }
        c.addSeries("switches per sequence", mu, sw).setMarker(SeriesMarkers.CIRCLE);
        for (int s = 0; s < k; s++) {
            c.addSeries("frequency of " + s + " (%)", mu, freq[s]).setMarker(SeriesMarkers.SQUARE);
        }
        return c;
    }

    /**
     * The driven trajectory projected on two of the first three principal components, coloured by output.
     *
     * @param o the run
     * @param a first component (0-based)
     * @param b second component (0-based)
     * @return the chart
     */
    public static XYChart projection(EmulationOutcome o, int a, int b) {
        double[] ev = o.pca().explainedVarianceRatio();
        XYChart c = new XYChartBuilder().width(700).height(600)
                .title(String.format("Hidden trajectory, PC%d (%.0f%%) vs PC%d (%.0f%%)", a + 1,
                        100 * (a < ev.length ? ev[a] : 0), b + 1, 100 * (b < ev.length ? ev[b] : 0)))
                .xAxisTitle("PC" + (a + 1)).yAxisTitle("PC" + (b + 1)).build();
        double[][] tr = o.trajectory();
        double[] xs = new double[tr.length];
        double[] ys = new double[tr.length];
        for (int t = 0; t < tr.length; t++) {
            xs[t] = tr[t][a];
            ys[t] = tr[t][b];
        }
        List<Double> fx = new ArrayList<>();
        List<Double> fy = new ArrayList<>();
        for (FixedPoint p : o.fixedPoints()) {
            double[] z = o.pca().project(p.state());
            fx.add(a < z.length ? z[a] : 0);
            fy.add(b < z.length ? z[b] : 0);
        }
        EmulationPlots.addTrajectory(c, o, xs, ys, new Color(190, 190, 190), fx, fy);
        c.getStyler().setMarkerSize(4);
        return c;
    }

    /**
     * Boundaries of the 95 %-mass regions of driven hidden states on PC1-PC2, one per input noise standard
     * deviation.
     *
     * @param o the run
     * @return the chart
     */
    public static XYChart varianceContours(EmulationOutcome o) {
        XYChart c = new XYChartBuilder().width(800).height(650)
                .title("95 % regions of driven states by input noise standard deviation (PC1-PC2)")
                .xAxisTitle("PC1").yAxisTitle("PC2").build();
        for (DensityContour.Contour k : o.varianceContours()) {
            if (k.boundary().length == 0) {
                continue;
            }
            double[] x = new double[k.boundary().length];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = k.boundary()[i][0];
                y[i] = k.boundary()[i][1];
            }
            XYSeries s = c.addSeries("noise std " + k.noiseStd(), x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        c.getStyler().setMarkerSize(4);
        return c;
    }

    /**
     * Activity of every hidden unit along the first steps of the driven trajectory.
     *
     * @param o the run
     * @return the chart
     */
    public static HeatMapChart neuronActivity(EmulationOutcome o) {
        double[][] h = o.trajectoryHidden();
        int steps = Math.min(ACTIVITY_STEPS, h.length);
        int n = h[0].length;
        HeatMapChart c = new HeatMapChartBuilder().width(1000).height(600)
                .title("Neuron activity along a driven trajectory").xAxisTitle("step").yAxisTitle("neuron").build();
        List<Integer> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            xs.add(t + 1);
        }
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ys.add(i);
        }
        List<Number[]> cells = new ArrayList<>();
        double max = 1e-12;
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                cells.add(new Number[] {t, i, h[t][i]});
                max = Math.max(max, h[t][i]);
            }
        }
        c.addSeries("activity", xs, ys, cells);
        c.getStyler().setMin(0);
        c.getStyler().setMax(max);
        c.getStyler().setXAxisLabelRotation(90);
        return c;
    }

    /**
     * Heat map of a weight matrix, symmetric colour range.
     *
     * @param m      the matrix [rows][cols]
     * @param title  chart title
     * @param xTitle column axis title
     * @param yTitle row axis title
     * @return the chart
     */
    public static HeatMapChart matrix(double[][] m, String title, String xTitle, String yTitle) {
        HeatMapChart c = new HeatMapChartBuilder().width(800).height(700).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        List<Integer> xs = new ArrayList<>();
        for (int j = 0; j < m[0].length; j++) {
            xs.add(j);
        }
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < m.length; i++) {
            ys.add(i);
        }
        List<Number[]> cells = new ArrayList<>();
        double max = 1e-12;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                cells.add(new Number[] {j, i, m[i][j]});
                max = Math.max(max, Math.abs(m[i][j]));
            }
        }
        c.addSeries("weight", xs, ys, cells);
        c.getStyler().setMin(-max);
        c.getStyler().setMax(max);
        c.getStyler().setRangeColors(new Color[] {new Color(40, 70, 200), Color.WHITE, new Color(200, 40, 40)});
        return c;
    }
}
