package org.exchangenode.core.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates documents against the node's XSDs (the envelope, transport messages and every form, from the
 * {@code schemas} module on the class path) and reports every violation with the path of the element at fault.
 * One instance is thread-safe; build it once.
 */
public final class XsdValidator {
    /** Class-path folder of the XSDs. */
    public static final String XSD_ROOT = "exchangenode/xsd/";
    /** The XSDs, imported ones first. */
    public static final List<String> SCHEMA_FILES = List.of(
            "common-1.xsd", "envelope-1.xsd", "transport-1.xsd", "contact-letter-1.xsd", "info-form-1.xsd",
            "fund-transfer-notice-1.xsd", "completion-notice-1.xsd", "refusal-1.xsd", "reminder-1.xsd",
            "intake-service-1.xsd");
    private static final String CURRENT_NODE = "http://apache.org/xml/properties/dom/current-element-node";

    private final Schema schema;

    public XsdValidator() {
        this.schema = loadSchema();
    }

    /** Returns every violation, or an empty list when the document is valid. */
    public List<SchemaViolation> validate(Document document) {
        Validator validator = schema.newValidator();
        List<SchemaViolation> violations = new ArrayList<>();
        validator.setErrorHandler(new Collector(validator, violations));
        try {
            validator.validate(new DOMSource(document));
        } catch (SAXException e) {
            if (violations.isEmpty()) {
                violations.add(new SchemaViolation("/", -1, -1, e.getMessage()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(violations);
    }

    /** Throws {@link ErrorCode#SCHEMA_INVALID} listing every violation, unless the document is valid. */
    public void requireValid(Document document) {
        List<SchemaViolation> violations = validate(document);
        if (!violations.isEmpty()) {
            throw new ExchangeException(ErrorCode.SCHEMA_INVALID, summarise(violations));
        }
    }

    static String summarise(List<SchemaViolation> violations) {
        StringBuilder text = new StringBuilder();
        for (SchemaViolation violation : violations) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(violation);
            if (text.length() > 1500) {
                text.append("; …");
                break;
            }
        }
        return text.toString();
    }

    /** Validator messages quote the offending value, which may be an ID number or a name: keep it out. */
    static String withoutValues(String message) {
        return message == null ? null : message.replaceAll("(?i)(value ')[^']*(')", "$1***$2");
    }

    private static Schema loadSchema() {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the schema factory cannot be made safe", e);
        }
        factory.setResourceResolver(new ClasspathResolver());
        StreamSource[] sources = SCHEMA_FILES.stream().map(XsdValidator::source).toArray(StreamSource[]::new);
        try {
            return factory.newSchema(sources);
        } catch (SAXException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot load the XSDs: " + e.getMessage(), e);
        }
    }

    private static StreamSource source(String file) {
        URL url = XsdValidator.class.getClassLoader().getResource(XSD_ROOT + file);
        if (url == null) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "XSD not on the class path: " + XSD_ROOT + file);
        }
        try {
            StreamSource source = new StreamSource(url.openStream());
            source.setSystemId(file);
            return source;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolves xs:import by file name from the class path only: no file system, no network. */
    private static final class ClasspathResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
            if (systemId == null) {
                return null;
            }
            String file = systemId.substring(systemId.lastIndexOf('/') + 1);
            InputStream in = XsdValidator.class.getClassLoader().getResourceAsStream(XSD_ROOT + file);
            if (in == null) {
                throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "XSD import not found: " + systemId);
            }
            return new ClasspathInput(file, in);
        }
    }

    private record Collector(Validator validator, List<SchemaViolation> violations) implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
            violations.add(new SchemaViolation(currentPath(), e.getLineNumber(), e.getColumnNumber(), withoutValues(e.getMessage())));
        }

        @Override
        public void fatalError(SAXParseException e) {
            error(e);
        }

        private String currentPath() {
            try {
                Object node = validator.getProperty(CURRENT_NODE);
                return node instanceof Node element ? Dom.path(element) : "/";
            } catch (SAXException e) {
                return "/";
            }
        }
    }
}
