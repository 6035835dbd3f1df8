package io.github.hmmrnn.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzing of the MAT reader: 10,000 mutations (truncations, byte flips, inserted and deleted
 * bytes, ...) of the tiny MATLAB v7.3 fixture ({@code tiny_v73.mat}, made-up values). Every read
 * must succeed or fail with an {@link IllegalArgumentException} naming the file, within a time
 * bound: never another exception or error type, never a hang.
 */
class MatFuzzTest {

    private static final Path DIR;
    private static final byte[] MAT;

    static {
        try {
            DIR = Mutations.scratchFolder("hmmrnn-matfuzz");
            MAT = MatFixtureTest.fixture();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<List<Mutations.Mutation>> mutations() {
        return Mutations.mutations();
    }

    @Property(tries = 10_000, seed = "13")
    void mat(@ForAll("mutations") List<Mutations.Mutation> m) {
        byte[] bytes = Mutations.apply(MAT, m);
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Mutations.readOrRejectNamingTheFile(DIR.resolve("fuzz.mat"), bytes, MatTwoStepReader::read));
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        Mutations.delete(DIR);
    }
}
