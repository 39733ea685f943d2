package org.exchangenode.routes.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.exchangenode.core.audit.ArchiveVerifier;
import org.exchangenode.core.audit.AuditEntry;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.routes.config.AuditConfig;
import org.exchangenode.routes.config.EffectiveConfiguration;
import org.exchangenode.routes.jdbc.AuditLog;
import org.exchangenode.routes.jdbc.Database;
import org.junit.jupiter.api.Test;

/**
 * Switching the log off cannot go unseen: a start with {@code node.audit.enabled=false} (played here by the start-up
 * records of a node so configured, on the same database) writes its configuration and AUDIT_DISABLED before the log
 * stops, the next start with the log on writes AUDIT_ENABLED, and the verifier reports the unlogged period between.
 */
@QuarkusTest
class AuditSwitchTest {
    private static final TrustAnchors ANCHORS = TrustAnchors.load(List.of(Path.of("../certs-sample/root-ca.crt.pem")));
    @Inject
    AuditLog log;
    @Inject
    Database database;
    @Inject
    AuditConfig config;
    @Inject
    EffectiveConfiguration configuration;
    @Inject
    NodeCredentials credentials;
    @Inject
    TrustAnchors anchors;

    /** One entry with its content, as the database holds it. */
    private record Logged(AuditEntry entry, String content) {
    }

    private List<Logged> after(long sequence) {
        List<Logged> logged = new ArrayList<>();
        log.forEachEntry(sequence + 1, Long.MAX_VALUE, (entry, content) -> logged.add(new Logged(entry,
                content == null ? "" : new String(content, StandardCharsets.UTF_8))));
        return logged;
    }

    @Test
    void shouldLogTheSwitchingOffAndReportTheUnloggedPeriod() throws Exception {
        long before = log.head().sequence();

        // a start with the log off: its configuration and AUDIT_DISABLED are written, then nothing more
        AuditConfig off = auditOff();
        AuditLog offLog = new AuditLog(database, off);
        new AuditStartup(offLog, configuration, credentials, anchors).onStart(null);
        List<Logged> whileOff = after(before);
        assertThat(whileOff).extracting(l -> l.entry().kind().name()).containsExactly("CONFIGURATION_CHANGE", "AUDIT_DISABLED");
        assertThat(whileOff.get(0).content()).contains("node.audit.enabled=false").contains("node.trust.crls=")
                .contains("node.directory=").contains("node.encryption.peers=[510100]")
                .contains("node.instance-id=(generated at start)").contains("node.claim-lease=PT30S")
                .contains("node.api.login-throttle=");
        // and a second start with it off again leaves its own trace
        new AuditStartup(offLog, configuration, credentials, anchors).onStart(null);
        assertThat(after(before)).extracting(l -> l.entry().kind().name())
                .containsExactly("CONFIGURATION_CHANGE", "AUDIT_DISABLED", "AUDIT_DISABLED");

        // the next start with the log on
        new AuditStartup(log, configuration, credentials, anchors).onStart(null);
        // (the anchors are logged again too when retention archived their last record: not what this test is about)
        List<Logged> all = after(before).stream().filter(l -> !l.entry().kind().name().equals("TRUST_ANCHOR_CHANGE"))
                .toList();
        assertThat(all).extracting(l -> l.entry().kind().name())
                .containsExactly("CONFIGURATION_CHANGE", "AUDIT_DISABLED", "AUDIT_DISABLED", "AUDIT_ENABLED",
                        "CONFIGURATION_CHANGE");
        assertThat(all.get(3).entry().detail()).contains(all.get(1).entry().time().toString());
        assertThat(all.get(4).content()).contains("node.audit.enabled=true");

        byte[] zip = given().auth().preemptive().basic("auditor-test", "auditor-test-password")
                .get("/api/v1/audit/export?fromSequence=" + (before + 1) + "&toSequence=" + log.head().sequence())
                .then().statusCode(200).extract().asByteArray();
        Path file = Files.createTempFile("audit-switch", ".zip");
        Files.write(file, zip);
        ArchiveVerifier.Result result = new ArchiveVerifier(ANCHORS).verify(List.of(file));
        assertThat(result.intact()).isTrue();
        assertThat(result.report().unlogged()).hasSize(1);
        assertThat(result.report().unlogged().get(0).toString()).contains("unlogged period from "
                + all.get(1).entry().time()).contains("to " + all.get(3).entry().time());
    }

    /** The node's configuration with node.audit.enabled=false. */
    private AuditConfig auditOff() {
        return (AuditConfig) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {AuditConfig.class},
                (proxy, method, args) -> method.getName().equals("enabled") ? Boolean.FALSE : invoke(method, config, args));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
