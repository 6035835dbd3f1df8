package io.github.hmmrnn.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.agents.AgentPreset;
import io.github.hmmrnn.cli.HmmrnnCli;
import io.github.hmmrnn.data.InnerValidation;
import io.github.hmmrnn.data.Session;
import io.github.hmmrnn.data.SessionCrossValidation;
import io.github.hmmrnn.data.SplitMethod;
import io.github.hmmrnn.data.Subject;
import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.io.DatasetJson;
import io.github.hmmrnn.model.ModelSpec;
import io.github.hmmrnn.model.Provenance;
import io.github.hmmrnn.moa.HmmMoaModel;
import io.github.hmmrnn.report.RealDataReport;
import io.github.hmmrnn.rnn.TinyRnnModel;
import io.github.hmmrnn.spark.SparkSettings;
import io.github.hmmrnn.spark.SparkTaskRunner;
import io.github.hmmrnn.synthetic.TwoStepGenerator;
import picocli.CommandLine;

/**
 * One small plan (2 subjects × 2 models × 2 folds, tiny models) on the local engine, on embedded
 * Spark {@code local[2]} and as job-array elements: identical task results, model files and
 * gathered tables, equal to what {@link SessionCrossValidation} computes directly.
 */
class SweepEnginesTest {

    @TempDir
    static Path tmp;

    private static SparkTaskRunner spark;
    private static Path dataFile;
    private static TwoStepDataset data;

