package org.exchangenode.routes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.exchangenode.routes.config.DatabaseConfig;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenStepPages} on H2, and H2's plan for a page: a range of exn_case_step_open_key read in order and stopped
 * after the page. Through (status, due_on) H2 read every open step for each page and sorted them, so one sweep cost
 * pages x open steps: 55,000 letters into the backlog benchmark's drain the sweep took 42 % of the receiver's CPU.
 */
class OpenStepPagesTest extends OpenStepPages {
    private static final int PAGE = 20;
    private final String url = "jdbc:h2:file:./target/open-steps/" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000";

    @Override
    DatabaseConfig databaseConfig() {
        return InstanceClaims.databaseConfig(DatabaseConfig.Kind.h2, url, null, null);
    }

    @Override
    void dropDatabase() {
        // target/ is cleaned with the build
    }

    @Test
    void shouldReadAPageAsARangeOfTheOpenStepKeyStoppedAfterThePage() {
        // from the middle: 150 cases, and so about 150 open steps, lie beyond the position
        List<String> plan = new Jdbc(database.dataSource()).query("explain analyze " + JdbcStepStore.OPEN_PAGE, s -> {
            s.setString(1, "case00150");
            s.setString(2, "case00150");
            s.setString(3, "SEND_INFO_AND_FUNDS");
            s.setInt(4, PAGE);
        }, rs -> rs.getString(1));
        String text = String.join("\n", plan);
        assertThat(text).contains("/* PUBLIC.EXN_CASE_STEP_OPEN_KEY: STATUS = 'OPEN'").contains("CASE_ID >= ?1")
                .contains("/* index sorted */").doesNotContain("tableScan");
        assertThat(BacklogPlanTest.scanCount(text)).as("open steps read for a page of %d", PAGE)
                .isLessThanOrEqualTo(PAGE + 1);
    }
}
