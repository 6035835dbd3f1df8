package io.github.hmmrnn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
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
        String header = "subject,session,choice,reward,common,outcome\n";
        // a quote that never closes swallows the rest of the file
        Files.writeString(f, header + "s,0,1,1,1,1\ns,0,\"1,1,1,1\ns,0,1,1,1,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("line 3")
                && e.getMessage().contains("column 3") && e.getMessage().contains("broken quoting"), e.getMessage());
        // a quote inside an unquoted cell is kept as text, and the value is then rejected by name
        Files.writeString(f, header + "s,0,1\"x,1,1,1\n");
        e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'1\"x'"), e.getMessage());
        Files.writeString(f, header + "\ns,0,0,1,1,0\ns,0,\"1\"x,1,1,1\n");
        e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("column 3")
                && e.getMessage().contains("broken quoting"), e.getMessage());
    }

    @Test
    void quotedLineBreakKeepsLineNumbersOfLaterRows() throws IOException {
        Path f = dir.resolve("multi.csv");
        Files.writeString(f, "subject,session,choice,reward,common,outcome\r\n\"rat\r\nA\",0,1,1,1,1\r\n\r\n"
                + "\"rat\r\nA\",0,2,1,1,1\r\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTwoStepReader.read(f));
        assertTrue(e.getMessage().contains("line 5") && e.getMessage().contains("column 'choice'")
                && e.getMessage().contains("'2'"), e.getMessage());
    }

    @Test
    void byteOrderMarkAndSpacesAroundCellsAreDropped() throws IOException {
        Path f = dir.resolve("bom.csv");
        Files.writeString(f, "\uFEFF\"subject\" , session,choice,reward,common,outcome\n  A , 0 ,1,1,1, 1 \n");
        TwoStepDataset d = CsvTwoStepReader.read(f);
        assertEquals(List.of("A"), d.subjectNames());
        assertEquals(1, d.sessions().get(0).outcome(0));
    }

    @Test
    void writerQuotesAnySubjectNameSoItReadsBack() {
        List<String> names = List.of("a,b", "say \"hi\"", " padded ", "two\r\nlines", "plain");
        List<Subject> subjects = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (String n : names) {
            subjects.add(new Subject(n, 0.7, 2));
            sessions.add(Session.of(n, 0, new int[]{0, 1}, new int[]{0, 0}, new int[]{1, 0},
                    new boolean[]{true, false}, new boolean[]{true, true}, null));
        }
        TwoStepDataset d = TwoStepDataset.of(subjects, sessions);
        Path f = dir.resolve("names.csv");
        CsvTwoStepWriter.write(d, f);
        assertEquals(d, CsvTwoStepReader.read(f));
    }
}
