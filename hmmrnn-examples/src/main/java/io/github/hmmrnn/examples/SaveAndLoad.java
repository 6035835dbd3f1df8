package io.github.hmmrnn.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/**
 * Save a fitted model and load it back: the predictions are identical.
 *
 * <p>Run: {@code java -cp hmmrnn-examples/target/hmmrnn-examples-*-all.jar io.github.hmmrnn.examples.SaveAndLoad}
 */
public final class SaveAndLoad {

    private SaveAndLoad() {
    }

    /**
     * @param args unused
     * @throws Exception if the temporary file cannot be created
     */
    public static void main(String[] args) throws Exception {
        TwoStepDataset data = TwoStepGenerator.builder().sequences(8).trials(200).seed(1).build().generate();
        FittedHmmMoa fit = HmmMoaModel.builder().states(2).agents(AgentPreset.HMMRNN_ORIGINAL).seed(1).build().fit(data);

        Path file = Files.createTempFile("hmmmoa", ".json");
        fit.save(file);
        FittedHmmMoa loaded = FittedHmmMoa.load(file);

        boolean same = true;
        for (int i = 0; i < data.numSessions(); i++) {
            same &= Arrays.equals(fit.predictChoiceProbabilities(data).get(i), loaded.predictChoiceProbabilities(data).get(i));
        }
        System.out.println("saved to " + file + "; identical predictions after loading: " + same);
    }
}
