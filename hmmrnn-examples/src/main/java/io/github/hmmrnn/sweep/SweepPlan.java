package io.github.hmmrnn.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.hmmrnn.io.AtomicFiles;
import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.ModelSpecs;
import io.github.hmmrnn.model.Provenance;

/**
 * The list of independent fit tasks of a sweep, and the data they read. A plan is written as
 * {@code plan.json} before any work, so that every engine (and every process of a job array)
 * runs exactly the same tasks.
 *
 * @param version format version, {@value #VERSION}
 * @param command what made the plan (e.g. {@code compare}), for the reader
 * @param data    the data file (path as given, and SHA-256 of its bytes, checked before any fit)
 * @param pooled  whether the gathered table adds {@code pooled} rows over subjects per label
 * @param models  each label's model specification, as {@link ModelSpec#toJson()} writes it (seed
 *                included), held once however many tasks fit it
 * @param tasks   the tasks, task i at index i
 */
public record SweepPlan(int version, String command, Provenance.DataFile data, boolean pooled,
                        Map<String, JsonNode> models, List<SweepTask> tasks) {

    /** The plan file format's version. */
    public static final int VERSION = 1;

    /** Name of the plan file in a sweep's folder. */
    public static final String FILE_NAME = "plan.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Validates the plan.
     *
     * @throws IllegalArgumentException if the version is unknown, there are no tasks, task i
     *                                  does not have index i, or a task's label has no model
     */
    public SweepPlan {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(data, "data");
        tasks = List.copyOf(tasks);
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        if (version != VERSION) {
            throw new IllegalArgumentException("plan version must be " + VERSION + ", got " + version);
        }
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one task, got none");
        }
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).index() != i) {
                throw new IllegalArgumentException("task at position " + i + " has index " + tasks.get(i).index());
            }
            if (!models.containsKey(tasks.get(i).label())) {
                throw new IllegalArgumentException("task " + i + " fits model '" + tasks.get(i).label()
                        + "', which is not among the plan's models " + models.keySet());
            }
        }
    }

    /**
     * A cross-validation plan: for each subject, each model, each fold (in that order, the order
     * of the gathered table's rows).
     *
     * @param command   what makes the plan
     * @param data      the data file and its hash
     * @param subjects  subjects, in table order
     * @param models    specifications with their table labels, in table order
     * @param folds     session folds, at least 2
     * @param split     fold assignment
     * @param splitSeed fold-assignment seed
     * @param inner     inner validation of the early-stopping models
     * @param pooled    whether to add pooled rows
     * @return the plan
     */
    public static SweepPlan crossValidation(String command, Provenance.DataFile data, List<String> subjects,
                                            List<Labelled> models, int folds, SplitMethod split, long splitSeed,
                                            InnerValidation inner, boolean pooled) {
        if (new LinkedHashSet<>(subjects).size() != subjects.size()) {
            throw new IllegalArgumentException("subjects repeat: " + subjects);
        }
        Map<String, JsonNode> specs = new LinkedHashMap<>();
        for (Labelled m : models) {
            if (specs.put(m.label(), ModelSpecs.tree(m.spec())) != null) {
                throw new IllegalArgumentException("model label '" + m.label() + "' is given twice");
            }
        }
        List<SweepTask> tasks = new ArrayList<>();
        for (String subject : subjects) {
            for (Labelled m : models) {
                for (int f = 0; f < folds; f++) {
                    tasks.add(new SweepTask(tasks.size(), subject, m.label(), m.spec().seed(), folds, f, split,
                            splitSeed, inner));
                }
            }
        }
        return new SweepPlan(VERSION, command, data, pooled, specs, tasks);
    }

    /**
     * A specification and its row label.
     *
     * @param label row label of the gathered table
     * @param spec  the specification
     */
    public record Labelled(String label, ModelSpec<?> spec) {

        /** Checks the fields. */
        public Labelled {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(spec, "spec");
        }

        /**
         * @param spec a specification
         * @return it, labelled with its name
         */
        public static Labelled of(ModelSpec<?> spec) {
            return new Labelled(spec.name(), spec);
        }
    }

    /**
     * @param task a task of this plan
     * @return its model specification, rebuilt from the JSON
     */
    public ModelSpec<?> spec(SweepTask task) {
        return ModelSpecs.fromJson(ModelSpecs.write(models.get(task.label())));
    }

    /** @return subjects in order of first appearance */
    public List<String> subjects() {
        return tasks.stream().map(SweepTask::subject).distinct().toList();
    }

    /** @return row labels in order of first appearance */
    public List<String> labels() {
        return tasks.stream().map(SweepTask::label).distinct().toList();
    }

    /**
     * This plan with the tasks of {@code more} that it lacks appended after its own: what a
     * resumed run fits when it asks for more subjects or models than the earlier run. The earlier
     * tasks keep their indices, so their result files stay theirs.
     *
     * @param more the plan a resumed command makes
     * @return the extended plan (equal to this one if {@code more} adds nothing)
     * @throws IllegalArgumentException if the two plans read different data, a model label stands
     *                                  for different specifications, or a subject's model is
     *                                  cross-validated differently (folds, split, seed, inner
     *                                  validation); the message names it
     */
    public SweepPlan extendedBy(SweepPlan more) {
        Objects.requireNonNull(more, "more");
        if (!data.sha256().equals(more.data().sha256())) {
            throw new IllegalArgumentException("the earlier plan was made for data with SHA-256 " + data.sha256()
                    + " (" + data.file() + "), this one for " + more.data().sha256() + " (" + more.data().file() + ")");
        }
        Map<String, JsonNode> specs = new LinkedHashMap<>(models);
        for (var e : more.models().entrySet()) {
            JsonNode before = specs.putIfAbsent(e.getKey(), e.getValue());
            if (before != null && !before.equals(e.getValue())) {
                throw new IllegalArgumentException("model " + e.getKey() + " is specified differently in the earlier "
                        + "plan: " + ModelSpecs.write(before) + " there, " + ModelSpecs.write(e.getValue()) + " now");
            }
        }
        Map<List<Object>, SweepTask> byFold = new LinkedHashMap<>();
        Set<List<String>> rows = new HashSet<>();
        for (SweepTask t : tasks) {
            byFold.put(List.of(t.subject(), t.label(), t.fold()), t);
            rows.add(List.of(t.subject(), t.label()));
        }
        List<SweepTask> all = new ArrayList<>(tasks);
        for (SweepTask t : more.tasks()) {
            SweepTask earlier = byFold.get(List.of(t.subject(), t.label(), t.fold()));
            if (earlier == null && !rows.contains(List.of(t.subject(), t.label()))) {
                all.add(new SweepTask(all.size(), t.subject(), t.label(), t.seed(), t.folds(), t.fold(), t.split(),
                        t.splitSeed(), t.inner()));
            } else if (earlier == null || !sameWork(earlier, t)) {
                throw new IllegalArgumentException("subject " + t.subject() + ", model " + t.label() + " was "
                        + "cross-validated differently in the earlier plan ("
                        + (earlier == null ? "without fold " + t.fold() : describeWork(earlier)) + ", now "
                        + describeWork(t) + ")");
            }
        }
        return new SweepPlan(version, command, data, more.pooled(), specs, all);
    }

    /**
     * @param earlier a plan
     * @return whether this plan is {@code earlier} with tasks appended (the same data and models,
     *         and the earlier tasks at the same indices), so that every earlier result is one of
     *         this plan's
     */
    public boolean startsWith(SweepPlan earlier) {
        if (earlier.version() != version || !earlier.data().sha256().equals(data.sha256())
                || earlier.tasks().size() > tasks.size() || !earlier.tasks().equals(tasks.subList(0, earlier.tasks().size()))) {
            return false;
        }
        return earlier.models().entrySet().stream().allMatch(e -> e.getValue().equals(models.get(e.getKey())));
    }

    private static boolean sameWork(SweepTask a, SweepTask b) {
        return a.seed() == b.seed() && a.folds() == b.folds() && a.split() == b.split() && a.splitSeed() == b.splitSeed()
                && a.inner() == b.inner();
    }

    private static String describeWork(SweepTask t) {
        return t.folds() + " folds " + t.split() + " (split seed " + t.splitSeed() + "), seed " + t.seed()
                + ", inner validation " + t.inner();
    }

    /** @return this plan as JSON text */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a plan as JSON", e);
        }
    }

    /**
     * @param json text written by {@link #toJson()}
     * @return the plan
     * @throws IllegalArgumentException if the text is not a valid plan
     */
    public static SweepPlan fromJson(String json) {
        try {
            return MAPPER.readValue(json, SweepPlan.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("not a valid sweep plan: " + cause.getMessage(), e);
        }
    }

    /**
     * Writes {@code plan.json} into a folder, atomically.
     *
     * @param dir the sweep's folder
     * @return the file
     */
    public Path write(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        AtomicFiles.writeString(file, toJson());
        return file;
    }

    /**
     * Reads a plan file.
     *
     * @param file the {@code plan.json} (or a folder holding one)
     * @return the plan
     * @throws IllegalArgumentException if there is no such file or it is not a plan
     */
    public static SweepPlan read(Path file) {
        Path f = Files.isDirectory(file) ? file.resolve(FILE_NAME) : file;
        try {
            return fromJson(Files.readString(f));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no sweep plan at " + f, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sweep plan " + f, e);
        }
    }
}
