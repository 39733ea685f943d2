package org.exchangenode.core.envelope;

import org.exchangenode.core.xml.Dom;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A message as a DOM document together with its parsed header. The document is the authority: the header is read
 * from it (or written into it) once, and the body is the single element inside {@code env:Body}.
 */
public record Envelope(Document document, EnvelopeHeader header) {

    /** The form or transport element inside the body. */
    public Element bodyContent() {
        Element body = Dom.child(document.getDocumentElement(), Namespaces.ENVELOPE, "Body");
        return body == null ? null : Dom.children(body).stream().findFirst().orElse(null);
    }

    /** The ds:Signature element, or null when the message is unsigned. */
    public Element signatureElement() {
        return Dom.child(document.getDocumentElement(), Namespaces.XMLDSIG, "Signature");
    }
}
