package io.github.hmmrnn.emulation.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.github.hmmrnn.emulation.rnn.EmulatorWeights;
import io.github.hmmrnn.emulation.rnn.GenerationMode;
import io.github.hmmrnn.emulation.rnn.RnnEmulator;
import java.util.Arrays;

/**
 * Ablation: neurons are selected by a {@link NeuronCriterion} on a driven rollout, their incoming
 * recurrent weights are scaled by mu, and the effect on the output statistics is measured.
 */
public final class Ablation {

    private Ablation() {
    }

    /**
     * Effect of one scaling factor.
     *
     * @param mu           factor applied to the selected neurons' recurrent input
     * @param meanSwitches mean switches per generated sequence
     * @param frequencies  output frequencies
     */
    public record Row(double mu, double meanSwitches, double[] frequencies) {
    }

    /**
     * Selects neurons.
     *
     * @param rollout   a driven rollout of the emulator (outputs and hidden states)
     * @param criterion selection rule
     * @param count     how many neurons, in [1, n]
     * @return selected neuron indices, best first
     * @throws IllegalArgumentException if count is out of range
     */
    public static int[] selectNeurons(RnnEmulator.Rollout rollout, NeuronCriterion criterion, int count) {
        int n = rollout.hidden()[0][0].length;
        if (count < 1 || count > n) {
            throw new IllegalArgumentException("count must be in [1, " + n + "], got " + count);
        }
        double[] mean = new double[n];
        double[] sq = new double[n];
        double[] beforeSwitch = new double[n];
        long total = 0;
        long switches = 0;
        for (int s = 0; s < rollout.outputs().length; s++) {
            int[] y = rollout.outputs()[s];
            double[][] h = rollout.hidden()[s];
            for (int t = 0; t < y.length; t++) {
                for (int i = 0; i < n; i++) {
                    mean[i] += h[t][i];
                    sq[i] += h[t][i] * h[t][i];
                }
                total++;
                if (t + 1 < y.length && y[t + 1] != y[t]) {
                    switches++;
                    for (int i = 0; i < n; i++) {
                        beforeSwitch[i] += h[t][i];
                    }
                }
            }
        }
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            double m = mean[i] / total;
            double var = sq[i] / total - m * m;
            score[i] = switch (criterion) {
                case SWITCH_ACTIVITY -> switches == 0 ? 0 : beforeSwitch[i] / switches - m;
                case ACTIVITY_VARIANCE -> var;
                case LOW_VARIANCE_CONTROL -> -var;
            };
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = order[i];
        }
        return chosen;
    }

    /**
     * Scales the selected neurons' recurrent input by each mu and measures the generated outputs.
     *
     * @param emulator     the network
     * @param neurons      neurons to scale
     * @param mus          scaling factors (1 = intact)
     * @param numSequences sequences per factor
     * @param length       steps per sequence
     * @param seed         seed; every factor uses the same noise (common random numbers)
     * @return one row per factor
     */
    public static List<Row> scan(RnnEmulator emulator, int[] neurons, double[] mus, int numSequences, int length,
                                 long seed) {
        List<Row> rows = new ArrayList<>();
        for (double mu : mus) {
            EmulatorWeights w = emulator.weights().withScaledNeurons(neurons, mu, 1.0);
            RnnEmulator.Rollout r = RnnEmulator.of(w).generate(numSequences, length, GenerationMode.FULL,
                    new SplittableRandom(seed));
            SequenceStatistics st = SequenceStatistics.of(r.outputs(), w.numOutputs(), 1);
            rows.add(new Row(mu, st.meanSwitches(), st.frequencies()));
        }
        return rows;
    }
}
