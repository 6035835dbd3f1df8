package io.github.hmmrnn.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.hmmrnn.agents.Agent;
import io.github.hmmrnn.agents.Agents;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.moa.FittedHmmMoa;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.moa.MoaSimulator;
import io.github.hmmrnn.moa.TwoStepTask;

/** The files of a fit written on several threads are those written on one. */
class ParallelWriteTest {

    @Test
    void writeFit_writesTheSameBytesOnOneAndOnSeveralThreads(@TempDir Path dir) throws IOException {
        List<Agent> agents = List.of(Agents.mbRewardB().withParameter("alpha", 0.5, true),
                Agents.mfChoiceB().withParameter("alpha", 0.4, true), Agents.bias());
        FittedHmmMoa truth = FittedHmmMoa.of(agents, new double[][] {{2.0, 0.2}, {0.1, 1.0}, {0.0, 0.3}},
                new double[] {0.8, 0.2}, new double[][] {{0.95, 0.05}, {0.05, 0.95}});
        TwoStepDataset data = MoaSimulator.simulate(truth, 3, 80, TwoStepTask.DEFAULT, 5);
        FittedHmmMoa fit = HmmMoaModel.builder().states(2).agents(List.of(Agents.mbRewardB(), Agents.mfChoiceB(),
                Agents.bias())).seed(4).maxIterations(5).build().fit(data);
        Path source = dir.resolve("source.csv");
        Files.writeString(source, "subject,session\n");
        Provenance.DataFile file = Provenance.DataFile.of(source);

        List<Path> one = RealDataReport.writeFit(fit, data, file, dir.resolve("one"), 1);
        List<Path> three = RealDataReport.writeFit(fit, data, file, dir.resolve("three"), 3);
        // the one-thread overload is the sequential writer
        List<Path> plain = RealDataReport.writeFit(fit, data, file, dir.resolve("plain"));

        assertEquals(relative(dir.resolve("one"), one), relative(dir.resolve("three"), three));
        assertEquals(relative(dir.resolve("one"), one), relative(dir.resolve("plain"), plain));
        assertEquals("fit.json", one.get(0).getFileName().toString());
        assertTrue(one.stream().anyMatch(p -> p.getFileName().toString().equals("agent_weight_traces.svg")));
        // every file listed is written, and nothing else (no stray temporary file)
        try (Stream<Path> s = Files.list(dir.resolve("three"))) {
            assertEquals(three.size(), s.count());
        }
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(Files.readAllBytes(one.get(i)), Files.readAllBytes(three.get(i)),
                    one.get(i).getFileName().toString());
            assertArrayEquals(Files.readAllBytes(one.get(i)), Files.readAllBytes(plain.get(i)),
                    one.get(i).getFileName().toString());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RealDataReport.writeFit(fit, data, file, dir.resolve("none"), 0));
        assertTrue(e.getMessage().contains("threads"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("none")));
    }

    @Test
    void run_runsEveryJobAndThrowsTheFirstFailureInListOrder(@TempDir Path dir) {
        List<FileJobs.Job> jobs = new ArrayList<>();
        UncheckedIOException first = new UncheckedIOException("first", new IOException("first"));
        IllegalStateException second = new IllegalStateException("second");
        for (int i = 0; i < 6; i++) {
            Path p = dir.resolve("f" + i);
            int index = i;
            jobs.add(new FileJobs.Job(p, () -> {
                if (index == 2) {
                    throw first;
                }
                if (index == 4) {
                    throw second;
                }
                try {
                    Files.writeString(p, "x");
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }));
        }
        for (int threads : new int[] {1, 2, 4}) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> FileJobs.run(jobs, threads));
            if (threads == 1) {
                // one after another: stops at the first failure
                assertSame(first, e);
            } else {
                assertSame(first, e, "threads " + threads);
                for (int i : new int[] {0, 1, 3, 5}) {
                    assertTrue(Files.exists(dir.resolve("f" + i)), "threads " + threads + ", file " + i);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> FileJobs.run(jobs, 0));
    }

    private static List<Path> relative(Path base, List<Path> files) {
        return files.stream().map(base::relativize).toList();
    }
}
