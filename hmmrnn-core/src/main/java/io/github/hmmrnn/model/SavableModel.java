package io.github.hmmrnn.model;

import java.nio.file.Path;

/**
 * A fitted model that can be written to a file and read back exactly (same predictions).
 */
public interface SavableModel {

    /**
     * Writes the model, its hyper-parameters, a format version and provenance.
     *
     * @param file destination file (conventionally {@code .json})
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    void save(Path file);
}
