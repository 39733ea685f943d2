package org.exchangenode.core.form;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.envelope.Namespaces;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.JsonForms.Field;
import org.exchangenode.core.form.JsonForms.Kind;
import org.exchangenode.core.form.JsonForms.Type;
import org.exchangenode.core.xml.Dom;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.w3c.dom.Element;

/**
 * Reads the XSDs of the forms into the shapes {@link JsonForms} converts by: one {@link Field} per business form, its
 * types resolved across the schema files. Supports the subset the forms use: global elements, named and anonymous
 * complex types with xs:sequence, simple types by restriction.
 */
final class FormShapes {
    private static final String XS = "http://www.w3.org/2001/XMLSchema";
    private static final Set<String> DECIMAL = Set.of("decimal");
    private static final Set<String> INTEGER = Set.of("int", "integer", "long", "short", "byte", "positiveInteger",
            "nonNegativeInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort");

    private record Schema(String targetNamespace, String prefix, Element root, Map<String, String> prefixes) {
    }

    private final Map<String, Schema> schemas = new HashMap<>();
    private final Map<String, Type> resolved = new HashMap<>();
    private final Map<MessageType, Field> forms = new LinkedHashMap<>();

    FormShapes() {
        for (String file : XsdValidator.SCHEMA_FILES) {
            Element root = load(file);
            Map<String, String> prefixes = new HashMap<>();
            var attributes = root.getAttributes();
            String target = root.getAttribute("targetNamespace");
            String ownPrefix = null;
            for (int i = 0; i < attributes.getLength(); i++) {
                var attribute = attributes.item(i);
                if ("http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                    prefixes.put(attribute.getLocalName(), attribute.getNodeValue());
                    if (attribute.getNodeValue().equals(target) && !"xmlns".equals(attribute.getLocalName())) {
                        ownPrefix = attribute.getLocalName();
                    }
                }
            }
            schemas.put(target, new Schema(target, ownPrefix, root, prefixes));
        }
        for (MessageType type : MessageType.values()) {
            if (type.business()) {
                Schema schema = schema(type.bodyNamespace());
                Element element = global(schema, "element", type.wireName());
                forms.put(type, field(schema, element));
            }
        }
    }

    /** The root element of every business form. */
    Map<MessageType, Field> forms() {
        return forms;
    }

    /** The prefix the common types' schema declares for its own namespace. */
    String commonPrefix() {
        return schema(Namespaces.COMMON).prefix();
    }

    private static Element load(String file) {
        try (InputStream in = FormShapes.class.getClassLoader().getResourceAsStream(XsdValidator.XSD_ROOT + file)) {
            if (in == null) {
                throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "XSD not on the class path: " + file);
            }
            return SecureXml.parse(in.readAllBytes(), 1 << 20).getDocumentElement();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Schema schema(String namespace) {
        Schema schema = schemas.get(namespace);
        if (schema == null) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "no XSD for namespace " + namespace);
        }
        return schema;
    }

    private static Element global(Schema schema, String kind, String name) {
        for (Element child : Dom.children(schema.root())) {
            if (XS.equals(child.getNamespaceURI()) && kind.equals(child.getLocalName())
                    && name.equals(child.getAttribute("name"))) {
                return child;
            }
        }
        return null;
    }

    private Field field(Schema schema, Element element) {
        String max = element.getAttribute("maxOccurs");
        boolean repeated = !max.isEmpty() && !max.equals("1");
        boolean required = !"0".equals(element.getAttribute("minOccurs"));
        Type type;
        if (element.hasAttribute("type")) {
            type = type(schema, element.getAttribute("type"));
        } else {
            Element complex = Dom.child(element, XS, "complexType");
            Element simple = Dom.child(element, XS, "simpleType");
            type = complex != null ? complexType(schema, complex) : simple != null ? simpleType(schema, simple)
                    : new Type(null, Kind.STRING, List.of(), null, null);
        }
        return new Field(element.getAttribute("name"), schema.targetNamespace(), schema.prefix(), required, repeated,
                type, documentation(element));
    }

    private Type type(Schema schema, String qualifiedName) {
        int colon = qualifiedName.indexOf(':');
        String prefix = colon < 0 ? "" : qualifiedName.substring(0, colon);
        String local = qualifiedName.substring(colon + 1);
        String namespace = colon < 0 ? schema.targetNamespace() : schema.prefixes().get(prefix);
        if (XS.equals(namespace)) {
            return new Type(null, builtin(local), List.of(), null, null);
        }
        String key = namespace + "#" + local;
        Type known = resolved.get(key);
        if (known != null) {
            return known;
        }
        Schema owner = schema(namespace);
        Element complex = global(owner, "complexType", local);
        Element simple = global(owner, "simpleType", local);
        if (complex == null && simple == null) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "type " + qualifiedName + " is not declared");
        }
        Type type = complex != null ? complexType(owner, complex) : simpleType(owner, simple);
        resolved.put(key, type);
        return type;
    }

    private Type complexType(Schema schema, Element complex) {
        List<Field> fields = new ArrayList<>();
        Element sequence = Dom.child(complex, XS, "sequence");
        if (sequence != null) {
            for (Element element : Dom.children(sequence)) {
                if ("element".equals(element.getLocalName())) {
                    fields.add(field(schema, element));
                }
            }
        }
        return new Type(List.copyOf(fields), null, null, null, documentation(complex));
    }

    private Type simpleType(Schema schema, Element simple) {
        Element restriction = Dom.child(simple, XS, "restriction");
        if (restriction == null) {
            return new Type(null, Kind.STRING, List.of(), null, documentation(simple));
        }
        Type base = type(schema, restriction.getAttribute("base"));
        List<String> enumeration = new ArrayList<>();
        String pattern = null;
        for (Element facet : Dom.children(restriction)) {
            if ("enumeration".equals(facet.getLocalName())) {
                enumeration.add(facet.getAttribute("value"));
            } else if ("pattern".equals(facet.getLocalName())) {
                pattern = facet.getAttribute("value");
            }
        }
        return new Type(null, base.kind(), enumeration.isEmpty() ? base.enumeration() : List.copyOf(enumeration),
                pattern != null ? pattern : base.pattern(), documentation(simple));
    }

    private static Kind builtin(String local) {
        if (DECIMAL.contains(local)) {
            return Kind.DECIMAL;
        }
        if (INTEGER.contains(local)) {
            return Kind.INTEGER;
        }
        return "boolean".equals(local) ? Kind.BOOLEAN : Kind.STRING;
    }

    private static String documentation(Element element) {
        Element annotation = Dom.child(element, XS, "annotation");
        Element documentation = annotation == null ? null : Dom.child(annotation, XS, "documentation");
        return documentation == null ? null : documentation.getTextContent().trim().replaceAll("\\s+", " ");
    }
}
