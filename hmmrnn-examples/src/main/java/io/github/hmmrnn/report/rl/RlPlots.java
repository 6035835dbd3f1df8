package io.github.hmmrnn.report.rl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.github.hmmrnn.report.ChartFiles;
import io.github.hmmrnn.rl.dqn.EpisodeRecord;
import io.github.hmmrnn.rl.dqn.Evaluation;
import io.github.hmmrnn.rl.dqn.HistoryPoint;
import io.github.hmmrnn.rl.env.IdealObserver;
import io.github.hmmrnn.rl.env.Task;

/** Writes the three standard RL figures as PNG + SVG. */
public final class RlPlots {

    private RlPlots() {
    }

    /**
     * Greedy accuracy against environment steps, one line per seed, with ideal observer and chance.
     *
     * @param task      task
     * @param histories one history per seed
     * @param dir       output folder
     * @return written files
     */
    public static List<Path> trainingCurve(Task task, List<List<HistoryPoint>> histories, Path dir) {
        XYChart c = new XYChartBuilder().width(800).height(500).title(task.neuroGymName() + ": training curve")
                .xAxisTitle("environment steps").yAxisTitle("greedy accuracy").build();
        double maxX = 1;
        for (int s = 0; s < histories.size(); s++) {
            List<HistoryPoint> h = histories.get(s);
            double[] x = h.stream().mapToDouble(HistoryPoint::envSteps).toArray();
            double[] y = h.stream().mapToDouble(HistoryPoint::greedyAccuracy).toArray();
            if (x.length > 0) {
                maxX = Math.max(maxX, x[x.length - 1]);
                c.addSeries("seed " + (s + 1), x, y).setMarker(SeriesMarkers.NONE);
            }
        }
        hline(c, "ideal observer", IdealObserver.accuracy(task), maxX);
        hline(c, "fixed choice", 0.5, maxX);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.02);
        return ChartFiles.save(c, dir, "training-curve");
    }

    private static void hline(XYChart c, String name, double y, double maxX) {
        XYSeries s = c.addSeries(name, new double[] {0, maxX}, new double[] {y, y});
        s.setMarker(SeriesMarkers.NONE);
    }

    /**
     * Accuracy per condition, one line per seed, with the ideal observer.
     *
     * @param task        task
     * @param evaluations one evaluation per seed
     * @param dir         output folder
     * @return written files
     */
    public static List<Path> psychometric(Task task, List<Evaluation> evaluations, Path dir) {
        XYChart c = new XYChartBuilder().width(800).height(500)
                .title(task.neuroGymName() + ": accuracy by " + task.conditionName())
                .xAxisTitle(task.conditionName()).yAxisTitle("accuracy").build();
        List<Double> xs = new ArrayList<>();
        for (int s = 0; s < evaluations.size(); s++) {
            Map<Double, Double> m = evaluations.get(s).accuracyByCondition();
            xs = new ArrayList<>(m.keySet());
            c.addSeries("seed " + (s + 1), xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    m.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
        if (!xs.isEmpty()) {
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = IdealObserver.accuracy(task, x[i]);
            }
            c.addSeries("ideal observer", x, y).setMarker(SeriesMarkers.NONE);
        }
        c.getStyler().setYAxisMin(0.3).setYAxisMax(1.02);
        return ChartFiles.save(c, dir, "psychometric");
    }

    /**
     * Q-values of the three actions through one greedy trial, with the observation channels.
     *
     * @param task task
     * @param ep   recorded trial
     * @param dir  output folder
     * @return written files
     */
    public static List<Path> exampleTrial(Task task, EpisodeRecord ep, Path dir) {
        int n = ep.q().length;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i;
        }
        XYChart c = new XYChartBuilder().width(900).height(550)
                .title(task.neuroGymName() + ": example trial (" + task.conditionName() + " " + ep.condition()
                        + ", correct action " + ep.groundTruth() + ", " + (ep.performance() == 1 ? "correct" : "wrong")
                        + ")")
                .xAxisTitle("step (100 ms)").yAxisTitle("Q-value / observation").build();
        String[] names = {"Q(fixate)", "Q(choice 1)", "Q(choice 2)"};
        for (int a = 0; a < ep.q()[0].length; a++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = ep.q()[i][a];
            }
            c.addSeries(a < names.length ? names[a] : "Q(" + a + ")", t, y);
        }
        int obs = ep.observations()[0].length;
        for (int k = 0; k < obs; k++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = ep.observations()[i][k];
            }
            c.addSeries(k == 0 ? "obs fixation" : "obs " + k, t, y).setMarker(SeriesMarkers.NONE);
        }
        double[] act = new double[n];
        for (int i = 0; i < n; i++) {
            act[i] = ep.actions()[i] == 0 ? Double.NaN : 1.1;
        }
        boolean anyAct = false;
        for (double v : act) {
            anyAct |= !Double.isNaN(v);
        }
        if (anyAct) {
            c.addSeries("non-zero action", t, act).setMarker(SeriesMarkers.DIAMOND);
        }
        return ChartFiles.save(c, dir, "example-trial");
    }
}
