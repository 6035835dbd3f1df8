package io.github.hmmrnn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.hmmrnn.data.TwoStepDataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 4180 quoting in the CSV reader: quotes are removed, not kept as part of the value. */
class CsvQuotingTest {

    @TempDir
    Path dir;

    @Test
    void quotedCellsLoseTheirQuotes() throws IOException {
        Path f = dir.resolve("q.csv");
        Files.writeString(f, "\"subject\",session,choice,reward,common,\"p_congruent\"\n"
                + "\"synthetic\",0,1,1,1,0.7\n\"synthetic\", \"0\" ,\"0\",0,1,0.7\n\"rat \"\"A\"\", left\",0,1,0,0,\"0.2\"\n");
        TwoStepDataset d = CsvTwoStepReader.read(f);
        assertEquals(List.of("synthetic", "rat \"A\", left"), d.subjectNames());
        assertEquals(2, d.forSubject("synthetic").numTrials());
        assertEquals(0, d.forSubject("synthetic").sessions().get(0).choice(1));
    }

    @Test
    void brokenQuotingNamesFileLineAndColumn() throws IOException {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "subject,session,choice,reward,common\ns,0,\"1,1,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("line 2")
                && e.getMessage().contains("column 3") && e.getMessage().contains("not closed"), e.getMessage());
        Files.writeString(f, "subject,session,choice,reward,common\ns,0,1\"x,1,1\n");
        e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'1\"x'"), e.getMessage());
        Files.writeString(f, "subject,session,choice,reward,common\ns,0,\"1\"x,1,1\n");
        e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertTrue(e.getMessage().contains("after the closing quote"), e.getMessage());
    }
}
