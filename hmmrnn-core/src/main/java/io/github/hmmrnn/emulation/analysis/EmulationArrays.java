package io.github.hmmrnn.emulation.analysis;

/** Small array helpers shared by the analysis classes. */
final class EmulationArrays {

    private EmulationArrays() {
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    static int argmax(double[] z) {
        int best = 0;
        for (int i = 1; i < z.length; i++) {
            if (z[i] > z[best]) {
                best = i;
            }
        }
        return best;
    }
}
