package org.exchangenode.core.form;

import static org.exchangenode.core.form.ViolationCode.CONTROL_CHARACTER;
import static org.exchangenode.core.form.ViolationCode.REQUIRED;
import static org.exchangenode.core.form.ViolationCode.UNKNOWN_FIELD;
import static org.exchangenode.core.form.ViolationCode.WRONG_TYPE;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.envelope.Namespaces;
import org.exchangenode.core.xml.Dom;
import org.exchangenode.core.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The JSON shape of every business form, derived from its XSD so that the two can never disagree: an element becomes
 * a property named by its local name with the first letter in lower case ({@code LetterNumber} → {@code letterNumber});
 * an element of complex type an object; a repeated element an array; a wrapper whose only child repeats
 * ({@code YearlyRows/Row}) the array itself ({@code "yearlyRows": [ … ]}); xs:decimal and integer types JSON numbers
 * (or strings), xs:boolean JSON booleans, everything else strings. JSON is converted to the form's XML, which is then
 * checked like any XML submission; the JSON paths of the errors are given by {@link #jsonPath}. A text holding a
 * character XML cannot carry (a control character other than tab, line feed, carriage return) is refused by its JSON
 * path ({@code CONTROL_CHARACTER}).
 *
 * <p>The shapes are read from the XSDs ({@link FormShapes}: the subset the forms use). Thread-safe and immutable once
 * built.
 */
public final class JsonForms {
    /** JSON kinds of simple values. */
    public enum Kind { STRING, DECIMAL, INTEGER, BOOLEAN }

    /** A type: complex with ordered fields, or simple of a kind (with its enumeration, pattern and length, if any). */
    public record Type(List<Field> fields, Kind kind, List<String> enumeration, String pattern, String documentation) {
        public boolean complex() {
            return fields != null;
        }

        /** A wrapper whose only child repeats: shown in JSON as the array of that child. */
        public Optional<Field> collapsedArray() {
            return complex() && fields.size() == 1 && fields.get(0).repeated() ? Optional.of(fields.get(0)) : Optional.empty();
        }
    }

    /** An element of a sequence. */
    public record Field(String name, String namespace, String prefix, boolean required, boolean repeated, Type type,
                        String documentation) {
        public String jsonName() {
            return Character.toLowerCase(name.charAt(0)) + name.substring(1);
        }
    }

    private final Map<MessageType, Field> forms;
    private final String commonPrefix;

    /** Reads the XSDs of the forms (from the class path). */
    public JsonForms() {
        FormShapes shapes = new FormShapes();
        this.forms = Map.copyOf(shapes.forms());
        this.commonPrefix = shapes.commonPrefix();
    }

    /** The shape of a form's root element. */
    public Field form(MessageType type) {
        Field field = forms.get(type);
        if (field == null) {
            throw new IllegalArgumentException(type + " has no JSON shape (not a business form)");
        }
        return field;
    }

    /**
     * The form's XML for its JSON, with every structural problem (unknown property, wrong JSON type, missing required
     * property) in {@code violations} by JSON path. Values are copied as given: their rules are the XSD's and the
     * node's, checked on the XML afterwards.
     */
    public Document toXml(MessageType type, JsonNode json, List<FieldViolation> violations) {
        Field root = form(type);
        Document document = SecureXml.newDocument();
        Element element = document.createElementNS(root.namespace(), root.prefix() + ":" + root.name());
        element.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + root.prefix(), root.namespace());
        element.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + commonPrefix, Namespaces.COMMON);
        document.appendChild(element);
        if (json == null || !json.isObject()) {
            violations.add(new FieldViolation("$", WRONG_TYPE, "must be a JSON object: the " + type.wireName()));
            return document;
        }
        fill(element, root.type(), (ObjectNode) json, "", violations);
        return document;
    }

    private void fill(Element parent, Type type, ObjectNode json, String path, List<FieldViolation> violations) {
        Map<String, Field> byName = new LinkedHashMap<>();
        type.fields().forEach(f -> byName.put(f.jsonName(), f));
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!byName.containsKey(name)) {
                violations.add(new FieldViolation(path + name, UNKNOWN_FIELD, "is not a field of this form"
                        + suggestion(name, byName.keySet())));
            }
        }
        for (Field field : type.fields()) {
            JsonNode value = json.get(field.jsonName());
            String at = path + field.jsonName();
            if (value == null || value.isNull()) {
                if (field.required()) {
                    violations.add(new FieldViolation(at, REQUIRED, "is required"));
                }
                continue;
            }
            Optional<Field> array = field.type().collapsedArray();
            if (array.isPresent()) {
                if (!value.isArray()) {
                    violations.add(new FieldViolation(at, WRONG_TYPE, "must be a JSON array"));
                    continue;
                }
                Element wrapper = append(parent, field);
                if (value.isEmpty() && array.get().required()) {
                    violations.add(new FieldViolation(at, REQUIRED, "must hold at least one item"));
                }
                for (int i = 0; i < value.size(); i++) {
                    value(wrapper, array.get(), value.get(i), at + "[" + i + "]", violations);
                }
            } else if (field.repeated()) {
                if (!value.isArray()) {
                    violations.add(new FieldViolation(at, WRONG_TYPE, "must be a JSON array"));
                    continue;
                }
                for (int i = 0; i < value.size(); i++) {
                    value(parent, field, value.get(i), at + "[" + i + "]", violations);
                }
            } else {
                value(parent, field, value, at, violations);
            }
        }
    }

    private void value(Element parent, Field field, JsonNode value, String at, List<FieldViolation> violations) {
        if (field.type().complex()) {
            if (!value.isObject()) {
                violations.add(new FieldViolation(at, WRONG_TYPE, "must be a JSON object"));
                return;
            }
            fill(append(parent, field), field.type(), (ObjectNode) value, at + ".", violations);
            return;
        }
        String text;
        if (value.isTextual()) {
            text = value.textValue();
        } else if (value.isNumber() && field.type().kind() != Kind.STRING && field.type().kind() != Kind.BOOLEAN) {
            text = value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.decimalValue().toPlainString();
        } else if (value.isBoolean() && field.type().kind() == Kind.BOOLEAN) {
            text = String.valueOf(value.booleanValue());
        } else {
            violations.add(new FieldViolation(at, WRONG_TYPE, "must be a JSON " + switch (field.type().kind()) {
                case DECIMAL, INTEGER -> "number";
                case BOOLEAN -> "boolean";
                case STRING -> "string";
            }));
            return;
        }
        if (!FieldChecks.xmlCarries(text)) {
            // refused here, by its JSON path, before any XML is written of it (it would fail as malformed XML later)
            violations.add(new FieldViolation(at, CONTROL_CHARACTER,
                    FieldChecks.CONTROL_CHARACTER_MESSAGE));
            return;
        }
        append(parent, field).setTextContent(text);
    }

    private static Element append(Element parent, Field field) {
        Element element = parent.getOwnerDocument().createElementNS(field.namespace(), field.prefix() + ":" + field.name());
        parent.appendChild(element);
        return element;
    }

    /** The JSON of a form's XML (for examples, tests and local systems that prefer JSON). */
    public ObjectNode toJson(Element form) {
        MessageType type = MessageType.fromWireName(form.getLocalName())
                .orElseThrow(() -> new IllegalArgumentException("not a form: " + form.getLocalName()));
        return XmlToJson.object(form, form(type).type());
    }

    /**
     * The JSON path of an element path of this form ({@code /InfoForm/YearlyRows/Row[2]/ToMonth} →
     * {@code yearlyRows[1].toMonth}), or the element path itself when it is not one of the form's.
     */
    public String jsonPath(MessageType type, String elementPath) {
        String[] segments = elementPath.split("/");
        Field root = form(type);
        if (segments.length < 2 || !segments[1].replaceAll("\\[\\d+]$", "").equals(root.name())) {
            return elementPath;
        }
        StringBuilder path = new StringBuilder();
        Type current = root.type();
        for (int i = 2; i < segments.length; i++) {
            String name = segments[i].replaceAll("\\[\\d+]$", "");
            int index = segments[i].endsWith("]")
                    ? Integer.parseInt(segments[i].substring(segments[i].lastIndexOf('[') + 1, segments[i].length() - 1)) - 1 : 0;
            Field field = current == null || !current.complex() ? null
                    : current.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
            if (field == null) {
                return elementPath;
            }
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(field.jsonName());
            Optional<Field> array = field.type().collapsedArray();
            if (array.isPresent() && i + 1 < segments.length) {
                String item = segments[++i];
                int itemIndex = item.endsWith("]")
                        ? Integer.parseInt(item.substring(item.lastIndexOf('[') + 1, item.length() - 1)) - 1 : 0;
                path.append('[').append(itemIndex).append(']');
                current = array.get().type();
            } else {
                if (field.repeated()) {
                    path.append('[').append(index).append(']');
                }
                current = field.type();
            }
        }
        return path.length() == 0 ? "$" : path.toString();
    }

    /**
     * The JSON path ({@code person.idNumber}, {@code yearlyRows[1].toMonth}) of the key that a parser with
     * {@code STRICT_DUPLICATE_DETECTION} found twice in one object, when {@code e} is that refusal (or, binding to a
     * class, wraps it).
     */
    public static Optional<String> duplicateKey(JsonProcessingException e) {
        JsonParseException parse = null;
        for (Throwable t = e; t != null && parse == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException p && p.getProcessor() != null && p.getOriginalMessage() != null
                    && p.getOriginalMessage().startsWith("Duplicate field '")) {
                parse = p;
            }
        }
        if (parse == null) {
            return Optional.empty();
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = parse.getProcessor().getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) {
                path.insert(0, "." + c.getCurrentName());
            } else if (c.inArray()) {
                path.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        return Optional.of(path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : "$" + path);
    }

    private static String suggestion(String name, Set<String> known) {
        return known.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().map(k -> " (did you mean " + k + "?)")
                .orElse("");
    }
}
