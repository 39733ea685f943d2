package org.exchangenode.core.error;

/**
 * The one catalogue of error codes a node reports, in {@code Error} messages to peers, in API responses and in
 * quarantine records. Codes are stable: peers and local systems may match on them.
 *
 * <p>{@link #permanent()} tells whether retrying the same input can ever succeed. Permanent failures are quarantined
 * and answered at once; transient ones are retried.
 */
public enum ErrorCode {
    /** The bytes are not well-formed XML, or use a forbidden construct (DTD, external entity). */
    MALFORMED_XML(true, "the message is not well-formed, safe XML"),
    /** The message is larger than the configured limit. */
    MESSAGE_TOO_LARGE(true, "the message exceeds the size limit"),
    /** The document nests elements deeper, or holds more elements, than the configured limits. */
    DOCUMENT_TOO_COMPLEX(true, "the document nests too deep or holds too many elements"),
    /** The document does not conform to the envelope or form XSD. */
    SCHEMA_INVALID(true, "the message does not conform to its schema"),
    /** The header's type does not name the form in the body. */
    TYPE_MISMATCH(true, "the header type does not match the body"),
    /** The signature is missing, malformed, uses a forbidden construct, or does not verify. */
    SIGNATURE_INVALID(true, "the signature is missing or does not verify"),
    /** The signature algorithm is not one the network accepts. */
    ALGORITHM_NOT_ALLOWED(true, "the signature or digest algorithm is not allowed"),
    /** The signer's certificate does not chain to a trust anchor. */
    CERTIFICATE_UNTRUSTED(true, "the signer's certificate does not chain to a trust anchor"),
    /** The signer's certificate was not valid at the time the message says it was signed. */
    CERTIFICATE_NOT_VALID(true, "the signer's certificate was not valid at signing time"),
    /** The signer's certificate (or an intermediate) is on its issuer's current revocation list. */
    CERTIFICATE_REVOKED(true, "the signer's certificate is on its issuer's revocation list"),
    /** An encrypted body could not be decrypted with this node's key (altered, for another key or message). */
    DECRYPTION_FAILED(true, "the encrypted body cannot be decrypted by this node"),
    /** The signer's certificate names another node than the header's From. */
    SENDER_MISMATCH(true, "the signer's certificate does not belong to the sending node"),
    /** The message is addressed to another node. */
    WRONG_RECIPIENT(true, "the message is addressed to another node"),
    /** The creation time is implausibly far in the future. */
    CLOCK_SKEW(true, "the message creation time is in the future"),
    /** A form field breaks a rule; the details name every field. */
    FIELD_INVALID(true, "one or more fields are invalid"),
    /**
     * A text field holds a control character (U+0000–U+001F other than tab, line feed, carriage return) or another
     * character XML cannot carry; the details name the field.
     */
    CONTROL_CHARACTER(true, "a text field holds a character XML cannot carry"),
    /** A JSON object names the same key twice (which one would count is ambiguous); the details name the key. */
    DUPLICATE_KEY(true, "a JSON object has the same key twice"),
    /** A request body is not JSON of the shape the call takes (not JSON, an unknown field, a wrong JSON type). */
    MALFORMED_JSON(true, "the request body is not the expected JSON"),
    /** A SOAP request names no operation of the service (or an element outside its namespace). */
    UNKNOWN_OPERATION(true, "the SOAP body names no operation of the service"),
    /** The peer node is not in this node's directory. */
    UNKNOWN_PEER(true, "the peer node is not known"),
    /** A message id already stored for different content. */
    MESSAGE_ID_CONFLICT(true, "the message id was already used for a different message"),
    /** A Receipt names a message this node never sent, or a digest that does not match. */
    RECEIPT_MISMATCH(true, "the receipt does not match a message this node sent"),
    /** A form after the contact letter names a case (conversation id) this node does not have. */
    CASE_UNKNOWN(true, "the message belongs to no case this node knows"),
    /** The case is completed or refused: nothing more may come. */
    CASE_CLOSED(true, "the case is already completed or refused"),
    /** A second contact letter for a person and peer whose case is still open. */
    CASE_ALREADY_OPEN(true, "an open case of the same person and peer exists"),
    /** The form may not come next in the case (e.g. a completion notice before the information form). */
    TRANSITION_NOT_ALLOWED(true, "this message may not come next in the case"),
    /** Configuration or key material is missing or unusable. */
    CONFIGURATION_INVALID(true, "the node configuration is invalid"),
    /** An HTTP request whose content type the interface does not read (e.g. not SOAP at the SOAP intake). */
    UNSUPPORTED_MEDIA_TYPE(true, "the request's content type is not one this interface reads"),
    /** An HTTP request sent by a web page of an origin that is not allowed (a cross-site request). */
    ORIGIN_NOT_ALLOWED(true, "the request comes from a web page of an origin that is not allowed"),
    /** An operator named a replay request (four-eyes approval) this node does not have. */
    REPLAY_REQUEST_UNKNOWN(true, "no such replay request"),
    /** An operator tried to approve or reject a replay request of their own: another operator must decide it. */
    REPLAY_OWN_REQUEST(true, "the requester of a replay cannot decide it; another operator must"),
    /** The replay request was already approved, rejected or expired (or another operator is executing it). */
    REPLAY_REQUEST_NOT_PENDING(true, "the replay request is no longer waiting for a decision"),
    /** The replay request waited longer than the configured expiry without a decision. */
    REPLAY_REQUEST_EXPIRED(true, "the replay request expired without a decision"),
    /** Too many failed logins for this user or from this address: refused without checking until the lockout ends. */
    LOGIN_THROTTLED(false, "too many failed logins for this user or from this address; try again later"),
    /** A peer did not answer a Ping in time (the caller may try again). */
    NO_ANSWER(false, "the peer did not answer in time"),
    /** No Receipt came after the last resend; an operator may replay the message. */
    RECEIPT_TIMEOUT(false, "no Receipt came after the last send"),
    /**
     * The broker refused the message itself (not the connection), e.g. the peer's inbox is not set up on the network
     * broker or this node may not send there, every time up to the configured number of tries; an operator may replay
     * it once the cause is fixed.
     */
    BROKER_REFUSED(false, "the broker refused the message"),
    /** A date lies outside the loaded working-day calendar years; an operator must add the year's file. */
    CALENDAR_NOT_LOADED(false, "the working-day calendar does not cover the date"),
    /** A dependency (database, broker) is unavailable; retrying later may succeed. */
    TRANSIENT_FAILURE(false, "a dependency is temporarily unavailable"),
    /** An unexpected internal failure. */
    INTERNAL(false, "internal error");

    private final boolean permanent;
    private final String summary;

    ErrorCode(boolean permanent, String summary) {
        this.permanent = permanent;
        this.summary = summary;
    }

    public boolean permanent() {
        return permanent;
    }

    /**
     * Whether the caller's request or message is at fault (answered as such: HTTP 422, a SOAP Client fault), rather
     * than this node (its configuration, an internal error) or a passing outage.
     */
    public boolean callerFault() {
        return permanent && this != INTERNAL && this != CONFIGURATION_INVALID;
    }

    public String summary() {
        return summary;
    }
}
