package org.exchangenode.routes.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's door: form login beside the API's HTTP basic, the refusal page for a role the console is not for,
 * the CSRF token on every POST, the headers a page needs, the language switch.
 */
@QuarkusTest
class ConsoleLoginTest {

    @Test
    void shouldSendSomebodyNotLoggedInToTheLoginPageAndKeepTheApiOnBasic() {
        Response page = given().redirects().follow(false).auth().none().get("/console/messages");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/console/login");
        // the API is not redirected to a form: a program gets 401
        Response api = given().redirects().follow(false).auth().none().get("/api/v1/operations/failed");
        assertThat(api.statusCode()).isEqualTo(401);
    }

    @Test
    void shouldShowTheLoginPageInChineseFirstAndInEnglishOnRequest() {
        Response zh = given().auth().none().get("/console/login");
        assertThat(zh.statusCode()).isEqualTo(200);
        assertThat(zh.asString()).contains("lang=\"zh-CN\"", "<form id=\"login\"", "用户名");
        assertThat(zh.header("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe-inline");
        Response en = given().auth().none().get("/console/login?lang=en");
        assertThat(en.asString()).contains("lang=\"en\"", "User name").doesNotContain("用户名");
        assertThat(en.header("Set-Cookie")).contains("exn-lang=en", "SameSite=Strict", "Path=/console")
                .containsIgnoringCase("HttpOnly");
        // the style sheet is served by the node
        assertThat(given().auth().none().get("/console/static/console.css").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldLogInAnOperatorAndShowTheOverview() {
        ConsoleSession operator = ConsoleSession.login("operator-test", "operator-test-password");
        assertThat(operator.cookies()).containsKey("exn-console");
        Response overview = operator.get("/console");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.asString()).contains("id=\"failed-count\"", "id=\"health-database\"",
                "<span id=\"user\">operator-test</span>");
        assertThat(overview.header("Cache-Control")).isEqualTo("no-store");
        // the session cookie is sent by a browser to the console only, never to a script, never from another site
        assertThat(operator.sessionCookieHeader()).contains("Path=/console", "SameSite=Strict")
                .containsIgnoringCase("HttpOnly");
    }

    @Test
    void shouldSendAWrongPasswordBackToTheLoginPage() {
        Response answer = new ConsoleSession().loginAnswer("operator-test", "not-the-password");
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.header("Location")).contains("/console/login?error");
        assertThat(answer.headers().getValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("exn-console="));
    }

    @Test
    void shouldRefuseTheLocalSystemsUserThePages() {
        ConsoleSession submitter = ConsoleSession.login("submitter-test", "submitter-test-password");
        Response page = submitter.get("/console");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.asString()).contains("id=\"forbidden\"");
    }

    @Test
    void shouldRefuseAPostWithoutTheTokenAndDoItWithTheToken() {
        ConsoleSession observer = ConsoleSession.login("observer-test", "observer-test-password");
        observer.get("/console");
        Response without = observer.postWithout("/console/logout", Map.of());
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.asString()).contains("id=\"forbidden\"", "CSRF");
        Response wrong = observer.postWithout("/console/logout", Map.of("csrf", "x" + observer.token()));
        assertThat(wrong.statusCode()).isEqualTo(403);
        // another user's token is worth nothing in this session
        ConsoleSession operator = ConsoleSession.login("operator-test", "operator-test-password");
        operator.get("/console");
        assertThat(observer.postWithout("/console/logout", Map.of("csrf", operator.token())).statusCode()).isEqualTo(403);

        Response with = observer.post("/console/logout", Map.of());
        assertThat(with.statusCode()).isEqualTo(303);
        assertThat(with.header("Location")).endsWith("/console/login");
    }
}
