package org.exchangenode.routes.deadlines;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.exchangenode.core.cases.CaseDeadlines.Alert;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.cases.CaseStep;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.envelope.Namespaces;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.FormFacts;
import org.exchangenode.core.xml.SchemaViolation;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.deadlines.StepStore.OpenStep;
import org.exchangenode.routes.messages.MessageWrite;
import org.exchangenode.routes.outbound.OutboundMessages;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Sends the peer a signed Reminder (催办) about a step waiting on it, through the outbox like any form: it is
 * receipted, resent, logged and appears on the case's timeline.
 */
@Singleton
public class Reminders {
    private static final Logger LOG = Logger.getLogger(Reminders.class);
    private static final String NS = MessageType.REMINDER.bodyNamespace();
    private final NodeConfig config;
    private final OutboundMessages outbound;
    private final XsdValidator schemas;
    private final StepStore steps;

    public Reminders(NodeConfig config, OutboundMessages outbound, XsdValidator schemas, StepStore steps) {
        this.steps = steps;
        this.config = config;
        this.outbound = outbound;
        this.schemas = schemas;
    }

    /**
     * Sends a Reminder for an open step, once per step and alert level: false (and logged) when the case lacks what a
     * Reminder must carry, or when another instance sent this one meanwhile.
     */
    public boolean send(OpenStep open, LocalDate due, Alert alert, LocalDate today) {
        String caseId = open.step().caseId();
        if (open.letterNumber() == null || open.letterNumber().isBlank()) {
            LOG.warnf("case %s: no Reminder sent for step %s, the case has no contact letter number", caseId,
                    open.step().step());
            return false;
        }
        Element body = body(open, due, alert, today);
        List<SchemaViolation> violations = schemas.validate(body.getOwnerDocument());
        if (!violations.isEmpty()) {
            LOG.warnf("case %s: no Reminder sent for step %s: %s", escape(caseId), open.step().step(),
                    escape(violations.get(0)));
            return false;
        }
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.REMINDER, config.id(), open.peer(), caseId, null);
        // the Reminder's facts are the case's own, which the node just wrote into its body
        MessageWrite.Reminded reminded = new MessageWrite.Reminded(caseId, open.step().step(), alert,
                header.messageId(), Instant.now());
        try {
            outbound.remind(header, body, new FormFacts(open.personIdNumber(), open.personName(), null, null, null),
                    reminded);
        } catch (ExchangeException e) {
            if (remindedMeanwhile(caseId, open, alert)) {
                LOG.infof("case %s: the %s Reminder for step %s was sent by another instance", caseId, alert,
                        open.step().step());
                return false;
            }
            throw e;
        }
        LOG.infof("Reminder %s sent to %s for case %s step %s (%s, due %s)", header.messageId(), open.peer(), caseId,
                open.step().step(), alert, due);
        return true;
    }

    private boolean remindedMeanwhile(String caseId, OpenStep open, Alert alert) {
        try {
            return steps.reminded(caseId, open.step().step(), alert);
        } catch (ExchangeException e) {
            return false;
        }
    }

    private Element body(OpenStep open, LocalDate due, Alert alert, LocalDate today) {
        Document document = SecureXml.newDocument();
        Element root = document.createElementNS(NS, "rem:Reminder");
        // the declarations belong in the DOM itself: the signature is computed over it before it is serialized
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:rem", NS);
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:c", Namespaces.COMMON);
        document.appendChild(root);
        add(root, NS, "rem:ReminderNumber", config.id() + "-RM-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        add(root, NS, "rem:ReminderDate", today.toString());
        add(root, NS, "rem:ContactLetterNumber", open.letterNumber());
        Element person = add(root, NS, "rem:Person", null);
        add(person, Namespaces.COMMON, "c:Name", open.personName());
        add(person, Namespaces.COMMON, "c:IdNumber", open.personIdNumber());
        add(root, NS, "rem:Step", step(open));
        add(root, NS, "rem:DueDate", due.toString());
        add(root, NS, "rem:Overdue", String.valueOf(alert == Alert.OVERDUE));
        return root;
    }

    /** What the peer owes: the information form, the funds (when the form came first), or the completion notice. */
    private static String step(OpenStep open) {
        if (open.step().step() == CaseStep.AWAIT_INFO_AND_FUNDS && open.state() == CaseState.INFO_RECEIVED) {
            return "FundTransfer";
        }
        return open.step().step().reminderStep();
    }

    private static Element add(Element parent, String ns, String name, String text) {
        Element element = parent.getOwnerDocument().createElementNS(ns, name);
        if (text != null) {
            element.setTextContent(text);
        }
        parent.appendChild(element);
        return element;
    }
}
