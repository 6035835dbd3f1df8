package io.github.hmmrnn.rnn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GRU of every tiny recurrent model as a DL4J {@link ComputationGraph}: input "trials"
 * [B][I][T] → {@link FusedGruLayer} "gru" [B][H][T], double precision, PyTorch's GRU
 * initialisation U(−1/√H, 1/√H).
 *
 * <p>TinyRNN and HMM-TinyRNN build the same two vertices ({@link #addGru}) and put their heads
 * layer on top. Models whose heads are not a DL4J layer (the gated agent mixtures of
 * hmmrnn-agents) use an instance of this class alone: {@link #forward} gives the hidden states,
 * the model computes its heads and their gradient itself, and {@link #backward} back-propagates
 * dLoss/dh through the graph as an external error. Parameters and gradients cross this class as
 * {@code double[]} in DL4J's flat order ({@link FusedGruParamInitializer}); INDArrays stay inside.
 *
 * <p>Mutable (the graph keeps the last forward pass) and not thread-safe: one instance per
 * thread.
 */
public final class GruGraph {

    /** Name of the input vertex. */
    static final String INPUT = "trials";
    /** Name of the GRU layer vertex. */
    static final String GRU = "gru";

    private final ComputationGraph graph;
    private final int inputWidth;
    private final int hiddenSize;

    /**
     * Creates a GRU with freshly initialised parameters.
     *
     * @param inputWidth I, input values per step, at least 1
     * @param hiddenSize H, GRU units, at least 1
     * @param seed       seed of the parameter initialisation
     * @throws IllegalArgumentException if a size is below 1
     */
    public GruGraph(int inputWidth, int hiddenSize, long seed) {
        if (inputWidth < 1 || hiddenSize < 1) {
            throw new IllegalArgumentException("inputWidth and hiddenSize must be >= 1, got " + inputWidth + " and "
                    + hiddenSize);
        }
        this.inputWidth = inputWidth;
        this.hiddenSize = hiddenSize;
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .trainingWorkspaceMode(WorkspaceMode.NONE)
                .inferenceWorkspaceMode(WorkspaceMode.NONE)
                .graphBuilder();
        this.graph = new ComputationGraph(addGru(b, inputWidth, hiddenSize).setOutputs(GRU).build());
        graph.init();
        // DL4J allocates the gradient view lazily on its own fit path, which this class bypasses
        graph.initGradientsView();
    }

    /**
     * Adds the input vertex {@value #INPUT} and the GRU layer {@value #GRU} (reading it) to a graph.
     *
     * @param b      the graph under construction
     * @param nIn    input width I
     * @param hidden GRU units H
     * @return b
     */
    static ComputationGraphConfiguration.GraphBuilder addGru(ComputationGraphConfiguration.GraphBuilder b, int nIn,
                                                             int hidden) {
        double bound = 1.0 / Math.sqrt(hidden);
        return b.addInputs(INPUT)
                .setInputTypes(InputType.recurrent(nIn))
                .addLayer(GRU, new FusedGruLayer.Builder().nIn(nIn).nOut(hidden)
                        .weightInit(new WeightInitDistribution(new UniformDistribution(-bound, bound)))
                        .build(), INPUT);
    }

    /** @return I, input values per step */
    public int inputWidth() {
        return inputWidth;
    }

    /** @return H, GRU units */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** @return the number of GRU parameters */
    public int numParams() {
        return (int) graph.numParams();
    }

    /** @return a copy of the parameters in DL4J's flat order */
    public double[] parameters() {
        return graph.params().dup('c').data().asDouble();
    }

    /**
     * Overwrites the parameters.
     *
     * @param values parameters in DL4J's flat order, length {@link #numParams()}
     * @throws IllegalArgumentException if the length differs
     */
    public void setParameters(double[] values) {
        if (values.length != numParams()) {
            throw new IllegalArgumentException("expected " + numParams() + " GRU parameters, got " + values.length);
        }
        graph.params().assign(Nd4j.create(values, new long[] {1, values.length}, 'c'));
    }

    /**
     * Training-mode forward pass, kept for the next {@link #backward}.
     *
     * @param x     [B][I][T] inputs, row-major
     * @param batch B, at least 1
     * @param steps T, at least 1
     * @return [B][H][T] hidden states, row-major; h at step t has read inputs 0..t
     * @throws IllegalArgumentException if x is not B·I·T long
     */
    public double[] forward(double[] x, int batch, int steps) {
        checkLength("x", x, (long) batch * inputWidth * steps);
        INDArray in = Nd4j.create(x, new long[] {batch, inputWidth, steps}, 'c');
        return graph.feedForward(new INDArray[] {in}, true, false).get(GRU).dup('c').data().asDouble();
    }

    /**
     * Back-propagates dLoss/dh through the last {@link #forward} call.
     *
     * @param dh    [B][H][T] dLoss/dh, row-major
     * @param batch B of that call
     * @param steps T of that call
     * @return dLoss/dparameters in {@link #parameters()} order
     * @throws IllegalArgumentException if dh is not B·H·T long
     */
    public double[] backward(double[] dh, int batch, int steps) {
        checkLength("dh", dh, (long) batch * hiddenSize * steps);
        graph.backpropGradient(Nd4j.create(dh, new long[] {batch, hiddenSize, steps}, 'c'));
        return graph.getGradientsViewArray().dup('c').data().asDouble();
    }

    private static void checkLength(String name, double[] a, long expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " must have " + expected + " values, got " + a.length);
        }
    }
}
