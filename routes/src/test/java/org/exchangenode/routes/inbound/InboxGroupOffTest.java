package org.exchangenode.routes.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.exchangenode.routes.jdbc.Database;
import org.junit.jupiter.api.Test;

/**
 * {@code node.broker.inbox-group=1} turns group commit off: the same letters that {@link InboxGroupCommitTest} finds
 * grouped are each acknowledged by a broker commit of their own (and stored in a transaction of their own), as before
 * group commit.
 */
@QuarkusTest
@TestProfile(InboxGroupOffTest.GroupOff.class)
class InboxGroupOffTest {
    @Inject
    Database database;

    @Test
    void shouldCommitEachLetterAloneWhenGroupsAreOff() throws Exception {
        InboxGroupCommitTest.Acknowledged acknowledged =
                InboxGroupCommitTest.lettersWaitingBehindABusyConsumer(database);
        assertThat(acknowledged.messages()).as("every letter acknowledged once")
                .isEqualTo(InboxGroupCommitTest.LETTERS + 1);
        assertThat(acknowledged.commits()).as("one broker commit per letter").isEqualTo(acknowledged.messages());
        assertThat(acknowledged.retries()).as("no rollback").isZero();
    }

    public static class GroupOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("node.broker.inbox-group", "1");
        }
    }
}
