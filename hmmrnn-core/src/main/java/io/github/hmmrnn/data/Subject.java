package io.github.hmmrnn.data;

import java.util.Objects;

/**
 * Who produced a set of sessions.
 *
 * @param name       subject identifier (e.g. a rat name such as {@code M055}); never blank
 * @param pCongruent probability that a first-step choice leads to its congruent second-step port,
 *                   in [0, 1]; below 0.5 the subject's common transitions are mirrored. For
 *                   synthetic data this is the generator's {@code p_common}.
 * @param rawTrials  number of trials in the source file before violation trials were removed
 *                   (equal to the kept trial count when nothing was removed); at least 0
 */
public record Subject(String name, double pCongruent, int rawTrials) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the name is blank, {@code pCongruent} is not in [0, 1]
     *                                  or {@code rawTrials} is negative
     */
    public Subject {
        Objects.requireNonNull(name, "subject name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("subject name must not be blank");
        }
        if (!(pCongruent >= 0 && pCongruent <= 1)) {
            throw new IllegalArgumentException(
                    "subject " + name + ": pCongruent must be in [0, 1], got " + pCongruent);
        }
        if (rawTrials < 0) {
            throw new IllegalArgumentException(
                    "subject " + name + ": rawTrials must be >= 0, got " + rawTrials);
        }
    }
}
