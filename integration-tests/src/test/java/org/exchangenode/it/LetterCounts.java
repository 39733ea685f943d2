package org.exchangenode.it;

import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a node says, through its public API, about the contact letters of a stream: counts by status, the letters
 * it holds in one direction (with when each was stored, sent or delivered), and how often each reached its local
 * system (the pull inbox, apart from the message table, so a letter processed twice shows).
 */
final class LetterCounts {
    private LetterCounts() {
    }

    /** One contact letter as a node holds it. */
    record Letter(String messageId, Instant storedAt, Instant deliveredAt) {
    }

    static JsonPath counts(NodeProcess node) {
        return node.api().get("/api/v1/messages/counts").then().statusCode(200).extract().jsonPath();
    }

    static long count(JsonPath counts, String key) {
        Object value = counts.getMap("byStatus").get(key);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Every contact letter a node holds in one direction, through the list API. */
    static Map<String, Letter> letters(NodeProcess node, String direction) {
        Map<String, Letter> letters = new HashMap<>();
        for (int page = 0; ; page++) {
            List<Map<String, Object>> batch = node.api().get("/api/v1/messages?type=ContactLetter&direction="
                    + direction + "&size=500&page=" + page).then().statusCode(200).extract().jsonPath().getList("$");
            for (Map<String, Object> m : batch) {
                letters.put((String) m.get("messageId"), new Letter((String) m.get("messageId"),
                        instant(m.get("storedAt")), instant(m.get("deliveredAt"))));
            }
            if (batch.size() < 500) {
                return letters;
            }
        }
    }

    private static Instant instant(Object text) {
        return text == null ? null : Instant.parse(text.toString());
    }

    /** How often each message id reached the node's local system: its pull inbox, every entry, paged by sequence. */
    static Map<String, Integer> handedOver(NodeProcess node) {
        Map<String, Integer> times = new HashMap<>();
        long after = 0;
        while (true) {
            List<Map<String, Object>> batch = node.api().get("/api/v1/inbox?all=true&limit=100&after=" + after).then()
                    .statusCode(200).extract().jsonPath().getList("$");
            for (Map<String, Object> entry : batch) {
                times.merge((String) entry.get("messageId"), 1, Integer::sum);
                after = ((Number) entry.get("sequence")).longValue();
            }
            if (batch.size() < 100) {
                return times;
            }
        }
    }

    /** The cases a node opened from {@code peer}'s letters: the business effect, one case per letter. */
    static List<String> casesOpened(NodeProcess node, String peer) {
        List<String> cases = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<String> batch = node.api().get("/api/v1/cases?peer=" + peer + "&role=TRANSFER_OUT&size=500&page="
                    + page).then().statusCode(200).extract().jsonPath().getList("caseId");
            cases.addAll(batch);
            if (batch.size() < 500) {
                return cases;
            }
        }
    }
}
