package org.exchangenode.routes.crypto;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Set;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.InboundChecker;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.Replies;
import org.exchangenode.core.exchange.ResendPolicy;
import org.exchangenode.core.form.JsonForms;
import org.exchangenode.core.signing.MessageSigner;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.core.xml.XsdValidator;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.directory.PeerDirectory;

/** Builds the node-core services from configuration, and refuses to start with keys that cannot speak for the node. */
@ApplicationScoped
public class CryptoProducers {

    @Produces
    @Singleton
    XsdValidator schemas() {
        return new XsdValidator();
    }

    @Produces
    @Singleton
    JsonForms jsonForms() {
        return new JsonForms();
    }

    @Produces
    @Singleton
    NodeCredentials credentials(NodeConfig config) {
        if (!config.id().matches("[1-9][0-9]{5}([0-9]{3})?")) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.id must be a 6-digit division code,"
                    + " optionally followed by a 3-digit agency suffix; got '" + config.id() + "'");
        }
        NodeCredentials credentials;
        try {
            credentials = NodeCredentials.load(config.keys().privateKey(), config.keys().certificate());
        } catch (ExchangeException e) {
            throw new ExchangeException(e.code(), "node.keys.private-key / node.keys.certificate: " + e.getMessage(), e);
        }
        if (!config.id().equals(credentials.nodeId())) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.keys.certificate names node "
                    + credentials.nodeId() + " but node.id is " + config.id());
        }
        return credentials;
    }

    @Produces
    @Singleton
    TrustAnchors anchors(NodeConfig config) {
        try {
            return TrustAnchors.load(config.trust().anchors());
        } catch (ExchangeException e) {
            throw new ExchangeException(e.code(), "node.trust.anchors: " + e.getMessage(), e);
        }
    }

    @Produces
    @Singleton
    MessageComposer composer(NodeCredentials credentials, XsdValidator schemas) {
        return new MessageComposer(new MessageSigner(credentials), schemas);
    }

    /** The node's answers to its inbox; their times (a Receipt's ReceivedAt) are the machine's, not the wire clock's. */
    @Produces
    @Singleton
    Replies replies(MessageComposer composer) {
        return new Replies(composer, Clock.systemUTC());
    }

    @Produces
    @Singleton
    ResendPolicy resendPolicy(NodeConfig config) {
        NodeConfig.Delivery delivery = config.delivery();
        try {
            return new ResendPolicy(delivery.receiptTimeout(), delivery.backoffMultiplier(), delivery.maxReceiptTimeout(),
                    delivery.jitter(), delivery.maxSends());
        } catch (IllegalArgumentException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.delivery: " + e.getMessage(), e);
        }
    }

    /** The machine's clock, for checking inbound messages; tests replace it to let time pass without waiting. */
    @Produces
    @Singleton
    @DefaultBean
    @WireClock
    Clock wireClock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    InboundChecker checker(NodeConfig config, XsdValidator schemas, TrustAnchors anchors, RevocationLists crls,
                           PeerDirectory directory, PayloadKeys payloads, @WireClock Clock wireClock) {
        return new InboundChecker(config.id(), directory::peerIds, schemas, new MessageVerifier(anchors, crls::current),
                config.documentLimits(), wireClock, directory::listedCertificates, payloads.decryptor());
    }
}
