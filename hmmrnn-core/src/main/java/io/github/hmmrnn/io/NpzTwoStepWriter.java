package io.github.hmmrnn.io;

import java.io.UncheckedIOException;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a dataset as the original Python project's {@code .npz}: int64 arrays {@code actions},
 * {@code rewards}, {@code transitions} (1 = common) of shape [sessions, trials], plus
 * {@code phases} when every session has phases; readable by {@code numpy.load} and by
 * {@link NpzTwoStepReader}.
 *
 * <p>The format cannot hold subject metadata, forced trials, second-step states that differ from
 * the common = congruent convention, or sessions of different lengths; rather than silently
 * losing them, {@link #write} rejects such datasets.
 */
public final class NpzTwoStepWriter {

    private NpzTwoStepWriter() {
    }

    /**
     * Writes the dataset, replacing the file if it exists.
     *
     * @param data the dataset: one subject, sessions of equal length, all trials scored, outcome =
     *             choice on common trials and 1 - choice on rare ones, phases on all sessions or none
     * @param file destination
     * @throws IllegalArgumentException if the dataset violates one of those conditions (the message
     *                                  names the session, trial and value)
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(TwoStepDataset data, Path file) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(file, "file");
        if (data.subjects().size() != 1) {
            throw new IllegalArgumentException(".npz holds one subject, the dataset has "
                    + data.subjectNames() + "; write each subject (TwoStepDataset.forSubject) to its own file");
        }
        List<Session> sessions = data.sessions();
        int trials = sessions.get(0).length();
        boolean phases = sessions.get(0).hasPhases();
        int b = sessions.size();
        long[] actions = new long[b * trials];
        long[] rewards = new long[b * trials];
        long[] transitions = new long[b * trials];
        long[] phaseValues = new long[b * trials];
        for (int i = 0; i < b; i++) {
            Session s = sessions.get(i);
            String where = "session " + i + " (subject " + s.subject() + ", index " + s.index() + ")";
            if (s.length() != trials) {
                throw new IllegalArgumentException(where + " has " + s.length() + " trials but session 0 has "
                        + trials + "; .npz arrays are rectangular [sessions, trials]");
            }
            if (s.hasPhases() != phases) {
                throw new IllegalArgumentException(where + (s.hasPhases() ? " has" : " lacks")
                        + " phases unlike session 0; .npz needs phases on all sessions or none");
            }
            for (int t = 0; t < trials; t++) {
                if (!s.scored(t)) {
                    throw new IllegalArgumentException(where + ", trial " + t
                            + " is a forced (unscored) trial; .npz has no forced-trial mask");
                }
                int derived = s.common(t) ? s.choice(t) : 1 - s.choice(t);
                if (s.outcome(t) != derived) {
                    throw new IllegalArgumentException(where + ", trial " + t + ": outcome " + s.outcome(t)
                            + " differs from the common = congruent convention (expected " + derived
                            + "); .npz cannot store it");
                }
                int k = i * trials + t;
                actions[k] = s.choice(t);
                rewards[k] = s.reward(t);
                transitions[k] = s.common(t) ? 1 : 0;
                phaseValues[k] = phases ? s.phase(t) : 0;
            }
        }
        int[] shape = {b, trials};
        try {
            AtomicFiles.write(file, os -> {
                ZipOutputStream zip = new ZipOutputStream(os);
                entry(zip, "actions", Npy.writeInt64(shape, actions));
                entry(zip, "rewards", Npy.writeInt64(shape, rewards));
                entry(zip, "transitions", Npy.writeInt64(shape, transitions));
                if (phases) {
                    entry(zip, "phases", Npy.writeInt64(shape, phaseValues));
                }
                // finish, not close: AtomicFiles owns the stream
                zip.finish();
            });
        } catch (UncheckedIOException e) {
            throw IoSupport.ioFailure(file, "write .npz file", e.getCause());
        }
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name + ".npy"));
        zip.write(bytes);
        zip.closeEntry();
    }
}
