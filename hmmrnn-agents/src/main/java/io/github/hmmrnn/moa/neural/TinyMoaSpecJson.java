package io.github.hmmrnn.moa.neural;

import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.AgentJson;
import io.github.hmmrnn.model.ModelSpecs;
import java.util.Objects;

/**
 * The settings {@link TinyMoaRnnModel} and {@link HmmTinyMoaModel} share, as one value with its
 * JSON form and value equality.
 */
final class TinyMoaSpecJson {

    private TinyMoaSpecJson() {
    }

    /**
     * The shared settings.
     *
     * @param hiddenSize   GRU units
     * @param agents       the agents, in gate order
     * @param learningRate Adam learning rate
     * @param maxEpochs    maximum epochs
     * @param patience     early-stopping patience
     * @param batchSize    sessions per Adam step
     * @param seed         root seed
     */
    record Shared(int hiddenSize, List<Agent> agents, double learningRate, int maxEpochs, int patience,
                  int batchSize, long seed) {

        Shared {
            agents = List.copyOf(agents);
        }

        static Shared of(TinyMoaBuilderBase<?> b) {
            return new Shared(b.hiddenSize, b.agents, b.learningRate, b.maxEpochs, b.patience, b.batchSize, b.seed);
        }

        void write(ObjectNode n) {
            n.put("hiddenSize", hiddenSize);
            AgentJson.writeNamed(n.putArray("agents"), agents);
            n.put("learningRate", learningRate);
            n.put("maxEpochs", maxEpochs);
            n.put("patience", patience);
            n.put("batchSize", batchSize);
            n.put("seed", seed);
        }

        static <B extends TinyMoaBuilderBase<B>> B read(JsonNode n, B b) {
            return b.hiddenSize(ModelSpecs.requiredInt(n, "hiddenSize"))
                    .agents(AgentJson.readNamed(ModelSpecs.required(n, "agents")))
                    .learningRate(ModelSpecs.requiredDouble(n, "learningRate"))
                    .maxEpochs(ModelSpecs.requiredInt(n, "maxEpochs"))
                    .patience(ModelSpecs.requiredInt(n, "patience"))
                    .batchSize(ModelSpecs.requiredInt(n, "batchSize"))
                    .seed(ModelSpecs.requiredLong(n, "seed"));
        }

        boolean sameAs(Shared o) {
            return hiddenSize == o.hiddenSize && agents.size() == o.agents.size()
                    && IntStream.range(0, agents.size())
                            .allMatch(i -> AgentJson.describe(agents.get(i)).equals(AgentJson.describe(o.agents.get(i))))
                    && Double.compare(learningRate, o.learningRate) == 0 && maxEpochs == o.maxEpochs
                    && patience == o.patience && batchSize == o.batchSize && seed == o.seed;
        }

        int hash() {
            return Objects.hash(hiddenSize, agents.stream().map(Agent::name).toList(), learningRate,
                    maxEpochs, patience, batchSize, seed);
        }
    }
}
