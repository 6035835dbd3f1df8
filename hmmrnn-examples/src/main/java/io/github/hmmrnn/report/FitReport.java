package io.github.hmmrnn.report;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.SessionInference;
import io.github.hmmrnn.model.StateInference;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.MoaModelFile;

/**
 * The {@code fit.json} report of an HMM-MoA fit: the saved model ({@link MoaModelFile}, so
 * {@link FittedHmmMoa#load} reads the report back as the model), the data it describes and, per
 * trial, p(choice = 1 | trials &lt; t) and the predicted and smoothed state probabilities. Inference
 * runs once ({@link FittedHmmMoa#infer}).
 *
 * <p>Fields added to the model's: {@code data} (file, subjects, sessions, trials, scored trials),
 * {@code dataLogLikelihood} (the log-likelihood of what the chain emits, joint with outcomes when
 * it emits them), {@code dataChoiceLogLikelihood} (the causal choice score),
 * {@code dataNormalizedLikelihood} (exp of the latter per scored trial) and {@code trials}.
 */
public final class FitReport {

    private FitReport() {
    }

    /**
     * Builds the report.
     *
     * @param model      the fit
     * @param data       the data the predictions are made on (usually the training data)
     * @param sourceFile where the data came from (file path, or a description), may be null
     * @return the JSON tree
     */
    public static ObjectNode fitJson(FittedHmmMoa model, TwoStepDataset data, String sourceFile) {
        ObjectNode root = MoaModelFile.toJson(model);
        ObjectNode d = root.putObject("data");
        d.put("file", sourceFile);
        ArrayNode subs = d.putArray("subjects");
        for (Subject s : data.subjects()) {
            ObjectNode sn = subs.addObject();
            sn.put("name", s.name());
            sn.put("pCongruent", s.pCongruent());
            sn.put("rawTrials", s.rawTrials());
        }
        d.put("sessions", data.numSessions());
        d.put("trials", data.numTrials());
        d.put("scoredTrials", data.numScored());
        StateInference inference = model.infer(data);
        double cll = inference.choiceLogLikelihood();
        root.put("dataLogLikelihood", inference.logLikelihood());
        root.put("dataChoiceLogLikelihood", cll);
        root.put("dataNormalizedLikelihood", Math.exp(cll / Math.max(1, data.numScored())));
        root.set("trials", trials(data, inference));
        return root;
    }

    /** One object per trial of every session: the data, the causal prediction and the states. */
    private static ArrayNode trials(TwoStepDataset data, StateInference inference) {
        ArrayNode trials = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < data.numSessions(); i++) {
            Session s = data.sessions().get(i);
            SessionInference inf = inference.session(i);
            double[] probs = inf.choiceProbabilities();
            double[][] pred = inf.predictedStates();
            double[][] smooth = inf.smoothedStates();
            for (int t = 0; t < s.length(); t++) {
                ObjectNode tn = trials.addObject();
                tn.put("subject", s.subject());
                tn.put("session", s.index());
                tn.put("trial", t);
                tn.put("choice", s.choice(t));
                tn.put("reward", s.reward(t));
                tn.put("common", s.common(t));
                tn.put("scored", s.scored(t));
                tn.put("pChoice1", probs[t]);
                ArrayNode pp = tn.putArray("predictedState");
                for (double v : pred[t]) {
                    pp.add(v);
                }
                ArrayNode sp = tn.putArray("smoothedState");
                for (double v : smooth[t]) {
                    sp.add(v);
                }
                if (s.hasPhases()) {
                    tn.put("phase", s.phase(t));
                }
            }
        }
        return trials;
    }

    /**
     * Writes the report ({@link #fitJson}).
     *
     * @param file       destination
     * @param model      the fit
     * @param data       the data the predictions are made on (usually the training data)
     * @param sourceFile where the data came from (file path, or a description), may be null
     * @throws java.io.UncheckedIOException if writing fails
     */
    public static void write(Path file, FittedHmmMoa model, TwoStepDataset data, String sourceFile) {
        MoaModelFile.write(file, fitJson(model, data, sourceFile));
    }
}
