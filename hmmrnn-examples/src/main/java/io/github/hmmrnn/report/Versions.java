package io.github.hmmrnn.report;

/**
 * The library version, from the jar manifest when packaged.
 */
final class Versions {

    private Versions() {
    }

    static String hmmrnn() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }
}
