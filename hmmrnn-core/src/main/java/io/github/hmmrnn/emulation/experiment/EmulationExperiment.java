package io.github.hmmrnn.emulation.experiment;

import io.github.hmmrnn.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.hmmrnn.emulation.EmulationHmm;
import io.github.hmmrnn.emulation.HmmPreset;
import io.github.hmmrnn.emulation.LossKind;
import io.github.hmmrnn.emulation.SinkhornOptions;
import io.github.hmmrnn.emulation.analysis.Ablation;
import io.github.hmmrnn.emulation.analysis.DensityContour;
import io.github.hmmrnn.emulation.analysis.FixedPoint;
import io.github.hmmrnn.emulation.analysis.FixedPointFinder;
import io.github.hmmrnn.emulation.analysis.NeuronCriterion;
import io.github.hmmrnn.emulation.analysis.NoiseSensitivity;
import io.github.hmmrnn.emulation.analysis.PrincipalComponents;
import io.github.hmmrnn.emulation.analysis.ResidencyTimes;
import io.github.hmmrnn.emulation.analysis.SequenceMatching;
import io.github.hmmrnn.emulation.analysis.SequenceStatistics;
import io.github.hmmrnn.emulation.analysis.TransitionEstimate;
import io.github.hmmrnn.emulation.rnn.EmulatorModelFile;
import io.github.hmmrnn.emulation.rnn.EmulatorTrainer;
import io.github.hmmrnn.emulation.rnn.EmulatorWeights;
import io.github.hmmrnn.emulation.rnn.GenerationMode;
import io.github.hmmrnn.emulation.rnn.RnnEmulator;
import io.github.hmmrnn.emulation.rnn.TrainingOptions;
import io.github.hmmrnn.emulation.rnn.TrainingResult;
import java.util.Arrays;

/**
 * Runs one emulation experiment end to end: sample HMM data, train, test the outputs, reverse
 * engineer the network, and write {@code config.json}, {@code training_results.json},
 * {@code summary.json} and {@code model.json} into a run folder. Seeds: one root
 * {@link SplittableRandom} split into data, initialisation, training and analysis streams.
 */
public final class EmulationExperiment {

    private static final Logger LOG = LoggerFactory.getLogger(EmulationExperiment.class);
    private static final int MAX_LAG = 10;
    /** Input noise standard deviations of the variance contours (the reference's values). */
    private static final double[] CONTOUR_NOISE = {0.1, 1, 2, 3, 4};
    private static final int CONTOUR_STEPS = 5000;
    /**
     * Generated sequences for the transition matrix measured against the HMM's exact one: 20 000 put the
     * standard error of the middle symbol's row near 0.007 (1000 sequences: about 0.03 on each side).
     */
    private static final int EXACT_EVALUATION_SEQUENCES = 20_000;
    private static final int EXACT_EVALUATION_CHUNK = 1000;

    private EmulationExperiment() {
    }

