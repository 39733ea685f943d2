package org.exchangenode.routes.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Every answer carries the browser-hardening headers (refusals too), the API's are never cached, HSTS only over HTTPS
 * (ApiTlsTest), and no web page of another origin gets a CORS grant: no Access-Control-Allow-Origin, ever.
 */
@QuarkusTest
class SecurityHeadersTest {
    private static void assertHardened(Response answer, String what) {
        assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(answer.header("X-Frame-Options")).as(what).isEqualTo("DENY");
        assertThat(answer.header("Referrer-Policy")).as(what).isEqualTo("no-referrer");
        assertThat(answer.header("Content-Security-Policy")).as(what).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(answer.header("Strict-Transport-Security")).as(what + " over plain HTTP").isNull();
    }

    @Test
    void shouldHardenEveryAnswerAndNeverLetTheApiBeCached() {
        Response cases = given().get("/api/v1/cases");
        Response anonymous = given().auth().none().get("/api/v1/cases");
        Response health = given().auth().none().get("/q/health/live");
        Response soapRefused = given().header("Origin", "https://evil.example").get("/soap/intake?wsdl");

        assertThat(cases.statusCode()).isEqualTo(200);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(soapRefused.statusCode()).isEqualTo(403);
        assertHardened(cases, "a listing");
        assertHardened(anonymous, "a 401");
        assertHardened(health, "health");
        assertHardened(soapRefused, "a refused SOAP call");
        assertThat(cases.header("Cache-Control")).isEqualTo("no-store");
        assertThat(anonymous.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void shouldGrantNoWebOriginByDefault() {
        Response preflight = given().auth().none().header("Origin", "https://intranet.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/v1/contact-letters");
        Response read = given().header("Origin", "https://intranet.example").get("/api/v1/cases");

        System.out.printf("CORS preflight answered %d, Access-Control-Allow-Origin %s%n", preflight.statusCode(),
                preflight.header("Access-Control-Allow-Origin"));
        assertThat(preflight.statusCode()).as("nothing under /api answers without credentials").isEqualTo(401);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
    }
}
