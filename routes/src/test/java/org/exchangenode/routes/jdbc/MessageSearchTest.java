package org.exchangenode.routes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.messages.MessageSearch.Criteria;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageSearching} on H2, in a file database of its own; and H2's plans: every criterion reads its index in
 * the search's order ("index sorted"), never the table (PostgreSQL's plans at a million rows: the search benchmark).
 */
class MessageSearchTest extends MessageSearching {
    private final String url = "jdbc:h2:file:./target/message-search/" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000";

    @Override
    DatabaseConfig database() {
        return InstanceClaims.databaseConfig(DatabaseConfig.Kind.h2, url, null, null);
    }

    @Override
    void dropDatabase() {
        // target/ is cleaned with the build
    }

    @Test
    void shouldReadAnIndexInTheSearchOrderWhenPlanningEachCriterion() {
        Instant t = T0;
        java.util.Map<String, Criteria> cases = java.util.Map.of(
                "EXN_MESSAGE_SEARCH_TIME", all(),
                "EXN_MESSAGE_SEARCH_CASE", new Criteria(null, "CASE-1", "440300", null, null, null, null, null, null),
                "EXN_MESSAGE_SEARCH_PEER", new Criteria(null, null, "440300", "InfoForm", "DELIVERED", null, null, t, null),
                "EXN_MESSAGE_SEARCH_TYPE", new Criteria(null, null, null, "InfoForm", null, null, null, null, null),
                "EXN_MESSAGE_SEARCH_STATUS", new Criteria(null, null, "440300", null, "FAILED", null, null, null, null),
                "EXN_MESSAGE_SEARCH_DIRECTION_STATUS", new Criteria(null, null, null, null, "SENT", "OUTBOUND", null,
                        null, null),
                "EXN_MESSAGE_SEARCH_ERROR", new Criteria(null, null, "440300", null, "FAILED", null, "RECEIPT_TIMEOUT",
                        null, null));
        cases.forEach((index, criteria) -> {
            String plan = String.join("\n", store.plan(criteria, null, 51));
            assertThat(plan).as(index).contains("/* PUBLIC." + index).contains("/* index sorted */")
                    .doesNotContain("tableScan");
            assertThat(String.join("\n", store.plan(criteria, new org.exchangenode.routes.messages.MessageSearchStore
                    .Position(t, UUID.randomUUID().toString()), 51))).as(index + " after a cursor")
                    .contains("/* PUBLIC." + index).contains("STORED_AT <=").contains("/* index sorted */");
        });
        assertThat(String.join("\n", store.countsPlan(t))).contains("EXN_MESSAGE_SEARCH_TIME").doesNotContain("tableScan");
    }
}
