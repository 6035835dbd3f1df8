package io.github.hmmrnn.numeric;

/** Copies of nested {@code double} arrays. */
public final class DoubleArrays {

    private DoubleArrays() {
    }

    /**
     * A deep copy: a new outer array and a clone of every row (rows may differ in length).
     *
     * @param a the matrix; its rows must be non-null
     * @return the copy
     * @throws NullPointerException if a or one of its rows is null
     */
    public static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
