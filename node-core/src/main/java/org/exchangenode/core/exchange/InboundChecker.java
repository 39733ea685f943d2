package org.exchangenode.core.exchange;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterValidator;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.FormContext;
import org.exchangenode.core.form.FormFacts;
import org.exchangenode.core.form.FormRules;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.transport.PayloadCrypto;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.core.signing.VerifiedSignature;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every check an inbound message must pass before it is stored, in order: size, depth and element count, safe
 * parsing, XSD, header type against body, addressee, known sender, signature and certificate (which must name the
 * sender), the certificate the directory lists, and the field rules of the form. Each failure is permanent: it is
 * reported as {@link InboundResult.Rejected}, never thrown, saying whether the signature had verified (only then is
 * the claimed sender known to have sent it). An accepted message carries what later steps need, read here once: the
 * form in clear, its facts for the case, and the digest of its canonical form. Thread-safe.
 */
public final class InboundChecker {
    private final String ownNodeId;
    private final Supplier<Set<String>> knownPeers;
    private final XsdValidator schemas;
    private final MessageVerifier verifier;
    private final SecureXml.Limits limits;
    private final Clock clock;
    private final Function<String, Optional<List<X509Certificate>>> listedCertificates;
    private final Decryptor decryptor;

    /** Opens an encrypted body addressed to this node (see {@code PayloadCrypto}). */
    @FunctionalInterface
    public interface Decryptor {
        Element decrypt(Element encryptedBody, String messageId);

        /** A node without a decryption key refuses encrypted bodies. */
        Decryptor NONE = (body, id) -> {
            throw new ExchangeException(ErrorCode.DECRYPTION_FAILED, "this node does not accept encrypted bodies");
        };
    }

    public InboundChecker(String ownNodeId, Supplier<Set<String>> knownPeers, XsdValidator schemas,
                          MessageVerifier verifier, int maxBytes, Clock clock) {
        this(ownNodeId, knownPeers, schemas, verifier, maxBytes, clock, id -> Optional.empty());
    }

    /**
     * @param listedCertificates the certificates the peer directory lists for a node, if it lists any: a message must
     *                           then be signed with one of them (the current one, or the next ahead of a rollover)
     */
    public InboundChecker(String ownNodeId, Supplier<Set<String>> knownPeers, XsdValidator schemas,
                          MessageVerifier verifier, int maxBytes, Clock clock,
                          Function<String, Optional<List<X509Certificate>>> listedCertificates) {
        this(ownNodeId, knownPeers, schemas, verifier, maxBytes, clock, listedCertificates, Decryptor.NONE);
    }

    /** @param decryptor opens bodies encrypted for this node, after the signature over them was verified */
    public InboundChecker(String ownNodeId, Supplier<Set<String>> knownPeers, XsdValidator schemas,
                          MessageVerifier verifier, int maxBytes, Clock clock,
                          Function<String, Optional<List<X509Certificate>>> listedCertificates, Decryptor decryptor) {
        this(ownNodeId, knownPeers, schemas, verifier, SecureXml.Limits.of(maxBytes), clock, listedCertificates,
                decryptor);
    }

    /** @param limits size, depth and element count of a document, checked before anything else */
    public InboundChecker(String ownNodeId, Supplier<Set<String>> knownPeers, XsdValidator schemas,
                          MessageVerifier verifier, SecureXml.Limits limits, Clock clock,
                          Function<String, Optional<List<X509Certificate>>> listedCertificates, Decryptor decryptor) {
        this.decryptor = decryptor;
        this.listedCertificates = listedCertificates;
        this.ownNodeId = ownNodeId;
        this.knownPeers = knownPeers;
        this.schemas = schemas;
        this.verifier = verifier;
        this.limits = limits;
        this.clock = clock;
    }

    public InboundResult check(byte[] bytes) {
        Document document;
        try {
            document = SecureXml.parse(bytes, limits);
        } catch (ExchangeException e) {
            return new InboundResult.Rejected(null, null, null, null, e.code(), e.getMessage(), false);
        }
        EnvelopeCodec.Identity identity = EnvelopeCodec.readIdentity(document);
        Authenticated authenticated;
        try {
            authenticated = authenticate(document);
        } catch (ExchangeException e) {
            return new InboundResult.Rejected(identity.messageId(), identity.conversationId(), identity.from(),
                    typeName(document), e.code(), e.getMessage(), signedByClaimedPeer(document));
        }
        Checked checked;
        try {
            checked = accept(authenticated);
        } catch (ExchangeException e) {
            return new InboundResult.Rejected(identity.messageId(), identity.conversationId(), identity.from(),
                    typeName(document), e.code(), e.getMessage(), true);
        }
        // outside the checks: a digest that cannot be computed is this node's failure, not the sender's
        byte[] canonical = TransportMessages.canonicalBytes(document);
        byte[] digest = TransportMessages.sm3(canonical);
        return new InboundResult.Accepted(checked.envelope(), checked.signature(), checked.form(), checked.facts(),
                Base64.getEncoder().encodeToString(digest),
                Arrays.equals(canonical, bytes) ? HexFormat.of().formatHex(digest) : null);
    }

