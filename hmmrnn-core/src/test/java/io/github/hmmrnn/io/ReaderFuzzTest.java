package io.github.hmmrnn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Fuzzing of the dataset readers: 10,000 mutations of a valid CSV, JSON and NPZ file each
 * (truncations, byte flips, inserted and deleted bytes, strange numbers, swapped columns,
 * duplicated lines). Every read must either succeed or fail with an
 * {@link IllegalArgumentException} naming the file — never another exception type.
 */
class ReaderFuzzTest {

    private static final Path DIR;
    private static final byte[] CSV;
    private static final byte[] JSON;
    private static final byte[] NPZ;

    static {
        try {
            DIR = Mutations.scratchFolder("hmmrnn-fuzz");
            TwoStepDataset data = TwoStepGenerator.builder().sequences(2).trials(12).seed(4).build().generate();
            CsvTwoStepWriter.write(data, DIR.resolve("base.csv"));
            DatasetJson.write(data, DIR.resolve("base.json"));
            NpzTwoStepWriter.write(data, DIR.resolve("base.npz"));
            CSV = Files.readAllBytes(DIR.resolve("base.csv"));
            JSON = Files.readAllBytes(DIR.resolve("base.json"));
            NPZ = Files.readAllBytes(DIR.resolve("base.npz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PrintStream savedErr;

    /**
     * Mutated headers rename columns, and the CSV reader warns about each ignored one; thousands
     * of such warnings would bury the build log, so the log (slf4j-simple writes to the current
     * System.err) is muted while a property runs. The assertions do not depend on it.
     */
    @BeforeProperty
    void muteLog() {
        savedErr = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterProperty
    void restoreLog() {
        System.setErr(savedErr);
    }

    @Provide
    Arbitrary<List<Mutations.Mutation>> mutations() {
        return Mutations.mutations();
    }

    @Property(tries = 10_000, seed = "13")
    void csv(@ForAll("mutations") List<Mutations.Mutation> m) {
        Mutations.readOrRejectNamingTheFile(DIR.resolve("fuzz.csv"), Mutations.apply(CSV, m), CsvTwoStepReader::read);
    }

    @Property(tries = 10_000, seed = "13")
    void json(@ForAll("mutations") List<Mutations.Mutation> m) {
        Mutations.readOrRejectNamingTheFile(DIR.resolve("fuzz.json"), Mutations.apply(JSON, m), DatasetJson::read);
    }

    @Property(tries = 10_000, seed = "13")
    void npz(@ForAll("mutations") List<Mutations.Mutation> m) {
        Mutations.readOrRejectNamingTheFile(DIR.resolve("fuzz.npz"), Mutations.apply(NPZ, m), NpzTwoStepReader::read);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        Mutations.delete(DIR);
    }
}
