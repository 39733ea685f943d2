package org.exchangenode.core.xml;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small DOM helpers used by the envelope and form mappers. */
public final class Dom {
    private Dom() {
    }

    /** The path of local names from the root to {@code node}, e.g. {@code /Message/Header/From}. */
    public static String path(Node node) {
        StringBuilder path = new StringBuilder();
        for (Node n = node; n != null && n.getNodeType() == Node.ELEMENT_NODE; n = n.getParentNode()) {
            path.insert(0, "/" + n.getLocalName() + position((Element) n));
        }
        return path.length() == 0 ? "/" : path.toString();
    }

    /** "[n]" (from 1) for an element that has siblings of its name, as rows have; "" for a unique one. */
    private static String position(Element element) {
        if (!(element.getParentNode() instanceof Element parent)) {
            return "";
        }
        int index = 0;
        int same = 0;
        for (Element sibling : children(parent)) {
            if (element.getLocalName().equals(sibling.getLocalName())
                    && java.util.Objects.equals(element.getNamespaceURI(), sibling.getNamespaceURI())) {
                same++;
                if (sibling == element) {
                    index = same;
                }
            }
        }
        return same > 1 ? "[" + index + "]" : "";
    }

    /** The child elements of {@code parent}, in order. */
    public static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                children.add((Element) n);
            }
        }
        return children;
    }

    /** The first child element with this namespace and local name, or null. */
    public static Element child(Element parent, String namespace, String localName) {
        for (Element child : children(parent)) {
            if (localName.equals(child.getLocalName()) && namespace.equals(child.getNamespaceURI())) {
                return child;
            }
        }
        return null;
    }

    /** The trimmed text of the named child, or null when the child is absent. */
    public static String text(Element parent, String namespace, String localName) {
        Element child = child(parent, namespace, localName);
        return child == null ? null : child.getTextContent().trim();
    }

    /** Appends {@code <localName>text</localName>} in the namespace, unless text is null. */
    public static Element append(Element parent, String namespace, String prefix, String localName, String text) {
        if (text == null) {
            return null;
        }
        Element element = parent.getOwnerDocument().createElementNS(namespace, prefix + ":" + localName);
        element.setTextContent(text);
        parent.appendChild(element);
        return element;
    }

    /** Appends an empty element to be filled by the caller. */
    public static Element appendElement(Element parent, String namespace, String prefix, String localName) {
        Element element = parent.getOwnerDocument().createElementNS(namespace, prefix + ":" + localName);
        parent.appendChild(element);
        return element;
    }
}
