package io.github.hmmrnn.cli;

import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long command: after each finished step, one log line with the count, the total,
 * the time so far and an estimate of the time left (from the mean step time so far).
 */
final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final String what;
    private final int total;
    private final long start = System.nanoTime();
    private int done;

    /**
     * @param what  what is counted, e.g. {@code "fits"}
     * @param total number of steps
     */
    Progress(String what, int total) {
        this.what = what;
        this.total = total;
    }

    /**
     * Records a finished step and logs the progress line.
     *
     * @param item the step, e.g. {@code "M055 HmmMoa-K2"}
     * @return the progress line
     */
    String step(String item) {
        done++;
        long elapsed = System.nanoTime() - start;
        long left = done >= total ? 0 : elapsed / done * (total - done);
        String line = what + " " + done + "/" + total + " (" + item + "), " + format(elapsed) + " so far"
                + (done < total ? ", about " + format(left) + " left" : "");
        LOG.info(line);
        return line;
    }

    /** {@code 1h 02m}, {@code 3m 07s} or {@code 12s}. */
    static String format(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%dh %02dm", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart());
        }
        return d.toSeconds() + "s";
    }
}
