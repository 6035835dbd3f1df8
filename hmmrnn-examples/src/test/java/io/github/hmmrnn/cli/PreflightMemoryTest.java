package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.experiment.ModelKind;
import io.github.hmmrnn.io.CsvTwoStepWriter;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/** The memory estimate of big fits fails fast, naming the fit and how much it needs. */
class PreflightMemoryTest {

    @TempDir
    Path tmp;

    @Test
    void sizes_followWhatEachKindFits() {
        assertEquals(List.of(new Preflight.FitSize(ModelKind.MOA, 2, 0), new Preflight.FitSize(ModelKind.MOA, 3, 0)),
                Preflight.sizes(ModelKind.MOA, List.of(2, 3), List.of(5, 6)));
        assertEquals(List.of(new Preflight.FitSize(ModelKind.TINYRNN, 1, 5)),
                Preflight.sizes(ModelKind.TINYRNN, List.of(2, 3), List.of(5)));
        assertEquals(4, Preflight.sizes(ModelKind.HMM_TINYMOA, List.of(2, 3), List.of(5, 6)).size());
        assertEquals("hmm-tinyrnn --states 3 --hidden 2", new Preflight.FitSize(ModelKind.HMM_TINYRNN, 3, 2).describe());
    }

    @Test
    void bytesPerFit_closedFormForAChainWithoutAgents() {
        // HMM-TinyRNN, K = 2, H = 3 on 100 trials: 6·T·K + 4·3·H·(H + inputs + 1) + T·(8H + K) doubles, + data
        double doubles = 6 * 100 * 2 + 4 * 3 * 3 * (3 + Preflight.GRU_INPUTS + 1) + 100 * (8 * 3 + 2);
        assertEquals(8 * doubles + 100.0 * GeneratorOptions.BYTES_PER_TRIAL,
                Preflight.bytesPerFit(new Preflight.FitSize(ModelKind.HMM_TINYRNN, 2, 3), 100), 1e-6);
        // more states or trials never need less
        assertTrue(Preflight.bytesPerFit(new Preflight.FitSize(ModelKind.MOA, 40, 0), 36_000)
                > Preflight.bytesPerFit(new Preflight.FitSize(ModelKind.MOA, 4, 0), 36_000));
    }

    @Test
    void memory_failsNamingTheFitSubjectAndAmount() {
        TwoStepDataset d = TwoStepGenerator.builder().sequences(4).trials(500).seed(2).build().generate();
        List<Preflight.FitSize> fits = Preflight.sizes(ModelKind.MOA, List.of(1, 30), List.of());
        // fine with a gigabyte
        Preflight.memory(d, d.subjectNames(), fits, 2, 1L << 30);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Preflight.memory(d, d.subjectNames(), fits, 2, 4_000_000));
        assertTrue(e.getMessage().contains("moa --states 30") && e.getMessage().contains("subject synthetic")
                && e.getMessage().contains("2000 trials") && e.getMessage().contains("GB")
                && e.getMessage().contains("-Xmx"), e.getMessage());
    }

    @Test
    void fit_absurdSizeExitsTwoBeforeAnyWork() throws Exception {
        Path csv = tmp.resolve("d.csv");
        CsvTwoStepWriter.write(TwoStepGenerator.builder().sequences(4).trials(100).seed(2).build().generate(), csv);
        Path out = tmp.resolve("out");
        long start = System.nanoTime();
        CliSafeOutputsTest.Result r = CliSafeOutputsTest.run("fit", "--data", csv.toString(), "--subject", "synthetic",
                "--model", "tinymoa", "--hidden", "1000000", "--out", out.toString());
        assertEquals(2, r.rc(), r.err());
        assertTrue(r.err().contains("tinymoa --hidden 1000000") && r.err().contains("needs about"), r.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 10);
        assertTrue(Files.notExists(out) || Files.list(out).findAny().isEmpty());
    }
}
