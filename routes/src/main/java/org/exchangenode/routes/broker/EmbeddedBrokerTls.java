package org.exchangenode.routes.broker;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.config.BrokerConfig;

/**
 * The embedded broker's TCP acceptor: plain on loopback (only processes of this host reach it, and they must log in),
 * TLS with the configured key store otherwise. A node whose broker would listen beyond loopback without a key store
 * does not start: letters carry ID numbers, which never cross a network in clear. The key store is opened at start so
 * that a wrong path or password is named then, not at the first peer's connection.
 */
final class EmbeddedBrokerTls {
    static final String HOST = "node.broker.embedded.host";
    static final String KEY_STORE = "node.broker.embedded.key-store";
    static final String KEY_STORE_PASSWORD = "node.broker.embedded.key-store-password";

    private EmbeddedBrokerTls() {
    }

    /** Whether the acceptor speaks TLS; refuses a listener beyond loopback without a key store. */
    static boolean required(BrokerConfig.Embedded embedded) {
        if (embedded.keyStore().isPresent()) {
            open(embedded.keyStore().get(), embedded.keyStorePassword().orElse(null));
            return true;
        }
        if (!loopback(embedded.host())) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, HOST + " is not a loopback address: the embedded "
                    + "broker listens beyond this host only with TLS, and " + KEY_STORE + " is not set");
        }
        return false;
    }

    static Map<String, Object> acceptorParameters(BrokerConfig.Embedded embedded, boolean tls) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(TransportConstants.HOST_PROP_NAME, embedded.host());
        parameters.put(TransportConstants.PORT_PROP_NAME, embedded.port());
        parameters.put(TransportConstants.PROTOCOLS_PROP_NAME, "CORE");
        if (tls) {
            parameters.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
            parameters.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, embedded.keyStore().get().toAbsolutePath().toString());
            parameters.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, embedded.keyStorePassword().get());
            parameters.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12");
            parameters.put(TransportConstants.ENABLED_PROTOCOLS_PROP_NAME, "TLSv1.2,TLSv1.3");
        }
        return parameters;
    }

    /** A loopback address, by name or number; a name that does not resolve is refused rather than guessed. */
    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, HOST + " does not resolve to an address", e);
        }
    }

    private static void open(Path keyStore, String password) {
        if (password == null || password.isEmpty()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, KEY_STORE_PASSWORD + " is required with "
                    + KEY_STORE);
        }
        if (!Files.isReadable(keyStore)) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, KEY_STORE + " is not a readable file");
        }
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            if (store.size() == 0) {
                throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, KEY_STORE + " holds no key");
            }
        } catch (ExchangeException e) {
            throw e;
        } catch (Exception e) {
            // the cause's text may name the file, never the password; it stays out of the message
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, KEY_STORE + " does not open as PKCS#12 with "
                    + KEY_STORE_PASSWORD + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
