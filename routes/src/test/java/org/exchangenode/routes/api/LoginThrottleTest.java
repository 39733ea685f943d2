package org.exchangenode.routes.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.exchangenode.core.audit.ArchiveVerifier;
import org.exchangenode.core.audit.AuditEntry;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.routes.ApiUserForTests;
import org.exchangenode.routes.jdbc.AuditLog;
import org.junit.jupiter.api.Test;

/**
 * Password guessing on the API is throttled per user and per address: after 5 failures the next login — even with the
 * right password — is answered 429 with Retry-After until the lockout (3 s in tests) ends; each failure is one
 * LOGIN_FAILED entry and each lockout one LOGIN_LOCKED entry in the audit log, the refused attempts none, and the chain
 * still verifies. Each test calls from its own loopback address (127.0.0.2, .3) so the other tests' address stays free.
 */
@QuarkusTest
class LoginThrottleTest {
    private static final String USER = "throttled-test";
    private static final String PASSWORD = "throttled-test-password";
    private static final String WRONG = "not-the-password-4711";

    @TestHTTPResource("/")
    URI http;
    @Inject
    AuditLog log;

    record Answer(int status, Map<String, String> headers) {
    }

    private Answer call(String from, String user, String password) throws Exception {
        return call(from, "GET /api/v1/messages/counts", "", user, password);
    }

    /** One request over a fresh connection from the given loopback address (the JDK clients cannot choose it). */
    private Answer call(String from, String requestLine, String extraHeaders, String user, String password)
            throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", http.getPort()), 5000);
            socket.setSoTimeout(10_000);
            String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + credentials + "\r\n"
                    + extraHeaders + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers);
        }
    }

    private List<AuditEntry> loginEntriesAfter(long sequence) {
        return log.entries(sequence + 1, Long.MAX_VALUE, 10_000).stream()
                .filter(e -> e.kind() == AuditKind.LOGIN_FAILED || e.kind() == AuditKind.LOGIN_LOCKED).toList();
    }

    @Test
    void shouldRefuseTheSixthLoginEvenWithTheRightPasswordUntilTheLockoutEnds() throws Exception {
        String from = "127.0.0.2";
        long before = log.head().sequence();
        for (int i = 1; i <= 5; i++) {
            assertThat(call(from, USER, WRONG).status()).as("failure %d", i).isEqualTo(401);
        }

        Answer sixth = call(from, USER, PASSWORD);
        long lockedAt = System.nanoTime();
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(Integer.parseInt(sixth.headers().get("retry-after"))).isBetween(1, 3);
        assertThat(call(from, USER, WRONG).status()).isEqualTo(429);
        int[] refused = {2};
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
            int status = call(from, USER, PASSWORD).status();
            if (status == 429) {
                refused[0]++;
            }
            return status == 200;
        });
        long lockedMillis = (System.nanoTime() - lockedAt) / 1_000_000;
        System.out.printf("user %s from %s: 5 failures, then %d attempts refused with 429 for %d ms, then 200%n", USER,
                from, refused[0], lockedMillis);
        assertThat(lockedMillis).isGreaterThanOrEqualTo(2_000);

        // each failure once, each lockout (user and address) once, none of the refused attempts; never the password
        await().atMost(Duration.ofSeconds(10)).until(() -> loginEntriesAfter(before).size() >= 7);
        List<AuditEntry> entries = loginEntriesAfter(before);
        assertThat(entries).extracting(AuditEntry::kind).containsExactly(AuditKind.LOGIN_FAILED, AuditKind.LOGIN_FAILED,
                AuditKind.LOGIN_FAILED, AuditKind.LOGIN_FAILED, AuditKind.LOGIN_FAILED, AuditKind.LOGIN_LOCKED,
                AuditKind.LOGIN_LOCKED);
        assertThat(entries).allSatisfy(e -> assertThat(e.detail()).contains("user " + USER + " from " + from)
                .doesNotContain(WRONG).doesNotContain(PASSWORD));
        assertThat(entries.get(5).detail()).contains("logins of user " + USER).contains("locked out for PT3S");
        assertThat(entries.get(6).detail()).contains("logins of address " + from);
        System.out.printf("audit entries written: %d LOGIN_FAILED, %d LOGIN_LOCKED for %d refused attempts%n", 5, 2,
                refused[0]);

        // a success forgets the user's failures: four more and the right password still gets in
        for (int i = 1; i <= 4; i++) {
            assertThat(call(from, USER, WRONG).status()).isEqualTo(401);
        }
        assertThat(call(from, USER, PASSWORD).status()).isEqualTo(200);

        // and the chain holds them all (the part written since the test began, linked to what came before)
        long head = log.head().sequence();
        byte[] zip = given().auth().preemptive().basic("auditor-test", "auditor-test-password")
                .get("/api/v1/audit/export?fromSequence=" + (before + 1) + "&toSequence=" + head).then().statusCode(200)
                .extract().asByteArray();
        Path file = Files.createTempFile("audit-export", ".zip");
        Files.write(file, zip);
        ArchiveVerifier.Result result = new ArchiveVerifier(
                TrustAnchors.load(List.of(Path.of("../certs-sample/root-ca.crt.pem")))).verify(List.of(file));
        assertThat(result.intact()).as("%s", result.report().firstBreak()).isTrue();
    }

    @Test
    void shouldNotTakeAnAnswerGivenBeforeAuthenticationForASuccessfulLogin() throws Exception {
        String user = "guessed-test";
        for (int i = 1; i <= 4; i++) {
            assertThat(call("127.0.0.4", user, WRONG).status()).isEqualTo(401);
        }
        // the SOAP guard refuses a web page's request before any password is checked: no login took place
        assertThat(call("127.0.0.5", "GET /soap/intake?wsdl", "Origin: https://evil.example\r\n", user, WRONG).status())
                .isEqualTo(403);
        assertThat(call("127.0.0.5", user, WRONG).status()).isEqualTo(401);

        assertThat(call("127.0.0.6", user, "guessed-test-password").status()).as("the user's fifth failure locked it")
                .isEqualTo(429);
    }

    @Test
    void shouldLockOutAnAddressTryingManyUsers() throws Exception {
        String from = "127.0.0.3";
        long before = log.head().sequence();
        for (int i = 1; i <= 5; i++) {
            assertThat(call(from, "nobody-" + i, WRONG).status()).isEqualTo(401);
        }
        // a name no user has (perhaps a password typed into the user field) is not written down
        await().atMost(Duration.ofSeconds(10)).until(() -> loginEntriesAfter(before).size() >= 6);
        assertThat(loginEntriesAfter(before)).allSatisfy(e -> assertThat(e.detail()).doesNotContain("nobody-"))
                .anySatisfy(e -> assertThat(e.detail()).contains("an unknown user name from " + from));

        assertThat(call(from, ApiUserForTests.USER, ApiUserForTests.PASSWORD).status()).as("from that address")
                .isEqualTo(429);
        assertThat(given().get("/api/v1/messages/counts").statusCode()).as("the same user from another address")
                .isEqualTo(200);
    }
}