    @BeforeAll
    static void setUp() {
        List<Session> sessions = new ArrayList<>();
        List<Subject> subjects = new ArrayList<>();
        for (String name : List.of("A", "B")) {
            TwoStepDataset d = TwoStepGenerator.builder().sequences(4).trials(320).seed(name.hashCode()).build()
                    .generate();
            Subject s = d.subjects().get(0);
            subjects.add(new Subject(name, s.pCongruent(), s.rawTrials()));
            for (Session x : d.sessions()) {
                sessions.add(x.relabel(name, x.index()));
            }
        }
        data = TwoStepDataset.of(subjects, sessions);
        dataFile = tmp.resolve("two.json");
        DatasetJson.write(data, dataFile);
        spark = SparkTaskRunner.open(SparkSettings.local(2, "SweepEnginesTest"));
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.close();
        }
    }

    private static List<ModelSpec<?>> models() {
        return List.of(HmmMoaModel.builder().states(1).agents(AgentPreset.VENDITTO2023).starts(1).maxIterations(5)
                        .seed(3).threads(1).build(),
                TinyRnnModel.builder().hiddenSize(1).maxEpochs(4).patience(2).seed(3).threads(1).build());
    }

    private static SweepPlan plan(List<String> subjects) {
        return SweepPlan.crossValidation("test", Provenance.DataFile.of(dataFile), subjects,
                models().stream().map(SweepPlan.Labelled::of).toList(), 2, SplitMethod.STRIDE, 1,
                InnerValidation.SEGMENTS, true);
    }

    @Test
    void localSparkAndArray_giveIdenticalResultsAndTables() throws IOException {
        SweepPlan plan = plan(List.of("A", "B"));
        assertEquals(8, plan.tasks().size());
        Path local = tmp.resolve("local");
        Path onSpark = tmp.resolve("spark");
        Path array = tmp.resolve("array");
        Sweeps.Outcome l = Sweeps.run(PlanData.load(plan), local, new LocalEngine(2), Optional.empty(), false);
        Sweeps.Outcome s = Sweeps.run(PlanData.load(plan), onSpark, new SparkEngine(spark), Optional.empty(), false);
        for (int i = 0; i < plan.tasks().size(); i++) {
            // one process per element: each reads the plan file and the data afresh
            SweepPlan fromFile = i == 0 ? plan : SweepPlan.read(array.resolve(SweepPlan.FILE_NAME));
            Sweeps.run(PlanData.load(fromFile), array, new ArrayEngine(), Optional.of(List.of(i)), false);
        }
        assertTrue(l.failed().isEmpty(), () -> l.failed().toString());
        assertEquals(8, s.results().size());
        List<TaskResult> a = Sweeps.results(plan, array);
        for (int i = 0; i < plan.tasks().size(); i++) {
            TaskResult expected = l.results().get(i).outcome();
            assertEquals(expected, s.results().get(i).outcome(), "spark task " + i);
            assertEquals(expected, a.get(i).outcome(), "array task " + i);
            assertEquals("spark", s.results().get(i).engine());
            String model = expected.modelFile();
            if (model != null) {
                String m = withoutDate(local.resolve("tasks").resolve(model));
                assertEquals(m, withoutDate(onSpark.resolve("tasks").resolve(model)), "model file of task " + i);
                assertEquals(m, withoutDate(array.resolve("tasks").resolve(model)), "model file of task " + i);
            }
        }
        assertEquals(Files.readString(local.resolve(SweepPlan.FILE_NAME)), Files.readString(array.resolve(SweepPlan.FILE_NAME)));

        // the tables: gathered in-process for two engines, by the gather command for the array
        Sweeps.gatherAndWrite(plan, local, local);
        Sweeps.gatherAndWrite(plan, onSpark, onSpark);
        CommandLine cli = HmmrnnCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cli.execute("gather", array.resolve(SweepPlan.FILE_NAME).toString()));
        String csv = Files.readString(local.resolve("cv.csv"));
        assertEquals(csv, Files.readString(onSpark.resolve("cv.csv")));
        assertEquals(csv, Files.readString(array.resolve("cv.csv")));
        assertEquals(Files.readString(local.resolve("cv.md")), Files.readString(array.resolve("cv.md")));

        // and the rows equal cross-validation run directly, subject by subject, then pooled
        List<RealDataReport.CvRow> rows = Sweeps.gather(plan, local);
        assertEquals(6, rows.size());
        int r = 0;
        for (String subject : List.of("A", "B")) {
            for (ModelSpec<?> m : models()) {
                SessionCrossValidation.Result direct = SessionCrossValidation.run(data.forSubject(subject), m, 2,
                        SplitMethod.STRIDE, 1, 1, InnerValidation.SEGMENTS);
                assertEquals(direct, rows.get(r++).result(), subject + " " + m.name());
            }
        }
        assertEquals("pooled", rows.get(4).subject());
    }

    @Test
    void planData_travelsWithoutChange() throws IOException, ClassNotFoundException {
        SweepPlan plan = plan(List.of("A", "B"));
        PlanData d = PlanData.load(plan);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(d);
        }
        PlanData back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (PlanData) in.readObject();
        }
        assertEquals(plan, back.plan());
        for (String s : List.of("A", "B")) {
            assertEquals(data.forSubject(s), back.subject(s));
        }
    }

    @Test
    void resume_skipsFinishedTasksAndRerunsTheRest() throws IOException {
        SweepPlan plan = plan(List.of("A"));
        Path dir = tmp.resolve("resume");
        Sweeps.Outcome first = Sweeps.run(PlanData.load(plan), dir, new LocalEngine(2), Optional.empty(), false);
        Files.delete(dir.resolve("tasks").resolve(TaskResult.fileName(2)));
        Sweeps.Outcome second = Sweeps.run(PlanData.load(plan), dir, new LocalEngine(2), Optional.empty(), true);
        assertEquals(3, second.skipped());
        assertEquals(1, second.results().size());
        assertEquals(first.results().get(2).outcome(), second.results().get(0).outcome());
        // a different plan in the folder is refused on resume
        SweepPlan other = plan(List.of("B"));
        assertThrows(IllegalArgumentException.class,
                () -> Sweeps.run(PlanData.load(other), dir, new LocalEngine(1), Optional.empty(), true));
    }

    @Test
    void extendedBy_appendsNewTasksAndKeepsEarlierIndices() {
        SweepPlan a = plan(List.of("A"));
        SweepPlan ab = a.extendedBy(plan(List.of("B", "A")));
        assertEquals(8, ab.tasks().size());
        assertEquals(a.tasks(), ab.tasks().subList(0, 4));
        assertTrue(ab.tasks().subList(4, 8).stream().allMatch(t -> t.subject().equals("B")), ab.toJson());
        assertTrue(ab.startsWith(a));
        assertEquals(ab, ab.extendedBy(a), "nothing new: the same plan");
        SweepPlan threeFolds = SweepPlan.crossValidation("test", Provenance.DataFile.of(dataFile), List.of("A"),
                models().stream().map(SweepPlan.Labelled::of).toList(), 3, SplitMethod.STRIDE, 1,
                InnerValidation.SEGMENTS, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.extendedBy(threeFolds));
        assertTrue(e.getMessage().contains("cross-validated differently"), e.getMessage());
        SweepPlan otherSeed = SweepPlan.crossValidation("test", Provenance.DataFile.of(dataFile), List.of("A"),
                List.of(new SweepPlan.Labelled("HmmMoa-K1", HmmMoaModel.builder().states(1)
                        .agents(AgentPreset.VENDITTO2023).starts(1).maxIterations(5).seed(4).threads(1).build())), 2,
                SplitMethod.STRIDE, 1, InnerValidation.SEGMENTS, true);
        e = assertThrows(IllegalArgumentException.class, () -> a.extendedBy(otherSeed));
        assertTrue(e.getMessage().contains("model HmmMoa-K1 is specified differently"), e.getMessage());
    }

    @Test
    void failedTask_isNamedAndTheOthersAreKept() throws IOException {
        // subject C: two 100-trial sessions, so a training fold is one 150-trial segment and the
        // TinyRNN cannot hold out validation segments; the HMM-MoA (no early stopping) still fits
        TwoStepDataset c = TwoStepGenerator.builder().sequences(2).trials(100).seed(9).build().generate();
        Path cFile = tmp.resolve("c.json");
        DatasetJson.write(c, cFile);
        String subject = c.subjectNames().get(0);
        SweepPlan plan = SweepPlan.crossValidation("test", Provenance.DataFile.of(cFile), List.of(subject),
                models().stream().map(SweepPlan.Labelled::of).toList(), 2, SplitMethod.STRIDE, 1,
                InnerValidation.SEGMENTS, false);
        Path dir = tmp.resolve("failing");
        Sweeps.Outcome o = Sweeps.run(PlanData.load(plan), dir, new LocalEngine(2), Optional.empty(), false);
        assertEquals(2, o.failed().size());
        assertEquals(TaskStatus.OK, o.results().get(0).status());
        assertEquals(TaskStatus.OK, o.results().get(1).status());
        assertNotNull(o.failed().get(0).error());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sweeps.gather(plan, dir));
        assertTrue(e.getMessage().contains("subject " + subject + ", model TinyRnn-H1, fold 0"), e.getMessage());
    }

    @Test
    void dataFileChanged_isRefused() throws IOException {
        SweepPlan plan = plan(List.of("A"));
        Path copy = tmp.resolve("changed.json");
        Files.writeString(copy, Files.readString(dataFile) + "\n");
        SweepPlan moved = new SweepPlan(plan.version(), plan.command(),
                new Provenance.DataFile(copy.toString(), plan.data().sha256()), plan.pooled(), plan.models(), plan.tasks());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanData.load(moved));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    private static String withoutDate(Path modelFile) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode n = (ObjectNode) mapper.readTree(modelFile.toFile());
        // the two fields that record when and how long, not what was fitted
        ((ObjectNode) n.get("provenance")).remove("createdAt");
        if (n.get("history") instanceof ObjectNode h) {
            h.remove("seconds");
        }
        return mapper.writeValueAsString(n);
    }
}
