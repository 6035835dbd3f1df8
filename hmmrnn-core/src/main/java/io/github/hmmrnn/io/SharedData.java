package io.github.hmmrnn.io;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Locates the shared real-data folder (the MixtureAgentsModels rat files), which lives next to the
 * project, at {@code ../shared/data} relative to the project root, and is never copied into it.
 *
 * <p>Lookup order: the system property {@value #PROPERTY}, then the environment variable
 * {@value #ENV}, each naming the data folder itself; otherwise the working directory and each of
 * its ancestors {@code d} is tried for {@code d/../shared/data/ofc_physdata.mat}, and then the
 * same from the location of the library's jar or classes (so the project root is found from any
 * working directory).
 */
public final class SharedData {

    /** System property naming the data folder. */
    public static final String PROPERTY = "hmmrnn.data";

    /** Environment variable naming the data folder. */
    public static final String ENV = "HMMRNN_DATA";

    /** The MixtureAgentsModels MAT v7.3 file. */
    public static final String OFC_MAT = "ofc_physdata.mat";

    /** Its flat CSV export. */
    public static final String OFC_CSV = "ofc_physdata_twostep.csv";

    private SharedData() {
    }

    /**
     * @return the data folder
     * @throws IllegalStateException if it cannot be found; the message names the paths tried
     */
    public static Path directory() {
        String override = System.getProperty(PROPERTY);
        String source = "system property " + PROPERTY;
        if (override == null || override.isBlank()) {
            override = System.getenv(ENV);
            source = "environment variable " + ENV;
        }
        if (override != null && !override.isBlank()) {
            Path dir = Path.of(override).toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve(OFC_MAT))) {
                throw new IllegalStateException(source + " = " + override + ", but " + dir.resolve(OFC_MAT)
                        + " does not exist");
            }
            return dir;
        }
        Path start = Path.of("").toAbsolutePath().normalize();
        Path found = searchUpward(start);
        // then from where the library itself lives (the jar or classes inside the project), so the
        // command line finds the data from any working directory
        Path code = codeLocation();
        if (found == null && code != null) {
            found = searchUpward(code);
        }
        if (found != null) {
            return found;
        }
        throw new IllegalStateException("real data folder not found: " + ENV + " is not set and no ../shared/data/"
                + OFC_MAT + " lies beside the project (searched upward from " + start
                + (code != null ? " and from " + code : "") + "); set " + ENV + "=DIR (or -D" + PROPERTY
                + "=DIR) to the folder holding " + OFC_MAT + ", or pass the file with --data");
    }

    private static Path searchUpward(Path start) {
        for (Path d = start; d != null; d = d.getParent()) {
            Path parent = d.getParent();
            if (parent == null) {
                break;
            }
            Path candidate = parent.resolve("shared").resolve("data");
            if (Files.isRegularFile(candidate.resolve(OFC_MAT))) {
                return candidate;
            }
        }
        return null;
    }

    private static Path codeLocation() {
        try {
            CodeSource cs = SharedData.class.getProtectionDomain().getCodeSource();
            return cs == null ? null : Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * @return path of {@value #OFC_MAT}
     * @throws IllegalStateException if the data folder cannot be found
     */
    public static Path ofcMat() {
        return directory().resolve(OFC_MAT);
    }

    /**
     * @return path of {@value #OFC_CSV}
     * @throws IllegalStateException if the data folder cannot be found or lacks the CSV
     */
    public static Path ofcCsv() {
        Path p = directory().resolve(OFC_CSV);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("expected " + p + " next to " + OFC_MAT + ", but it does not exist");
        }
        return p;
    }
}
