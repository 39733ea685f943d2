package org.exchangenode.core.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.form.JsonForms.Field;
import org.exchangenode.core.form.JsonForms.Type;
import org.exchangenode.core.xml.Dom;
import org.w3c.dom.Element;

/** The JSON of a form's XML by its shape ({@link JsonForms#toJson}): amounts keep their fen, rows become arrays. */
final class XmlToJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private XmlToJson() {
    }

    static ObjectNode object(Element element, Type type) {
        ObjectNode json = NODES.objectNode();
        List<Element> children = Dom.children(element);
        for (Field field : type.fields()) {
            List<Element> matching = children.stream().filter(c -> field.name().equals(c.getLocalName())).toList();
            if (matching.isEmpty()) {
                continue;
            }
            Optional<Field> array = field.type().collapsedArray();
            if (array.isPresent()) {
                ArrayNode items = json.putArray(field.jsonName());
                for (Element item : Dom.children(matching.get(0))) {
                    items.add(jsonValue(item, array.get().type()));
                }
            } else if (field.repeated()) {
                ArrayNode items = json.putArray(field.jsonName());
                matching.forEach(m -> items.add(jsonValue(m, field.type())));
            } else {
                json.set(field.jsonName(), jsonValue(matching.get(0), field.type()));
            }
        }
        return json;
    }

    private static JsonNode jsonValue(Element element, Type type) {
        if (type.complex()) {
            return object(element, type);
        }
        String text = element.getTextContent();
        return switch (type.kind()) {
            case DECIMAL -> NODES.numberNode(new BigDecimal(text));
            case INTEGER -> NODES.numberNode(new BigInteger(text));
            case BOOLEAN -> NODES.booleanNode(Boolean.parseBoolean(text));
            case STRING -> NODES.textNode(text);
        };
    }
}
