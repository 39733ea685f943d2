package org.exchangenode.core.envelope;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The conversation id of the envelope header: the transfer case number, chosen by the node that opens the case (the
 * transfer-in side). Its format is the envelope schema's {@code ConversationIdType}: a letter or digit, then up to 63
 * letters, digits, '-', '_' or '.'.
 */
public final class ConversationIds {
    /** The pattern of {@code ConversationIdType} in envelope-1.xsd, as a Java regular expression (the same text). */
    public static final String PATTERN = "[0-9A-Za-z][0-9A-Za-z\\-_.]{0,63}";
    /** The rule of {@link #PATTERN} in words, for texts that name it (never the value). */
    public static final String RULE = "a letter or digit, then up to 63 letters, digits, '-', '_' or '.'";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private ConversationIds() {
    }

    /** True when {@code id} is a conversation id a header may carry; false for null. */
    public static boolean isValid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }

    /**
     * A new case number, {@code <nodeId>-<yyyyMMdd>-<12 hex>}: readable, sortable by day, unique without coordination
     * (48 random bits a day and node).
     *
     * @param day    the business (Beijing) date the case is opened
     * @param random the source of the 12 hex digits
     */
    public static String newCaseNumber(String nodeId, LocalDate day, UUID random) {
        return nodeId + "-" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "-"
                + random.toString().replace("-", "").substring(0, 12);
    }
}
