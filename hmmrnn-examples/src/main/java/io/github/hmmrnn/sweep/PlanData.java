package io.github.hmmrnn.sweep;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetJson;
import io.github.hmmrnn.io.DatasetReaders;
import io.github.hmmrnn.model.Provenance;

/**
 * A plan with its data read once: the data file is hashed and checked against the plan's
 * SHA-256, read, and cut into one dataset per subject of the plan. Serialisable (as the plan's
 * JSON and each subject's {@link DatasetJson} text), so Spark broadcasts it once to each executor
 * instead of every task re-reading the file.
 */
public final class PlanData implements Serializable {

    private static final long serialVersionUID = 1L;

    private final transient SweepPlan plan;
    private final transient Map<String, TwoStepDataset> subjects;

    private PlanData(SweepPlan plan, Map<String, TwoStepDataset> subjects) {
        this.plan = plan;
        this.subjects = subjects;
    }

    /**
     * Reads the plan's data file.
     *
     * @param plan the plan
     * @return the plan and its subjects' sessions
     * @throws IllegalArgumentException if the file's SHA-256 differs from the plan's, or a subject
     *                                  of the plan is not in the file
     */
    public static PlanData load(SweepPlan plan) {
        Path file = Path.of(plan.data().file());
        Provenance.DataFile actual = Provenance.DataFile.of(file);
        if (!actual.sha256().equals(plan.data().sha256())) {
            throw new IllegalArgumentException("data file " + file + " has SHA-256 " + actual.sha256()
                    + ", but the plan was made for " + plan.data().sha256());
        }
        return of(plan, DatasetReaders.read(file));
    }

    /**
     * @param plan the plan
     * @param all  the data its file holds
     * @return the plan and its subjects' sessions
     * @throws IllegalArgumentException if a subject of the plan is not in the data or has fewer
     *                                  sessions than a task's folds, a specification cannot be
     *                                  read, or a task's seed differs from its specification's
     */
    public static PlanData of(SweepPlan plan, TwoStepDataset all) {
        Map<String, TwoStepDataset> bySubject = new LinkedHashMap<>();
        for (String s : plan.subjects()) {
            all.subject(s);
            bySubject.put(s, all.forSubject(s));
        }
        Map<String, Long> seeds = new LinkedHashMap<>();
        for (SweepTask t : plan.tasks()) {
            long seed = seeds.computeIfAbsent(t.label(), k -> plan.spec(t).seed());
            if (seed != t.seed()) {
                throw new IllegalArgumentException(t.describe() + ": seed " + t.seed()
                        + " differs from its specification's seed " + seed);
            }
            int sessions = bySubject.get(t.subject()).numSessions();
            if (t.folds() > sessions) {
                throw new IllegalArgumentException(t.describe() + ": " + t.folds() + " folds exceed subject "
                        + t.subject() + "'s " + sessions + " sessions");
            }
        }
        return new PlanData(plan, Map.copyOf(bySubject));
    }

    /** @return the plan */
    public SweepPlan plan() {
        return plan;
    }

    /**
     * @param name a subject of the plan
     * @return its sessions
     * @throws IllegalArgumentException if the plan has no such subject
     */
    public TwoStepDataset subject(String name) {
        TwoStepDataset d = subjects.get(name);
        if (d == null) {
            throw new IllegalArgumentException("subject '" + name + "' is not in the plan; its subjects: "
                    + plan.subjects());
        }
        return d;
    }

    private Object writeReplace() {
        Map<String, String> json = new LinkedHashMap<>();
        for (var e : subjects.entrySet()) {
            json.put(e.getKey(), DatasetJson.toJson(e.getValue()));
        }
        return new Form(plan.toJson(), json);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("PlanData travels as its serial form");
    }

    /** What travels: the plan's JSON and each subject's dataset JSON. */
    private record Form(String plan, Map<String, String> subjects) implements Serializable {

        private static final long serialVersionUID = 1L;

        Form {
            Objects.requireNonNull(plan, "plan");
            subjects = new LinkedHashMap<>(subjects);
        }

        private Object readResolve() {
            Map<String, TwoStepDataset> data = new LinkedHashMap<>();
            for (var e : subjects.entrySet()) {
                data.put(e.getKey(), DatasetJson.fromJson(e.getValue(), "sweep broadcast of " + e.getKey()));
            }
            return new PlanData(SweepPlan.fromJson(plan), Map.copyOf(data));
        }
    }
}
