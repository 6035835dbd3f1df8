package io.github.hmmrnn.cli;

import java.util.Locale;

import io.github.hmmrnn.synthetic.Dwell;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import picocli.CommandLine.Option;

/**
 * The synthetic two-step generator's settings as command-line options (mixed in with
 * {@code @Mixin}); defaults are the original Python project's.
 */
public final class GeneratorOptions {

    /** Sequences (sessions) per dataset. */
    @Option(names = "--sequences", defaultValue = "64", description = "Sequences per dataset B (default: ${DEFAULT-VALUE}).")
    public int sequences;

    /** Trials per sequence. */
    @Option(names = "--trials", defaultValue = "400", description = "Trials per sequence T (default: ${DEFAULT-VALUE}).")
    public int trials;

    /** Common-transition probability. */
    @Option(names = "--p-common", defaultValue = "0.7", description = "Common-transition probability, in [0.5, 1] (default: ${DEFAULT-VALUE}).")
    public double pCommon;

    /** Policy inverse temperature. */
    @Option(names = "--beta", defaultValue = "3.5", description = "Policy inverse temperature (default: ${DEFAULT-VALUE}).")
    public double beta;

    /** Reward maps, phases separated by ';'. */
    @Option(names = "--reward-maps", defaultValue = "0.9,0.1;0.1,0.9",
            description = "Reward probability of second-step states 0,1 per phase, phases separated by ';' "
                    + "(default: ${DEFAULT-VALUE}).")
    public String rewardMaps;

    /** Mean block length. */
    @Option(names = "--dwell", defaultValue = "120", description = "Mean phase block length (default: ${DEFAULT-VALUE}).")
    public int dwellMean;

    /** Block-length jitter. */
    @Option(names = "--dwell-jitter", defaultValue = "10",
            description = "Block length jitter: U{-j..j} (default: ${DEFAULT-VALUE}).")
    public int dwellJitter;

    /** Markov stay probability; replaces block dwell when given. */
    @Option(names = "--markov-stay",
            description = "Use Markov dwell with this per-trial stay probability instead of blocks (data exactly from an HMM).")
    public Double markovStay;

    /**
     * Builds a generator with these settings.
     *
     * @param seed data seed
     * @return the generator
     * @throws IllegalArgumentException if an option is invalid (the message names it)
     */
    public TwoStepGenerator generator(long seed) {
        return TwoStepGenerator.builder().sequences(sequences).trials(trials).pCommon(pCommon).beta(beta)
                .rewardMaps(parseMaps(rewardMaps))
                .dwell(markovStay != null ? new Dwell.Markov(markovStay) : new Dwell.Block(dwellMean, dwellJitter))
                .seed(seed).build();
    }

    /**
     * Fails fast when a dataset of this size cannot fit in the JVM's memory, instead of running
     * for a minute and ending in an out-of-memory error.
     *
     * @param sessions sessions to hold
     * @param trials   trials per session
     * @throws IllegalArgumentException naming the memory needed and available
     */
    public void checkMemory(int sessions, int trials) {
        if (sessions < 1 || trials < 1) {
            throw new IllegalArgumentException("--sequences and --trials must be at least 1, got " + sessions
                    + " and " + trials);
        }
        // a session holds 4 int and 2 boolean arrays per trial; generation doubles it briefly
        double need = (double) sessions * trials * BYTES_PER_TRIAL;
        long max = Runtime.getRuntime().maxMemory();
        if (need > 0.8 * max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%d sessions x %d trials need about %.3g GB "
                    + "of memory, and this JVM may use %.3g GB; lower --sequences/--trials or raise the limit "
                    + "(HMMRNN_JAVA_OPTS=-Xmx...)", sessions, trials, need / 1e9, max / 1e9));
        }
    }

    /** Bytes of heap per generated trial, measured generously (arrays, generator state, boxing-free). */
    static final int BYTES_PER_TRIAL = 48;

    static double[][] parseMaps(String text) {
        String[] phases = text.split(";");
        double[][] maps = new double[phases.length][];
        for (int z = 0; z < phases.length; z++) {
            String[] parts = phases[z].split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException("--reward-maps: phase " + z + " '" + phases[z].trim()
                        + "' must be two probabilities like 0.9,0.1");
            }
            maps[z] = new double[2];
            for (int s = 0; s < 2; s++) {
                try {
                    maps[z][s] = Double.parseDouble(parts[s].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--reward-maps: '" + parts[s].trim() + "' is not a number");
                }
            }
        }
        return maps;
    }
}
