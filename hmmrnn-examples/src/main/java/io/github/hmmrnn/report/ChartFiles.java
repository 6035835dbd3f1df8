package io.github.hmmrnn.report;

import io.github.hmmrnn.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a chart as both PNG (for quick viewing) and SVG (for papers), side by side.
 */
public final class ChartFiles {

    private ChartFiles() {
    }

    /**
     * Saves {@code chart} as {@code dir/baseName.png} and {@code dir/baseName.svg}.
     *
     * @param chart    the chart to render
     * @param dir      output folder, created if missing
     * @param baseName file name without extension
     * @return the two written paths, PNG first
     * @throws UncheckedIOException if a file cannot be written
     */
    public static List<Path> save(Chart<?, ?> chart, Path dir, String baseName) {
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(baseName + ".png");
            Path svg = dir.resolve(baseName + ".svg");
            AtomicFiles.writePath(png, tmp -> BitmapEncoder.saveBitmapWithDPI(chart, tmp.toString(),
                    BitmapEncoder.BitmapFormat.PNG, 150));
            AtomicFiles.write(svg, o -> VectorGraphicsEncoder.saveVectorGraphic(chart, o,
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
            return List.of(png, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + baseName + " to " + dir, e);
        }
    }
}