    /** A document whose signature verified, made by a certificate the sender may sign with. */
    private record Authenticated(Envelope envelope, VerifiedSignature signature, Element body, boolean encrypted) {
    }

    /** A document that passed every check: its form in clear and what the form says. */
    private record Checked(Envelope envelope, VerifiedSignature signature, Element form, FormFacts facts) {
    }

    /** The checks up to and including the signature: until they pass, nobody is known to have sent the document. */
    private Authenticated authenticate(Document document) {
        schemas.requireValid(document);
        Envelope envelope = EnvelopeCodec.read(document);
        Element body = envelope.bodyContent();
        MessageType type = envelope.header().type();
        boolean encrypted = type.business() && PayloadCrypto.isEncrypted(body);
        if (!encrypted) {
            requireType(type, body);
        }
        if (!ownNodeId.equals(envelope.header().to())) {
            throw new ExchangeException(ErrorCode.WRONG_RECIPIENT, "addressed to node " + envelope.header().to()
                    + ", this is node " + ownNodeId);
        }
        if (!knownPeers.get().contains(envelope.header().from())) {
            throw new ExchangeException(ErrorCode.UNKNOWN_PEER, "node " + envelope.header().from()
                    + " is not in this node's peer directory");
        }
        Instant now = clock.instant();
        VerifiedSignature signature = verifier.verify(envelope, now);
        return new Authenticated(envelope, signature, body, encrypted);
    }

    /**
     * Whether a document refused before or at its signature check is nonetheless signed by the peer its header names,
     * with a certificate the directory lists for it: a peer whose software sent a schema-invalid form hears why. Anything
     * else (no signature, another signer, an unknown sender, a header that cannot be read) is not answered. The document
     * is already bounded in size, depth and element count, so this costs at most one signature check.
     */
    private boolean signedByClaimedPeer(Document document) {
        try {
            Envelope envelope = EnvelopeCodec.read(document);
            String from = envelope.header().from();
            if (from == null || !knownPeers.get().contains(from)) {
                return false;
            }
            VerifiedSignature signature = verifier.verify(envelope, clock.instant());
            return listedCertificates.apply(from).map(listed -> listed.contains(signature.signer())).orElse(true);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The checks after the signature verified: their failures are the sender's to hear about. */
    private Checked accept(Authenticated authenticated) {
        Envelope envelope = authenticated.envelope();
        VerifiedSignature signature = authenticated.signature();
        Element body = authenticated.body();
        MessageType type = envelope.header().type();
        Optional<List<X509Certificate>> listed = listedCertificates.apply(envelope.header().from());
        if (listed.isPresent() && !listed.get().contains(signature.signer())) {
            throw new ExchangeException(ErrorCode.CERTIFICATE_UNTRUSTED, "node " + envelope.header().from()
                    + " signed with certificate serial " + signature.signer().getSerialNumber().toString(16)
                    + ", which the peer directory does not list for it");
        }
        if (authenticated.encrypted()) {
            body = decryptor.decrypt(body, envelope.header().messageId());
            schemas.requireValid(body.getOwnerDocument());
            requireType(type, body);
        }
        FormFacts facts = null;
        if (type == MessageType.CONTACT_LETTER) {
            FormContext context = new FormContext(ownNodeId, knownPeers.get(), LocalDate.now(clock));
            ContactLetter letter = ContactLetterXml.read(body);
            List<FieldViolation> violations = ContactLetterValidator.validateInbound(letter, envelope.header().from(),
                    context);
            if (!violations.isEmpty()) {
                throw new InvalidFormException(violations);
            }
            facts = FormFacts.of(letter);
        } else if (type.business()) {
            List<FieldViolation> violations = FormRules.check(body, LocalDate.now(clock));
            if (!violations.isEmpty()) {
                throw new InvalidFormException(violations);
            }
            facts = FormFacts.read(type, body);
        }
        return new Checked(envelope, signature, body, facts);
    }

    private static void requireType(MessageType type, Element body) {
        if (!type.wireName().equals(body.getLocalName()) || !type.bodyNamespace().equals(body.getNamespaceURI())) {
            throw new ExchangeException(ErrorCode.TYPE_MISMATCH, "header type " + type.wireName()
                    + " but the body holds {" + body.getNamespaceURI() + "}" + body.getLocalName());
        }
    }

    private static String typeName(Document document) {
        try {
            return EnvelopeCodec.read(document).header().type().wireName();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
