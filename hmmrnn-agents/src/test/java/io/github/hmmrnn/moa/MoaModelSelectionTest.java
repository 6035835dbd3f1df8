package io.github.hmmrnn.moa;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.moa.MoaModelSelection.AblationDelta;
import io.github.hmmrnn.moa.MoaModelSelection.CrossValidation;
import io.github.hmmrnn.moa.MoaModelSelection.Fold;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MoaModelSelectionTest {

    @Test
    void ablationDeltas_sumFoldDifferences_withTheStandardErrorOfTheSum() {
        CrossValidation full = new CrossValidation("all agents", List.of(new Fold(0, -50, 100, -60, 100),
                new Fold(1, -55, 100, -58, 90), new Fold(2, -52, 100, -61, 110)));
        CrossValidation without = new CrossValidation("without X", List.of(new Fold(0, -51, 100, -63, 100),
                new Fold(1, -56, 100, -58.5, 90), new Fold(2, -53, 100, -66.5, 110)));
        AblationDelta d = MoaModelSelection.ablationDeltas(List.of(full, without)).get(0);
        // per-fold differences -3, -0.5, -5.5: sum -9, mean -3, sample variance 6.25
        assertEquals(-9.0, d.deltaLogLik(), 1e-12);
        assertEquals(Math.sqrt(3 * 6.25), d.standardError(), 1e-12);
        assertEquals(-9.0 / 300, d.deltaPerTrial(), 1e-12);
        assertEquals(Math.exp(-188.0 / 300) - Math.exp(-179.0 / 300), d.deltaNormalizedLikelihood(), 1e-12);
        assertEquals("without X", d.label());
        CrossValidation otherFolds = new CrossValidation("without Y", List.of(new Fold(0, -1, 100, -1, 99),
                new Fold(1, -1, 100, -1, 90), new Fold(2, -1, 100, -1, 110)));
        assertThrows(IllegalArgumentException.class, () -> MoaModelSelection.ablationDeltas(List.of(full, otherFolds)));
        assertThrows(IllegalArgumentException.class, () -> MoaModelSelection.ablationDeltas(List.of(full)));
    }

    @Test
    void agentAblation_removingTheAgentThatDrivesChoices_costsHeldOutLikelihood() {
        List<Agent> agents = List.of(Agents.mbRewardB().withParameter("alpha", 0.5, true), Agents.bias());
        FittedHmmMoa truth = FittedHmmMoa.of(agents, new double[][] {{2.5, 1.0}, {0.0, 0.5}}, new double[] {0.5, 0.5},
                new double[][] {{0.97, 0.03}, {0.03, 0.97}});
        TwoStepDataset data = MoaSimulator.simulate(truth, 6, 150, TwoStepTask.DEFAULT, 4);
        HmmMoaModel spec = HmmMoaModel.builder().states(2).agents(agents).starts(1).seed(1).build();
        List<CrossValidation> ablation = MoaModelSelection.agentAblation(spec, data, 3, SplitMethod.STRIDE, 1);
        assertEquals(List.of("all agents", "without MBrewardB", "without Bias"),
                ablation.stream().map(CrossValidation::label).toList());
        AblationDelta noMb = MoaModelSelection.ablationDeltas(ablation).get(0);
        assertTrue(noMb.deltaLogLik() < -3 * noMb.standardError() && noMb.deltaLogLik() < -20,
                "removing the model-based agent: " + noMb);
    }
}
