package io.github.hmmrnn.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the {@code ./hmmrnn} command line.
 */
@Command(name = "hmmrnn", mixinStandardHelpOptions = true, version = "hmmrnn 0.1.0",
        description = "Latent-state models of sequential decision behaviour.",
        subcommands = {CommandLine.HelpCommand.class, SyntheticCommand.class, FitCommand.class, CompareCommand.class, SweepCommand.class, GatherCommand.class, SimulateCommand.class, DataCommand.class, GenerateCommand.class, BenchCommand.class, EmulateCommand.class, RlCommand.class, JshellCommand.class})
public final class HmmrnnCli implements Runnable {

    /** Logger prefixes of Spark and its libraries, set to warnings unless given on the command line. */
    private static final List<String> SPARK_LOGGERS = List.of("org.apache.spark", "org.sparkproject", "org.apache.hadoop",
            "io.netty", "org.apache.parquet", "org.apache.ivy");

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /**
     * Builds the command line with every subcommand registered.
     *
     * @return a ready picocli command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HmmrnnCli());
        cl.setExecutionExceptionHandler(new CliErrors());
        cl.setParameterExceptionHandler(new CliErrors());
        // one case rule for every enum value: any case accepted, help lists the canonical names
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /**
     * Runs the CLI and exits with its status.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        // The logging backend reads its level once, when the first logger is created (some command
        // classes create theirs as soon as they load), so --quiet must act before parsing.
        if (Arrays.asList(args).contains("--quiet")) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        // Spark (--engine spark) logs through slf4j, and at INFO would bury the progress lines
        for (String noisy : SPARK_LOGGERS) {
            String key = "org.slf4j.simpleLogger.log." + noisy;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
        // a warning on every start that Hadoop's optional native library is absent says nothing useful
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.hadoop.util.NativeCodeLoader", "error");
        int status;
        try {
            status = commandLine().execute(args);
        } catch (OutOfMemoryError | RuntimeException e) {
            // errors picocli does not hand to CliErrors (an Error, or a failure inside a handler)
            String who = "hmmrnn" + (args.length > 0 && !args[0].startsWith("-") ? " " + args[0] : "");
            PrintWriter err = new PrintWriter(System.err, true);
            status = CliErrors.runtimeFailure(err, who, e, Arrays.asList(args).contains(CliErrors.DEBUG));
        }
        System.exit(status);
    }
}
