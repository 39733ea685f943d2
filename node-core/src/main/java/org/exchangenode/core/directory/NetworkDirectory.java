package org.exchangenode.core.directory;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The network's peer directory: every node with its agency, status, certificates (the current one and, ahead of a
 * rollover, the next), broker address and the agency's published contact data. Immutable; read by
 * {@link DirectoryFiles}.
 *
 * @param signedBy the subject of the network authority that signed it, or null when it is not signed
 */
public record NetworkDirectory(long version, Instant issuedAt, List<Entry> nodes, String signedBy) {

    /** A node may exchange only while ACTIVE. */
    public enum Status { ACTIVE, SUSPENDED, RETIRED }

    /** The agency's published contact data (all four required: 人社部发〔2016〕94号 asks for complete, accurate data). */
    public record Contact(String address, String postcode, String department, String phone) {
    }

    public record Entry(String nodeId, String agencyName, Status status, String brokerAddress, Contact contact,
                        List<X509Certificate> certificates) {
        public Entry {
            certificates = List.copyOf(certificates);
        }
    }

    public NetworkDirectory {
        nodes = List.copyOf(nodes);
    }

    public Optional<Entry> find(String nodeId) {
        return nodes.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
    }

    /** The nodes by id. */
    public Map<String, Entry> byId() {
        return nodes.stream().collect(Collectors.toMap(Entry::nodeId, Function.identity()));
    }
}
