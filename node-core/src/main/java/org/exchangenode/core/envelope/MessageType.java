package org.exchangenode.core.envelope;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every message type of the network, with the root element its body must carry. Business types open or advance a
 * transfer case (DOMAIN.md); transport types (Receipt, Error, Ping, Pong) belong to the exchange itself. A business
 * type also has a path name, by which the local system designates the form (in intake paths and file names).
 */
public enum MessageType {
    CONTACT_LETTER("ContactLetter", Namespaces.CONTACT_LETTER, "contact-letter"),
    INFO_FORM("InfoForm", "urn:exchangenode:form:info-form:1", "info-form"),
    FUND_TRANSFER_NOTICE("FundTransferNotice", "urn:exchangenode:form:fund-transfer-notice:1", "fund-transfer-notice"),
    COMPLETION_NOTICE("CompletionNotice", "urn:exchangenode:form:completion-notice:1", "completion-notice"),
    REFUSAL("Refusal", "urn:exchangenode:form:refusal:1", "refusal"),
    REMINDER("Reminder", "urn:exchangenode:form:reminder:1", "reminder"),
    RECEIPT("Receipt", Namespaces.TRANSPORT, null),
    ERROR("Error", Namespaces.TRANSPORT, null),
    PING("Ping", Namespaces.TRANSPORT, null),
    PONG("Pong", Namespaces.TRANSPORT, null);

    /**
     * The path names of the business types, in declaration order, for texts that list them. A constant, so that
     * annotations (OpenAPI descriptions) can use it; {@code MessageTypeTest} holds it to the path names above.
     */
    public static final String PATH_NAMES =
            "contact-letter, info-form, fund-transfer-notice, completion-notice, refusal, reminder";

    private final String wireName;
    private final String bodyNamespace;
    private final String pathName;

    MessageType(String wireName, String bodyNamespace, String pathName) {
        this.wireName = wireName;
        this.bodyNamespace = bodyNamespace;
        this.pathName = pathName;
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
        return pathName != null;
    }

    /** The name that designates a business form in intake paths and file names ({@code info-form}); none for transport. */
    public Optional<String> pathName() {
        return Optional.ofNullable(pathName);
    }

    public static Optional<MessageType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** The business type of this path name, if any (transport types have none). */
    public static Optional<MessageType> fromPathName(String name) {
        return Arrays.stream(values()).filter(t -> t.pathName != null && t.pathName.equals(name)).findFirst();
    }
}
