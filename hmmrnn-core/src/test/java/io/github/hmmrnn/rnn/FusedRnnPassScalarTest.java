package io.github.hmmrnn.rnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@link FusedRnnPass} and the E-step's head log-probabilities give the same bits with the Vector
 * API (this JVM: surefire adds {@code jdk.incubator.vector}) and without it (a child JVM started
 * without the module runs the scalar loops of {@link GruMath}), so results do not depend on how
 * the library is launched.
 */
class FusedRnnPassScalarTest {

    /** Logits, gradient and log-probabilities of a fixed random case, as one hex string of their bits. */
    static String fingerprint() {
        SplittableRandom rng = new SplittableRandom(21);
        int batch = 13;
        int nIn = 3;
        int steps = 11;
        int hidden = 5;
        int heads = 2;
        double[] x = new double[batch * nIn * steps];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() < 0.5 ? 0 : rng.nextDouble(-1, 2);
        }
        FusedRnnPass pass = new FusedRnnPass(x, batch, nIn, steps, hidden, heads);
        double[] p = new double[pass.numParams()];
        for (int i = 0; i < p.length; i++) {
            p[i] = rng.nextDouble(-3, 3);
        }
        double[] y = new double[batch * 2 * heads * steps];
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextDouble() < 0.5 ? 0 : rng.nextDouble();
        }
        StringBuilder sb = new StringBuilder();
        double[] logits = pass.forward(p);
        for (double[] a : new double[][] {logits, pass.gradient(p, y), HeadOutputs.logProbabilities(logits, heads, steps)}) {
            for (double v : a) {
                sb.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
            }
        }
        return sb.toString();
    }

    /**
     * Child JVM entry point: prints whether the Vector API is present, then the fingerprint.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        System.out.println(GruMath.VECTOR);
        System.out.println(fingerprint());
    }

    @Test
    void vectorAndScalarPaths_bitIdentical() throws IOException, InterruptedException {
        assertTrue(GruMath.VECTOR, "surefire should pass --add-modules jdk.incubator.vector");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FusedRnnPassScalarTest.class.getName()).redirectErrorStream(true).start();
        String out;
        try {
            out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
        } finally {
            child.destroyForcibly();
        }
        String[] lines = out.strip().split("\\R");
        assertEquals("false", lines[0], () -> "the child should run without the Vector API: " + out);
        String[] expected = fingerprint().split(" ");
        String[] actual = lines[lines.length - 1].split(" ");
        assertEquals(expected.length, actual.length, "values");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], "value " + i + " of " + expected.length);
        }
    }
}
