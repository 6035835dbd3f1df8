package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.CsvTwoStepWriter;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

/**
 * End-to-end runs of {@code data} and {@code bench} that check what they write to {@code --out},
 * and that an existing output is kept unless {@code --force}.
 */
class CliDataAndBenchTest {

    @TempDir
    Path tmp;

    @Test
    void data_writesPerSubjectCountsToTheOutFile() throws IOException {
        TwoStepDataset d = TwoStepGenerator.builder().sequences(3).trials(25).seed(8).build().generate();
        Path csv = tmp.resolve("d.csv");
        CsvTwoStepWriter.write(d, csv);
        Path out = tmp.resolve("summary.json");
        CliSafeOutputsTest.Result r = CliSafeOutputsTest.run("data", csv.toString(), "--json", "--quiet", "--out",
                out.toString());
        assertEquals(0, r.rc(), r.err());
        JsonNode rows = new ObjectMapper().readTree(out.toFile());
        assertEquals(1, rows.size());
        assertEquals("synthetic", rows.get(0).get("subject").asText());
        assertEquals(3, rows.get(0).get("sessions").asInt());
        assertEquals(75, rows.get(0).get("trials").asInt());
        assertEquals(d.numScored(), rows.get(0).get("scored").asInt());
        Path text = tmp.resolve("summary.txt");
        assertEquals(0, CliSafeOutputsTest.run("data", csv.toString(), "--out", text.toString()).rc());
        List<String> lines = Files.readAllLines(text);
        assertTrue(lines.get(1).matches("synthetic\\s+3\\s+75\\s+\\d+\\s+\\d+"), lines.toString());
        assertTrue(lines.get(2).startsWith("total"), lines.toString());
        CliSafeOutputsTest.Result again = CliSafeOutputsTest.run("data", csv.toString(), "--out", text.toString());
        assertEquals(2, again.rc());
        assertTrue(again.err().contains("--force"), again.err());
    }

    @Test
    void benchHmmQuick_writesOneJsonObjectPerResult() throws IOException {
        Path out = tmp.resolve("bench.jsonl");
        CliSafeOutputsTest.Result r = CliSafeOutputsTest.run("bench", "hmm", "--quick", "--json", "--quiet", "--out",
                out.toString());
        assertEquals(0, r.rc(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertFalse(lines.isEmpty());
        ObjectMapper m = new ObjectMapper();
        for (String l : lines) {
            JsonNode n = m.readTree(l);
            assertTrue(n.hasNonNull("name") && n.get("value").isNumber() && n.hasNonNull("unit"), l);
            assertTrue(n.get("value").asDouble() >= 0, l);
        }
    }

    @Test
    void benchRnnQuick_writesOneTextLinePerResultAndKeepsItWithoutForce() throws IOException {
        Path out = tmp.resolve("bench.txt");
        CliSafeOutputsTest.Result r = CliSafeOutputsTest.run("bench", "rnn", "--quick", "--quiet", "--out",
                out.toString());
        assertEquals(0, r.rc(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertFalse(lines.isEmpty());
        for (String l : lines) {
            // name (may hold spaces), value with at most four significant digits, unit, then the parameters
            assertTrue(l.contains("  {"), l);
            String[] f = l.substring(0, l.lastIndexOf("  {")).trim().split("\\s+");
            assertTrue(f.length >= 3, l);
            String value = f[f.length - 2];
            assertTrue(Double.parseDouble(value) >= 0, l);
            assertTrue(value.replaceAll("e.*", "").replaceAll("[^0-9]", "").replaceFirst("^0+", "").length() <= 4, l);
        }
        String before = Files.readString(out);
        CliSafeOutputsTest.Result again = CliSafeOutputsTest.run("bench", "rnn", "--quick", "--quiet", "--out",
                out.toString());
        assertEquals(2, again.rc());
        assertTrue(again.err().contains("--force"), again.err());
        assertEquals(before, Files.readString(out));
    }
}
