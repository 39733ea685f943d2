package org.exchangenode.routes.intake;

import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.function.Function;
import org.exchangenode.core.envelope.ConversationIds;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.FormContext;
import org.exchangenode.core.form.JsonForms;
import org.exchangenode.core.form.Masking;
import org.exchangenode.core.intake.CheckedForm;
import org.exchangenode.core.intake.IntakeChecks;
import org.exchangenode.core.intake.Submission;
import org.exchangenode.core.xml.XsdValidator;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.directory.PeerDirectory;
import org.exchangenode.routes.messages.MessageWrite;
import org.exchangenode.routes.outbound.OutboundMessages;
import org.jboss.logging.Logger;

/**
 * The one intake of forms from the local system. Every door hands its form here as it came — REST
 * ({@link FormResource}: XML or JSON; {@link ContactLetterResource}: a letter its JSON already bound), SOAP
 * ({@link SoapIntake}: XML) and the file drop (XML or JSON) — and gets the envelope header back. The form is checked
 * once by node-core's {@link IntakeChecks} (every failing field named at once, nothing stored), its envelope is built
 * once here, and {@link OutboundMessages} signs and stores it with its change to the case. A contact letter opens a
 * new case: its conversation id is assigned here; every other form goes to node {@code to} in case
 * {@code conversationId}.
 */
@Singleton
public class FormIntake {
    private static final Logger LOG = Logger.getLogger(FormIntake.class);
    /** Business dates (letter dates, birth dates) are Beijing dates. */
    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    private final NodeConfig config;
    private final PeerDirectory directory;
    private final IntakeChecks checks;
    private final OutboundMessages outbound;

    public FormIntake(NodeConfig config, XsdValidator schemas, JsonForms jsonForms, OutboundMessages outbound,
                      PeerDirectory directory) {
        this.config = config;
        this.directory = directory;
        this.checks = new IntakeChecks(schemas, jsonForms, config.documentLimits());
        this.outbound = outbound;
    }

    /** A form as the XML of its element. */
    public EnvelopeHeader submitXml(MessageType type, String to, String conversationId, byte[] xml) {
        return submitXml(type, to, conversationId, xml, null);
    }

    /** As {@link #submitXml(MessageType, String, String, byte[])}, recording {@code also} in the storing transaction. */
    public EnvelopeHeader submitXml(MessageType type, String to, String conversationId, byte[] xml,
                                    Function<EnvelopeHeader, MessageWrite.FileDrop> also) {
        return send(checks.xml(new Submission(type, to, conversationId), xml, context()), also);
    }

    /** A form as JSON of the shape {@link JsonForms} derives from its XSD. */
    public EnvelopeHeader submitJson(MessageType type, String to, String conversationId, byte[] json) {
        return submitJson(type, to, conversationId, json, null);
    }

    /** As {@link #submitJson(MessageType, String, String, byte[])}, recording {@code also} in the storing transaction. */
    public EnvelopeHeader submitJson(MessageType type, String to, String conversationId, byte[] json,
                                     Function<EnvelopeHeader, MessageWrite.FileDrop> also) {
        return send(checks.json(new Submission(type, to, conversationId), json, context()), also);
    }

    /** A contact letter its door has bound to the record: its field rules, then the same way out as every form. */
    public EnvelopeHeader submitLetter(ContactLetter letter) {
        return send(checks.letter(letter, context()), null);
    }

    /** The envelope, built once, and the form signed and stored with its change to the case. */
    private EnvelopeHeader send(CheckedForm form, Function<EnvelopeHeader, MessageWrite.FileDrop> also) {
        String conversationId = form.opensCase()
                ? ConversationIds.newCaseNumber(config.id(), LocalDate.now(BUSINESS_ZONE), UUID.randomUUID())
                : form.conversationId();
        EnvelopeHeader header = EnvelopeHeader.create(form.type(), config.id(), form.to(), conversationId, null);
        outbound.send(header, form.body(), form.facts(), also);
        LOG.infof("%s %s (case %s)%s to %s stored for sending", form.type().wireName(), header.messageId(),
                header.conversationId(), form.letter() == null ? ""
                        : " for " + Masking.idNumber(form.letter().person().idNumber()), header.to());
        return header;
    }

    private FormContext context() {
        return new FormContext(config.id(), directory.peerIds(), LocalDate.now(BUSINESS_ZONE));
    }
}
