package io.github.hmmrnn.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.hmmrnn.io.AtomicFiles;
import io.github.hmmrnn.model.Provenance;

/**
 * The {@code run.json} of a run folder: written with status {@code running} when the command
 * starts writing, and rewritten last with {@code complete} (or {@code failed} and the reason), so a
 * folder whose {@code run.json} does not say {@code complete} is visibly unfinished.
 */
public final class RunRecord {

    /** File name of the record. */
    public static final String FILE = "run.json";

    /** Status of a run. */
    public enum Status {
        /** Started and not finished (or killed). */
        RUNNING,
        /** Every output written. */
        COMPLETE,
        /** Stopped by an error. */
        FAILED
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private RunRecord(Path file) {
        this.file = file;
    }

    /**
     * Writes {@code dir/run.json} with status {@code running}.
     *
     * @param dir      run folder (created)
     * @param command  the command line as typed
     * @param settings every option's value
     * @param data     the data file with its SHA-256 (hashed once by the caller, who also records it in
     *                 the fits' provenance), or null for commands without one
     * @return the record, to {@link #finish} or {@link #fail}
     */
    public static RunRecord start(Path dir, String command, Map<String, ?> settings, Provenance.DataFile data) {
        Objects.requireNonNull(dir, "dir");
        RunRecord r = new RunRecord(dir.resolve(FILE));
        r.fields.put("command", command);
        r.fields.put("status", Status.RUNNING.name().toLowerCase(Locale.ROOT));
        r.fields.put("started", Instant.now().toString());
        r.fields.put("finished", null);
        if (data != null) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("file", data.file());
            d.put("sha256", data.sha256());
            r.fields.put("data", d);
        }
        r.fields.put("settings", settings);
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("hmmrnn", Versions.hmmrnn());
        versions.put("java", System.getProperty("java.version"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        r.fields.put("versions", versions);
        r.write();
        return r;
    }

    /**
     * Reads the {@code run.json} of a run folder, to finish a run that another process started
     * (the planning step of a job array, whose tables {@code gather} writes).
     *
     * @param dir run folder
     * @return the record, or empty if the folder has none
     * @throws IllegalArgumentException if the file is not a JSON object
     */
    public static Optional<RunRecord> read(Path dir) {
        RunRecord r = new RunRecord(dir.resolve(FILE));
        if (!Files.exists(r.file)) {
            return Optional.empty();
        }
        try {
            r.fields.putAll(JSON.readValue(r.file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { }));
        } catch (IOException e) {
            throw new IllegalArgumentException(r.file + " is not a run record: " + e.getMessage(), e);
        }
        return Optional.of(r);
    }

    /** @return whether the record says {@code running} (started, not finished) */
    public boolean running() {
        return Status.RUNNING.name().toLowerCase(Locale.ROOT).equals(fields.get("status"));
    }

    /** Rewrites the record with status {@code complete}; call after every other file is written. */
    public void finish() {
        end(Status.COMPLETE, null);
    }

    /**
     * Rewrites the record with status {@code failed}.
     *
     * @param reason the error's one-line message
     */
    public void fail(String reason) {
        end(Status.FAILED, reason);
    }

    /** @return where the record is written */
    public Path file() {
        return file;
    }

    private void end(Status status, String reason) {
        fields.put("status", status.name().toLowerCase(Locale.ROOT));
        fields.put("finished", Instant.now().toString());
        if (reason != null) {
            fields.put("error", reason);
        }
        write();
    }

    private void write() {
        AtomicFiles.write(file, out -> JSON.writeValue(out, fields));
    }
}
