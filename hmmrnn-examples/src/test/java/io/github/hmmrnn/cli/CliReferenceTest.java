package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * docs/cli.md is generated from the commands' own help, so the reference cannot drift from the
 * code: this test fails when it is out of date, and regenerates it when run with
 * {@code -Dhmmrnn.cli.regenerate=true}:
 * <pre>
 * mvn -pl hmmrnn-examples -am test -Dtest=CliReferenceTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dhmmrnn.cli.regenerate=true
 * </pre>
 */
class CliReferenceTest {

    /** The reference, relative to the module folder the tests run in. */
    static final Path REFERENCE = Path.of("..", "docs", "cli.md");

    static String markdown() {
        StringBuilder md = new StringBuilder("# Command-line reference\n\n"
                + "Generated from `./hmmrnn <command> --help` by `CliReferenceTest` (run it with "
                + "`-Dhmmrnn.cli.regenerate=true` to rewrite this file). Every subcommand takes `--seed`, `--threads`, "
                + "`--out`, `--force`, `--debug`, `--quiet` and `--help`. A command refuses an existing non-empty "
                + "output unless `--force`, and checks its options, subjects, folds and output paths before any work. "
                + "A user error exits with status 2 and one line naming the value and what was expected; any other "
                + "failure exits with status 1 and one line naming a log file with the details (`--debug` prints "
                + "the stack trace). Enum values are accepted in any case. The launcher sets `OMP_NUM_THREADS=1` "
                + "unless it is already set.\n\n");
        CommandLine root = HmmrnnCli.commandLine();
        section(md, "hmmrnn", root);
        for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
            if (!e.getKey().equals("help")) {
                section(md, "hmmrnn " + e.getKey(), e.getValue());
            }
        }
        return md.toString();
    }

    private static void section(StringBuilder md, String title, CommandLine cl) {
        cl.setUsageHelpWidth(80);
        md.append("## ").append(title).append("\n\n```\n").append(cl.getUsageMessage(CommandLine.Help.Ansi.OFF)
                .stripTrailing()).append("\n```\n\n");
    }

    @Test
    void referenceMatchesTheHelpOfEveryCommand() throws IOException {
        String expected = markdown();
        if (Boolean.getBoolean("hmmrnn.cli.regenerate")) {
            Files.writeString(REFERENCE, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(REFERENCE, StandardCharsets.UTF_8),
                "docs/cli.md is out of date; regenerate it with -Dhmmrnn.cli.regenerate=true (see CliReferenceTest)");
    }
}
