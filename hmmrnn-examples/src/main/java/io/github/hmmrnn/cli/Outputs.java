package io.github.hmmrnn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.github.hmmrnn.io.DatasetReaders;

/**
 * Checks made on output paths before any work starts, so that a long fit never ends in "cannot
 * write", and earlier results are never replaced without {@code --force}.
 */
final class Outputs {

    private Outputs() {
    }

    /**
     * Checks an output file: not a folder, not an existing non-empty file unless {@code force},
     * and creatable (its nearest existing ancestor is a writable folder).
     *
     * @param file   the output file
     * @param force  whether {@code --force} was given
     * @param option the option that named it, for messages
     */
    static void checkFile(Path file, boolean force, String option) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder; expected a file name");
        }
        if (Files.exists(file) && !force && size(file) > 0) {
            throw new IllegalArgumentException(option + " " + file + " already exists; pass --force to replace it, "
                    + "or choose another file");
        }
        checkCreatable(file, option + " " + file);
    }

    /**
     * {@link #checkFile} for a dataset file, whose extension picks the format.
     *
     * @param file  the output file
     * @param force whether {@code --force} was given
     */
    static void checkDatasetFile(Path file, boolean force) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (DatasetReaders.WRITABLE_EXTENSIONS.stream().noneMatch(name::endsWith)) {
            throw new IllegalArgumentException("--out " + file + ": cannot write this format; the extension must be "
                    + "one of " + DatasetReaders.WRITABLE_EXTENSIONS + (name.endsWith(".mat")
                    ? " (.mat is read-only: the MATLAB files come from the original experiments)" : ""));
        }
        checkFile(file, force, "--out");
    }

    /**
     * Checks an output folder: not an existing file, empty or absent unless {@code force}, and
     * creatable.
     *
     * @param dir   the output folder
     * @param force whether {@code --force} (or {@code --resume}) lets the command write into a
     *              non-empty folder
     * @param hint  what else the user can pass, appended to the message (may be empty)
     */
    static void checkFolder(Path dir, boolean force, String hint) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--out " + dir + " is an existing file; expected a folder");
        }
        if (!force && !isEmptyOrAbsent(dir)) {
            throw new IllegalArgumentException("--out " + dir + " already holds results; pass --force to replace "
                    + "them" + hint + ", or choose another --out");
        }
        checkCreatable(dir.resolve("probe"), "--out " + dir);
    }

    /**
     * @param dir a folder
     * @return whether it is absent or holds nothing
     */
    static boolean isEmptyOrAbsent(Path dir) {
        if (!Files.isDirectory(dir)) {
            return !Files.exists(dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * Deletes the given entries of {@code dir} (files or whole folders), leaving everything else.
     *
     * @param dir   the folder
     * @param names entries the command owns
     */
    static void clearOwned(Path dir, List<String> names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (!Files.exists(p)) {
                continue;
            }
            try {
                Files.walkFileTree(p, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                        Files.delete(f);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                        if (e != null) {
                            throw e;
                        }
                        Files.delete(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the earlier " + p, e);
            }
        }
    }

    /**
     * Checks that {@code target} can be created: its nearest existing ancestor must be a folder in
     * which a file can be created (probed with a temporary file, since a root user passes
     * permission checks on read-only file systems such as /proc).
     */
    private static void checkCreatable(Path target, String what) {
        Path abs = target.toAbsolutePath().normalize();
        Path ancestor = abs.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            throw new IllegalArgumentException(what + ": no existing parent folder");
        }
        if (!Files.isDirectory(ancestor)) {
            throw new IllegalArgumentException(what + ": " + ancestor + " is a file, so nothing can be created under it");
        }
        try {
            Path probe = Files.createTempFile(ancestor, ".hmmrnn-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new IllegalArgumentException(what + ": cannot create files in " + ancestor
                    + " (" + e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(Locale.ROOT).trim() + "); choose a writable location");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 1;
        }
    }
}
