/**
 * Readers and writers of two-step task datasets.
 *
 * <p>Formats: the MixtureAgentsModels MATLAB v7.3 file ({@link io.github.hmmrnn.io.MatTwoStepReader}),
 * its flat CSV export and a minimal generic CSV schema ({@link io.github.hmmrnn.io.CsvTwoStepReader},
 * {@link io.github.hmmrnn.io.CsvTwoStepWriter}), the original Python project's {@code .npz}
 * ({@link io.github.hmmrnn.io.NpzTwoStepReader}, {@link io.github.hmmrnn.io.NpzTwoStepWriter}) and a
 * versioned JSON form ({@link io.github.hmmrnn.io.DatasetJson}). {@link io.github.hmmrnn.io.DatasetReaders}
 * picks the reader from the file extension.
 *
 * <p>All readers produce the coding of {@link io.github.hmmrnn.data.Session}: choice 0 = left,
 * 1 = right; outcome = second-step port 0 = left, 1 = right; reward 0/1; common = common
 * transition; scored = false on forced trials. Bad input raises {@link IllegalArgumentException}
 * naming the file, the field or column, the row or trial and the value; I/O failures raise
 * {@link java.io.UncheckedIOException} naming the file.
 */
package io.github.hmmrnn.io;
