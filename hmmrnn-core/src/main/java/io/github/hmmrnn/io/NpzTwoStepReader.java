package io.github.hmmrnn.io;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.io.EOFException;

/**
 * Reads the original Python project's {@code .npz} datasets (a zip of NumPy {@code .npy} arrays,
 * as written by {@code numpy.savez} or {@code numpy.savez_compressed}).
 *
 * <p>Arrays: {@code actions} (first-step choice, 0/1), {@code rewards} (0/1), {@code transitions}
 * (1 = common transition) and optionally {@code phases} (ground-truth latent phase, &gt;= 0); each
 * of shape [sequences, trials], all the same shape; a rank-1 array [trials] is one sequence. Dtypes:
 * little-endian int64, int32, int8, uint8 or bool, C order; anything else is rejected.
 *
 * <p>Each sequence becomes one session (index = row). The format has no second-step state and no
 * forced-trial mask, so outcome is derived as the choice on common trials and {@code 1 - choice}
 * on rare ones (common = congruent, the synthetic generator's convention), and every trial is
 * scored. The single subject's {@code pCongruent} is estimated as the fraction of common
 * transitions (its maximum-likelihood estimate) and its raw trial count is the number of trials.
 * Other arrays in the archive are ignored.
 */
public final class NpzTwoStepReader {

    private static final Logger LOG = LoggerFactory.getLogger(NpzTwoStepReader.class);

    private NpzTwoStepReader() {
    }

    /**
     * Reads the file, naming the subject after the file name without its extension.
     *
     * @param file the {@code .npz} file
     * @return one subject, one session per sequence
     * @throws IllegalArgumentException as {@link #read(Path, String)}
     * @throws java.io.UncheckedIOException if the file does not exist or cannot be read
     */
    public static TwoStepDataset read(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return read(file, dot > 0 ? name.substring(0, dot) : name);
    }

    /**
     * Reads the file.
     *
     * @param file    the {@code .npz} file
     * @param subject subject name given to every session
     * @return one subject, one session per sequence
     * @throws IllegalArgumentException if the file is not a zip, an array is missing, truncated, of
     *                                  an unsupported dtype or order, of rank other than 1 or 2,
     *                                  shapes differ, or a value is outside its range (the message
     *                                  names file, array, [sequence, trial] and value)
     * @throws java.io.UncheckedIOException if the file does not exist or cannot be read
     */
    public static TwoStepDataset read(Path file, String subject) {
        Objects.requireNonNull(subject, "subject");
        IoSupport.requireReadableFile(file);
        Map<String, Npy.NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String n = e.getName();
                if (!n.endsWith(".npy")) {
                    continue;
                }
                String key = n.substring(0, n.length() - 4);
                if (!List.of("actions", "rewards", "transitions", "phases").contains(key)) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                } catch (ZipException | EOFException ex) {
                    throw new IllegalArgumentException("file " + file + ", array '" + key
                            + "': corrupt or truncated zip entry: " + ex.getMessage(), ex);
                }
                arrays.put(key, Npy.parse(bytes, "file " + file + ", array '" + key + "'"));
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException("file " + file + " is not a valid .npz (zip) archive: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw IoSupport.readFailure(file, ".npz file", e);
        }
        for (String required : List.of("actions", "rewards", "transitions")) {
            if (!arrays.containsKey(required)) {
                throw new IllegalArgumentException("file " + file + ": array '" + required
                        + "' is missing; required arrays are actions, rewards, transitions (phases optional),"
                        + " found " + arrays.keySet());
            }
        }
        int[] shape = matrixShape(file, "actions", arrays.get("actions"));
        for (String k : arrays.keySet()) {
            int[] s = matrixShape(file, k, arrays.get(k));
            if (!Arrays.equals(s, shape)) {
                throw new IllegalArgumentException("file " + file + ": array '" + k + "' has shape "
                        + Arrays.toString(arrays.get(k).shape()) + " but 'actions' has "
                        + Arrays.toString(arrays.get("actions").shape()));
            }
        }
        int sequences = shape[0];
        int trials = shape[1];
        if (sequences == 0 || trials == 0) {
            throw new IllegalArgumentException("file " + file + ": arrays have shape "
                    + Arrays.toString(arrays.get("actions").shape()) + "; need at least one sequence of one trial");
        }
        long[] a = arrays.get("actions").values();
        long[] r = arrays.get("rewards").values();
        long[] tr = arrays.get("transitions").values();
        long[] ph = arrays.containsKey("phases") ? arrays.get("phases").values() : null;
        List<Session> sessions = new ArrayList<>(sequences);
        long commonCount = 0;
        for (int b = 0; b < sequences; b++) {
            int[] choices = new int[trials];
            int[] outcomes = new int[trials];
            int[] rewards = new int[trials];
            boolean[] common = new boolean[trials];
            boolean[] scored = new boolean[trials];
            int[] phases = ph == null ? null : new int[trials];
            for (int t = 0; t < trials; t++) {
                int i = b * trials + t;
                choices[t] = binary(file, "actions", a[i], b, t);
                rewards[t] = binary(file, "rewards", r[i], b, t);
                common[t] = binary(file, "transitions", tr[i], b, t) == 1;
                outcomes[t] = common[t] ? choices[t] : 1 - choices[t];
                scored[t] = true;
                commonCount += common[t] ? 1 : 0;
                if (ph != null) {
                    if (ph[i] < 0 || ph[i] > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("file " + file + ", array 'phases' [" + b + ", " + t
                                + "]: phase " + ph[i] + " must be a non-negative int");
                    }
                    phases[t] = (int) ph[i];
                }
            }
            sessions.add(Session.of(subject, b, choices, outcomes, rewards, common, scored, phases));
        }
        int total = sequences * trials;
        TwoStepDataset data = TwoStepDataset.of(
                List.of(new Subject(subject, (double) commonCount / total, total)), sessions);
        LOG.info("Read {} from {}", data, file);
        return data;
    }

    private static int[] matrixShape(Path file, String key, Npy.NpyArray arr) {
        int[] s = arr.shape();
        if (s.length == 1) {
            return new int[]{1, s[0]};
        }
        if (s.length == 2) {
            return s;
        }
        throw new IllegalArgumentException("file " + file + ", array '" + key + "': rank " + s.length + " (shape "
                + Arrays.toString(s) + "); expected [sequences, trials] or [trials]");
    }

    private static int binary(Path file, String key, long v, int b, int t) {
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException("file " + file + ", array '" + key + "' [" + b + ", " + t
                    + "]: value " + v + " not in {0,1}");
        }
        return (int) v;
    }
}
