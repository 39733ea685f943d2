package org.exchangenode.core.envelope;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.xml.Dom;
import org.exchangenode.core.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Builds envelopes around a body element and reads them back from wire bytes. Reading is XXE-safe and
 * size-limited ({@link SecureXml}); it checks the envelope's shape enough to extract the header, and leaves full
 * conformance to the XSD validator.
 */
public final class EnvelopeCodec {
    private static final String P = "env";

    private EnvelopeCodec() {
    }

    /**
     * Builds an unsigned envelope. {@code body} is imported into the new document, so it may come from any document.
     */
    public static Envelope build(EnvelopeHeader header, Element body) {
        Document document = SecureXml.newDocument();
        Element message = document.createElementNS(Namespaces.ENVELOPE, P + ":Message");
        message.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + P, Namespaces.ENVELOPE);
        document.appendChild(message);
        Element head = Dom.appendElement(message, Namespaces.ENVELOPE, P, "Header");
        Dom.append(head, Namespaces.ENVELOPE, P, "MessageId", header.messageId());
        Dom.append(head, Namespaces.ENVELOPE, P, "ConversationId", header.conversationId());
        Dom.append(head, Namespaces.ENVELOPE, P, "RefToMessageId", header.refToMessageId());
        Dom.append(head, Namespaces.ENVELOPE, P, "Type", header.type().wireName());
        Dom.append(head, Namespaces.ENVELOPE, P, "From", header.from());
        Dom.append(head, Namespaces.ENVELOPE, P, "To", header.to());
        Dom.append(head, Namespaces.ENVELOPE, P, "CreatedAt", header.createdAt().toString());
        Dom.append(head, Namespaces.ENVELOPE, P, "SchemaVersion", header.schemaVersion());
        Element bodyHolder = Dom.appendElement(message, Namespaces.ENVELOPE, P, "Body");
        Node imported = document.importNode(body, true);
        bodyHolder.appendChild(imported);
        return new Envelope(document, header);
    }

    /** Parses wire bytes (at most {@code maxBytes}) and reads the header. */
    public static Envelope parse(byte[] bytes, int maxBytes) {
        return read(SecureXml.parse(bytes, maxBytes));
    }

    /** Reads the header of an already parsed document. */
    public static Envelope read(Document document) {
        Element root = document.getDocumentElement();
        if (!Namespaces.ENVELOPE.equals(root.getNamespaceURI()) || !"Message".equals(root.getLocalName())) {
            throw new ExchangeException(ErrorCode.SCHEMA_INVALID,
                    "root element must be {" + Namespaces.ENVELOPE + "}Message, found {" + root.getNamespaceURI()
                            + "}" + root.getLocalName());
        }
        Element head = Dom.child(root, Namespaces.ENVELOPE, "Header");
        if (head == null) {
            throw new ExchangeException(ErrorCode.SCHEMA_INVALID, "/Message/Header is missing");
        }
        String typeName = required(head, "Type");
        MessageType type = MessageType.fromWireName(typeName).orElseThrow(() -> new ExchangeException(
                ErrorCode.SCHEMA_INVALID, "/Message/Header/Type: unknown message type '" + typeName + "'"));
        EnvelopeHeader header = new EnvelopeHeader(
                required(head, "MessageId"),
                required(head, "ConversationId"),
                Dom.text(head, Namespaces.ENVELOPE, "RefToMessageId"),
                type,
                required(head, "From"),
                required(head, "To"),
                instant(required(head, "CreatedAt")),
                required(head, "SchemaVersion"));
        return new Envelope(document, header);
    }

    /** What can be read of a refused message's header to answer it: either part may be null. */
    public record Identity(String messageId, String conversationId, String from) {
    }

    /**
     * Best effort for answering a refused message: the header's message id and sender, or nulls when even that
     * much cannot be read. Never throws.
     */
    public static Identity readIdentity(Document document) {
        try {
            Element head = Dom.child(document.getDocumentElement(), Namespaces.ENVELOPE, "Header");
            if (head == null) {
                return new Identity(null, null, null);
            }
            return new Identity(Dom.text(head, Namespaces.ENVELOPE, "MessageId"),
                    Dom.text(head, Namespaces.ENVELOPE, "ConversationId"), Dom.text(head, Namespaces.ENVELOPE, "From"));
        } catch (RuntimeException e) {
            return new Identity(null, null, null);
        }
    }

    private static String required(Element head, String name) {
        String value = Dom.text(head, Namespaces.ENVELOPE, name);
        if (value == null || value.isEmpty()) {
            throw new ExchangeException(ErrorCode.SCHEMA_INVALID, "/Message/Header/" + name + " is missing");
        }
        return value;
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ExchangeException(ErrorCode.SCHEMA_INVALID,
                    "/Message/Header/CreatedAt: '" + value + "' is not a UTC timestamp");
        }
    }
}
