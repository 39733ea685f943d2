package org.exchangenode.routes.directory;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.security.cert.X509Certificate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.exchangenode.core.directory.NetworkDirectory;
import org.exchangenode.routes.api.Roles;
import org.exchangenode.routes.config.DirectoryConfig;

/** The peer directory in use: published data of the network's nodes, no secrets. */
@Path("/api/v1/directory")
@Tag(name = "directory", description = "The network's nodes: agency, status, broker, contact data, certificates")
@RolesAllowed({Roles.SUBMITTER, Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN, Roles.OBSERVER})
public class DirectoryResource {
    private final PeerDirectory directory;
    private final DirectoryConfig config;

    public DirectoryResource(PeerDirectory directory, DirectoryConfig config) {
        this.directory = directory;
        this.config = config;
    }

    public record CertificateView(String subject, String serial, String notBefore, String notAfter) {
        static CertificateView of(X509Certificate c) {
            return new CertificateView(c.getSubjectX500Principal().getName(), c.getSerialNumber().toString(16),
                    c.getNotBefore().toInstant().toString(), c.getNotAfter().toInstant().toString());
        }
    }

    public record NodeView(String nodeId, String agencyName, NetworkDirectory.Status status, String brokerAddress,
                           NetworkDirectory.Contact contact, List<CertificateView> certificates, boolean peer) {
    }

    /** {@code source} file (with version, issue time, signer, load time and a refused newer file's reason) or node.peers. */
    public record DirectoryView(String source, Long version, String issuedAt, String signedBy, String loadedAt,
                                String refusedUpdate, List<NodeView> nodes) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The peer directory in use")
    public DirectoryView get() {
        if (directory.directory().isEmpty()) {
            List<NodeView> nodes = config.peers().entrySet().stream().map(e -> new NodeView(e.getKey(),
                    e.getValue().name(), NetworkDirectory.Status.ACTIVE, null, null, List.of(), true)).toList();
            return new DirectoryView("node.peers", null, null, null, null, null, nodes);
        }
        NetworkDirectory d = directory.directory().get();
        List<NodeView> nodes = d.nodes().stream().map(n -> new NodeView(n.nodeId(), n.agencyName(), n.status(),
                n.brokerAddress(), n.contact(), n.certificates().stream().map(CertificateView::of).toList(),
                directory.isPeer(n.nodeId()))).toList();
        return new DirectoryView("file", d.version(), d.issuedAt().toString(), d.signedBy(),
                directory.loadedAt().map(Object::toString).orElse(null), directory.loadError().orElse(null), nodes);
    }
}
