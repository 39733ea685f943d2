package org.exchangenode.core.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML parsing and serialisation that is safe for documents from other nodes: no DTD at all (so no entity
 * expansion, internal or external), no XInclude, no external access, and hard limits checked before any DOM is built:
 * the size, then — by a streaming pass that stops at the first excess — the nesting depth and the number of elements
 * ({@link ErrorCode#DOCUMENT_TOO_COMPLEX}). The JDK's parser bounds neither by default (Java 17:
 * {@code jdk.xml.maxElementDepth} is 0, unlimited, and there is no element count limit), and a document nested
 * 100,000 deep in 700 KB costs a minute of schema validation and gigabytes of heap.
 */
public final class SecureXml {
    private static final DocumentBuilderFactory FACTORY = secureFactory();
    private static final TransformerFactory TRANSFORMERS = secureTransformerFactory();
    private static final XMLInputFactory STAX = secureStax();
    /**
     * A parser and a serialiser per thread, reset after each use: making them took a tenth of the parsing time of a
     * 4.6 KB message (the factory looks up and configures a new parser, security manager and symbol table each time).
     */
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SecureXml::newBuilder);
    private static final ThreadLocal<Transformer> SERIALISERS = ThreadLocal.withInitial(SecureXml::newSerialiser);

    private SecureXml() {
    }

    /**
     * How much a document may cost: bytes, nesting depth (the root is depth 1) and elements. The defaults are far
     * above any real message (the largest sample form nests 4 deep in 77 elements; its signed envelope about 10 deep).
     */
    public record Limits(int maxBytes, int maxDepth, int maxElements) {
        public static final int DEFAULT_MAX_DEPTH = 32;
        public static final int DEFAULT_MAX_ELEMENTS = 20_000;

        public Limits {
            if (maxBytes < 1 || maxDepth < 1 || maxElements < 1) {
                throw new IllegalArgumentException("XML limits must be positive");
            }
        }

        /** {@code maxBytes} and the default depth and element limits. */
        public static Limits of(int maxBytes) {
            return new Limits(maxBytes, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ELEMENTS);
        }
    }

    /** Parses {@code bytes} into a namespace-aware DOM, refusing documents over {@code maxBytes} or the default limits. */
    public static Document parse(byte[] bytes, int maxBytes) {
        return parse(bytes, Limits.of(maxBytes));
    }

    /** Parses {@code bytes} into a namespace-aware DOM, refusing documents over any of the {@code limits}. */
    public static Document parse(byte[] bytes, Limits limits) {
        if (bytes == null || bytes.length == 0) {
            throw new ExchangeException(ErrorCode.MALFORMED_XML, "empty message");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new ExchangeException(ErrorCode.MESSAGE_TOO_LARGE,
                    "message of " + bytes.length + " bytes exceeds the limit of " + limits.maxBytes() + " bytes");
        }
        requireBounded(bytes, limits);
        DocumentBuilder builder = BUILDERS.get();
        try {
            builder.setErrorHandler(RETHROW);
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXParseException e) {
            throw new ExchangeException(ErrorCode.MALFORMED_XML,
                    "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new ExchangeException(ErrorCode.MALFORMED_XML, e.getMessage(), e);
        } finally {
            // back to its first state, holding nothing of this document even when parsing it failed half-way
            builder.reset();
        }
    }

    /**
     * Counts depth and elements with a streaming reader, stopping at the first excess. A DTD is left to the DOM
     * parser, which refuses any; a document the reader cannot read is refused with its line and column.
     */
    private static void requireBounded(byte[] bytes, Limits limits) {
        XMLStreamReader reader = null;
        try {
            reader = STAX.createXMLStreamReader(new ByteArrayInputStream(bytes));
            int depth = 0;
            int elements = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (++depth > limits.maxDepth()) {
                        throw new ExchangeException(ErrorCode.DOCUMENT_TOO_COMPLEX, "the document nests elements deeper than "
                                + limits.maxDepth() + " levels");
                    }
                    if (++elements > limits.maxElements()) {
                        throw new ExchangeException(ErrorCode.DOCUMENT_TOO_COMPLEX, "the document holds more than "
                                + limits.maxElements() + " elements");
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.DTD) {
                    return;
                }
            }
        } catch (XMLStreamException e) {
            // refused here, not handed on: a document this pass cannot read must not reach the unbounded DOM parser
            throw new ExchangeException(ErrorCode.MALFORMED_XML, e.getLocation() == null ? "not well-formed"
                    : "line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber()
                    + ": not well-formed", e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held but the byte array
                }
            }
        }
    }

    /** A new empty namespace-aware document. */
    public static Document newDocument() {
        return BUILDERS.get().newDocument();
    }

    /** Serialises a document as UTF-8 without reformatting (signatures depend on the exact content). */
    public static byte[] toBytes(Document document) {
        Transformer transformer = SERIALISERS.get();
        try {
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "cannot serialise XML: " + e.getMessage(), e);
        } finally {
            // back to its first state (output properties, error listener), holding nothing of this document
            transformer.reset();
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "XML parser unavailable", e);
        }
    }

    private static Transformer newSerialiser() {
        try {
            return TRANSFORMERS.newTransformer();
        } catch (TransformerConfigurationException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "XML serialiser unavailable", e);
        }
    }

    private static DocumentBuilderFactory secureFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be made safe", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    /** The JDK's own StAX reader (not whichever the class path offers), without DTDs or external entities. */
    private static XMLInputFactory secureStax() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    private static TransformerFactory secureTransformerFactory() {
        TransformerFactory factory = TransformerFactory.newInstance();
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return factory;
    }

    private static final ErrorHandler RETHROW = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
