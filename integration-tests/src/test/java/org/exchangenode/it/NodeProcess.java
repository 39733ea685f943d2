package org.exchangenode.it;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.exchangenode.testsupport.Checkout;
import org.exchangenode.testsupport.process.NodeLauncher;

/** A node process of a scenario (see {@link NodeLauncher}), with REST Assured pointed at its API. */
final class NodeProcess implements AutoCloseable {
    static final Path ROOT = Checkout.root();
    static final Path CERTS = Checkout.sampleCerts();
    static final Path WORK = Path.of(System.getProperty("exn.work", "target/it-work")).toAbsolutePath();

    private final NodeLauncher launcher;

    NodeProcess(String nodeId, String scenario, String brokerUrl, List<String> peers) throws IOException {
        this.launcher = new NodeLauncher(ROOT, nodeId, WORK.resolve(scenario), brokerUrl, peers)
                .with("node.relay.poll-interval", "PT0.2S")
                .with("quarkus.security.users.embedded.users." + AUDITOR, NodeLauncher.userHash(AUDITOR, AUDITOR_PASSWORD))
                .with("quarkus.security.users.embedded.roles." + AUDITOR, "auditor,operator");
    }

    /** TEST ONLY auditor and operator of every scenario node: auditor-it / auditor-it-password. */
    static final String AUDITOR = "auditor-it";
    static final String AUDITOR_PASSWORD = "auditor-it-password";

    NodeProcess with(String key, String value) {
        launcher.with(key, value);
        return this;
    }

    NodeProcess onPostgres(String url, String user, String schema) {
        launcher.onPostgres(url, user, schema);
        return this;
    }

    NodeProcess start() throws IOException, InterruptedException {
        launcher.start();
        return this;
    }

    /** Closes every one given (nulls skipped), all of them even when one fails; the first failure is rethrown. */
    static void closeAll(AutoCloseable... closeables) throws Exception {
        Exception first = null;
        for (AutoCloseable closeable : closeables) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** kill -9: the node dies at once, mid-transaction or not. */
    void kill() throws InterruptedException {
        launcher.kill();
    }

    /** Stops the node gracefully (as an operator would); {@link #start} brings it back on the same data. */
    void stop() throws InterruptedException {
        launcher.close();
    }

    /** The node's log file (console output). */
    Path log() {
        return launcher.log();
    }

    /** A call as the node's local system (TEST ONLY user, role submitter). */
    RequestSpecification api() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(launcher.httpPort()).auth().preemptive()
                .basic(NodeLauncher.SUBMITTER, NodeLauncher.SUBMITTER_PASSWORD);
    }

    RequestSpecification auditor() {
        return api().auth().preemptive().basic(AUDITOR, AUDITOR_PASSWORD);
    }

    String nodeId() {
        return launcher.nodeId();
    }

    String baseUrl() {
        return launcher.baseUrl();
    }

    @Override
    public void close() throws InterruptedException {
        launcher.close();
    }
}
