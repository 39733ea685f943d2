package org.exchangenode.routes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.cases.CaseStep;
import org.exchangenode.routes.config.AuditConfig;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.deadlines.StepStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deadline sweep's pages of open steps, read after a keyset position (case id, step): every open step once, in
 * order, none that has ended, whatever the page size, with the steps of one case split across pages. Run on H2
 * ({@link OpenStepPagesTest}, which also checks that a page is a range read stopped after the page) and PostgreSQL
 * ({@link OpenStepPagesPostgresTest}); plain JDBC, no Quarkus.
 */
abstract class OpenStepPages {
    static final int CASES = 300;
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 12, 1, 1, 0, 0, 0, ZoneOffset.UTC);
    Database database;
    JdbcStepStore steps;
    /** The open steps, as "case/step", in the order the sweep must read them. */
    final List<String> open = new ArrayList<>();

    abstract DatabaseConfig databaseConfig();

    abstract void dropDatabase() throws Exception;

    /**
     * {@value #CASES} cases received from 320100; each has SEND_INFO_AND_FUNDS open but every fifth (met), and
     * every third also LUMP_SUM_NOTICE open: 340 open steps and 60 that ended. Case ids sort the same in every
     * collation (fixed width, digits only after the prefix).
     */
    @BeforeEach
    void casesWithOpenAndEndedSteps() {
        database = new Database(databaseConfig(), InstanceClaims.config(NodeConfig.class, Map.of("dataDir", Path.of("target"))));
        steps = new JdbcStepStore(database, new AuditLog(database,
                InstanceClaims.config(AuditConfig.class, Map.of("enabled", true))));
        new Jdbc(database.dataSource()).inTransaction(c -> {
            try (PreparedStatement kase = c.prepareStatement("insert into exn_case (case_id, role, state, peer_node, "
                    + "person_id_number, person_name, letter_number, opened_at, updated_at) "
                    + "values (?, 'TRANSFER_OUT', 'LETTER_RECEIVED', '320100', '110105199001010011', 'TEST', ?, ?, ?)");
                 PreparedStatement step = c.prepareStatement("insert into exn_case_step (case_id, step, owner, "
                    + "started_at, limit_days, status) values (?, ?, 'THIS_NODE', ?, 15, ?)")) {
                for (int i = 0; i < CASES; i++) {
                    String caseId = String.format("case%05d", i);
                    kase.setString(1, caseId);
                    kase.setString(2, "L" + i);
                    kase.setObject(3, T0);
                    kase.setObject(4, T0);
                    kase.addBatch();
                    List<CaseStep> caseSteps = i % 3 == 0
                            ? List.of(CaseStep.LUMP_SUM_NOTICE, CaseStep.SEND_INFO_AND_FUNDS)
                            : List.of(CaseStep.SEND_INFO_AND_FUNDS);
                    for (CaseStep s : caseSteps) {
                        boolean ended = s == CaseStep.SEND_INFO_AND_FUNDS && i % 5 == 0;
                        step.setString(1, caseId);
                        step.setString(2, s.name());
                        step.setObject(3, T0);
                        step.setString(4, ended ? "MET" : "OPEN");
                        step.addBatch();
                        if (!ended) {
                            open.add(caseId + "/" + s.name());
                        }
                    }
                }
                kase.executeBatch();
                step.executeBatch();
            }
            return null;
        });
    }

    @AfterEach
    void close() throws Exception {
        database.close();
        dropDatabase();
    }

    @Test
    void shouldReadEveryOpenStepOnceInOrderWhateverThePageSize() {
        assertThat(open).hasSize(340);
        for (int pageSize : new int[]{1, 2, 7, 500}) {
            assertThat(readAll(pageSize)).as("pages of %d", pageSize).containsExactlyElementsOf(open);
        }
    }

    @Test
    void shouldCarryWhatTheSweepNeedsOfEachCase() {
        StepStore.OpenStep first = steps.open("", "", 1).get(0);
        assertThat(first.step().caseId()).isEqualTo("case00000");
        assertThat(first.step().step()).isEqualTo(CaseStep.LUMP_SUM_NOTICE);
        assertThat(first.peer()).isEqualTo("320100");
        assertThat(first.letterNumber()).isEqualTo("L0");
        assertThat(first.step().limitDays()).isEqualTo(15);
    }

    private List<String> readAll(int pageSize) {
        List<String> read = new ArrayList<>();
        String afterCase = "";
        String afterStep = "";
        for (List<StepStore.OpenStep> page = steps.open(afterCase, afterStep, pageSize); !page.isEmpty();
             page = steps.open(afterCase, afterStep, pageSize)) {
            assertThat(page.size()).isLessThanOrEqualTo(pageSize);
            for (StepStore.OpenStep step : page) {
                read.add(step.step().caseId() + "/" + step.step().step().name());
            }
            afterCase = page.get(page.size() - 1).step().caseId();
            afterStep = page.get(page.size() - 1).step().step().name();
        }
        return read;
    }
}
