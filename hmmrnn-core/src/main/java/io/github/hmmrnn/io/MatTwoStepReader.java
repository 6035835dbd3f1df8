package io.github.hmmrnn.io;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Arrays;

/**
 * Reads the MixtureAgentsModels two-step rat data (Venditto et al.; e.g. {@code ofc_physdata.mat})
 * from a MATLAB v7.3 (HDF5) file.
 *
 * <p>Layout: a top-level variable {@code ratdatas}, a cell array of structs, one per rat, with
 * fields {@code ratname} (char), {@code p_congruent} (scalar), and per-trial vectors
 * {@code sides1}, {@code sides2} (chars 'l'/'r', 'v' = violation), {@code rewards},
 * {@code trans_common}, {@code new_sess}, {@code viols}, {@code better_choices} and the event
 * times {@code c1_times}, {@code s1_times}, {@code c2_times}, {@code s2_times}.
 *
 * <p>Rules (those of MixtureAgentsModels):
 * <ul>
 *   <li>A trial is a violation, and is dropped, when {@code viols} ≠ 0, {@code sides2} is 'v', or
 *       any of the four event times is NaN. When a session's first trial is dropped, the next kept
 *       trial starts the session. Sessions are numbered 0, 1, ... per rat.</li>
 *   <li>Forced trials ({@code better_choices} NaN) are kept with {@code scored = false}.</li>
 * </ul>
 *
 * <p>Coding of the resulting {@link Session}s: choice = {@code sides1}, 0 = left ('l'), 1 = right
 * ('r'); outcome = {@code sides2}, second-step port 0 = left, 1 = right; reward = {@code rewards}
 * (0/1); common = {@code trans_common} = 1. Each rat becomes one {@link Subject} with its
 * {@code ratname}, {@code p_congruent} and the raw trial count before violations were removed.
 * Other fields ({@code leftprobs}, {@code bad_timing}, ...) are ignored.
 */
public final class MatTwoStepReader {

    private static final Logger LOG = LoggerFactory.getLogger(MatTwoStepReader.class);

    /** Name of the top-level cell array of rat structs. */
    public static final String TOP_LEVEL_VARIABLE = "ratdatas";

    private MatTwoStepReader() {
    }

    /**
     * Reads every rat of the file.
     *
     * @param file a MATLAB v7.3 file with a {@code ratdatas} cell array
     * @return one subject per rat, its kept trials split into sessions
     * @throws IllegalArgumentException if the file is not HDF5 or is corrupt, a variable or field is missing, a
     *                                  vector has the wrong length, or a kept trial holds a value
     *                                  outside its coding (the message names file, rat, field,
     *                                  1-based raw trial and value)
     * @throws java.io.UncheckedIOException if the file does not exist or cannot be read
     */
    public static TwoStepDataset read(Path file) {
        IoSupport.requireReadableFile(file);
        List<Subject> subjects = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        try (HdfFile hdf = new HdfFile(file)) {
            Node top = hdf.getChildren().get(TOP_LEVEL_VARIABLE);
            if (top == null) {
                TreeSet<String> names = new TreeSet<>(hdf.getChildren().keySet());
                names.remove("#refs#");
                throw new IllegalArgumentException("file " + file + ": no top-level variable '"
                        + TOP_LEVEL_VARIABLE + "'; variables present: " + names);
            }
            if (!(top instanceof Dataset cell) || !"cell".equals(matlabClass(top))) {
                throw new IllegalArgumentException("file " + file + ": variable '" + TOP_LEVEL_VARIABLE
                        + "' must be a MATLAB cell array of structs, found class " + matlabClass(top));
            }
            long[] refs = flattenLongs(cell.getData());
            for (int k = 0; k < refs.length; k++) {
                String cellWhere = "file " + file + ", " + TOP_LEVEL_VARIABLE + " cell " + (k + 1)
                        + " of " + refs.length;
                Node node = hdf.getNodeByAddress(refs[k]);
                if (!(node instanceof Group rat)) {
                    throw new IllegalArgumentException(cellWhere + ": expected a struct, found "
                            + node.getType() + " of class " + matlabClass(node));
                }
                readRat(rat, cellWhere, file, subjects, sessions);
            }
        } catch (HdfException e) {
            throw new IllegalArgumentException("file " + file
                    + " is not a readable MATLAB v7.3 (HDF5) file: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).contains(file.toString())) {
                throw e;
            }
            throw corrupt(file, e);
        } catch (RuntimeException | StackOverflowError e) {
            // jhdf trusts the offsets and sizes it reads: on a corrupt file it fails with whatever
            // the bad number causes (ArithmeticException, BufferUnderflowException, index or
            // negative-size errors, endless recursion through a cyclic reference, ...).
            throw corrupt(file, e);
        }
        TwoStepDataset data = TwoStepDataset.of(subjects, sessions);
        LOG.info("Read {} from {}", data, file);
        return data;
    }

