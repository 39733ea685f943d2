package org.exchangenode.routes.console;

import io.quarkus.qute.Engine;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.routes.api.Roles;

/**
 * One console request: who is logged in and may do what, in which language, and the page it answers. Pages are
 * rendered on the server (Qute templates under {@code templates/console}); every text comes from {@link ConsoleText},
 * every time is shown in Beijing time, every form carries the {@link Csrf} token.
 */
@RequestScoped
public class Console {
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final String LANGUAGE_COOKIE = "exn-lang";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BEIJING);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(BEIJING);

    private final SecurityIdentity identity;
    private final Engine engine;
    private final ConsoleText text;
    private final Csrf csrf;
    private final RoutingContext context;
    private String language;
    private boolean languageChosen;
    private String nonce;
    private boolean nonceNew;

    public Console(SecurityIdentity identity, Engine engine, ConsoleText text, Csrf csrf, CurrentVertxRequest request) {
        this.identity = identity;
        this.engine = engine;
        this.text = text;
        this.csrf = csrf;
        this.context = request.getCurrent();
    }

    // ---- who

    public String user() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    /** Replay, approve, quarantine, dead letters, pings. */
    public boolean operator() {
        return has(Roles.OPERATOR, Roles.ADMIN);
    }

    /** The audit log's actions, the signed XML of a message. */
    public boolean auditor() {
        return has(Roles.AUDITOR, Roles.ADMIN);
    }

    /** Anybody the console is for: the roles above and the read-only observer (not the local system's submitter). */
    public boolean reader() {
        return has(Roles.OPERATOR, Roles.ADMIN, Roles.AUDITOR, Roles.OBSERVER);
    }

    public boolean has(String... roles) {
        for (String role : roles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** Refuses the request (403 page) unless the user has one of the roles. */
    public void require(String... roles) {
        if (!has(roles)) {
            throw new ConsoleRefused(403, "refusedRole");
        }
    }

    public void requireReader() {
        if (!reader()) {
            throw new ConsoleRefused(403, "refusedRole");
        }
    }

    public void requireOperator() {
        require(Roles.OPERATOR, Roles.ADMIN);
    }

    public void requireAuditor() {
        require(Roles.AUDITOR, Roles.ADMIN);
    }

    /** Refuses a POST whose form does not carry this user's token for the cookie's nonce; nothing is done then. */
    public void checkCsrf(String token) {
        Cookie cookie = context == null ? null : context.request().getCookie(Csrf.COOKIE);
        if (!csrf.valid(user(), cookie == null ? null : cookie.getValue(), token)) {
            throw new ConsoleRefused(403, "refusedCsrf");
        }
    }

    // ---- language

    public String language() {
        if (language == null) {
            String asked = context == null ? null : context.request().getParam("lang");
            if (asked != null && ConsoleText.LANGUAGES.contains(asked)) {
                language = asked;
                languageChosen = true;
            } else {
                Cookie cookie = context == null ? null : context.request().getCookie(LANGUAGE_COOKIE);
                language = ConsoleText.known(cookie == null ? null : cookie.getValue());
            }
        }
        return language;
    }

    public Map<String, String> texts() {
        return text.of(language());
    }

    public String t(String key) {
        return texts().getOrDefault(key, key);
    }

    /** The label of a code (a status, a direction, a type) under {@code prefix + code}, or the code itself. */
    public String label(String prefix, String code) {
        return code == null ? "" : texts().getOrDefault(prefix + code, code);
    }

    // ---- formats

    /** A message, request or quarantine id as the node makes them (a UUID or a similar token), so safe in a path. */
    public static boolean validId(String id) {
        return id != null && !id.isEmpty() && id.length() <= 100 && id.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ':'));
    }

    public static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public static String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }

    /** What a refused action tells the user: its code's text when the console has one, else the service's own. */
    public String error(RuntimeException e) {
        if (e instanceof InvalidFormException form) {
            StringBuilder out = new StringBuilder();
            for (FieldViolation violation : form.violations()) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                out.append(t("field_" + violation.field()).startsWith("field_") ? violation.field()
                        : t("field_" + violation.field())).append(": ")
                        .append(texts().getOrDefault("violation_" + violation.code().name(), violation.message()));
            }
            return out.toString();
        }
        if (e instanceof ExchangeException exchange) {
            return texts().getOrDefault("error_" + exchange.code().name(), exchange.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return t("errorInput") + ": " + e.getMessage();
        }
        return t("errorUnexpected");
    }

    // ---- the answer

    /** The page {@code templates/console/<name>.html} with {@code data} and what every page shows. */
    public Response page(String name, Map<String, Object> data) {
        return page(name, 200, data);
    }

    public Response page(String name, int status, Map<String, Object> data) {
        Map<String, Object> all = new HashMap<>(data);
        all.put("m", texts());
        all.put("lang", language());
        all.put("htmlLang", "zh".equals(language()) ? "zh-CN" : "en");
        all.put("user", user() == null ? "" : user());
        all.put("operator", operator());
        all.put("auditor", auditor());
        all.put("reader", reader());
        all.put("csrf", user() == null ? "" : csrf.token(user(), nonce()));
        all.put("path", context == null ? "/console" : context.request().path());
        all.putIfAbsent("nav", name);
        all.putIfAbsent("notice", null);
        all.putIfAbsent("error", null);
        String html = engine.getTemplate("console/" + name).data(all).render();
        Response.ResponseBuilder answer = Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset(StandardCharsets.UTF_8.name()))
                .header("Cache-Control", "no-store")
                .entity(html);
        cookies(answer);
        return answer.build();
    }

    /** A redirect after a POST (so that reloading the page does not post again), keeping the cookies set. */
    public Response seeOther(String location) {
        Response.ResponseBuilder answer = Response.seeOther(java.net.URI.create(location));
        cookies(answer);
        return answer.build();
    }

    private void cookies(Response.ResponseBuilder answer) {
        boolean secure = context != null && context.request().isSSL();
        if (languageChosen) {
            answer.header("Set-Cookie", cookie(LANGUAGE_COOKIE, language, secure, 31_536_000));
        }
        if (nonceNew) {
            answer.header("Set-Cookie", cookie(Csrf.COOKIE, nonce, secure, -1));
        }
    }

    private static String cookie(String name, String value, boolean secure, long maxAge) {
        Cookie cookie = Cookie.cookie(name, value).setPath("/console").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(secure);
        if (maxAge >= 0) {
            cookie.setMaxAge(maxAge);
        }
        return cookie.encode();
    }

    private String nonce() {
        if (nonce == null) {
            Cookie cookie = context == null ? null : context.request().getCookie(Csrf.COOKIE);
            if (cookie != null && !cookie.getValue().isEmpty() && cookie.getValue().length() <= 64) {
                nonce = cookie.getValue();
            } else {
                nonce = csrf.nonce();
                nonceNew = true;
            }
        }
        return nonce;
    }

}
