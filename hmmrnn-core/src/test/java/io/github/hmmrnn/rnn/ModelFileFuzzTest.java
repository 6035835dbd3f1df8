package io.github.hmmrnn.rnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.Mutations;
import io.github.hmmrnn.model.BiasHmmModel;
import io.github.hmmrnn.model.FittedBiasHmm;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzing of the core model files: 10,000 mutations each of a saved HMM-TinyRNN and a saved
 * bias-only HMM must load or fail with an {@link IllegalArgumentException} naming the file.
 */
class ModelFileFuzzTest {

    private static final Path DIR;
    private static final byte[] RNN;
    private static final byte[] BIAS;

    static {
        try {
            DIR = Mutations.scratchFolder("hmmrnn-model-fuzz");
            TwoStepDataset data = TwoStepGenerator.builder().sequences(3).trials(40).seed(3).build().generate();
            FittedHmmTinyRnn rnn = HmmTinyRnnModel.builder().states(2).hiddenSize(1).maxEpochs(1).seed(1).build()
                    .fit(data.selectSessions(List.of(0, 1)), data.selectSessions(List.of(2)));
            rnn.save(DIR.resolve("rnn.json"));
            BiasHmmModel.builder().states(2).build().fit(data).save(DIR.resolve("bias.json"));
            RNN = Files.readAllBytes(DIR.resolve("rnn.json"));
            BIAS = Files.readAllBytes(DIR.resolve("bias.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<List<Mutations.Mutation>> mutations() {
        return Mutations.mutations();
    }

    @Property(tries = 10_000, seed = "17")
    void hmmTinyRnn(@ForAll("mutations") List<Mutations.Mutation> m) {
        Mutations.readOrRejectNamingTheFile(DIR.resolve("fuzz-rnn.json"), Mutations.apply(RNN, m), f -> {
            try {
                return RnnModelFile.load(f, FittedHmmTinyRnn.TYPE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Property(tries = 10_000, seed = "17")
    void biasHmm(@ForAll("mutations") List<Mutations.Mutation> m) {
        Mutations.readOrRejectNamingTheFile(DIR.resolve("fuzz-bias.json"), Mutations.apply(BIAS, m),
                FittedBiasHmm::load);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        Mutations.delete(DIR);
    }
}
