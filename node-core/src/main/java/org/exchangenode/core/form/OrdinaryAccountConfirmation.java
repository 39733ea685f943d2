package org.exchangenode.core.form;

/**
 * The submitter's explicit confirmation that a person whom the temporary-account rule covers (men 50+, women 40+,
 * moving to a place that is not their household registration) goes on an ordinary account: {@code reason} 01 for an
 * approved transfer (调动), 99 for another reason; {@code text} explains; {@code confirmedBy} names who confirmed.
 */
public record OrdinaryAccountConfirmation(String reason, String text, String confirmedBy) {
}
