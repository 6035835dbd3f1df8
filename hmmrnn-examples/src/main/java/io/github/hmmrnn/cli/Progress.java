package io.github.hmmrnn.cli;

import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a long command: after each finished step, one log line with the count, the total,
 * the time so far and an estimate of the time left (from the mean step time so far). Steps may
 * finish on several threads. With a minimum interval, lines come at most that often (the last
 * step is always logged), for steps as frequent as training epochs.
 */
final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final String what;
    private final long total;
    private final long minIntervalNanos;
    private final long start = System.nanoTime();
    private long done;
    private long lastLogged = Long.MIN_VALUE;

    /**
     * @param what  what is counted, e.g. {@code "fits"}
     * @param total number of steps
     */
    Progress(String what, long total) {
        this(what, total, Duration.ZERO);
    }

    /**
     * @param what        what is counted, e.g. {@code "epochs"}
     * @param total       number of steps
     * @param minInterval least time between two logged lines
     */
    Progress(String what, long total, Duration minInterval) {
        this.what = what;
        this.total = total;
        this.minIntervalNanos = minInterval.toNanos();
    }

    /**
     * Records a finished step and logs the progress line.
     *
     * @param item the step, e.g. {@code "M055 HmmMoa-K2"}
     * @return the progress line
     */
    String step(String item) {
        return advance(1, item);
    }

    /**
     * Records {@code steps} finished steps and logs the progress line (unless one was logged less
     * than the minimum interval ago).
     *
     * @param steps number of steps just finished
     * @param item  what finished, e.g. {@code "seed 3, trial 4000"}
     * @return the progress line
     */
    synchronized String advance(long steps, String item) {
        done += steps;
        long now = System.nanoTime();
        long elapsed = now - start;
        long left = done >= total || done <= 0 ? 0 : (long) ((double) elapsed / done * (total - done));
        String line = what + " " + done + "/" + total + " (" + item + "), " + format(elapsed) + " so far"
                + (done < total ? ", about " + format(left) + " left" : "");
        if (done >= total || lastLogged == Long.MIN_VALUE || now - lastLogged >= minIntervalNanos) {
            LOG.info(line);
            lastLogged = now;
        }
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
