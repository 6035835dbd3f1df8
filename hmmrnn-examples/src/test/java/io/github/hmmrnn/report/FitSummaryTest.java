package io.github.hmmrnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.csv stays one record per fit whatever the subject is called. */
class FitSummaryTest {

    @TempDir
    Path dir;

    @Test
    void subjectWithCommaAndQuote_isQuotedAndReadsBack() throws IOException {
        List<FitSummary.Row> rows = List.of(
                new FitSummary.Row("rat \"A\", left", "HmmMoa-K2", 100, -60.5, 0.546, OptionalInt.of(9), 162.5, true,
                        1.25),
                new FitSummary.Row("plain", "TinyRnn-H2", 80, -50, 0.535, OptionalInt.empty(), Double.NaN, false, 3));
        FitSummary.write(rows, dir, "hmmrnn fit ...", "d.csv");
        try (Reader in = Files.newBufferedReader(dir.resolve("summary.csv"));
             CSVParser p = CSVParser.parse(in, CSVFormat.RFC4180)) {
            List<CSVRecord> records = p.getRecords();
            assertEquals(3, records.size());
            assertEquals(9, records.get(0).size());
            assertEquals("rat \"A\", left", records.get(1).get(0));
            assertEquals("HmmMoa-K2", records.get(1).get(1));
            assertEquals("162.5", records.get(1).get(6));
            assertEquals("plain", records.get(2).get(0));
            assertEquals("", records.get(2).get(6));
        }
    }
}
