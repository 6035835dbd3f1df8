package io.github.hmmrnn.io;

import io.github.hmmrnn.data.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;

/**
 * Collects the kept trials of one subject into sessions.
 *
 * <p>{@link #markSessionStart()} is sticky until the next kept trial: when a session's first raw
 * trial is dropped as a violation, the next kept trial starts the session (MixtureAgentsModels'
 * rule). Sessions left without any kept trial vanish; kept sessions are numbered 0, 1, ... in
 * order unless {@link #markSessionStart(int)} gives an explicit index.
 */
final class SessionAssembler {

    private final String subject;
    private final List<Session> sessions = new ArrayList<>();
    private final IntList choices = new IntList();
    private final IntList outcomes = new IntList();
    private final IntList rewards = new IntList();
    private final IntList common = new IntList();
    private final IntList scored = new IntList();
    private final IntList phases = new IntList();
    private boolean pendingStart = true;
    private int pendingIndex = -1;
    private int currentIndex;
    private Boolean sessionHasPhases;

    SessionAssembler(String subject) {
        this.subject = subject;
    }

    /** The next kept trial starts a new session. */
    void markSessionStart() {
        markSessionStart(-1);
    }

    /** The next kept trial starts a new session with this index (negative: next ordinal). */
    void markSessionStart(int index) {
        pendingStart = true;
        pendingIndex = index;
    }

    /** Adds a kept trial; {@code phase} is negative when unknown. */
    void add(int choice, int outcome, int reward, boolean isCommon, boolean isScored, int phase,
             String where) {
        if (pendingStart) {
            flush();
            currentIndex = pendingIndex >= 0 ? pendingIndex : sessions.size();
            pendingStart = false;
        }
        boolean hasPhase = phase >= 0;
        if (sessionHasPhases == null) {
            sessionHasPhases = hasPhase;
        } else if (sessionHasPhases != hasPhase) {
            throw new IllegalArgumentException(where + ": phase is " + (hasPhase ? "set" : "missing")
                    + " but earlier trials of the same session " + (hasPhase ? "have none" : "have one")
                    + "; a session's phases must be all set or all empty");
        }
        choices.add(choice);
        outcomes.add(outcome);
        rewards.add(reward);
        common.add(isCommon ? 1 : 0);
        scored.add(isScored ? 1 : 0);
        if (hasPhase) {
            phases.add(phase);
        }
    }

    private void flush() {
        if (choices.size() == 0) {
            return;
        }
        sessions.add(Session.of(subject, currentIndex, choices.toArray(), outcomes.toArray(),
                rewards.toArray(), common.toBooleans(), scored.toBooleans(),
                Boolean.TRUE.equals(sessionHasPhases) ? phases.toArray() : null));
        choices.clear();
        outcomes.clear();
        rewards.clear();
        common.clear();
        scored.clear();
        phases.clear();
        sessionHasPhases = null;
    }

    /** Number of kept trials so far. */
    int keptTrials() {
        int n = choices.size();
        for (Session s : sessions) {
            n += s.length();
        }
        return n;
    }

    /** Closes the last session and returns all of them. */
    List<Session> finish() {
        flush();
        return List.copyOf(sessions);
    }

    /** A growable int array, to avoid boxing 10^4-trial vectors. */
    static final class IntList {
        private int[] data = new int[64];
        private int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }

        boolean[] toBooleans() {
            boolean[] b = new boolean[size];
            for (int i = 0; i < size; i++) {
                b[i] = data[i] != 0;
            }
            return b;
        }
    }
}
