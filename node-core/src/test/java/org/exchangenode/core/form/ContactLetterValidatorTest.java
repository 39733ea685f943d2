package org.exchangenode.core.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.exchangenode.core.form.ViolationCode.BIRTH_DATE_MISMATCH;
import static org.exchangenode.core.form.ViolationCode.DATE_IN_FUTURE;
import static org.exchangenode.core.form.ViolationCode.FORMAT;
import static org.exchangenode.core.form.ViolationCode.ID_CHECK_CHARACTER;
import static org.exchangenode.core.form.ViolationCode.NOT_ALLOWED;
import static org.exchangenode.core.form.ViolationCode.NOT_APPLICABLE;
import static org.exchangenode.core.form.ViolationCode.REQUIRED;
import static org.exchangenode.core.form.ViolationCode.SENDER_MISMATCH;
import static org.exchangenode.core.form.ViolationCode.SEX_MISMATCH;
import static org.exchangenode.core.form.ViolationCode.TEMPORARY_ACCOUNT_REQUIRED;
import static org.exchangenode.core.form.ViolationCode.UNKNOWN_PEER;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.exchangenode.core.Samples;
import org.junit.jupiter.api.Test;

class ContactLetterValidatorTest {
    private static final FormContext AT_NANJING = new FormContext("320100", Set.of("440300", "510100"), LocalDate.of(2026, 11, 26));
    private static final FormContext AT_SHENZHEN = new FormContext("440300", Set.of("320100"), LocalDate.of(2026, 11, 26));

    @Test
    void shouldAcceptTheSampleLetterWhenSentAndWhenReceived() {
        ContactLetter letter = Samples.contactLetter();
        assertThat(ContactLetterValidator.validateOutbound(letter, AT_NANJING)).isEmpty();
        assertThat(ContactLetterValidator.validateInbound(letter, "320100", AT_SHENZHEN)).isEmpty();
    }

    @Test
    void shouldListEveryBrokenFieldAtOnceWhenManyAreWrong() {
        ContactLetter sample = Samples.contactLetter();
        Person person = new Person("", "510104198805121378", "2", "1988-05-13", "51010", null, null);
        BankAccount account = new BankAccount("户名", "银行", "12ab");
        ReceivingAgency in = sample.transferInAgency();
        ReceivingAgency badIn = new ReceivingAgency(in.nodeId(), in.divisionCode(), in.name(), in.address(), "2100",
                in.department(), in.phone(), account);
        ContactLetter letter = new ContactLetter("", "2026-13-01", "03", "2", person, sample.addresseeAgency(), badIn,
                null);

        List<FieldViolation> violations = ContactLetterValidator.validateOutbound(letter, AT_NANJING);

        assertThat(violations).extracting(FieldViolation::field, FieldViolation::code).containsExactlyInAnyOrder(
                tuple("letterNumber", REQUIRED),
                tuple("letterDate", FORMAT),
                tuple("transferType", NOT_ALLOWED),
                tuple("accountCategory", NOT_ALLOWED),
                tuple("person.name", REQUIRED),
                tuple("person.idNumber", ID_CHECK_CHARACTER),
                tuple("person.householdRegistration", FORMAT),
                tuple("transferInAgency.postcode", FORMAT),
                tuple("transferInAgency.bankAccount.accountNumber", FORMAT),
                tuple("handler", REQUIRED));
    }

    @Test
    void shouldReportSexAndBirthDateMismatchWhenTheyContradictTheIdNumber() {
        ContactLetter sample = Samples.contactLetter();
        Person p = sample.person();
        Person wrong = new Person(p.name(), p.idNumber(), "2", "1988-05-13", p.householdRegistration(), null, null);
        ContactLetter letter = new ContactLetter(sample.letterNumber(), sample.letterDate(), sample.transferType(),
                sample.accountCategory(), wrong, sample.addresseeAgency(), sample.transferInAgency(), sample.handler());

        assertThat(ContactLetterValidator.validateOutbound(letter, AT_NANJING))
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactlyInAnyOrder(tuple("person.sex", SEX_MISMATCH), tuple("person.birthDate", BIRTH_DATE_MISMATCH));
    }

    @Test
    void shouldRefuseAnUnknownAddresseeWhenSending() {
        ContactLetter sample = Samples.contactLetter();
        Agency a = sample.addresseeAgency();
        ContactLetter letter = new ContactLetter(sample.letterNumber(), sample.letterDate(), sample.transferType(),
                sample.accountCategory(), sample.person(),
                new Agency("110100", "110100", a.name(), null, null, null, null), sample.transferInAgency(), sample.handler());

        assertThat(ContactLetterValidator.validateOutbound(letter, AT_NANJING))
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(tuple("addresseeAgency.nodeId", UNKNOWN_PEER));
    }

    @Test
    void shouldRefuseALetterFromAnotherNodeThanItsTransferInAgencyWhenReceiving() {
        assertThat(ContactLetterValidator.validateInbound(Samples.contactLetter(), "510100", AT_SHENZHEN))
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(tuple("transferInAgency.nodeId", SENDER_MISMATCH));
    }

    @Test
    void shouldRefuseALetterDatedInTheFuture() {
        ContactLetter s = Samples.contactLetter();
        ContactLetter letter = new ContactLetter(s.letterNumber(), "2026-11-27", s.transferType(), s.accountCategory(),
                s.person(), s.addresseeAgency(), s.transferInAgency(), s.handler());
        assertThat(ContactLetterValidator.validateOutbound(letter, AT_NANJING))
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(tuple("letterDate", DATE_IN_FUTURE));
    }

