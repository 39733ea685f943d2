package org.exchangenode.routes.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.form.JsonForms;

/**
 * Adds the JSON shape of every form to the OpenAPI document the node serves ({@code /q/openapi}), derived from the
 * XSDs exactly as the intake derives it: components {@code <Type>Form} (e.g. {@code InfoFormForm}), and the body of
 * {@code submitFormJson} as one of them. Registered with {@code mp.openapi.filter}.
 */
public class FormSchemas implements OASFilter {
    private final JsonForms forms = new JsonForms();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        openAPI.setComponents(components);
        List<Schema> choices = new ArrayList<>();
        for (MessageType type : MessageType.values()) {
            if (!type.business()) {
                continue;
            }
            String name = type.wireName() + "Form";
            JsonForms.Field root = forms.form(type);
            components.addSchema(name, schema(root.type()).description("The JSON of a " + type.wireName()
                    + " (" + type.bodyNamespace() + "), derived from its XSD."));
            choices.add(OASFactory.createSchema().ref("#/components/schemas/" + name));
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Operation operation : path.getValue().getOperations().values()) {
                if ("submitFormJson".equals(operation.getOperationId()) && operation.getRequestBody() != null
                        && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().getMediaTypes().values()
                            .forEach(media -> media.setSchema(OASFactory.createSchema().oneOf(choices)));
                }
            }
        }
    }

    private Schema schema(JsonForms.Type type) {
        if (type.complex()) {
            var array = type.collapsedArray();
            if (array.isPresent()) {
                return OASFactory.createSchema().type(List.of(SchemaType.ARRAY)).items(field(array.get()));
            }
            Schema object = OASFactory.createSchema().type(List.of(SchemaType.OBJECT)).additionalPropertiesBoolean(false);
            for (JsonForms.Field field : type.fields()) {
                object.addProperty(field.jsonName(), field.repeated() && field.type().collapsedArray().isEmpty()
                        ? OASFactory.createSchema().type(List.of(SchemaType.ARRAY)).items(field(field)) : field(field));
                if (field.required()) {
                    object.addRequired(field.jsonName());
                }
            }
            return object;
        }
        Schema simple = OASFactory.createSchema();
        switch (type.kind()) {
            case DECIMAL -> simple.type(List.of(SchemaType.NUMBER, SchemaType.STRING));
            case INTEGER -> simple.type(List.of(SchemaType.INTEGER, SchemaType.STRING));
            case BOOLEAN -> simple.type(List.of(SchemaType.BOOLEAN));
            case STRING -> simple.type(List.of(SchemaType.STRING));
        }
        if (type.enumeration() != null && !type.enumeration().isEmpty()) {
            simple.enumeration(new ArrayList<>(type.enumeration()));
        }
        if (type.pattern() != null && type.kind() == JsonForms.Kind.STRING) {
            simple.pattern("^(" + type.pattern() + ")$");
        }
        return simple;
    }

    private Schema field(JsonForms.Field field) {
        Schema schema = schema(field.type());
        String doc = field.documentation() != null ? field.documentation() : field.type().documentation();
        if (doc != null) {
            schema.description(doc);
        }
        return schema;
    }
}
