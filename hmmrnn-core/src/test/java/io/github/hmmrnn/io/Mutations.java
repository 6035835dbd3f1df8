package io.github.hmmrnn.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutations of a valid input file for the fuzz tests: truncations, byte flips, inserted and
 * deleted bytes, numbers replaced by huge, negative, fractional or non-numeric values, swapped
 * comma-separated fields (shuffled CSV columns) and duplicated lines.
 */
public final class Mutations {

    private Mutations() {
    }

    /** What a mutation does. */
    public enum Kind {
        /** Cut the file at a position. */
        TRUNCATE,
        /** XOR one byte with a non-zero value. */
        FLIP,
        /** Insert a byte. */
        INSERT,
        /** Delete a run of bytes. */
        DELETE,
        /** Replace the number at or after a position by a strange value. */
        NUMBER,
        /** Swap two comma-separated fields of one line. */
        SWAP_FIELDS,
        /** Duplicate the line at a position. */
        DUPLICATE_LINE
    }

    /** Replacements for numbers. */
    static final List<String> STRANGE_NUMBERS = List.of("99999999999999999999999", "-1", "2", "0.5", "NaN", "1e308",
            "-0", "", "x", "\"1\"", "null", "1.0E400", "9223372036854775808", "true");

    /**
     * One mutation.
     *
     * @param kind  what it does
     * @param pos   where, as a fraction of the file in [0, 1)
     * @param value a byte value or an index into the replacement lists
     * @param len   a length for deletions, a second position for swaps
     */
    public record Mutation(Kind kind, double pos, int value, int len) {
    }

    /** @return one to three mutations */
    public static Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Kind.class),
                Arbitraries.doubles().between(0, 1).ofScale(6), Arbitraries.integers().between(1, 255),
                Arbitraries.integers().between(1, 64)).as((k, p, v, l) -> new Mutation(k, Math.min(p, 0.999999), v, l));
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    /**
     * @param base      valid bytes
     * @param mutations what to do
     * @return the mutated bytes
     */
    public static byte[] apply(byte[] base, List<Mutation> mutations) {
        byte[] b = base;
        for (Mutation m : mutations) {
            b = apply(b, m);
        }
        return b;
    }

    private static byte[] apply(byte[] b, Mutation m) {
        int n = b.length;
        int at = (int) (m.pos() * n);
        switch (m.kind()) {
            case TRUNCATE:
                return Arrays.copyOf(b, at);
            case FLIP: {
                if (n == 0) {
                    return b;
                }
                byte[] c = b.clone();
                c[at] ^= (byte) m.value();
                return c;
            }
            case INSERT: {
                byte[] c = new byte[n + 1];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = (byte) m.value();
                System.arraycopy(b, at, c, at + 1, n - at);
                return c;
            }
            case DELETE: {
                int end = Math.min(n, at + m.len());
                byte[] c = new byte[n - (end - at)];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, end, c, at, n - end);
                return c;
            }
            case NUMBER:
                return number(b, at, STRANGE_NUMBERS.get(m.value() % STRANGE_NUMBERS.size()));
            case SWAP_FIELDS:
                return swapFields(b, at, m.len());
            case DUPLICATE_LINE:
                return duplicateLine(b, at);
            default:
                throw new IllegalStateException(m.kind().toString());
        }
    }

    private static byte[] number(byte[] b, int at, String replacement) {
        int i = at;
        while (i < b.length && !Character.isDigit(b[i])) {
            i++;
        }
        if (i == b.length) {
            return b;
        }
        int j = i;
        while (j < b.length && (Character.isDigit(b[j]) || b[j] == '.')) {
            j++;
        }
        return splice(b, i, j, replacement.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] swapFields(byte[] b, int at, int other) {
        int start = lineStart(b, at);
        int end = lineEnd(b, at);
        String line = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        String[] f = line.split(",", -1);
        if (f.length < 2) {
            return b;
        }
        int i = at % f.length;
        int j = (i + other) % f.length;
        String t = f[i];
        f[i] = f[j];
        f[j] = t;
        return splice(b, start, end, String.join(",", f).getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] duplicateLine(byte[] b, int at) {
        int start = lineStart(b, at);
        int end = Math.min(b.length, lineEnd(b, at) + 1);
        byte[] line = Arrays.copyOfRange(b, start, end);
        return splice(b, end, end, line);
    }

    private static int lineStart(byte[] b, int at) {
        int i = Math.min(at, b.length);
        while (i > 0 && b[i - 1] != '\n') {
            i--;
        }
        return i;
    }

    private static int lineEnd(byte[] b, int at) {
        int i = Math.min(at, b.length);
        while (i < b.length && b[i] != '\n') {
            i++;
        }
        return i;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] c = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, c, 0, from);
        System.arraycopy(insert, 0, c, from, insert.length);
        System.arraycopy(b, to, c, from + insert.length, b.length - to);
        return c;
    }

    /**
     * @param prefix name prefix
     * @return a fresh folder for the fuzzed files, in memory ({@code /dev/shm}) where available
     * @throws IOException if none can be created
     */
    public static Path scratchFolder(String prefix) throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, prefix)
                : Files.createTempDirectory(prefix);
    }

    /**
     * Deletes a scratch folder and its files.
     *
     * @param dir the folder
     * @throws IOException if deleting fails
     */
    public static void delete(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Writes {@code bytes} to {@code file} and reads it: the read must succeed or fail with an
     * {@link IllegalArgumentException} whose message names the file; any other exception
     * propagates and fails the property.
     *
     * @param file   where to write
     * @param bytes  the content
     * @param reader the reader under test
     * @return whether the read succeeded
     */
    public static boolean readOrRejectNamingTheFile(Path file, byte[] bytes, Function<Path, ?> reader) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            reader.apply(file);
            return true;
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            assertTrue(m.contains(file.getFileName().toString()), () -> "message does not name the file: " + m);
            return false;
        }
    }
}
