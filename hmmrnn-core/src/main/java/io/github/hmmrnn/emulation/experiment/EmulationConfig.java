package io.github.hmmrnn.emulation.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.emulation.EnergyDistance;
import io.github.hmmrnn.emulation.HmmPreset;
import io.github.hmmrnn.emulation.LossKind;
import io.github.hmmrnn.emulation.rnn.RecurrentInitialization;
import java.util.Arrays;

/**
 * One emulation experiment: which HMM, how much data, which network and how to train it.
 *
 * @param preset              the HMM
 * @param scale               the scale the values were taken from
 * @param sequenceLength      T
 * @param numSequences        HMM sequences drawn, split in equal thirds into train, validation and test
 * @param batchSize           minibatch size (also the validation and floor batch size)
 * @param hiddenSize          n
 * @param inputSize           d
 * @param epochs              training epochs
 * @param learningRate        Adam step size at the first step
 * @param finalLearningRate   Adam step size at the last step (cosine annealing; JSON
 *                            {@code "finalLearningRate"}, equal to learningRate for a constant rate)
 * @param clipNorm            global gradient-norm clip
 * @param temperature         Gumbel-softmax temperature of the straight-through gradient at the first step
 * @param finalTemperature    temperature at the last step (cosine like the step size; JSON
 *                            {@code "finalTemperature"}, absent means equal to {@code temperature}, i.e.
 *                            constant). The sampled outputs never depend on it
 * @param recurrentInit       how W_hh is initialised (JSON {@code "recurrentInit"}: {@code "uniform"} or
 *                            {@code "scaled_identity"})
 * @param recurrentGain       gain of the recurrent initialisation (JSON {@code "recurrentGain"})
 * @param evaluationSequences sequences per side for the output tests (matching is O(N^3))
 * @param seed                root seed
 * @param loss                training loss (JSON {@code "loss"}: {@code "sinkhorn"} or {@code "energy"},
 *                            case-insensitive; absent means sinkhorn)
 * @param energyWeights       symbol weights of the energy distance's embedding (JSON {@code "energyWeights"},
 *                            one positive number per output; absent means the plain one-hot embedding)
 * @param energyWindows       window lengths of the energy distance's multi-scale embedding (JSON
 *                            {@code "energyWindows"}, e.g. [1, 10]; absent means one-hot steps only)
 * @param energyBandwidth     0 for the distance kernel, otherwise a Gaussian kernel bandwidth in Hamming steps
 *                            (JSON {@code "energyBandwidth"}, absent means 0)
 * @param energySwitchWeight  weight of the energy loss's switch-count features (JSON {@code "energySwitchWeight"},
 *                            absent means 0: none)
 */
