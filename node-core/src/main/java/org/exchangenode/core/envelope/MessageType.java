package org.exchangenode.core.envelope;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every message type of the network, with the root element its body must carry. Business types open or advance a
 * transfer case (DOMAIN.md); transport types (Receipt, Error, Ping, Pong) belong to the exchange itself.
 */
public enum MessageType {
    CONTACT_LETTER("ContactLetter", Namespaces.CONTACT_LETTER, true),
    INFO_FORM("InfoForm", "urn:exchangenode:form:info-form:1", true),
    FUND_TRANSFER_NOTICE("FundTransferNotice", "urn:exchangenode:form:fund-transfer-notice:1", true),
    COMPLETION_NOTICE("CompletionNotice", "urn:exchangenode:form:completion-notice:1", true),
    REFUSAL("Refusal", "urn:exchangenode:form:refusal:1", true),
    REMINDER("Reminder", "urn:exchangenode:form:reminder:1", true),
    RECEIPT("Receipt", Namespaces.TRANSPORT, false),
    ERROR("Error", Namespaces.TRANSPORT, false),
    PING("Ping", Namespaces.TRANSPORT, false),
    PONG("Pong", Namespaces.TRANSPORT, false);

    private final String wireName;
    private final String bodyNamespace;
    private final boolean business;

    MessageType(String wireName, String bodyNamespace, boolean business) {
        this.wireName = wireName;
        this.bodyNamespace = bodyNamespace;
        this.business = business;
    }

    /** The name in the header's Type element, which is also the body's root element name. */
    public String wireName() {
        return wireName;
    }

    public String bodyNamespace() {
        return bodyNamespace;
    }

    /** True for forms that the local system sees; false for transport messages. */
    public boolean business() {
        return business;
    }

    public static Optional<MessageType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
