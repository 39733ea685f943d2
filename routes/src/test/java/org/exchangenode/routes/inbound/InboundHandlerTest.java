package org.exchangenode.routes.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.impl.DefaultCamelContext;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.InboundChecker;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.Replies;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.signing.MessageSigner;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.core.xml.XsdValidator;
import org.exchangenode.routes.cases.Cases;
import org.exchangenode.routes.config.BrokerConfig;
import org.exchangenode.routes.config.DeadlineConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.deadlines.Calendars;
import org.exchangenode.routes.deadlines.Deadlines;
import org.exchangenode.routes.memory.InMemoryStores;
import org.exchangenode.routes.messages.MessageFilter;
import org.exchangenode.routes.messages.MessageMetrics;
import org.exchangenode.routes.messages.StoredMessage;
import org.exchangenode.routes.outbound.OutboundMessages;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbound handler on in-memory stores: no Quarkus, no broker, no database. When {@code handle} returns, which is
 * when the inbox consumer acknowledges the message to the broker, the letter, its case and its Receipt are stored.
 * (The consumer's broker and group transactions: {@code AcknowledgeAfterStoreTest}, {@code InboxGroupCommitTest}.)
 */
class InboundHandlerTest {
    private static final XsdValidator XSD = new XsdValidator();
    private static final Path CERTS = Path.of("../certs-sample");

    private static final Clock CLOCK = Clock.systemUTC();
    // built once: the configuration mapping, the keys, the trust anchor and the schemas are the costly part
    private static SmallRyeConfig config;
    private static NodeConfig node;
    private static MessageComposer shenzhen;
    private static MessageComposer nanjing;
    private static InboundChecker checker;

    private InMemoryStores stores;
    private DefaultCamelContext camel;
    private InboundHandler handler;

    @BeforeAll
    static void loadKeysAndConfig() throws Exception {
        config = config();
        node = config.getConfigMapping(NodeConfig.class);
        shenzhen = composer("440300");
        nanjing = composer("320100");
        checker = new InboundChecker("320100", () -> Set.of("440300"), XSD,
                new MessageVerifier(TrustAnchors.load(List.of(CERTS.resolve("root-ca.crt.pem")))),
                node.documentLimits(), CLOCK, id -> Optional.empty(), InboundChecker.Decryptor.NONE);
    }

    @BeforeEach
    void startHandler() throws Exception {
        stores = InMemoryStores.create(false);
        Replies replies = new Replies(nanjing, CLOCK);
        MessageMetrics metrics = new MessageMetrics(new SimpleMeterRegistry());
        camel = new DefaultCamelContext();
        Cases cases = new Cases(stores.cases(), new Deadlines(config.getConfigMapping(DeadlineConfig.class),
                new Calendars(config.getConfigMapping(DeadlineConfig.class)), CLOCK));
        // a received letter only wakes the relay: no payload keys or peer directory on its path
        OutboundMessages outbound = new OutboundMessages(nanjing, stores.messages(), metrics,
                camel.createProducerTemplate(), cases, null);
        handler = new InboundHandler(checker, replies, stores.messages(), metrics, outbound, cases,
                new InboundTransport(replies, stores.messages(), stores.pings(), metrics),
                new InboundRefusals(replies, null, stores.messages(), metrics));
        // the relay's wake-up goes to a seda endpoint of this context
        camel.start();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    @Test
    void shouldStoreTheLetterOpenItsCaseAndQueueItsReceiptWhenALetterArrives() throws Exception {
        SignedMessage letter = letter();

        handler.handle(letter.bytes());

        String id = letter.header().messageId();
        StoredMessage stored = stores.messages().find(id).orElseThrow();
        assertThat(stored.direction()).isEqualTo(Direction.INBOUND);
        assertThat(stored.status()).isEqualTo(MessageStatus.RECEIVED);
        assertThat(stored.receiptsSent()).isEqualTo(1);
        var opened = stores.cases().find(letter.header().conversationId()).orElseThrow();
        assertThat(opened.role()).isEqualTo(CaseRole.TRANSFER_OUT);
        assertThat(opened.peer()).isEqualTo("440300");
        assertThat(stores.cases().events(opened.caseId())).extracting(e -> e.messageId()).containsExactly(id);
        assertThat(stores.cases().steps(opened.caseId())).isNotEmpty();
        StoredMessage receipt = receiptOf(id);
        assertThat(receipt.status()).isEqualTo(MessageStatus.STORED);
        assertThat(stores.messages().queuedTo(receipt.messageId())).contains("node.440300.inbox");
        assertThat(stores.inbox().list(0, 10, false, null)).extracting(e -> e.messageId()).containsExactly(id);
        assertThat(stores.messages().audit()).extracting(e -> e.kind())
                .containsExactly(AuditKind.MESSAGE_RECEIVED, AuditKind.RECEIPT_SENT);
    }

    @Test
    void shouldStoreOnceAndReceiptAgainWhenTheSameLetterArrivesTwice() throws Exception {
        SignedMessage letter = letter();

        handler.handle(letter.bytes());
        handler.handle(letter.bytes());

        StoredMessage stored = stores.messages().find(letter.header().messageId()).orElseThrow();
        assertThat(stored.deliveries()).isEqualTo(2);
        assertThat(stored.receiptsSent()).isEqualTo(2);
        assertThat(stores.cases().events(letter.header().conversationId())).hasSize(1);
        assertThat(stores.messages().counts().duplicatesSuppressed()).isEqualTo(1);
        assertThat(stores.messages().audit()).extracting(e -> e.kind())
                .containsExactly(AuditKind.MESSAGE_RECEIVED, AuditKind.RECEIPT_SENT, AuditKind.RECEIPT_SENT);
    }

    private StoredMessage receiptOf(String messageId) {
        List<StoredMessage> receipts = stores.messages().list(new MessageFilter(
                Direction.OUTBOUND, MessageType.RECEIPT.wireName(), null, null, null, null, null, null, 0, 10));
        assertThat(receipts).hasSize(1);
        assertThat(receipts.get(0).refToMessageId()).isEqualTo(messageId);
        return receipts.get(0);
    }

    /** A new letter from Shenzhen in a new case, signed with its TEST ONLY sample key. */
    private SignedMessage letter() {
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.CONTACT_LETTER, "440300", "320100",
                Samples.caseId("440300-ROUTE"), null);
        return shenzhen.compose(header, ContactLetterXml.write(Samples.letterFrom440300()));
    }

    private static MessageComposer composer(String node) {
        return new MessageComposer(new MessageSigner(NodeCredentials.load(CERTS.resolve(node).resolve("node.key.pem"),
                CERTS.resolve(node).resolve("node.crt.pem"))), XSD);
    }

    /**
     * The node's configuration as the Quarkus tests get it: application.properties with the test profile, read into
     * the mappings this route's beans take (the keys of the other mappings are left unchecked here).
     */
    private static SmallRyeConfig config() throws Exception {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile("test").withValidateUnknown(false)
                .withSources(new PropertiesConfigSource(InboundHandlerTest.class.getResource("/application.properties")))
                .withMapping(NodeConfig.class).withMapping(BrokerConfig.class).withMapping(DeadlineConfig.class)
                .build();
    }
}
