package org.exchangenode.core.form;

import static org.exchangenode.core.envelope.Namespaces.COMMON;
import static org.exchangenode.core.envelope.Namespaces.CONTACT_LETTER;

import org.exchangenode.core.xml.Dom;
import org.exchangenode.core.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Maps a {@link ContactLetter} to its XML form (contact-letter-1.xsd) and back. */
public final class ContactLetterXml {
    private static final String CL = "cl";
    private static final String C = "c";

    private ContactLetterXml() {
    }

    public static Element write(ContactLetter letter) {
        Document document = SecureXml.newDocument();
        Element root = document.createElementNS(CONTACT_LETTER, CL + ":ContactLetter");
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + CL, CONTACT_LETTER);
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + C, COMMON);
        document.appendChild(root);
        Dom.append(root, CONTACT_LETTER, CL, "LetterNumber", letter.letterNumber());
        Dom.append(root, CONTACT_LETTER, CL, "LetterDate", letter.letterDate());
        Dom.append(root, CONTACT_LETTER, CL, "TransferType", letter.transferType());
        Dom.append(root, CONTACT_LETTER, CL, "AccountCategory", letter.accountCategory());
        CommonXml.writePerson(Dom.appendElement(root, CONTACT_LETTER, CL, "Person"), letter.person());
        CommonXml.writeAgency(Dom.appendElement(root, CONTACT_LETTER, CL, "AddresseeAgency"), letter.addresseeAgency());
        CommonXml.writeReceivingAgency(Dom.appendElement(root, CONTACT_LETTER, CL, "TransferInAgency"),
                letter.transferInAgency());
        Element handler = Dom.appendElement(root, CONTACT_LETTER, CL, "Handler");
        Dom.append(handler, COMMON, C, "Name", letter.handler().name());
        Dom.append(handler, COMMON, C, "Phone", letter.handler().phone());
        OrdinaryAccountConfirmation confirmation = letter.ordinaryAccountConfirmation();
        if (confirmation != null) {
            Element element = Dom.appendElement(root, CONTACT_LETTER, CL, "OrdinaryAccountConfirmation");
            Dom.append(element, CONTACT_LETTER, CL, "Reason", confirmation.reason());
            Dom.append(element, CONTACT_LETTER, CL, "Text", confirmation.text());
            Dom.append(element, CONTACT_LETTER, CL, "ConfirmedBy", confirmation.confirmedBy());
        }
        return root;
    }

    /** Reads a schema-valid ContactLetter element. */
    public static ContactLetter read(Element root) {
        Element handler = Dom.child(root, CONTACT_LETTER, "Handler");
        Element confirmation = Dom.child(root, CONTACT_LETTER, "OrdinaryAccountConfirmation");
        return new ContactLetter(
                Dom.text(root, CONTACT_LETTER, "LetterNumber"),
                Dom.text(root, CONTACT_LETTER, "LetterDate"),
                Dom.text(root, CONTACT_LETTER, "TransferType"),
                Dom.text(root, CONTACT_LETTER, "AccountCategory"),
                CommonXml.readPerson(Dom.child(root, CONTACT_LETTER, "Person")),
                CommonXml.readAgency(Dom.child(root, CONTACT_LETTER, "AddresseeAgency")),
                CommonXml.readReceivingAgency(Dom.child(root, CONTACT_LETTER, "TransferInAgency")),
                handler == null ? null : new Handler(Dom.text(handler, COMMON, "Name"), Dom.text(handler, COMMON, "Phone")),
                confirmation == null ? null : new OrdinaryAccountConfirmation(
                        Dom.text(confirmation, CONTACT_LETTER, "Reason"), Dom.text(confirmation, CONTACT_LETTER, "Text"),
                        Dom.text(confirmation, CONTACT_LETTER, "ConfirmedBy")));
    }
}
