package org.exchangenode.routes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.messages.MessageSearch;
import org.exchangenode.routes.messages.MessageSearch.Criteria;
import org.exchangenode.routes.messages.MessageSearch.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's message search on a real database, freshly migrated for each test: every criterion, keyset pages
 * across rows that tie on stored_at, refused cursors and criteria naming their field, the CSV export's escaping and
 * bound, and the overview's counts. Run on H2 ({@link MessageSearchTest}) and PostgreSQL
 * ({@link MessageSearchPostgresTest}); plain JDBC, no Quarkus.
 */
abstract class MessageSearching {
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private Database database;
    MessageSearch search;
    JdbcMessageSearch store;

    /** The test's own database: kind, url, schema (null on H2). */
    abstract DatabaseConfig database();

    abstract void dropDatabase() throws Exception;

    @BeforeEach
    void freshDatabase() {
        database = new Database(database(), InstanceClaims.config(NodeConfig.class,
                Map.of("dataDir", java.nio.file.Path.of("target"))));
        store = new JdbcMessageSearch(database);
        search = new MessageSearch(store);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
        dropDatabase();
    }

    static Criteria all() {
        return new Criteria(null, null, null, null, null, null, null, null, null);
    }

    private static Criteria with(Function<Criteria, Criteria> change) {
        return change.apply(all());
    }

