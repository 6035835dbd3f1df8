package io.github.hmmrnn.report;

import io.github.hmmrnn.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a chart as both PNG (for quick viewing) and SVG (for papers), side by side.
 *
 * <p>Charts may be written from several threads at once, each chart by one thread (painting a
 * chart lays it out, and the SVG keeps the layout of the PNG painted before it). The SVG encoder (VectorGraphics2D) formats every number through one
 * {@code DecimalFormat} shared by the whole JVM, which is not thread-safe, so SVGs are encoded one
 * at a time; PNGs (Java2D and ImageIO, all state per image) are not held back.
 */
public final class ChartFiles {

    /** Held while an SVG is encoded: the encoder's shared number format must not be used by two threads. */
    private static final Object SVG_ENCODER = new Object();

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
            writePng(chart, png);
            writeSvg(chart, svg);
            return List.of(png, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + baseName + " to " + dir, e);
        }
    }

    /**
     * {@link #save} as a job for {@link FileJobs}: the chart is built on the job's thread and
     * written as PNG then SVG, as {@code save} does (the SVG's layout follows the PNG's painting
     * of the same chart object, so the two stay together).
     *
     * @param chart    builds the chart
     * @param dir      output folder, created if missing
     * @param baseName file name without extension
     * @return the job, which writes the PNG and then the SVG
     */
    static FileJobs.Job job(Supplier<? extends Chart<?, ?>> chart, Path dir, String baseName) {
        Path png = dir.resolve(baseName + ".png");
        Path svg = dir.resolve(baseName + ".svg");
        return new FileJobs.Job(List.of(png, svg), () -> {
            Chart<?, ?> c = chart.get();
            writePng(c, png);
            writeSvg(c, svg);
        });
    }

    private static void writePng(Chart<?, ?> chart, Path png) {
        AtomicFiles.writePath(png, tmp -> BitmapEncoder.saveBitmapWithDPI(chart, tmp.toString(),
                BitmapEncoder.BitmapFormat.PNG, 150));
    }

    private static void writeSvg(Chart<?, ?> chart, Path svg) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        synchronized (SVG_ENCODER) {
            try {
                VectorGraphicsEncoder.saveVectorGraphic(chart, bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode " + svg + ": " + e.getMessage(), e);
            }
        }
        // written (and flushed to disk) outside the lock, so other threads can encode meanwhile
        AtomicFiles.write(svg, o -> bytes.writeTo(o));
    }
}
