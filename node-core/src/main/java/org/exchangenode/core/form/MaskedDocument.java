package org.exchangenode.core.form;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.exchangenode.core.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A signed message for an operator's eyes: the personal data of the insured person and the handler masked, the
 * signature dropped (a masked document does not verify anyway; the signed original stays in the store). Agencies'
 * published contact and bank data are not personal and stay.
 */
public final class MaskedDocument {
    private MaskedDocument() {
    }

    /** The masked XML, or a one-line note when the bytes are not readable XML (nothing of them is shown). */
    public static String of(byte[] signedXml, int maxBytes) {
        Document document;
        try {
            document = SecureXml.parse(signedXml, maxBytes);
        } catch (RuntimeException e) {
            return "<!-- not readable as XML (" + signedXml.length + " bytes); not shown -->";
        }
        for (Element signature : elements(document, "http://www.w3.org/2000/09/xmldsig#", "Signature")) {
            signature.getParentNode().removeChild(signature);
        }
        for (String holder : new String[] {"Person", "Handler"}) {
            for (Element element : elements(document, "*", holder)) {
                for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element field) {
                        mask(field);
                    }
                }
            }
        }
        return new String(SecureXml.toBytes(document), StandardCharsets.UTF_8);
    }

    private static void mask(Element field) {
        String text = field.getTextContent();
        String masked = switch (field.getLocalName()) {
            case "Name" -> Masking.name(text);
            case "IdNumber", "PersonalNumber" -> Masking.idNumber(text);
            case "BirthDate" -> "****-**-**";
            case "Phone" -> text.length() <= 4 ? "****" : "*".repeat(text.length() - 4) + text.substring(text.length() - 4);
            default -> null;
        };
        if (masked != null) {
            field.setTextContent(masked);
        }
    }

    private static List<Element> elements(Document document, String namespace, String localName) {
        NodeList nodes = document.getElementsByTagNameNS(namespace, localName);
        List<Element> result = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }
}
