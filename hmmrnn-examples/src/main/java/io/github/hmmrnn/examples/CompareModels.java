package io.github.hmmrnn.examples;

import java.nio.file.Path;
import java.util.List;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.SessionCrossValidation;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.MatTwoStepReader;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.rnn.InputEncoding;
import io.github.hmmrnn.rnn.TinyRnnModel;

/**
 * Cross-validate a 1-state and a 2-state HMM-MoA and a 2-unit tiny GRU on one rat, with the same
 * session folds for every model: every specification goes through the one {@link ModelSpec}
 * contract.
 *
 * <p>Run from the repository root: {@code java -cp hmmrnn-examples/target/hmmrnn-examples-*-all.jar
 * io.github.hmmrnn.examples.CompareModels}
 */
public final class CompareModels {

    private CompareModels() {
    }

    /**
     * @param args data file (default {@code ../shared/data/ofc_physdata.mat}) and rat (default M071)
     */
    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/ofc_physdata.mat");
        TwoStepDataset rat = MatTwoStepReader.read(file).forSubject(args.length > 1 ? args[1] : "M071");
        HmmMoaModel moa = HmmMoaModel.builder().states(1).agents(AgentPreset.VENDITTO2023).seed(1).build();
        List<ModelSpec<?>> specs = List.of(moa, moa.toBuilder().states(2).build(),
                TinyRnnModel.builder().hiddenSize(2).inputEncoding(InputEncoding.TRIAL_TYPE_ONE_HOT).learningRate(0.01)
                        .maxEpochs(1000).patience(100).seed(1).build());
        for (ModelSpec<?> spec : specs) {
            SessionCrossValidation.Result r = SessionCrossValidation.run(rat, spec, 3, SplitMethod.STRIDE, 1, 2,
                    InnerValidation.SESSIONS);
            System.out.printf("%-12s held-out NLL %.4f, normalised likelihood %.4f%n", r.model(), r.testNll(),
                    r.testNormalizedLikelihood());
        }
    }
}
