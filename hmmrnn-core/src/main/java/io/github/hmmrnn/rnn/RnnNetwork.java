package io.github.hmmrnn.rnn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.deeplearning4j.nn.api.Layer;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The neural part of a (HMM-)TinyRNN as a DL4J {@link ComputationGraph}: the GRU vertices of
 * {@link GruGraph} (input "trials" → {@link FusedGruLayer} "gru") → {@link RnnOutputLayer}
 * "heads" (2K identity outputs trained with {@link PosteriorWeightedCrossEntropy}), double
 * precision, Adam, per-layer L2 gradient clipping.
 *
 * <p>With {@link GruGraph}, the only class that touches INDArrays besides the layer internals;
 * everything it returns is a plain Java array. Not thread-safe (a DL4J graph is mutable).
 */
final class RnnNetwork {

    /** Name of the output vertex. */
    static final String OUTPUT = "heads";

    private final ComputationGraph graph;
    private final int heads;

    private final LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
    private final int nIn;
    private final int hidden;
    /** Fused passes per input array: the trainer passes the same two arrays every epoch. */
    private final Map<INDArray, FusedRnnPass> passes = new IdentityHashMap<>();
    /** DL4J's gradient object (views into the graph's gradient array), kept from its first backpropagation. */
    private Gradient gradientViews;

    RnnNetwork(int nIn, int hidden, int heads, double learningRate, double gradientClip, long seed) {
        this(nIn, hidden, heads, learningRate, 1.0, gradientClip, seed);
    }

    /**
     * @param headWeightScale factor on the learning rate of the heads' weights (not their biases)
     */
    RnnNetwork(int nIn, int hidden, int heads, double learningRate, double headWeightScale, double gradientClip,
               long seed) {
        this.heads = heads;
        this.nIn = nIn;
        this.hidden = hidden;
        IUpdater headWeights = headWeightScale == 1.0 ? null : new Adam(learningRate * headWeightScale);
        this.graph = new ComputationGraph(configuration(nIn, hidden, heads, new Adam(learningRate), headWeights,
                gradientClip, seed));
        graph.init();
    }

    static ComputationGraphConfiguration configuration(int nIn, int hidden, int heads, IUpdater updater,
                                                       double gradientClip, long seed) {
        return configuration(nIn, hidden, heads, updater, null, gradientClip, seed);
    }

