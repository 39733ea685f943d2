package org.exchangenode.routes.api;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/** JDK HTTP clients for the node's HTTPS listener, from the TEST ONLY PEM files of certs-sample/tls. */
final class TlsClients {
    static final Path TLS = Path.of("../certs-sample/tls");
    private static final char[] PASSWORD = "test-only".toCharArray();

    private TlsClients() {
    }

    /** Trusts the sample API CA; presents no client certificate. */
    static HttpClient trustingTheNode() throws Exception {
        return client(context(null));
    }

    /** Trusts the sample API CA and presents the given key store's certificate. */
    static HttpClient presenting(KeyStore clientKeys) throws Exception {
        return client(context(clientKeys));
    }

    /** The sample local system's certificate (CN=ywxt-320100, issued by the local-system CA) and key. */
    static KeyStore sampleLocalSystem() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        byte[] der = Base64.getMimeDecoder().decode(pemBody(TLS.resolve("local-system-client.key.pem")));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        keys.setKeyEntry("client", key, PASSWORD, new Certificate[] {certificate(TLS.resolve("local-system-client.crt.pem"))});
        return keys;
    }

    /** A key store made by keytool: a self-signed certificate with the sample's subject, that no trusted CA issued. */
    static KeyStore selfSigned(Path dir) throws Exception {
        Path file = dir.resolve("untrusted.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "client", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=ywxt-320100", "-validity", "3650", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }

    static Certificate certificate(Path pem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pemBody(pem));
        return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static String pemBody(Path pem) throws Exception {
        StringBuilder body = new StringBuilder();
        boolean in = false;
        for (String line : Files.readAllLines(pem, StandardCharsets.US_ASCII)) {
            if (line.startsWith("-----BEGIN")) {
                in = true;
            } else if (line.startsWith("-----END")) {
                break;
            } else if (in) {
                body.append(line);
            }
        }
        return body.toString();
    }

    /**
     * Presents the key store's certificate whatever CAs the server asks for: the JDK's own key manager would send none
     * when its issuer is not among them, and the server would never see it.
     */
    static HttpClient insisting(KeyStore clientKeys) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(clientKeys, PASSWORD);
        X509ExtendedKeyManager delegate = (X509ExtendedKeyManager) keys.getKeyManagers()[0];
        X509ExtendedKeyManager always = new X509ExtendedKeyManager() {
            public String[] getClientAliases(String type, Principal[] issuers) {
                return new String[] {"client"};
            }

            public String chooseClientAlias(String[] types, Principal[] issuers, Socket socket) {
                return "client";
            }

            public String chooseEngineClientAlias(String[] types, Principal[] issuers, SSLEngine engine) {
                return "client";
            }

            public String[] getServerAliases(String type, Principal[] issuers) {
                return null;
            }

            public String chooseServerAlias(String type, Principal[] issuers, Socket socket) {
                return null;
            }

            public X509Certificate[] getCertificateChain(String alias) {
                return delegate.getCertificateChain(alias);
            }

            public PrivateKey getPrivateKey(String alias) {
                return delegate.getPrivateKey(alias);
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {always}, trustManagers(), null);
        return client(context);
    }

    private static javax.net.ssl.TrustManager[] trustManagers() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("api-ca", certificate(TLS.resolve("api-ca.crt.pem")));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        return trust.getTrustManagers();
    }

    private static SSLContext context(KeyStore clientKeys) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("api-ca", certificate(TLS.resolve("api-ca.crt.pem")));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        KeyManagerFactory keys = null;
        if (clientKeys != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(clientKeys, PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();
    }
}