public record EmulationConfig(HmmPreset preset, ExperimentScale scale, int sequenceLength, int numSequences,
                              int batchSize, int hiddenSize, int inputSize, int epochs, double learningRate,
                              double finalLearningRate, double clipNorm, double temperature,
                              double finalTemperature, RecurrentInitialization recurrentInit, double recurrentGain, int evaluationSequences, long seed,
                              LossKind loss, double[] energyWeights, int[] energyWindows, double energyBandwidth,
                              double energySwitchWeight) {

    /**
     * Validates the configuration.
     *
     * @throws IllegalArgumentException naming the first invalid field
     */
    public EmulationConfig {
        if (preset == null || scale == null) {
            throw new IllegalArgumentException("preset and scale must not be null");
        }
        positive("sequenceLength", sequenceLength, 2);
        positive("numSequences", numSequences, 3);
        positive("batchSize", batchSize, 2);
        positive("hiddenSize", hiddenSize, 1);
        positive("inputSize", inputSize, 1);
        positive("epochs", epochs, 1);
        positive("evaluationSequences", evaluationSequences, 2);
        if (numSequences / 3 < batchSize) {
            throw new IllegalArgumentException("numSequences / 3 = " + numSequences / 3
                    + " must be >= batchSize " + batchSize + " (one batch per split)");
        }
        if (recurrentInit == null) {
            throw new IllegalArgumentException("recurrentInit must not be null");
        }
        if (!(recurrentGain > 0) || Double.isInfinite(recurrentGain)) {
            throw new IllegalArgumentException("recurrentGain must be positive and finite, got " + recurrentGain);
        }
        if (!(finalLearningRate > 0 && finalLearningRate <= learningRate)) {
            throw new IllegalArgumentException("finalLearningRate must be in (0, learningRate = " + learningRate
                    + "], got " + finalLearningRate);
        }
        if (!(finalTemperature > 0) || Double.isInfinite(finalTemperature)) {
            throw new IllegalArgumentException("finalTemperature must be positive and finite, got " + finalTemperature);
        }
        if (!(learningRate > 0) || !(clipNorm > 0) || !(temperature > 0)) {
            throw new IllegalArgumentException("learningRate, clipNorm and temperature must be positive, got "
                    + learningRate + ", " + clipNorm + ", " + temperature);
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        if (energyWeights != null) {
            if (energyWeights.length != preset.hmm().numOutputs()) {
                throw new IllegalArgumentException("energyWeights has " + energyWeights.length
                        + " entries, expected one per output (" + preset.hmm().numOutputs() + ")");
            }
            energyWeights = energyWeights.clone();
        }
        new EnergyDistance(energyWeights, energyWindows == null ? new int[] {1} : energyWindows, energyBandwidth,
                energySwitchWeight);
        energyWindows = energyWindows == null ? null : energyWindows.clone();
    }

    /**
     * Returns the energy distance's window lengths.
     *
     * @return a copy, or {@code null} for one-hot steps only
     */
    @Override
    public int[] energyWindows() {
        return energyWindows == null ? null : energyWindows.clone();
    }

    /**
     * Returns the energy distance's symbol weights.
     *
     * @return a copy, or {@code null} for the plain one-hot embedding
     */
    @Override
    public double[] energyWeights() {
        return energyWeights == null ? null : energyWeights.clone();
    }

    private static void positive(String name, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
        }
    }

    /**
     * Loads a preset's bundled configuration ({@code io/github/hmmrnn/emulation/<preset>.json}).
     *
     * @param preset the HMM preset
     * @param scale  which block of the file to use
     * @param seed   root seed
     * @return the configuration
     * @throws UncheckedIOException if the resource cannot be read
     */
    public static EmulationConfig load(HmmPreset preset, ExperimentScale scale, long seed) {
        return load(preset, scale, seed, null);
    }

    /**
     * Loads a preset's bundled configuration for a given loss: the block's {@code "energy"} object, if any,
     * overrides the block's fields when the loss is the energy distance (so that tuning the energy loss never
     * changes what a Sinkhorn run does).
     *
     * @param preset the HMM preset
     * @param scale  which block of the file to use
     * @param seed   root seed
     * @param loss   the loss, or {@code null} for the block's own {@code "loss"} field
     * @return the configuration
     * @throws UncheckedIOException if the resource cannot be read
     */
    public static EmulationConfig load(HmmPreset preset, ExperimentScale scale, long seed, LossKind loss) {
        String path = "/io/github/hmmrnn/emulation/" + preset.id() + ".json";
        try (InputStream in = EmulationConfig.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return fromJson(new ObjectMapper().readTree(in), scale, seed, loss);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /**
     * Reads a configuration from a preset JSON tree of the form
     * {@code {"preset": "two", "sequenceLength": 100, "paper": {...}, "cpu": {...}}}.
     *
     * @param root  the JSON tree
     * @param scale which block to use
     * @param seed  root seed
     * @return the configuration
     * @throws IllegalArgumentException if a field is missing or invalid
     */
    public static EmulationConfig fromJson(JsonNode root, ExperimentScale scale, long seed) {
        return fromJson(root, scale, seed, null);
    }

    /**
     * Reads a configuration for a given loss (see {@link #load(HmmPreset, ExperimentScale, long, LossKind)}).
     *
     * @param root  the JSON tree
     * @param scale which block to use
     * @param seed  root seed
     * @param lossOverride the loss, or {@code null} for the block's {@code "loss"} field (absent: sinkhorn)
     * @return the configuration
     * @throws IllegalArgumentException if a field is missing or invalid
     */
    public static EmulationConfig fromJson(JsonNode root, ExperimentScale scale, long seed, LossKind lossOverride) {
        HmmPreset preset = HmmPreset.parse(text(root, "preset"));
        JsonNode block = root.get(scale.id());
        if (block == null) {
            throw new IllegalArgumentException("configuration has no '" + scale.id() + "' block");
        }
        LossKind loss = lossOverride != null ? lossOverride
                : block.has("loss") ? LossKind.parse(text(block, "loss")) : LossKind.SINKHORN;
        JsonNode s = block;
        if (loss == LossKind.ENERGY && block.has("energy")) {
            if (!block.get("energy").isObject()) {
                throw new IllegalArgumentException("configuration field 'energy' must be an object of overrides");
            }
            ObjectNode merged = ((ObjectNode) block).deepCopy();
            merged.setAll((ObjectNode) block.get("energy"));
            s = merged;
        }
        double tau = s.has("temperature") ? number(s, "temperature") : 1.0;
        double[] weights = null;
        if (s.has("energyWeights")) {
            JsonNode w = s.get("energyWeights");
            if (!w.isArray()) {
                throw new IllegalArgumentException("configuration field 'energyWeights' must be an array of numbers");
            }
            weights = new double[w.size()];
            for (int i = 0; i < weights.length; i++) {
                if (!w.get(i).isNumber()) {
                    throw new IllegalArgumentException("configuration field 'energyWeights' must be an array of numbers");
                }
                weights[i] = w.get(i).asDouble();
            }
        }
        int[] windows = null;
        if (s.has("energyWindows")) {
            JsonNode w = s.get("energyWindows");
            if (!w.isArray()) {
                throw new IllegalArgumentException("configuration field 'energyWindows' must be an array of integers");
            }
            windows = new int[w.size()];
            for (int i = 0; i < windows.length; i++) {
                if (!w.get(i).canConvertToInt()) {
                    throw new IllegalArgumentException("configuration field 'energyWindows' must be an array of integers");
                }
                windows[i] = w.get(i).asInt();
            }
        }
        double bandwidth = s.has("energyBandwidth") ? number(s, "energyBandwidth") : 0;
        double switchWeight = s.has("energySwitchWeight") ? number(s, "energySwitchWeight") : 0;
        return new EmulationConfig(preset, scale, integer(root, "sequenceLength"), integer(s, "numSequences"),
                integer(s, "batchSize"), integer(s, "hiddenSize"), integer(s, "inputSize"), integer(s, "epochs"),
                number(s, "learningRate"), number(s, "finalLearningRate"), number(s, "clipNorm"), tau,
                s.has("finalTemperature") ? number(s, "finalTemperature") : tau, recurrentInit(s), number(s, "recurrentGain"), integer(s, "evaluationSequences"), seed,
                loss, weights, windows, bandwidth, switchWeight);
    }

    /**
     * Returns a copy with other network sizes and seed (for grids).
     *
     * @param hidden n
     * @param input  d
     * @param newSeed seed
     * @return the modified configuration
     */
    public EmulationConfig withNetwork(int hidden, int input, long newSeed) {
        return new EmulationConfig(preset, scale, sequenceLength, numSequences, batchSize, hidden, input, epochs,
                learningRate, finalLearningRate, clipNorm, temperature, finalTemperature, recurrentInit, recurrentGain,
                evaluationSequences, newSeed, loss, energyWeights, energyWindows, energyBandwidth, energySwitchWeight);
    }

    /**
     * Returns a copy with another number of epochs.
     *
     * @param newEpochs epochs
     * @return the modified configuration
     */
    public EmulationConfig withEpochs(int newEpochs) {
        return new EmulationConfig(preset, scale, sequenceLength, numSequences, batchSize, hiddenSize, inputSize,
                newEpochs, learningRate, finalLearningRate, clipNorm, temperature, finalTemperature, recurrentInit, recurrentGain,
                evaluationSequences, seed, loss, energyWeights, energyWindows, energyBandwidth, energySwitchWeight);
    }

    /**
     * Returns a copy that trains with another loss.
     *
     * @param newLoss the loss
     * @return the modified configuration
     */
    public EmulationConfig withLoss(LossKind newLoss) {
        return new EmulationConfig(preset, scale, sequenceLength, numSequences, batchSize, hiddenSize, inputSize,
                epochs, learningRate, finalLearningRate, clipNorm, temperature, finalTemperature, recurrentInit,
                recurrentGain, evaluationSequences, seed, newLoss, energyWeights, energyWindows, energyBandwidth, energySwitchWeight);
    }

    /**
     * Returns a copy with another embedding and kernel of the energy loss (for tuning runs).
     *
     * @param newWindows   window lengths, or {@code null} for one-hot steps only
     * @param newBandwidth 0 for the distance kernel, otherwise a Gaussian bandwidth
     * @return the modified configuration
     */
    public EmulationConfig withEnergyKernel(int[] newWindows, double newBandwidth) {
        return new EmulationConfig(preset, scale, sequenceLength, numSequences, batchSize, hiddenSize, inputSize,
                epochs, learningRate, finalLearningRate, clipNorm, temperature, finalTemperature, recurrentInit,
                recurrentGain, evaluationSequences, seed, loss, energyWeights, newWindows, newBandwidth, energySwitchWeight);
    }

    /**
     * Returns a copy with another switch-count feature weight of the energy loss (for tuning runs).
     *
     * @param newSwitchWeight the weight, at least 0
     * @return the modified configuration
     */
    public EmulationConfig withEnergySwitchWeight(double newSwitchWeight) {
        return new EmulationConfig(preset, scale, sequenceLength, numSequences, batchSize, hiddenSize, inputSize,
                epochs, learningRate, finalLearningRate, clipNorm, temperature, finalTemperature, recurrentInit,
                recurrentGain, evaluationSequences, seed, loss, energyWeights, energyWindows, energyBandwidth,
                newSwitchWeight);
    }

    /**
     * Returns a copy with other training settings (for tuning runs).
     *
     * @param newLearningRate      Adam step size at the first step
     * @param newFinalLearningRate Adam step size at the last step
     * @param newTemperature       straight-through temperature at the first step
     * @param newFinalTemperature  straight-through temperature at the last step
     * @return the modified configuration
     */
    public EmulationConfig withTraining(double newLearningRate, double newFinalLearningRate, double newTemperature,
                                        double newFinalTemperature) {
        return new EmulationConfig(preset, scale, sequenceLength, numSequences, batchSize, hiddenSize, inputSize,
                epochs, newLearningRate, newFinalLearningRate, clipNorm, newTemperature, newFinalTemperature,
                recurrentInit, recurrentGain, evaluationSequences, seed, loss, energyWeights, energyWindows, energyBandwidth, energySwitchWeight);
    }

    private static RecurrentInitialization recurrentInit(JsonNode n) {
        String v = text(n, "recurrentInit");
        for (RecurrentInitialization r : RecurrentInitialization.values()) {
            if (r.name().equalsIgnoreCase(v)) {
                return r;
            }
        }
        throw new IllegalArgumentException("configuration field 'recurrentInit' is '" + v + "', expected one of "
                + Arrays.stream(RecurrentInitialization.values()).map(r -> r.name().toLowerCase())
                        .toList());
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("configuration field '" + f + "' must be a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || !v.canConvertToInt()) {
            throw new IllegalArgumentException("configuration field '" + f + "' must be an integer");
        }
        return v.asInt();
    }

    private static double number(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("configuration field '" + f + "' must be a number");
        }
        return v.asDouble();
    }
}
