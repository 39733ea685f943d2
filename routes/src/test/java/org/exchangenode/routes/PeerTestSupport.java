package org.exchangenode.routes;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.time.Duration;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.testsupport.peer.TestPeer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests of node 320100 against peer 440300, played with node-core through the node's embedded broker. */
public abstract class PeerTestSupport {
    /**
     * How long asynchronous state may take to show. Generous: a test class under its own profile starts a node that
     * first works through what earlier classes left on its inbox and outbox, and on a loaded 2-core machine that took
     * over 20 s. Awaitility returns as soon as the state holds, so a passing run is no slower.
     */
    public static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * The embedded broker's TCP port in the test profile (application.properties): 61699, or another given with
     * {@code -Dexn.test.broker-port=N} so that two checkouts can run their tests at once.
     */
    public static final String BROKER = "tcp://127.0.0.1:" + Integer.getInteger("exn.test.broker-port", 61699);
    public TestPeer shenzhen;

    @BeforeEach
    public void connectPeer() throws Exception {
        shenzhen = BrokerUsersForTests.peer("440300");
    }

    @AfterEach
    public void disconnectPeer() throws Exception {
        shenzhen.close();
    }

    /** 440300 sends {@code letter} in a new case (id from {@code prefix}); returns it once 320100 shows LETTER_RECEIVED. */
    public String peerOpensCase(String prefix, ContactLetter letter) throws Exception {
        String caseId = Samples.caseId(prefix);
        shenzhen.send("320100", shenzhen.compose(MessageType.CONTACT_LETTER, "320100", caseId, null,
                ContactLetterXml.write(letter)).bytes());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("state", equalTo("LETTER_RECEIVED")));
        return caseId;
    }

    /**
     * Submits the contact letter {@code json} for 440300, whose three sends the peer takes without a Receipt, and returns
     * its message id once it is FAILED (profiles with {@code node.delivery.max-sends} 3, e.g. ResendTest's).
     */
    public String failedLetter(String json) throws Exception {
        String id = given().contentType(ContentType.JSON).body(json)
                .post("/api/v1/contact-letters").then().statusCode(202).extract().path("messageId");
        for (int copy = 1; copy <= 3; copy++) {
            shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then()
                .body("status", equalTo("FAILED")));
        return id;
    }
}
