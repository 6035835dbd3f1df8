package io.github.hmmrnn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.hmmrnn.data.SessionCrossValidation;
import io.github.hmmrnn.io.AtomicFiles;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.report.RealDataReport;
import io.github.hmmrnn.report.RunRecord;

/**
 * {@code --resume} of a cross-validation run: each finished (subject, model) is saved in
 * {@code cv-results/} as soon as it is done; a resumed run with the same settings and data skips
 * those, and the tables keep the earlier rows beside the new ones.
 */
final class CvResume {

    /** Folder of the per-(subject, model) results inside the run folder. */
    static final String FOLDER = "cv-results";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;
    private final boolean resume;

    /**
     * @param out    the run folder
     * @param resume whether finished results are reused
     */
    CvResume(Path out, boolean resume) {
        this.dir = out.resolve(FOLDER);
        this.resume = resume;
    }

    /**
     * Refuses to resume a run made with other settings or data: its rows would not be comparable.
     *
     * @param out      the run folder
     * @param settings this run's settings (from {@link CommonOptions#settings()})
     * @param keys     the settings that must be equal
     * @param data     this run's data file
     */
    static void checkSameRun(Path out, Map<String, Object> settings, List<String> keys, Path data) {
        Path record = out.resolve(RunRecord.FILE);
        if (!Files.exists(record)) {
            throw new IllegalArgumentException("--resume: " + out + " has no " + RunRecord.FILE
                    + ", so it was not written by a cross-validation run to resume; use --force to replace it");
        }
        JsonNode earlier;
        try {
            earlier = JSON.readTree(record.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("--resume: cannot read " + record + ": " + e.getMessage(), e);
        }
        JsonNode old = earlier.path("settings");
        for (String k : keys) {
            String now = String.valueOf(JSON.valueToTree(settings.get(k)));
            String then = String.valueOf(old.get(k));
            if (!now.equals(then)) {
                throw new IllegalArgumentException("--resume: " + k + " was " + then + " in the earlier run in " + out
                        + " and is " + now + " now; resume with the same value, or start a new --out");
            }
        }
        String hash = Provenance.DataFile.of(data).sha256();
        if (!hash.equals(earlier.path("data").path("sha256").asText())) {
            throw new IllegalArgumentException("--resume: the data file " + data + " differs from the earlier run's ("
                    + earlier.path("data").path("file").asText() + ", by SHA-256); start a new --out");
        }
    }

    /**
     * @param subject subject
     * @param model   model name
     * @param folds   requested folds
     * @return the earlier result, when resuming and it exists with that many folds
     */
    Optional<SessionCrossValidation.Result> finished(String subject, String model, int folds) {
        Path f = file(subject, model);
        if (!resume || !Files.exists(f)) {
            return Optional.empty();
        }
        Saved s = read(f);
        return s.result().folds().size() == folds ? Optional.of(s.result()) : Optional.empty();
    }

    /**
     * Saves a finished result (atomically).
     *
     * @param subject subject
     * @param result  its cross-validation result
     */
    void save(String subject, SessionCrossValidation.Result result) {
        AtomicFiles.write(file(subject, result.model()), out -> JSON.writeValue(out, new Saved(subject, result)));
    }

    /**
     * @param current "subject/model" keys of this run
     * @return rows saved by earlier runs that this run did not request, in file order
     */
    List<RealDataReport.CvRow> earlierRows(Set<String> current) {
        List<RealDataReport.CvRow> rows = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return rows;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                Saved saved = read(f);
                if (!current.contains(key(saved.subject(), saved.result().model()))) {
                    rows.add(new RealDataReport.CvRow(saved.subject(), saved.result()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return rows;
    }

    /**
     * @param subject subject
     * @param model   model name
     * @return the key of a (subject, model)
     */
    static String key(String subject, String model) {
        return subject + "/" + model;
    }

    private Path file(String subject, String model) {
        return dir.resolve(safe(subject) + "__" + safe(model) + ".json");
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Saved read(Path f) {
        try {
            return JSON.readValue(f.toFile(), Saved.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("--resume: cannot read the earlier result " + f + ": " + e.getMessage()
                    + "; remove it to recompute it", e);
        }
    }

    /**
     * One saved (subject, model) result.
     *
     * @param subject subject
     * @param result  its result
     */
    record Saved(String subject, SessionCrossValidation.Result result) {
        Saved {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(result, "result");
        }
    }
}
