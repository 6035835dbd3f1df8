import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Runs the README's Java example (FitHmmMoa, compiled against the installed hmmrnn-agents) and checks
 * what it prints: the phases are recovered and the model does not beat the Bayes oracle.
 */
class FitHmmMoaTest {

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void readmeExample_recoversThePhasesAndStaysAboveTheOracle() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            FitHmmMoa.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        double modelNll = number(out, "model: +nll=([0-9.]+)");
        double oracleNll = number(out, "oracle: +nll=([0-9.]+)");
        double phase = number(out, "phase recovery: ([0-9.]+)");
        assertTrue(phase >= 0.95, "phase recovery " + phase + " < 0.95");
        assertTrue(modelNll >= oracleNll, "model NLL " + modelNll + " below the Bayes oracle's " + oracleNll);
    }
}
