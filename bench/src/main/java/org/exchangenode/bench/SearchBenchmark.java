package org.exchangenode.bench;

import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.exchangenode.routes.jdbc.JdbcMessageSearch;
import org.exchangenode.routes.jdbc.Migrations;
import org.exchangenode.routes.messages.MessageSearch;
import org.exchangenode.routes.messages.MessageSearch.Criteria;

/**
 * The console's message search at scale (issue 15): seeds bench.rows messages (default 1,000,000) through the node's
 * own Flyway migrations into an H2 file database and/or a PostgreSQL schema of its own (dropped at the end), then
 * times every search case (first page, and a deep page reached by following cursors), the overview's counts per
 * window and a 10,000-row CSV export, with the node's MessageSearch and JdbcMessageSearch, and prints each query's
 * plan. The spread: 20 peers, both directions, business types with their Receipts, a few % FAILED or REJECTED with
 * error codes, 60 days of stored_at, cases of about 4 messages close in time.
 *
 * <p>Run: see the README ("Search benchmark"). Options: bench.db (h2, postgresql or both, default both), bench.rows,
 * bench.repeat (timed runs per case, default 50), bench.deep (pages followed to the deep page, default 100),
 * bench.pg-url (default jdbc:postgresql://127.0.0.1:5432/test, user postgres).
 */
