package io.github.hmmrnn.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.experiment.FitSettings;
import io.github.hmmrnn.experiment.ModelKind;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.ModelSpecs;
import io.github.hmmrnn.model.Provenance;

/**
 * A sweep grid ({@code sweep --grid grid.json}): subjects × models × K/H × seeds × folds.
 *
 * <pre>{@code
 * {"data": "ofc_physdata.mat", "subjects": ["M055", "M071"], "folds": 6, "seeds": [1, 2],
 *  "models": [{"model": "moa", "states": [1, 2, 3]}, {"model": "tinyrnn", "hidden": [1, 2]},
 *             {"model": "hmm-tinyrnn", "states": [2], "hidden": [2]}, {"spec": {"family": ...}}]}
 * }</pre>
 *
 * @param data            data file, relative to the grid file's folder unless absolute
 * @param subjects        subjects, or {@code ["all"]}
 * @param folds           session folds, at least 2
 * @param split           fold assignment (null: STRIDE)
 * @param innerValidation inner validation of early-stopping models (null: SEGMENTS)
 * @param seeds           model seeds (null or empty: the command's --seed)
 * @param models          model entries: a {@code model} kind with {@code states} / {@code hidden}
 *                        lists (the command's model options apply), or a full {@code spec}
 */
public record Grid(String data, List<String> subjects, int folds, SplitMethod split, InnerValidation innerValidation,
                   List<Long> seeds, List<Entry> models) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Validates the grid.
     *
     * @throws IllegalArgumentException naming the field that is missing or invalid
     */
    public Grid {
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("grid field 'data' (the data file) is required");
        }
        if (subjects == null || subjects.isEmpty()) {
            throw new IllegalArgumentException("grid field 'subjects' needs at least one subject, or [\"all\"]");
        }
        if (folds < 2) {
            throw new IllegalArgumentException("grid field 'folds' must be >= 2, got " + folds);
        }
        if (models == null || models.isEmpty()) {
            throw new IllegalArgumentException("grid field 'models' needs at least one entry");
        }
        split = split == null ? SplitMethod.STRIDE : split;
        innerValidation = innerValidation == null ? InnerValidation.SEGMENTS : innerValidation;
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        subjects = List.copyOf(subjects);
        models = List.copyOf(models);
    }

    /**
     * One model entry.
     *
     * @param model  a model kind ({@code moa}, {@code tinyrnn}, {@code hmm-tinyrnn}, {@code tinymoa},
     *               {@code hmm-tinymoa}), or null when {@code spec} is given
     * @param states state counts K (models with states; null: [2])
     * @param hidden GRU sizes H (GRU models; null: [2])
     * @param spec   a full specification as {@code ModelSpec.toJson()} writes it, or null
     */
    public record Entry(String model, List<Integer> states, List<Integer> hidden, JsonNode spec) {

        /** Checks that exactly one of model and spec is given. */
        public Entry {
            if ((model == null) == (spec == null)) {
                throw new IllegalArgumentException("a grid model entry needs either 'model' (with 'states'/'hidden') "
                        + "or 'spec', got model " + model + " and spec " + spec);
            }
            states = states == null ? List.of(2) : List.copyOf(states);
            hidden = hidden == null ? List.of(2) : List.copyOf(hidden);
        }
    }

    /**
     * Reads a grid file.
     *
     * @param file the JSON file
     * @return the grid, its data path resolved against the file's folder
     * @throws IllegalArgumentException if the file is missing or not a valid grid
     */
    public static Grid read(Path file) {
        Grid g;
        try {
            g = MAPPER.readValue(Files.readString(file), Grid.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no grid file " + file, e);
        } catch (JsonProcessingException e) {
            Throwable c = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new IllegalArgumentException("grid " + file + " is not valid: " + c.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read grid " + file, e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return new Grid(dir.resolve(g.data()).normalize().toString(), g.subjects(), g.folds(), g.split(),
                g.innerValidation(), g.seeds(), g.models());
    }

    /**
     * Builds the plan: for each subject, each model entry, each K/H, each seed, each fold.
     *
     * @param subjectNames the subjects ({@code all} already expanded)
     * @param settings     the command's model settings for a seed
     * @param defaultSeed  the seed when the grid lists none
     * @return the plan (pooled rows over subjects)
     * @throws IllegalArgumentException if two entries give the same label
     */
    public SweepPlan plan(List<String> subjectNames, LongFunction<FitSettings> settings, long defaultSeed) {
        List<Long> seedList = seeds.isEmpty() ? List.of(defaultSeed) : seeds;
        List<SweepPlan.Labelled> specs = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (Entry e : models) {
            for (ModelSpec<?> base : bases(e, settings.apply(seedList.get(0)))) {
                for (long seed : seedList) {
                    ModelSpec<?> spec = withSeed(base, seed);
                    String label = seedList.size() > 1 ? spec.name() + "-seed" + seed : spec.name();
                    if (!labels.add(label)) {
                        throw new IllegalArgumentException("grid gives model " + label + " twice");
                    }
                    specs.add(new SweepPlan.Labelled(label, spec));
                }
            }
        }
        return SweepPlan.crossValidation("sweep", Provenance.DataFile.of(Path.of(data)), subjectNames, specs, folds,
                split, defaultSeed, innerValidation, true);
    }

    /**
     * @param spec a specification
     * @param seed a seed
     * @return the specification with that seed: its JSON's {@code seed} field, at the top (HMM-MoA,
     *         TinyMoA) or in {@code hyperParameters} (the GRU models), set and read back
     * @throws IllegalArgumentException if the JSON has no seed field
     */
    static ModelSpec<?> withSeed(ModelSpec<?> spec, long seed) {
        ObjectNode json = (ObjectNode) ModelSpecs.tree(spec);
        ObjectNode holder = json.has("seed") ? json
                : json.get("hyperParameters") instanceof ObjectNode hp && hp.has("seed") ? hp : null;
        if (holder == null) {
            throw new IllegalArgumentException("cannot set the seed of a " + spec.family() + " specification: its JSON "
                    + "has no 'seed' field");
        }
        holder.put("seed", seed);
        ModelSpec<?> out = ModelSpecs.fromJson(ModelSpecs.write(json));
        if (out.seed() != seed) {
            throw new IllegalStateException(spec.family() + " specification ignored the seed " + seed);
        }
        return out;
    }

    private static List<ModelSpec<?>> bases(Entry e, FitSettings settings) {
        if (e.spec() != null) {
            return List.of(ModelSpecs.fromJson(ModelSpecs.write(e.spec())));
        }
        ModelKind kind = ModelKind.parse(e.model());
        List<ModelSpec<?>> out = new ArrayList<>();
        List<Integer> ks = kind.hasStates() ? e.states() : List.of(1);
        List<Integer> hs = kind == ModelKind.MOA ? List.of(0) : e.hidden();
        for (int k : ks) {
            for (int h : hs) {
                out.add(Objects.requireNonNull(settings.spec(kind, k, h)));
            }
        }
        return out;
    }
}
