package io.github.hmmrnn.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

class OrderedPoolTest {

    /** Tasks that finish in reverse order of submission still come back in submission order. */
    @Test
    void resultsInTaskOrderForEveryThreadCount() {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            final int n = i;
            tasks.add(() -> {
                Thread.sleep(5L * (6 - n));
                return n * n;
            });
        }
        List<Integer> expected = List.of(0, 1, 4, 9, 16, 25);
        for (int threads : new int[] {1, 2, 3, 8}) {
            assertEquals(expected, OrderedPool.run(tasks, threads, "squares"), "threads " + threads);
        }
    }

    @Test
    void runtimeExceptionsAndErrorsReachTheCallerUnchanged() {
        IllegalArgumentException bad = new IllegalArgumentException("bad setting");
        List<Callable<Integer>> failing = List.of(() -> 1, () -> {
            throw bad;
        });
        for (int threads : new int[] {1, 2}) {
            assertSame(bad, assertThrows(IllegalArgumentException.class,
                    () -> OrderedPool.run(failing, threads, "work")));
        }
        StackOverflowError err = new StackOverflowError();
        List<Callable<Integer>> erring = List.of(() -> 1, () -> {
            throw err;
        });
        assertSame(err, assertThrows(StackOverflowError.class, () -> OrderedPool.run(erring, 2, "work")));
    }

    @Test
    void checkedExceptionsAreWrappedNamingTheWork() {
        List<Callable<Integer>> failing = List.of(() -> 1, () -> {
            throw new IOException("disk full");
        });
        for (int threads : new int[] {1, 2}) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> OrderedPool.run(failing, threads, "writing tables"));
            assertTrue(e.getMessage().startsWith("writing tables failed") && e.getMessage().contains("disk full"),
                    e.getMessage());
        }
    }

    @Test
    void rejectsZeroThreads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OrderedPool.run(List.of(() -> 1), 0, "work"));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
