package io.github.hmmrnn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.hmmrnn.report.RunRecord;
import io.github.hmmrnn.model.Provenance;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options shared by every subcommand (mixed in with {@code @Mixin}).
 */
public final class CommonOptions {

    /** Root random seed; every component derives its own stream from it. */
    @Option(names = "--seed", defaultValue = "1", description = "Root random seed (default: ${DEFAULT-VALUE}).")
    public long seed;

    /** Worker threads for parallel fits. */
    @Option(names = "--threads", defaultValue = "2", description = "Worker threads: parallel HMM-MoA starts, HMM-TinyRNN sessions and cross-validation folds, and (fit) the files of each fit; the TinyMoA models fit on one thread (default: ${DEFAULT-VALUE}).")
    public int threads;

    /** Output folder. */
    @Option(names = "--out", description = "Output folder or file (each command's help says which, and its default).")
    public Path out;

    /** Print stack traces of errors. */
    @Option(names = "--debug", description = "On an error, print the stack trace too (it is always in the log file "
            + "named by a runtime failure).")
    public boolean debug;

    /** Replace earlier results. */
    @Option(names = "--force", description = "Replace an existing non-empty output (by default the command refuses "
            + "before doing any work).")
    public boolean force;

    /** The command this mixin belongs to (for run.json). */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Silence progress output. */
    @Option(names = "--quiet", description = "No progress output.")
    public boolean quiet;

    /**
     * Applies {@code --quiet}: progress logging drops to warnings. Call before any work starts,
     * since the logging backend reads its level when the first logger is created.
     */
    public void applyLogging() {
        if (quiet) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    /**
     * Returns the output folder, or {@code fallback} if none was given.
     *
     * @param fallback folder to use when {@code --out} is absent
     * @return the output folder
     */
    public Path outOr(String fallback) {
        return out != null ? out : Path.of(fallback);
    }

    /**
     * @param option an option name such as {@code --folds}
     * @return whether the user typed it (as opposed to its default applying)
     */
    public boolean given(String option) {
        return mixee.commandLine() != null && mixee.commandLine().getParseResult() != null
                && mixee.commandLine().getParseResult().hasMatchedOption(option);
    }

    /**
     * @return the command line as typed, starting with {@code hmmrnn}
     */
    public String commandText() {
        List<String> parts = new ArrayList<>();
        parts.add(mixee.root().name());
        if (mixee.commandLine() != null && mixee.commandLine().getParseResult() != null) {
            parts.addAll(mixee.commandLine().getParseResult().originalArgs());
        }
        return String.join(" ", parts);
    }

    /**
     * @return every option of the command with its value (defaults included), by longest name
     */
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (OptionSpec o : mixee.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            Object v = o.getValue();
            if (v instanceof Collection<?> c) {
                m.put(o.longestName(), c.stream().map(String::valueOf).toList());
            } else if (v instanceof Number || v instanceof Boolean || v == null) {
                m.put(o.longestName(), v);
            } else {
                m.put(o.longestName(), String.valueOf(v));
            }
        }
        return m;
    }

    /**
     * Starts the {@code run.json} record of a run folder (status {@code running}).
     *
     * @param dir  the run folder
     * @param data the data file with its hash, or null
     * @return the record to finish or fail
     */
    public RunRecord startRun(Path dir, Provenance.DataFile data) {
        return RunRecord.start(dir, commandText(), settings(), data);
    }
}
