package org.exchangenode.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** The node's reconnect defaults never override what the broker URL says, and a pair's URL keeps trying. */
class ReconnectSettingsTest {
    private static final String PAIR = "(tcp://a.example:61617?name=primary,tcp://b.example:61617?name=backup)"
            + "?ha=true&sslEnabled=true&trustStorePath=/etc/exchange-node/broker-trust.p12";

    private static ActiveMQConnectionFactory factory(String url) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        ReconnectSettings.apply(factory, url);
        return factory;
    }

    @Test
    void shouldRideOutAShortRestartOfASingleBroker() {
        ActiveMQConnectionFactory factory = factory("tcp://broker.example:61617?sslEnabled=true");
        assertThat(factory.getReconnectAttempts()).isEqualTo(5);
        assertThat(factory.getCallFailoverTimeout()).isEqualTo(5_000);
        assertThat(factory.getMaxRetryInterval()).isEqualTo(10_000);
        assertThat(factory.isHA()).isFalse();
        assertThat(factory.isUseTopologyForLoadBalancing()).isTrue();
    }

    @Test
    void shouldKeepTryingABrokerPairWhenItsUrlSetsNoReconnectAttempts() {
        ActiveMQConnectionFactory factory = factory(PAIR);
        assertThat(factory.isHA()).isTrue();
        assertThat(factory.getReconnectAttempts()).isEqualTo(-1);
        assertThat(factory.isUseTopologyForLoadBalancing()).isFalse();
        // a blocking call during the fail-over still gives up, so that a stop is not held up
        assertThat(factory.getCallFailoverTimeout()).isEqualTo(5_000);
    }

    @Test
    void shouldLeaveEveryReconnectParameterTheUrlSets() {
        ActiveMQConnectionFactory factory = factory(PAIR + "&reconnectAttempts=40&retryInterval=250"
                + "&retryIntervalMultiplier=1.5&maxRetryInterval=4000&callTimeout=60000&callFailoverTimeout=20000"
                + "&useTopologyForLoadBalancing=true");
        assertThat(factory.getReconnectAttempts()).isEqualTo(40);
        assertThat(factory.getRetryInterval()).isEqualTo(250);
        assertThat(factory.getRetryIntervalMultiplier()).isEqualTo(1.5);
        assertThat(factory.getMaxRetryInterval()).isEqualTo(4_000);
        assertThat(factory.getCallTimeout()).isEqualTo(60_000);
        assertThat(factory.getCallFailoverTimeout()).isEqualTo(20_000);
        assertThat(factory.isUseTopologyForLoadBalancing()).isTrue();
    }

    @Test
    void shouldTreatTheEmbeddedBrokerAsASingleBroker() {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
        ReconnectSettings.apply(factory, null);
        assertThat(factory.getReconnectAttempts()).isEqualTo(5);
        assertThat(ReconnectSettings.highlyAvailable(null)).isFalse();
        assertThat(ReconnectSettings.highlyAvailable("tcp://b:1?hA=TRUE")).isTrue();
        assertThat(ReconnectSettings.highlyAvailable("tcp://b:1?ha=false")).isFalse();
    }
}
