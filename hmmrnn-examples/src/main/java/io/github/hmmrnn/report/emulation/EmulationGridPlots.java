package io.github.hmmrnn.report.emulation;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.github.hmmrnn.emulation.experiment.EmulationSummary;
import io.github.hmmrnn.report.ChartFiles;

/**
 * Grid-comparison figures across hidden size x input size x seed (the reference's metrics.py): one chart per
 * metric, one line per input size, hidden size on the x axis, mean and standard deviation over seeds.
 */
public final class EmulationGridPlots {

    private EmulationGridPlots() {
    }

    /**
     * Writes the grid-comparison figures (PNG + SVG) into {@code dir}.
     *
     * @param cells the summaries of all grid cells
     * @param dir   output folder
     */
    public static void writeAll(List<EmulationSummary> cells, Path dir) {
        if (cells.isEmpty()) {
            return;
        }
        ChartFiles.save(chart(cells, "Lag-1 transition error, all rows", "max |P_hmm - P_rnn|",
                EmulationSummary::transitionErrorAllRows), dir, "grid_transition_error");
        ChartFiles.save(chart(cells, "Matched-distance ratio RNN / HMM baseline", "ratio",
                EmulationSummary::matchedDistanceRatio), dir, "grid_matched_distance_ratio");
        ChartFiles.save(chart(cells, "Switches per sequence, RNN / HMM", "ratio",
                s -> s.rnnSwitches() / s.hmmSwitches()), dir, "grid_switch_ratio");
        ChartFiles.save(chart(cells, "Autocorrelation error, lags 1-10", "max |acf_hmm - acf_rnn|",
                EmulationSummary::autocorrelationError), dir, "grid_autocorrelation_error");
        ChartFiles.save(chart(cells, "Best validation loss minus HMM-vs-HMM floor", "loss - floor",
                EmulationSummary::lossAboveFloor), dir, "grid_loss_above_floor");
    }

    /**
     * One metric against hidden size, a line per input size, mean with standard-deviation error bars over
     * seeds.
     *
     * @param cells  grid summaries
     * @param title  chart title
     * @param yTitle y axis title
     * @param metric the metric
     * @return the chart
     */
    public static XYChart chart(List<EmulationSummary> cells, String title, String yTitle,
                                ToDoubleFunction<EmulationSummary> metric) {
        XYChart c = new XYChartBuilder().width(800).height(500).title(title + " (" + cells.get(0).preset() + ")")
                .xAxisTitle("hidden size").yAxisTitle(yTitle).build();
        TreeMap<Integer, TreeMap<Integer, double[]>> byInput = new TreeMap<>();
        TreeSet<Integer> hiddenSizes = new TreeSet<>();
        for (EmulationSummary s : cells) {
            hiddenSizes.add(s.hiddenSize());
            // Per (input, hidden): sum, sum of squares, count.
            double[] acc = byInput.computeIfAbsent(s.inputSize(), k -> new TreeMap<>())
                    .computeIfAbsent(s.hiddenSize(), k -> new double[3]);
            double v = metric.applyAsDouble(s);
            acc[0] += v;
            acc[1] += v * v;
            acc[2]++;
        }
        for (var e : byInput.entrySet()) {
            int m = e.getValue().size();
            double[] x = new double[m];
            double[] y = new double[m];
            double[] err = new double[m];
            int i = 0;
            for (var cell : e.getValue().entrySet()) {
                double[] acc = cell.getValue();
                x[i] = cell.getKey();
                y[i] = acc[0] / acc[2];
                err[i] = acc[2] > 1 ? Math.sqrt(Math.max(0, (acc[1] - acc[0] * acc[0] / acc[2]) / (acc[2] - 1))) : 0;
                i++;
            }
            c.addSeries("input " + e.getKey(), x, y, err).setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }
}
