package org.exchangenode.routes;

import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.transport.PayloadCrypto;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.config.LocalSystemConfig;
import org.exchangenode.routes.jdbc.Database;
import org.exchangenode.routes.localsystem.LocalSystemHook;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.Messages;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests of 320100 after a key rollover: letters from 440300 encrypted for 320100's key of before the switch, received
 * now or stored while the node still held that key; the local system's webhook is played by the test.
 */
public abstract class RolloverTestSupport extends PeerTestSupport {
    public static final Path CURRENT_CERTIFICATE = Path.of("../certs-sample/320100/node.crt.pem");
    @Inject
    public LocalSystemConfig config;
    @Inject
    public MessageStore store;
    @Inject
    public MessageComposer composer;
    @Inject
    public Database database;
    public LocalSystemHook localSystem;

    @BeforeEach
    public void startLocalSystem() throws IOException {
        localSystem = new LocalSystemHook(config.webhook().url().orElseThrow());
    }

    @AfterEach
    public void stopLocalSystem() {
        localSystem.close();
    }

    /** A new letter from 440300 in a new case, its body encrypted for {@code recipient}. */
    public SignedMessage sealedLetter(ContactLetter letter, X509Certificate recipient) {
        var header = org.exchangenode.core.envelope.EnvelopeHeader.create(MessageType.CONTACT_LETTER, "440300", "320100",
                Samples.caseId("440300-ROLLOVER"), null);
        return shenzhen.composer.compose(header, PayloadCrypto.encrypt(ContactLetterXml.write(letter), recipient,
                header.messageId()));
    }

    public static X509Certificate certificate(Path file) {
        return PemFiles.readCertificates(file).get(0);
    }

    /**
     * Stores {@code letter} as the node stored it when it arrived while the node still held the key it was encrypted
     * for: the message as received, its Receipt, its pull-inbox entry and webhook notification, in one transaction.
     */
    public void storedBeforeTheSwitch(SignedMessage letter) {
        var received = EnvelopeCodec.parse(letter.bytes(), 1 << 20);
        var receiptHeader = org.exchangenode.core.envelope.EnvelopeHeader.create(MessageType.RECEIPT, "320100", "440300",
                letter.header().conversationId(), letter.header().messageId());
        SignedMessage receipt = composer.compose(receiptHeader, TransportMessages.receipt(received, Instant.now()));
        if (!store.storeInbound(Messages.of(letter, Direction.INBOUND, MessageStatus.RECEIVED),
                Messages.of(receipt, Direction.OUTBOUND, MessageStatus.STORED), BrokerNames.inbox("440300"))) {
            throw new AssertionError("message id already stored");
        }
    }

    /** The message's place in the pull inbox. */
    public long sequenceOf(String messageId) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("select seq from exn_inbox where message_id = ?")) {
            s.setString(1, messageId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("not in the pull inbox: " + messageId);
                }
                return rs.getLong(1);
            }
        }
    }
}
