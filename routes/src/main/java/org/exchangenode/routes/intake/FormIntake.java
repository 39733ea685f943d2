package org.exchangenode.routes.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterValidator;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.FormContext;
import org.exchangenode.core.form.FormRules;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.JsonForms;
import org.exchangenode.core.form.ViolationCode;
import org.exchangenode.core.xml.SchemaViolation;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.directory.PeerDirectory;
import org.exchangenode.routes.outbound.OutboundMessages;
import org.exchangenode.routes.persistence.CaseUpdate;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Intake of every form from the local system, as XML (the form's element) or as JSON (its shape derived from the
 * XSD, {@link JsonForms}), for the REST API, the SOAP service and the file drop alike: the schema and the rules
 * beyond it are checked at once (every violation named — by JSON path for JSON, by element path for XML — nothing
 * stored), then the form is signed and stored for sending. A contact letter opens a new case (its conversation id is
 * assigned here); every other form goes to node {@code to} in case {@code conversationId}.
 */
@Singleton
public class FormIntake {
    private static final Logger LOG = Logger.getLogger(FormIntake.class);
    private static final String CONVERSATION_PATTERN = "[0-9A-Za-z][0-9A-Za-z\\-_.]{0,63}";
    private final ObjectMapper mapper;
    private final NodeConfig config;
    private final XsdValidator schemas;
    private final JsonForms jsonForms;
    private final OutboundMessages outbound;
    private final ContactLetterIntake letters;
    private final PeerDirectory directory;

