package io.github.hmmrnn.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.hmmrnn.io.SharedData;

/**
 * The default {@code --data} of the commands that work on the rat data: {@code ofc_physdata.mat}
 * in {@code $HMMRNN_DATA}, else in {@code ../shared/data} beside the project root (found from the
 * working directory or from the jar), never relative to the working directory alone.
 */
final class DataDefaults {

    private DataDefaults() {
    }

    /**
     * @param given the {@code --data} value, or null
     * @return {@code given} if present, else the shared rat data file
     * @throws IllegalArgumentException naming {@code --data}, {@code HMMRNN_DATA} and the paths
     *                                  tried, if no data is found
     */
    static Path orSharedMat(Path given) {
        if (given != null) {
            if (!Files.exists(given)) {
                throw new IllegalArgumentException("--data " + given + " does not exist");
            }
            return given;
        }
        try {
            return SharedData.ofcMat();
        } catch (IllegalStateException e) {
            String m = e.getMessage();
            throw new IllegalArgumentException("no --data given, and the default rat data was not found: " + m
                    + (m.contains("--data") ? "" : "; pass --data FILE, or set " + SharedData.ENV + "=DIR"), e);
        }
    }
}
