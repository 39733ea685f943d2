package org.exchangenode.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress of long work (a bulk replay, a dead-letter replay, a download). On a terminal one line redrawn in place: a
 * bar, the count, the rate and the time left. Anywhere else (a file, a pipe, a test) one plain line per step, which
 * logs and scripts can read, e.g. {@code replayed 298/1000 (skipped 2)}.
 */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean terminal;
    private final String verb;
    private final long total;
    private final LongSupplier nanos;
    private final long start;
    private boolean drawn;

    Progress(PrintWriter out, boolean terminal, String verb, long total) {
        this(out, terminal, verb, total, System::nanoTime);
    }

    /** {@code total} below 0: unknown (count and rate only). */
    Progress(PrintWriter out, boolean terminal, String verb, long total, LongSupplier nanos) {
        this.out = out;
        this.terminal = terminal;
        this.verb = verb;
        this.total = total;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    /** {@code done} of the total so far; {@code note} follows the count, e.g. {@code " (skipped 2)"}. */
    void step(long done, String note) {
        step(done, note, verb + " " + done + (total >= 0 ? "/" + total : "") + note);
    }

    /** As {@link #step(long, String)}, with the line to print when the output is not a terminal. */
    void step(long done, String note, String plainLine) {
        if (!terminal) {
            out.println(plainLine);
            out.flush();
            return;
        }
        out.print("\r" + line(done, note) + "\u001b[K");
        out.flush();
        drawn = true;
    }

    /** Whether this progress is drawn live (a terminal); work that steps often reports only then. */
    boolean live() {
        return terminal;
    }

    /** Ends the redrawn line, so that what follows starts on a line of its own. */
    void finish() {
        if (drawn) {
            out.println();
            out.flush();
        }
    }

    String line(long done, String note) {
        double seconds = Math.max(1, nanos.getAsLong() - start) / 1e9;
        double rate = done / seconds;
        StringBuilder line = new StringBuilder(verb).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            line.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
            line.append(done).append('/').append(total);
        } else {
            line.append(done);
        }
        line.append(String.format("  %.1f/s", rate));
        if (total > 0 && done > 0 && done < total) {
            line.append("  ").append(clock(Duration.ofSeconds((long) Math.ceil((total - done) / rate)))).append(" left");
        }
        return line.append(note).toString();
    }

    private static String clock(Duration left) {
        return left.toHours() > 0 ? String.format("%d:%02d:%02d", left.toHours(), left.toMinutesPart(),
                left.toSecondsPart()) : String.format("%d:%02d", left.toMinutes(), left.toSecondsPart());
    }
}
