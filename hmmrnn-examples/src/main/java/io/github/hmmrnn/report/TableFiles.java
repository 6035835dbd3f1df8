package io.github.hmmrnn.report;

import java.nio.file.Path;
import java.util.List;

import io.github.hmmrnn.io.AtomicFiles;

/**
 * Writes a result table as its two files, {@code NAME.csv} for programs and {@code NAME.md} for
 * people, each atomically (a reader never sees half a table, and an interrupted run leaves the
 * previous table intact).
 */
public final class TableFiles {

    private TableFiles() {
    }

    /**
     * @param dir  output folder, created if missing
     * @param name base name of both files
     * @param csv  the CSV text
     * @param md   the Markdown text
     * @return the CSV file, then the Markdown file
     * @throws java.io.UncheckedIOException naming the file if one cannot be written
     */
    public static List<Path> write(Path dir, String name, CharSequence csv, CharSequence md) {
        Path csvFile = dir.resolve(name + ".csv");
        AtomicFiles.writeString(csvFile, csv);
        Path mdFile = dir.resolve(name + ".md");
        AtomicFiles.writeString(mdFile, md);
        return List.of(csvFile, mdFile);
    }
}
