package io.github.hmmrnn.emulation.rnn;

/**
 * Which drives the hidden state when an emulator generates sequences.
 */
public enum GenerationMode {
    /** h_t = ReLU(W_ih x_t + W_hh h_{t-1}): noise input and recurrence (the trained regime). */
    FULL,
    /** h_t = ReLU(W_hh h_{t-1}): recurrence only, no input (autonomous dynamics). */
    RECURRENCE_ONLY,
    /** h_t = ReLU(W_ih x_t): input only, no recurrence (memoryless noise readout). */
    INPUT_ONLY;

    boolean usesInput() {
        return this != RECURRENCE_ONLY;
    }

    boolean usesRecurrence() {
        return this != INPUT_ONLY;
    }
}
