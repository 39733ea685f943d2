package org.exchangenode.testsupport.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.exchangenode.testsupport.Checkout;

/**
 * The network's standalone broker as an operator sets it up: an instance of the Artemis 2.44.0 distribution (unpacked
 * by the build) made with {@code bin/artemis create}, with {@code config/broker/broker.xml} and the roles of
 * {@code config/broker/artemis-roles.properties}, a TEST ONLY TLS key store made with keytool, run as its own process.
 * The distribution is found at the system property {@code exn.artemis.home} (integration-tests' build unpacks it).
 */
public final class StandaloneBroker implements AutoCloseable {
    public static final String STORE_PASSWORD = "it-store-password";
    private final Path instance;
    private final Path trustStore;
    private final int port;
    private final Process process;

    /** @param users user → password; every user named {@code node-<id>} is given roles node and node-<id> */
    public StandaloneBroker(Path dir, Map<String, String> users) throws Exception {
        Path home = Path.of(System.getProperty("exn.artemis.home", "target/artemis/apache-artemis-2.44.0"));
        this.instance = dir.resolve("instance");
        this.port = ArtemisServer.freePort();
        Files.createDirectories(dir);
        run(dir, home.resolve("bin/artemis").toString(), "create", instance.toString(), "--user", "admin", "--password",
                "admin-it-password", "--require-login", "--silent", "--no-web", "--no-autotune");
        Path keyStore = dir.resolve("broker.p12");
        this.trustStore = dir.resolve("trust.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(dir, keytool, "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost, O=Exchange Node TEST ONLY", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD);
        run(dir, keytool, "-exportcert", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass",
                STORE_PASSWORD, "-file", dir.resolve("broker.crt").toString());
        run(dir, keytool, "-importcert", "-noprompt", "-alias", "broker", "-file", dir.resolve("broker.crt").toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", STORE_PASSWORD);

        Path etc = instance.resolve("etc");
        Files.copy(Checkout.root().resolve("config/broker/broker.xml"), etc.resolve("broker.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        writeUsersAndRoles(etc, "admin", "admin-it-password", users);
        Files.writeString(etc.resolve("artemis.profile"), "\nJAVA_ARGS=\"$JAVA_ARGS -Dexn.broker.host=127.0.0.1"
                + " -Dexn.broker.port=" + port + " -Dexn.broker.keystore=" + keyStore
                + " -Dexn.broker.keystore.password=" + STORE_PASSWORD + "\"\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        this.process = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run").redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the standalone broker did not start; see " + dir.resolve("broker.log"));
            }
            Thread.sleep(300);
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The URL a node uses: TLS, trusting the broker's TEST ONLY certificate. */
    public String tlsUrl() {
        return "tcp://127.0.0.1:" + port + "?sslEnabled=true&trustStorePath=" + trustStore + "&trustStorePassword="
                + STORE_PASSWORD + "&trustStoreType=PKCS12";
    }

    /** The same acceptor without TLS (which it must refuse). */
    public String plainUrl() {
        return "tcp://127.0.0.1:" + port;
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", new ArrayList<>(List.of(command))) + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Writes an instance's {@code artemis-users.properties} (its admin and {@code users}, TEST ONLY passwords) and
     * {@code artemis-roles.properties} (the network's roles, {@code config/broker/artemis-roles.properties}).
     */
    static void writeUsersAndRoles(Path etc, String admin, String adminPassword, Map<String, String> users)
            throws IOException {
        StringBuilder userLines = new StringBuilder(admin + "=" + adminPassword + "\n");
        StringBuilder roleLines = new StringBuilder();
        for (String line : Files.readAllLines(Checkout.root().resolve("config/broker/artemis-roles.properties"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                roleLines.append(line).append('\n');
            }
        }
        users.forEach((user, password) -> userLines.append(user).append('=').append(password).append('\n'));
        Files.writeString(etc.resolve("artemis-users.properties"), userLines.toString(), StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("artemis-roles.properties"), roleLines.toString(), StandardCharsets.UTF_8);
    }
}
