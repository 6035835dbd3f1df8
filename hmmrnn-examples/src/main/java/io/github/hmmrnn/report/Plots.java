package io.github.hmmrnn.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.github.hmmrnn.analysis.TrialHistoryRegression.LaggedWeights;
import io.github.hmmrnn.analysis.TrialType;
import io.github.hmmrnn.model.TrainingHistory;
import java.util.LinkedHashMap;

/**
 * Builds the standard hmmrnn charts from plain arrays. Each method returns an XChart chart; write
 * it with {@link ChartFiles#save}.
 */
public final class Plots {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 520;
    private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    /** Colour-blind-friendly palette (Okabe–Ito), then greys. */
    private static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66),
        new Color(0, 0, 0), new Color(120, 120, 120)};

    private Plots() {
    }

    private static XYChart xy(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(c.getStyler());
        c.getStyler().setMarkerSize(0);
        return c;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendBorderColor(new Color(220, 220, 220));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setSeriesColors(PALETTE);
        s.setChartTitleBoxVisible(false);
    }

    /**
     * Training curves: training objective (solid) and validation predictive NLL (dashed) per
     * epoch for each model, with an optional reference line (e.g. the Bayes oracle's NLL).
     *
     * @param histories    model name to history
     * @param referenceNll reference NLL drawn as a horizontal line, or NaN for none
     * @param referenceName label of the reference line
     * @return the chart
     */
    public static XYChart trainingCurves(Map<String, TrainingHistory> histories, double referenceNll,
                                         String referenceName) {
        // Log x so the fast early epochs and the long tail both show; y clipped just above chance
        // (ln 2) so first-epoch spikes do not flatten the region where models differ — or just
        // above the highest final value, for objectives on another scale (e.g. a joint likelihood
        // of choices and outcomes)
        double cap = 0.72;
        for (TrainingHistory h : histories.values()) {
            if (!h.entries().isEmpty()) {
                TrainingHistory.Entry last = h.entries().get(h.entries().size() - 1);
                cap = Math.max(cap, 1.05 * Math.max(last.trainChoiceNll(), last.validationChoiceNll().orElse(0)));
            }
        }
        final double yMax = cap;
        XYChart c = xy("Training curves", "epoch / EM iteration + 1 (log scale)", "objective per trial (nats)");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisMax(yMax);
        int maxIter = 1;
        for (var e : histories.entrySet()) {
            List<TrainingHistory.Entry> entries = e.getValue().entries();
            if (entries.isEmpty()) {
                continue;
            }
            double[] it = entries.stream().mapToDouble(x -> x.iteration() + 1).toArray();
            double[] tr = entries.stream().mapToDouble(x -> Math.min(x.trainChoiceNll(), yMax)).toArray();
            maxIter = Math.max(maxIter, (int) it[it.length - 1]);
            c.addSeries(e.getKey() + " train", it, tr).setMarker(SeriesMarkers.NONE);
            if (entries.stream().allMatch(x -> x.validationChoiceNll().isPresent())) {
                double[] va = entries.stream().mapToDouble(x -> Math.min(x.validationChoiceNll().getAsDouble(), yMax))
                        .toArray();
                XYSeries s = c.addSeries(e.getKey() + " validation", it, va);
                s.setLineStyle(DASHED);
                s.setMarker(SeriesMarkers.NONE);
            }
        }
        if (Double.isFinite(referenceNll)) {
            XYSeries s = c.addSeries(referenceName, new double[] {1, maxIter}, new double[] {referenceNll, referenceNll});
            s.setLineColor(Color.BLACK);
            s.setLineStyle(DASHED);
        }
        return c;
    }

    /**
     * One example sequence: the true phase, the model's causal p(choice = 1), its one-step
     * predictive and smoothed probability of the state matched to phase 1, and the oracle.
     *
     * @param title           chart title
     * @param choices         [T] observed choices (drawn as ticks at the top/bottom)
     * @param truePhase       [T] true phase (0/1), or null
     * @param pChoice1        [T] model's causal p(choice = 1)
     * @param oracleP1        [T] oracle's causal p(choice = 1), or null
     * @param predictedState1 [T] p(z_t = state aligned to phase 1 | trials &lt; t), or null
     * @param smoothedState1  [T] smoothed probability of that state, or null
     * @return the chart
     */
    public static XYChart exampleSequence(String title, int[] choices, int[] truePhase, double[] pChoice1,
                                          double[] oracleP1, double[] predictedState1, double[] smoothedState1) {
        XYChart c = xy(title, "trial", "probability");
        int n = pChoice1.length;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        if (truePhase != null) {
            XYSeries s = c.addSeries("true phase", t, toDouble(truePhase));
            s.setLineColor(new Color(170, 170, 170));
            s.setLineWidth(5f);
            s.setMarker(SeriesMarkers.NONE);
        }
        if (smoothedState1 != null) {
            XYSeries s = c.addSeries("smoothed p(phase 1)", t, smoothedState1);
            s.setLineColor(PALETTE[4]);
            s.setMarker(SeriesMarkers.NONE);
        }
        if (predictedState1 != null) {
            XYSeries s = c.addSeries("predictive p(phase 1 | past)", t, predictedState1);
            s.setLineColor(PALETTE[1]);
            s.setMarker(SeriesMarkers.NONE);
        }
        XYSeries model = c.addSeries("model p(choice=1 | past)", t, pChoice1);
        model.setLineColor(PALETTE[0]);
        model.setMarker(SeriesMarkers.NONE);
        if (oracleP1 != null) {
            XYSeries s = c.addSeries("oracle p(choice=1 | past)", t, oracleP1);
            s.setLineColor(Color.BLACK);
            s.setLineStyle(DASHED);
            s.setMarker(SeriesMarkers.NONE);
        }
        List<Double> tx = new ArrayList<>();
        List<Double> ty = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tx.add((double) i);
            ty.add(choices[i] == 1 ? 1.06 : -0.06);
        }
        XYSeries ticks = c.addSeries("choice", tx, ty);
        ticks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        ticks.setMarker(SeriesMarkers.CIRCLE);
        ticks.setMarkerColor(new Color(60, 60, 60, 90));
        c.getStyler().setMarkerSize(3);
        c.getStyler().setYAxisMin(-0.1);
        c.getStyler().setYAxisMax(1.1);
        return c;
    }

    /**
     * A transition matrix as a heat map with the probabilities written in the cells.
     *
     * @param title chart title
     * @param a     [K][K] transition matrix
     * @return the chart
     */
    public static HeatMapChart transitionMatrix(String title, double[][] a) {
        int k = a.length;
        HeatMapChart c = new HeatMapChartBuilder().width(520).height(460).title(title)
                .xAxisTitle("to state").yAxisTitle("from state").build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        c.getStyler().setShowValue(true);
        c.getStyler().setValueFontColor(new Color(200, 30, 30));
        c.getStyler().setHeatMapValueDecimalPattern("0.000");
        c.getStyler().setDecimalPattern("0");
        c.getStyler().setMin(0);
        c.getStyler().setMax(1);
        c.getStyler().setRangeColors(new Color[] {new Color(247, 251, 255), new Color(107, 174, 214), new Color(8, 48, 107)});
        List<Integer> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            xs.add(i);
            ys.add(k - 1 - i);
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                // y runs bottom-up, so row i of A is drawn at y = k−1−i (row 0 at the top).
                cells.add(new Number[] {j, k - 1 - i, a[i][j]});
            }
        }
        c.addSeries("A", xs, ys, cells);
        return c;
    }

    /**
     * Grouped bars: one group per category, one bar per series.
     *
     * @param title      chart title
     * @param yTitle     y-axis title
     * @param categories category labels
     * @param series     series name to values, each as long as {@code categories}
     * @return the chart
     */
    public static CategoryChart groupedBars(String title, String yTitle, List<String> categories,
                                            Map<String, double[]> series) {
        return groupedBars(title, yTitle, categories, series, null);
    }

    /**
     * Grouped bars with error bars: one group per category, one bar per series, each bar with a
     * whisker of ± its error.
     *
     * @param title      chart title
     * @param yTitle     y-axis title
     * @param categories category labels
     * @param series     series name to values, each as long as {@code categories}
     * @param errors     series name to half-widths of the whiskers (same lengths); null, or a series
     *                   missing from it, draws no whiskers
     * @return the chart
     */
    public static CategoryChart groupedBars(String title, String yTitle, List<String> categories,
                                            Map<String, double[]> series, Map<String, double[]> errors) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setOverlapped(false);
        if (categories.size() > 6) {
            // Long model labels collide when set side by side.
            c.getStyler().setXAxisLabelRotation(35);
        }
        for (var e : series.entrySet()) {
            List<Double> v = new ArrayList<>();
            for (double d : e.getValue()) {
                v.add(d);
            }
            double[] err = errors == null ? null : errors.get(e.getKey());
            if (err == null) {
                c.addSeries(e.getKey(), categories, v);
            } else {
                List<Double> w = new ArrayList<>();
                for (double d : err) {
                    w.add(d);
                }
                c.addSeries(e.getKey(), categories, v, w);
            }
        }
        return c;
    }

    /**
     * Stay probability after each trial type (common/rare × rewarded/omitted) for the data and for
     * each model's causal predictions: a model-free learner's bars depend on reward only, a
     * model-based learner's on reward × transition.
     *
     * @param stay name (data or model) to P(stay | previous trial type)
     * @return the chart
     */
    public static CategoryChart stayProbabilities(Map<String, Map<TrialType, Double>> stay) {
        List<String> cats = new ArrayList<>();
        for (TrialType y : TrialType.values()) {
            cats.add(y.code() + " (" + y.name().toLowerCase().replace('_', ' ') + ")");
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        for (var e : stay.entrySet()) {
            double[] v = new double[TrialType.values().length];
            for (TrialType y : TrialType.values()) {
                v[y.ordinal()] = e.getValue().get(y);
            }
            series.put(e.getKey(), v);
        }
        CategoryChart c = groupedBars("Stay probability after each trial type", "P(stay)", cats, series);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        return c;
    }

    /**
     * Lagged trial-history weights: the model-based index (reward × transition interaction) and
     * the reward index at each lag, for the data and each model.
     *
     * @param weights name to fitted lagged weights
     * @return the chart
     */
    public static XYChart laggedIndices(Map<String, LaggedWeights> weights) {
        XYChart c = xy("Trial-history regression: model-based (solid) and reward (dashed) indices",
                "lag (trials back)", "weight (log-odds)");
        c.getStyler().setMarkerSize(6);
        int index = 0;
        for (var e : weights.entrySet()) {
            Color color = PALETTE[index++ % PALETTE.length];
            int lags = e.getValue().lags();
            double[] x = new double[lags];
            double[] mb = new double[lags];
            double[] rw = new double[lags];
            for (int l = 1; l <= lags; l++) {
                x[l - 1] = l;
                mb[l - 1] = e.getValue().modelBasedIndex(l);
                rw[l - 1] = e.getValue().rewardIndex(l);
            }
            XYSeries a = c.addSeries(e.getKey() + " MB", x, mb);
            a.setMarker(SeriesMarkers.CIRCLE);
            a.setLineColor(color);
            a.setMarkerColor(color);
            XYSeries b = c.addSeries(e.getKey() + " reward", x, rw);
            b.setLineStyle(DASHED);
            b.setMarker(SeriesMarkers.DIAMOND);
            b.setLineColor(color);
            b.setMarkerColor(color);
        }
        return c;
    }

    /**
     * Agent-weight traces: each agent's effective weight Σ_k p(z_t = k | session) β[agent][k]
     * through one session, showing when each strategy drives the choices.
     *
     * @param title     chart title
     * @param agents    agent names
     * @param beta      [agent][state] weights
     * @param posterior [T][K] state posterior of the session (smoothed or predictive)
     * @return the chart
     */
    public static XYChart agentWeightTraces(String title, List<String> agents, double[][] beta, double[][] posterior) {
        XYChart c = xy(title, "trial", "effective weight Σ_k p(state k) β_k");
        int n = posterior.length;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        for (int a = 0; a < agents.size(); a++) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < posterior[i].length; k++) {
                    w[i] += posterior[i][k] * beta[a][k];
                }
            }
            c.addSeries(agents.get(a), t, w).setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    /**
     * Gate traces of a GRU-gated agent mixture: each agent's gate g_{t,a} (from trials &lt; t)
     * through one session, optionally with the true phase for reference.
     *
     * @param title     chart title
     * @param agents    agent names
     * @param gates     [T][A] gates
     * @param truePhase [T] true phase, or null
     * @return the chart
     */
    public static XYChart gateTraces(String title, List<String> agents, double[][] gates, int[] truePhase) {
        return componentTraces(title, "gate g(t, agent)", agents, gates, truePhase);
    }

    /**
     * Per-trial values of named components through one session (a model's
     * {@code componentTraces} plot hook), optionally with the true phase for reference.
     *
     * @param title     chart title
     * @param yAxis     value axis label
     * @param agents    component names
     * @param gates     [T][components] values
     * @param truePhase [T] true phase, or null
     * @return the chart
     */
    public static XYChart componentTraces(String title, String yAxis, List<String> agents, double[][] gates,
                                          int[] truePhase) {
        XYChart c = xy(title, "trial", yAxis);
        int n = gates.length;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        if (truePhase != null) {
            XYSeries s = c.addSeries("true phase", t, toDouble(truePhase));
            s.setLineColor(new Color(170, 170, 170));
            s.setLineWidth(4f);
            s.setMarker(SeriesMarkers.NONE);
        }
        for (int a = 0; a < agents.size(); a++) {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = gates[i][a];
            }
            c.addSeries(agents.get(a), t, g).setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    private static double[] toDouble(int[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