    private static IllegalArgumentException corrupt(Path file, Throwable e) {
        return new IllegalArgumentException("file " + file + " is not a readable MATLAB v7.3 (HDF5) file: its"
                + " structure is corrupt or truncated (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }

    private static void readRat(Group rat, String cellWhere, Path file, List<Subject> subjects,
                                List<Session> sessions) {
        Map<String, Node> fields = rat.getChildren();
        String name = chars(field(fields, "ratname", cellWhere)).trim();
        String where = "file " + file + ", rat " + name;
        double[] pc = doubles(field(fields, "p_congruent", where));
        if (pc.length != 1) {
            throw new IllegalArgumentException(where + ": field 'p_congruent' must be a scalar, has "
                    + pc.length + " elements");
        }
        char[] sides1 = chars(field(fields, "sides1", where)).toCharArray();
        int n = sides1.length;
        char[] sides2 = chars(vector(fields, "sides2", where, n)).toCharArray();
        double[] rewards = doubles(vector(fields, "rewards", where, n));
        double[] transCommon = doubles(vector(fields, "trans_common", where, n));
        double[] newSess = doubles(vector(fields, "new_sess", where, n));
        double[] viols = doubles(vector(fields, "viols", where, n));
        double[] better = doubles(vector(fields, "better_choices", where, n));
        double[] c1 = doubles(vector(fields, "c1_times", where, n));
        double[] s1 = doubles(vector(fields, "s1_times", where, n));
        double[] c2 = doubles(vector(fields, "c2_times", where, n));
        double[] s2 = doubles(vector(fields, "s2_times", where, n));
        if (fields.containsKey("nTrials")) {
            double[] nt = doubles(field(fields, "nTrials", where));
            if (nt.length != 1 || nt[0] != n) {
                throw new IllegalArgumentException(where + ": field 'nTrials' = "
                        + Arrays.toString(nt) + " but the trial vectors have " + n + " elements");
            }
        }
        SessionAssembler asm = new SessionAssembler(name);
        for (int i = 0; i < n; i++) {
            if (i == 0 || newSess[i] == 1) {
                asm.markSessionStart();
            }
            if (IoSupport.isViolation(viols[i], sides2[i], c1[i], s1[i], c2[i], s2[i])) {
                continue;
            }
            String at = where + ", trial " + (i + 1);
            asm.add(IoSupport.port(sides1[i], at, "field 'sides1'"),
                    IoSupport.port(sides2[i], at, "field 'sides2'"),
                    IoSupport.binary(rewards[i], at, "field 'rewards'"),
                    IoSupport.binary(transCommon[i], at, "field 'trans_common'") == 1,
                    !Double.isNaN(better[i]), -1, at);
        }
        List<Session> kept = asm.finish();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(where + ": all " + n + " trials are violations; no session left");
        }
        Subject subject;
        try {
            subject = new Subject(name, pc[0], n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        for (Subject s : subjects) {
            if (s.name().equals(name)) {
                throw new IllegalArgumentException(where + ": rat name appears twice in " + TOP_LEVEL_VARIABLE);
            }
        }
        subjects.add(subject);
        sessions.addAll(kept);
    }

    private static Dataset field(Map<String, Node> fields, String name, String where) {
        Node node = fields.get(name);
        if (node == null) {
            throw new IllegalArgumentException(where + ": field '" + name + "' is missing; fields present: "
                    + new TreeSet<>(fields.keySet()));
        }
        if (!(node instanceof Dataset d)) {
            throw new IllegalArgumentException(where + ": field '" + name + "' is a " + node.getType()
                    + ", expected a numeric or char array");
        }
        return d;
    }

    private static Dataset vector(Map<String, Node> fields, String name, String where, int n) {
        Dataset d = field(fields, name, where);
        long size = isEmpty(d) ? 0 : d.getSize();
        if (size != n) {
            throw new IllegalArgumentException(where + ": field '" + name + "' has " + size
                    + " elements but 'sides1' has " + n);
        }
        return d;
    }

    private static boolean isEmpty(Dataset d) {
        // MATLAB stores an empty array's dimensions as its data and flags it with MATLAB_empty.
        Attribute a = d.getAttribute("MATLAB_empty");
        if (a == null) {
            return false;
        }
        Object v = a.getData();
        return v instanceof Number num ? num.longValue() != 0 : flattenLongs(v).length > 0 && flattenLongs(v)[0] != 0;
    }

    private static String matlabClass(Node node) {
        Attribute a = node.getAttribute("MATLAB_class");
        return a == null ? "(none)" : String.valueOf(a.getData());
    }

    private static double[] doubles(Dataset d) {
        if (isEmpty(d)) {
            return new double[0];
        }
        List<Number> out = new ArrayList<>();
        flatten(d.getData(), out);
        double[] v = new double[out.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = out.get(i).doubleValue();
        }
        return v;
    }

    /** MATLAB char arrays are stored as uint16 UTF-16 code units. */
    private static String chars(Dataset d) {
        if (isEmpty(d)) {
            return "";
        }
        List<Number> out = new ArrayList<>();
        flatten(d.getData(), out);
        StringBuilder sb = new StringBuilder(out.size());
        for (Number x : out) {
            sb.append((char) x.intValue());
        }
        return sb.toString();
    }

    private static long[] flattenLongs(Object data) {
        List<Number> out = new ArrayList<>();
        flatten(data, out);
        long[] v = new long[out.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = out.get(i).longValue();
        }
        return v;
    }

    // MATLAB vectors are 1×N or N×1, so C-order flattening of any shape gives the vector.
    private static void flatten(Object data, List<Number> out) {
        if (data instanceof Number num) {
            out.add(num);
        } else if (data instanceof Character c) {
            out.add((int) c);
        } else if (data != null && data.getClass().isArray()) {
            int len = Array.getLength(data);
            for (int i = 0; i < len; i++) {
                flatten(Array.get(data, i), out);
            }
        } else {
            throw new IllegalArgumentException("unsupported MATLAB value of type "
                    + (data == null ? "null" : data.getClass().getName()));
        }
    }
}
