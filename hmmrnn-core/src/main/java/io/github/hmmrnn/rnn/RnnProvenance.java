package io.github.hmmrnn.rnn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.TwoStepDataset;

/**
 * Where a fitted (HMM-)TinyRNN came from: software, time, data and the outcome of training.
 *
 * @param library        library name and version
 * @param javaVersion    {@code java.version} of the fitting JVM
 * @param os             operating system and architecture
 * @param backend        neural backend (DL4J / ND4J version and layer)
 * @param createdAt      ISO-8601 instant the fit finished
 * @param chosenRestart  index of the restart that was kept
 * @param restartSeed    the seed that restart derived from the root seed
 * @param train          summary of the training data
 * @param validation     summary of the validation data, or {@code null} when none was given
 * @param epochs         epochs run by the kept restart
 * @param converged      whether early stopping ended the kept restart
 * @param trainLoss      training loss (−log marginal likelihood per scored trial) of the kept
 *                       parameters
 * @param validationLoss validation predictive NLL per scored trial of the kept parameters, or
 *                       NaN without validation data
 */
public record RnnProvenance(String library, String javaVersion, String os, String backend, String createdAt,
                            int chosenRestart, long restartSeed, DataSummary train, DataSummary validation,
                            int epochs, boolean converged, double trainLoss, double validationLoss) {

    /** Library identifier recorded in every saved model. */
    public static final String LIBRARY = "hmmrnn 0.1.0-SNAPSHOT";
    /** Backend identifier recorded in every saved model. */
    public static final String BACKEND = "DL4J/ND4J 1.0.0-M2.1 ComputationGraph, FusedGruLayer, double precision";

    /**
     * Size and content hash of a dataset.
     *
     * @param sessions number of sessions
     * @param trials   number of trials
     * @param scored   number of scored trials
     * @param sha256   SHA-256 over every session's choices, outcomes, rewards, transitions and
     *                 scored flags (hex)
     */
    public record DataSummary(int sessions, int trials, int scored, String sha256) {

        /**
         * Summarises a dataset.
         *
         * @param data the dataset
         * @return its summary
         */
        public static DataSummary of(TwoStepDataset data) {
            MessageDigest md;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 unavailable", e);
            }
            for (Session s : data.sessions()) {
                StringBuilder sb = new StringBuilder();
                sb.append(s.subject()).append('|').append(s.length()).append('|');
                for (int t = 0; t < s.length(); t++) {
                    sb.append(s.choice(t)).append(s.outcome(t)).append(s.reward(t))
                            .append(s.common(t) ? 1 : 0).append(s.scored(t) ? 1 : 0);
                }
                sb.append('\n');
                md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
            return new DataSummary(data.numSessions(), data.numTrials(), data.numScored(),
                    HexFormat.of().formatHex(md.digest()));
        }
    }
}
