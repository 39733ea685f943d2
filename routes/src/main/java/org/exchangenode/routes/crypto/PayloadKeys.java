package org.exchangenode.routes.crypto;

import jakarta.inject.Singleton;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.InboundChecker;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.transport.PayloadCrypto;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.routes.config.CryptoConfig;
import org.exchangenode.routes.config.DirectoryConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.directory.PeerDirectory;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Payload encryption as configured ({@code node.encryption.peers}): which peers get encrypted bodies, with which of
 * their certificates, and this node's own decryption of bodies encrypted for it.
 */
@Singleton
public class PayloadKeys {
    private static final Logger LOG = Logger.getLogger(PayloadKeys.class);
    private final DirectoryConfig peers;
    private final int maxMessageBytes;
    private final PeerDirectory directory;
    private final NodeCredentials credentials;
    private final Set<String> encrypted;
    private final Optional<NodeCredentials> next;
    private final List<NodeCredentials> previous;

    public PayloadKeys(NodeConfig node, CryptoConfig crypto, DirectoryConfig peers, PeerDirectory directory,
                       NodeCredentials credentials) {
        this.peers = peers;
        this.maxMessageBytes = node.maxMessageBytes();
        this.next = nextCredentials(crypto.keys(), node.id());
        this.previous = previousCredentials(crypto.keys(), node.id());
        this.directory = directory;
        this.credentials = credentials;
        this.encrypted = Set.copyOf(crypto.encryption().peers().orElse(List.of()));
    }

    public boolean encryptsFor(String peer) {
        return encrypted.contains(peer);
    }

    /** The body to send to {@code peer}: encrypted for it when configured, else the form itself. */
    public Element bodyFor(String peer, Element form, String messageId) {
        return encryptsFor(peer) ? PayloadCrypto.encrypt(form, certificateFor(peer), messageId) : form;
    }

    /** The peer's certificate valid now: from the directory, else from node.peers."<id>".certificate. */
    X509Certificate certificateFor(String peer) {
        Instant now = Instant.now();
        Optional<X509Certificate> listed = directory.listedCertificates(peer).flatMap(list -> list.stream()
                .filter(c -> !now.isBefore(c.getNotBefore().toInstant()) && !now.isAfter(c.getNotAfter().toInstant()))
                .max(Comparator.comparing(c -> c.getNotBefore().toInstant())));
        if (listed.isPresent()) {
            return listed.get();
        }
        return Optional.ofNullable(peers.peers().get(peer)).flatMap(DirectoryConfig.Peer::certificate)
                .map(path -> PemFiles.readCertificates(path).get(0))
                .orElseThrow(() -> new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.encryption.peers names "
                        + peer + " but no certificate of it is known: list it in the directory or set node.peers.\""
                        + peer + "\".certificate"));
    }

    /**
     * Opens bodies encrypted for this node's certificate, for its next one when it holds it, or for one of its previous
     * ones that it keeps.
     */
    public InboundChecker.Decryptor decryptor() {
        List<NodeCredentials> keys = new ArrayList<>();
        keys.add(credentials);
        next.ifPresent(keys::add);
        keys.addAll(previous);
        return (body, messageId) -> PayloadCrypto.decrypt(body, keys, messageId, maxMessageBytes);
    }

    /** The next key and certificate, if configured; they must belong together and name this node. */
    private static Optional<NodeCredentials> nextCredentials(CryptoConfig.Keys keys, String nodeId) {
        if (keys.nextPrivateKey().isEmpty() && keys.nextCertificate().isEmpty()) {
            return Optional.empty();
        }
        if (keys.nextPrivateKey().isEmpty() || keys.nextCertificate().isEmpty()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID,
                    "node.keys.next-private-key and node.keys.next-certificate go together");
        }
        NodeCredentials next;
        try {
            next = NodeCredentials.load(keys.nextPrivateKey().get(), keys.nextCertificate().get());
        } catch (ExchangeException e) {
            throw new ExchangeException(e.code(), "node.keys.next-private-key / next-certificate: " + e.getMessage(), e);
        }
        if (!next.nodeId().equals(nodeId)) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.keys.next-certificate names node "
                    + next.nodeId() + " but node.id is " + nodeId);
        }
        return Optional.of(next);
    }

    /**
     * The keys of before the last switches (node.keys.previous-private-keys with node.keys.previous-certificates, paired
     * in order): each must belong to its certificate and name this node; an expired certificate is fine, its key only
     * decrypts.
     */
    private static List<NodeCredentials> previousCredentials(CryptoConfig.Keys config, String nodeId) {
        List<java.nio.file.Path> keys = config.previousPrivateKeys().orElse(List.of());
        List<java.nio.file.Path> certificates = config.previousCertificates().orElse(List.of());
        if (keys.size() != certificates.size()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.keys.previous-private-keys lists "
                    + keys.size() + " files and node.keys.previous-certificates " + certificates.size()
                    + ": give each previous key its certificate, in the same order");
        }
        List<NodeCredentials> previous = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            NodeCredentials credentials;
            try {
                credentials = NodeCredentials.load(keys.get(i), certificates.get(i));
            } catch (ExchangeException e) {
                throw new ExchangeException(e.code(), "node.keys.previous-private-keys[" + i
                        + "] / previous-certificates[" + i + "]: " + e.getMessage(), e);
            }
            if (!credentials.nodeId().equals(nodeId)) {
                throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.keys.previous-certificates[" + i
                        + "] names node " + credentials.nodeId() + " but node.id is " + nodeId);
            }
            previous.add(credentials);
        }
        if (!previous.isEmpty()) {
            LOG.infof("previous keys kept for decryption only: certificate serials %s",
                    previous.stream().map(c -> c.certificate().getSerialNumber().toString(16)).toList());
        }
        return List.copyOf(previous);
    }

    /**
     * The form XML of a stored signed message, decrypted when it was encrypted for this node: for the local system.
     * Throws {@code DECRYPTION_FAILED} when none of the keys this node holds opens it (e.g. a previous key dropped).
     */
    public byte[] formOf(byte[] signedMessage) {
        var envelope = EnvelopeCodec.parse(signedMessage, Integer.MAX_VALUE);
        Element body = envelope.bodyContent();
        if (PayloadCrypto.isEncrypted(body)) {
            body = decryptor().decrypt(body, envelope.header().messageId());
        }
        Document alone = SecureXml.newDocument();
        alone.appendChild(alone.importNode(body, true));
        return SecureXml.toBytes(alone);
    }
}
