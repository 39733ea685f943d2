package org.exchangenode.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrokerUrlsTest {

    @Test
    void shouldAddTheStorePasswordsEncodedWhenTheUrlHasNone() {
        assertThat(BrokerUrls.withStorePasswords("tcp://broker:61617?sslEnabled=true&trustStorePath=/etc/t.p12",
                "a&b=c%d", null))
                .isEqualTo("tcp://broker:61617?sslEnabled=true&trustStorePath=/etc/t.p12&trustStorePassword=a%26b%3Dc%25d");
        assertThat(BrokerUrls.withStorePasswords("tcp://broker:61617", "t", "k"))
                .isEqualTo("tcp://broker:61617?trustStorePassword=t&keyStorePassword=k");
    }

    @Test
    void shouldKeepTheUrlFormWhenThePasswordIsAlreadyInTheUrl() {
        String url = "tcp://broker:61617?sslEnabled=true&trustStorePassword=old";

        assertThat(BrokerUrls.withStorePasswords(url, "new", null)).isEqualTo(url);
        assertThat(BrokerUrls.withStorePasswords(url, null, null)).isEqualTo(url);
    }
}
