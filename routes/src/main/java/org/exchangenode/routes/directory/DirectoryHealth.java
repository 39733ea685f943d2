package org.exchangenode.routes.directory;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.exchangenode.core.directory.NetworkDirectory;
import org.exchangenode.core.signing.NodeCredentials;

/**
 * The peer directory (at /q/health and /q/health/well): DOWN when a new directory file was refused (the previous one
 * stays in use), or when the directory does not list this node or its certificate — peers would refuse its messages.
 */
@Wellness
@ApplicationScoped
public class DirectoryHealth implements HealthCheck {
    private final PeerDirectory directory;
    private final NodeCredentials credentials;

    public DirectoryHealth(PeerDirectory directory, NodeCredentials credentials) {
        this.directory = directory;
        this.credentials = credentials;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("directory");
        if (directory.directory().isEmpty()) {
            return response.up().withData("source", "node.peers").withData("peers", directory.peerIds().size()).build();
        }
        NetworkDirectory loaded = directory.directory().get();
        response.withData("source", "file").withData("version", loaded.version())
                .withData("peers", directory.peerIds().size());
        List<String> problems = new ArrayList<>();
        directory.loadError().ifPresent(problems::add);
        var own = loaded.find(credentials.nodeId());
        if (own.isEmpty()) {
            problems.add("the directory does not list this node " + credentials.nodeId());
        } else if (!own.get().certificates().contains(credentials.certificate())) {
            problems.add("the directory does not list this node's certificate (serial "
                    + credentials.certificate().getSerialNumber().toString(16) + "): peers will refuse its messages");
        }
        return problems.isEmpty() ? response.up().build()
                : response.down().withData("reason", String.join("; ", problems)).build();
    }
}
