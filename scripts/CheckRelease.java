import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a release deployed into a local file repository, e.g. after
 * {@code mvn -P release -Dgpg.skip deploy -DaltDeploymentRepository=local::file://$PWD/target/staging}:
 *
 * <ul>
 *   <li>every published module has its POM, and (jar modules) jar, sources jar and javadoc jar, each
 *       with checksums, and with {@code --signed} a GPG signature ({@code .asc});</li>
 *   <li>every POM has, itself or from hmmrnn-parent, what Maven Central requires: name, description,
 *       URL, licence (name and URL), a developer, SCM connection, developer connection and URL, and the
 *       parent does not let Maven append module paths to the inherited URL and SCM fields;</li>
 *   <li>hmmrnn-core's POM takes the ND4J, OpenBLAS and JavaCPP natives of all five platforms from
 *       {@code javacpp.platform.*} properties (so that {@code -Djavacpp.platform} trims them);</li>
 *   <li>hmmrnn-examples has one runnable jar per platform, each with a Main-Class and the natives of
 *       its platform only.</li>
 * </ul>
 *
 * <p>Run with the JDK alone: {@code java scripts/CheckRelease.java target/staging [--signed]}. Exits
 * with status 1 and lists every problem if anything is missing.
 */
public final class CheckRelease {

    static final String GROUP_PATH = "io/github/hmmrnn";
    static final List<String> JAR_MODULES = List.of("hmmrnn-core", "hmmrnn-agents", "hmmrnn-examples");
    static final List<String> PLATFORMS = List.of("linux-x86_64", "linux-arm64", "macosx-x86_64", "macosx-arm64",
            "windows-x86_64");
    static final List<String> REQUIRED = List.of("name", "description", "url", "licenses/license/name",
            "licenses/license/url", "developers/developer/name", "scm/connection", "scm/developerConnection",
            "scm/url");

    private final List<String> problems = new ArrayList<>();
    private final boolean signed;

    private CheckRelease(boolean signed) {
        this.signed = signed;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--signed"))) {
            System.err.println("usage: java scripts/CheckRelease.java STAGING_REPOSITORY [--signed]");
            System.exit(2);
        }
        Path repo = Path.of(args[0]).resolve(GROUP_PATH);
        CheckRelease check = new CheckRelease(args.length == 2);
        Document parent = check.module(repo, "hmmrnn-parent", List.of());
        for (String module : JAR_MODULES) {
            List<String> classifiers = new ArrayList<>(List.of("", "sources", "javadoc"));
            if (module.equals("hmmrnn-examples")) {
                classifiers.addAll(PLATFORMS);
            }
            Document pom = check.module(repo, module, classifiers);
            if (pom != null && parent != null) {
                check.requiredFields(module, pom, parent);
            }
        }
        if (parent != null) {
            check.requiredFields("hmmrnn-parent", parent, parent);
            check.noPathAppending(parent);
        }
        if (check.problems.isEmpty()) {
            System.out.println("release check: OK (" + repo + ")");
        } else {
            check.problems.forEach(p -> System.out.println("release check: " + p));
            System.exit(1);
        }
    }

    /** Checks one module's files; returns its POM, or null if there is none. */
    private Document module(Path repo, String artifactId, List<String> classifiers) throws Exception {
        Path dir;
        try (Stream<Path> versions = Files.list(repo.resolve(artifactId))) {
            dir = versions.filter(Files::isDirectory).max(Comparator.naturalOrder()).orElse(null);
        } catch (IOException e) {
            dir = null;
        }
        if (dir == null) {
            problems.add(artifactId + ": not deployed under " + repo);
            return null;
        }
        Path pomFile;
        try (Stream<Path> files = Files.list(dir)) {
            // the newest deployment (SNAPSHOT deployments carry a timestamp in the name)
            pomFile = files.filter(f -> f.getFileName().toString().endsWith(".pom")).max(Comparator.naturalOrder())
                    .orElse(null);
        }
        if (pomFile == null) {
            problems.add(artifactId + ": no POM in " + dir);
            return null;
        }
        String base = pomFile.getFileName().toString().replaceFirst("\\.pom$", "");
        List<Path> published = new ArrayList<>(List.of(pomFile));
        for (String c : classifiers) {
            published.add(dir.resolve(base + (c.isEmpty() ? "" : "-" + c) + ".jar"));
        }
        for (Path f : published) {
            if (!Files.isRegularFile(f)) {
                problems.add(artifactId + ": missing " + f.getFileName());
                continue;
            }
            for (String suffix : signed ? List.of(".sha1", ".md5", ".asc") : List.of(".sha1", ".md5")) {
                if (!Files.isRegularFile(Path.of(f + suffix))) {
                    problems.add(artifactId + ": missing " + f.getFileName() + suffix);
                }
            }
        }
        if (artifactId.equals("hmmrnn-examples")) {
            for (String p : PLATFORMS) {
                runnableJar(dir.resolve(base + "-" + p + ".jar"), p);
            }
        }
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pomFile.toFile());
        if (artifactId.equals("hmmrnn-core")) {
            nativesOfEveryPlatform(pom);
        }
        return pom;
    }

    private void requiredFields(String module, Document pom, Document parent) {
        for (String path : REQUIRED) {
            String value = text(pom.getDocumentElement(), path);
            if (value.isBlank()) {
                value = text(parent.getDocumentElement(), path);
            }
            if (value.isBlank()) {
                problems.add(module + ": POM lacks " + path + " (itself and from hmmrnn-parent)");
            }
        }
        if (!text(pom.getDocumentElement(), "scm/connection").isBlank()
                && !text(pom.getDocumentElement(), "scm/connection").startsWith("scm:git:")) {
            problems.add(module + ": scm/connection is not an scm:git: URL");
        }
    }

    private void noPathAppending(Document parent) {
        Element project = parent.getDocumentElement();
        Element scm = child(project, "scm");
        boolean ok = "false".equals(project.getAttribute("child.project.url.inherit.append.path"));
        for (String attribute : List.of("child.scm.connection.inherit.append.path",
                "child.scm.developerConnection.inherit.append.path", "child.scm.url.inherit.append.path")) {
            ok &= scm != null && "false".equals(scm.getAttribute(attribute));
        }
        if (!ok) {
            problems.add("hmmrnn-parent: modules would inherit URL and SCM fields with their path appended");
        }
    }

    private void nativesOfEveryPlatform(Document pom) {
        Set<String> declared = new TreeSet<>();
        Element deps = child(pom.getDocumentElement(), "dependencies");
        for (Element dep : children(deps, "dependency")) {
            String classifier = text(dep, "classifier");
            if (!classifier.isEmpty()) {
                if (!classifier.matches("\\$\\{javacpp\\.platform\\.[a-z0-9_-]+}")) {
                    problems.add("hmmrnn-core: classifier " + classifier + " of " + text(dep, "artifactId")
                            + " is fixed; -Djavacpp.platform could not trim it");
                }
                declared.add(text(dep, "artifactId") + ":" + classifier);
            }
        }
        Element props = child(pom.getDocumentElement(), "properties");
        for (String p : PLATFORMS) {
            for (String artifact : List.of("nd4j-native", "openblas", "javacpp")) {
                if (!declared.contains(artifact + ":${javacpp.platform." + p + "}")) {
                    problems.add("hmmrnn-core: no " + artifact + " dependency for " + p);
                }
            }
            if (!p.equals(text(props, "javacpp.platform." + p))) {
                problems.add("hmmrnn-core: property javacpp.platform." + p + " does not default to " + p);
            }
        }
    }

    private void runnableJar(Path jar, String platform) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return;
        }
        try (JarFile j = new JarFile(jar.toFile())) {
            if (j.getManifest() == null || j.getManifest().getMainAttributes().getValue("Main-Class") == null) {
                problems.add(jar.getFileName() + ": no Main-Class");
            }
            Set<String> natives = new TreeSet<>();
            j.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/nd4j/") || n.startsWith("org/bytedeco/"))
                    .forEach(n -> {
                        for (String p : PLATFORMS) {
                            if (n.contains("/" + p + "/")) {
                                natives.add(p);
                            }
                        }
                    });
            if (!natives.equals(Set.of(platform))) {
                problems.add(jar.getFileName() + ": natives of " + natives + ", expected " + platform + " only");
            }
            System.out.printf("release check: %s: %d MB, natives %s%n", jar.getFileName(),
                    Math.round(Files.size(jar) / 1e6), natives);
        }
    }

    private static String text(Element root, String path) {
        Element e = root;
        for (String name : path.split("/")) {
            e = e == null ? null : child(e, name);
        }
        return e == null ? "" : e.getTextContent().strip();
    }

    private static Element child(Element parent, String name) {
        List<Element> all = children(parent, name);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }
}
