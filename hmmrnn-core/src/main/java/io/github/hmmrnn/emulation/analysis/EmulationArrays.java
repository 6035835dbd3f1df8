package io.github.hmmrnn.emulation.analysis;

/** Small array helpers shared by the analysis classes. */
final class EmulationArrays {

    private EmulationArrays() {
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
