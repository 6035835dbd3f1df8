package io.github.hmmrnn.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Starts JShell with hmmrnn on the class path and every hmmrnn package imported (the startup script
 * {@code hmmrnn.jsh}). The class path is this JVM's: the runnable jar under {@code java -jar}, or
 * hmmrnn and its dependencies when the CLI is started from the published artifacts with
 * {@code java -cp ... io.github.hmmrnn.cli.HmmrnnCli jshell}.
 */
@Command(name = "jshell", mixinStandardHelpOptions = true,
        description = "Start JShell with hmmrnn on the class path and its packages imported.")
final class JshellCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "JSHELL_ARG", description = "Extra arguments passed to jshell.")
    List<String> extra = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        // jshell writes nothing and computes nothing itself: these shared options would be ignored
        for (String o : List.of("--out", "--force", "--seed", "--threads")) {
            if (common.given(o)) {
                throw new IllegalArgumentException(o + " does not apply to jshell (it starts an interactive"
                        + " session and writes nothing); pass settings to the builders inside JShell instead");
            }
        }
        Path startup = Files.createTempFile("hmmrnn", ".jsh");
        startup.toFile().deleteOnExit();
        try (InputStream in = JshellCommand.class.getResourceAsStream("hmmrnn.jsh")) {
            if (in == null) {
                throw new IllegalStateException("startup script hmmrnn.jsh is missing from the jar");
            }
            Files.copy(in, startup, StandardCopyOption.REPLACE_EXISTING);
        }
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        List<String> cmd = new ArrayList<>(List.of(Files.isExecutable(jshell) ? jshell.toString() : "jshell",
                "--class-path", classPath(), "-R-Xmx8g",
                "--startup", "DEFAULT", "--startup", startup.toString()));
        cmd.addAll(extra);
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    private static String classPath() {
        // jshell rejects a --class-path entry that does not exist (e.g. an empty project's target/classes)
        String own = Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(e -> !e.isBlank() && Files.exists(Path.of(e))).collect(Collectors.joining(File.pathSeparator));
        if (!own.isEmpty()) {
            return own;
        }
        try {
            return Path.of(JshellCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException("cannot locate the hmmrnn jar", e));
        }
    }
}