public final class SearchBenchmark {
    static final String SELF = "320100";
    static final String[] PEERS = {"110100", "120100", "130100", "140100", "150100", "210100", "220100", "230100",
        "310100", "330100", "340100", "350100", "360100", "370100", "410100", "420100", "430100", "440100", "440300",
        "500100"};
    static final int PAGE = 50;
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String which = System.getProperty("bench.db", "both");
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        Path root = Path.of(System.getProperty("exn.root", ".")).toAbsolutePath().normalize();
        System.out.printf("Exchange Node search benchmark: %,d messages, %d cores, page %d rows%n", rows,
                Runtime.getRuntime().availableProcessors(), PAGE);
        if (!which.equals("postgresql")) {
            Path dir = root.resolve("bench/target/search-h2");
            // bench.reuse: a database a previous run filled (and did not finish measuring) is measured again
            boolean reuse = Boolean.getBoolean("bench.reuse") && Files.exists(dir.resolve("exchange-node.mv.db"));
            if (!reuse) {
                deleteTree(dir);
            }
            // the node's default URL (Database.defaultUrl); the seeding alone gets a larger page cache
            String url = "jdbc:h2:file:" + dir.resolve("exchange-node") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
            Seeded seeded;
            try (Connection c = DriverManager.getConnection(url + ";CACHE_SIZE=" + 512 * 1024)) {
                seeded = reuse ? reuse("H2", c, "analyze") : seed("H2", c, rows, "analyze");
            }
            // H2 hands out a query's last result again while no row changed; a node's table changes all the time,
            // so the repeated runs here must not be served from that cache
            try (Connection c = DriverManager.getConnection(url + ";OPTIMIZE_REUSE_RESULTS=FALSE")) {
                measure("H2", c, seeded, false);
            }
            deleteTree(dir);
        }
        if (!which.equals("h2")) {
            String base = System.getProperty("bench.pg-url", "jdbc:postgresql://127.0.0.1:5432/test");
            String schema = "search_bench_" + Long.toHexString(System.nanoTime());
            try (Connection admin = DriverManager.getConnection(base, "postgres", "")) {
                try (Statement s = admin.createStatement()) {
                    s.execute("create schema " + schema);
                }
                try (Connection c = DriverManager.getConnection(base + "?currentSchema=" + schema
                        + "&reWriteBatchedInserts=true", "postgres", "")) {
                    measure("PostgreSQL", c, seed("PostgreSQL", c, rows, "vacuum analyze exn_message"), true);
                } finally {
                    try (Statement s = admin.createStatement()) {
                        s.execute("drop schema " + schema + " cascade");
                    }
                }
            }
        }
    }

    /**
     * The node's migrations up to 21, the messages, then migration 22 (the search's indexes, as an upgrade of a
     * full database would build them), then the statistics.
     */
    private static Seeded seed(String name, Connection connection, int rows, String analyze) throws Exception {
        DataSource dataSource = shared(connection);
        Migrations.apply(dataSource, "21");
        long start = System.nanoTime();
        Seeded seeded = seed(connection, rows);
        long seededAt = System.nanoTime();
        Migrations.apply(dataSource);
        long migratedAt = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.execute(analyze);
        }
        System.out.printf("%n== %s: seeded %,d messages in %.1f s, migration 22 (search indexes) on them %.1f s, %s "
                + "%.1f s%n", name, rows, (seededAt - start) / 1e9, (migratedAt - seededAt) / 1e9, analyze,
                (System.nanoTime() - migratedAt) / 1e9);
        return seeded;
    }

    private static Seeded reuse(String name, Connection connection, String analyze) throws Exception {
        DataSource dataSource = shared(connection);
        long start = System.nanoTime();
        Migrations.apply(dataSource);
        long migratedAt = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.execute(analyze);
        }
        List<String> ids = new ArrayList<>();
        List<String> cases = new ArrayList<>();
        long rows;
        try (Statement s = connection.createStatement()) {
            try (java.sql.ResultSet r = s.executeQuery("select count(*) from exn_message")) {
                r.next();
                rows = r.getLong(1);
            }
            try (java.sql.ResultSet r = s.executeQuery("select message_id, conversation_id from exn_message "
                    + "fetch first 10000 rows only")) {
                while (r.next()) {
                    ids.add(r.getString(1));
                    cases.add(r.getString(2));
                }
            }
        }
        System.out.printf("%n== %s: reused %,d seeded messages, migration 22 (search indexes) on them %.1f s, %s "
                + "%.1f s%n", name, rows, (migratedAt - start) / 1e9, analyze, (System.nanoTime() - migratedAt) / 1e9);
        return new Seeded(ids, cases);
    }

    private static void measure(String name, Connection connection, Seeded seeded, boolean postgresql)
            throws Exception {
        DataSource dataSource = shared(connection);
        System.out.printf("-- %s: search%n", name);
        JdbcMessageSearch store = new JdbcMessageSearch(dataSource, postgresql);
        MessageSearch search = new MessageSearch(store);
        int repeat = Integer.getInteger("bench.repeat", 50);
        int deep = Integer.getInteger("bench.deep", 100);
        Random random = new Random(7);
        Map<String, IntFunction<Criteria>> cases = cases(seeded, random);
        System.out.printf("%-28s %10s %10s %10s %10s %10s %10s   %s%n", "case (page of " + PAGE + ")", "first p50",
                "p95", "max", "deep p50", "p95", "max", "plan (first page)");
        for (Map.Entry<String, IntFunction<Criteria>> e : cases.entrySet()) {
            for (int i = 0; i < 5; i++) {
                search.search(e.getValue().apply(i), null, PAGE); // warm-up, not measured
            }
            double[] first = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                Criteria c = e.getValue().apply(i);
                long t = System.nanoTime();
                search.search(c, null, PAGE);
                first[i] = (System.nanoTime() - t) / 1e6;
            }
            // the deep page: follow cursors `deep` pages (or as far as the result goes), then time that page
            Criteria c = e.getValue().apply(0);
            String cursor = null;
            int pages = 0;
            for (; pages < deep; pages++) {
                String next = search.search(c, cursor, PAGE).nextCursor();
                if (next == null) {
                    break;
                }
                cursor = next;
            }
            double[] deepTimes = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long t = System.nanoTime();
                search.search(c, cursor, PAGE);
                deepTimes[i] = (System.nanoTime() - t) / 1e6;
            }
            System.out.printf("%-28s %s %s   page %d; %s%n", e.getKey(), stats(first), stats(deepTimes), pages + 1,
                    summary(store.plan(c, null, PAGE + 1)));
        }
        for (Duration window : List.of(Duration.ofMinutes(30), Duration.ofHours(24), Duration.ofDays(7),
                Duration.ofDays(30))) {
            Instant since = NOW.minus(window);
            search.counts(since);
            double[] times = new double[Math.max(5, repeat / 5)];
            int groups = 0;
            long total = 0;
            for (int i = 0; i < times.length; i++) {
                long t = System.nanoTime();
                List<MessageSearch.StatusCount> counts = search.counts(since);
                times[i] = (System.nanoTime() - t) / 1e6;
                groups = counts.size();
                total = counts.stream().mapToLong(MessageSearch.StatusCount::count).sum();
            }
            System.out.printf("counts since %-15s %s   %,d messages in %d groups; %s%n", window, stats(times), total,
                    groups, summary(store.countsPlan(since)));
        }
        double[] export = new double[5];
        int written = 0;
        for (int i = 0; i < export.length; i++) {
            CountingWriter out = new CountingWriter();
            long t = System.nanoTime();
            written = search.exportCsv(new Criteria(null, null, null, null, null, null, null, null, null),
                    MessageSearch.MAX_EXPORT, out);
            export[i] = (System.nanoTime() - t) / 1e6;
            if (i == export.length - 1) {
                System.out.printf("CSV export %,d rows (%,d chars)  %s%n", written, out.chars, stats(export));
            }
        }
        if (Boolean.getBoolean("bench.plans")) {
            for (Map.Entry<String, IntFunction<Criteria>> e : cases.entrySet()) {
                System.out.println("-- " + e.getKey());
                store.plan(e.getValue().apply(0), null, PAGE + 1)
                        .forEach(System.out::println);
            }
            store.countsPlan(NOW.minus(Duration.ofDays(30))).forEach(System.out::println);
        }
    }

    /** Every search case of the console, each a function of the repetition (so that ids and peers vary). */
    private static Map<String, IntFunction<Criteria>> cases(Seeded s, Random random) {
        Map<String, IntFunction<Criteria>> cases = new LinkedHashMap<>();
        Instant d10 = NOW.minus(Duration.ofDays(10));
        cases.put("no filter (all)", i -> criteria(null, null, null, null, null, null, null, null, null));
        cases.put("message id", i -> criteria(s.messageIds.get(random.nextInt(s.messageIds.size())), null, null, null,
                null, null, null, null, null));
        cases.put("case id", i -> criteria(null, s.caseIds.get(random.nextInt(s.caseIds.size())), null, null, null,
                null, null, null, null));
        cases.put("peer", i -> criteria(null, null, PEERS[i % PEERS.length], null, null, null, null, null, null));
        cases.put("type InfoForm", i -> criteria(null, null, null, "InfoForm", null, null, null, null, null));
        cases.put("type Refusal (rare)", i -> criteria(null, null, null, "Refusal", null, null, null, null, null));
        cases.put("status FAILED", i -> criteria(null, null, null, null, "FAILED", null, null, null, null));
        cases.put("direction INBOUND", i -> criteria(null, null, null, null, null, "INBOUND", null, null, null));
        cases.put("OUTBOUND + FAILED", i -> criteria(null, null, null, null, "FAILED", "OUTBOUND", null, null, null));
        cases.put("INBOUND + FAILED (none)", i -> criteria(null, null, null, null, "FAILED", "INBOUND", null, null,
                null));
        cases.put("error code", i -> criteria(null, null, null, null, null, null, "RECEIPT_TIMEOUT", null, null));
        cases.put("time range 24 h", i -> criteria(null, null, null, null, null, null, null,
                d10.minus(Duration.ofHours(24 + i)), d10.minus(Duration.ofHours(i))));
        cases.put("peer+type+status+7 d", i -> criteria(null, null, PEERS[i % PEERS.length], "ContactLetter",
                "DELIVERED", "OUTBOUND", null, NOW.minus(Duration.ofDays(7)), NOW));
        cases.put("peer+FAILED+error code", i -> criteria(null, null, PEERS[i % PEERS.length], null, "FAILED", null,
                "BROKER_REFUSED", null, null));
        cases.put("peer+Refusal+30 d", i -> criteria(null, null, PEERS[i % PEERS.length], "Refusal", null, null, null,
                NOW.minus(Duration.ofDays(30)), null));
        return cases;
    }

    private static Criteria criteria(String messageId, String caseId, String peer, String type, String status,
                                     String direction, String errorCode, Instant from, Instant to) {
        return new Criteria(messageId, caseId, peer, type, status, direction, errorCode, from, to);
    }

    record Seeded(List<String> messageIds, List<String> caseIds) {
    }

    /**
     * Cases of 1 to 7 messages (about 4) between this node and one peer, opened at a random time in the last 60
     * days, each message a few hours after the previous; a business message is followed by its Receipt the other way.
     */
    private static Seeded seed(Connection c, int rows) throws SQLException {
        Random random = new Random(42);
        List<String> ids = new ArrayList<>();
        List<String> caseIds = new ArrayList<>();
        byte[] content = new byte[600];
        random.nextBytes(content);
        String[] types = {"ContactLetter", "InfoForm", "FundTransferNotice", "CompletionNotice", "Reminder", "Ping"};
        long span = Duration.ofDays(60).toMillis();
        DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("insert into exn_message (message_id, direction, message_type, "
                + "conversation_id, from_node, to_node, peer_node, status, created_at, stored_at, updated_at, "
                + "signature_algorithm, content_digest, content, error_code, error_reason) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SM2', 'c2VlZGVkIGJ5IHRoZSBzZWFyY2ggYmVuY2htYXJr', ?, ?, ?)")) {
            int n = 0;
            while (n < rows) {
                String peer = PEERS[random.nextInt(PEERS.length)];
                Instant opened = NOW.minusMillis((long) (random.nextDouble() * span));
                String caseId = peer + "-" + day.format(opened) + "-" + UUID.randomUUID().toString().substring(24);
                if (caseIds.size() < 10_000) {
                    caseIds.add(caseId);
                }
                boolean outbound = random.nextBoolean();
                Instant at = opened;
                int steps = 1 + random.nextInt(4);
                for (int step = 0; step < steps && n < rows; step++) {
                    String type = step == 0 ? types[0] : random.nextInt(50) == 0 ? "Refusal"
                            : types[1 + random.nextInt(types.length - 1)];
                    String id = UUID.randomUUID().toString();
                    if (ids.size() < 10_000) {
                        ids.add(id);
                    }
                    int roll = random.nextInt(100);
                    String status = !outbound ? "RECEIVED" : roll < 4 ? "FAILED" : roll < 6 ? "REJECTED"
                            : roll < 9 ? "SENT" : "DELIVERED";
                    String code = status.equals("FAILED") ? (random.nextInt(4) == 0 ? "BROKER_REFUSED"
                            : "RECEIPT_TIMEOUT") : status.equals("REJECTED") ? "SIGNATURE_INVALID" : null;
                    add(s, id, outbound, type, caseId, peer, status, at, content, code);
                    n++;
                    if (n < rows && !type.equals("Ping")) {
                        // the answer the other way: a Receipt (or an Error for a rejected message)
                        add(s, UUID.randomUUID().toString(), !outbound, status.equals("REJECTED") ? "Error" : "Receipt",
                                caseId, peer, outbound ? "RECEIVED" : random.nextInt(100) < 2 ? "FAILED" : "SENT",
                                at.plusMillis(200 + random.nextInt(2000)), content, null);
                        n++;
                    }
                    if (n % 5_000 < 2) {
                        s.executeBatch();
                        c.commit();
                    }
                    at = at.plusMillis((long) (random.nextDouble() * Duration.ofHours(20).toMillis()));
                    if (at.isAfter(NOW)) {
                        break;
                    }
                    outbound = !outbound;
                }
            }
            s.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return new Seeded(ids, caseIds);
    }

    private static void add(PreparedStatement s, String id, boolean outbound, String type, String caseId, String peer,
                            String status, Instant at, byte[] content, String code) throws SQLException {
        s.setString(1, id);
        s.setString(2, outbound ? "OUTBOUND" : "INBOUND");
        s.setString(3, type);
        s.setString(4, caseId);
        s.setString(5, outbound ? SELF : peer);
        s.setString(6, outbound ? peer : SELF);
        s.setString(7, peer);
        s.setString(8, status);
        // stored to the millisecond, as the node stores them: rows of one millisecond tie on stored_at
        Instant stored = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        s.setObject(9, stored.atOffset(ZoneOffset.UTC));
        s.setObject(10, stored.atOffset(ZoneOffset.UTC));
        s.setObject(11, stored.atOffset(ZoneOffset.UTC));
        s.setBytes(12, content);
        s.setString(13, code);
        s.setString(14, code == null ? null : "seeded");
        s.addBatch();
    }

    private static String stats(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return String.format("%10.1f %10.1f %10.1f", sorted[sorted.length / 2],
                sorted[(int) Math.ceil(sorted.length * 0.95) - 1], sorted[sorted.length - 1]);
    }

    /** The plan in a line: the indexes named and, on PostgreSQL, the node types (a Seq Scan would show here). */
    private static String summary(List<String> plan) {
        String text = String.join(" ", plan).replaceAll("\\s+", " ");
        List<String> parts = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan|Sort|HashAggregate|GroupAggregate)"
                        + "( Backward)?( using| on)? ?([A-Za-z_.]+)?|(EXN_MESSAGE_[A-Z_]+|PRIMARY_KEY_[A-Z0-9]+)"
                        + "|(index sorted)|(tableScan)", java.util.regex.Pattern.CASE_INSENSITIVE).matcher(text);
        while (m.find()) {
            parts.add(m.group().trim());
        }
        return String.join(", ", parts.stream().distinct().toList());
    }

    /** One connection for the whole run, handed out again and again (close() leaves it open): a pool of one. */
    private static DataSource shared(Connection connection) {
        Connection kept = (Connection) Proxy.newProxyInstance(SearchBenchmark.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(SearchBenchmark.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return kept;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static final class CountingWriter extends Writer {
        long chars;

        @Override
        public void write(char[] buffer, int offset, int length) {
            chars += length;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
