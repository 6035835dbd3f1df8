package io.github.hmmrnn.io;

import io.github.hmmrnn.data.Session;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipException;

/** Shared checks and codings of the readers. */
final class IoSupport {

    private IoSupport() {
    }

    /**
     * @throws UncheckedIOException naming the file if it does not exist or is not a regular file
     */
    static void requireReadableFile(Path file) {
        if (!Files.exists(file)) {
            throw new UncheckedIOException("dataset file " + file.toAbsolutePath() + " does not exist",
                    new NoSuchFileException(file.toString()));
        }
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException("dataset file " + file.toAbsolutePath()
                    + " is not a regular file", new IOException(file.toString()));
        }
    }

    /**
     * A failure while reading a file: content that cannot be decoded (not UTF-8, a corrupt or
     * truncated zip) is the file's fault and becomes an {@link IllegalArgumentException}; any
     * other I/O failure stays an {@link UncheckedIOException}. Both name the file.
     */
    static RuntimeException readFailure(Path file, String what, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new IllegalArgumentException(file.toAbsolutePath() + " is not UTF-8 text; expected a " + what, e);
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return new IllegalArgumentException(file.toAbsolutePath() + " is corrupt or truncated; expected a " + what
                    + " (" + (e.getMessage() == null ? "unexpected end of data" : e.getMessage()) + ")", e);
        }
        return ioFailure(file, "read " + what, e);
    }

    /** Wraps an I/O failure with a message naming the file. */
    static UncheckedIOException ioFailure(Path file, String what, IOException e) {
        return new UncheckedIOException("cannot " + what + " " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }

    /**
     * MixtureAgentsModels' violation rule: a trial is dropped when {@code viols} is not 0 (NaN
     * counts as not 0), the second-step port is 'v', or any of the four event times is NaN.
     */
    static boolean isViolation(double viol, char outcomePort, double c1, double s1, double c2, double s2) {
        return viol != 0 || outcomePort == 'v' || Double.isNaN(c1) || Double.isNaN(s1)
                || Double.isNaN(c2) || Double.isNaN(s2);
    }

    /** 'l' → 0, 'r' → 1 (case-insensitive). */
    static int port(char c, String where, String field) {
        return switch (c) {
            case 'l', 'L' -> 0;
            case 'r', 'R' -> 1;
            default -> throw new IllegalArgumentException(where + ": " + field + " '" + c
                    + "' is not 'l' (left) or 'r' (right)");
        };
    }

    /** A double that must be exactly 0 or 1. */
    static int binary(double v, String where, String field) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException(where + ": " + field + " is NaN, expected 0 or 1");
        }
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException(where + ": " + field + " " + v + " not in {0,1}");
        }
        return (int) v;
    }

    /** Fraction of trials whose outcome port equals the choice: the MLE of p_congruent. */
    static double congruentFraction(List<Session> sessions) {
        long n = 0;
        long congruent = 0;
        for (Session s : sessions) {
            for (int t = 0; t < s.length(); t++) {
                n++;
                if (s.outcome(t) == s.choice(t)) {
                    congruent++;
                }
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("cannot estimate p_congruent from zero trials");
        }
        return (double) congruent / n;
    }
}
