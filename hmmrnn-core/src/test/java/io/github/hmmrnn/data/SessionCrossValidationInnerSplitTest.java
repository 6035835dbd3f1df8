package io.github.hmmrnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.hmmrnn.model.FittedChoiceModel;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.TrainingHistory;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/** What {@link SessionCrossValidation} hands a model for early stopping under each {@link InnerValidation}. */
class SessionCrossValidationInnerSplitTest {

    private record Call(TwoStepDataset train, TwoStepDataset validation) {
    }

    private static List<Call> run(InnerValidation inner, TwoStepDataset data) {
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        ModelSpec<FittedChoiceModel> recorder = new ModelSpec<>() {
            @Override
            public String family() {
                return "recorder";
            }

            @Override
            public String name() {
                return "recorder";
            }

            @Override
            public boolean earlyStops() {
                return true;
            }

            @Override
            public long seed() {
                return 0;
            }

            @Override
            public int starts() {
                return 1;
            }

            @Override
            public String toJson() {
                return "{\"family\":\"recorder\"}";
            }

            @Override
            public FittedChoiceModel fit(TwoStepDataset train, TwoStepDataset validation) {
                calls.add(new Call(train, validation));
                return new FittedChoiceModel() {
                    @Override
                    public String name() {
                        return "half";
                    }

                    @Override
                    public List<double[]> predictChoiceProbabilities(TwoStepDataset d) {
                        return d.sessions().stream().map(s -> {
                            double[] p = new double[s.length()];
                            Arrays.fill(p, 0.5);
                            return p;
                        }).toList();
                    }

                    @Override
                    public TrainingHistory history() {
                        return new TrainingHistory(List.of(), true, 0);
                    }
                };
            }
        };
        SessionCrossValidation.run(data, recorder, 3, SplitMethod.STRIDE, 0, 1, inner);
        return calls;
    }

    @Test
    void segments_holdOutShortPiecesOfEveryTrainingSessionPool() {
        TwoStepDataset data = TwoStepGenerator.builder().sequences(6).trials(400).seed(2).build().generate();
        List<Call> calls = run(InnerValidation.SEGMENTS, data);
        assertEquals(3, calls.size());
        for (Call c : calls) {
            // 4 training sessions of 400 trials: 12 segments of 150/150/100, every 7th held out
            int trials = c.train().numTrials() + c.validation().numTrials();
            assertEquals(1600, trials);
            // segments 3 and 10 (counted from 0 through the fold's sessions): 150 trials each
            assertEquals(2, c.validation().numSessions());
            assertEquals(300, c.validation().numTrials());
            for (Session s : c.validation().sessions()) {
                assertTrue(s.length() <= SessionFolds.INNER_VALIDATION_SEGMENT_LENGTH, "segment of " + s.length());
            }
        }
    }

    @Test
    void sessions_holdOutWholeSessions() {
        TwoStepDataset data = TwoStepGenerator.builder().sequences(6).trials(400).seed(2).build().generate();
        for (Call c : run(InnerValidation.SESSIONS, data)) {
            assertEquals(3, c.train().numSessions());
            assertEquals(1, c.validation().numSessions());
            assertEquals(400, c.validation().sessions().get(0).length());
        }
    }
}
