package org.exchangenode.routes.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser session on the console, for route tests (the end-to-end tests drive a real Chromium): logs in
 * through the login form, keeps the cookies the node sets, and takes the CSRF token from the last page read.
 */
final class ConsoleSession {
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final Map<String, String> cookies = new HashMap<>();
    private String token;
    private String sessionCookieHeader;

    static ConsoleSession login(String user, String password) {
        ConsoleSession session = new ConsoleSession();
        Response answer = session.loginAnswer(user, password);
        assertThat(answer.statusCode()).as("login of " + user).isEqualTo(302);
        assertThat(answer.header("Location")).as("login of " + user).doesNotContain("error");
        return session;
    }

    Response loginAnswer(String user, String password) {
        Response answer = given().redirects().follow(false).auth().none().contentType("application/x-www-form-urlencoded")
                .formParam("j_username", user).formParam("j_password", password)
                .post("/console/j_security_check");
        keep(answer);
        return answer;
    }

    RequestSpecification request() {
        return given().redirects().follow(false).auth().none().cookies(cookies);
    }

    Response get(String path) {
        Response answer = request().get(path);
        keep(answer);
        Matcher matcher = TOKEN.matcher(answer.asString());
        if (matcher.find()) {
            token = matcher.group(1);
        }
        return answer;
    }

    /** A form POST with the token of the last page read (as the browser sends it). */
    Response post(String path, Map<String, ?> form) {
        Map<String, Object> all = new HashMap<>(form);
        all.put("csrf", token);
        return postWithout(path, all);
    }

    /** A form POST exactly as given: no token added. */
    Response postWithout(String path, Map<String, ?> form) {
        RequestSpecification request = request().contentType("application/x-www-form-urlencoded; charset=UTF-8");
        form.forEach((name, value) -> {
            if (value instanceof Iterable<?> values) {
                values.forEach(v -> request.formParam(name, v));
            } else {
                request.formParam(name, value);
            }
        });
        Response answer = request.post(path);
        keep(answer);
        return answer;
    }

    String token() {
        return token;
    }

    Map<String, String> cookies() {
        return cookies;
    }

    /** The Set-Cookie header that last set the session cookie. */
    String sessionCookieHeader() {
        return sessionCookieHeader;
    }

    private void keep(Response answer) {
        answer.headers().getValues("Set-Cookie").stream().filter(header -> header.startsWith("exn-console="))
                .reduce((first, last) -> last).ifPresent(header -> sessionCookieHeader = header);
        answer.getDetailedCookies().forEach(cookie -> {
            if (cookie.getMaxAge() == 0 || cookie.getValue().isEmpty()) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        });
    }
}
