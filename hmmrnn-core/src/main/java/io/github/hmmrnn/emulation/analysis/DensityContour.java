package io.github.hmmrnn.emulation.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The region holding a given share of a 2-D point cloud's mass, estimated on a square histogram grid: the
 * highest-density cells whose counts add up to at least that share. Its boundary (the cells inside the
 * region with a neighbour outside) is what the reference drew as a KDE contour of the hidden states under
 * different input noise levels ("variance contours"; the reference varied the standard deviation).
 */
public final class DensityContour {

    /**
     * One contour.
     *
     * @param noiseStd       input noise standard deviation the states were driven with
     * @param mass           share of the points inside the region
     * @param boundary       centres of the boundary cells, [B][2]
     * @param area           area of the region (sum of its cells' areas)
     * @param centre         mean of the points, [2]
     */
    public record Contour(double noiseStd, double mass, double[][] boundary, double area, double[] centre) {
    }

    private DensityContour() {
    }

    /**
     * Computes the highest-density region of the points.
     *
     * @param noiseStd noise level (only recorded)
     * @param points   [N][2] points, N &ge; 10
     * @param mass     target share in (0, 1]
     * @param gridSize cells per axis, at least 4
     * @return the contour
     * @throws IllegalArgumentException on too few points, a bad mass or grid size
     */
    public static Contour of(double noiseStd, double[][] points, double mass, int gridSize) {
        if (points == null || points.length < 10) {
            throw new IllegalArgumentException("need at least 10 points");
        }
        if (!(mass > 0 && mass <= 1)) {
            throw new IllegalArgumentException("mass must be in (0, 1], got " + mass);
        }
        if (gridSize < 4) {
            throw new IllegalArgumentException("gridSize must be >= 4, got " + gridSize);
        }
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] centre = new double[2];
        for (double[] p : points) {
            for (int a = 0; a < 2; a++) {
                lo[a] = Math.min(lo[a], p[a]);
                hi[a] = Math.max(hi[a], p[a]);
                centre[a] += p[a] / points.length;
            }
        }
        // One empty cell of margin on each side, so that the region's boundary is never the grid's edge.
        double[] step = new double[2];
        for (int a = 0; a < 2; a++) {
            double span = Math.max(hi[a] - lo[a], 1e-12);
            step[a] = span / (gridSize - 2);
            lo[a] -= step[a];
        }
        int[][] count = new int[gridSize][gridSize];
        for (double[] p : points) {
            count[cell(p[0], lo[0], step[0], gridSize)][cell(p[1], lo[1], step[1], gridSize)]++;
        }
        int[] sorted = new int[gridSize * gridSize];
        for (int i = 0; i < gridSize; i++) {
            for (int j = 0; j < gridSize; j++) {
                sorted[i * gridSize + j] = count[i][j];
            }
        }
        Arrays.sort(sorted);
        int need = (int) Math.ceil(mass * points.length);
        int acc = 0;
        int threshold = 1;
        for (int c = sorted.length - 1; c >= 0 && acc < need; c--) {
            acc += sorted[c];
            threshold = sorted[c];
        }
        boolean[][] in = new boolean[gridSize][gridSize];
        int inside = 0;
        int cells = 0;
        for (int i = 0; i < gridSize; i++) {
            for (int j = 0; j < gridSize; j++) {
                in[i][j] = count[i][j] >= Math.max(1, threshold);
                if (in[i][j]) {
                    inside += count[i][j];
                    cells++;
                }
            }
        }
        List<double[]> boundary = new ArrayList<>();
        for (int i = 0; i < gridSize; i++) {
            for (int j = 0; j < gridSize; j++) {
                if (in[i][j] && (!in[i - 1][j] || !in[i + 1][j] || !in[i][j - 1] || !in[i][j + 1])) {
                    boundary.add(new double[] {lo[0] + (i + 0.5) * step[0], lo[1] + (j + 0.5) * step[1]});
                }
            }
        }
        return new Contour(noiseStd, inside / (double) points.length, boundary.toArray(new double[0][]),
                cells * step[0] * step[1], centre);
    }

    private static int cell(double v, double lo, double step, int gridSize) {
        return Math.max(1, Math.min(gridSize - 2, (int) ((v - lo) / step)));
    }
}
