package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.hmmrnn.io.SharedData;
import picocli.CommandLine;

/**
 * The commands written in the documentation run. A fenced block preceded by the line
 * {@code <!-- run -->} (invisible on GitHub) is run line by line, in order, in one temporary
 * folder per document; {@code <!-- run; expect: a/b.csv c/d.png -->} also asserts that those
 * files exist (relative to that folder) after the block.
 *
 * <ul>
 *   <li>A line {@code ./hmmrnn COMMAND ...} runs through the CLI entry point
 *       ({@link HmmrnnCli#commandLine()}) in this JVM and must exit 0. Relative paths in its
 *       arguments resolve against the document's folder; {@code ../shared/data/FILE} resolves to
 *       {@link SharedData#directory()}, and a line that needs the real data is skipped when it is
 *       not there.</li>
 *   <li>With tiny settings: {@link #TINY} sets (or replaces) options per command so that a
 *       run takes seconds (e.g. {@code fit}: {@code --max-iter 5 --starts 1}); a command
 *       without {@code --out} gets one inside the folder, so nothing is written to the
 *       module.</li>
 *   <li>A line starting {@code mvn } is skipped (this test runs inside the build it would start).</li>
 *   <li>Any other line runs under {@code bash -c} in the document's folder and must exit 0.</li>
 * </ul>
 * A trailing {@code # comment} is dropped, and a line ending in a backslash continues on the next.
 */
class DocCommandsTest {

    /** Per command: options given these values (replaced if the document gives them, added if not). */
    static final Map<String, Map<String, String>> TINY = Map.of(
            "generate", Map.of("--sequences", "4", "--trials", "120"),
            "fit", Map.of("--max-iter", "5", "--starts", "1", "--epochs", "2", "--patience", "1"),
            "compare", Map.of("--quick", "", "--folds", "2", "--moa-states", "1", "--rnn-hidden", "1",
                    "--hmm-rnn-states", "2", "--hmm-rnn-hidden", "1", "--epochs", "2", "--patience", "1",
                    "--starts", "1", "--max-iter", "5"),
            "synthetic", Map.of("--quick", ""),
            "bench", Map.of("--quick", ""),
            "emulate", Map.of("--epochs", "2", "--hidden", "8", "--input", "2"),
            "rl", Map.of("--trials", "200", "--seeds", "1", "--eval-trials", "40"));

    /** Options that take no value (set when present in {@link #TINY} with an empty value). */
    private static final String MARK = "<!-- run";

    @TempDir
    Path tmp;

    @Test
    void tutorialCommandsRun() throws Exception {
        int n = runDocument(Path.of("..", "docs", "tutorial-your-data.md"), tmp.resolve("tutorial"));
        assertTrue(n >= 5, "the tutorial has its commands in <!-- run --> blocks; found " + n);
    }

    @Test
    void readmeCommandsRun() throws Exception {
        int n = runDocument(Path.of("..", "README.md"), tmp.resolve("readme"));
        assertTrue(n >= 5, "the README has its commands in <!-- run --> blocks; found " + n);
    }

    /** A fenced block to run, and the files it must leave. */
    record Block(int line, List<String> commands, List<String> expect) {
    }

