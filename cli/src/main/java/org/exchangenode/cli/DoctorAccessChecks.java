package org.exchangenode.cli;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.PemFiles;

/**
 * {@code doctor}'s checks of who may connect to the node and how: the embedded broker's users and its TLS key store
 * (required beyond loopback, as the node requires it), the API's TLS material (readable, valid, not expiring within
 * {@value DoctorTrustChecks#WARN_DAYS} days) and the API's users. Each names the key at fault, never a secret.
 */
final class DoctorAccessChecks {
    private static final Pattern BROKER_USER = Pattern.compile(
            "node\\.broker\\.embedded\\.users\\.(\"[^\"]+\"|[^.\"]+)\\.password");
    private static final Pattern BROKER_USER_NAME = Pattern.compile("node-[1-9][0-9]{5}([0-9]{3})?|operator|admin");
    private static final Pattern API_USER = Pattern.compile("quarkus\\.security\\.users\\.embedded\\.users\\.(.+)");
    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-fA-F]{64}");
    /** TLS registry key stores, default or named ({@code quarkus.tls.<name>.key-store…}). */
    private static final Pattern PEM_CERT = Pattern.compile("(quarkus\\.tls\\.(?:[^.]+\\.)?key-store\\.pem\\.[^.]+)\\.cert");
    private static final Pattern STORE_PATH = Pattern.compile(
            "(quarkus\\.tls\\.(?:[^.]+\\.)?(?:key|trust)-store\\.(p12|jks))\\.path");
    private static final Pattern TRUST_PEM = Pattern.compile("quarkus\\.tls\\.(?:[^.]+\\.)?trust-store\\.pem\\.certs");

    private DoctorAccessChecks() {
    }

    /** The embedded broker (no node.broker.url): a password per user, a known user name, TLS beyond loopback. */
    static void embeddedBroker(DoctorCommand.Config config, DoctorCommand.Report report) {
        List<String> users = new ArrayList<>();
        boolean bad = false;
        for (String key : new TreeSet<>(config.keys())) {
            Matcher user = BROKER_USER.matcher(key);
            if (!user.matches()) {
                continue;
            }
            String name = user.group(1).replace("\"", "");
            if (!BROKER_USER_NAME.matcher(name).matches()) {
                report.fail("broker-users", key + ": not a user of the embedded broker (node-<node id>, operator, admin)");
                bad = true;
            } else if (config.value(key).isEmpty()) {
                report.fail("broker-users", key + " is empty (its environment variable not set?)");
                bad = true;
            } else {
                users.add(name);
            }
        }
        if (!bad) {
            report.ok("broker-users", users.isEmpty() ? "no other node may log in to the embedded broker (only this node)"
                    : users.size() + " user(s) of the embedded broker, each with a password: " + String.join(", ", users));
        }
        String host = config.value("node.broker.embedded.host").orElse("127.0.0.1");
        Optional<String> keyStore = config.value("node.broker.embedded.key-store");
        if (keyStore.isEmpty()) {
            if (loopback(host)) {
                report.ok("broker-tls", "embedded broker on loopback " + host + ": plain TCP, for this host's processes only");
            } else {
                report.fail("broker-tls", "node.broker.embedded.host is not a loopback address: the node starts only "
                        + "with node.broker.embedded.key-store (TLS)");
            }
            return;
        }
        Optional<String> password = config.value("node.broker.embedded.key-store-password");
        if (password.isEmpty()) {
            report.fail("broker-tls", "node.broker.embedded.key-store-password is required with node.broker.embedded.key-store");
            return;
        }
        store(report, "broker-tls", "node.broker.embedded.key-store", Path.of(keyStore.get()), "PKCS12", password.get());
    }

    /** The API's TLS material as the node's TLS registry (or quarkus.http.ssl) names it. */
    static void apiTls(DoctorCommand.Config config, DoctorCommand.Report report) {
        int sources = 0;
        for (String key : new TreeSet<>(config.keys())) {
            Matcher pem = PEM_CERT.matcher(key);
            Matcher store = STORE_PATH.matcher(key);
            if (pem.matches()) {
                sources++;
                pemPair(config, report, key, pem.group(1) + ".key");
            } else if (store.matches()) {
                sources++;
                Optional<String> password = config.value(store.group(1) + ".password");
                if (password.isEmpty()) {
                    report.fail("api-tls", store.group(1) + ".password is required with " + key);
                } else {
                    store(report, "api-tls", key, Path.of(config.value(key).orElse("")),
                            store.group(2).equals("p12") ? "PKCS12" : "JKS", password.get());
                }
            } else if (TRUST_PEM.matcher(key).matches()) {
                sources++;
                certificateFiles(config, report, key);
            }
        }
        if (config.value("quarkus.http.ssl.certificate.files").isPresent()) {
            sources++;
            pemPair(config, report, "quarkus.http.ssl.certificate.files", "quarkus.http.ssl.certificate.key-files");
        }
        if (sources > 0) {
            return;
        }
        String host = config.value("quarkus.http.host").orElse("127.0.0.1");
        if (config.value("quarkus.http.insecure-requests").filter("disabled"::equalsIgnoreCase).isPresent()) {
            report.fail("api-tls", "quarkus.http.insecure-requests=disabled but no TLS key store or certificate is configured");
        } else if (!loopback(host)) {
            report.warn("api-tls", "the API speaks plain HTTP beyond loopback (quarkus.http.host): configure "
                    + "quarkus.tls.key-store.* for HTTPS");
        } else {
            report.ok("api-tls", "no TLS material: the API listens on loopback only, plain HTTP");
        }
    }

    /** The API's users: each with a digest and roles; none at all means every API but health answers 401. */
    static void apiUsers(DoctorCommand.Config config, DoctorCommand.Report report) {
        boolean plainText = config.value("quarkus.security.users.embedded.plain-text").filter("true"::equals).isPresent();
        List<String> users = new ArrayList<>();
        for (String key : new TreeSet<>(config.keys())) {
            Matcher user = API_USER.matcher(key);
            if (!user.matches()) {
                continue;
            }
            Optional<String> digest = config.value(key);
            if (digest.isEmpty()) {
                report.fail("api-users", key + " is empty (its environment variable not set?)");
            } else if (!plainText && !HEX_DIGEST.matcher(digest.get()).matches()) {
                report.fail("api-users", key + " is not the hex SHA-256 of <user>:exchange-node:<password>");
            } else if (config.value("quarkus.security.users.embedded.roles." + user.group(1)).isEmpty()) {
                report.warn("api-users", key + " has no roles (quarkus.security.users.embedded.roles." + user.group(1) + ")");
            } else {
                users.add(user.group(1));
            }
        }
        Optional<String> certificateRoles = config.value("quarkus.http.auth.certificate-role-properties");
        if (certificateRoles.isPresent() && !Files.isReadable(Path.of(certificateRoles.get()))) {
            report.fail("api-users", "quarkus.http.auth.certificate-role-properties is not a readable file");
        }
        if (!users.isEmpty()) {
            report.ok("api-users", users.size() + " API user(s) with a digest and roles: " + String.join(", ", users)
                    + certificateRoles.map(f -> "; local systems by client certificate (" + f + ")").orElse(""));
        } else if (certificateRoles.isPresent()) {
            report.ok("api-users", "local systems by client certificate only (" + certificateRoles.get() + ")");
        } else {
            report.warn("api-users", "no API user: every API but health, metrics and OpenAPI answers 401 (define "
                    + "quarkus.security.users.embedded.users.<name> and .roles.<name>)");
        }
    }

    private static void pemPair(DoctorCommand.Config config, DoctorCommand.Report report, String certKey, String keyKey) {
        Optional<String> key = config.value(keyKey);
        if (key.isEmpty()) {
            report.fail("api-tls", keyKey + " is required with " + certKey);
            return;
        }
        for (String file : key.get().split(",")) {
            if (!Files.isReadable(Path.of(file.trim()))) {
                report.fail("api-tls", keyKey + ": " + file.trim() + " is not a readable file");
                return;
            }
        }
        certificateFiles(config, report, certKey);
    }

    private static void certificateFiles(DoctorCommand.Config config, DoctorCommand.Report report, String key) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (String file : config.value(key).orElse("").split(",")) {
            Path path = Path.of(file.trim());
            if (!Files.isReadable(path)) {
                report.fail("api-tls", key + ": " + path + " is not a readable file");
                return;
            }
            try {
                certificates.addAll(PemFiles.readCertificates(path));
            } catch (ExchangeException e) {
                report.fail("api-tls", key + ": " + path + " holds no readable certificate");
                return;
            }
        }
        validity(report, "api-tls", key, certificates);
    }

    /** Opens a key or trust store and checks the validity of the certificates in it. */
    private static void store(DoctorCommand.Report report, String check, String key, Path path, String type,
                              String password) {
        if (!Files.isReadable(path)) {
            report.fail(check, key + ": " + path + " is not a readable file");
            return;
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                Certificate certificate = store.getCertificate(alias);
                if (certificate instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
        } catch (Exception e) {
            report.fail(check, key + ": " + path + " does not open as " + type + " with its password ("
                    + e.getClass().getSimpleName() + ")");
            return;
        }
        validity(report, check, key, certificates);
    }

    /** FAIL when a certificate is not valid now, WARN when one expires within the warning days, OK otherwise. */
    private static void validity(DoctorCommand.Report report, String check, String key, List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            report.fail(check, key + " holds no certificate");
            return;
        }
        Instant now = Instant.now();
        X509Certificate first = certificates.stream().min((a, b) -> a.getNotAfter().compareTo(b.getNotAfter())).get();
        long days = Duration.between(now, first.getNotAfter().toInstant()).toDays();
        String what = key + ": " + certificates.size() + " certificate(s), the first to expire "
                + first.getSubjectX500Principal().getName() + " on " + first.getNotAfter().toInstant() + " (" + days
                + " days left)";
        if (certificates.stream().anyMatch(c -> now.isBefore(c.getNotBefore().toInstant())) || now.isAfter(
                first.getNotAfter().toInstant())) {
            report.fail(check, what + " — not valid now");
        } else if (days < DoctorTrustChecks.WARN_DAYS) {
            report.warn(check, what + " — renew it");
        } else {
            report.ok(check, what);
        }
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
