package io.github.hmmrnn.emulation.analysis;

/**
 * How neurons are chosen for ablation.
 */
public enum NeuronCriterion {
    /**
     * "Kick" neurons: the largest increase of mean activity in the step just before an output switch
     * over their mean activity overall.
     */
    SWITCH_ACTIVITY,
    /** The largest activity variance over a driven trajectory. */
    ACTIVITY_VARIANCE,
    /** The smallest activity variance (a control group of quiet neurons). */
    LOW_VARIANCE_CONTROL
}
