package org.exchangenode.routes.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.exchangenode.core.audit.AuditEntry;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.TestClock;
import org.exchangenode.routes.jdbc.AuditLog;
import org.exchangenode.routes.outbound.ResendTest;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Four-eyes approval of bulk replays against the real embedded broker and H2 (threshold 10, the default): a small
 * replay runs at once; a larger one waits as a request that only another operator may approve or reject, once; a
 * request left undecided expires; and every step is in the audit log with who and why.
 */
@QuarkusTest
@TestProfile(ResendTest.ShortReceiptTimeout.class)
class ReplayRequestsTest extends PeerTestSupport {
    @Inject
    ReplayRequests requests;
    @Inject
    AuditLog audit;
    @Inject
    TestClock clock;

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    private static RequestSpecification operator() {
        return given().auth().preemptive().basic("operator-test", "operator-test-password");
    }

    /** The second operator: role admin holds every operator right. */
    private static RequestSpecification secondOperator() {
        return given().auth().preemptive().basic("admin-test", "admin-test-password");
    }

    private String failedLetter() throws Exception {
        return failedLetter(Samples.letterJson());
    }

    /** {@code count} ids no message has: a request of them is decided without sending anything. */
    private static List<String> unknownIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("no-such-" + UUID.randomUUID());
        }
        return ids;
    }

    private static String status(String messageId) {
        return given().get("/api/v1/messages/" + messageId).then().extract().path("status");
    }

    @Test
    void shouldReplayUpToTheThresholdAtOnce() throws Exception {
        String id = failedLetter();
        List<String> ids = new ArrayList<>(List.of(id));
        ids.addAll(unknownIds(requests.threshold() - 1));

        operator().contentType(ContentType.JSON).body(Map.of("messageIds", ids, "reason", "peer back"))
                .post("/api/v1/operations/replay").then().statusCode(200)
                .body("replayed", equalTo(List.of(id))).body("skipped", hasSize(requests.threshold() - 1));

        assertThat(status(id)).isNotEqualTo("FAILED");
    }

    @Test
    void shouldHoldABigReplayUntilAnotherOperatorApprovesItAndAuditBoth() throws Exception {
        long before = audit.head().sequence();
        String first = failedLetter();
        String second = failedLetter();
        List<String> ids = new ArrayList<>(List.of(first, second));
        ids.addAll(unknownIds(requests.threshold() - 1));

        String requestId = operator().contentType(ContentType.JSON)
                .body(Map.of("messageIds", ids, "reason", "peer 440300 back after maintenance"))
                .post("/api/v1/operations/replay").then().statusCode(202)
                .body("status", equalTo("PENDING")).body("requestedBy", equalTo("operator-test"))
                .body("ids", equalTo(ids)).extract().path("id");
        assertThat(status(first)).isEqualTo("FAILED");
        assertThat(status(second)).isEqualTo("FAILED");

        operator().contentType(ContentType.JSON).body(Map.of("reason", "looks right to me"))
                .post("/api/v1/operations/replay-requests/" + requestId + "/approve").then().statusCode(403)
                .body("code", equalTo("REPLAY_OWN_REQUEST"));
        assertThat(status(first)).isEqualTo("FAILED");
        operator().get("/api/v1/operations/replay-requests?status=PENDING&size=500").then().statusCode(200)
                .body("find { it.id == '" + requestId + "' }.status", equalTo("PENDING"));

        secondOperator().contentType(ContentType.JSON).body(Map.of("reason", "checked the peer is up"))
                .post("/api/v1/operations/replay-requests/" + requestId + "/approve").then().statusCode(200)
                .body("status", equalTo("EXECUTED")).body("decidedBy", equalTo("admin-test"))
                .body("decisionReason", equalTo("checked the peer is up"))
                .body("result.replayed", equalTo(List.of(first, second)))
                .body("result.skipped", hasSize(requests.threshold() - 1));
        assertThat(status(first)).isNotEqualTo("FAILED");
        assertThat(status(second)).isNotEqualTo("FAILED");
        operator().get("/api/v1/operations/replay-requests/" + requestId).then().statusCode(200)
                .body("status", equalTo("EXECUTED")).body("result.replayed", equalTo(List.of(first, second)));

        secondOperator().contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/api/v1/operations/replay-requests/" + requestId + "/approve").then().statusCode(409)
                .body("code", equalTo("REPLAY_REQUEST_NOT_PENDING"));

        List<AuditEntry> log = audit.entries(before + 1, Long.MAX_VALUE, 100_000);
        assertThat(log).filteredOn(e -> e.kind() == AuditKind.REPLAY_REQUESTED && e.detail().contains(requestId))
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("operator-test");
                    assertThat(e.detail()).contains("peer 440300 back after maintenance", ids.size() + " FAILED");
                });
        assertThat(log).filteredOn(e -> e.kind() == AuditKind.REPLAY_APPROVED && e.detail().contains(requestId))
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("admin-test");
                    assertThat(e.detail()).contains("requested by operator-test", "peer 440300 back after maintenance",
                            "approved by admin-test", "checked the peer is up", "2 replayed");
                });
        assertThat(log).as("each replayed message recorded as the approver's action, naming the request")
                .filteredOn(e -> e.kind() == AuditKind.OPERATOR_ACTION && first.equals(e.messageId())
                        && e.detail().contains(requestId)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("admin-test"));
    }

    @Test
    void shouldResolveAReplayByFilterToTheMatchingIdsWhenItIsRequested() throws Exception {
        List<String> letters = new ArrayList<>();
        for (int i = 0; i <= requests.threshold(); i++) {
            letters.add(given().contentType(ContentType.JSON).body(Samples.letterJson())
                    .post("/api/v1/contact-letters").then().statusCode(202).extract().<String>path("messageId"));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(letters).allMatch(id -> "FAILED".equals(status(id))));
        String from = letters.stream().map(id -> given().get("/api/v1/messages/" + id).then().extract()
                .<String>path("storedAt")).min(java.util.Comparator.comparing(java.time.Instant::parse)).orElseThrow();

        operator().contentType(ContentType.JSON).body(Map.of("peer", "440300", "errorCode", "RECEIPT_TIMEOUT",
                        "from", from, "reason", "dry run first", "dryRun", true))
                .post("/api/v1/operations/replay").then().statusCode(200).body("matched", equalTo(letters.size()));
        List<String> held = operator().contentType(ContentType.JSON).body(Map.of("peer", "440300", "errorCode",
                        "RECEIPT_TIMEOUT", "from", from, "reason", "the backlog of 440300"))
                .post("/api/v1/operations/replay").then().statusCode(202).body("status", equalTo("PENDING"))
                .extract().jsonPath().getList("ids", String.class);

        assertThat(held).containsExactlyInAnyOrderElementsOf(letters);
        assertThat(letters).allMatch(id -> "FAILED".equals(status(id)));
    }

    @Test
    void shouldReplayNothingOfARejectedRequest() {
        long before = audit.head().sequence();
        String requestId = operator().contentType(ContentType.JSON)
                .body(Map.of("ids", unknownIds(requests.threshold() + 1), "reason", "move all back"))
                .post("/api/v1/operations/dead-letters/replay").then().statusCode(202)
                .body("kind", equalTo("DEAD_LETTERS")).extract().path("id");

        secondOperator().contentType(ContentType.JSON).body(Map.of("reason", "not before the peer confirms"))
                .post("/api/v1/operations/replay-requests/" + requestId + "/reject").then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("result", equalTo(null));
        secondOperator().contentType(ContentType.JSON).body(Map.of("reason", "changed my mind"))
                .post("/api/v1/operations/replay-requests/" + requestId + "/approve").then().statusCode(409)
                .body("code", equalTo("REPLAY_REQUEST_NOT_PENDING"));

        assertThat(audit.entries(before + 1, Long.MAX_VALUE, 100_000))
                .filteredOn(e -> e.kind() == AuditKind.REPLAY_REJECTED && e.detail().contains(requestId))
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("admin-test");
                    assertThat(e.detail()).contains("requested by operator-test", "move all back",
                            "not before the peer confirms");
                });
    }

    @Test
    void shouldRefuseAnExpiredRequestAnUnknownOneAndADecisionWithoutReason() {
        String requestId = ((ReplayRequests.Pending) requests.submit(ReplayRequests.Kind.MESSAGES,
                unknownIds(requests.threshold() + 1), "replay the backlog", "operator-test")).request().id();
        secondOperator().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/operations/replay-requests/" + requestId + "/approve").then().statusCode(422)
                .body("violations[0].field", equalTo("reason"));

        clock.standOn(TestClock.DEFAULT_DAY.plusDays(4));
        secondOperator().contentType(ContentType.JSON).body(Map.of("reason", "late"))
                .post("/api/v1/operations/replay-requests/" + requestId + "/approve").then().statusCode(409)
                .body("code", equalTo("REPLAY_REQUEST_EXPIRED"));
        assertThat(requests.find(requestId).orElseThrow().status()).isEqualTo(ReplayRequests.Status.EXPIRED);
        operator().get("/api/v1/operations/replay-requests?status=EXPIRED&size=500").then().statusCode(200)
                .body("find { it.id == '" + requestId + "' }.status", equalTo("EXPIRED"));

        secondOperator().contentType(ContentType.JSON).body(Map.of("reason", "which?"))
                .post("/api/v1/operations/replay-requests/no-such-request/reject").then().statusCode(404)
                .body("code", equalTo("REPLAY_REQUEST_UNKNOWN"));
        operator().get("/api/v1/operations/replay-requests?status=DONE").then().statusCode(422)
                .body("violations[0].field", equalTo("status"));
    }

    @Test
    void shouldLetOneOfTwoApproversAtOnceWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String requestId = ((ReplayRequests.Pending) requests.submit(ReplayRequests.Kind.MESSAGES,
                        unknownIds(requests.threshold() + 1), "round " + round, "operator-test")).request().id();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> decisions = new ArrayList<>();
                for (String approver : List.of("operator-a", "operator-b")) {
                    decisions.add(pool.submit(() -> {
                        start.await();
                        try {
                            return requests.approve(requestId, "approved", approver).status().name();
                        } catch (ExchangeException e) {
                            return e.code().name();
                        }
                    }));
                }
                start.countDown();
                List<String> outcomes = new ArrayList<>();
                for (Future<String> decision : decisions) {
                    outcomes.add(decision.get(60, TimeUnit.SECONDS));
                }
                assertThat(outcomes).as("round " + round).containsExactlyInAnyOrder("EXECUTED",
                        ErrorCode.REPLAY_REQUEST_NOT_PENDING.name());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
