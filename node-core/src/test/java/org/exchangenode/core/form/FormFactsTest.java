package org.exchangenode.core.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.exchangenode.core.Samples;
import org.exchangenode.core.envelope.MessageType;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The facts a case needs, read from the valid sample of every form (the person is 张伟, 510104198805121377). */
class FormFactsTest {
    private static final String ID = "510104198805121377";

    private static FormFacts read(MessageType type, String sample) {
        return FormFacts.read(type, Samples.xml(sample).getDocumentElement());
    }

    @Test
    void shouldReadThePersonAndTheLetterNumberWhenTheFormIsAContactLetter() {
        FormFacts facts = read(MessageType.CONTACT_LETTER, "contact-letter.xml");

        assertThat(facts).isEqualTo(new FormFacts(ID, "张伟", "320100-2026-000123", null, null));
    }

    @Test
    void shouldReadTheSameFactsWhenTheLetterWasAlreadyRead() {
        Element xml = Samples.xml("contact-letter.xml").getDocumentElement();

        assertThat(FormFacts.of(ContactLetterXml.read(xml))).isEqualTo(FormFacts.read(MessageType.CONTACT_LETTER, xml));
    }

    @Test
    void shouldCarryTotalSixAndNoFundAmountWhenTheFormIsAnInformationForm() {
        FormFacts facts = read(MessageType.INFO_FORM, "info-form.xml");

        assertThat(facts.personIdNumber()).isEqualTo(ID);
        assertThat(facts.personName()).isEqualTo("张伟");
        assertThat(facts.infoTotal()).isEqualByComparingTo("52598.90");
        assertThat(facts.fundAmount()).isNull();
        assertThat(facts.letterNumber()).as("the letter's number is the letter's fact").isNull();
    }

    @Test
    void shouldCarryTheAmountAndNotItsPartsWhenTheFormIsAFundTransferNotice() {
        FormFacts facts = read(MessageType.FUND_TRANSFER_NOTICE, "fund-transfer-notice.xml");

        assertThat(facts.personIdNumber()).isEqualTo(ID);
        assertThat(facts.fundAmount()).isEqualTo(new BigDecimal("52598.90"));
        assertThat(facts.infoTotal()).isNull();
    }

    @Test
    void shouldCarryOnlyThePersonWhenTheFormHasNoAmountTheCaseCompares() {
        assertThat(read(MessageType.COMPLETION_NOTICE, "completion-notice.xml"))
                .as("AmountCredited is not compared").isEqualTo(new FormFacts(ID, "张伟", null, null, null));
        assertThat(read(MessageType.REFUSAL, "refusal.xml")).isEqualTo(new FormFacts(ID, "张伟", null, null, null));
        assertThat(read(MessageType.REMINDER, "reminder.xml")).isEqualTo(new FormFacts(ID, "张伟", null, null, null));
    }

    @Test
    void shouldReadTheFormsOwnElementsNotAnElementOfTheSameNameElsewhere() {
        // the handler's Name comes after the person's in every form; an agency's Name too
        Element letter = Samples.xml("contact-letter.xml").getDocumentElement();
        Element person = (Element) letter.getElementsByTagNameNS("*", "Person").item(0);
        letter.removeChild(person);
        letter.appendChild(person);

        assertThat(FormFacts.read(MessageType.CONTACT_LETTER, letter).personName()).isEqualTo("张伟");
    }

    @Test
    void shouldRefuseToReadATransportMessageAsAForm() {
        Element any = Samples.xml("reminder.xml").getDocumentElement();

        assertThatThrownBy(() -> FormFacts.read(MessageType.RECEIPT, any)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMaskThePersonWhenPrinted() {
        String printed = read(MessageType.INFO_FORM, "info-form.xml").toString();

        assertThat(printed).doesNotContain(ID).doesNotContain("张伟").contains("510104**********77");
    }
}
