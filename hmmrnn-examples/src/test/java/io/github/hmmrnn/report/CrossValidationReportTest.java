package io.github.hmmrnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

import io.github.hmmrnn.data.SessionCrossValidation;
import io.github.hmmrnn.metrics.PredictiveScore;

/** cv.csv's pooled and per-fold rows and the fold standard error, on hand-made fold scores. */
class CrossValidationReportTest {

    @TempDir
    Path tmp;

    private static SessionCrossValidation.Fold fold(int index, double testNll, int testN, double trainNll, int trainN) {
        return new SessionCrossValidation.Fold(index, new PredictiveScore(trainNll, 0.7, trainN, 0.01),
                new PredictiveScore(testNll, 0.7, testN, 0.01));
    }

    /** Held-out NLLs 0.5, 0.6, 0.7 on 100, 200, 100 trials: pooled 0.6, s.e. = sd 0.1 / √3. */
    private static SessionCrossValidation.Result threeFolds() {
        return new SessionCrossValidation.Result("M", List.of(fold(0, 0.5, 100, 0.40, 300), fold(1, 0.6, 200, 0.45, 200),
                fold(2, 0.7, 100, 0.50, 300)));
    }

    @Test
    void standardErrorIsTheSpreadOfFoldNllsOverRootF() {
        SessionCrossValidation.Result r = threeFolds();
        assertEquals(0.6, r.testNll(), 1e-12);
        assertEquals(0.1 / Math.sqrt(3), RealDataReport.foldStandardError(r), 1e-12);
        // one fold: no spread to estimate
        assertTrue(Double.isNaN(RealDataReport.foldStandardError(
                new SessionCrossValidation.Result("M", List.of(fold(0, 0.5, 10, 0.4, 10))))));
    }

    @Test
    void pooledOverSubjects_poolsFoldsOfTheSameIndex() {
        // subject A: folds 0.4 (100), 0.8 (100); subject B: folds 0.6 (300), 0.2 (100)
        List<SessionCrossValidation.Fold> all = new ArrayList<>(List.of(fold(0, 0.4, 100, 0.3, 100),
                fold(1, 0.8, 100, 0.3, 100), fold(0, 0.6, 300, 0.3, 100), fold(1, 0.2, 100, 0.3, 100)));
        var scores = RealDataReport.foldScores(new SessionCrossValidation.Result("M", all));
        assertEquals(2, scores.size());
        assertEquals(0.55, scores.get(0).testNll(), 1e-12); // (40 + 180) / 400
        assertEquals(0.5, scores.get(1).testNll(), 1e-12);  // (80 + 20) / 200
        assertEquals(400, scores.get(0).testTrials());
        // s.e. of {0.55, 0.5}: sd = 0.05/√2 · √2 = 0.0353553.., / √2
        assertEquals(Math.sqrt(0.05 * 0.05 / 2) / Math.sqrt(2), RealDataReport.foldStandardError(
                new SessionCrossValidation.Result("M", all)), 1e-12);
    }

    @Test
    void csvHasPooledAndPerFoldRows_mdShowsMeanPlusMinusSe_chartHasWhiskers() throws IOException {
        List<RealDataReport.CvRow> rows = List.of(new RealDataReport.CvRow("A", threeFolds()));
        RealDataReport.writeCrossValidation(rows, tmp);
        List<String> csv = Files.readAllLines(tmp.resolve("cv.csv"));
        assertEquals(RealDataReport.CV_CSV_HEADER, csv.get(0));
        assertEquals(5, csv.size(), csv.toString());
        double se = 0.1 / Math.sqrt(3);
        String[] pooled = csv.get(1).split(",", -1);
        assertEquals(List.of("A", "M", "all", "3", "400", "0.600000"), List.of(pooled).subList(0, 6));
        assertEquals(se, Double.parseDouble(pooled[6]), 1e-6);
        assertEquals(Math.exp(-0.6), Double.parseDouble(pooled[7]), 1e-6);
        assertEquals(Math.exp(-0.6) * se, Double.parseDouble(pooled[8]), 1e-6);
        assertEquals((0.4 * 300 + 0.45 * 200 + 0.5 * 300) / 800, Double.parseDouble(pooled[9]), 1e-6);
        assertEquals("A,M,1,1,200,0.600000,," + String.format(java.util.Locale.ROOT, "%.6f", Math.exp(-0.6))
                + ",,0.450000", csv.get(3));
        String md = Files.readString(tmp.resolve("cv.md"));
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "0.6000 ± %.4f", se)), md);
        assertTrue(Files.exists(tmp.resolve("cv_comparison.png")));

        CategoryChart chart = RealDataReport.cvChart(rows);
        Number whisker = chart.getSeriesMap().get("A").getExtraValues().iterator().next();
        assertEquals(Math.exp(-0.6) * se, whisker.doubleValue(), 1e-12);
    }
}
