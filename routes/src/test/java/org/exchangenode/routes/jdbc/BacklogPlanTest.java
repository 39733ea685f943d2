package org.exchangenode.routes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.junit.jupiter.api.Test;

/**
 * H2's plan for the gauge of letters awaiting a Receipt, read at every metrics sample: it must read
 * exn_message_peer_status, the one index that holds every column the count reads, so that H2 answers it from the
 * index entries alone. Through any other index H2 reads each letter's row (with its 4.6 KB of signed content) for the
 * column the index lacks; after a holiday that is tens of thousands of rows per sample (the backlog benchmark measured
 * the gauge at a fifth of the sender's CPU while draining).
 */
class BacklogPlanTest {
    @Test
    void shouldCountLettersAwaitingAReceiptFromTheIndexThatHoldsEveryColumnTheCountReads() {
        String url = "jdbc:h2:file:./target/backlog-plan/" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000";
        Database database = new Database(InstanceClaims.databaseConfig(DatabaseConfig.Kind.h2, url, null, null),
                InstanceClaims.config(NodeConfig.class, Map.of("dataDir", Path.of("target"))));
        try {
            List<String> plan = new Jdbc(database.dataSource()).query("explain " + JdbcBacklogs.AWAITING_RECEIPT, s -> {
                s.setString(1, MessageStatus.SENT.name());
                s.setString(2, Direction.OUTBOUND.name());
            }, rs -> rs.getString(1));
            assertThat(String.join("\n", plan)).contains("/* PUBLIC.EXN_MESSAGE_PEER_STATUS: DIRECTION = ?2")
                    .contains("STATUS = ?1").doesNotContain("tableScan");
        } finally {
            database.close();
        }
    }
}
