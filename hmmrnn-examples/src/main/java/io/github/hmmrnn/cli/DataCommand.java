package io.github.hmmrnn.cli;

import io.github.hmmrnn.io.AtomicFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.io.SubjectSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Summarises a data file per subject.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Print per subject: sessions, kept trials, scored (free) trials, and raw trials before "
                + "violation trials were removed. --out FILE writes the table to that file instead of the screen.")
final class DataCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A .mat, .csv, .npz or .json dataset.")
    Path file;

    @Option(names = "--json", description = "Print JSON (one object per subject in an array).")
    boolean json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.applyLogging();
        if (common.out != null) {
            Outputs.checkFile(common.out, common.force, "--out");
        }
        TwoStepDataset data = DatasetReaders.read(file);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SubjectSummary s : SubjectSummary.of(data)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subject", s.name());
            row.put("sessions", s.sessions());
            row.put("trials", s.trials());
            row.put("scored", s.scored());
            row.put("rawTrials", s.rawTrials());
            rows.add(row);
        }
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
        } else {
            out.printf("%-12s %9s %9s %9s %11s%n", "subject", "sessions", "trials", "scored", "raw trials");
            for (Map<String, Object> r : rows) {
                out.printf("%-12s %9d %9d %9d %11d%n", r.get("subject"), r.get("sessions"), r.get("trials"),
                        r.get("scored"), r.get("rawTrials"));
            }
            out.printf("%-12s %9d %9d %9d %11d%n", "total", data.numSessions(), data.numTrials(),
                    data.numScored(), data.subjects().stream().mapToInt(Subject::rawTrials).sum());
        }
        out.flush();
        if (common.out != null) {
            AtomicFiles.writeString(common.out, text.toString());
        } else {
            System.out.print(text);
        }
        return 0;
    }
}
