package io.github.hmmrnn.examples;

import java.nio.file.Path;

import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.MatTwoStepReader;
import io.github.hmmrnn.report.CrossValidation;
import io.github.hmmrnn.report.FitSettings;
import io.github.hmmrnn.report.ModelKind;
import io.github.hmmrnn.rnn.InputEncoding;

/**
 * Cross-validate a 1-state and a 2-state HMM-MoA and a 2-unit tiny GRU on one rat, with the same
 * session folds for every model.
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
        FitSettings settings = new FitSettings("venditto2023", 1, 300, 0.01, 1000, 100,
                InputEncoding.TRIAL_TYPE_ONE_HOT, 1, 1, io.github.hmmrnn.model.ChainEvidence.CHOICES);

        for (var fitter : new io.github.hmmrnn.report.ModelFitter[] {settings.fitter(ModelKind.MOA, 1, 0),
            settings.fitter(ModelKind.MOA, 2, 0), settings.fitter(ModelKind.TINYRNN, 1, 2)}) {
            CrossValidation.Result r = CrossValidation.run(rat, fitter, 3, SplitMethod.STRIDE, 1, 2);
            System.out.printf("%-12s held-out NLL %.4f, normalised likelihood %.4f%n", r.model(), r.testNll(),
                    r.testNormalizedLikelihood());
        }
    }
}
