package org.exchangenode.routes.intake;

import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.FormRules;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.xml.SchemaViolation;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.outbound.OutboundMessages;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;

/**
 * Intake of the forms after the contact letter, as the XML of the form's body: the schema and the rules beyond it
 * are checked at once (every violation by element path, nothing stored), then the form is signed and stored for
 * sending to the peer in the case given.
 */
@Singleton
public class FormIntake {
    private static final Logger LOG = Logger.getLogger(FormIntake.class);
    private static final String CONVERSATION_PATTERN = "[0-9A-Za-z][0-9A-Za-z\\-_.]{0,63}";
    private final NodeConfig config;
    private final XsdValidator schemas;
    private final OutboundMessages outbound;

    public FormIntake(NodeConfig config, XsdValidator schemas, OutboundMessages outbound) {
        this.config = config;
        this.schemas = schemas;
        this.outbound = outbound;
    }

    /** The forms this intake takes, by the path segment that names them. */
    public static Optional<MessageType> type(String segment) {
        return switch (segment) {
            case "info-form" -> Optional.of(MessageType.INFO_FORM);
            case "fund-transfer-notice" -> Optional.of(MessageType.FUND_TRANSFER_NOTICE);
            case "completion-notice" -> Optional.of(MessageType.COMPLETION_NOTICE);
            case "refusal" -> Optional.of(MessageType.REFUSAL);
            case "reminder" -> Optional.of(MessageType.REMINDER);
            default -> Optional.empty();
        };
    }

    public EnvelopeHeader submit(MessageType type, String to, String conversationId, byte[] xml) {
        List<FieldViolation> violations = new ArrayList<>();
        if (to == null || !config.peers().containsKey(to)) {
            violations.add(new FieldViolation("to", "UNKNOWN_PEER", "must be a node of this node's peer directory"));
        }
        if (conversationId == null || !conversationId.matches(CONVERSATION_PATTERN)) {
            violations.add(new FieldViolation("conversationId", "FORMAT",
                    "must be the case number: a letter or digit, then up to 63 letters, digits, '-', '_' or '.'"));
        }
        Document form;
        try {
            form = SecureXml.parse(xml, config.maxMessageBytes());
        } catch (ExchangeException e) {
            violations.add(new FieldViolation("body", "NOT_XML", "is not well-formed XML: " + e.getMessage()));
            throw new InvalidFormException(violations);
        }
        String root = form.getDocumentElement().getLocalName();
        if (!type.wireName().equals(root) || !type.bodyNamespace().equals(form.getDocumentElement().getNamespaceURI())) {
            violations.add(new FieldViolation("body", "WRONG_FORM", "must be a " + type.wireName() + " in namespace "
                    + type.bodyNamespace()));
            throw new InvalidFormException(violations);
        }
        List<SchemaViolation> schemaViolations = schemas.validate(form);
        schemaViolations.forEach(v -> violations.add(new FieldViolation(v.path(), "SCHEMA", v.message())));
        if (schemaViolations.isEmpty()) {
            violations.addAll(FormRules.check(form.getDocumentElement(), LocalDate.now(ContactLetterIntake.BUSINESS_ZONE)));
        }
        if (!violations.isEmpty()) {
            throw new InvalidFormException(violations);
        }
        EnvelopeHeader header = EnvelopeHeader.create(type, config.id(), to, conversationId, null);
        outbound.send(header, form.getDocumentElement());
        LOG.infof("%s %s (case %s) to %s stored for sending", type.wireName(), header.messageId(), conversationId, to);
        return header;
    }
}
