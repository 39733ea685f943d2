package org.exchangenode.routes.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.config.ApiConfig;
import org.exchangenode.routes.jdbc.AuditLog;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Throttles password guessing on the API: runs before authentication on every request carrying HTTP basic
 * credentials. A user or address locked out by {@link LoginThrottle} is answered 429 with {@code Retry-After} before
 * the password is looked at; otherwise the answer decides: a 401 to a request with credentials is a failed login, an
 * answer to a request that was authenticated a successful one. Each failure until a lockout is one
 * {@code LOGIN_FAILED} entry in the audit log, each lockout one {@code LOGIN_LOCKED} entry (with the count of
 * attempts the previous lockout refused): a flood of guesses costs the log at most {@code max-failures} + 1 entries
 * per address and lockout. Entries and log lines name the user and the address, never the password.
 */
@ApplicationScoped
public class LoginGuard {
    private static final Logger LOG = Logger.getLogger(LoginGuard.class);
    private static final String BASIC = "basic ";
    /** Where the console's login form posts, where Quarkus sends a failed login, and where a locked-out one goes. */
    static final String FORM_LOGIN = "/console/j_security_check";
    static final String FORM_ERROR = "/console/login?error";
    static final String FORM_LOCKED = "/console/login?error=locked";
    /** Longer names are cut here in the audit log and the counters: a user name is not a place to store data. */
    private static final int MAX_NAME = 64;

    private final LoginThrottle throttle;
    private final AuditLog audit;
    /**
     * Writes the entries off the event loop, one at a time in the order the throttle counted the failures: requests
     * arrive on several event loops, and per-context ordering would let a LOGIN_LOCKED overtake the failure behind it.
     * Bounded: a flood is already bounded per address by the lockouts; beyond the queue an entry is logged as lost.
     */
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), runnable -> {
                Thread thread = new Thread(runnable, "login-audit-writer");
                thread.setDaemon(true);
                return thread;
            });

    public LoginGuard(ApiConfig config, AuditLog audit) {
        this.throttle = new LoginThrottle(LoginThrottle.Settings.of(config.loginThrottle()), Clock.systemUTC());
        this.audit = audit;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    void register(@Observes Filters filters) {
        // after the security headers, before Quarkus's authentication (priority 200)
        filters.register(this::guard, 1500);
    }

    void guard(RoutingContext context) {
        if (context.request().method() == HttpMethod.POST && FORM_LOGIN.equals(context.normalizedPath())) {
            guardForm(context);
            return;
        }
        String authorization = context.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            context.next();
            return;
        }
        String user = userOf(authorization.substring(BASIC.length()).trim());
        String address = context.request().remoteAddress() == null ? "unknown"
                : context.request().remoteAddress().hostAddress();
        Optional<Duration> locked = throttle.lockedOut(user, address);
        if (locked.isPresent()) {
            long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
            context.response().setStatusCode(429)
                    .putHeader("Retry-After", Long.toString(seconds))
                    .putHeader("Content-Type", "application/json")
                    .end("{\"code\":\"" + ErrorCode.LOGIN_THROTTLED.name() + "\",\"message\":\""
                            + ErrorCode.LOGIN_THROTTLED.summary() + "\"}");
            return;
        }
        context.addHeadersEndHandler(ignored -> {
            if (context.response().getStatusCode() == 401) {
                failed(user, address);
            } else if (context.user() != null) {
                // authenticated (not merely answered before authentication, e.g. refused by the SOAP guard)
                throttle.succeeded(user);
            }
        });
        context.next();
    }

    /**
     * The console's form login ({@code POST /console/j_security_check}). Its user name is in the body, which Quarkus
     * reads after this filter, so a locked-out address is refused (to the login page, marked locked) before anything
     * is read, and the user is judged on the answer: Quarkus redirects a failed login to the error page, and a login of
     * a user who is locked out is turned into a failure before its answer leaves (its session cookie is removed), so
     * a right password does not end a lockout early. Failures and lockouts are counted and audited as for the API.
     */
    void guardForm(RoutingContext context) {
        String address = context.request().remoteAddress() == null ? "unknown"
                : context.request().remoteAddress().hostAddress();
        if (throttle.lockedOut(null, address).isPresent()) {
            context.response().setStatusCode(302).putHeader("Location", FORM_LOCKED).end();
            return;
        }
        context.addHeadersEndHandler(ignored -> {
            String user = formUser(context);
            String location = context.response().headers().get("Location");
            if (context.response().getStatusCode() != 302 || location == null) {
                return;
            }
            if (location.contains(FORM_ERROR)) {
                failed(user, address);
            } else if (throttle.lockedOut(user, address).isPresent()) {
                context.response().headers().remove("Set-Cookie");
                context.response().putHeader("Location", FORM_LOCKED);
            } else {
                throttle.succeeded(user);
            }
        });
        context.next();
    }

    /** The user name the login form posted, printable and cut short; null when there is none. */
    private static String formUser(RoutingContext context) {
        String name;
        try {
            name = context.request().formAttributes().get("j_username");
        } catch (IllegalStateException e) {
            return null;
        }
        if (name == null || name.isEmpty()) {
            return null;
        }
        return printable(name);
    }

    /** Synchronized: the count and the order of the entries it writes are one step. */
    private synchronized void failed(String user, String address) {
        LoginThrottle.Failure failure = throttle.failed(user, address);
        // a name that is no user of the realm is not written: people type their password into the user field
        boolean known = user != null && ConfigProvider.getConfig()
                .getOptionalValue("quarkus.security.users.embedded.users." + user, String.class).isPresent();
        String name = user == null ? "an unreadable user name" : known ? "user " + user : "an unknown user name";
        String who = name + " from " + address;
        LOG.warnf("failed login: %s (%d failures of the user, %d of the address)", who,
                failure.userFailures(), failure.addressFailures());
        StringBuilder detail = new StringBuilder("failed login: ").append(who).append(", failure ")
                .append(failure.userFailures()).append(" of the user, ").append(failure.addressFailures())
                .append(" of the address");
        write(new AuditEvent(AuditKind.LOGIN_FAILED, null, "node", detail.toString(), null));
        for (LoginThrottle.Lockout lockout : failure.lockouts()) {
            String key = lockout.key().startsWith("user ") && !known ? name : lockout.key();
            LOG.warnf("API logins of %s locked out for %s (lockout %d)", key, lockout.duration(), lockout.number());
            write(new AuditEvent(AuditKind.LOGIN_LOCKED, null, "node", "logins of " + key
                    + " locked out for " + lockout.duration() + " after the failed login of " + who + " (lockout "
                    + lockout.number() + " in a row; the previous one refused " + lockout.refusedInPreviousLockout()
                    + " attempts)", null));
        }
    }

    /** The audit log is a database write: off the event loop, in the order of the calls. */
    private void write(AuditEvent event) {
        try {
            writer.execute(() -> {
                try {
                    audit.record(event);
                } catch (RuntimeException e) {
                    LOG.errorf("could not write a %s entry to the audit log: %s", event.kind(),
                            e.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.errorf("could not write a %s entry to the audit log: its writer is stopped or %d entries behind",
                    event.kind(), 10_000);
        }
    }

    /** The user name of HTTP basic credentials, printable and cut short; null when it cannot be read. */
    static String userOf(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return printable(decoded.substring(0, colon));
    }

    /** A user name as the log and the counters keep it: control characters and quotes replaced, cut short. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(MAX_NAME)
                .forEach(c -> out.appendCodePoint(Character.isISOControl(c) || c == '"' || c == '\\' ? '?' : c));
        return out.toString();
    }
}
