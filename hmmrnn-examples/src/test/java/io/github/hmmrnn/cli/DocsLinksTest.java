package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every relative link and image in README.md and docs/**&#47;*.md resolves: to a file inside the
 * repository (nothing outside it, such as ../shared/specs, which a reader of the repository does
 * not have), and, for a {@code #anchor}, to a heading of the target Markdown file (GitHub's
 * anchor rule). Links inside fenced code blocks and inline code are not links. Absolute
 * ({@code https:}, {@code mailto:}) links are not checked.
 */
class DocsLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** {@code [text](target)} and {@code ![alt](target)}; the target ends at white space or ')'. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    /** {@code <img src="...">} and {@code <a href="...">}. */
    private static final Pattern HTML = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Test
    void everyRelativeLinkAndImageResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            for (String target : links(Files.readString(doc, StandardCharsets.UTF_8))) {
                if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*")) {
                    continue;
                }
                checked++;
                String where = ROOT.relativize(doc) + ": " + target;
                int hash = target.indexOf('#');
                String file = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
                String anchor = hash < 0 ? "" : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                if (!resolved.startsWith(ROOT)) {
                    broken.add(where + " (outside the repository: summarise what is needed instead)");
                } else if (!Files.exists(resolved)) {
                    broken.add(where + " (no such file)");
                } else if (!anchor.isEmpty()) {
                    if (!resolved.toString().endsWith(".md")) {
                        broken.add(where + " (anchor into a file that is not Markdown)");
                    } else if (!anchors(Files.readString(resolved, StandardCharsets.UTF_8)).contains(anchor)) {
                        broken.add(where + " (no heading with this anchor in " + ROOT.relativize(resolved) + ")");
                    }
                }
            }
        }
        assertTrue(checked > 50, "links found: " + checked);
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void anchorsFollowGithubRules() {
        Set<String> a = anchors("# Data formats\n## `.csv` — two schemas (`CsvTwoStepReader`)\n```\n# not a heading\n```\n"
                + "## `sweep --grid`\n## Notes\n## Notes\n");
        assertEquals(Set.of("data-formats", "csv--two-schemas-csvtwostepreader", "sweep---grid", "notes", "notes-1"), a);
        assertEquals(List.of("a.md#x", "img/b.png"), links("see [a](a.md#x) and ![b](img/b.png), not `[c](c.md)`\n"
                + "```\n[d](d.md)\n```\n"));
    }

    private static List<Path> documents() throws IOException {
        List<Path> out = new ArrayList<>();
        out.add(ROOT.resolve("README.md"));
        try (Stream<Path> s = Files.walk(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }

    /** The link targets of a Markdown text, outside code. */
    static List<String> links(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String text = line.replaceAll("`[^`]*`", "");
            for (Pattern p : List.of(LINK, HTML)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** The anchors GitHub gives the headings of a Markdown text. */
    static Set<String> anchors(String markdown) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced || !line.matches("^#{1,6} .*")) {
                continue;
            }
            String slug = line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            out.add(n == 0 ? slug : slug + "-" + n);
        }
        return out;
    }
}
