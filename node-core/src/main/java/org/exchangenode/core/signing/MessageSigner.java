package org.exchangenode.core.signing;

import java.security.cert.X509Certificate;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.w3c.dom.Document;

/**
 * Signs envelopes: one enveloped XML signature over the whole document (reference URI "", enveloped-signature and
 * exclusive c14n transforms), appended as the root's last child, with the certificate chain in KeyInfo. Thread-safe.
 */
public final class MessageSigner {
    private final NodeCredentials credentials;

    public MessageSigner(NodeCredentials credentials) {
        CryptoProviders.bc();
        this.credentials = credentials;
    }

    public NodeCredentials credentials() {
        return credentials;
    }

    /** Signs the envelope in place and returns it. */
    public Envelope sign(Envelope envelope) {
        if (envelope.signatureElement() != null) {
            throw new ExchangeException(ErrorCode.INTERNAL, "message " + envelope.header().messageId() + " is already signed");
        }
        Document document = envelope.document();
        SignatureAlgorithms algorithm = credentials.algorithm();
        try {
            XMLSignature signature = new XMLSignature(document, "", algorithm.signatureUri(), 0,
                    Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS, CryptoProviders.bc(), null);
            document.getDocumentElement().appendChild(signature.getElement());
            Transforms transforms = new Transforms(document);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            signature.addDocument("", transforms, algorithm.digestUri());
            X509Data data = new X509Data(document);
            for (X509Certificate certificate : credentials.chain()) {
                data.addCertificate(certificate);
            }
            signature.getKeyInfo().add(data);
            signature.sign(credentials.privateKey());
            return envelope;
        } catch (XMLSecurityException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "cannot sign message " + envelope.header().messageId()
                    + ": " + e.getMessage(), e);
        }
    }
}
