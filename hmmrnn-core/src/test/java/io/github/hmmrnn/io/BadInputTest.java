package io.github.hmmrnn.io;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad-input case raises an exception whose message names file, field, row and value. */
class BadInputTest {

    private static final String EXPORT_HEADER = "rat,session,trial,choice,outcome_port,reward,common,violation,"
            + "forced,p_congruent,left_prob,right_prob,c1_time,s1_time,c2_time,s2_time";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void read_missingFile() {
        Path f = dir.resolve("nope.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> DatasetReaders.read(f));
        assertMessage(e, f.toAbsolutePath().toString(), "does not exist");
        assertThrows(UncheckedIOException.class, () -> MatTwoStepReader.read(dir.resolve("nope.mat")));
        assertThrows(UncheckedIOException.class, () -> NpzTwoStepReader.read(dir.resolve("nope.npz")));
        assertThrows(UncheckedIOException.class, () -> DatasetJson.read(dir.resolve("nope.json")));
    }

    @Test
    void read_unsupportedExtension() throws IOException {
        Path f = write("data.xlsx", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetReaders.read(f));
        assertMessage(e, "data.xlsx", ".mat", ".csv", ".npz", ".json");
    }

    @Test
    void csvRead_emptyFile() throws IOException {
        Path f = write("empty.csv", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "empty.csv", "empty");
    }

    @Test
    void csvRead_headerOnly() throws IOException {
        Path f = write("header.csv", "subject,session,choice,reward,common\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "header.csv", "no data rows");
    }

    @Test
    void csvRead_missingColumn() throws IOException {
        Path f = write("nocommon.csv", "subject,session,choice,reward\ns,0,1,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "nocommon.csv", "missing column 'common'");
    }

    @Test
    void csvRead_exportMissingColumn() throws IOException {
        Path f = write("export.csv", EXPORT_HEADER.replace(",s2_time", "") + "\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "export.csv", "missing column 's2_time'");
    }

    @Test
    void csvRead_unknownSchema() throws IOException {
        Path f = write("odd.csv", "a,b,c\n1,2,3\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "odd.csv", "[a, b, c]", "subject", "outcome_port");
    }

    @Test
    void csvRead_nonBinaryChoice() throws IOException {
        Path f = write("bad.csv", "subject,session,choice,reward,common,p_congruent\ns,0,1,1,1,0.8\ns,0,2,1,1,0.8\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "bad.csv", "line 3", "column 'choice'", "'2'", "{0,1}");
    }

    @Test
    void csvRead_exportNaNReward() throws IOException {
        Path f = write("nan.csv", EXPORT_HEADER + "\nM1,1,1,l,l,NaN,1,0,0,0.8,0.8,0.2,1,2,3,4\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "nan.csv", "line 2", "column 'reward'", "NaN");
    }

    @Test
    void csvRead_exportBadChoiceLetter() throws IOException {
        Path f = write("letter.csv", EXPORT_HEADER + "\nM1,1,1,x,l,1,1,0,0,0.8,0.8,0.2,1,2,3,4\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "letter.csv", "line 2", "column 'choice'", "'x'");
    }

    @Test
    void csvRead_notANumber() throws IOException {
        Path f = write("text.csv", EXPORT_HEADER + "\nM1,1,1,l,l,1,1,0,0,0.8,0.8,0.2,abc,2,3,4\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "text.csv", "line 2", "column 'c1_time'", "'abc'");
    }

    @Test
    void csvRead_wrongCellCount() throws IOException {
        Path f = write("short.csv", "subject,session,choice,reward,common\ns,0,1,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "short.csv", "line 2", "4 cells", "5 columns");
    }

    @Test
    void csvRead_nonContiguousSession() throws IOException {
        Path f = write("split.csv", "subject,session,choice,reward,common,outcome\ns,0,1,1,1,1\ns,1,1,1,1,1\ns,0,1,1,1,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "split.csv", "line 4", "session 0", "not contiguous");
    }

    @Test
    void csvRead_inconsistentPCongruent() throws IOException {
        Path f = write("pc.csv", EXPORT_HEADER + "\nM1,1,1,l,l,1,1,0,0,0.8,0.8,0.2,1,2,3,4\n"
                + "M1,1,2,l,l,1,1,0,0,0.7,0.8,0.2,1,2,3,4\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertMessage(e, "pc.csv", "line 3", "p_congruent 0.7", "0.8");
    }

    @Test
    void subject_unknownName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RoundTripTest.mixed().subject("ratZ"));
        assertMessage(e, "ratZ", "ratA", "ratB");
    }

    @Test
    void npzRead_truncatedNpy() throws IOException {
        byte[] full = Npy.writeInt64(new int[]{2, 3}, new long[]{0, 1, 0, 1, 1, 0});
        byte[] cut = Arrays.copyOf(full, full.length - 5);
        Path f = zip("cut.npz", "actions", cut, "rewards", full, "transitions", full);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpzTwoStepReader.read(f));
        assertMessage(e, "cut.npz", "array 'actions'", "truncated", "needs 48 bytes, found 43");
    }

    @Test
    void npzRead_truncatedHeader() throws IOException {
        byte[] full = Npy.writeInt64(new int[]{3}, new long[]{0, 1, 0});
        Path f = zip("head.npz", "actions", full, "rewards", Arrays.copyOf(full, 20), "transitions", full);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpzTwoStepReader.read(f));
        assertMessage(e, "head.npz", "array 'rewards'", "truncated .npy header");
    }

    @Test
    void npzRead_missingArray() throws IOException {
        byte[] a = Npy.writeInt64(new int[]{3}, new long[]{0, 1, 0});
        Path f = zip("two.npz", "actions", a, "rewards", a);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpzTwoStepReader.read(f));
        assertMessage(e, "two.npz", "'transitions' is missing", "[actions, rewards]");
    }

    @Test
    void npzRead_nonBinaryValue() throws IOException {
        byte[] ok = Npy.writeInt64(new int[]{2, 2}, new long[]{0, 1, 0, 1});
        byte[] bad = Npy.writeInt64(new int[]{2, 2}, new long[]{0, 1, 3, 1});
        Path f = zip("three.npz", "actions", ok, "rewards", bad, "transitions", ok);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpzTwoStepReader.read(f));
        assertMessage(e, "three.npz", "array 'rewards' [1, 0]", "value 3");
    }

    @Test
    void npzRead_shapeMismatch() throws IOException {
        byte[] a = Npy.writeInt64(new int[]{2, 2}, new long[]{0, 1, 0, 1});
        byte[] b = Npy.writeInt64(new int[]{4}, new long[]{0, 1, 0, 1});
        Path f = zip("shape.npz", "actions", a, "rewards", a, "transitions", b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpzTwoStepReader.read(f));
        assertMessage(e, "shape.npz", "'transitions'", "[4]", "[2, 2]");
    }

    @Test
    void npzRead_fortranOrderRejected() throws IOException {
        Path f = copyResource("numpy_fortran.npz");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpzTwoStepReader.read(f));
        assertMessage(e, "numpy_fortran.npz", "Fortran-order");
    }

    @Test
    void npzRead_floatDtypeRejected() throws IOException {
        Path f = copyResource("numpy_float.npz");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpzTwoStepReader.read(f));
        assertMessage(e, "numpy_float.npz", "array 'actions'", "unsupported dtype '<f8'");
    }

    @Test
    void npzRead_notAZip() throws IOException {
        Path f = write("text.npz", "not a zip at all");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpzTwoStepReader.read(f));
        assertMessage(e, "text.npz", "not a valid .npz");
    }

    @Test
    void npzWrite_forcedTrialRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpzTwoStepWriter.write(TwoStepDataset.of(
                        List.of(new Subject("s", 0.7, 2)),
                        List.of(Session.of("s", 0, new int[]{0, 1}, new int[]{0, 1},
                                new int[]{1, 0}, new boolean[]{true, true}, new boolean[]{true, false}, null))),
                        dir.resolve("x.npz")));
        assertMessage(e, "forced");
    }

    @Test
    void matRead_notHdf5() throws IOException {
        Path f = write("fake.mat", "MATLAB 5.0 MAT-file, this is not HDF5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatTwoStepReader.read(f));
        assertMessage(e, "fake.mat", "MATLAB v7.3");
    }

    @Test
    void jsonRead_unknownVersion() throws IOException {
        String json = DatasetJson.toJson(RoundTripTest.mixed()).replace("\"version\":1", "\"version\":99");
        Path f = write("v99.json", json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetJson.read(f));
        assertMessage(e, "v99.json", "unsupported format version 99", "version 1");
    }

    @Test
    void jsonRead_missingField() throws IOException {
        String json = DatasetJson.toJson(RoundTripTest.mixed()).replaceFirst("\"rewards\"", "\"rewardz\"");
        Path f = write("miss.json", json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetJson.read(f));
        assertMessage(e, "miss.json", "sessions[0]", "'rewards' is missing");
    }

    @Test
    void jsonRead_nonBinaryValue() throws IOException {
        String json = DatasetJson.toJson(RoundTripTest.mixed()).replaceFirst("\"choices\":\\[0,", "\"choices\":[5,");
        Path f = write("five.json", json);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetJson.read(f));
        assertMessage(e, "five.json", "sessions[0]", "choice 5", "trial 0");
    }

    @Test
    void jsonRead_emptyFile() throws IOException {
        Path f = write("empty.json", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetJson.read(f));
        assertMessage(e, "empty.json", "empty");
    }

    private Path zip(String name, Object... entries) throws IOException {
        Path f = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            for (int i = 0; i < entries.length; i += 2) {
                z.putNextEntry(new ZipEntry(entries[i] + ".npy"));
                z.write((byte[]) entries[i + 1]);
                z.closeEntry();
            }
        }
        return f;
    }

    private Path copyResource(String name) throws IOException {
        Path target = dir.resolve(name);
        try (var in = BadInputTest.class.getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return target;
    }
}
