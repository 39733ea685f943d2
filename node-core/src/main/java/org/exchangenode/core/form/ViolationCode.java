package org.exchangenode.core.form;

/**
 * The one catalogue of codes a {@link FieldViolation} names a broken rule by, in API answers ({@code violations[].code}),
 * SOAP faults ({@code Violation/Code}), file-drop error reports and the reasons of refused messages. The constant's
 * name is the code on the wire: local systems match on it, so a name never changes. Where a code also names a whole
 * failure in {@link org.exchangenode.core.error.ErrorCode} (CONTROL_CHARACTER, DUPLICATE_KEY, UNKNOWN_PEER,
 * SENDER_MISMATCH, CASE_UNKNOWN) it means the same, said of one field.
 */
public enum ViolationCode {
    // ---- the body as a whole, before any field
    /** The body is not JSON (or cannot be read). */
    NOT_JSON,
    /** The body is not well-formed, safe XML. */
    NOT_XML,
    /** The XML body is another form than its path or operation names. */
    WRONG_FORM,
    /** The body or file is larger than the node takes. */
    TOO_LARGE,
    /** A file in the drop is a link, a pipe or a directory: only regular files are read. */
    NOT_A_REGULAR_FILE,

    // ---- JSON structure
    /** A JSON property the form does not have. */
    UNKNOWN_FIELD,
    /** A JSON value of the wrong kind (an object for a text, a string for an array…). */
    WRONG_TYPE,
    /** A JSON object names the same key twice. */
    DUPLICATE_KEY,
    /** A text holds a control character or another character XML cannot carry. */
    CONTROL_CHARACTER,

    // ---- schema and general field rules
    /** The form's XSD refuses the element (the message names the XSD rule). */
    SCHEMA,
    /** A required field or parameter is missing or blank. */
    REQUIRED,
    /** Longer than the field allows. */
    TOO_LONG,
    /** Not of the field's format (pattern, date, id). */
    FORMAT,
    /** Not one of the values the field allows. */
    NOT_ALLOWED,
    /** A number outside the field's range. */
    OUT_OF_RANGE,
    /** More items than the field allows. */
    TOO_MANY,
    /** Not an ISO-8601 instant. */
    NOT_A_TIME,
    /** Contradicts another parameter of the same request. */
    CONFLICT,
    /** Differs from what the form itself says (e.g. {@code to} and the letter's addressee). */
    MISMATCH,
    /** A date later than today. */
    DATE_IN_FUTURE,

    // ---- the person (GB 11643 ID numbers)
    /** The ID number does not have 18 characters. */
    ID_LENGTH,
    /** The ID number is not 17 digits and a digit or X. */
    ID_FORMAT,
    /** The birth date in the ID number does not exist or lies in the future. */
    ID_BIRTH_DATE,
    /** The ID number's check character is wrong (ISO 7064 MOD 11-2). */
    ID_CHECK_CHARACTER,
    /** The sex contradicts the ID number's sequence digit. */
    SEX_MISMATCH,
    /** The birth date contradicts the ID number. */
    BIRTH_DATE_MISMATCH,

    // ---- nodes and cases
    /** Must name this node. */
    NOT_OWN_NODE,
    /** Must name another node than this one. */
    SAME_NODE,
    /** Not an active node of the peer directory. */
    UNKNOWN_PEER,
    /** Must name the node that sent the message. */
    SENDER_MISMATCH,
    /** Names no case at this node. */
    CASE_UNKNOWN,

    // ---- rules of the forms beyond their schema
    /** The temporary-account rule applies and the ordinary account is not confirmed. */
    TEMPORARY_ACCOUNT_REQUIRED,
    /** Given where its rule does not apply (an ordinary-account confirmation the rule does not call for). */
    NOT_APPLICABLE,
    /** A sum that does not add up to the fen. */
    SUM_MISMATCH,
    /** A yearly row's first month after its last. */
    RANGE_REVERSED,
    /** A yearly row's month count differs from its range. */
    MONTHS_MISMATCH,
    /** Two yearly rows of one place cover the same month. */
    ROWS_OVERLAP,
    /** An amount that must be more than zero. */
    NOT_POSITIVE
}