    /**
     * Runs the experiment.
     *
     * @param config       configuration
     * @param runDirectory folder to write into (created)
     * @param listener     per-epoch callback, or {@code null}
     * @return everything produced
     * @throws UncheckedIOException if files cannot be written
     */
    public static EmulationOutcome run(EmulationConfig config, Path runDirectory,
                                       EmulatorTrainer.EpochListener listener) {
        LOG.info("emulation run {} -> {}", config, runDirectory);
        HmmPreset preset = config.preset();
        EmulationHmm hmm = preset.hmm();
        int len = config.sequenceLength();
        int k = hmm.numOutputs();
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom dataRng = root.split();
        long initSeed = root.split().nextLong();
        long trainSeed = root.split().nextLong();
        SplittableRandom analysisRng = root.split();

        int third = config.numSequences() / 3;
        int[][] all = hmm.sample(3 * third, len, dataRng).outputs();
        int[][] train = Arrays.copyOfRange(all, 0, third);
        int[][] validation = Arrays.copyOfRange(all, third, 2 * third);
        int[][] test = Arrays.copyOfRange(all, 2 * third, 3 * third);

        RnnEmulator init = RnnEmulator.builder().hiddenSize(config.hiddenSize()).inputSize(config.inputSize())
                .numOutputs(k).temperature(config.temperature())
                .recurrentInitialization(config.recurrentInit(), config.recurrentGain()).seed(initSeed).build();
        TrainingOptions options = new TrainingOptions(config.epochs(), config.batchSize(), config.learningRate(),
                config.finalLearningRate(), 0.9, 0.9, config.temperature(), config.finalTemperature(), config.clipNorm(), true, SinkhornOptions.REFERENCE, trainSeed,
                config.loss(), config.energyWeights(), config.energyWindows(), config.energyBandwidth(),
                config.energySwitchWeight());
        // The floor pairs validation batches with independent HMM batches: the training set is independent of it.
        TrainingResult result = new EmulatorTrainer(options).train(init, train, validation, train, listener);
        RnnEmulator best = result.best();

        int nEval = Math.min(config.evaluationSequences(), third);
        int[][] hmmEval = Arrays.copyOfRange(test, 0, nEval);
        int[][] hmmBaseline = hmm.sample(nEval, len, analysisRng.split()).outputs();
        RnnEmulator.Rollout generated = best.generate(nEval, len, GenerationMode.FULL, analysisRng.split());
        SequenceStatistics hmmStats = SequenceStatistics.of(hmmEval, k, Math.min(MAX_LAG, len - 1));
        SequenceStatistics rnnStats = SequenceStatistics.of(generated.outputs(), k, Math.min(MAX_LAG, len - 1));
        double[] baseDist = SequenceMatching.matchedDistances(hmmEval, hmmBaseline);
        double[] rnnDist = SequenceMatching.matchedDistances(hmmEval, generated.outputs());

        // Reverse engineering on a moderate number of driven states.
        int pcaSeqs = Math.min(200, nEval);
        List<double[]> states = new ArrayList<>();
        for (int s = 0; s < pcaSeqs; s++) {
            for (double[] h : generated.hidden()[s]) {
                states.add(h);
            }
        }
        double[][] stateArray = states.toArray(new double[0][]);
        int comps = Math.min(5, config.hiddenSize());
        PrincipalComponents pca = PrincipalComponents.fit(stateArray, comps);
        RnnEmulator.Rollout longRun = best.generate(1, Math.max(len, 300), GenerationMode.FULL, analysisRng.split());
        double[][] traj = new double[longRun.hidden()[0].length][];
        for (int t = 0; t < traj.length; t++) {
            traj[t] = pad3(pca.project(longRun.hidden()[0][t]));
        }
        double[][] starts = new double[100][];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = stateArray[analysisRng.nextInt(stateArray.length)];
        }
        EmulatorWeights w = best.weights();
        FixedPointFinder finder = new FixedPointFinder(w.recurrentWeights(), new double[w.hiddenSize()], 200, 1e-12);
        List<FixedPoint> fixedPoints = finder.find(starts, 1e-4);
        double[][] rtStates = new double[Math.min(300, stateArray.length)][];
        double[][] rtProjected = new double[rtStates.length][];
        for (int i = 0; i < rtStates.length; i++) {
            rtStates[i] = stateArray[analysisRng.nextInt(stateArray.length)];
            double[] z = pca.project(rtStates[i]);
            rtProjected[i] = new double[] {z[0], z.length > 1 ? z[1] : 0};
        }
        double[] rt = ResidencyTimes.compute(best, rtStates, 10, 60, analysisRng.split());
        double[] gammas = {0, 0.5, 1};
        double[] trace = NoiseSensitivity.covarianceTrace(best, Arrays.copyOf(starts, 20), gammas, 50, 5,
                analysisRng.split());
        int[] kick = Ablation.selectNeurons(generated, NeuronCriterion.SWITCH_ACTIVITY,
                Math.min(3, config.hiddenSize()));
        List<Ablation.Row> ablation = Ablation.scan(best, kick, new double[] {0, 0.5, 1, 1.5, 2}, Math.min(500, nEval),
                len, analysisRng.nextLong());

