package org.exchangenode.testsupport.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.client.TopologyMember;
import org.exchangenode.testsupport.Checkout;

/**
 * The network broker pair as an operator sets it up: two instances of the Artemis 2.44.0 distribution made with
 * {@code bin/artemis create}, one with {@code config/broker/broker-primary.xml}, one with
 * {@code config/broker/broker-backup.xml} (replication), the users of {@link StandaloneBroker} and one TEST ONLY TLS key
 * store that both brokers present and trust, each broker its own process. Killing the primary is {@code kill -9}.
 */
public final class BrokerPair implements AutoCloseable {
    public static final String STORE_PASSWORD = "it-store-password";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-it-password";
    private static final Duration START = Duration.ofSeconds(240);
    private final Path dir;
    private final Path trustStore;
    private final int primaryPort;
    private final int backupPort;
    private Process primary;
    private Process backup;

    /**
     * Makes both instances, starts the primary and, once it serves, the backup; returns without waiting for the backup
     * to pair ({@link #awaitBackupPaired}), so that clients can start meanwhile.
     */
    public BrokerPair(Path dir, Map<String, String> users) throws Exception {
        this.dir = dir;
        this.primaryPort = ArtemisServer.freePort();
        this.backupPort = ArtemisServer.freePort();
        Files.createDirectories(dir);
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
        // both instances at once: each `artemis create` is a JVM of its own
        Thread backupInstance = new Thread(() -> {
            try {
                instance("backup", backupPort, keyStore, users);
            } catch (Exception e) {
                throw new IllegalStateException("the backup's instance was not made", e);
            }
        });
        backupInstance.start();
        instance("primary", primaryPort, keyStore, users);
        backupInstance.join();
        if (!Files.isRegularFile(dir.resolve("backup/etc/broker.xml"))) {
            throw new IllegalStateException("the backup's instance was not made; see the test's output");
        }
        startPrimary();
        awaitListening(primaryPort, primary, "primary");
        backup = launch("backup");
    }

    private void instance(String role, int port, Path keyStore, Map<String, String> users) throws Exception {
        Path home = Path.of(System.getProperty("exn.artemis.home", "target/artemis/apache-artemis-2.44.0"));
        Path instance = dir.resolve(role);
        run(dir, home.resolve("bin/artemis").toString(), "create", instance.toString(), "--user", ADMIN, "--password",
                ADMIN_PASSWORD, "--require-login", "--silent", "--no-web", "--no-autotune", "--java-memory", "512M");
        Path etc = instance.resolve("etc");
        Files.copy(Checkout.root().resolve("config/broker/broker-" + role + ".xml"), etc.resolve("broker.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        StandaloneBroker.writeUsersAndRoles(etc, ADMIN, ADMIN_PASSWORD, users);
        Files.writeString(etc.resolve("artemis.profile"), "\nJAVA_ARGS=\"$JAVA_ARGS -Dexn.broker.host=127.0.0.1"
                + " -Dexn.broker.port=" + port + " -Dexn.broker.keystore=" + keyStore
                + " -Dexn.broker.keystore.password=" + STORE_PASSWORD
                + " -Dexn.broker.primary.host=127.0.0.1 -Dexn.broker.primary.port=" + primaryPort
                + " -Dexn.broker.backup.host=127.0.0.1 -Dexn.broker.backup.port=" + backupPort
                + " -Dexn.broker.cluster.password=it-cluster-password"
                + " -Dorg.apache.activemq.ssl.trustStore=" + trustStore
                + " -Dorg.apache.activemq.ssl.trustStorePassword=" + STORE_PASSWORD
                + " -Dorg.apache.activemq.ssl.trustStoreType=PKCS12\"\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    private Process launch(String role) throws IOException {
        return new ProcessBuilder(dir.resolve(role).resolve("bin/artemis").toString(), "run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(role + ".log").toFile())).start();
    }

    /**
     * The URL a node uses for the pair, as config/examples/production.properties writes it: both brokers, named as
     * the brokers name their connectors (so a fail-over keeps this URL's TLS settings), TLS trusting the TEST ONLY
     * certificate, {@code ha=true}, reconnecting for as long as it takes.
     */
    public String haUrl() {
        return "(tcp://127.0.0.1:" + primaryPort + "?name=primary,tcp://127.0.0.1:" + backupPort + "?name=backup)"
                + "?ha=true&reconnectAttempts=-1&sslEnabled=true&trustStorePath=" + trustStore + "&trustStorePassword="
                + STORE_PASSWORD + "&trustStoreType=PKCS12";
    }

    /** kill -9 of the primary's JVM: its journal stays as it was at that instant. */
    public void killPrimary() throws InterruptedException {
        primary.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the primary again on its journal; it finds the active backup and fails back ({@link #awaitFailback}). */
    public void startPrimary() throws IOException {
        primary = launch("primary");
    }

    /** Whether the backup serves (a passive backup opens no acceptor). */
    public boolean backupActive() {
        return listening(backupPort);
    }

    /** Whether the primary serves. */
    public boolean primaryActive() {
        return listening(primaryPort);
    }

    /** Waits until the restarted primary serves again (it has copied the backup's journal and taken over). */
    public void awaitPrimaryServing() throws Exception {
        awaitListening(primaryPort, primary, "primary");
    }

    /**
     * Waits until the primary serves again and the backup has stopped serving and paired with it once more. Under
     * {@code artemis run} the backup's JVM ends after it has handed the work back (Artemis 2.44 logs that it restarts
     * as backup, then the process exits); it is started again here, as the service manager of a production host does
     * ({@code Restart=always}), and pairs as the backup.
     *
     * @return whether the backup's process had to be started again
     */
    public boolean awaitFailback() throws Exception {
        awaitPrimaryServing();
        long deadline = System.nanoTime() + START.toNanos();
        while (backupActive() && backup.isAlive()) {
            check(deadline, backup, "backup (still active after fail-back)");
        }
        boolean restarted = false;
        deadline = System.nanoTime() + START.toNanos();
        while (!backupPaired()) {
            if (!restarted && !backup.isAlive()) {
                backup = launch("backup");
                restarted = true;
            }
            check(deadline, backup, "backup (never paired again after fail-back)");
        }
        return restarted;
    }

    /** Waits until the primary's topology lists a backup beside it: the pair is replicating. */
    public void awaitBackupPaired() throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (!backupPaired()) {
            check(deadline, backup, "backup (never paired with the primary)");
        }
    }

    private boolean backupPaired() {
        try (ServerLocator locator = ActiveMQClient.createServerLocator("tcp://127.0.0.1:" + primaryPort
                + "?sslEnabled=true&trustStorePath=" + trustStore + "&trustStorePassword=" + STORE_PASSWORD
                + "&trustStoreType=PKCS12&ha=true&reconnectAttempts=0&initialConnectAttempts=1");
             ClientSessionFactory factory = locator.createSessionFactory()) {
            factory.createSession(ADMIN, ADMIN_PASSWORD, false, true, true, false, 0).close();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < until) {
                for (TopologyMember member : locator.getTopology().getMembers()) {
                    if (member.getPrimary() != null && member.getBackup() != null) {
                        return true;
                    }
                }
                Thread.sleep(100);
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private void awaitListening(int port, Process process, String role) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (!listening(port)) {
            check(deadline, process, role);
        }
    }

    private void check(long deadline, Process process, String role) throws InterruptedException {
        if (!process.isAlive() || System.nanoTime() > deadline) {
            throw new IllegalStateException("the " + role + " broker did not get there; see " + dir);
        }
        Thread.sleep(300);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws Exception {
        for (Process process : new Process[] {backup, primary}) {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
