package io.github.hmmrnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Progress lines carry the count, the total and the time left. */
class ProgressTest {

    @Test
    void linesCountToTheTotalWithAnEstimateUntilTheLast() {
        Progress p = new Progress("fits", 3);
        String first = p.step("M055 HmmMoa-K1");
        assertTrue(first.startsWith("fits 1/3 (M055 HmmMoa-K1), ") && first.contains(" left"), first);
        p.step("M055 HmmMoa-K2");
        String last = p.step("M055 HmmMoa-K3");
        assertTrue(last.startsWith("fits 3/3 (M055 HmmMoa-K3), ") && !last.contains("left"), last);
    }

    @Test
    void durationsAreShort() {
        assertEquals("12s", Progress.format(12_400_000_000L));
        assertEquals("3m 07s", Progress.format(187_000_000_000L));
        assertEquals("1h 02m", Progress.format(3_720_000_000_000L));
    }

    @Test
    void advanceCountsStepsFromSeveralThreads() throws InterruptedException {
        Progress p = new Progress("training trials", 4_000, Duration.ofHours(1));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 99; i++) {
                    p.advance(10, "batch");
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertTrue(p.advance(40, "last").startsWith("training trials 4000/4000 (last), "));
    }
}
