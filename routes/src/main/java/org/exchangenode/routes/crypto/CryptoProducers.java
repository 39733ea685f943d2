package org.exchangenode.routes.crypto;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
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
import org.exchangenode.routes.config.CryptoConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.config.OutboundConfig;
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
    NodeCredentials credentials(NodeConfig node, CryptoConfig crypto) {
        NodeCredentials credentials;
        try {
            credentials = NodeCredentials.load(crypto.keys().privateKey(), crypto.keys().certificate());
        } catch (ExchangeException e) {
            throw new ExchangeException(e.code(), "node.keys.private-key / node.keys.certificate: " + e.getMessage(), e);
        }
        if (!node.id().equals(credentials.nodeId())) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.keys.certificate names node "
                    + credentials.nodeId() + " but node.id is " + node.id());
        }
        return credentials;
    }

    @Produces
    @Singleton
    TrustAnchors anchors(CryptoConfig crypto) {
        try {
            return TrustAnchors.load(crypto.trust().anchors());
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
    ResendPolicy resendPolicy(OutboundConfig outbound) {
        // OutboundConfig.Delivery's constraints are ResendPolicy's rules: a bad value stopped the start-up before here
        OutboundConfig.Delivery delivery = outbound.delivery();
        return new ResendPolicy(delivery.receiptTimeout(), delivery.backoffMultiplier(), delivery.maxReceiptTimeout(),
                delivery.jitter(), delivery.maxSends());
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
