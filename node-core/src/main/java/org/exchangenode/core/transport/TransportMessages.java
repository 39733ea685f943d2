package org.exchangenode.core.transport;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.Namespaces;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.CryptoProviders;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.xml.Dom;
import org.exchangenode.core.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Bodies of the transport messages. A Receipt names the received message and the SM3 digest of its canonical form
 * (exclusive c14n of the whole signed document), so the receiver cannot later deny what it received; an Error names
 * the refused message, a catalogue code and a reason.
 */
public final class TransportMessages {
    private static final String P = "tr";

    private TransportMessages() {
    }

    /** The Receipt body for a message stored at {@code receivedAt}. */
    public static Element receipt(Envelope received, Instant receivedAt) {
        return receipt(received.header().messageId(), canonicalDigest(received.document()), receivedAt);
    }

    /** The Receipt body for a message whose canonical digest ({@link #canonicalDigest}) is already known. */
    public static Element receipt(String receivedMessageId, String canonicalDigest, Instant receivedAt) {
        Element receipt = root("Receipt");
        Dom.append(receipt, Namespaces.TRANSPORT, P, "ReceivedMessageId", receivedMessageId);
        Dom.append(receipt, Namespaces.TRANSPORT, P, "ReceivedAt", receivedAt.toString());
        Dom.append(receipt, Namespaces.TRANSPORT, P, "DigestMethod", SignatureAlgorithms.SM3_DIGEST_URI);
        Dom.append(receipt, Namespaces.TRANSPORT, P, "DigestValue", canonicalDigest);
        return receipt;
    }

    /** The Error body refusing a message (whose id may be unknown when it could not be read). */
    public static Element error(String refusedMessageId, ErrorCode code, String reason) {
        Element error = root("Error");
        Dom.append(error, Namespaces.TRANSPORT, P, "RefusedMessageId", refusedMessageId);
        Dom.append(error, Namespaces.TRANSPORT, P, "Code", code.name());
        String text = reason == null || reason.isBlank() ? code.summary() : reason;
        Dom.append(error, Namespaces.TRANSPORT, P, "Reason", text.length() > 2000 ? text.substring(0, 2000) : text);
        return error;
    }

    /** A Ping body: a nonce the Pong must repeat, and when it was sent. */
    public static Element ping(String nonce, Instant sentAt) {
        Element ping = root("Ping");
        Dom.append(ping, Namespaces.TRANSPORT, P, "Nonce", nonce);
        Dom.append(ping, Namespaces.TRANSPORT, P, "SentAt", sentAt.toString());
        return ping;
    }

    /** The Pong body answering a Ping. */
    public static Element pong(String pingMessageId, String nonce, Instant receivedAt) {
        Element pong = root("Pong");
        Dom.append(pong, Namespaces.TRANSPORT, P, "PingMessageId", pingMessageId);
        Dom.append(pong, Namespaces.TRANSPORT, P, "Nonce", nonce);
        Dom.append(pong, Namespaces.TRANSPORT, P, "ReceivedAt", receivedAt.toString());
        return pong;
    }

    /** The nonce of a Ping or a Pong body. */
    public static String nonce(Element body) {
        return Dom.text(body, Namespaces.TRANSPORT, "Nonce");
    }

    public static ReceiptContent readReceipt(Element body) {
        return new ReceiptContent(
                Dom.text(body, Namespaces.TRANSPORT, "ReceivedMessageId"),
                Instant.parse(Dom.text(body, Namespaces.TRANSPORT, "ReceivedAt")),
                Dom.text(body, Namespaces.TRANSPORT, "DigestMethod"),
                Dom.text(body, Namespaces.TRANSPORT, "DigestValue"));
    }

    public static ErrorContent readError(Element body) {
        return new ErrorContent(
                Dom.text(body, Namespaces.TRANSPORT, "RefusedMessageId"),
                Dom.text(body, Namespaces.TRANSPORT, "Code"),
                Dom.text(body, Namespaces.TRANSPORT, "Reason"));
    }

    /** Base64 SM3 digest of the exclusive canonical form of the whole document, signature included. */
    public static String canonicalDigest(Document document) {
        return Base64.getEncoder().encodeToString(sm3(canonicalBytes(document)));
    }

    /**
     * The exclusive canonical form of the whole document, signature included: well-formed UTF-8 XML (without an XML
     * declaration) that parses to the same document. A node sends a transport message as these bytes, whose SM3
     * digest is then at once the digest a Receipt would state and the digest the audit entry keeps.
     */
    public static byte[] canonicalBytes(Document document) {
        try {
            ByteArrayOutputStream canonical = new ByteArrayOutputStream(8192);
            Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)
                    .canonicalizeSubtree(document, canonical);
            return canonical.toByteArray();
        } catch (XMLSecurityException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "cannot canonicalise the message: " + e.getMessage(), e);
        }
    }

    /** The SM3 digest of {@code bytes} (a message's, an audit entry's content or encoding). */
    public static byte[] sm3(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SM3", CryptoProviders.bc()).digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "SM3 unavailable: " + e.getMessage(), e);
        }
    }

    private static Element root(String name) {
        Document document = SecureXml.newDocument();
        Element root = document.createElementNS(Namespaces.TRANSPORT, P + ":" + name);
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + P, Namespaces.TRANSPORT);
        document.appendChild(root);
        return root;
    }
}
