package org.exchangenode.core.signing;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.Namespaces;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.xml.Dom;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Verifies a message with nothing but the message and the trust anchors: exactly one signature, as the root's last
 * child, over the whole document with exactly the transforms the network uses, with an allowed suite matching the
 * signer's key; the signature value verifies; and the signer's certificate may speak for the header's From
 * ({@link CertificateChecker}). Anything else throws an {@link ExchangeException} naming the cause. Thread-safe.
 */
public final class MessageVerifier {
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int DECODED_LIMIT = 10_000;
    private final CertificateChecker certificates;
    /** Peers send the same few certificates over and over: decode each once. */
    private final Map<String, X509Certificate> decoded = new ConcurrentHashMap<>();

    public MessageVerifier(TrustAnchors anchors) {
        this(anchors, () -> Revocations.NONE);
    }

    /** A verifier that also refuses certificates on the anchors' current CRLs (read through {@code revocations}). */
    public MessageVerifier(TrustAnchors anchors, Supplier<Revocations> revocations) {
        CryptoProviders.bc();
        this.certificates = new CertificateChecker(anchors, revocations);
    }

    public VerifiedSignature verify(Envelope envelope, Instant now) {
        Element signatureElement = requireSingleEnvelopedSignature(envelope);
        try {
            XMLSignature signature = new XMLSignature(signatureElement, "", true, CryptoProviders.bc());
            SignatureAlgorithms algorithm = SignatureAlgorithms.fromSignatureUri(
                    signature.getSignedInfo().getSignatureMethodURI()).orElseThrow(() -> new ExchangeException(
                    ErrorCode.ALGORITHM_NOT_ALLOWED, "signature method " + signature.getSignedInfo().getSignatureMethodURI()
                            + " is not allowed"));
            requireWholeDocumentReference(signature.getSignedInfo(), algorithm);
            List<X509Certificate> chain = certificates(signatureElement);
            X509Certificate signer = chain.get(0);
            if (SignatureAlgorithms.forKey(signer.getPublicKey()) != algorithm) {
                throw new ExchangeException(ErrorCode.ALGORITHM_NOT_ALLOWED,
                        "signature method " + algorithm + " does not match the signer's key");
            }
            if (!signature.checkSignatureValue(signer.getPublicKey())) {
                boolean contentAltered = !signature.getSignedInfo().getVerificationResult(0);
                throw new ExchangeException(ErrorCode.SIGNATURE_INVALID, contentAltered
                        ? "the signed content was altered (reference digest mismatch)"
                        : "the signature value does not verify with the signer's key");
            }
            Instant signedAt = envelope.header().createdAt();
            if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
                throw new ExchangeException(ErrorCode.CLOCK_SKEW, "created at " + signedAt + ", later than now ("
                        + now + ") plus " + MAX_CLOCK_SKEW.toMinutes() + " minutes");
            }
            certificates.check(chain, signedAt, envelope.header().from());
            return new VerifiedSignature(algorithm, signer);
        } catch (XMLSecurityException e) {
            throw new ExchangeException(ErrorCode.SIGNATURE_INVALID, "malformed signature: " + e.getMessage(), e);
        }
    }

    private static Element requireSingleEnvelopedSignature(Envelope envelope) {
        NodeList all = envelope.document().getElementsByTagNameNS(Namespaces.XMLDSIG, "Signature");
        if (all.getLength() == 0) {
            throw new ExchangeException(ErrorCode.SIGNATURE_INVALID, "the message is not signed");
        }
        if (all.getLength() > 1) {
            throw new ExchangeException(ErrorCode.SIGNATURE_INVALID, "the message carries " + all.getLength()
                    + " signatures; exactly one is allowed");
        }
        Element signature = (Element) all.item(0);
        List<Element> rootChildren = Dom.children(envelope.document().getDocumentElement());
        if (rootChildren.get(rootChildren.size() - 1) != signature) {
            throw new ExchangeException(ErrorCode.SIGNATURE_INVALID, "the signature must be the last child of the root");
        }
        return signature;
    }

    private static void requireWholeDocumentReference(SignedInfo signedInfo, SignatureAlgorithms algorithm)
            throws XMLSecurityException {
        if (signedInfo.getLength() != 1) {
            throw new ExchangeException(ErrorCode.SIGNATURE_INVALID, "exactly one signed reference is allowed, found "
                    + signedInfo.getLength());
        }
        Reference reference = signedInfo.item(0);
        if (!"".equals(reference.getURI())) {
            throw new ExchangeException(ErrorCode.SIGNATURE_INVALID, "the signature must cover the whole document (URI \"\"), found URI '"
                    + reference.getURI() + "'");
        }
        Transforms transforms = reference.getTransforms();
        if (transforms == null || transforms.getLength() != 2
                || !Transforms.TRANSFORM_ENVELOPED_SIGNATURE.equals(transforms.item(0).getURI())
                || !Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS.equals(transforms.item(1).getURI())) {
            throw new ExchangeException(ErrorCode.SIGNATURE_INVALID,
                    "the reference must use exactly the enveloped-signature and exclusive c14n transforms");
        }
        String digest = reference.getMessageDigestAlgorithm().getAlgorithmURI();
        if (!algorithm.digestUri().equals(digest)) {
            throw new ExchangeException(ErrorCode.ALGORITHM_NOT_ALLOWED, "digest method " + digest + " does not go with "
                    + algorithm + " (expected " + algorithm.digestUri() + ")");
        }
    }

    private List<X509Certificate> certificates(Element signature) {
        NodeList elements = signature.getElementsByTagNameNS(Namespaces.XMLDSIG, "X509Certificate");
        List<X509Certificate> chain = new ArrayList<>();
        for (int i = 0; i < elements.getLength(); i++) {
            String base64 = elements.item(i).getTextContent().replaceAll("\\s", "");
            try {
                X509Certificate certificate = decoded.get(base64);
                if (certificate == null) {
                    certificate = PemFiles.certificate(Base64.getDecoder().decode(base64));
                    if (decoded.size() >= DECODED_LIMIT) {
                        decoded.clear();
                    }
                    decoded.put(base64, certificate);
                }
                chain.add(certificate);
            } catch (IllegalArgumentException e) {
                throw new ExchangeException(ErrorCode.SIGNATURE_INVALID, "KeyInfo holds a certificate that is not base64");
            }
        }
        if (chain.isEmpty()) {
            throw new ExchangeException(ErrorCode.SIGNATURE_INVALID, "KeyInfo carries no signer certificate");
        }
        return chain;
    }
}
