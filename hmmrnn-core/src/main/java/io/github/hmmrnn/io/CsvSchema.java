package io.github.hmmrnn.io;

import java.util.List;

/** The CSV layouts that {@link CsvTwoStepReader} recognises from the header. */
public enum CsvSchema {

    /**
     * The flat export of the MixtureAgentsModels rat data ({@code ofc_physdata_twostep.csv}): one
     * row per raw trial, violations included, columns {@code rat, session, trial, choice (l/r),
     * outcome_port (l/r/v), reward, common, violation, forced, p_congruent, left_prob, right_prob,
     * c1_time, s1_time, c2_time, s2_time}. Recognised by the columns {@code rat} and
     * {@code outcome_port}.
     */
    MIXTURE_AGENTS_EXPORT(List.of("rat", "session", "choice", "outcome_port", "reward", "common",
            "violation", "forced", "p_congruent", "c1_time", "s1_time", "c2_time", "s2_time"),
            List.of("trial", "left_prob", "right_prob")),

    /**
     * The minimal generic schema, one row per kept trial, already coded: required columns
     * {@code subject, session, choice, reward, common}, optional {@code outcome, scored, phase,
     * p_congruent, raw_trials}. Recognised by the column {@code subject}.
     */
    GENERIC(List.of("subject", "session", "choice", "reward", "common"),
            List.of("outcome", "scored", "phase", "p_congruent", "raw_trials"));

    private final List<String> requiredColumns;
    private final List<String> optionalColumns;

    CsvSchema(List<String> requiredColumns, List<String> optionalColumns) {
        this.requiredColumns = requiredColumns;
        this.optionalColumns = optionalColumns;
    }

    /**
     * @return the other columns the schema defines; for the export these are present but unused
     *         ({@code trial, left_prob, right_prob}), for the generic schema they are read when
     *         present. Any column outside both lists is ignored with a warning.
     */
    public List<String> optionalColumns() {
        return optionalColumns;
    }

    /** @return the columns a file of this schema must have */
    public List<String> requiredColumns() {
        return requiredColumns;
    }
}
