package io.github.hmmrnn.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.hmmrnn.metrics.PredictiveScore;

/**
 * One task's outcome, written as one file. Scores are kept as the exact doubles the metrics
 * computed (JSON numbers read back bit for bit), so that gathered tables do not depend on which
 * engine ran the task.
 *
 * @param task       the task's index in the plan
 * @param subject    the task's subject
 * @param label      the task's row label
 * @param fold       the held-out fold
 * @param seed       the model's seed
 * @param status     how it ended
 * @param train      causal score on the fold's training sessions, or null if it failed
 * @param test       causal score on the held-out sessions, or null if it failed
 * @param trainLogLikelihood total log-likelihood of the training fold's scored choices (nats), or null
 * @param testLogLikelihood  total log-likelihood of the held-out scored choices (nats), or null
 * @param modelFile  the fitted model's file name in the tasks folder, or null (failed, or a model
 *                   that cannot be saved)
 * @param error      the failure, or null
 * @param seconds    wall time of the task (varies between runs; not part of {@link #outcome()})
 * @param engine     the engine that ran it (not part of {@link #outcome()})
 */
public record TaskResult(int task, String subject, String label, int fold, long seed, TaskStatus status,
                         PredictiveScore train, PredictiveScore test, Double trainLogLikelihood,
                         Double testLogLikelihood, String modelFile, String error, double seconds, String engine) {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Checks the fields. */
    public TaskResult {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(status, "status");
        if (status == TaskStatus.OK && (train == null || test == null)) {
            throw new IllegalArgumentException("task " + task + " is OK but lacks a score");
        }
    }

    /** @return this result without what varies between runs (time, engine): equal across engines */
    public TaskResult outcome() {
        return new TaskResult(task, subject, label, fold, seed, status, train, test, trainLogLikelihood,
                testLogLikelihood, modelFile, error, 0, null);
    }

    /** @return the file name of task {@code index}'s result */
    static String fileName(int index) {
        return String.format(Locale.ROOT, "task-%06d.json", index);
    }

    /** @return the file name of task {@code index}'s fitted model */
    static String modelFileName(int index) {
        return String.format(Locale.ROOT, "task-%06d.model.json", index);
    }

    /** @return this result as JSON text */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a task result as JSON", e);
        }
    }

    /**
     * @param json text written by {@link #toJson()}
     * @return the result
     * @throws IllegalArgumentException if it is not a task result
     */
    public static TaskResult fromJson(String json) {
        try {
            return MAPPER.readValue(json, TaskResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a task result: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a result file if there is one.
     *
     * @param file the file
     * @return the result, or empty if the file does not exist or is not a complete result
     */
    static Optional<TaskResult> readIfPresent(Path file) {
        try {
            return Optional.of(fromJson(Files.readString(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read task result " + file, e);
        }
    }

    /** @return one line for logs: the task, its held-out score or its error */
    public String summary() {
        return status == TaskStatus.OK
                ? String.format(Locale.ROOT, "task %d %s %s fold %d: held-out NLL %.4f on %d trials (%.1f s)", task,
                        subject, label, fold, test.nll(), test.numScored(), seconds)
                : "task " + task + " " + subject + " " + label + " fold " + fold + " FAILED: " + error;
    }
}
