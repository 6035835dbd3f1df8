package io.github.hmmrnn.io;

import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads two-step datasets from CSV, in either {@link CsvSchema} (detected from the header).
 *
 * <p><b>{@link CsvSchema#MIXTURE_AGENTS_EXPORT}</b> ({@code ofc_physdata_twostep.csv}): the same
 * rules and coding as {@link MatTwoStepReader}, so both readers give equal sessions trial for
 * trial. A row is a violation, and is dropped, when {@code violation} ≠ 0, {@code outcome_port}
 * is 'v', or any of {@code c1_time, s1_time, c2_time, s2_time} is NaN; a dropped first trial of a
 * session passes the session start to the next kept row. Choice 'l' → 0, 'r' → 1; outcome = the
 * port ('l' → 0, 'r' → 1); reward 0/1; common = ({@code common} = 1); scored = ({@code forced}
 * = 0). The subject is the rat; {@code p_congruent} must be constant per rat; the raw trial count
 * is the rat's number of rows. Sessions are numbered 0, 1, ... per rat.
 *
 * <p><b>{@link CsvSchema#GENERIC}</b>: one row per trial, nothing dropped. {@code choice},
 * {@code reward}, {@code common} (1 = common transition), {@code outcome} and {@code scored} are
 * the integers 0 or 1; {@code session} is the session index (an integer &gt;= 0), and consecutive
 * rows with the same subject and session form one session (a session's rows must be contiguous);
 * {@code phase} is an integer &gt;= 0 or empty, all set or all empty within a session. Each
 * subject has one port mapping: congruent (common ⇒ outcome = choice) or mirrored (common ⇒
 * outcome = 1 − choice). With an {@code outcome} column the mapping is inferred from the subject's
 * first row, every later row must follow it, and {@code p_congruent}, when given, must agree
 * (&gt;= 0.5 congruent, &lt; 0.5 mirrored). Without {@code outcome}, {@code p_congruent} is
 * required and decides the mapping, from which the outcome is derived; the reader never assumes a
 * mapping. When {@code scored} is absent every trial is scored, as the schema defines.
 * {@code p_congruent} (constant per subject) defaults to the subject's fraction of trials whose
 * outcome equals the choice, its maximum-likelihood estimate, which must agree with the mapping;
 * {@code raw_trials} (constant per subject, at least the subject's row count) defaults to the row
 * count. Sessions keep the file order.
 *
 * <p>Columns that the schema does not define (e.g. {@code trial} in a generic file) are ignored
 * with one warning per file naming them. Cells are separated by commas and parsed by Apache
 * Commons CSV (RFC 4180: quoted cells lose their quotes and may span lines); spaces around cells
 * are dropped. Blank lines are skipped.
 */
public final class CsvTwoStepReader {

    private static final Logger LOG = LoggerFactory.getLogger(CsvTwoStepReader.class);

    private CsvTwoStepReader() {
    }

    /**
     * Reads a CSV file of either schema.
     *
     * @param file the CSV file
     * @return the dataset
     * @throws IllegalArgumentException if the file is empty, its header matches no schema, a
     *                                  required column is missing, or a cell is malformed (the
     *                                  message names file, line, column and value)
     * @throws java.io.UncheckedIOException if the file does not exist or cannot be read
     */
    public static TwoStepDataset read(Path file) {
        IoSupport.requireReadableFile(file);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.mark(1);
            if (in.read() != '\uFEFF') {
                in.reset();
            }
            Records records = new Records(file, in);
            List<String> headerCells = records.next();
            if (headerCells == null) {
                throw new IllegalArgumentException("file " + file + " is empty: expected a CSV header, e.g. "
                        + String.join(",", CsvSchema.GENERIC.requiredColumns()));
            }
            Header header = new Header(file, headerCells, records.lineNo());
            CsvSchema schema = detect(file, header);
            List<String> ignored = ignoredColumns(header, schema);
            if (!ignored.isEmpty()) {
                LOG.warn("{}: ignoring column(s) {}: the {} schema reads only {} and optionally {}", file, ignored,
                        schema, schema.requiredColumns(), schema.optionalColumns());
            }
            TwoStepDataset data = schema == CsvSchema.GENERIC
                    ? readGeneric(file, header, records) : readExport(file, header, records);
            LOG.info("Read {} ({} schema) from {}", data, schema, file);
            return data;
        } catch (IOException e) {
            throw IoSupport.readFailure(file, "CSV file", e);
        }
    }

    /**
     * Detects the schema of a header.
     *
     * @param file   file name, for the message
     * @param header the header's column names
     * @return the schema
     * @throws IllegalArgumentException if no schema matches or a required column is missing
     */
    static CsvSchema detect(Path file, Header header) {
        CsvSchema schema;
        if (header.has("rat") && header.has("outcome_port")) {
            schema = CsvSchema.MIXTURE_AGENTS_EXPORT;
        } else if (header.has("subject")) {
            schema = CsvSchema.GENERIC;
        } else {
            throw new IllegalArgumentException("file " + file + ": header " + header.names
                    + " matches no known CSV schema; expected the generic columns "
                    + CsvSchema.GENERIC.requiredColumns() + " or the MixtureAgentsModels export columns "
                    + CsvSchema.MIXTURE_AGENTS_EXPORT.requiredColumns());
        }
        for (String c : schema.requiredColumns()) {
            if (!header.has(c)) {
                throw new IllegalArgumentException("file " + file + ": missing column '" + c + "' (schema "
                        + schema + " requires " + schema.requiredColumns() + "; header is " + header.names + ")");
            }
        }
        return schema;
    }

    /** The header's columns that the schema neither requires nor defines, in header order. */
    static List<String> ignoredColumns(Header header, CsvSchema schema) {
        List<String> out = new ArrayList<>();
        for (String c : header.names) {
            if (!schema.requiredColumns().contains(c) && !schema.optionalColumns().contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static TwoStepDataset readExport(Path file, Header h, Records records) {
        int cRat = h.index("rat");
        int cSession = h.index("session");
        int cChoice = h.index("choice");
        int cPort = h.index("outcome_port");
        int cReward = h.index("reward");
        int cCommon = h.index("common");
        int cViol = h.index("violation");
        int cForced = h.index("forced");
        int cPc = h.index("p_congruent");
        int[] cTimes = {h.index("c1_time"), h.index("s1_time"), h.index("c2_time"), h.index("s2_time")};
        Map<String, SubjectRows> rats = new LinkedHashMap<>();
        Set<String> closedSessions = new HashSet<>();
        String prevKey = null;
        SubjectRows prevRat = null;
        List<String> cells;
        while ((cells = records.next()) != null) {
            Row r = new Row(file, h, cells, records.lineNo());
            String rat = r.text(cRat);
            String key = rat + "\u0000" + r.text(cSession);
            SubjectRows acc = rats.computeIfAbsent(rat, SubjectRows::new);
            if (!key.equals(prevKey)) {
                if (prevKey != null) {
                    closedSessions.add(prevKey);
                }
                if (closedSessions.contains(key)) {
                    throw new IllegalArgumentException(r.where(cSession) + ": rows of rat " + rat + " session "
                            + r.text(cSession) + " are not contiguous (the session reappears after another one)");
                }
                acc.asm.markSessionStart();
                prevKey = key;
            }
            prevRat = acc;
            acc.rows++;
            acc.pCongruent(r.number(cPc), r, cPc);
            String port = r.text(cPort);
            char portChar = port.length() == 1 ? port.charAt(0) : '?';
            if (IoSupport.isViolation(r.number(cViol), portChar, r.number(cTimes[0]), r.number(cTimes[1]),
                    r.number(cTimes[2]), r.number(cTimes[3]))) {
                continue;
            }
            String at = r.where(-1);
            acc.asm.add(r.port(cChoice), r.port(cPort), r.binary(cReward), r.binary(cCommon) == 1,
                    r.binary(cForced) == 0, -1, at);
        }
        if (prevRat == null) {
            throw new IllegalArgumentException("file " + file + " has a header but no data rows");
        }
        List<Subject> subjects = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (SubjectRows acc : rats.values()) {
            List<Session> kept = acc.asm.finish();
            if (kept.isEmpty()) {
                throw new IllegalArgumentException("file " + file + ", rat " + acc.name + ": all " + acc.rows
                        + " rows are violations; no session left");
            }
            subjects.add(new Subject(acc.name, acc.pCongruent, acc.rows));
            sessions.addAll(kept);
        }
        return TwoStepDataset.of(subjects, sessions);
    }

    private static TwoStepDataset readGeneric(Path file, Header h, Records records) {
        int cSubject = h.index("subject");
        int cSession = h.index("session");
        int cChoice = h.index("choice");
        int cReward = h.index("reward");
        int cCommon = h.index("common");
        int cOutcome = h.indexOrMinus1("outcome");
        int cScored = h.indexOrMinus1("scored");
        int cPhase = h.indexOrMinus1("phase");
        int cPc = h.indexOrMinus1("p_congruent");
        int cRaw = h.indexOrMinus1("raw_trials");
        Map<String, SubjectRows> subjects = new LinkedHashMap<>();
        List<String> sessionOrder = new ArrayList<>();
        Set<String> closedSessions = new HashSet<>();
        String prevKey = null;
        List<String> cells;
        while ((cells = records.next()) != null) {
            Row r = new Row(file, h, cells, records.lineNo());
            String subject = r.text(cSubject);
            if (subject.isEmpty()) {
                throw new IllegalArgumentException(r.where(cSubject) + ": empty subject name");
            }
            int sessionIndex = r.integer(cSession);
            if (sessionIndex < 0) {
                throw new IllegalArgumentException(r.where(cSession) + ": session " + sessionIndex + " must be >= 0");
            }
            String key = subject + "\u0000" + sessionIndex;
            SubjectRows acc = subjects.computeIfAbsent(subject, SubjectRows::new);
            if (!key.equals(prevKey)) {
                if (prevKey != null) {
                    closedSessions.add(prevKey);
                }
                if (closedSessions.contains(key)) {
                    throw new IllegalArgumentException(r.where(cSession) + ": rows of subject " + subject
                            + " session " + sessionIndex + " are not contiguous (the session reappears after another one)");
                }
                acc.asm.markSessionStart(sessionIndex);
                sessionOrder.add(subject);
                prevKey = key;
            }
            acc.rows++;
            int choice = r.binaryInt(cChoice);
            int reward = r.binaryInt(cReward);
            boolean common = r.binaryInt(cCommon) == 1;
            if (cPc >= 0) {
                acc.pCongruent(r.number(cPc), r, cPc);
            }
            int outcome;
            if (cOutcome >= 0) {
                outcome = r.binaryInt(cOutcome);
                acc.checkMapping(choice, outcome, common, r, cOutcome, cPc);
            } else if (cPc >= 0) {
                outcome = PortMapping.ofPCongruent(acc.pCongruent).outcome(choice, common);
            } else {
                throw new IllegalArgumentException("file " + file + ", subject " + subject + ": the file has neither"
                        + " an 'outcome' column nor a 'p_congruent' column, so the subject's port mapping is unknown"
                        + " (" + PortMapping.CONGRUENT.describe() + " or " + PortMapping.MIRRORED.describe()
                        + "); add an 'outcome' column (0/1, the port reached) or a 'p_congruent' column"
                        + " (>= 0.5 congruent, < 0.5 mirrored)");
            }
            boolean scored = cScored < 0 || r.binaryInt(cScored) == 1;
            int phase = -1;
            if (cPhase >= 0 && !r.text(cPhase).isEmpty()) {
                phase = r.integer(cPhase);
                if (phase < 0) {
                    throw new IllegalArgumentException(r.where(cPhase) + ": phase " + phase + " must be >= 0");
                }
            }
            if (cRaw >= 0) {
                acc.rawTrials(r.integer(cRaw), r, cRaw);
            }
            acc.asm.add(choice, outcome, reward, common, scored, phase, r.where(-1));
        }
        if (sessionOrder.isEmpty()) {
            throw new IllegalArgumentException("file " + file + " has a header but no data rows");
        }
        List<Subject> subjectList = new ArrayList<>();
        Map<String, List<Session>> bySubject = new HashMap<>();
        for (SubjectRows acc : subjects.values()) {
            List<Session> ss = acc.asm.finish();
            bySubject.put(acc.name, ss);
            double pc = acc.pCongruent;
            if (Double.isNaN(pc)) {
                pc = IoSupport.congruentFraction(ss);
                if (PortMapping.ofPCongruent(pc) != acc.mapping) {
                    throw new IllegalArgumentException("file " + file + ", subject " + acc.name + ": the outcomes"
                            + " follow the " + acc.mapping.describe() + " port mapping (from line " + acc.mappingLine
                            + "), but only " + Math.round(100 * (acc.mapping == PortMapping.CONGRUENT ? pc : 1 - pc))
                            + "% of its trials are common, so p_congruent estimated from the data (" + pc
                            + ") would imply the other mapping; add a 'p_congruent' column (expected "
                            + (acc.mapping == PortMapping.CONGRUENT ? ">= 0.5" : "< 0.5") + " for this subject)");
                }
            }
            int raw = acc.rawTrials < 0 ? acc.rows : acc.rawTrials;
            if (raw < acc.rows) {
                throw new IllegalArgumentException("file " + file + ", subject " + acc.name + ": column 'raw_trials' = "
                        + raw + " is smaller than the subject's " + acc.rows + " rows");
            }
            try {
                subjectList.add(new Subject(acc.name, pc, raw));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("file " + file + ": " + e.getMessage(), e);
            }
        }
        List<Session> sessions = new ArrayList<>();
        Map<String, Integer> next = new HashMap<>();
        for (String s : sessionOrder) {
            int k = next.merge(s, 1, Integer::sum) - 1;
            sessions.add(bySubject.get(s).get(k));
        }
        return TwoStepDataset.of(subjectList, sessions);
    }

    /**
     * The records of a CSV file, parsed by Apache Commons CSV (RFC 4180: a cell may be quoted,
     * {@code ""} stands for a quote inside, and a quoted cell may span lines), each with the line
     * it starts on. Spaces around cells are dropped; blank lines are skipped. Parse errors become
     * {@link IllegalArgumentException}s naming the file, line and column.
     */
    static final class Records {
        /** RFC 4180 with surrounding spaces ignored; blank lines are kept so that lines can be counted. */
        private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(false).get();

        private final Path file;
        private final Iterator<CSVRecord> it;
        private final CSVParser parser;
        private long linesBefore;
        private int lineNo;

        Records(Path file, Reader in) throws IOException {
            this.file = file;
            this.parser = CSVParser.builder().setReader(in).setFormat(FORMAT).get();
            this.it = parser.iterator();
        }

        /** @return the line on which the record last returned by {@link #next()} starts */
        int lineNo() {
            return lineNo;
        }

        /** @return the cells of the next non-blank record, or null at the end of the file */
        List<String> next() {
            while (true) {
                // the parser counts the line breaks it has consumed: the next record starts on the line after
                lineNo = (int) linesBefore + 1;
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        return null;
                    }
                    r = it.next();
                } catch (UncheckedIOException e) {
                    throw failure(e.getCause());
                }
                linesBefore = parser.getCurrentLineNumber();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue;
                }
                return r.toList();
            }
        }

        private RuntimeException failure(IOException e) {
            if (!(e instanceof CSVException)) {
                return IoSupport.readFailure(file, "CSV file", e);
            }
            int column = brokenColumn(file, lineNo);
            return new IllegalArgumentException("file " + file + ", line " + lineNo
                    + (column > 0 ? ", column " + column : "") + ": broken quoting (" + e.getMessage() + "); expected"
                    + " RFC 4180 quoting: a quoted cell starts and ends with \" followed by ',' or the end of the"
                    + " line, with \"\" for a quote inside it", e);
        }
    }

    /**
     * The 1-based column of the first badly quoted cell on a line of the file, for an error
     * message only (the file is parsed by Commons CSV): a quoted cell that is not closed on this
     * line, or has text after its closing quote; 0 if none is found.
     */
    static int brokenColumn(Path file, int lineNo) {
        String line;
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            line = lines.skip(lineNo - 1L).findFirst().orElse("");
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
        int column = 1;
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        return column;
                    }
                    if (line.charAt(i) == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    i++;
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    return column;
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    i++;
                }
            }
            i++;
            column++;
        }
        return 0;
    }

    /** Per-subject accumulator. */
    private static final class SubjectRows {
        final String name;
        final SessionAssembler asm;
        int rows;
        double pCongruent = Double.NaN;
        int rawTrials = -1;
        PortMapping mapping;
        int mappingLine;

        SubjectRows(String name) {
            this.name = name;
            this.asm = new SessionAssembler(name);
        }

        void pCongruent(double v, Row r, int col) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException(r.where(col) + ": p_congruent is NaN");
            }
            if (Double.isNaN(pCongruent)) {
                pCongruent = v;
            } else if (pCongruent != v) {
                throw new IllegalArgumentException(r.where(col) + ": p_congruent " + v + " differs from "
                        + pCongruent + " on earlier rows of " + name + "; it must be constant per subject");
            }
        }

        /**
         * Infers the port mapping from the subject's first row (checking it against p_congruent
         * when given) and rejects any later row that contradicts it.
         */
        void checkMapping(int choice, int outcome, boolean common, Row r, int cOutcome, int cPc) {
            PortMapping m = PortMapping.ofTrial(choice, outcome, common);
            String values = "outcome " + outcome + " with choice " + choice + " and common " + (common ? 1 : 0);
            if (mapping == null) {
                mapping = m;
                mappingLine = r.lineNo;
                PortMapping byPc = Double.isNaN(pCongruent) ? m : PortMapping.ofPCongruent(pCongruent);
                if (byPc != m) {
                    throw new IllegalArgumentException(r.where(cPc) + ": subject " + name + " has p_congruent "
                            + pCongruent + ", which means the " + byPc.describe() + " port mapping, but this first"
                            + " row has " + values + ", which follows the " + m.describe() + " mapping; expected"
                            + " outcome " + byPc.outcome(choice, common) + ", or p_congruent "
                            + (m == PortMapping.CONGRUENT ? ">= 0.5" : "< 0.5"));
                }
            } else if (m != mapping) {
                throw new IllegalArgumentException(r.where(cOutcome) + ": subject " + name + ": " + values
                        + " contradicts the subject's " + mapping.describe() + " port mapping (set by line "
                        + mappingLine + (Double.isNaN(pCongruent) ? "" : " and p_congruent " + pCongruent)
                        + "); expected outcome " + mapping.outcome(choice, common));
            }
        }

        void rawTrials(int v, Row r, int col) {
            if (rawTrials < 0) {
                rawTrials = v;
            } else if (rawTrials != v) {
                throw new IllegalArgumentException(r.where(col) + ": raw_trials " + v + " differs from "
                        + rawTrials + " on earlier rows of " + name + "; it must be constant per subject");
            }
            if (v < 0) {
                throw new IllegalArgumentException(r.where(col) + ": raw_trials " + v + " must be >= 0");
            }
        }
    }

    /** Column names and positions. */
    static final class Header {
        final List<String> names;
        private final Map<String, Integer> index = new HashMap<>();

        Header(Path file, List<String> names, int lineNo) {
            this.names = names;
            for (int i = 0; i < names.size(); i++) {
                if (index.put(names.get(i), i) != null) {
                    throw new IllegalArgumentException("file " + file + ", line " + lineNo + ": column '"
                            + names.get(i) + "' appears twice in the header");
                }
            }
        }

        boolean has(String name) {
            return index.containsKey(name);
        }

        int index(String name) {
            return index.get(name);
        }

        int indexOrMinus1(String name) {
            return index.getOrDefault(name, -1);
        }
    }

    /** One data row with typed, located accessors. */
    private static final class Row {
        private final Path file;
        private final Header header;
        private final List<String> cells;
        private final int lineNo;

        Row(Path file, Header header, List<String> cells, int lineNo) {
            this.file = file;
            this.header = header;
            this.cells = cells;
            this.lineNo = lineNo;
            if (cells.size() != header.names.size()) {
                throw new IllegalArgumentException("file " + file + ", line " + lineNo + ": " + cells.size()
                        + " cells but the header has " + header.names.size() + " columns");
            }
        }

        String where(int col) {
            return "file " + file + ", line " + lineNo + (col >= 0 ? ", column '" + header.names.get(col) + "'" : "");
        }

        String text(int col) {
            return cells.get(col);
        }

        double number(int col) {
            String s = cells.get(col);
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where(col) + ": '" + s + "' is not a number");
            }
        }

        int integer(int col) {
            String s = cells.get(col);
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where(col) + ": '" + s + "' is not an integer");
            }
        }

        int binary(int col) {
            double v = number(col);
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException(where(col) + ": value is NaN, expected 0 or 1");
            }
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException(where(col) + ": value '" + cells.get(col) + "' not in {0,1}");
            }
            return (int) v;
        }

        int binaryInt(int col) {
            String s = cells.get(col);
            if (s.equals("0")) {
                return 0;
            }
            if (s.equals("1")) {
                return 1;
            }
            throw new IllegalArgumentException(where(col) + ": value '" + s + "' not in {0,1}");
        }

        int port(int col) {
            String s = cells.get(col);
            if (s.length() != 1) {
                throw new IllegalArgumentException(where(col) + ": value '" + s + "' is not 'l' (left) or 'r' (right)");
            }
            return IoSupport.port(s.charAt(0), where(col), "value");
        }
    }
}
