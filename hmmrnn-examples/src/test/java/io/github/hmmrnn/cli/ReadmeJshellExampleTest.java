package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The README's JShell example, pasted after the {@code ./hmmrnn jshell} startup script, runs
 * without errors and produces a model score and an oracle score.
 */
class ReadmeJshellExampleTest {

    private static String readmeExample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int paste = readme.indexOf("Paste:");
        int start = readme.indexOf("```java", paste) + "```java".length();
        int end = readme.indexOf("```", start);
        assertTrue(paste > 0 && start > paste && end > start, "README has a ```java block after 'Paste:'");
        return readme.substring(start, end);
    }

    private static String startupScript() throws IOException {
        try (InputStream in = JshellCommand.class.getResourceAsStream("hmmrnn.jsh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readmeExample_runsInJshellWithTheStartupImports() throws IOException {
        List<String> values = new ArrayList<>();
        try (JShell shell = JShell.builder().remoteVMOptions("-cp", System.getProperty("java.class.path"))
                .executionEngine("local").build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            // Feed line by line, as the interactive tool does when the text is pasted.
            for (String source : List.of(startupScript(), readmeExample())) {
                StringBuilder pending = new StringBuilder();
                for (String line : source.split("\n")) {
                    pending.append(line).append('\n');
                    SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(pending.toString());
                    if (!info.completeness().isComplete() || info.source() == null || info.source().isBlank()) {
                        if (line.isBlank() || line.strip().startsWith("//")) {
                            pending.setLength(0);
                        }
                        continue;
                    }
                    for (SnippetEvent e : shell.eval(info.source())) {
                        assertEquals(null, e.exception(), "snippet threw: " + info.source());
                        assertTrue(e.status() == Snippet.Status.VALID, "snippet rejected: " + info.source() + " "
                                + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
                        if (e.value() != null) {
                            values.add(e.value());
                        }
                    }
                    pending.setLength(0);
                }
                assertTrue(pending.toString().isBlank(), "incomplete snippet left: " + pending);
            }
        }
        // model score, oracle score, phase accuracy (choices only), the outcome fit, phase accuracy (outcomes)
        int n = values.size();
        assertTrue(values.get(n - 5).startsWith("nll=") && values.get(n - 4).startsWith("nll="), values.toString());
        double choicesOnly = Double.parseDouble(values.get(n - 3));
        double withOutcomes = Double.parseDouble(values.get(n - 1));
        assertTrue(withOutcomes >= 0.95 && withOutcomes > choicesOnly, values.toString());
    }
}
