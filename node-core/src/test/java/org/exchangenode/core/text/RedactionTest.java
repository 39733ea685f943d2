package org.exchangenode.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void shouldHideEveryPasswordParameterOfABrokerUrlAndKeepTheRest() {
        String url = "tcp://broker:61617?sslEnabled=true&trustStorePath=/etc/exchange-node/broker-trust.p12"
                + "&trustStorePassword=Tr5t-s3cret&keyStorePassword=K3y!s3cret&password=p4ss";

        assertThat(Redaction.text(url)).isEqualTo("tcp://broker:61617?sslEnabled=true"
                + "&trustStorePath=/etc/exchange-node/broker-trust.p12&trustStorePassword=***&keyStorePassword=***"
                + "&password=***");
    }

    @Test
    void shouldHideTheSecretsOfAnHaUrlJdbcUrlsAndUserInfo() {
        assertThat(Redaction.text("(tcp://a:61617,tcp://b:61617)?ha=true&trustStorePassword=x1y2&sslEnabled=true"))
                .isEqualTo("(tcp://a:61617,tcp://b:61617)?ha=true&trustStorePassword=***&sslEnabled=true");
        assertThat(Redaction.text("jdbc:postgresql://db:5432/exn?user=exn&password=pg-s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/exn?user=exn&password=***&ssl=true");
        assertThat(Redaction.text("jdbc:h2:file:/var/db;USER=sa;PASSWORD=h2-s3cret;LOCK_TIMEOUT=10000"))
                .isEqualTo("jdbc:h2:file:/var/db;USER=sa;PASSWORD=***;LOCK_TIMEOUT=10000");
        assertThat(Redaction.text("amqp://node-320100:u5er-s3cret@broker:5672/x?apiToken=t0ken&clientSecret=c1"))
                .isEqualTo("amqp://node-320100:***@broker:5672/x?apiToken=***&clientSecret=***");
        assertThat(Redaction.text("amqp://node-320100:p@ss:w0rd@broker:5672/x")).isEqualTo("amqp://node-320100:***@broker:5672/x");
        assertThat(Redaction.text("tcp://b:1?trustStorePassword=a,b)c(d&x=1")).isEqualTo("tcp://b:1?trustStorePassword=***&x=1");
    }

    @Test
    void shouldHideAWholeSettingWhoseKeyNamesASecret() {
        assertThat(Redaction.setting("node.broker.trust-store-password", "Tr5t-s3cret")).isEqualTo("***");
        assertThat(Redaction.setting("node.database.password", "pg")).isEqualTo("***");
        assertThat(Redaction.setting("node.webhook.api-token", "t")).isEqualTo("***");
        assertThat(Redaction.setting("node.broker.user", "node-320100")).isEqualTo("node-320100");
        assertThat(Redaction.setting("node.broker.url", "tcp://b:1?trustStorePassword=s")).isEqualTo("tcp://b:1?trustStorePassword=***");
    }

    @Test
    void shouldHideSecretsQuotedInAnErrorMessage() {
        String message = "AMQ219007: Cannot connect to server(s). Tried with all available servers. "
                + "[TransportConfiguration(name=netty, factory=NettyConnectorFactory) ?trustStorePassword=Tr5t-s3cret&port=61617]";

        assertThat(Redaction.text(message)).doesNotContain("Tr5t-s3cret").contains("trustStorePassword=***&port=61617");
    }
}
