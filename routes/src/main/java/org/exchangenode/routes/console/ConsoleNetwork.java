package org.exchangenode.routes.console;

import io.quarkus.qute.TemplateData;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.directory.DirectoryResource;
import org.exchangenode.routes.jdbc.AuditLog;
import org.exchangenode.routes.operations.Pings;

/** The peer directory with each agency's contact data and certificate expiry, and a ping with its round trip. */
@Path("/console/network")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleNetwork {
    static final Duration PING_WAIT = Duration.ofSeconds(10);
    /** Certificates expiring within this many days are marked (the alert rule's threshold). */
    static final long EXPIRY_WARNING_DAYS = 30;

    private final Console console;
    private final DirectoryResource directory;
    private final Pings pings;
    private final AuditLog audit;

    public ConsoleNetwork(Console console, DirectoryResource directory, Pings pings, AuditLog audit) {
        this.console = console;
        this.directory = directory;
        this.pings = pings;
        this.audit = audit;
    }

    @TemplateData
    public record Peer(String nodeId, String agency, String status, boolean peer, String broker, String address,
                       String department, String phone, String certSubject, String certExpiry, long daysLeft,
                       boolean expiring) {
    }

    @TemplateData
    public record Pong(String peer, boolean answered, long millis, String subject, String serial, String notAfter,
                       String problem) {
    }

    @GET
    public Response page() {
        console.requireReader();
        return page(null, 200);
    }

    private Response page(Pong pong, int status) {
        DirectoryResource.DirectoryView view = directory.get();
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "network");
        data.put("source", view.source());
        data.put("version", view.version() == null ? "" : view.version().toString());
        data.put("issuedAt", view.issuedAt() == null ? "" : Console.time(Instant.parse(view.issuedAt())));
        data.put("signedBy", view.signedBy() == null ? "" : view.signedBy());
        data.put("refusedUpdate", view.refusedUpdate());
        data.put("peers", view.nodes().stream().map(this::peer).toList());
        data.put("pong", pong);
        return console.page("network", status, data);
    }

    private Peer peer(DirectoryResource.NodeView n) {
        // the certificate that lasts longest is the one the peer signs with after a renewal
        DirectoryResource.CertificateView cert = n.certificates().stream()
                .max((a, b) -> Instant.parse(a.notAfter()).compareTo(Instant.parse(b.notAfter()))).orElse(null);
        long days = cert == null ? -1 : Duration.between(Instant.now(), Instant.parse(cert.notAfter())).toDays();
        var contact = n.contact();
        return new Peer(n.nodeId(), n.agencyName(), n.status() == null ? "" : n.status().name(), n.peer(),
                n.brokerAddress() == null ? "" : n.brokerAddress(),
                contact == null ? "" : join(contact.address(), contact.postcode()),
                contact == null || contact.department() == null ? "" : contact.department(),
                contact == null || contact.phone() == null ? "" : contact.phone(),
                cert == null ? "" : cert.subject(), cert == null ? "" : Console.day(Instant.parse(cert.notAfter())),
                days, cert != null && days < EXPIRY_WARNING_DAYS);
    }

    private static String join(String a, String b) {
        return (a == null ? "" : a) + (b == null ? "" : " " + b);
    }

    @POST
    @Path("/ping/{peer}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response ping(@PathParam("peer") String peer, @FormParam(Csrf.FIELD) String token) {
        console.checkCsrf(token);
        console.requireOperator();
        if (peer == null || !peer.matches("[0-9]{6,9}")) {
            throw new ConsoleRefused(404, "peerUnknown");
        }
        audit.record(new AuditEvent(AuditKind.OPERATOR_ACTION, null, console.user(), "ping of " + peer
                + " from the console", null));
        try {
            Pings.Pong pong = pings.ping(peer, PING_WAIT);
            return page(new Pong(peer, true, pong.roundTripMillis(), pong.certificateSubject(),
                    pong.certificateSerial(), Console.day(pong.certificateNotAfter()), null), 200);
        } catch (ExchangeException e) {
            return page(new Pong(peer, false, 0, "", "", "", e.code().name() + ": "
                    + console.label("error_", e.code().name())), 200);
        }
    }
}
