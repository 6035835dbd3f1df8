package io.github.hmmrnn.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader (or a later run) sees either the old file or the complete new
 * one, never a torn or empty file: the content goes to a hidden temporary file in the same folder,
 * is flushed to disk, and is then moved over the destination in one atomic rename. An interrupted
 * write (an exception, Ctrl-C, a killed JVM) leaves the destination as it was and at most a stray
 * {@code .tmp-*} file beside it.
 */
public final class AtomicFiles {

    /** Prefix of the temporary files; a crashed write can leave one behind. */
    public static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {
    }

    /** Writes bytes to a stream. */
    @FunctionalInterface
    public interface StreamBody {
        /**
         * @param out the temporary file's stream (closing it only flushes)
         * @throws IOException if writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    /** Writes text to a writer. */
    @FunctionalInterface
    public interface TextBody {
        /**
         * @param out the temporary file's buffered UTF-8 writer (do not close it)
         * @throws IOException if writing fails
         */
        void write(Writer out) throws IOException;
    }

    /** Writes a whole file given its path (for libraries that only write to a file name). */
    @FunctionalInterface
    public interface PathBody {
        /**
         * @param temporary the path to write; it has the destination's extension
         * @throws IOException if writing fails
         */
        void write(Path temporary) throws IOException;
    }

    /**
     * Atomically replaces {@code file} with the bytes written by {@code body}; creates missing
     * parent folders.
     *
     * @param file destination
     * @param body writes the content
     * @throws UncheckedIOException naming the file if writing or moving fails (the destination
     *                              is then unchanged)
     */
    public static void write(Path file, StreamBody body) {
        Objects.requireNonNull(body, "body");
        writePath(file, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch))) {
                body.write(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        // writers such as Jackson close their target; the channel must stay open to be forced
                        out.flush();
                    }
                });
                out.flush();
                ch.force(true);
            }
        });
    }

    /**
     * Atomically replaces {@code file} with UTF-8 text written by {@code body}.
     *
     * @param file destination
     * @param body writes the text
     * @throws UncheckedIOException naming the file if writing fails
     */
    public static void writeText(Path file, TextBody body) {
        Objects.requireNonNull(body, "body");
        write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            body.write(w);
            w.flush();
        });
    }

    /**
     * Atomically replaces {@code file} with {@code text} in UTF-8.
     *
     * @param file destination
     * @param text the content
     * @throws UncheckedIOException naming the file if writing fails
     */
    public static void writeString(Path file, CharSequence text) {
        Objects.requireNonNull(text, "text");
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        write(file, out -> out.write(bytes));
    }

    /**
     * Atomically replaces {@code file} with what {@code body} writes to a temporary path in the same
     * folder (the temporary name ends like {@code file}'s, so encoders that add a missing extension
     * leave it alone).
     *
     * @param file destination
     * @param body writes the temporary file, which exists and is empty when it is called
     * @throws UncheckedIOException naming the file if writing or moving fails
     */
    public static void writePath(Path file, PathBody body) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(body, "body");
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            tmp = createTemp(dir, target.getFileName().toString());
            body.write(tmp);
            if (!Files.exists(tmp)) {
                throw new IOException("the writer left no file");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // file systems without atomic rename: still never truncate the old file in place
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure matters more than a stray temporary file
                }
            }
        }
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String token = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            Path tmp = (dir == null ? Path.of("") : dir).resolve(TEMP_PREFIX + token + "-" + name);
            try {
                // CREATE_NEW, not Files.createTempFile: the result keeps the umask's permissions
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 8) {
                    throw e;
                }
            }
        }
    }
}
