package org.exchangenode.it;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.exchangenode.bench.NodeLauncher;

/** A node process of a scenario (see {@link NodeLauncher}), with REST Assured pointed at its API. */
final class NodeProcess implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("exn.root", "..")).toAbsolutePath().normalize();
    static final Path CERTS = ROOT.resolve("certs-sample");
    static final Path WORK = Path.of(System.getProperty("exn.work", "target/it-work")).toAbsolutePath();

    private final NodeLauncher launcher;

    NodeProcess(String nodeId, String scenario, String brokerUrl, List<String> peers) throws IOException {
        this.launcher = new NodeLauncher(ROOT, nodeId, WORK.resolve(scenario), brokerUrl, peers)
                .with("node.relay.poll-interval", "PT0.2S");
    }

    NodeProcess onPostgres(String url, String user, String schema) {
        launcher.onPostgres(url, user, schema);
        return this;
    }

    NodeProcess start() throws IOException, InterruptedException {
        launcher.start();
        return this;
    }

    /** The node's log file (console output). */
    Path log() {
        return launcher.log();
    }

    RequestSpecification api() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(launcher.httpPort());
    }

    @Override
    public void close() throws InterruptedException {
        launcher.close();
    }
}