    void insert(Row row) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("insert into exn_message (message_id, direction, message_type, "
                     + "conversation_id, from_node, to_node, peer_node, status, created_at, stored_at, updated_at, "
                     + "signature_algorithm, content_digest, content, error_code) "
                     + "values (?, ?, ?, ?, '320100', '440300', ?, ?, ?, ?, ?, 'SM2', 'digest', ?, ?)")) {
            s.setString(1, row.messageId());
            s.setString(2, row.direction());
            s.setString(3, row.type());
            s.setString(4, row.conversationId());
            s.setString(5, row.peer());
            s.setString(6, row.status());
            Jdbc.set(s, 7, row.storedAt());
            Jdbc.set(s, 8, row.storedAt());
            Jdbc.set(s, 9, row.storedAt());
            s.setBytes(10, "<m/>".getBytes(StandardCharsets.UTF_8));
            s.setString(11, row.errorCode());
            s.executeUpdate();
        }
    }

    static Row row(String direction, String type, String caseId, String peer, String status, Instant at, String code) {
        return new Row(UUID.randomUUID().toString(), direction, type, caseId, peer, status, at, code);
    }

    private List<String> ids(Criteria c) {
        return search.search(c, null, MessageSearch.MAX_PAGE).rows().stream().map(Row::messageId).toList();
    }

    @Test
    void shouldFindOnlyTheMatchingMessagesWhenSearchingByEachCriterion() throws Exception {
        Row letter = row("OUTBOUND", "ContactLetter", "CASE-1", "440300", "DELIVERED", T0, null);
        Row failed = row("OUTBOUND", "InfoForm", "CASE-1", "440300", "FAILED", T0.plusSeconds(60), "RECEIPT_TIMEOUT");
        Row received = row("INBOUND", "InfoForm", "CASE-2", "110100", "RECEIVED", T0.plusSeconds(120), null);
        Row rejected = row("OUTBOUND", "Refusal", "CASE-3", "110100", "REJECTED", T0.plusSeconds(180), "SCHEMA_INVALID");
        for (Row r : List.of(letter, failed, received, rejected)) {
            insert(r);
        }
        assertThat(ids(all())).containsExactly(rejected.messageId(), received.messageId(), failed.messageId(),
                letter.messageId());
        // a message id is found in any case of letters: the envelope's ids are lower case
        assertThat(ids(with(c -> new Criteria(failed.messageId().toUpperCase(), null, null, null, null, null, null,
                null, null)))).containsExactly(failed.messageId());
        assertThat(ids(new Criteria(null, "CASE-1", null, null, null, null, null, null, null)))
                .containsExactly(failed.messageId(), letter.messageId());
        assertThat(ids(new Criteria(null, null, "110100", null, null, null, null, null, null)))
                .containsExactly(rejected.messageId(), received.messageId());
        assertThat(ids(new Criteria(null, null, null, "InfoForm", null, null, null, null, null)))
                .containsExactly(received.messageId(), failed.messageId());
        assertThat(ids(new Criteria(null, null, null, null, "FAILED", null, null, null, null)))
                .containsExactly(failed.messageId());
        assertThat(ids(new Criteria(null, null, null, null, null, "INBOUND", null, null, null)))
                .containsExactly(received.messageId());
        assertThat(ids(new Criteria(null, null, null, null, "FAILED", "INBOUND", null, null, null))).isEmpty();
        assertThat(ids(new Criteria(null, null, null, null, null, null, "SCHEMA_INVALID", null, null)))
                .containsExactly(rejected.messageId());
        // from inclusive, to exclusive
        assertThat(ids(new Criteria(null, null, null, null, null, null, null, T0.plusSeconds(60), T0.plusSeconds(180))))
                .containsExactly(received.messageId(), failed.messageId());
        assertThat(ids(new Criteria(null, "CASE-1", "440300", "InfoForm", "FAILED", "OUTBOUND", "RECEIPT_TIMEOUT",
                T0, T0.plusSeconds(61)))).containsExactly(failed.messageId());
        assertThat(ids(new Criteria(null, "CASE-1", "110100", null, null, null, null, null, null))).isEmpty();
    }

    @Test
    void shouldPageThroughEveryRowOnceWhenManyShareOneStoredAt() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // 17 rows in one instant, the others around it: pages must split inside the tie
            Instant at = i < 17 ? T0 : T0.plusSeconds(i - 20L);
            rows.add(row("OUTBOUND", "ContactLetter", "CASE-T", "440300", "SENT", at, null));
        }
        for (Row r : rows) {
            insert(r);
        }
        List<String> expected = rows.stream().sorted(Comparator.comparing(Row::storedAt)
                .thenComparing(Row::messageId).reversed()).map(Row::messageId).toList();
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            MessageSearch.Page page = search.search(all(), cursor, 5);
            assertThat(page.rows()).hasSizeLessThanOrEqualTo(5);
            page.rows().forEach(r -> seen.add(r.messageId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(new HashSet<>(seen)).hasSize(23);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void shouldRefuseTheCursorNamingItWhenItWasEditedOrTakenFromAnotherSearch() throws Exception {
        for (int i = 0; i < 4; i++) {
            insert(row("OUTBOUND", "ContactLetter", "CASE-C", "440300", "SENT", T0.plusSeconds(i), null));
        }
        String cursor = search.search(all(), null, 2).nextCursor();
        assertThat(cursor).isNotNull();
        assertThat(search.search(all(), cursor, 2).rows()).hasSize(2);
        // the console's "last 24 hours" moves between two pages: the cursor still serves
        assertThat(search.search(new Criteria(null, null, null, null, null, null, null, T0.minusSeconds(5), null),
                cursor, 2).rows()).hasSize(2);
        char last = cursor.charAt(cursor.length() / 2);
        String edited = cursor.substring(0, cursor.length() / 2) + (last == 'A' ? 'B' : 'A')
                + cursor.substring(cursor.length() / 2 + 1);
        Criteria other = new Criteria(null, null, "440300", null, null, null, null, null, null);
        for (String bad : List.of(edited, cursor.substring(0, cursor.length() - 3), "not-a-cursor!", "",
                "x".repeat(5000))) {
            assertThatThrownBy(() -> search.search(all(), bad, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cursor ").satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad.isEmpty() ? "\u0000" : bad));
        }
        assertThatThrownBy(() -> search.search(other, cursor, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cursor ");
    }

    @Test
    void shouldNameTheFieldAndNotTheValueWhenACriterionIsInvalid() {
        String evil = "<script>'x'</script>";
        Map<String, Criteria> bad = Map.of(
                "messageId", new Criteria(evil, null, null, null, null, null, null, null, null),
                "conversationId", new Criteria(null, evil, null, null, null, null, null, null, null),
                "peer", new Criteria(null, null, "44030", null, null, null, null, null, null),
                "type", new Criteria(null, null, null, evil, null, null, null, null, null),
                "status", new Criteria(null, null, null, null, "failed", null, null, null, null),
                "direction", new Criteria(null, null, null, null, null, "SIDEWAYS", null, null, null),
                "errorCode", new Criteria(null, null, null, null, null, null, evil, null, null),
                "from", new Criteria(null, null, null, null, null, null, null, T0, T0));
        bad.forEach((field, criteria) -> assertThatThrownBy(() -> search.search(criteria, null, 10))
                .as(field).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(field + " ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(evil).doesNotContain("44030")
                        .doesNotContain("SIDEWAYS")));
        assertThatThrownBy(() -> search.search(new Criteria(null, "x".repeat(101), null, null, null, null, null,
                null, null), null, 10)).hasMessageStartingWith("conversationId ");
        assertThatThrownBy(() -> search.search(all(), null, 0)).hasMessageStartingWith("size ");
        assertThatThrownBy(() -> search.search(all(), null, MessageSearch.MAX_PAGE + 1)).hasMessageStartingWith("size ");
        assertThatThrownBy(() -> search.exportCsv(all(), MessageSearch.MAX_EXPORT + 1, new StringWriter()))
                .hasMessageStartingWith("max ");
        assertThatThrownBy(() -> search.counts(null)).hasMessageStartingWith("since ");
    }

    @Test
    void shouldEscapeCellsAndNeutraliseFormulasWhenExportingCsv() throws Exception {
        // stored values the envelope's patterns would refuse, as an older or broken peer could have left them
        insert(new Row(UUID.randomUUID().toString(), "INBOUND", "=HYPERLINK(\"http://x\")", "a,\"b\"\r\nc",
                "440300", "RECEIVED", T0, "@SUM(1+1)"));
        insert(new Row(UUID.randomUUID().toString(), "INBOUND", "+1", "-2", "440300", "RECEIVED",
                T0.minusSeconds(1), "\tTAB"));
        StringWriter out = new StringWriter();
        assertThat(search.exportCsv(all(), 10, out)).isEqualTo(2);
        String[] lines = out.toString().split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("messageId,direction,type,conversationId,peer,status,storedAt,errorCode");
        assertThat(lines[1]).endsWith(",INBOUND,\"'=HYPERLINK(\"\"http://x\"\")\",\"a,\"\"b\"\"");
        assertThat(lines[2]).isEqualTo("c\",440300,RECEIVED,2026-11-20T08:00:00Z,'@SUM(1+1)");
        assertThat(lines[3]).endsWith(",INBOUND,'+1,'-2,440300,RECEIVED,2026-11-20T07:59:59Z,'\tTAB");
        assertThat(lines).hasSize(5);
        assertThat(lines[4]).isEmpty();
    }

    @Test
    void shouldWriteAtMostMaxRowsAcrossChunksWhenExporting() throws Exception {
        for (int i = 0; i < 1_205; i++) {
            insert(row("OUTBOUND", "ContactLetter", "CASE-E", "440300", "SENT", T0.plusMillis(i / 3), null));
        }
        StringWriter out = new StringWriter();
        assertThat(search.exportCsv(all(), 1_203, out)).isEqualTo(1_203);
        List<String> lines = out.toString().lines().skip(1).toList();
        assertThat(lines).hasSize(1_203);
        assertThat(new HashSet<>(lines)).hasSize(1_203); // no row twice across the chunk of 1,000
        assertThat(search.exportCsv(all(), MessageSearch.MAX_EXPORT, new StringWriter())).isEqualTo(1_205);
    }

    @Test
    void shouldCountByPeerDirectionAndStatusWhenStoredSinceTheTime() throws Exception {
        insert(row("OUTBOUND", "ContactLetter", "CASE-N", "440300", "DELIVERED", T0.minus(Duration.ofDays(2)), null));
        insert(row("OUTBOUND", "ContactLetter", "CASE-N", "440300", "DELIVERED", T0, null));
        insert(row("OUTBOUND", "InfoForm", "CASE-N", "440300", "DELIVERED", T0.plusSeconds(5), null));
        insert(row("OUTBOUND", "InfoForm", "CASE-N", "440300", "FAILED", T0.plusSeconds(6), "RECEIPT_TIMEOUT"));
        insert(row("INBOUND", "Receipt", "CASE-N", "110100", "RECEIVED", T0.plusSeconds(7), null));
        assertThat(search.counts(T0)).containsExactly(
                new MessageSearch.StatusCount("110100", "INBOUND", "RECEIVED", 1),
                new MessageSearch.StatusCount("440300", "OUTBOUND", "DELIVERED", 2),
                new MessageSearch.StatusCount("440300", "OUTBOUND", "FAILED", 1));
        assertThat(search.counts(T0.plusSeconds(8))).isEmpty();
    }
}
