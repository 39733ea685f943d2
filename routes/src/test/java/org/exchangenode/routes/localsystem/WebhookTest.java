package org.exchangenode.routes.localsystem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Received letters are POSTed to the local system's webhook, retried with backoff, FAILED visibly, replayable. */
@QuarkusTest
@TestProfile(WebhookTest.LocalSystem.class)
class WebhookTest extends PeerTestSupport {
    static final int PORT = freePort();

    public static class LocalSystem implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("node.local-system.webhook.url", "http://127.0.0.1:" + PORT + "/hook",
                    "node.local-system.webhook.initial-backoff", "PT0.2S",
                    "node.local-system.webhook.max-backoff", "PT0.4S",
                    "node.local-system.webhook.max-attempts", "4",
                    "node.local-system.webhook.poll-interval", "PT0.2S");
        }
    }

    private HttpServer localSystem;
    /**
     * HTTP statuses the local system answers to one message's notifications, in turn; the last one repeats. Scripted per
     * message, so that another test's notification still being retried cannot take an answer meant for this one (it did:
     * a letter scripted 500, 503, 200 was delivered at its second attempt). A message without a script gets 200.
     */
    private final Map<String, Queue<Integer>> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastAnswer = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<JsonNode> received = new ConcurrentLinkedQueue<>();
    /** Notifications the local system answers 200 to and then never finishes the answer's body (until the test ends). */
    private final Set<String> hangOn = ConcurrentHashMap.newKeySet();
    private final CountDownLatch testEnded = new CountDownLatch(1);

    @BeforeEach
    void startLocalSystem() throws IOException {
        localSystem = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 0);
        localSystem.createContext("/hook", exchange -> {
            JsonNode body = new ObjectMapper().readTree(exchange.getRequestBody());
            if (hangOn.contains(body.path("messageId").asText())) {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write('{');
                exchange.getResponseBody().flush();
                try {
                    testEnded.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            String messageId = body.path("messageId").asText();
            Integer next = answers.getOrDefault(messageId, new ConcurrentLinkedQueue<>()).poll();
            int status = next == null ? lastAnswer.getOrDefault(messageId, 200) : next;
            lastAnswer.put(messageId, status);
            if (status == 200) {
                received.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        localSystem.setExecutor(Executors.newCachedThreadPool());
        localSystem.start();
    }

    @AfterEach
    void stopLocalSystem() {
        testEnded.countDown();
        localSystem.stop(0);
    }

    private static RequestSpecification operator() {
        return given().auth().preemptive().basic("operator-test", "operator-test-password");
    }

    /** Sends a letter whose notifications the local system answers with {@code statuses} in turn (200 without). */
    private String sendLetter(String caseId, Integer... statuses) throws Exception {
        SignedMessage letter = shenzhen.compose(MessageType.CONTACT_LETTER, "320100", caseId, null,
                ContactLetterXml.write(Samples.letterFrom440300()));
        answers.put(letter.header().messageId(), new ConcurrentLinkedQueue<>(List.of(statuses)));
        shenzhen.send("320100", letter.bytes());
        return letter.header().messageId();
    }

    private String status(String id) {
        return operator().get("/api/v1/operations/webhooks?size=500").then().extract().jsonPath()
                .getString("find { it.messageId == '" + id + "' }.status");
    }

    @Test
    void shouldRetryUntilTheLocalSystemTakesTheLetter() throws Exception {
        String caseId = Samples.caseId("440300-CASE-HOOK-1");
        String id = sendLetter(caseId, 500, 503, 200);

        await().atMost(WAIT).until(() -> "DELIVERED".equals(status(id)));

        operator().get("/api/v1/operations/webhooks?status=DELIVERED&size=500").then()
                .body("find { it.messageId == '" + id + "' }.attempts", equalTo(3));
        JsonNode body = received.stream().filter(b -> id.equals(b.path("messageId").asText())).findFirst().orElseThrow();
        assertThat(body.path("type").asText()).isEqualTo("ContactLetter");
        assertThat(body.path("from").asText()).isEqualTo("440300");
        assertThat(body.path("conversationId").asText()).isEqualTo(caseId);
        assertThat(body.path("signedXml").asText()).contains(id, "ds:Signature");
    }

    @Test
    void shouldShowAFailedNotificationAndDeliverItWhenAnOperatorReplaysIt() throws Exception {
        String caseId = Samples.caseId("440300-CASE-HOOK-2");
        String id = sendLetter(caseId, 503);

        await().atMost(WAIT).until(() -> "FAILED".equals(status(id)));
        given().get("/api/v1/cases/" + caseId).then().body("timeline[0].webhook", equalTo("FAILED"));
        operator().get("/api/v1/operations/webhooks?status=FAILED&size=500").then()
                .body("find { it.messageId == '" + id + "' }.attempts", equalTo(4))
                .body("find { it.messageId == '" + id + "' }.lastError", equalTo("the local system answered HTTP 503"));

        lastAnswer.put(id, 200);
        operator().contentType(ContentType.JSON).body(Map.of("ids", List.of(id), "reason", "local system restored"))
                .post("/api/v1/operations/webhooks/replay").then().statusCode(200).body("replayed", equalTo(List.of(id)));

        await().atMost(WAIT).until(() -> "DELIVERED".equals(status(id)));
        assertThat(received).anyMatch(b -> id.equals(b.path("messageId").asText()));
    }

    @Test
    void shouldGoOnWithTheOthersWhenTheLocalSystemNeverFinishesItsAnswerToOne() throws Exception {
        SignedMessage hanging = shenzhen.compose(MessageType.CONTACT_LETTER, "320100",
                Samples.caseId("440300-CASE-HOOK-3"), null, ContactLetterXml.write(Samples.letterFrom440300()));
        hangOn.add(hanging.header().messageId());
        shenzhen.send("320100", hanging.bytes());
        // its row exists (PENDING, or already DELIVERED: the status line comes at once, so PENDING may never be seen)
        await().atMost(WAIT).until(() -> status(hanging.header().messageId()) != null);
        String next = sendLetter(Samples.caseId("440300-CASE-HOOK-4"));

        // the status line said 200: delivered, whatever the body that follows it does
        await().atMost(WAIT).until(() -> "DELIVERED".equals(status(next)));
        assertThat(status(hanging.header().messageId())).isEqualTo("DELIVERED");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
