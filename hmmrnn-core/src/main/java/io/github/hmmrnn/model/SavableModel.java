package io.github.hmmrnn.model;

import java.nio.file.Path;

/**
 * A fitted model that can be written to a file and read back exactly (same predictions).
 */
public interface SavableModel {

    /**
     * Writes the model, its hyper-parameters, a format version and its {@link #provenance()}.
     *
     * @param file destination file (conventionally {@code .json})
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    void save(Path file);

    /** @return where the model came from (written into every saved file, read back by load) */
    Provenance provenance();

    /**
     * This model carrying another provenance record, e.g. one with the data file added by the
     * caller that read it ({@link Provenance#withDataFile}). Parameters and predictions are
     * unchanged.
     *
     * @param provenance the record
     * @return a new model
     */
    SavableModel withProvenance(Provenance provenance);
}
