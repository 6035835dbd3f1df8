package io.github.hmmrnn.io;

import io.github.hmmrnn.data.TwoStepDataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads or writes a dataset, choosing the format from the file extension.
 *
 * <ul>
 *   <li>{@code .mat}: {@link MatTwoStepReader} (read only)</li>
 *   <li>{@code .csv}: {@link CsvTwoStepReader} / {@link CsvTwoStepWriter} (generic schema)</li>
 *   <li>{@code .npz}: {@link NpzTwoStepReader} / {@link NpzTwoStepWriter}</li>
 *   <li>{@code .json}: {@link DatasetJson}</li>
 * </ul>
 */
public final class DatasetReaders {

    /** Extensions {@link #read} accepts, lower case, with the dot. */
    public static final List<String> READABLE_EXTENSIONS = List.of(".mat", ".csv", ".npz", ".json");

    /** Extensions {@link #write} accepts, lower case, with the dot. */
    public static final List<String> WRITABLE_EXTENSIONS = List.of(".csv", ".npz", ".json");

    private DatasetReaders() {
    }

    /**
     * Reads a dataset file of any supported format (extension matched case-insensitively).
     *
     * @param file the file
     * @return the dataset
     * @throws IllegalArgumentException if the extension is not supported (the message lists the
     *                                  supported ones) or the content is invalid
     * @throws java.io.UncheckedIOException if the file does not exist or cannot be read
     */
    public static TwoStepDataset read(Path file) {
        Objects.requireNonNull(file, "file");
        return switch (extension(file, READABLE_EXTENSIONS, "read")) {
            case ".mat" -> MatTwoStepReader.read(file);
            case ".csv" -> CsvTwoStepReader.read(file);
            case ".npz" -> NpzTwoStepReader.read(file);
            default -> DatasetJson.read(file);
        };
    }

    /**
     * Writes a dataset in the format given by the extension.
     *
     * @param data the dataset
     * @param file destination ({@code .csv}, {@code .npz} or {@code .json})
     * @throws IllegalArgumentException if the extension is not supported or the format cannot hold
     *                                  the dataset (see {@link NpzTwoStepWriter})
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(TwoStepDataset data, Path file) {
        Objects.requireNonNull(file, "file");
        switch (extension(file, WRITABLE_EXTENSIONS, "write")) {
            case ".csv" -> CsvTwoStepWriter.write(data, file);
            case ".npz" -> NpzTwoStepWriter.write(data, file);
            default -> DatasetJson.write(data, file);
        }
    }

    private static String extension(Path file, List<String> supported, String verb) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : supported) {
            if (name.endsWith(ext)) {
                return ext;
            }
        }
        throw new IllegalArgumentException("cannot " + verb + " dataset file " + file
                + ": unsupported extension; supported extensions are " + supported);
    }
}
