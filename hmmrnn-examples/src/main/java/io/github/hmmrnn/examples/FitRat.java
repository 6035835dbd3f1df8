package io.github.hmmrnn.examples;

import java.nio.file.Path;
import java.util.Arrays;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.MatTwoStepReader;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.report.FitReport;

/**
 * Fit the 3-state HMM-MoA of Venditto et al. to one rat of the Miller two-step dataset and write
 * its {@code fit.json}.
 *
 * <p>Run from the repository root: {@code java -cp hmmrnn-examples/target/hmmrnn-examples-*-all.jar
 * io.github.hmmrnn.examples.FitRat ../shared/data/ofc_physdata.mat M055}
 */
public final class FitRat {

    private FitRat() {
    }

    /**
     * @param args data file (default {@code ../shared/data/ofc_physdata.mat}) and rat (default M055)
     */
    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/ofc_physdata.mat");
        TwoStepDataset rat = MatTwoStepReader.read(file).forSubject(args.length > 1 ? args[1] : "M055");

        FittedHmmMoa fit = HmmMoaModel.builder().states(3).agents(AgentPreset.VENDITTO2023).starts(2).seed(1)
                .build().fit(rat);

        System.out.println("agents " + fit.agentNames());
        System.out.println("beta [agent][state] " + Arrays.deepToString(fit.weights()));
        System.out.println("learning rates " + fit.learningRates());
        System.out.printf("normalised likelihood %.4f%n", fit.normalizedLikelihood());
        FitReport.write(Path.of("fit.json"), fit.withProvenance(fit.provenance().withDataFile(file)), rat,
                file.toString());
    }
}
