package io.github.hmmrnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.hmmrnn.data.TwoStepDataset;
import io.github.hmmrnn.synthetic.TwoStepGenerator;

class ProvenanceTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ObjectNode spec() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("states", 2);
        n.put("seed", 7L);   // a LongNode: must still equal the IntNode a file reads back
        n.put("learningRate", 0.001);
        n.putArray("agents").add("MBr").add("Bias");
        return n;
    }

    private static Provenance fitted() {
        TwoStepDataset train = TwoStepGenerator.builder().sequences(3).trials(40).seed(1).build().generate();
        TwoStepDataset validation = TwoStepGenerator.builder().sequences(2).trials(40).seed(2).build().generate();
        return Provenance.ofFit("test backend", spec(), 7, train, validation,
                new Provenance.FitOutcome(1, 123L, 40, true, 0.61, Double.NaN));
    }

    @Test
    void toJson_fromJson_roundTripsEveryField() throws Exception {
        Provenance p = fitted().withDataFile(new Provenance.DataFile("data/rats.mat", "ab12"));
        String text = MAPPER.writeValueAsString(p.toJson());
        Provenance back = Provenance.fromJson(MAPPER.readTree(text));
        assertEquals(p, back);
        assertEquals(Provenance.LIBRARY, back.library());
        assertEquals(7L, back.seed());
        assertEquals("data/rats.mat", back.dataFile().file());
        assertEquals(3, back.train().sessions());
        assertEquals(2, back.validation().sessions());
        assertTrue(Double.isNaN(back.fit().validationLoss()));
        assertEquals(0.61, back.fit().trainLoss(), 0.0);
        assertEquals(2, back.spec().get("states").asInt());
    }

    @Test
    void createdAt_isUtcIsoInstant() {
        Instant t = Instant.parse(fitted().createdAt());
        assertTrue(fitted().createdAt().endsWith("Z"));
        assertTrue(Math.abs(t.toEpochMilli() - System.currentTimeMillis()) < 60_000);
    }

    @Test
    void fromJson_missingNode_isUnrecorded() {
        assertEquals(Provenance.unrecorded(), Provenance.fromJson(null));
        assertEquals(Provenance.unrecorded(), Provenance.fromJson(MAPPER.nullNode()));
        assertNull(Provenance.unrecorded().spec());
        assertNull(Provenance.unrecorded().seed());
    }

    @Test
    void fromJson_malformed_throwsNamingTheField() {
        ObjectNode bad = (ObjectNode) fitted().toJson();
        bad.put("seed", "not a number");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Provenance.fromJson(bad));
        assertTrue(e.getMessage().contains("provenance"), e.getMessage());
    }

    @Test
    void spec_notAnObject_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Provenance.unrecorded().withSpec(MAPPER.createArrayNode()));
        assertTrue(e.getMessage().contains("spec"), e.getMessage());
    }

    @Test
    void spec_isCopiedOutAndIn() {
        ObjectNode s = spec();
        Provenance p = Provenance.unrecorded().withSpec(s);
        s.put("states", 9);
        ((ObjectNode) p.spec()).put("states", 5);
        assertEquals(2, p.spec().get("states").asInt());
    }

    @Test
    void dataFile_hashesTheFileBytes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("abc.txt");
        Files.write(f, "abc".getBytes(StandardCharsets.US_ASCII));
        Provenance.DataFile d = Provenance.DataFile.of(f);
        // FIPS 180-2 test vector for SHA-256("abc")
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", d.sha256());
        assertEquals(f.toString(), d.file());
        Files.write(f, "abd".getBytes(StandardCharsets.US_ASCII));
        assertNotEquals(d.sha256(), Provenance.DataFile.of(f).sha256());
    }

    @Test
    void dataSummary_dependsOnContent() {
        TwoStepDataset a = TwoStepGenerator.builder().sequences(2).trials(30).seed(1).build().generate();
        TwoStepDataset b = TwoStepGenerator.builder().sequences(2).trials(30).seed(2).build().generate();
        assertEquals(Provenance.DataSummary.of(a), Provenance.DataSummary.of(a));
        assertNotEquals(Provenance.DataSummary.of(a).sha256(), Provenance.DataSummary.of(b).sha256());
    }
}
