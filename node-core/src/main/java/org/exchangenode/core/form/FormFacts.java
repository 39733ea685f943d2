package org.exchangenode.core.form;

import static org.exchangenode.core.envelope.Namespaces.COMMON;

import java.math.BigDecimal;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.xml.Dom;
import org.w3c.dom.Element;

/**
 * What a business form tells its case, read once where the form is checked (received) or submitted (sent): whose it
 * is, the letter number (of a contact letter; null on the other forms), and the amounts the case compares: total ⑥ of
 * an information form ({@code infoTotal}) and the amount of a fund-transfer notice ({@code fundAmount}), null on every
 * other form. A field the form lacks is null. Holds personal data: {@link #toString()} masks it.
 */
public record FormFacts(String personIdNumber, String personName, String letterNumber, BigDecimal infoTotal,
                        BigDecimal fundAmount) {

    /** The facts of a contact letter already read. */
    public static FormFacts of(ContactLetter letter) {
        Person person = letter.person();
        return new FormFacts(person == null ? null : person.idNumber(), person == null ? null : person.name(),
                letter.letterNumber(), null, null);
    }

    /**
     * The facts of a schema-valid business form of {@code type}, its root element {@code form}.
     *
     * @throws IllegalArgumentException for a transport type, which is no form
     */
    public static FormFacts read(MessageType type, Element form) {
        if (!type.business()) {
            throw new IllegalArgumentException(type.wireName() + " is not a form");
        }
        if (type == MessageType.CONTACT_LETTER) {
            return of(ContactLetterXml.read(form));
        }
        String ns = type.bodyNamespace();
        Element person = Dom.child(form, ns, "Person");
        BigDecimal total = type == MessageType.INFO_FORM ? amount(Dom.child(form, ns, "Amounts"), ns, "Total") : null;
        BigDecimal funds = type == MessageType.FUND_TRANSFER_NOTICE ? amount(form, ns, "Amount") : null;
        return new FormFacts(person == null ? null : Dom.text(person, COMMON, "IdNumber"),
                person == null ? null : Dom.text(person, COMMON, "Name"), null, total, funds);
    }

    private static BigDecimal amount(Element parent, String ns, String name) {
        String text = parent == null ? null : Dom.text(parent, ns, name);
        return text == null || text.isEmpty() ? null : new BigDecimal(text);
    }

    @Override
    public String toString() {
        return "FormFacts[person " + Masking.idNumber(personIdNumber) + ", letter " + letterNumber + ", infoTotal "
                + infoTotal + ", fundAmount " + fundAmount + "]";
    }
}
