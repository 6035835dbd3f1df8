package io.github.hmmrnn.metrics;

import java.util.Arrays;

/**
 * The Hungarian algorithm (Kuhn–Munkres with potentials, O(n³)) for the linear assignment
 * problem on a square matrix.
 *
 * <p>Reference: Kuhn (1955), The Hungarian method for the assignment problem; the shortest
 * augmenting path formulation with row/column potentials.
 */
public final class Hungarian {

    private Hungarian() {
    }

    /**
     * Finds the assignment of rows to distinct columns with the smallest total cost.
     *
     * @param cost [n][n] finite costs, n &gt;= 1
     * @return [n] assignment: row i is matched to column {@code result[i]}
     * @throws IllegalArgumentException if the matrix is empty, not square or has a non-finite
     *                                  entry (the message names it)
     */
    public static int[] minimize(double[][] cost) {
        int n = requireSquare(cost);
        // 1-based arrays: index 0 is the virtual column/row of the augmenting-path search.
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] matchOfColumn = new int[n + 1];
        int[] way = new int[n + 1];
        double[] minv = new double[n + 1];
        boolean[] used = new boolean[n + 1];
        for (int i = 1; i <= n; i++) {
            matchOfColumn[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = matchOfColumn[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[matchOfColumn[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (matchOfColumn[j0] != 0);
            do {
                int j1 = way[j0];
                matchOfColumn[j0] = matchOfColumn[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] assignment = new int[n];
        for (int j = 1; j <= n; j++) {
            assignment[matchOfColumn[j] - 1] = j - 1;
        }
        return assignment;
    }

    /**
     * Finds the assignment of rows to distinct columns with the largest total weight.
     *
     * @param weight [n][n] finite weights
     * @return [n] assignment: row i is matched to column {@code result[i]}
     * @throws IllegalArgumentException as {@link #minimize}
     */
    public static int[] maximize(double[][] weight) {
        int n = requireSquare(weight);
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = -weight[i][j];
            }
        }
        return minimize(c);
    }

    private static int requireSquare(double[][] m) {
        if (m == null || m.length == 0) {
            throw new IllegalArgumentException("matrix must have at least one row");
        }
        int n = m.length;
        for (int i = 0; i < n; i++) {
            if (m[i] == null || m[i].length != n) {
                throw new IllegalArgumentException("matrix row " + i + " has "
                        + (m[i] == null ? "no" : String.valueOf(m[i].length)) + " columns, expected " + n
                        + " (square)");
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new IllegalArgumentException("matrix[" + i + "][" + j + "] = " + m[i][j] + " is not finite");
                }
            }
        }
        return n;
    }
}
