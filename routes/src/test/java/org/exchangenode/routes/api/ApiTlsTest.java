package org.exchangenode.routes.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import org.exchangenode.routes.ApiUserForTests;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * The node's own HTTPS listener (TEST ONLY certificates of certs-sample/tls) with a real TLS client, the JDK's: the
 * local system logs in by its client certificate (CN mapped to role submitter) or by password; a certificate no
 * trusted CA issued is refused in the handshake, whatever its subject; with neither certificate nor password, 401.
 */
@QuarkusTest
class ApiTlsTest extends PeerTestSupport {
    @TestHTTPResource(value = "/", tls = true)
    URI https;

    private URI at(String path) {
        // the certificate names 127.0.0.1 as well as localhost
        return URI.create("https://127.0.0.1:" + https.getPort() + path);
    }

    private static HttpResponse<String> get(HttpClient client, URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldLetTheLocalSystemInByItsClientCertificate() throws Exception {
        HttpClient localSystem = TlsClients.presenting(TlsClients.sampleLocalSystem());

        HttpResponse<String> cases = get(localSystem, at("/api/v1/cases"), null);
        HttpResponse<String> letter = localSystem.send(HttpRequest.newBuilder(at("/api/v1/contact-letters"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Samples.letterJson())).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> audit = get(localSystem, at("/api/v1/audit/head"), null);

        System.out.printf("HTTPS port %d, client certificate CN=ywxt-320100: cases %d, contact letter %d, audit head %d%n",
                https.getPort(), cases.statusCode(), letter.statusCode(), audit.statusCode());
        assertThat(cases.statusCode()).isEqualTo(200);
        assertThat(letter.statusCode()).as(letter.body()).isEqualTo(202);
        assertThat(audit.statusCode()).as("the certificate's user has role submitter only").isEqualTo(403);
        assertThat(letter.headers().firstValue("Strict-Transport-Security")).hasValue(SecurityHeaders.STRICT_TRANSPORT_SECURITY);
    }

    @Test
    void shouldLetPasswordUsersInOverTheSameListener() throws Exception {
        HttpResponse<String> cases = get(TlsClients.trustingTheNode(), at("/api/v1/cases"), ApiUserForTests.authorization());
        assertThat(cases.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldAnswer401WithNeitherCertificateNorPassword() throws Exception {
        HttpClient anonymous = TlsClients.trustingTheNode();
        assertThat(get(anonymous, at("/api/v1/cases"), null).statusCode()).isEqualTo(401);
        assertThat(get(anonymous, at("/q/health/live"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseACertificateNoTrustedCaIssued() throws Exception {
        KeyStore impostor = TlsClients.selfSigned(Files.createTempDirectory("untrusted-client"));

        // a client that sends it anyway is refused in the handshake, whatever the subject says
        assertThatThrownBy(() -> get(TlsClients.insisting(impostor), at("/api/v1/cases"), null))
                .isInstanceOf(IOException.class);
        // the JDK's own client does not even offer it (its issuer is not one the node asks for): no user, 401
        int offered = get(TlsClients.presenting(impostor), at("/api/v1/cases"), null).statusCode();
        System.out.println("self-signed client certificate CN=ywxt-320100: refused in the TLS handshake; a client "
                + "that does not send it gets " + offered);
        assertThat(offered).isEqualTo(401);
    }
}
