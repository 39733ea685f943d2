package org.exchangenode.routes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exchangenode.routes.jdbc.InstanceClaims.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.config.AuditConfig;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.operations.Operations;
import org.exchangenode.routes.operations.ReplayRequests.Kind;
import org.exchangenode.routes.operations.ReplayRequests.Request;
import org.exchangenode.routes.operations.ReplayRequests.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replay requests of four-eyes approval on a database two instances share: a request keeps its (up to
 * {@link Operations#MAX_BULK}) ids in order, lists newest first, expires, is decided by exactly one of two operators
 * deciding at once even on different instances, and each change is in the audit log. Run on H2
 * ({@link ReplayRequestStoreTest}) and PostgreSQL ({@link ReplayRequestStorePostgresTest}); plain JDBC, no Quarkus.
 */
abstract class ReplayRequestStores {
    private static final Instant T0 = Instant.parse("2026-06-01T02:00:00Z");
    private final List<Database> databases = new ArrayList<>();
    private JdbcReplayRequestStore first;
    private JdbcReplayRequestStore second;
    private AuditLog audit;

    abstract DatabaseConfig database();

    abstract void dropDatabase() throws Exception;

    private JdbcReplayRequestStore open() {
        Database database = new Database(database(), config(NodeConfig.class, Map.of("dataDir", Path.of("target"))));
        databases.add(database);
        audit = new AuditLog(database, config(AuditConfig.class, Map.of("enabled", true)));
        return new JdbcReplayRequestStore(database, audit);
    }

    @BeforeEach
    void twoInstances() {
        first = open();
        second = open();
    }

    @AfterEach
    void close() throws Exception {
        databases.forEach(Database::close);
        dropDatabase();
    }

    private static Request pending(int ids, Instant at) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < ids; i++) {
            list.add("m-" + i + "-" + UUID.randomUUID());
        }
        return new Request(UUID.randomUUID().toString(), Kind.MESSAGES, list, "backlog of 440300", "operator-li", at,
                at.plus(Duration.ofDays(3)), Status.PENDING, null, null, null, null);
    }

    private static AuditEvent event(AuditKind kind, String actor, String detail) {
        return new AuditEvent(kind, null, actor, detail, null);
    }

    @Test
    void shouldKeepEveryIdInOrderAndListNewestFirst() {
        Request big = pending(Operations.MAX_BULK, T0);
        Request later = pending(11, T0.plusSeconds(60));
        first.insert(big, event(AuditKind.REPLAY_REQUESTED, "operator-li", "request " + big.id()));
        first.insert(later, event(AuditKind.REPLAY_REQUESTED, "operator-li", "request " + later.id()));

        Request found = second.find(big.id()).orElseThrow();
        assertThat(found.ids()).containsExactlyElementsOf(big.ids());
        assertThat(found).usingRecursiveComparison().isEqualTo(big);
        assertThat(second.list(null, 2)).extracting(Request::id).containsExactly(later.id(), big.id());
        assertThat(second.list(Status.REJECTED, 10)).isEmpty();
        assertThat(audit.entries(1, Long.MAX_VALUE, 10)).extracting(e -> e.kind() + " " + e.detail())
                .containsExactly("REPLAY_REQUESTED request " + big.id(), "REPLAY_REQUESTED request " + later.id());
    }

    @Test
    void shouldLetExactlyOneOfTwoInstancesDecide() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Request request = pending(11, T0);
                first.insert(request, event(AuditKind.REPLAY_REQUESTED, "operator-li", "request"));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> decisions = new ArrayList<>();
                for (JdbcReplayRequestStore store : List.of(first, second)) {
                    String who = store == first ? "operator-wang" : "operator-zhao";
                    decisions.add(pool.submit(() -> {
                        start.await();
                        return store.decide(request.id(), Status.EXECUTING, who, T0.plusSeconds(5), "ok",
                                event(AuditKind.OPERATOR_ACTION, who, "won " + request.id()));
                    }));
                }
                start.countDown();
                List<Boolean> won = new ArrayList<>();
                for (Future<Boolean> decision : decisions) {
                    won.add(decision.get(30, TimeUnit.SECONDS));
                }
                assertThat(won).as("round " + round).containsExactlyInAnyOrder(true, false);
                assertThat(audit.entries(1, Long.MAX_VALUE, 1000))
                        .filteredOn(e -> e.detail().equals("won " + request.id())).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldStoreWhatTheReplayDidAndReopenAFailedExecution() {
        Request request = pending(11, T0);
        first.insert(request, event(AuditKind.REPLAY_REQUESTED, "operator-li", "request"));
        assertThat(first.decide(request.id(), Status.EXECUTING, "operator-wang", T0.plusSeconds(5), "go", null)).isTrue();
        first.reopen(request.id());
        assertThat(second.find(request.id()).orElseThrow()).satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.PENDING);
            assertThat(r.decidedBy()).isNull();
        });

        assertThat(first.decide(request.id(), Status.EXECUTING, "operator-wang", T0.plusSeconds(9), "go", null)).isTrue();
        List<String> ids = request.ids();
        first.executed(request.id(), new Operations.Summary(false, 11, List.of(ids.get(3), ids.get(0)),
                List.of(new Operations.Skipped(ids.get(1), "no such message"))),
                event(AuditKind.REPLAY_APPROVED, "operator-wang", "approved"));

        Request done = second.find(request.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Status.EXECUTED);
        assertThat(done.decidedBy()).isEqualTo("operator-wang");
        assertThat(done.decidedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(done.result().matched()).isEqualTo(11);
        assertThat(done.result().replayed()).as("in the request's order").containsExactly(ids.get(0), ids.get(3));
        assertThat(done.result().skipped()).containsExactly(new Operations.Skipped(ids.get(1), "no such message"));
        assertThat(second.decide(request.id(), Status.REJECTED, "operator-zhao", T0.plusSeconds(10), "no", null))
                .isFalse();
    }

    @Test
    void shouldExpireAnUndecidedRequestAndRefuseItsDecision() {
        Request request = pending(11, T0);
        Request fresh = pending(11, T0.plus(2, ChronoUnit.DAYS));
        first.insert(request, event(AuditKind.REPLAY_REQUESTED, "operator-li", "request"));
        first.insert(fresh, event(AuditKind.REPLAY_REQUESTED, "operator-li", "fresh"));
        Instant after = request.expiresAt().plusSeconds(1);

        assertThat(second.decide(request.id(), Status.REJECTED, "operator-zhao", after, "late", null))
                .as("past its expiry, even before it is marked").isFalse();
        assertThat(second.expire(after)).isEqualTo(1);
        assertThat(second.find(request.id()).orElseThrow().status()).isEqualTo(Status.EXPIRED);
        assertThat(second.list(Status.PENDING, 10)).extracting(Request::id).containsExactly(fresh.id());
    }
}
