package io.github.hmmrnn.report.emulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import io.github.hmmrnn.emulation.experiment.EmulationSummary;

class EmulationGridPlotsTest {

    private static EmulationSummary cell(int hidden, int input, long seed, double transitionError) {
        double[] f = {0.5, 0.01, 0.49};
        return new EmulationSummary("two", "cpu", hidden, input, seed, 100, "energy", 0.001, 0, Double.NaN, 0.001, 10,
                1, 0.01, transitionError, f, f, 6.8, 7.0, f, f, 0.02, 5, 5, 1, f, 1, 1, 0.01, transitionError, 0.001, 20000);
    }

    @Test
    void chart_meanAndSdOverSeeds_perInputSize(@TempDir Path dir) throws Exception {
        List<EmulationSummary> cells = new ArrayList<>();
        // input 1: hidden 8 -> errors 0.1, 0.3 (mean 0.2, sd 0.1414); hidden 16 -> 0.05 (one seed, sd 0)
        cells.add(cell(8, 1, 0, 0.1));
        cells.add(cell(8, 1, 1, 0.3));
        cells.add(cell(16, 1, 0, 0.05));
        cells.add(cell(8, 4, 0, 0.2));
        XYChart c = EmulationGridPlots.chart(cells, "t", "y", EmulationSummary::transitionErrorAllRows);
        XYSeries in1 = c.getSeriesMap().get("input 1");
        assertArrayEquals(new double[] {8, 16}, in1.getXData(), 0);
        assertArrayEquals(new double[] {0.2, 0.05}, in1.getYData(), 1e-12);
        assertEquals(Math.sqrt(0.02), in1.getExtraValues()[0], 1e-12);
        assertEquals(0, in1.getExtraValues()[1], 0);
        assertEquals(1, c.getSeriesMap().get("input 4").getXData().length);
        EmulationGridPlots.writeAll(cells, dir);
        for (String f : new String[] {"grid_transition_error", "grid_matched_distance_ratio", "grid_switch_ratio",
            "grid_autocorrelation_error", "grid_loss_above_floor"}) {
            assertTrue(Files.size(dir.resolve(f + ".png")) > 0, f);
            assertTrue(Files.size(dir.resolve(f + ".svg")) > 0, f);
        }
    }
}