    public FormIntake(NodeConfig config, XsdValidator schemas, JsonForms jsonForms, OutboundMessages outbound,
                      ContactLetterIntake letters, PeerDirectory directory) {
        this.directory = directory;
        this.config = config;
        // the same bounds as for XML, before any tree is built: a form nests a few levels and holds a few hundred values
        this.mapper = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(config.maxDocumentDepth())
                .maxTokenCount(4L * config.maxDocumentElements())
                .build()).build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // a key given twice would otherwise count with its last value: the signed form would not be what was meant
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.schemas = schemas;
        this.jsonForms = jsonForms;
        this.outbound = outbound;
        this.letters = letters;
    }

    /** The forms this intake takes, by the name that designates them in paths and file names. */
    public static Optional<MessageType> type(String segment) {
        return switch (segment) {
            case "contact-letter" -> Optional.of(MessageType.CONTACT_LETTER);
            case "info-form" -> Optional.of(MessageType.INFO_FORM);
            case "fund-transfer-notice" -> Optional.of(MessageType.FUND_TRANSFER_NOTICE);
            case "completion-notice" -> Optional.of(MessageType.COMPLETION_NOTICE);
            case "refusal" -> Optional.of(MessageType.REFUSAL);
            case "reminder" -> Optional.of(MessageType.REMINDER);
            default -> Optional.empty();
        };
    }

    public static final String TYPES = "contact-letter, info-form, fund-transfer-notice, completion-notice, refusal, reminder";

    /** A form as the XML of its element. */
    public EnvelopeHeader submitXml(MessageType type, String to, String conversationId, byte[] xml) {
        return submitXml(type, to, conversationId, xml, null);
    }

    /** As {@link #submitXml(MessageType, String, String, byte[])}, applying {@code also} in the storing transaction. */
    public EnvelopeHeader submitXml(MessageType type, String to, String conversationId, byte[] xml, Function<EnvelopeHeader, CaseUpdate> also) {
        List<FieldViolation> violations = new ArrayList<>();
        Document form;
        try {
            form = SecureXml.parse(xml, config.documentLimits());
        } catch (ExchangeException e) {
            if (e.code() == ErrorCode.DOCUMENT_TOO_COMPLEX) {
                throw e;
            }
            violations.addAll(parameters(type, to, conversationId));
            violations.add(new FieldViolation("body", ViolationCode.NOT_XML, "is not well-formed XML: " + e.getMessage()));
            throw new InvalidFormException(violations);
        }
        Element root = form.getDocumentElement();
        if (!type.wireName().equals(root.getLocalName()) || !type.bodyNamespace().equals(root.getNamespaceURI())) {
            violations.addAll(parameters(type, to, conversationId));
            violations.add(new FieldViolation("body", ViolationCode.WRONG_FORM, "must be a " + type.wireName() + " in namespace "
                    + type.bodyNamespace()));
            throw new InvalidFormException(violations);
        }
        return submit(type, to, conversationId, form, violations, UnaryOperator.identity(), also);
    }

    /** A form as JSON of the shape {@link JsonForms} derives from its XSD. */
    public EnvelopeHeader submitJson(MessageType type, String to, String conversationId, byte[] json) {
        return submitJson(type, to, conversationId, json, null);
    }

    /** As {@link #submitJson(MessageType, String, String, byte[])}, applying {@code also} in the storing transaction. */
    public EnvelopeHeader submitJson(MessageType type, String to, String conversationId, byte[] json, Function<EnvelopeHeader, CaseUpdate> also) {
        List<FieldViolation> violations = new ArrayList<>();
        JsonNode tree;
        try {
            if (json.length > config.maxMessageBytes()) {
                throw new InvalidFormException(List.of(new FieldViolation("body", ViolationCode.TOO_LARGE, "is larger than "
                        + config.maxMessageBytes() + " bytes")));
            }
            tree = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new ExchangeException(ErrorCode.DOCUMENT_TOO_COMPLEX, e.getMessage().contains("nesting depth")
                    ? "the JSON nests deeper than " + config.maxDocumentDepth() + " levels"
                    : "the JSON holds more than " + 4L * config.maxDocumentElements() + " tokens");
        } catch (JsonProcessingException e) {
            violations.addAll(parameters(type, to, conversationId));
            Optional<String> duplicate = JsonForms.duplicateKey(e);
            violations.add(duplicate.isPresent()
                    ? new FieldViolation(duplicate.get(), ViolationCode.DUPLICATE_KEY, "appears twice in one JSON object")
                    : new FieldViolation("body", ViolationCode.NOT_JSON, "is not valid JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
            throw new InvalidFormException(violations);
        } catch (IOException e) {
            throw new InvalidFormException(List.of(new FieldViolation("body", ViolationCode.NOT_JSON, "cannot be read")));
        }
        Document form = jsonForms.toXml(type, tree, violations);
        if (violations.isEmpty()) {
            // sign what a parser makes of it, exactly as for an XML submission
            form = SecureXml.parse(SecureXml.toBytes(form), new SecureXml.Limits(Integer.MAX_VALUE,
                    config.maxDocumentDepth(), config.maxDocumentElements()));
        }
        return submit(type, to, conversationId, form, violations, path -> jsonForms.jsonPath(type, path), also);
    }

    private EnvelopeHeader submit(MessageType type, String to, String conversationId, Document form,
                                  List<FieldViolation> structural, UnaryOperator<String> paths,
                                  Function<EnvelopeHeader, CaseUpdate> also) {
        List<FieldViolation> violations = new ArrayList<>(parameters(type, to, conversationId));
        int parameterProblems = violations.size();
        violations.addAll(structural);
        for (SchemaViolation v : schemas.validate(form)) {
            // a missing or unknown JSON property is already named by its path; the validator's view of it is noise
            if (structural.isEmpty() || !v.message().startsWith("cvc-complex-type.2.4")) {
                violations.add(new FieldViolation(paths.apply(v.path()), ViolationCode.SCHEMA, v.message()));
            }
        }
        boolean schemaValid = violations.size() == parameterProblems;
        Element root = form.getDocumentElement();
        ContactLetter letter = null;
        if (schemaValid && type == MessageType.CONTACT_LETTER) {
            letter = ContactLetterXml.read(root);
            violations.addAll(ContactLetterValidator.validateOutbound(letter, new FormContext(config.id(),
                    directory.peerIds(), LocalDate.now(ContactLetterIntake.BUSINESS_ZONE))));
            if (to != null && !to.equals(letter.addresseeAgency().nodeId())) {
                violations.add(new FieldViolation("to", ViolationCode.MISMATCH, "differs from the addressee agency's node id"));
            }
        } else if (schemaValid) {
            FormRules.check(root, LocalDate.now(ContactLetterIntake.BUSINESS_ZONE)).forEach(v ->
                    violations.add(new FieldViolation(paths.apply(v.field()), v.code(), v.message())));
        }
        if (!violations.isEmpty()) {
            throw new InvalidFormException(violations);
        }
        if (letter != null) {
            return letters.submit(letter, also);
        }
        EnvelopeHeader header = EnvelopeHeader.create(type, config.id(), to, conversationId, null);
        outbound.send(header, root, also);
        LOG.infof("%s %s (case %s) to %s stored for sending", type.wireName(), header.messageId(), conversationId, to);
        return header;
    }

    private List<FieldViolation> parameters(MessageType type, String to, String conversationId) {
        List<FieldViolation> violations = new ArrayList<>();
        if (type == MessageType.CONTACT_LETTER) {
            if (conversationId != null) {
                violations.add(new FieldViolation("conversationId", ViolationCode.NOT_ALLOWED,
                        "a contact letter opens a new case: the node assigns its conversation id"));
            }
            return violations;
        }
        if (to == null || !directory.isPeer(to)) {
            violations.add(new FieldViolation("to", ViolationCode.UNKNOWN_PEER, "must be an active node of the peer directory"));
        }
        if (conversationId == null || !conversationId.matches(CONVERSATION_PATTERN)) {
            violations.add(new FieldViolation("conversationId", ViolationCode.FORMAT,
                    "must be the case number: a letter or digit, then up to 63 letters, digits, '-', '_' or '.'"));
        }
        return violations;
    }
}
