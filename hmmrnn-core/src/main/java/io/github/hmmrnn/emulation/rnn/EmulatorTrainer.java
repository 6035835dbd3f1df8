package io.github.hmmrnn.emulation.rnn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import io.github.hmmrnn.emulation.LossResult;
import io.github.hmmrnn.emulation.SequenceLoss;
import io.github.hmmrnn.numeric.SignificantDigits;

/**
 * Trains an {@link RnnEmulator} so that batches of its sampled sequences match batches of HMM
 * sequences in a distribution loss ({@link TrainingOptions#loss()}: debiased Sinkhorn divergence or the
 * unbiased energy distance). The network runs inside a DL4J
 * {@code ComputationGraph} (one fused {@link EmulatorLayerConfig} layer); the loss gradient enters
 * as an external error, and DL4J applies global-norm clipping and Adam (step size cosine-annealed
 * per iteration, see {@link TrainingOptions#learningRateAt}).
 *
 * <p>Validation uses one fixed draw of input noise and Gumbel perturbations, so epoch-to-epoch
 * changes of the validation loss reflect the weights rather than sampling noise; the best
 * weights are copied out when the validation loss improves (the reference implementation kept
 * a live reference and so saved the last epoch).
 */
public final class EmulatorTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorTrainer.class);
    private static final String LAYER = "emulator";

    /**
     * Receives one record per epoch.
     */
    @FunctionalInterface
    public interface EpochListener {
        /**
         * Called after each epoch.
         *
         * @param epoch          1-based epoch
         * @param trainLoss      mean training loss of the epoch
         * @param validationLoss validation loss after the epoch
         * @param floor          HMM-vs-HMM floor
         */
        void onEpoch(int epoch, double trainLoss, double validationLoss, double floor);

        /**
         * Called after {@link #onEpoch} with the network as it stands after the epoch (for
         * monitoring how its output statistics evolve, or for saving an evolution of checkpoints).
         * Does nothing unless overridden.
         *
         * @param epoch   1-based epoch
         * @param current the current weights (immutable copy)
         */
        default void onNetwork(int epoch, RnnEmulator current) {
        }
    }

    private final TrainingOptions options;

    /**
     * Creates a trainer.
     *
     * @param options training settings
     */
    public EmulatorTrainer(TrainingOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    /**
     * Trains a copy of {@code initial}.
     *
     * @param initial    starting emulator (not modified)
     * @param train      training HMM sequences [N][T]
     * @param validation validation HMM sequences [M][T], at least one batch
     * @param floorPool  further HMM sequences, at least as many as {@code validation}, independent of
     *                   it, used for the HMM-vs-HMM floor
     * @param listener   per-epoch callback, or {@code null}
     * @return best and last emulator with the loss history
     * @throws IllegalArgumentException if the sets are too small for one batch or lengths differ
     */
    public TrainingResult train(RnnEmulator initial, int[][] train, int[][] validation, int[][] floorPool,
                                EpochListener listener) {
        EmulatorWeights w0 = initial.weights();
        int batch = options.batchSize();
        if (train.length < batch) {
            throw new IllegalArgumentException("training set has " + train.length + " sequences, fewer than batchSize "
                    + batch);
        }
        if (validation.length < batch) {
            throw new IllegalArgumentException("validation set has " + validation.length
                    + " sequences, fewer than batchSize " + batch);
        }
        if (floorPool.length < validation.length) {
            throw new IllegalArgumentException("floorPool has " + floorPool.length + " sequences, fewer than the "
                    + validation.length + " validation sequences");
        }
        int len = train[0].length;
        if (validation[0].length != len || floorPool[0].length != len) {
            throw new IllegalArgumentException("training, validation and floor sequences must share one length, got "
                    + len + ", " + validation[0].length + ", " + floorPool[0].length);
        }
        int k = w0.numOutputs();
        long start = System.nanoTime();
        SplittableRandom root = new SplittableRandom(options.seed());
        SplittableRandom trainRng = root.split();
        SplittableRandom validationRng = root.split();
        SplittableRandom shuffleRng = root.split();
        SequenceLoss loss = options.lossFunction();

        int valBatches = validation.length / batch;
        double[][][] valNoise = new double[valBatches][][];
        double[][][] valGumbel = new double[valBatches][][];
        for (int v = 0; v < valBatches; v++) {
            valNoise[v] = RnnEmulator.gaussianNoise(batch, len * w0.inputSize(), 1.0, validationRng);
            valGumbel[v] = RnnEmulator.gumbelNoise(batch, len * k, validationRng);
        }
        double floor = 0;
        for (int v = 0; v < valBatches; v++) {
            floor += loss.betweenSequences(slice(floorPool, v * batch, batch), slice(validation, v * batch, batch), k,
                    false).value() / valBatches;
        }
        LOG.info("{} floor (HMM vs HMM, {} batches of {}): {}", options.loss().id(), valBatches, batch, SignificantDigits.sig4(floor));

        int stepsPerEpoch = train.length / batch;
        int totalIterations = options.epochs() * stepsPerEpoch;
        ComputationGraph graph = buildGraph(w0, len, totalIterations);
        graph.params().assign(Nd4j.createFromArray(w0.concatenated()).reshape(graph.params().shape()));

        int[] order = new int[train.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        List<Double> trainHistory = new ArrayList<>();
        List<Double> valHistory = new ArrayList<>();
        EmulatorWeights best = w0;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int iteration = 0;
        EmulatorLayer layer = (EmulatorLayer) graph.getLayer(LAYER);
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            if (options.shuffle()) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = shuffleRng.nextInt(i + 1);
                    int tmp = order[i];
                    order[i] = order[j];
                    order[j] = tmp;
                }
            }
            double epochLoss = 0;
            for (int s = 0; s < stepsPerEpoch; s++) {
                int[][] target = new int[batch][];
                for (int b = 0; b < batch; b++) {
                    target[b] = train[order[s * batch + b]];
                }
                double[][] noise = RnnEmulator.gaussianNoise(batch, len * w0.inputSize(), 1.0, trainRng);
                double[][] gumbel = RnnEmulator.gumbelNoise(batch, len * k, trainRng);
                INDArray input = Nd4j.create(concat(noise, gumbel));
                layer.setTrainingTemperature(options.temperatureAt(iteration, totalIterations));
                INDArray out = graph.feedForward(new INDArray[] {input}, true, false).get(LAYER);
                int[][] generated = decode(out.toDoubleMatrix(), len, k);
                LossResult r = loss.betweenSequences(generated, target, k, true);
                epochLoss += r.value() / stepsPerEpoch;
                Gradient g = graph.backpropGradient(Nd4j.create(r.gradient()));
                graph.getUpdater().update(g, iteration, epoch - 1, batch, LayerWorkspaceMgr.noWorkspaces());
                INDArray params = graph.params();
                params.subi(graph.getGradientsViewArray().reshape(params.shape()));
                iteration++;
            }
            EmulatorWeights current = layer.currentWeights();
            double val = validationLoss(current, validation, valNoise, valGumbel, loss, len);
            trainHistory.add(epochLoss);
            valHistory.add(val);
            if (val < bestLoss) {
                bestLoss = val;
                best = current;
                bestEpoch = epoch;
            }
            LOG.info("epoch {}/{}: train {} validation {} floor {} best {} (epoch {})", epoch, options.epochs(),
                    SignificantDigits.sig4(epochLoss), SignificantDigits.sig4(val), SignificantDigits.sig4(floor),
                    SignificantDigits.sig4(bestLoss), bestEpoch);
            if (listener != null) {
                listener.onEpoch(epoch, epochLoss, val, floor);
                listener.onNetwork(epoch, RnnEmulator.of(current));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainingResult(RnnEmulator.of(best), RnnEmulator.of(layer.currentWeights()),
                List.copyOf(trainHistory), List.copyOf(valHistory), floor, bestEpoch, seconds);
    }

    private double validationLoss(EmulatorWeights w, int[][] validation, double[][][] noise, double[][][] gumbel,
                                  SequenceLoss loss, int len) {
        int batch = options.batchSize();
        double total = 0;
        for (int v = 0; v < noise.length; v++) {
            ReluRnnKernel.Forward f = ReluRnnKernel.forward(w, noise[v], gumbel[v], null, len, GenerationMode.FULL);
            total += loss.betweenSequences(f.outputs(), slice(validation, v * batch, batch), w.numOutputs(), false)
                    .value();
        }
        return total / noise.length;
    }

    private ComputationGraph buildGraph(EmulatorWeights w, int len, int totalIterations) {
        int k = w.numOutputs();
        Map<Integer, Double> rates = new HashMap<>();
        for (int i = 0; i < totalIterations; i++) {
            rates.put(i, options.learningRateAt(i, totalIterations));
        }
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(options.seed())
                .dataType(DataType.DOUBLE)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .updater(Adam.builder().learningRateSchedule(new MapSchedule(ScheduleType.ITERATION, rates)).beta1(options.beta1())
                        .beta2(options.beta2()).epsilon(1e-8).build())
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(options.clipNorm())
                .graphBuilder()
                .addInputs("noise")
                .setInputTypes(InputType.feedForward((long) len * (w.inputSize() + k)))
                .addLayer(LAYER, new EmulatorLayerConfig.Builder()
                        .sizes(w.hiddenSize(), w.inputSize(), k, len, w.temperature()).build(), "noise")
                .setOutputs(LAYER)
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = new double[a[i].length + b[i].length];
            System.arraycopy(a[i], 0, c[i], 0, a[i].length);
            System.arraycopy(b[i], 0, c[i], a[i].length, b[i].length);
        }
        return c;
    }

    private static int[][] decode(double[][] oneHot, int len, int k) {
        int[][] s = new int[oneHot.length][len];
        for (int b = 0; b < oneHot.length; b++) {
            for (int t = 0; t < len; t++) {
                for (int c = 0; c < k; c++) {
                    if (oneHot[b][t * k + c] > 0.5) {
                        s[b][t] = c;
                    }
                }
            }
        }
        return s;
    }

    private static int[][] slice(int[][] a, int from, int count) {
        return Arrays.copyOfRange(a, from, from + count);
    }
}
