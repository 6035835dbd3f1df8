package io.github.hmmrnn.io;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interrupted writes leave the previous file intact; finished ones replace it completely. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writerFailingHalfWayLeavesTheOriginalAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, "original content\n");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new con".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("original content\n", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void runtimeExceptionHalfWayAlsoLeavesTheOriginal() throws IOException {
        Path file = dir.resolve("fit.json");
        Files.writeString(file, "{\"old\": true}");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.writeText(file, w -> {
            w.write("{\"new\": ");
            throw new IllegalStateException("serialiser failed");
        }));
        assertEquals("{\"old\": true}", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void completedWriteReplacesAndCreatesParents() throws IOException {
        Path file = dir.resolve("a/b/out.txt");
        AtomicFiles.writeString(file, "one");
        assertEquals("one", Files.readString(file));
        AtomicFiles.writeString(file, "two, longer");
        assertEquals("two, longer", Files.readString(file));
        byte[] bytes = {0, 1, 2, (byte) 255};
        AtomicFiles.write(file, out -> {
            out.write(bytes);
            out.close(); // writers that close their target must not break the move
        });
        assertArrayEquals(bytes, Files.readAllBytes(file));
        AtomicFiles.writePath(dir.resolve("p.png"), tmp -> {
            assertTrue(tmp.getFileName().toString().endsWith("-p.png"), tmp.toString());
            assertEquals(dir.toAbsolutePath(), tmp.getParent());
            Files.writeString(tmp, "png");
        });
        assertEquals("png", Files.readString(dir.resolve("p.png")));
    }

    @Test
    void datasetWritersGoThroughTheAtomicPath() throws IOException {
        TwoStepDataset data = TwoStepGenerator.builder().sequences(2).trials(30).seed(3).build().generate();
        for (String name : List.of("d.csv", "d.json", "d.npz")) {
            Path file = dir.resolve(name);
            Files.writeString(file, "previous");
            DatasetReaders.write(data, file);
            assertEquals(data.numTrials(), DatasetReaders.read(file).numTrials(), name);
        }
        assertEquals(3, listing().size(), "no temporary files left: " + listing());
    }

    /**
     * A child JVM killed (SIGKILL, harsher than Ctrl-C) in the middle of writing over an existing
     * file: the original must be byte-for-byte intact.
     */
    @Test
    void killedChildJvmLeavesTheOriginalIntact() throws Exception {
        Path file = dir.resolve("mydata.csv");
        TwoStepDataset data = TwoStepGenerator.builder().sequences(3).trials(50).seed(5).build().generate();
        CsvTwoStepWriter.write(data, file);
        byte[] before = Files.readAllBytes(file);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowWriter.class.getName(), file.toString()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Path tmp = null;
            while (tmp == null && System.nanoTime() < deadline) {
                try (Stream<Path> s = Files.list(dir)) {
                    tmp = s.filter(f -> f.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX))
                            .filter(f -> f.toFile().length() > 0).findFirst().orElse(null);
                }
                if (tmp == null) {
                    assertTrue(p.isAlive(), () -> "the child exited early: " + output(p));
                    Thread.sleep(20);
                }
            }
            assertTrue(tmp != null, "the child never started writing");
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(data.numTrials(), CsvTwoStepReader.read(file).numTrials());
    }

    private static String output(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** Child process: writes half a file over its argument, then waits to be killed. */
    public static final class SlowWriter {
        private SlowWriter() {
        }

        /**
         * @param args the file to overwrite
         */
        public static void main(String[] args) {
            AtomicFiles.write(Path.of(args[0]), out -> {
                out.write("subject,session,choice\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    Thread.sleep(120_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
