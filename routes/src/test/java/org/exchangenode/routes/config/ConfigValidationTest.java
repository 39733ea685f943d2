package org.exchangenode.routes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * The constraints on the node.* mappings, checked the way Quarkus checks them at start-up (SmallRye Config with the
 * Bean Validation validator), without starting a node: a bad value is refused with its key named.
 */
class ConfigValidationTest {
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    /** The node's configuration with the required keys set, and {@code overrides} on top. */
    private static SmallRyeConfig config(String... overrides) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "node.id", "320100",
                "node.keys.private-key", "node.key.pem",
                "node.keys.certificate", "node.crt.pem",
                "node.trust.anchors", "root-ca.crt.pem"));
        for (int i = 0; i < overrides.length; i += 2) {
            properties.put(overrides[i], overrides[i + 1]);
        }
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withMapping(NodeConfig.class)
                .withMapping(BrokerConfig.class)
                .withMapping(DatabaseConfig.class)
                .withMapping(CryptoConfig.class)
                .withMapping(DirectoryConfig.class)
                .withMapping(OutboundConfig.class)
                .withMapping(AuditConfig.class)
                .withMapping(LocalSystemConfig.class)
                .withMapping(DeadlineConfig.class)
                .withValidator(new BeanValidationConfigValidator() {
                    @Override
                    public Validator getValidator() {
                        return VALIDATOR;
                    }
                })
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
    }

    private static String refusal(String... overrides) {
        return assertThatThrownBy(() -> config(overrides)).isInstanceOf(ConfigValidationException.class)
                .actual().getMessage();
    }

    @Test
    void shouldTakeTheDefaultsWhenOnlyTheRequiredKeysAreSet() {
        SmallRyeConfig config = config();

        assertThat(config.getConfigMapping(OutboundConfig.class).relay().batchSize()).isEqualTo(200);
        assertThat(config.getConfigMapping(AuditConfig.class).archiveDir()).isEqualTo(Path.of("data", "audit-archive"));
    }

    @Test
    void shouldPutTheAuditArchiveUnderTheDataDirectoryWhenOnlyTheDataDirectoryIsSet() {
        SmallRyeConfig config = config("node.data-dir", "/var/lib/exchange-node");

        assertThat(config.getConfigMapping(AuditConfig.class).archiveDir())
                .isEqualTo(Path.of("/var/lib/exchange-node/audit-archive"));
    }

    @Test
    void shouldRefuseANegativeRelayIntervalNamingTheKey() {
        assertThat(refusal("node.relay.poll-interval", "-PT1S")).contains("node.relay.poll-interval");
    }

    @Test
    void shouldRefuseAMalformedNodeIdNamingTheKeyAndTheRuleButNotTheValue() {
        assertThat(refusal("node.id", "32010x")).contains("node.id must be a 6-digit division code")
                .doesNotContain("32010x");
    }

    @Test
    void shouldRefuseABlankEmbeddedBrokerPasswordNamingTheKeyNotTheValue() {
        String refusal = refusal("node.broker.embedded.users.\"node-440300\".password", "   ");
        assertThat(refusal).contains("node.broker.embedded.users").contains("password");
        assertThat(config("node.broker.embedded.users.\"node-440300\".password", "B-s3cret")
                .getConfigMapping(BrokerConfig.class).embedded().users()).containsOnlyKeys("node-440300");
    }

    @Test
    void shouldRefuseAnEmbeddedBrokerPortOutOfRangeNamingTheKey() {
        assertThat(refusal("node.broker.embedded.port", "70000")).contains("node.broker.embedded.port");
    }

    @Test
    void shouldRefuseAJitterOfOneNamingTheKey() {
        assertThat(refusal("node.delivery.jitter", "1")).contains("node.delivery.jitter");
    }

    @Test
    void shouldRefuseADatabaseSchemaThatIsNotALowerCaseIdentifierNamingTheKey() {
        assertThat(refusal("node.database.schema", "Node;drop")).contains("node.database.schema must be a lower-case SQL identifier")
                .doesNotContain("drop");
    }

    @Test
    void shouldRefuseAnEncryptionPeerThatIsNoNodeIdNamingTheKey() {
        assertThat(refusal("node.encryption.peers", "510100,51010")).contains("node.encryption.peers");
    }

    @Test
    void shouldRefuseNegativeDueSoonDaysNamingTheKey() {
        assertThat(refusal("node.deadlines.due-soon-days", "-1")).contains("node.deadlines.due-soon-days");
    }

    @Test
    void shouldRefuseAZeroStepLimitNamingTheKey() {
        assertThat(refusal("node.deadlines.step3a-days", "0")).contains("node.deadlines.step3a-days");
    }
}
