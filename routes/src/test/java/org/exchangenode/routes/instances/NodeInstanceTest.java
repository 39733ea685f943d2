package org.exchangenode.routes.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.junit.jupiter.api.Test;

/** The instance id and the claims of one node instance: unique by default, checked when configured. */
class NodeInstanceTest {

    @SuppressWarnings("unchecked")
    private static <T> T config(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return values.get(method.getName());
        });
    }

    private static NodeInstance instance(Optional<String> id, Duration lease) {
        return new NodeInstance(config(NodeConfig.class, Map.of("instanceId", id, "claimLease", lease)),
                config(DatabaseConfig.class, Map.of("kind", DatabaseConfig.Kind.postgresql)));
    }

    @Test
    void shouldGiveEveryProcessItsOwnIdWhenNoneIsConfigured() {
        String first = instance(Optional.empty(), Duration.ofSeconds(30)).id();
        String second = instance(Optional.empty(), Duration.ofSeconds(30)).id();

        assertThat(first).isNotEqualTo(second).contains("-" + ProcessHandle.current().pid() + "-");
        assertThat(first.length()).isLessThanOrEqualTo(64);
    }

    @Test
    void shouldFenceEachClaimWithANewTokenUntilTheLeaseEnds() {
        NodeInstance instance = instance(Optional.of("320100-a"), Duration.ofSeconds(30));
        Instant now = Instant.now();
        Claim first = instance.claim(now);
        Claim second = instance.claim(now);

        assertThat(first.holder()).isEqualTo("320100-a");
        assertThat(first.token()).isNotEqualTo(second.token());
        assertThat(first.until()).isEqualTo(now.plusSeconds(30));
        assertThat(first.holdsAt(now.plusSeconds(29))).isTrue();
        assertThat(first.holdsAt(now.plusSeconds(30))).isFalse();
    }

    @Test
    void shouldRefuseAnInstanceIdThatIsNoNameNamingTheKeyButNotTheValue() {
        assertThatThrownBy(() -> instance(Optional.of("a b;drop"), Duration.ofSeconds(30)))
                .isInstanceOf(ExchangeException.class)
                .satisfies(e -> assertThat(((ExchangeException) e).code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                .hasMessageContaining("node.instance-id").hasMessageNotContaining("drop");
        assertThatThrownBy(() -> instance(Optional.of("320100-a"), Duration.ZERO))
                .hasMessageContaining("node.claim-lease");
    }
}
