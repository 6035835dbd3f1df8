package io.github.hmmrnn.moa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.Mutations;
import io.github.hmmrnn.moa.neural.FittedHmmTinyMoa;
import io.github.hmmrnn.moa.neural.HmmTinyMoaModel;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzing of the agent-model files: 10,000 mutations each of a saved HMM-MoA and a saved
 * HMM-TinyMoA must load or fail with an {@link IllegalArgumentException} naming the file — never
 * a {@code NullPointerException} or a parser's exception.
 */
class ModelFileFuzzTest {

    private static final Path DIR;
    private static final byte[] MOA;
    private static final byte[] TINY_MOA;

    static {
        try {
            DIR = Mutations.scratchFolder("hmmrnn-moa-fuzz");
            TwoStepDataset data = TwoStepGenerator.builder().sequences(3).trials(40).seed(3).build().generate();
            HmmMoaModel.builder().states(2).agents(AgentPreset.HMMRNN_ORIGINAL).starts(1).maxIterations(3).seed(1).build()
                    .fit(data).save(DIR.resolve("moa.json"));
            FittedHmmTinyMoa tiny = HmmTinyMoaModel.builder().states(2).hiddenSize(1).maxEpochs(1).seed(1).build()
                    .fit(data.selectSessions(List.of(0, 1)), data.selectSessions(List.of(2)));
            tiny.save(DIR.resolve("tinymoa.json"));
            MOA = Files.readAllBytes(DIR.resolve("moa.json"));
            TINY_MOA = Files.readAllBytes(DIR.resolve("tinymoa.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<List<Mutations.Mutation>> mutations() {
        return Mutations.mutations();
    }

    @Property(tries = 10_000, seed = "19")
    void hmmMoa(@ForAll("mutations") List<Mutations.Mutation> m) {
        Mutations.readOrRejectNamingTheFile(DIR.resolve("fuzz-moa.json"), Mutations.apply(MOA, m), FittedHmmMoa::load);
    }

    @Property(tries = 10_000, seed = "19")
    void hmmTinyMoa(@ForAll("mutations") List<Mutations.Mutation> m) {
        Mutations.readOrRejectNamingTheFile(DIR.resolve("fuzz-tinymoa.json"), Mutations.apply(TINY_MOA, m),
                FittedHmmTinyMoa::load);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        Mutations.delete(DIR);
    }
}