    /**
     * @param headWeightUpdater updater of the heads' weights, or null for {@code updater}; the
     *                          heads' biases always use {@code updater}
     */
    static ComputationGraphConfiguration configuration(int nIn, int hidden, int heads, IUpdater updater,
                                                       IUpdater headWeightUpdater, double gradientClip, long seed) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(updater)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE);
        if (gradientClip > 0) {
            b.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(gradientClip);
        }
        return GruGraph.addGru(b.graphBuilder(), nIn, hidden)
                .addLayer(OUTPUT, headsLayer(hidden, heads, updater, headWeightUpdater), GruGraph.GRU)
                .setOutputs(OUTPUT)
                .build();
    }

    private static RnnOutputLayer headsLayer(int hidden, int heads, IUpdater updater, IUpdater headWeightUpdater) {
        RnnOutputLayer.Builder b = new RnnOutputLayer.Builder(new PosteriorWeightedCrossEntropy(heads))
                .nIn(hidden).nOut(2L * heads).activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER);
        if (headWeightUpdater != null) {
            b.updater(headWeightUpdater).biasUpdater(updater);
        }
        return b.build();
    }

    ComputationGraph graph() {
        return graph;
    }

    int heads() {
        return heads;
    }

    /** @return the input as a [B][I][T] double INDArray */
    static INDArray features(RnnInputs inputs) {
        return Nd4j.create(inputs.features(),
                new long[] {inputs.numRows(), inputs.encoding().width(), inputs.paddedLength()}, 'c');
    }

    /**
     * Inference pass: the graph's computation evaluated by {@link FusedRnnPass} on plain arrays
     * (equal to the graph's own output to rounding: {@code FusedRnnPassTest}).
     *
     * @param x [B][I][T] input
     * @return [B][2K][T] head logits, row-major
     */
    double[] logits(INDArray x) {
        return pass(x).forward(parameters()).clone();
    }

    /** The fused pass of input x, prepared once per input array (at most two kept). */
    private FusedRnnPass pass(INDArray x) {
        FusedRnnPass p = passes.get(x);
        if (p == null) {
            if (x.rank() != 3 || x.size(1) != nIn) {
                throw new IllegalArgumentException("expected input [B, " + nIn + ", T], got "
                        + Arrays.toString(x.shape()));
            }
            if (passes.size() >= 2) {
                passes.clear();
            }
            p = new FusedRnnPass(x.dup('c').data().asDouble(), (int) x.size(0), nIn, (int) x.size(2), hidden, heads);
            passes.put(x, p);
        }
        return p;
    }

    /**
     * One Adam step on the posterior-weighted cross-entropy: the gradient from {@link FusedRnnPass}
     * (reusing the forward pass of the last {@link #logits} call on x when the parameters are
     * unchanged) written into the graph's gradient array, then DL4J's own updater (gradient
     * division by B, per-layer L2 clipping, Adam) applied as {@code ComputationGraph.fit} would.
     * Given the same gradient the update is bit-identical to DL4J's ({@code FusedRnnPassTest}).
     *
     * @param x      [B][I][T] input
     * @param labels [B][2K][T] label weights
     */
    void step(INDArray x, double[] labels) {
        double[] g = pass(x).gradient(parameters(), labels);
        applyGradient(g, (int) x.size(0));
    }

    /**
     * Applies DL4J's updater to a gradient (summed over the batch) and steps the parameters.
     *
     * @param g     gradient in the flat parameter order
     * @param batch B, the minibatch size the updater divides by
     */
    void applyGradient(double[] g, int batch) {
        Gradient gradient = gradientViews();
        INDArray view = gradient.gradient();
        view.assign(Nd4j.create(g, view.shape(), 'c'));
        ComputationGraphConfiguration conf = graph.getConfiguration();
        int iteration = conf.getIterationCount();
        // the updater turns the gradient view into the update in place (clipping, Adam)
        graph.getUpdater().update(gradient, iteration, conf.getEpochCount(), batch, workspaces);
        graph.params().subi(gradient.gradient());
        conf.setIterationCount(iteration + 1);
    }

    /**
     * DL4J's gradient object for this graph: per-parameter views into the graph's gradient array,
     * in the order the updater's per-layer clipping reads them. Taken from one DL4J
     * backpropagation (on a one-step zero input), so it is exactly the structure DL4J builds.
     */
    private Gradient gradientViews() {
        if (gradientViews == null) {
            graph.setInputs(Nd4j.zeros(DataType.DOUBLE, 1, nIn, 1));
            graph.setLabels(Nd4j.zeros(DataType.DOUBLE, 1, 2L * heads, 1));
            graph.computeGradientAndScore(workspaces);
            Gradient g = graph.gradient();
            graph.clearLayersStates();
            if (g.gradient().length() != graph.numParams()) {
                throw new IllegalStateException("DL4J's flat gradient has " + g.gradient().length() + " values, expected "
                        + graph.numParams());
            }
            gradientViews = g;
        }
        return gradientViews;
    }

    /**
     * The gradient {@link #step} applies, without an update (for checks), from {@link FusedRnnPass}:
     * the posterior-weighted cross-entropy's gradient divided by B.
     *
     * @param x      [B][I][T] input
     * @param labels [B][2K][T] label weights
     * @return the gradient in DL4J's flat parameter order
     */
    double[] fusedGradient(INDArray x, double[] labels) {
        double[] g = pass(x).gradient(parameters(), labels);
        for (int i = 0; i < g.length; i++) {
            g[i] /= x.size(0);
        }
        return g;
    }

    /**
     * DL4J's own gradient of the posterior-weighted cross-entropy through the graph, divided by
     * the minibatch size B as DL4J's updater does before clipping and Adam (the reference
     * {@link #fusedGradient} is checked against).
     *
     * @param x      [B][I][T] input
     * @param labels [B][2K][T] label weights
     * @return the gradient in DL4J's flat parameter order
     */
    double[] gradient(INDArray x, double[] labels) {
        INDArray y = Nd4j.create(labels, new long[] {x.size(0), 2L * heads, x.size(2)}, 'c');
        graph.setInputs(x);
        graph.setLabels(y);
        graph.computeGradientAndScore(workspaces);
        double[] g = graph.gradient().gradient().dup('c').data().asDouble();
        graph.clearLayersStates();
        for (int i = 0; i < g.length; i++) {
            g[i] /= x.size(0);
        }
        return g;
    }

    /**
     * Starts head k at p(choice = 1) = {@code choice1[k]} whatever the GRU state: its logits'
     * bias is (0, logit p_k) and its weights are the current ones times {@code weightScale}.
     *
     * @param choice1     [K] probabilities in (0, 1)
     * @param weightScale factor on the heads' current weights
     */
    void initialiseHeads(double[] choice1, double weightScale) {
        Layer layer = graph.getLayer(OUTPUT);
        INDArray w = layer.getParam("W");
        w.muli(weightScale);
        INDArray b = layer.getParam("b");
        for (int k = 0; k < heads; k++) {
            b.putScalar(2L * k, 0.0);
            b.putScalar(2L * k + 1, Math.log(choice1[k] / (1 - choice1[k])));
        }
    }

    /** @return a copy of all parameters in DL4J's flat order */
    double[] parameters() {
        return graph.params().dup('c').data().asDouble();
    }

    /**
     * Overwrites all parameters.
     *
     * @param values parameters in DL4J's flat order
     */
    void setParameters(double[] values) {
        if (values.length != graph.numParams()) {
            throw new IllegalArgumentException("expected " + graph.numParams() + " parameters, got " + values.length);
        }
        graph.setParams(Nd4j.create(values, new long[] {1, values.length}, 'c'));
    }
}
