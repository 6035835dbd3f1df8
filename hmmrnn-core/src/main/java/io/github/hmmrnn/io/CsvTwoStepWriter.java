package io.github.hmmrnn.io;

import java.io.UncheckedIOException;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a dataset in the {@link CsvSchema#GENERIC} CSV schema, with every optional column, so
 * that {@link CsvTwoStepReader#read} gives back an equal dataset.
 *
 * <p>Columns: {@code subject, session, choice, reward, common, outcome, scored, p_congruent,
 * raw_trials}, plus {@code phase} when any session has phases (empty cells for sessions without).
 * Booleans are written as 0/1 and {@code p_congruent} in Java's shortest round-tripping decimal.
 */
public final class CsvTwoStepWriter {

    private CsvTwoStepWriter() {
    }

    /**
     * Rejects a trial whose outcome contradicts the port mapping that the subject's
     * {@code pCongruent} implies, as {@link CsvTwoStepReader} would on reading it back.
     */
    private static void requireMapping(Session s, double pCongruent) {
        PortMapping expected = PortMapping.ofPCongruent(pCongruent);
        for (int t = 0; t < s.length(); t++) {
            if (PortMapping.ofTrial(s.choice(t), s.outcome(t), s.common(t)) != expected) {
                throw new IllegalArgumentException("subject " + s.subject() + ", session " + s.index() + ", trial "
                        + t + ": outcome " + s.outcome(t) + " with choice " + s.choice(t) + " and common "
                        + (s.common(t) ? 1 : 0) + " contradicts the " + expected.describe() + " port mapping that"
                        + " the subject's pCongruent " + pCongruent + " implies; expected outcome "
                        + expected.outcome(s.choice(t), s.common(t)));
            }
        }
    }

    /**
     * Writes the dataset, replacing the file if it exists.
     *
     * @param data the dataset
     * @param file destination
     * @throws IllegalArgumentException if a subject name cannot be written unquoted (contains a
     *                                  comma, quote or line break, or has surrounding spaces) or two
     *                                  sessions share a subject and index (they would merge on
     *                                  reading), or a trial's outcome contradicts the port mapping
     *                                  its subject's {@code pCongruent} implies (congruent at 0.5
     *                                  and above: common ⇒ outcome = choice; mirrored below)
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void write(TwoStepDataset data, Path file) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(file, "file");
        Map<String, Subject> subjects = new HashMap<>();
        for (Subject s : data.subjects()) {
            String n = s.name();
            if (n.contains(",") || n.contains("\"") || n.contains("\n") || n.contains("\r") || !n.equals(n.trim())) {
                throw new IllegalArgumentException("subject name '" + n + "' cannot be written to CSV: it must not"
                        + " contain commas, quotes or line breaks, nor start or end with spaces");
            }
            subjects.put(n, s);
        }
        Set<String> seen = new HashSet<>();
        for (Session s : data.sessions()) {
            if (!seen.add(s.subject() + "\u0000" + s.index())) {
                throw new IllegalArgumentException("subject " + s.subject() + " has two sessions with index "
                        + s.index() + "; the CSV schema identifies a session by subject and index, so relabel"
                        + " them (Session.relabel) before writing");
            }
            requireMapping(s, subjects.get(s.subject()).pCongruent());
        }
        boolean anyPhases = data.sessions().stream().anyMatch(Session::hasPhases);
        try {
            AtomicFiles.writeText(file, out -> {
            out.write("subject,session,choice,reward,common,outcome,scored,p_congruent,raw_trials");
            out.write(anyPhases ? ",phase\n" : "\n");
            StringBuilder sb = new StringBuilder(64);
            for (Session s : data.sessions()) {
                Subject subj = subjects.get(s.subject());
                String tail = "," + subj.pCongruent() + "," + subj.rawTrials();
                for (int t = 0; t < s.length(); t++) {
                    sb.setLength(0);
                    sb.append(s.subject()).append(',').append(s.index()).append(',').append(s.choice(t))
                            .append(',').append(s.reward(t)).append(',').append(s.common(t) ? 1 : 0)
                            .append(',').append(s.outcome(t)).append(',').append(s.scored(t) ? 1 : 0)
                            .append(tail);
                    if (anyPhases) {
                        sb.append(',');
                        if (s.hasPhases()) {
                            sb.append(s.phase(t));
                        }
                    }
                    sb.append('\n');
                    out.write(sb.toString());
                }
            }
            });
        } catch (UncheckedIOException e) {
            throw IoSupport.ioFailure(file, "write CSV file", e.getCause());
        }
    }
}
