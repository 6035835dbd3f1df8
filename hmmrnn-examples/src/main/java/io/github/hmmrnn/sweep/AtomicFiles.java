package io.github.hmmrnn.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Writes files so that a reader (or a retried task) sees either the old file or the complete new
 * one, never a part: the content goes to a temporary file in the same folder, which is then
 * moved over the target.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * @param target the file to write (its folder is created)
     * @param text   its content
     */
    static void writeString(Path target, String text) {
        write(target, tmp -> {
            try {
                Files.writeString(tmp, text);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + tmp, e);
            }
        });
    }

    /**
     * @param target the file to write (its folder is created)
     * @param writer writes the content to the path it is given
     */
    static void write(Path target, Consumer<Path> writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // a name no other process, host or thread picks (not Files.createTempFile, whose
            // owner-only permissions would stay on the result in a shared folder); the suffix
            // keeps a writer that infers the format from the extension (.json) working
            tmp = dir.resolve(String.format(Locale.ROOT, ".%s.%d-%d-%016x.tmp.json", target.getFileName(),
                    ProcessHandle.current().pid(), Thread.currentThread().getId(), ThreadLocalRandom.current().nextLong()));
            writer.accept(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the failure that brought us here is the one to report
                }
            }
        }
    }
}