    /**
     * @param markdown a document
     * @return its blocks marked {@code <!-- run -->}, in order
     */
    static List<Block> blocks(String markdown) {
        List<Block> out = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (!l.startsWith(MARK) || i + 1 >= lines.length || !lines[i + 1].strip().startsWith("```")) {
                continue;
            }
            List<String> expect = new ArrayList<>();
            int e = l.indexOf("expect:");
            if (e >= 0) {
                for (String f : l.substring(e + "expect:".length(), l.lastIndexOf("-->")).strip().split("\\s+")) {
                    if (!f.isEmpty()) {
                        expect.add(f);
                    }
                }
            }
            List<String> commands = new ArrayList<>();
            StringBuilder pending = new StringBuilder();
            int j = i + 2;
            for (; j < lines.length && !lines[j].strip().startsWith("```"); j++) {
                String c = lines[j];
                if (c.endsWith("\\")) {
                    pending.append(c, 0, c.length() - 1).append(' ');
                    continue;
                }
                pending.append(c);
                String command = dropComment(pending.toString()).strip();
                pending.setLength(0);
                if (!command.isEmpty()) {
                    commands.add(command);
                }
            }
            out.add(new Block(i + 1, commands, expect));
            i = j;
        }
        return out;
    }

    /** Drops a {@code #} comment that starts after white space, outside quotes. */
    private static String dropComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Runs every marked block of a document; returns the number of commands run. */
    private static int runDocument(Path doc, Path dir) throws Exception {
        Files.createDirectories(dir);
        Optional<Path> data = sharedData();
        List<String> moduleBefore = listing(Path.of("."));
        int run = 0;
        for (Block b : blocks(Files.readString(doc, StandardCharsets.UTF_8))) {
            boolean skipped = false;
            for (String command : b.commands()) {
                String where = doc.getFileName() + " line " + b.line() + ": " + command;
                if (command.startsWith("mvn ")) {
                    continue;
                }
                if (command.contains("../shared/data") && data.isEmpty()) {
                    skipped = true;
                    continue;
                }
                if (command.startsWith("./hmmrnn ")) {
                    List<String> args = tiny(resolve(split(command.substring("./hmmrnn ".length())), dir, data), dir,
                            run);
                    CommandLine cl = HmmrnnCli.commandLine();
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    cl.setOut(new PrintWriter(out));
                    cl.setErr(new PrintWriter(err));
                    int rc = cl.execute(args.toArray(String[]::new));
                    assertEquals(0, rc, where + "\nran as: " + args + "\n" + err);
                } else {
                    Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                            .redirectErrorStream(true).start();
                    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(p.waitFor(60, TimeUnit.SECONDS), where + ": still running after 60 s");
                    assertEquals(0, p.exitValue(), where + "\n" + text);
                }
                run++;
            }
            if (!skipped) {
                for (String f : b.expect()) {
                    assertTrue(Files.exists(dir.resolve(f)), doc.getFileName() + " line " + b.line() + ": " + f
                            + " was not written");
                }
            }
        }
        assertEquals(moduleBefore, listing(Path.of(".")), doc.getFileName() + ": a command wrote into the module folder");
        return run;
    }

    private static List<String> listing(Path folder) throws IOException {
        try (var s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Optional<Path> sharedData() {
        try {
            return Optional.of(SharedData.directory());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Splits a command line into words: white space separates, single and double quotes group. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean single = false;
        boolean dbl = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '\'' && !dbl) {
                single = !single;
                any = true;
            } else if (c == '"' && !single) {
                dbl = !dbl;
                any = true;
            } else if (Character.isWhitespace(c) && !single && !dbl) {
                if (any) {
                    words.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        assertFalse(single || dbl, "unclosed quote in: " + line);
        if (any) {
            words.add(w.toString());
        }
        return words;
    }

    /** Paths of the document resolve in its folder; the real data resolves to the shared folder. */
    private static List<String> resolve(List<String> args, Path dir, Optional<Path> data) {
        List<String> out = new ArrayList<>();
        String previous = "";
        for (String a : args) {
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            String option = eq < 0 ? "" : a.substring(0, eq + 1);
            String value = eq < 0 ? a : a.substring(eq + 1);
            // an output folder may be a bare name ("--out fits"): it must not land in the module
            boolean output = previous.equals("--out") || option.equals("--out=");
            if (value.startsWith("../shared/data/")) {
                value = data.orElseThrow().resolve(value.substring("../shared/data/".length())).toString();
            } else if (!value.startsWith("-") && !Path.of(value).isAbsolute() && (output || value.contains("/")
                    || value.matches(".*\\.(csv|json|jsonl|npz|mat)"))) {
                value = dir.resolve(value).toString();
            }
            out.add(option + value);
            previous = a;
        }
        return out;
    }

    /** Applies {@link #TINY}, adds {@code --quiet}, and an {@code --out} in the folder where none is given. */
    private static List<String> tiny(List<String> args, Path dir, int index) {
        List<String> out = new ArrayList<>(args);
        if (out.isEmpty() || out.contains("--help")) {
            return out;
        }
        Map<String, String> settings = new LinkedHashMap<>(TINY.getOrDefault(out.get(0), Map.of()));
        settings.put("--quiet", "");
        if (!out.contains("--out")) {
            settings.put("--out", dir.resolve("out-" + index).toString());
        }
        for (var e : settings.entrySet()) {
            int at = out.indexOf(e.getKey());
            if (at < 0) {
                out.add(e.getKey());
                if (!e.getValue().isEmpty()) {
                    out.add(e.getValue());
                }
            } else if (!e.getValue().isEmpty()) {
                out.set(at + 1, e.getValue());
            }
        }
        return out;
    }

    @Test
    void blocksAreFoundAndCommentsDropped() {
        String md = "text\n<!-- run; expect: a/b.csv c.png -->\n```bash\n./hmmrnn data x.csv   # counts\n"
                + "awk '{ print \"#\" }' \\\n  x.csv > y.csv\n\n```\n```bash\n./hmmrnn not-run\n```\n";
        List<Block> b = blocks(md);
        assertEquals(1, b.size());
        assertEquals(List.of("./hmmrnn data x.csv", "awk '{ print \"#\" }'    x.csv > y.csv"), b.get(0).commands());
        assertEquals(List.of("a/b.csv", "c.png"), b.get(0).expect());
        assertEquals(List.of("fit", "--agents", "a b", "x"), split("fit --agents 'a b' x"));
        Path dir = Path.of("/tmp/doc");
        assertEquals(List.of("fit", "--out", "/tmp/doc/fits", "--out=/tmp/doc/o", "--data", "/tmp/doc/x.csv", "--model",
                "moa", "--states", "1..3"), resolve(split("fit --out fits --out=o --data x.csv --model moa --states 1..3"),
                dir, Optional.empty()));
    }
}
