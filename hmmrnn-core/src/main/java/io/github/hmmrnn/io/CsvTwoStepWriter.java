package io.github.hmmrnn.io;

import java.io.UncheckedIOException;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
 * Cells are written by Apache Commons CSV (RFC 4180, {@code \n} line ends): a subject name with a
 * comma, quote, line break or surrounding spaces is quoted, so any name reads back unchanged.
 */
public final class CsvTwoStepWriter {

    /** RFC 4180 quoting where needed, Unix line ends (as the files were before Commons CSV). */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

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
     * @throws IllegalArgumentException if two sessions share a subject and index (they would merge on
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
            subjects.put(s.name(), s);
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
        List<String> header = new ArrayList<>(List.of("subject", "session", "choice", "reward", "common", "outcome",
                "scored", "p_congruent", "raw_trials"));
        if (anyPhases) {
            header.add("phase");
        }
        try {
            AtomicFiles.writeText(file, out -> {
                CSVPrinter csv = new CSVPrinter(out, FORMAT);
                csv.printRecord(header);
                List<Object> row = new ArrayList<>(header.size());
                for (Session s : data.sessions()) {
                    Subject subj = subjects.get(s.subject());
                    for (int t = 0; t < s.length(); t++) {
                        row.clear();
                        Collections.addAll(row, s.subject(), s.index(), s.choice(t), s.reward(t), s.common(t) ? 1 : 0,
                                s.outcome(t), s.scored(t) ? 1 : 0, subj.pCongruent(), subj.rawTrials());
                        if (anyPhases) {
                            row.add(s.hasPhases() ? Integer.toString(s.phase(t)) : "");
                        }
                        csv.printRecord(row);
                    }
                }
                csv.flush();
            });
        } catch (UncheckedIOException e) {
            throw IoSupport.ioFailure(file, "write CSV file", e.getCause());
        }
    }
}