        int[] rows = preset.ordinal() <= HmmPreset.FIVE.ordinal() ? new int[] {0, 2} : null;
        double acfErr = 0;
        for (int l = 0; l < hmmStats.autocorrelation().length; l++) {
            acfErr = Math.max(acfErr, Math.abs(hmmStats.autocorrelation()[l] - rnnStats.autocorrelation()[l]));
        }
        double baseMean = mean(baseDist);
        double rnnMean = mean(rnnDist);
        int stable = (int) fixedPoints.stream().filter(FixedPoint::stable).count();
        // Drawn after every analysis above, so adding them changed none of the earlier numbers.
        List<DensityContour.Contour> contours = new ArrayList<>();
        for (double sigma : CONTOUR_NOISE) {
            RnnEmulator.Rollout driven = best.generate(1, CONTOUR_STEPS, GenerationMode.FULL, null, sigma,
                    analysisRng.split());
            double[][] projected = new double[CONTOUR_STEPS][];
            for (int t = 0; t < CONTOUR_STEPS; t++) {
                double[] z = pca.project(driven.hidden()[0][t]);
                projected[t] = new double[] {z[0], z.length > 1 ? z[1] : 0};
            }
            contours.add(DensityContour.of(sigma, projected, 0.95, 40));
        }
        // The emulator's transition matrix on many sequences against the HMM's exact one (drawn last, so it
        // changed none of the numbers above).
        double[][] exactMatrix = hmm.outputTransitionMatrix(len);
        TransitionEstimate.Accumulator acc = TransitionEstimate.accumulator(k);
        SplittableRandom exactRng = analysisRng.split();
        for (int done = 0; done < EXACT_EVALUATION_SEQUENCES; done += EXACT_EVALUATION_CHUNK) {
            int n = Math.min(EXACT_EVALUATION_CHUNK, EXACT_EVALUATION_SEQUENCES - done);
            acc.add(best.generate(n, len, GenerationMode.FULL, exactRng.split()).outputs());
        }
        TransitionEstimate exactEstimate = acc.estimate();
        TransitionEstimate.Deviation exactRows = exactEstimate.maxDeviation(exactMatrix, rows);
        TransitionEstimate.Deviation exactAll = exactEstimate.maxDeviation(exactMatrix, null);
        EmulationSummary summary = new EmulationSummary(preset.id(), config.scale().id(), config.hiddenSize(),
                config.inputSize(), config.seed(), len, config.loss().id(), result.bestValidationLoss(), result.floor(),
                config.loss() == LossKind.SINKHORN ? result.bestValidationLoss() / result.floor() : Double.NaN,
                result.bestValidationLoss() - result.floor(), result.bestEpoch(), result.seconds(),
                SequenceStatistics.maxTransitionError(hmmStats, rnnStats, rows),
                SequenceStatistics.maxTransitionError(hmmStats, rnnStats, null), hmmStats.frequencies(),
                rnnStats.frequencies(), hmmStats.meanSwitches(), rnnStats.meanSwitches(), hmmStats.meanRunLength(),
                rnnStats.meanRunLength(), acfErr, baseMean, rnnMean, rnnMean / baseMean, pca.explainedVarianceRatio(),
                fixedPoints.size(), stable, exactRows.error(), exactAll.error(), exactAll.standardError(),
                exactEstimate.sequences());
        write(runDirectory, config, result, summary, best, hmmStats, rnnStats);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("noiseGammas", gammas);
        extra.put("covarianceTrace", trace);
        extra.put("rolloutSteps", 5);
        writeJson(runDirectory, "noise_sensitivity.json", extra);
        extra = new LinkedHashMap<>();
        extra.put("criterion", NeuronCriterion.SWITCH_ACTIVITY);
        extra.put("neurons", kick);
        extra.put("rows", ablation);
        writeJson(runDirectory, "ablation.json", extra);
        extra = new LinkedHashMap<>();
        extra.put("cap", 60);
        extra.put("rollouts", 10);
        extra.put("statesPc12", rtProjected);
        extra.put("residencyTimes", rt);
        extra.put("groups", ResidencyTimes.groups(rt));
        writeJson(runDirectory, "residency_times.json", extra);
        extra = new LinkedHashMap<>();
        extra.put("explainedVarianceRatio", pca.explainedVarianceRatio());
        extra.put("trajectoryPc123", traj);
        extra.put("outputs", longRun.outputs()[0]);
        extra.put("fixedPointsPc123", fixedPoints.stream().map(f -> pad3(pca.project(f.state()))).toList());
        writeJson(runDirectory, "pca_trajectory.json", extra);
        writeJson(runDirectory, "variance_contours.json", contours);
        extra = new LinkedHashMap<>();
        extra.put("hmmExact", exactMatrix);
        extra.put("rnn", exactEstimate);
        extra.put("rows", rows);
        extra.put("deviationRows", exactRows);
        extra.put("deviationAllRows", exactAll);
        writeJson(runDirectory, "transition_exact.json", extra);
        LOG.info("summary: {}", summary);
        return new EmulationOutcome(config, hmm, result, hmmStats, rnnStats, baseDist, rnnDist, pca, traj,
                longRun.outputs()[0], fixedPoints, rtProjected, rt, gammas, trace, kick, ablation, summary,
                runDirectory, longRun.hidden()[0], contours);
    }

    private static double[] pad3(double[] z) {
        return new double[] {z[0], z.length > 1 ? z[1] : 0, z.length > 2 ? z[2] : 0};
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    private static void writeJson(Path dir, String name, Object value) {
        try {
            Files.createDirectories(dir);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            AtomicFiles.write(dir.resolve(name), o -> json.writeValue(o, value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    private static void write(Path dir, EmulationConfig config, TrainingResult result, EmulationSummary summary,
                              RnnEmulator best, SequenceStatistics hmmStats, SequenceStatistics rnnStats) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve("config.json"), o -> json.writeValue(o, config));
            Map<String, Object> tr = new LinkedHashMap<>();
            tr.put("bestValidationLoss", result.bestValidationLoss());
            tr.put("bestEpoch", result.bestEpoch());
            tr.put("floor", result.floor());
            tr.put("seconds", result.seconds());
            tr.put("trainLoss", result.trainLoss());
            tr.put("validationLoss", result.validationLoss());
            AtomicFiles.write(dir.resolve("training_results.json"), o -> json.writeValue(o, tr));
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("hmm", hmmStats);
            stats.put("rnn", rnnStats);
            AtomicFiles.write(dir.resolve("statistics.json"), o -> json.writeValue(o, stats));
            EmulatorModelFile.save(best, result.bestEpoch(), dir.resolve("model.json"));
            // summary.json last: its presence marks a finished run (grid resume relies on it).
            AtomicFiles.write(dir.resolve("summary.json"), o -> json.writeValue(o, summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run files to " + dir, e);
        }
    }
}
