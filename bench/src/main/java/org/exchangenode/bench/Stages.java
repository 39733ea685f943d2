package org.exchangenode.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.exchangenode.testsupport.process.NodeLauncher;

/**
 * Where letters spent their time from submission to Receipt, read back from both nodes' message API after a run:
 * the sender's intake (submitted to stored), its relay (stored to sent), the way to the receiver (sent, through the
 * broker and the receiver's inbox checks, to stored there), the receiver's relay (the letter stored, with its
 * Receipt, to the Receipt sent) and the way back (the Receipt through the broker and the sender's inbox checks to
 * the letter DELIVERED). Each node stamps its own times; both run on this machine, on one clock. A time is taken when
 * its step wrote it, not at the commit: in a group commit the first letter's stored time comes before the group's
 * commit, whose wait then shows in the next stage.
 */
final class Stages {
    private static final String[] NAMES = {"intake", "sender relay", "to receiver", "receiver relay", "Receipt back"};
    /** Per letter: submit to Receipt, then each stage, in microseconds. */
    private final List<long[]> letters;

    private Stages(List<long[]> letters) {
        this.letters = letters;
    }

    /** Reads the stage times of {@code submitted} (message id to the time it was submitted) from both nodes. */
    static Stages of(NodeLauncher sender, NodeLauncher receiver, Map<String, Instant> submitted) throws Exception {
        List<long[]> letters = new ArrayList<>();
        for (Map.Entry<String, Instant> entry : submitted.entrySet()) {
            JsonNode letter = PipelineBenchmark.message(sender, entry.getKey());
            JsonNode received = PipelineBenchmark.message(receiver, entry.getKey());
            JsonNode receipt = PipelineBenchmark.message(receiver, letter.get("receiptMessageId").asText());
            Instant[] times = {entry.getValue(), time(letter, "storedAt"), time(letter, "sentAt"),
                time(received, "storedAt"), time(receipt, "sentAt"), time(letter, "deliveredAt")};
            long[] row = new long[NAMES.length + 1];
            row[0] = micros(times[0], times[NAMES.length]);
            for (int i = 0; i < NAMES.length; i++) {
                row[i + 1] = micros(times[i], times[i + 1]);
            }
            letters.add(row);
        }
        letters.sort(Comparator.comparingLong((long[] row) -> row[0]).reversed());
        return new Stages(letters);
    }

    /** Two lines: the slowest 1 % of the letters (at least one) and all of them, the mean of each stage. */
    String text() {
        int slowest = Math.max(1, letters.size() / 100);
        return line("slowest 1 %", letters.subList(0, slowest)) + line("all", letters);
    }

    private static String line(String label, List<long[]> rows) {
        double[] mean = new double[NAMES.length + 1];
        for (long[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                mean[i] += row[i] / 1000.0 / rows.size();
            }
        }
        StringBuilder text = new StringBuilder(String.format("  %-12s (%4d letters, submit->Receipt %6.1f):", label,
                rows.size(), mean[0]));
        for (int i = 0; i < NAMES.length; i++) {
            text.append(String.format(" %s %.1f%s", NAMES[i], mean[i + 1], i < NAMES.length - 1 ? "," : ""));
        }
        return text.append(System.lineSeparator()).toString();
    }

    private static Instant time(JsonNode message, String field) {
        JsonNode value = message.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("a delivered letter's message has no " + field);
        }
        return Instant.parse(value.asText());
    }

    private static long micros(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1000;
    }
}
