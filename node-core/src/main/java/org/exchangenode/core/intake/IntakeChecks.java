package org.exchangenode.core.intake;

import static org.exchangenode.core.form.ViolationCode.DUPLICATE_KEY;
import static org.exchangenode.core.form.ViolationCode.FORMAT;
import static org.exchangenode.core.form.ViolationCode.MISMATCH;
import static org.exchangenode.core.form.ViolationCode.NOT_ALLOWED;
import static org.exchangenode.core.form.ViolationCode.NOT_JSON;
import static org.exchangenode.core.form.ViolationCode.NOT_XML;
import static org.exchangenode.core.form.ViolationCode.SCHEMA;
import static org.exchangenode.core.form.ViolationCode.TOO_LARGE;
import static org.exchangenode.core.form.ViolationCode.UNKNOWN_PEER;
import static org.exchangenode.core.form.ViolationCode.WRONG_FORM;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.exchangenode.core.envelope.ConversationIds;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterValidator;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.FormContext;
import org.exchangenode.core.form.FormFacts;
import org.exchangenode.core.form.FormRules;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.JsonForms;
import org.exchangenode.core.xml.SchemaViolation;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The one intake of forms from the local system, whatever door they come through (REST as XML or JSON, SOAP, the
 * file drop): each form is bounded and parsed once, checked once — the door's parameters, the XSD, then the rules
 * beyond it (a contact letter's field rules, or {@link FormRules}) — and comes out as a {@link CheckedForm}, or every
 * failing field at once in an {@link InvalidFormException}: by JSON path for JSON, by element path for XML, by JSON
 * path for a contact letter's field rules. A body nested too deep or holding too much is refused before it is parsed
 * ({@link ErrorCode#DOCUMENT_TOO_COMPLEX}). Thread-safe.
 */
public final class IntakeChecks {
    private static final String BODY = "body";
    private final XsdValidator schemas;
    private final JsonForms jsonForms;
    private final SecureXml.Limits limits;
    private final ObjectMapper mapper;

    /** {@code limits}: the size of a body, and the depth and element count of its tree (a JSON token counts a quarter). */
    public IntakeChecks(XsdValidator schemas, JsonForms jsonForms, SecureXml.Limits limits) {
        this.schemas = schemas;
        this.jsonForms = jsonForms;
        this.limits = limits;
        // the same bounds as for XML, before any tree is built: a form nests a few levels and holds a few hundred values
        this.mapper = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxTokenCount(4L * limits.maxElements())
                .build()).build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // a key given twice would otherwise count with its last value: the signed form would not be what was meant
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** A form as the XML of its element. */
    public CheckedForm xml(Submission submission, byte[] xml, FormContext context) {
        Document form;
        try {
            form = SecureXml.parse(xml, limits);
        } catch (ExchangeException e) {
            if (e.code() == ErrorCode.DOCUMENT_TOO_COMPLEX) {
                throw e;
            }
            throw refused(submission, context, new FieldViolation(BODY, NOT_XML, "is not well-formed XML: "
                    + e.getMessage()));
        }
        Element root = form.getDocumentElement();
        MessageType type = submission.type();
        if (!type.wireName().equals(root.getLocalName()) || !type.bodyNamespace().equals(root.getNamespaceURI())) {
            throw refused(submission, context, new FieldViolation(BODY, WRONG_FORM, "must be a " + type.wireName()
                    + " in namespace " + type.bodyNamespace()));
        }
        return check(submission, form, List.of(), UnaryOperator.identity(), context);
    }

    /** A form as JSON of the shape {@link JsonForms} derives from its XSD; its XML is written once. */
    public CheckedForm json(Submission submission, byte[] json, FormContext context) {
        if (json.length > limits.maxBytes()) {
            throw new InvalidFormException(List.of(new FieldViolation(BODY, TOO_LARGE, "is larger than "
                    + limits.maxBytes() + " bytes")));
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new ExchangeException(ErrorCode.DOCUMENT_TOO_COMPLEX, e.getMessage().contains("nesting depth")
                    ? "the JSON nests deeper than " + limits.maxDepth() + " levels"
                    : "the JSON holds more than " + 4L * limits.maxElements() + " tokens");
        } catch (JsonProcessingException e) {
            throw refused(submission, context, JsonForms.duplicateKey(e)
                    .map(key -> new FieldViolation(key, DUPLICATE_KEY, "appears twice in one JSON object"))
                    .orElseGet(() -> new FieldViolation(BODY, NOT_JSON, "is not valid JSON" + (e.getLocation() == null
                            ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"))));
        } catch (IOException e) {
            throw new InvalidFormException(List.of(new FieldViolation(BODY, NOT_JSON, "cannot be read")));
        }
        List<FieldViolation> structural = new ArrayList<>();
        Document form = jsonForms.toXml(submission.type(), tree, structural);
        if (structural.isEmpty()) {
            // sign what a parser makes of it, exactly as for an XML submission
            form = SecureXml.parse(SecureXml.toBytes(form), new SecureXml.Limits(Integer.MAX_VALUE,
                    limits.maxDepth(), limits.maxElements()));
        }
        return check(submission, form, structural, path -> jsonForms.jsonPath(submission.type(), path), context);
    }

    /**
     * A contact letter a door has already bound to its record (no {@code to}, no conversation id): its field rules,
     * then its XML, written once. Its XSD is the composer's check of the whole envelope, as for every message sent.
     */
    public CheckedForm letter(ContactLetter letter, FormContext context) {
        List<FieldViolation> violations = letterRules(letter, null, context);
        if (!violations.isEmpty()) {
            throw new InvalidFormException(violations);
        }
        return CheckedForm.letter(ContactLetterXml.write(letter), letter);
    }

    private CheckedForm check(Submission submission, Document form, List<FieldViolation> structural,
                              UnaryOperator<String> paths, FormContext context) {
        List<FieldViolation> violations = new ArrayList<>(parameters(submission, context));
        int parameterProblems = violations.size();
        violations.addAll(structural);
        for (SchemaViolation v : schemas.validate(form)) {
            // a missing or unknown JSON property is already named by its path; the validator's view of it is noise
            if (structural.isEmpty() || !v.message().startsWith("cvc-complex-type.2.4")) {
                violations.add(new FieldViolation(paths.apply(v.path()), SCHEMA, v.message()));
            }
        }
        Element body = form.getDocumentElement();
        ContactLetter letter = null;
        if (violations.size() == parameterProblems) {
            // valid against its XSD: the rules beyond it may read every element they need
            if (submission.type() == MessageType.CONTACT_LETTER) {
                letter = ContactLetterXml.read(body);
                violations.addAll(letterRules(letter, submission.to(), context));
            } else {
                FormRules.check(body, context.today()).forEach(v ->
                        violations.add(new FieldViolation(paths.apply(v.field()), v.code(), v.message())));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidFormException(violations);
        }
        return letter != null ? CheckedForm.letter(body, letter)
                : new CheckedForm(submission.type(), submission.to(), submission.conversationId(), body, null,
                        FormFacts.read(submission.type(), body));
    }

    /** A contact letter's field rules as the sending node applies them, and {@code to}, if given, its addressee. */
    private static List<FieldViolation> letterRules(ContactLetter letter, String to, FormContext context) {
        List<FieldViolation> violations = new ArrayList<>(ContactLetterValidator.validateOutbound(letter, context));
        if (to != null && !to.equals(letter.addresseeAgency().nodeId())) {
            violations.add(new FieldViolation("to", MISMATCH, "differs from the addressee agency's node id"));
        }
        return violations;
    }

    /** The door's parameters, named before any problem of the body. */
    private static List<FieldViolation> parameters(Submission submission, FormContext context) {
        List<FieldViolation> violations = new ArrayList<>();
        if (submission.type() == MessageType.CONTACT_LETTER) {
            if (submission.conversationId() != null) {
                violations.add(new FieldViolation("conversationId", NOT_ALLOWED,
                        "a contact letter opens a new case: the node assigns its conversation id"));
            }
            return violations;
        }
        if (submission.to() == null || !context.knownPeers().contains(submission.to())) {
            violations.add(new FieldViolation("to", UNKNOWN_PEER, "must be an active node of the peer directory"));
        }
        String conversationId = submission.conversationId();
        if (!ConversationIds.isValid(conversationId)) {
            violations.add(new FieldViolation("conversationId", FORMAT, "must be the case number: "
                    + ConversationIds.RULE));
        }
        return violations;
    }

    private static InvalidFormException refused(Submission submission, FormContext context, FieldViolation body) {
        List<FieldViolation> violations = parameters(submission, context);
        violations.add(body);
        return new InvalidFormException(violations);
    }
}
