package io.github.hmmrnn.cli;

import io.github.hmmrnn.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.hmmrnn.bench.BenchResult;
import io.github.hmmrnn.bench.HmmBench;
import io.github.hmmrnn.bench.MoaBench;
import io.github.hmmrnn.bench.RnnBench;
import io.github.hmmrnn.report.Numbers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.util.Arrays;

/**
 * Runs the timing suites and prints one figure per line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run benchmark suites and print one result per line (JSON with --json: name, value, unit, "
                + "plus parameters); --out FILE also writes them to that file.")
final class BenchCommand implements Callable<Integer> {

    /** The benchmark suites. */
    enum Suite {
        HMM, RNN, MOA, ALL
    }

    @Parameters(index = "0", defaultValue = "all", paramLabel = "SUITE",
            description = "Suite: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            converter = SuiteConverter.class)
    Suite suite;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Option(names = "--quick", description = "Fewer repetitions and smaller sizes (smoke test).")
    boolean quick;

    @Option(names = "--data", description = "Real data for the moa suite (default: ofc_physdata.mat in "
            + "$HMMRNN_DATA, else in ../shared/data beside the project root).")
    Path data;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.applyLogging();
        if (common.out != null) {
            Outputs.checkFile(common.out, common.force, "--out");
        }
        List<BenchResult> results = new ArrayList<>();
        if (suite == Suite.HMM || suite == Suite.ALL) {
            results.addAll(HmmBench.run(quick ? HmmBench.Options.quick() : HmmBench.Options.full()));
        }
        if (suite == Suite.RNN || suite == Suite.ALL) {
            results.addAll(quick ? RnnBench.epochTime(20, 1) : RnnBench.runAll());
        }
        Path moaData = suite == Suite.MOA || suite == Suite.ALL ? DataDefaults.orSharedMat(data) : null;
        if (suite == Suite.MOA || suite == Suite.ALL) {
            results.addAll(MoaBench.run(moaData, quick ? 1 : 3));
        }
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (BenchResult r : results) {
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", r.name());
                m.put("value", r.value());
                m.put("unit", r.unit());
                m.putAll(r.parameters());
                out.append(mapper.writeValueAsString(m)).append('\n');
            } else {
                out.append(String.format(Locale.ROOT, "%-48s %14s %s  %s%n", r.name(), Numbers.sig4(r.value()),
                        r.unit(), r.parameters()));
            }
        }
        if (common.out != null) {
            AtomicFiles.writeString(common.out, out);
        }
        System.out.print(out);
        return 0;
    }

    /** Case-insensitive suite names. */
    static final class SuiteConverter implements picocli.CommandLine.ITypeConverter<Suite> {
        @Override
        public Suite convert(String value) {
            try {
                return Suite.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("unknown suite '" + value + "'; valid suites: "
                        + Arrays.toString(Suite.values()).toLowerCase(Locale.ROOT));
            }
        }
    }
}
