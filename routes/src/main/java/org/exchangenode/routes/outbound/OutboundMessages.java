package org.exchangenode.routes.outbound;

import jakarta.inject.Singleton;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.camel.ProducerTemplate;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.FormFacts;
import org.exchangenode.routes.Endpoints;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.cases.CaseChange;
import org.exchangenode.routes.cases.Cases;
import org.exchangenode.routes.crypto.PayloadKeys;
import org.exchangenode.routes.messages.MessageMetrics;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.MessageWrite;
import org.exchangenode.routes.messages.Messages;
import org.w3c.dom.Element;

/**
 * The one way a business message leaves this node: compose (envelope, XSD, signature), store the message and its
 * outbox row in one transaction, then wake the relay.
 */
@Singleton
public class OutboundMessages {
    private final MessageComposer composer;
    private final MessageStore store;
    private final MessageMetrics metrics;
    private final ProducerTemplate producer;
    private final Cases cases;
    private final PayloadKeys payloads;

    public OutboundMessages(MessageComposer composer, MessageStore store, MessageMetrics metrics, ProducerTemplate producer,
                            Cases cases, PayloadKeys payloads) {
        this.payloads = payloads;
        this.composer = composer;
        this.store = store;
        this.metrics = metrics;
        this.producer = producer;
        this.cases = cases;
    }

    /**
     * Signs a business message, and stores and queues it together with its change to the case. {@code facts} are what
     * the case needs of {@code body} (read from it once, by whoever checked or built it).
     *
     * @throws org.exchangenode.core.error.ExchangeException with a case code when the case does not allow it
     */
    public SignedMessage send(EnvelopeHeader header, Element body, FormFacts facts) {
        return send(header, body, facts, null);
    }

    /** As {@link #send(EnvelopeHeader, Element, FormFacts)}, recording the drop file it came from as well. */
    public SignedMessage send(EnvelopeHeader header, Element body, FormFacts facts,
                              Function<EnvelopeHeader, MessageWrite.FileDrop> fileDrop) {
        return store(header, body, facts, w -> w.withFileDrop(fileDrop == null ? null : fileDrop.apply(header)));
    }

    /**
     * Sends a Reminder, recording in the same transaction the step and level it reminds of: a second Reminder for
     * them fails as a whole (nothing stored or queued), with a transient error.
     */
    public SignedMessage remind(EnvelopeHeader header, Element body, FormFacts facts, MessageWrite.Reminded reminded) {
        return store(header, body, facts, w -> w.withReminded(reminded));
    }

    private SignedMessage store(EnvelopeHeader header, Element body, FormFacts facts,
                                UnaryOperator<MessageWrite> also) {
        CaseChange caseChange = cases.onOutbound(header, facts);
        // the case went by the form in clear; the peer gets it encrypted when configured (signed over the ciphertext)
        SignedMessage signed = composer.compose(header, payloads.bodyFor(header.to(), body, header.messageId()));
        store.storeOutbound(also.apply(MessageWrite.outbound(Messages.of(signed, Direction.OUTBOUND,
                MessageStatus.STORED), BrokerNames.inbox(header.to())).withCase(caseChange)));
        metrics.status(Direction.OUTBOUND, header.type().wireName(), MessageStatus.STORED);
        wakeRelay();
        return signed;
    }

    /** Asks the relay to drain now rather than at its next poll. */
    public void wakeRelay() {
        producer.sendBody(Endpoints.OUTBOUND_RELAY_WAKE, "");
    }
}
