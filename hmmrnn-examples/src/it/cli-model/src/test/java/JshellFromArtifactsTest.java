import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "hmmrnn jshell" started from the installed artifacts (hmmrnn-examples and its dependencies on the
 * class path, no repository): the startup script imports the library, RL and emulation packages.
 */
class JshellFromArtifactsTest {

    @Test
    void jshell_fromTheArtifacts_importsEveryPackage(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("input.jsh");
        Files.writeString(input, String.join("\n",
                "var data = TwoStepGenerator.builder().sequences(4).trials(100).seed(1).build().generate();",
                "System.out.println(\"sessions=\" + data.numSessions());",
                "System.out.println(\"types=\" + DqnAgent.class.getName() + \",\" + Ablation.class.getName()"
                        + " + \",\" + EmulationConfig.class.getName() + \",\" + HmmMoaModel.class.getName());",
                "/exit", ""));
        Path log = dir.resolve("jshell.log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.github.hmmrnn.cli.HmmrnnCli", "jshell");
        int rc = new ProcessBuilder(cmd).redirectInput(input.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start().waitFor();
        String out = Files.readString(log);
        System.out.print(out);
        assertEquals(0, rc, "jshell exit code");
        assertFalse(out.contains("Error:") || out.contains("cannot find symbol"), "errors in the session");
        assertTrue(out.contains("sessions=4"), "generated data in the session");
        assertTrue(out.contains("types=io.github.hmmrnn.rl.dqn.DqnAgent,io.github.hmmrnn.rl.Ablation,"
                + "io.github.hmmrnn.emulation.experiment.EmulationConfig,io.github.hmmrnn.moa.HmmMoaModel"), out);
    }
}
