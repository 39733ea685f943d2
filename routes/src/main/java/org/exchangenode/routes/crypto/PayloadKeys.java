package org.exchangenode.routes.crypto;

import jakarta.inject.Singleton;
import java.security.cert.X509Certificate;
import java.time.Instant;
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
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.directory.PeerDirectory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Payload encryption as configured ({@code node.encryption.peers}): which peers get encrypted bodies, with which of
 * their certificates, and this node's own decryption of bodies encrypted for it.
 */
@Singleton
public class PayloadKeys {
    private final NodeConfig config;
    private final PeerDirectory directory;
    private final NodeCredentials credentials;
    private final Set<String> encrypted;
    private final Optional<NodeCredentials> next;

    public PayloadKeys(NodeConfig config, PeerDirectory directory, NodeCredentials credentials) {
        this.config = config;
        this.next = nextCredentials(config);
        this.directory = directory;
        this.credentials = credentials;
        this.encrypted = Set.copyOf(config.encryption().peers().orElse(List.of()));
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
        return Optional.ofNullable(config.peers().get(peer)).flatMap(NodeConfig.Peer::certificate)
                .map(path -> PemFiles.readCertificates(path).get(0))
                .orElseThrow(() -> new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.encryption.peers names "
                        + peer + " but no certificate of it is known: list it in the directory or set node.peers.\""
                        + peer + "\".certificate"));
    }

    /** Opens bodies encrypted for this node's certificate, or for its next one when it holds it. */
    public InboundChecker.Decryptor decryptor() {
        List<NodeCredentials> keys = next.map(n -> List.of(credentials, n)).orElse(List.of(credentials));
        return (body, messageId) -> PayloadCrypto.decrypt(body, keys, messageId, config.maxMessageBytes());
    }

    /** The next key and certificate, if configured; they must belong together and name this node. */
    private static Optional<NodeCredentials> nextCredentials(NodeConfig config) {
        if (config.keys().nextPrivateKey().isEmpty() && config.keys().nextCertificate().isEmpty()) {
            return Optional.empty();
        }
        if (config.keys().nextPrivateKey().isEmpty() || config.keys().nextCertificate().isEmpty()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID,
                    "node.keys.next-private-key and node.keys.next-certificate go together");
        }
        NodeCredentials next;
        try {
            next = NodeCredentials.load(config.keys().nextPrivateKey().get(), config.keys().nextCertificate().get());
        } catch (ExchangeException e) {
            throw new ExchangeException(e.code(), "node.keys.next-private-key / next-certificate: " + e.getMessage(), e);
        }
        if (!next.nodeId().equals(config.id())) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.keys.next-certificate names node "
                    + next.nodeId() + " but node.id is " + config.id());
        }
        return Optional.of(next);
    }

    /** The form XML of a stored signed message, decrypted when it was encrypted for this node: for the local system. */
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
