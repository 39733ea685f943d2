package org.exchangenode.routes.intake;

import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterValidator;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.FormContext;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.Masking;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.directory.PeerDirectory;
import org.exchangenode.routes.outbound.OutboundMessages;
import org.exchangenode.routes.persistence.CaseUpdate;
import org.jboss.logging.Logger;

/**
 * Intake of contact letters from the local system: field rules first (every violation at once, nothing stored), then
 * a new case number and the outbound path. The transfer-in side opens the case, so it chooses the conversation id.
 */
@Singleton
public class ContactLetterIntake {
    private static final Logger LOG = Logger.getLogger(ContactLetterIntake.class);
    /** Business dates (letter dates, birth dates) are Beijing dates. */
    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    private final NodeConfig config;
    private final OutboundMessages outbound;
    private final PeerDirectory directory;

    public ContactLetterIntake(NodeConfig config, OutboundMessages outbound, PeerDirectory directory) {
        this.directory = directory;
        this.config = config;
        this.outbound = outbound;
    }

    public EnvelopeHeader submit(ContactLetter letter) {
        return submit(letter, null);
    }

    /** Submits a letter, applying {@code alsoInTransaction} in the transaction that stores it. */
    public EnvelopeHeader submit(ContactLetter letter, Function<EnvelopeHeader, CaseUpdate> alsoInTransaction) {
        FormContext context = new FormContext(config.id(), directory.peerIds(), LocalDate.now(BUSINESS_ZONE));
        List<FieldViolation> violations = ContactLetterValidator.validateOutbound(letter, context);
        if (!violations.isEmpty()) {
            throw new InvalidFormException(violations);
        }
        String peer = letter.addresseeAgency().nodeId();
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.CONTACT_LETTER, config.id(), peer,
                newCaseNumber(), null);
        outbound.send(header, ContactLetterXml.write(letter), alsoInTransaction);
        LOG.infof("contact letter %s (case %s) for %s to %s stored for sending", header.messageId(),
                header.conversationId(), Masking.idNumber(letter.person().idNumber()), peer);
        return header;
    }

    /** {@code <nodeId>-<yyyyMMdd>-<12 hex>}: readable, sortable by day, unique without coordination. */
    private String newCaseNumber() {
        String day = LocalDate.now(BUSINESS_ZONE).format(DateTimeFormatter.BASIC_ISO_DATE);
        return config.id() + "-" + day + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
