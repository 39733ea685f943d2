package org.exchangenode.core.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** Xerces opens every message with the key of the rule broken, e.g. {@code cvc-datatype-valid.1.2.1:}. */
    private static final Pattern RULE_KEY = Pattern.compile("(cvc-[A-Za-z]+(?:-[A-Za-z]+)*(?:\\.[0-9a-z]+)*):");
    /** Rules about which element or attribute is where: their messages hold names from the schema, no values. */
    private static final Pattern STRUCTURE_RULES = Pattern.compile(
            "cvc-complex-type\\..*|cvc-elt\\.1.*|cvc-elt\\.2|cvc-type\\.2|cvc-type\\.3\\.1\\.[12]");
    private static final Pattern TRAILING_TYPE = Pattern.compile("'([A-Za-z_][A-Za-z0-9_.\\-]*)'\\.?\\s*$");
    /** What each rule whose message quotes the value requires, by key prefix. */
    private static final Map<String, String> RULES = rules();

    private final Schema schema;
    /** A validator per thread (one is not thread-safe; making one for every document cost a fifth of validating it). */
    private final ThreadLocal<Validator> validators;

    public XsdValidator() {
        this.schema = loadSchema();
        this.validators = ThreadLocal.withInitial(schema::newValidator);
    }

    /** Returns every violation, or an empty list when the document is valid. */
    public List<SchemaViolation> validate(Document document) {
        Validator validator = validators.get();
        List<SchemaViolation> violations = new ArrayList<>();
        validator.setErrorHandler(new Collector(validator, violations));
        try {
            validator.validate(new DOMSource(document));
        } catch (SAXException e) {
            if (violations.isEmpty()) {
                violations.add(new SchemaViolation("/", -1, -1, withoutValues(e.getMessage())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            // back to its first state after every document, valid or not: no handler, no reference to this document
            validator.reset();
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

    /**
     * Validator messages quote the offending value ({@code '1988-02-30' is not a valid value for 'date'}), which may
     * be an ID number, a name or a birth date: keep the rule's key and say what it requires, never the value.
     * Messages about the structure (which element is missing or unexpected where) quote only names and stay whole.
     */
    static String withoutValues(String message) {
        Matcher key = message == null ? null : RULE_KEY.matcher(message);
        if (key == null || !key.lookingAt()) {
            return "does not match the schema";
        }
        String rule = key.group(1);
        if (STRUCTURE_RULES.matcher(rule).matches()) {
            return message;
        }
        return rule + ": " + RULES.entrySet().stream().filter(e -> rule.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("breaks this rule of the schema")
                + (rule.startsWith("cvc-datatype-valid") ? typeOf(message) : "");
    }

    /** The type a datatype message names last ({@code … for 'date'.}), if it is a plain name. */
    private static String typeOf(String message) {
        Matcher type = TRAILING_TYPE.matcher(message);
        return type.find() ? " '" + type.group(1) + "'" : "";
    }

    private static Map<String, String> rules() {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("cvc-datatype-valid.1.2.2", "not a valid value of list type");
        rules.put("cvc-datatype-valid.1.2.3", "not a valid value of union type");
        rules.put("cvc-datatype-valid", "not a valid value of type");
        rules.put("cvc-enumeration-valid", "not one of the values the schema allows");
        rules.put("cvc-pattern-valid", "does not match the pattern of its type");
        rules.put("cvc-length-valid", "does not have the length its type requires");
        rules.put("cvc-minLength-valid", "shorter than its type allows");
        rules.put("cvc-maxLength-valid", "longer than its type allows");
        rules.put("cvc-minInclusive-valid", "below the smallest value its type allows");
        rules.put("cvc-minExclusive-valid", "below the smallest value its type allows");
        rules.put("cvc-maxInclusive-valid", "above the largest value its type allows");
        rules.put("cvc-maxExclusive-valid", "above the largest value its type allows");
        rules.put("cvc-totalDigits-valid", "more digits than its type allows");
        rules.put("cvc-fractionDigits-valid", "more decimal places than its type allows");
        rules.put("cvc-type.3.1.3", "the element's value is not valid for its type");
        rules.put("cvc-attribute", "the attribute's value is not valid for its type");
        rules.put("cvc-elt.5", "the element's value differs from the value the schema fixes");
        rules.put("cvc-id", "breaks an ID/IDREF rule");
        rules.put("cvc-identity-constraint", "breaks a uniqueness or key constraint");
        return Collections.unmodifiableMap(rules);
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
