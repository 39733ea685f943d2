package org.exchangenode.core.intake;

import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.FormFacts;
import org.w3c.dom.Element;

/**
 * A form the intake has checked once, ready for its envelope: the body to sign (as parsed, for a form that came as
 * XML or JSON; as written once from the record, for a letter that came as one), the peer it goes to and the case it
 * belongs to. A contact letter carries its record ({@code letter}: the person and the agencies, read from the body
 * once) and names no case yet: the node assigns the case number when it builds the envelope. {@code facts} are what the
 * case needs of the form (person, letter number, amounts), read from the checked body once, here.
 */
public record CheckedForm(MessageType type, String to, String conversationId, Element body, ContactLetter letter,
                          FormFacts facts) {

    /** A contact letter: it goes to its addressee agency and opens a case. */
    static CheckedForm letter(Element body, ContactLetter letter) {
        return new CheckedForm(MessageType.CONTACT_LETTER, letter.addresseeAgency().nodeId(), null, body, letter,
                FormFacts.of(letter));
    }

    /** Whether this form opens a case (the node assigns its conversation id). */
    public boolean opensCase() {
        return type == MessageType.CONTACT_LETTER;
    }
}
