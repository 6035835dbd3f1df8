package io.github.hmmrnn.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An immutable two-step task dataset: sessions of one or more subjects.
 *
 * <p>Sessions keep their order; every session's subject must be listed in {@link #subjects()}.
 * Views ({@link #forSubjects}, {@link #selectSessions}, {@link #concat}) return new datasets that
 * share the immutable sessions.
 */
public final class TwoStepDataset {

    private final List<Subject> subjects;
    private final List<Session> sessions;

    private TwoStepDataset(List<Subject> subjects, List<Session> sessions) {
        this.subjects = subjects;
        this.sessions = sessions;
    }

    /**
     * Creates a dataset.
     *
     * @param subjects subjects, unique names; each must own at least one session
     * @param sessions sessions in order; at least one
     * @return the dataset
     * @throws IllegalArgumentException if there are no sessions, a session names an unknown
     *                                  subject, or subject names repeat
     */
    public static TwoStepDataset of(List<Subject> subjects, List<Session> sessions) {
        Objects.requireNonNull(subjects, "subjects");
        Objects.requireNonNull(sessions, "sessions");
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("a dataset needs at least one session, got none");
        }
        Map<String, Subject> byName = new LinkedHashMap<>();
        for (Subject s : subjects) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalArgumentException("subject '" + s.name() + "' is listed twice");
            }
        }
        Set<String> used = new LinkedHashSet<>();
        for (Session s : sessions) {
            Objects.requireNonNull(s, "session");
            if (!byName.containsKey(s.subject())) {
                throw new IllegalArgumentException("session " + s.index() + " names subject '"
                        + s.subject() + "', which is not among the subjects " + byName.keySet());
            }
            used.add(s.subject());
        }
        List<Subject> kept = subjects.stream().filter(s -> used.contains(s.name())).toList();
        return new TwoStepDataset(kept, List.copyOf(sessions));
    }

    /** @return the subjects, in order of first appearance in the input list */
    public List<Subject> subjects() {
        return subjects;
    }

    /** @return subject names */
    public List<String> subjectNames() {
        return subjects.stream().map(Subject::name).toList();
    }

    /**
     * @param name subject name
     * @return that subject
     * @throws IllegalArgumentException if the subject is unknown (the message lists the known ones)
     */
    public Subject subject(String name) {
        for (Subject s : subjects) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown subject '" + name + "'; known subjects: " + subjectNames());
    }

    /** @return the sessions, unmodifiable */
    public List<Session> sessions() {
        return sessions;
    }

    /** @return number of sessions */
    public int numSessions() {
        return sessions.size();
    }

    /** @return total number of trials */
    public int numTrials() {
        return sessions.stream().mapToInt(Session::length).sum();
    }

    /** @return total number of scored (free) trials */
    public int numScored() {
        return sessions.stream().mapToInt(Session::scoredCount).sum();
    }

    /** @return whether every session carries ground-truth phases */
    public boolean hasPhases() {
        return sessions.stream().allMatch(Session::hasPhases);
    }

    /**
     * @param names subject names
     * @return the sessions of those subjects, in dataset order
     * @throws IllegalArgumentException if a name is unknown
     */
    public TwoStepDataset forSubjects(Collection<String> names) {
        Set<String> want = new LinkedHashSet<>(names);
        if (want.isEmpty()) {
            throw new IllegalArgumentException("no subject names given; known subjects: " + subjectNames());
        }
        List<Subject> subs = new ArrayList<>();
        for (String n : want) {
            subs.add(subject(n));
        }
        List<Session> ss = sessions.stream().filter(s -> want.contains(s.subject())).toList();
        return new TwoStepDataset(List.copyOf(subs), ss);
    }

    /**
     * @param name subject name
     * @return that subject's sessions
     * @throws IllegalArgumentException if the name is unknown
     */
    public TwoStepDataset forSubject(String name) {
        return forSubjects(List.of(name));
    }

    /**
     * @param indices positions in {@link #sessions()}, each used at most once
     * @return a dataset of those sessions, in the given order
     * @throws IllegalArgumentException if an index is out of range or the list is empty
     */
    public TwoStepDataset selectSessions(List<Integer> indices) {
        if (indices.isEmpty()) {
            throw new IllegalArgumentException("selectSessions: no session indices given");
        }
        List<Session> ss = new ArrayList<>(indices.size());
        for (int i : indices) {
            if (i < 0 || i >= sessions.size()) {
                throw new IllegalArgumentException(
                        "session index " + i + " out of range [0, " + sessions.size() + ")");
            }
            ss.add(sessions.get(i));
        }
        return of(subjects, ss);
    }

    /**
     * Concatenates datasets; subjects that appear in several must be identical.
     *
     * @param parts datasets in order
     * @return the concatenation
     * @throws IllegalArgumentException if two parts disagree about a subject's metadata
     */
    public static TwoStepDataset concat(List<TwoStepDataset> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: no datasets given");
        }
        Map<String, Subject> subs = new LinkedHashMap<>();
        List<Session> ss = new ArrayList<>();
        for (TwoStepDataset d : parts) {
            for (Subject s : d.subjects) {
                Subject prev = subs.putIfAbsent(s.name(), s);
                if (prev != null && !prev.equals(s)) {
                    throw new IllegalArgumentException("concat: subject '" + s.name()
                            + "' differs between datasets: " + prev + " vs " + s);
                }
            }
            ss.addAll(d.sessions);
        }
        return of(new ArrayList<>(subs.values()), ss);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TwoStepDataset d && subjects.equals(d.subjects) && sessions.equals(d.sessions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subjects, sessions);
    }

    @Override
    public String toString() {
        return "TwoStepDataset[subjects=" + subjectNames() + ", sessions=" + numSessions()
                + ", trials=" + numTrials() + ", scored=" + numScored() + "]";
    }

    /**
     * Groups sessions by subject.
     *
     * @return subject name to its sessions, in subject order
     */
    public Map<String, List<Session>> sessionsBySubject() {
        Map<String, List<Session>> m = sessions.stream().collect(Collectors.groupingBy(
                Session::subject, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<Session>> out = new LinkedHashMap<>();
        for (Subject s : subjects) {
            out.put(s.name(), Collections.unmodifiableList(m.getOrDefault(s.name(), List.of())));
        }
        return out;
    }
}
