package io.github.hmmrnn.experiment;

import io.github.hmmrnn.moa.HmmMoaModel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.model.ChainEvidence;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/**
 * The synthetic benchmark fits its models on several workers with exactly the results of one
 * worker: the same evaluations, in specification order, bit for bit.
 */
class SyntheticBenchmarkTest {

    private static List<ModelSpec<?>> specs() {
        FitSettings s = new FitSettings("miller2017", 1, 5, OptionalDouble.empty(), 4, 2, Optional.empty(), 5, 2,
                ChainEvidence.CHOICES, 0, HmmMoaModel.RECOMMENDED_LOCAL_SEARCH_ROUNDS);
        return List.of(s.spec(ModelKind.TINYRNN, 1, 2), s.spec(ModelKind.MOA, 2, 0),
                s.withChainEvidence(ChainEvidence.CHOICES_AND_OUTCOMES).spec(ModelKind.HMM_TINYRNN, 2, 2));
    }

    @Test
    void run_threeWorkers_sameResultsAsOneInSpecOrder() {
        TwoStepGenerator train = TwoStepGenerator.builder().sequences(4).trials(40).seed(1).build();
        TwoStepGenerator test = TwoStepGenerator.builder().sequences(4).trials(40).seed(2).build();
        SyntheticRun one = SyntheticBenchmark.run(train, test, specs(), 1, null);
        SyntheticRun three = SyntheticBenchmark.run(train, test, specs(), 3, null);
        assertEquals(List.copyOf(one.fitted().keySet()), List.copyOf(three.fitted().keySet()));
        assertEquals(one.evaluations().size(), three.evaluations().size());
        for (int i = 0; i < one.evaluations().size(); i++) {
            SplitEvaluation a = one.evaluations().get(i);
            SplitEvaluation b = three.evaluations().get(i);
            String what = a.model() + " " + a.split();
            assertEquals(a.model(), b.model());
            assertEquals(a.split(), b.split());
            assertEquals(a.score(), b.score(), what);
            assertEquals(a.phaseAccuracy(), b.phaseAccuracy(), what);
            for (int s = 0; s < a.choiceProb1().size(); s++) {
                assertArrayEquals(a.choiceProb1().get(s), b.choiceProb1().get(s), 0.0, what);
            }
        }
    }

    @Test
    void run_badWorkersOrRepeatedLabel_rejectedBeforeAnyFit() {
        TwoStepGenerator train = TwoStepGenerator.builder().sequences(2).trials(20).seed(1).build();
        TwoStepGenerator test = TwoStepGenerator.builder().sequences(2).trials(20).seed(2).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticBenchmark.run(train, test, specs(), 0, null));
        assertEquals("workers must be >= 1, got 0", e.getMessage());
        List<ModelSpec<?>> twice = List.of(specs().get(1), specs().get(1));
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticBenchmark.run(train, test, twice, 2, null));
        assertEquals("model label 'HmmMoa-K2' is used twice", e.getMessage());
    }
}
