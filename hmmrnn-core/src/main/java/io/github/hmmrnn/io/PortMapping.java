package io.github.hmmrnn.io;

/**
 * How a subject's first-step choices map to second-step ports on common transitions.
 *
 * <p>The two-step task counterbalances the mapping across subjects: for a congruent subject the
 * common transition takes choice left to port left (outcome = choice), for a mirrored one to port
 * right (outcome = 1 − choice); a rare transition goes the other way. A subject's
 * {@code pCongruent} (probability that a choice leads to its own-side port) is therefore at least
 * 0.5 exactly when its mapping is congruent.
 */
enum PortMapping {

    /** Common transition ⇒ outcome = choice. */
    CONGRUENT("congruent", "common => outcome = choice"),

    /** Common transition ⇒ outcome = 1 − choice. */
    MIRRORED("mirrored", "common => outcome = 1 - choice");

    private final String label;
    private final String rule;

    PortMapping(String label, String rule) {
        this.label = label;
        this.rule = rule;
    }

    /** The mapping that a {@code pCongruent} implies: congruent at 0.5 and above. */
    static PortMapping ofPCongruent(double pCongruent) {
        return pCongruent >= 0.5 ? CONGRUENT : MIRRORED;
    }

    /** The mapping one trial shows. */
    static PortMapping ofTrial(int choice, int outcome, boolean common) {
        return (outcome == choice) == common ? CONGRUENT : MIRRORED;
    }

    /** The port this mapping gives for a choice and transition. */
    int outcome(int choice, boolean common) {
        return (this == CONGRUENT) == common ? choice : 1 - choice;
    }

    /** A readable name with its rule, for messages: "congruent (common => outcome = choice)". */
    String describe() {
        return label + " (" + rule + ")";
    }

    @Override
    public String toString() {
        return label;
    }
}
