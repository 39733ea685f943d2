package org.exchangenode.routes.crypto;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.routes.RolloverKeys;
import org.exchangenode.routes.RolloverTestSupport;
import org.exchangenode.routes.localsystem.LocalSystemHook;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * After the switch to a new key, with the old key kept as a previous one: letters encrypted for the old key — stored
 * before the switch, or still on their way — reach the local system in clear.
 */
@QuarkusTest
@TestProfile(KeyRolloverTest.PreviousKeyKept.class)
class KeyRolloverTest extends RolloverTestSupport {

    /** 320100 runs with the sample key and keeps the key it had before (made fresh here) as its previous key. */
    public static class PreviousKeyKept implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            RolloverKeys.Files old = RolloverKeys.issue320100();
            return Map.of("node.keys.previous-private-keys", old.key().toString(),
                    "node.keys.previous-certificates", old.certificate().toString(),
                    "node.local-system.webhook.url", LocalSystemHook.freeUrl(),
                    "node.local-system.webhook.poll-interval", "PT0.2S");
        }
    }

    private static Path oldCertificate() {
        return ConfigProvider.getConfig().getValue("node.keys.previous-certificates", Path.class);
    }

    @Test
    void shouldHandTheLocalSystemAFormStoredBeforeTheSwitchWhenTheOldKeyIsKeptAsPrevious() throws Exception {
        ContactLetter letter = Samples.letterFrom440300();
        SignedMessage sealed = sealedLetter(letter, certificate(oldCertificate()));
        storedBeforeTheSwitch(sealed);
        String id = sealed.header().messageId();

        List<Map<String, Object>> page = given().get("/api/v1/inbox?all=true&limit=1&after=" + (sequenceOf(id) - 1))
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(page).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("messageId", id).containsEntry("formError", null);
            assertThat((String) e.get("form")).contains(letter.person().idNumber());
        });
        await().atMost(WAIT).until(() -> localSystem.notification(id).isPresent());
        assertThat(localSystem.notification(id).orElseThrow().path("formXml").asText())
                .contains(letter.person().idNumber());
    }

    @Test
    void shouldAcceptALetterStillEncryptedForTheOldKeyAfterTheSwitch() throws Exception {
        ContactLetter letter = Samples.letterFrom440300();
        SignedMessage sealed = sealedLetter(letter, certificate(oldCertificate()));
        shenzhen.send("320100", sealed.bytes());

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/cases/" + sealed.header().conversationId())
                .then().statusCode(200).body("state", equalTo("LETTER_RECEIVED")));
        await().atMost(WAIT).until(() -> localSystem.notification(sealed.header().messageId()).isPresent());
        assertThat(localSystem.notification(sealed.header().messageId()).orElseThrow().path("formXml").asText())
                .contains(letter.person().idNumber());
    }
}