    /** The sample letter for a person of this sex and birth date, registered at {@code household}. */
    private static ContactLetter letterFor(String sex, String birthDate, String household) {
        ContactLetter s = Samples.contactLetter();
        String first17 = "510104" + birthDate.replace("-", "") + (sex.equals("1") ? "137" : "128");
        String id = first17 + CitizenIdNumber.checkCharacter(first17);
        Person person = new Person("王芳", id, sex, birthDate, household, null, null);
        return new ContactLetter(s.letterNumber(), s.letterDate(), s.transferType(), "0", person, s.addresseeAgency(),
                s.transferInAgency(), s.handler());
    }

    @Test
    void shouldRefuseAnOrdinaryAccountForAWomanOfFortyOutsideHerHouseholdPlaceUnlessConfirmed() {
        // the letter is dated 2026-11-20: born 1986-11-20 she is 40 that day
        ContactLetter letter = letterFor("2", "1986-11-20", "510104");

        assertThat(ContactLetterValidator.validateOutbound(letter, AT_NANJING))
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(tuple("accountCategory", TEMPORARY_ACCOUNT_REQUIRED));
        assertThat(ContactLetterValidator.validateOutbound(letter, AT_NANJING).get(0).message())
                .contains("ordinaryAccountConfirmation");

        ContactLetter confirmed = letter.confirmedOrdinaryAccount(
                new OrdinaryAccountConfirmation("01", "调动：经组织人事部门批准", "李娜"));
        assertThat(ContactLetterValidator.validateOutbound(confirmed, AT_NANJING)).isEmpty();
        // the receiving node applies the same rule to the signed letter, confirmation included
        assertThat(ContactLetterValidator.validateInbound(confirmed, "320100", AT_SHENZHEN)).isEmpty();
        assertThat(ContactLetterValidator.validateInbound(letter, "320100", AT_SHENZHEN))
                .extracting(FieldViolation::code).containsExactly(TEMPORARY_ACCOUNT_REQUIRED);
        // and the confirmation travels in the XML
        assertThat(ContactLetterXml.read(ContactLetterXml.write(confirmed))).isEqualTo(confirmed);
    }

    @Test
    void shouldApplyTheAgeRuleOnlyFromTheBirthdayAndOnlyOutsideTheHouseholdPlace() {
        assertThat(ContactLetterValidator.validateOutbound(letterFor("2", "1986-11-21", "510104"), AT_NANJING))
                .as("39 on the letter's date").isEmpty();
        assertThat(ContactLetterValidator.validateOutbound(letterFor("1", "1980-01-01", "510104"), AT_NANJING))
                .as("a man of 46").isEmpty();
        assertThat(ContactLetterValidator.validateOutbound(letterFor("1", "1976-11-20", "510104"), AT_NANJING))
                .extracting(FieldViolation::code).as("a man of 50").containsExactly(TEMPORARY_ACCOUNT_REQUIRED);
        assertThat(ContactLetterValidator.validateOutbound(letterFor("1", "1960-05-01", "320104"), AT_NANJING))
                .as("registered in a district of Nanjing, the transfer-in prefecture").isEmpty();
    }

    @Test
    void shouldRefuseAConfirmationWhereTheRuleDoesNotApplyAndCheckItsFields() {
        ContactLetter young = letterFor("2", "1990-03-01", "510104")
                .confirmedOrdinaryAccount(new OrdinaryAccountConfirmation("01", "调动", "李娜"));
        assertThat(ContactLetterValidator.validateOutbound(young, AT_NANJING))
                .extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(tuple("ordinaryAccountConfirmation", NOT_APPLICABLE));

        ContactLetter sloppy = letterFor("2", "1970-03-01", "510104")
                .confirmedOrdinaryAccount(new OrdinaryAccountConfirmation("05", "", null));
        assertThat(ContactLetterValidator.validateOutbound(sloppy, AT_NANJING))
                .extracting(FieldViolation::field, FieldViolation::code).containsExactlyInAnyOrder(
                        tuple("ordinaryAccountConfirmation.reason", NOT_ALLOWED),
                        tuple("ordinaryAccountConfirmation.text", REQUIRED),
                        tuple("ordinaryAccountConfirmation.confirmedBy", REQUIRED));
    }

    @Test
    void shouldStateTheRuleButNotThePersonsSexAgeOrHouseholdRegistrationWhenRefusingAnOrdinaryAccount() {
        // a man of 57 registered in Chengdu (510104), moving to Nanjing (320100)
        ContactLetter letter = letterFor("1", "1969-07-14", "510104");

        FieldViolation refusal = ContactLetterValidator.validateOutbound(letter, AT_NANJING).get(0);

        assertThat(refusal.code()).isEqualTo(TEMPORARY_ACCOUNT_REQUIRED);
        assertThat(refusal.message()).contains("temporary account", "ordinaryAccountConfirmation")
                .doesNotContain("510104", "57", "1969", " man ", "a man", "woman");
        assertThat(ContactLetterValidator.validateInbound(letter, "320100", AT_SHENZHEN).get(0).message())
                .isEqualTo(refusal.message());
    }
}
