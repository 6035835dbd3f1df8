package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The {@code ./hmmrnn jshell} startup script imports every hmmrnn package that has public types, and
 * after it (and JShell's DEFAULT imports) every public type's simple name compiles to exactly one
 * type: the package's own, or the one a single-type import picks where two packages share a name.
 */
class JshellImportsTest {

    /** Command plumbing and JMH harness classes (and sub-packages), public for picocli and JMH, not for users. */
    private static final Set<String> NOT_IMPORTED = Set.of("io.github.hmmrnn.cli", "io.github.hmmrnn.bench");

    private static boolean imported(String pkg) {
        return NOT_IMPORTED.stream().noneMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
    }

    /** JShell's DEFAULT startup imports, which the tool runs before hmmrnn.jsh. */
    private static final String DEFAULT_IMPORTS = """
            import java.io.*;
            import java.math.*;
            import java.net.*;
            import java.nio.file.*;
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.function.*;
            import java.util.prefs.*;
            import java.util.regex.*;
            import java.util.stream.*;
            """;

    private static String startupScript() throws IOException {
        try (InputStream in = JshellCommand.class.getResourceAsStream("hmmrnn.jsh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Public top-level hmmrnn types on the class path (main code only), by package. */
    private static Map<String, Set<String>> publicTypesByPackage() throws IOException {
        Set<String> classNames = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.endsWith("test-classes")) {
                continue;
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.map(f -> p.relativize(f).toString().replace(File.separatorChar, '/'))
                            .forEach(n -> addClassName(n, classNames));
                }
            } else if (Files.isRegularFile(p) && p.getFileName().toString().startsWith("hmmrnn-")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    jar.stream().forEach(e -> addClassName(e.getName(), classNames));
                }
            }
        }
        Map<String, Set<String>> byPackage = new TreeMap<>();
        for (String name : classNames) {
            Class<?> c;
            try {
                c = Class.forName(name, false, JshellImportsTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name, e);
            }
            if (Modifier.isPublic(c.getModifiers())) {
                byPackage.computeIfAbsent(c.getPackageName(), k -> new TreeSet<>()).add(name);
            }
        }
        return byPackage;
    }

    private static void addClassName(String path, Set<String> out) {
        if (path.startsWith("io/github/hmmrnn/") && path.endsWith(".class") && !path.contains("$")
                && !path.endsWith("package-info.class")) {
            out.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
        }
    }

    private static List<String> evaluate(JShell shell, String source) {
        List<String> values = new ArrayList<>();
        String rest = source;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
            assertTrue(info.completeness().isComplete(), "incomplete snippet: " + rest);
            for (SnippetEvent e : shell.eval(info.source())) {
                assertEquals(null, e.exception(), "snippet threw: " + info.source());
                String snippet = info.source().length() > 200 ? info.source().substring(0, 200) + "..." : info.source();
                assertTrue(e.status() == Snippet.Status.VALID, "snippet rejected: "
                        + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList() + " in " + snippet);
                if (e.value() != null) {
                    values.add(e.value());
                }
            }
            rest = info.remaining();
        }
        return values;
    }

    @Test
    void startupScript_importsEveryPackageWithPublicTypes() throws IOException {
        Map<String, Set<String>> types = publicTypesByPackage();
        assertTrue(types.containsKey("io.github.hmmrnn.moa") && types.containsKey("io.github.hmmrnn.rl")
                && types.containsKey("io.github.hmmrnn.emulation"), "class path scan found " + types.keySet());
        Set<String> imported = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^import (io\\.github\\.hmmrnn(?:\\.\\w+)*)\\.\\*;").matcher(startupScript());
        while (m.find()) {
            imported.add(m.group(1));
        }
        Set<String> expected = types.keySet().stream().filter(JshellImportsTest::imported)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, imported, "hmmrnn.jsh on-demand imports vs packages with public types");
    }

    @Test
    void startupScript_everyPublicSimpleNameResolvesToOneType() throws IOException {
        Map<String, Set<String>> types = publicTypesByPackage();
        String script = startupScript();
        Map<String, String> singleImports = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^import (io\\.github\\.hmmrnn(?:\\.\\w+)*\\.(\\w+));").matcher(script);
        while (m.find()) {
            singleImports.put(m.group(2), m.group(1));
        }
        // expected: the simple name of every imported public type, resolved to its own type unless a
        // single-type import picks another one
        Map<String, String> expected = new TreeMap<>();
        types.forEach((pkg, names) -> {
            if (imported(pkg)) {
                for (String name : names) {
                    String simple = name.substring(pkg.length() + 1);
                    expected.put(simple, singleImports.getOrDefault(simple, name));
                }
            }
        });
        String probe = expected.keySet().stream().map(s -> s + ".class.getName()")
                .collect(Collectors.joining(", ", "String.join(\",\", new String[] {", "})"));
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            evaluate(shell, DEFAULT_IMPORTS);
            evaluate(shell, script);
            List<String> values = evaluate(shell, probe + ";");
            String resolved = values.get(values.size() - 1);
            assertEquals("\"" + String.join(",", expected.values()) + "\"", resolved);
        }
    }
}
