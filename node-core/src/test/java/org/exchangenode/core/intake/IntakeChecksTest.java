package org.exchangenode.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.exchangenode.core.form.ViolationCode.DUPLICATE_KEY;
import static org.exchangenode.core.form.ViolationCode.FORMAT;
import static org.exchangenode.core.form.ViolationCode.MISMATCH;
import static org.exchangenode.core.form.ViolationCode.NOT_ALLOWED;
import static org.exchangenode.core.form.ViolationCode.NOT_JSON;
import static org.exchangenode.core.form.ViolationCode.NOT_XML;
import static org.exchangenode.core.form.ViolationCode.REQUIRED;
import static org.exchangenode.core.form.ViolationCode.SAME_NODE;
import static org.exchangenode.core.form.ViolationCode.SCHEMA;
import static org.exchangenode.core.form.ViolationCode.SUM_MISMATCH;
import static org.exchangenode.core.form.ViolationCode.TOO_LARGE;
import static org.exchangenode.core.form.ViolationCode.UNKNOWN_FIELD;
import static org.exchangenode.core.form.ViolationCode.UNKNOWN_PEER;
import static org.exchangenode.core.form.ViolationCode.WRONG_FORM;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;
import org.exchangenode.core.Samples;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.Agency;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.FormContext;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.JsonForms;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

/**
 * The one intake every door hands its form to: parameters, then the body's bounds, syntax, XSD and the rules beyond
 * it, each once, every failing field at once; out comes the body to sign and, for a contact letter, its record.
 */
class IntakeChecksTest {
    private static final XsdValidator XSD = new XsdValidator();
    private static final JsonForms FORMS = new JsonForms();
    private static final IntakeChecks CHECKS = new IntakeChecks(XSD, FORMS, new SecureXml.Limits(1 << 20, 32, 20_000));
    private static final FormContext AT_NANJING = new FormContext("320100", Set.of("440300"), LocalDate.of(2026, 11, 26));
    private static final Submission LETTER = new Submission(MessageType.CONTACT_LETTER, null, null);
    private static final Submission INFO_FORM = new Submission(MessageType.INFO_FORM, "440300", "440300-CASE-1");

    private static String sample(String name) {
        return new String(Samples.bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static AbstractListAssert<?, java.util.List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> refusal(
            Runnable submission) {
        try {
            submission.run();
            throw new AssertionError("accepted");
        } catch (InvalidFormException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.FIELD_INVALID);
            return assertThat(e.violations()).extracting(FieldViolation::field, FieldViolation::code);
        }
    }

    @Test
    void shouldSignAContactLetterGivenAsXmlAsParsedAndCarryItsRecordWhenItPasses() {
        String xml = sample("contact-letter.xml").replace("<cl:TransferType>", "<!-- local ref 7 --><cl:TransferType>");

        CheckedForm form = CHECKS.xml(LETTER, utf8(xml), AT_NANJING);

        assertThat(form.opensCase()).isTrue();
        assertThat(form.to()).as("the addressee agency").isEqualTo("440300");
        assertThat(form.conversationId()).as("assigned with the envelope").isNull();
        assertThat(form.letter()).isEqualTo(ContactLetterXml.read(Samples.xml("contact-letter.xml").getDocumentElement()));
        boolean comment = false;
        for (Node n = form.body().getFirstChild(); n != null; n = n.getNextSibling()) {
            comment |= n.getNodeType() == Node.COMMENT_NODE;
        }
        assertThat(comment).as("the submitted element itself, not a letter written again from its record").isTrue();
    }

    @Test
    void shouldReadTheSameLetterWhetherItCameAsJsonOrAsItsRecord() {
        ContactLetter record = Samples.contactLetter();

        CheckedForm fromJson = CHECKS.json(LETTER, Samples.bytes("contact-letter.json"), AT_NANJING);
        CheckedForm fromRecord = CHECKS.letter(record, AT_NANJING);

        assertThat(fromJson.letter()).isEqualTo(record);
        assertThat(fromRecord.letter()).isEqualTo(record);
        assertThat(fromRecord.to()).isEqualTo(fromJson.to()).isEqualTo("440300");
        assertThat(XSD.validate(fromRecord.body().getOwnerDocument())).as("written once, valid").isEmpty();
        assertThat(ContactLetterXml.read(fromRecord.body())).isEqualTo(record);
    }

    @Test
    void shouldCarryTheFactsTheCaseNeedsReadOnceFromTheCheckedBody() {
        CheckedForm info = CHECKS.xml(INFO_FORM, Samples.bytes("info-form.xml"), AT_NANJING);
        CheckedForm letter = CHECKS.letter(Samples.contactLetter(), AT_NANJING);

        assertThat(info.facts().personIdNumber()).isEqualTo("510104198805121377");
        assertThat(info.facts().infoTotal()).isEqualByComparingTo("52598.90");
        assertThat(info.facts().fundAmount()).isNull();
        assertThat(letter.facts().letterNumber()).isEqualTo(Samples.contactLetter().letterNumber()).isNotBlank();
        assertThat(letter.facts().personIdNumber()).isEqualTo(Samples.contactLetter().person().idNumber());
    }

    @Test
    void shouldNameTheParametersFirstAndThenTheBodyWhenBothAreWrong() {
        refusal(() -> CHECKS.xml(new Submission(MessageType.REFUSAL, "999999", "-bad"), Samples.bytes("contact-letter.xml"),
                AT_NANJING)).containsExactly(tuple("to", UNKNOWN_PEER), tuple("conversationId", FORMAT),
                tuple("body", WRONG_FORM));
        refusal(() -> CHECKS.xml(new Submission(MessageType.REFUSAL, null, "C-1"), utf8("<not-closed>"), AT_NANJING))
                .containsExactly(tuple("to", UNKNOWN_PEER), tuple("body", NOT_XML));
        refusal(() -> CHECKS.json(new Submission(MessageType.INFO_FORM, "440300", null), utf8("{\"formNumber\": "),
                AT_NANJING)).containsExactly(tuple("conversationId", FORMAT), tuple("body", NOT_JSON));
    }

    @Test
    void shouldRefuseACaseOrAnotherAddresseeForAContactLetter() {
        refusal(() -> CHECKS.json(new Submission(MessageType.CONTACT_LETTER, null, "MINE"),
                Samples.bytes("contact-letter.json"), AT_NANJING)).containsExactly(tuple("conversationId", NOT_ALLOWED));
        refusal(() -> CHECKS.xml(new Submission(MessageType.CONTACT_LETTER, "510100", null),
                Samples.bytes("contact-letter.xml"), AT_NANJING)).containsExactly(tuple("to", MISMATCH));
    }

    @Test
    void shouldNameARuleBeyondTheSchemaByElementPathForXmlAndByJsonPathForJson() {
        refusal(() -> CHECKS.xml(INFO_FORM, Samples.bytes("invalid/info-form-total-wrong.xml"), AT_NANJING))
                .containsExactly(tuple("/InfoForm/Amounts/Total", SUM_MISMATCH));

        ObjectNode json = FORMS.toJson(Samples.xml("info-form.xml").getDocumentElement());
        ((ObjectNode) json.get("amounts")).put("total", new BigDecimal("52598.91"));
        refusal(() -> CHECKS.json(INFO_FORM, utf8(json.toString()), AT_NANJING))
                .containsExactly(tuple("amounts.total", SUM_MISMATCH));
    }

    @Test
    void shouldLeaveTheRulesUnreadWhenTheSchemaRefusesTheForm() {
        // a sex of 3 breaks the XSD: the field rules (which would say NOT_ALLOWED) need a schema-valid letter
        refusal(() -> CHECKS.xml(LETTER, utf8(sample("contact-letter.xml").replace("<c:Sex>1</c:Sex>", "<c:Sex>3</c:Sex>")),
                AT_NANJING)).containsOnly(tuple("/ContactLetter/Person/Sex", SCHEMA));
    }

    @Test
    void shouldNameJsonStructureProblemsWithoutTheSchemasViewOfTheSameFields() {
        ObjectNode json = FORMS.toJson(Samples.xml("info-form.xml").getDocumentElement());
        json.put("formNo", "IF-1");
        json.remove("formDate");

        refusal(() -> CHECKS.json(INFO_FORM, utf8(json.toString()), AT_NANJING))
                .containsExactly(tuple("formNo", UNKNOWN_FIELD), tuple("formDate", REQUIRED));
    }

    @Test
    void shouldNameAKeyGivenTwiceByItsJsonPath() {
        String json = sample("contact-letter.json").replace("\"idNumber\": \"510104198805121377\"",
                "\"idNumber\": \"510104198805121377\", \"idNumber\": \"110105194912310021\"");

        refusal(() -> CHECKS.json(LETTER, utf8(json), AT_NANJING)).containsExactly(tuple("person.idNumber", DUPLICATE_KEY));
    }

    @Test
    void shouldRefuseATooLargeBodyAndATooDeepOneBeforeParsingThem() {
        IntakeChecks small = new IntakeChecks(XSD, FORMS, new SecureXml.Limits(100, 8, 1000));

        refusal(() -> small.json(INFO_FORM, new byte[101], AT_NANJING)).containsExactly(tuple("body", TOO_LARGE));
        assertThatThrownBy(() -> small.json(INFO_FORM, utf8("[".repeat(20) + "]".repeat(20)), AT_NANJING))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_COMPLEX);
                    assertThat(e.getMessage()).isEqualTo("the JSON nests deeper than 8 levels");
                });
        assertThatThrownBy(() -> small.xml(INFO_FORM, utf8("<a>".repeat(10) + "</a>".repeat(10)), AT_NANJING))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_COMPLEX));
    }

    @Test
    void shouldGiveAFormAfterTheLetterItsPeerAndCaseAndAValidBodyWhenItCameAsJson() {
        ObjectNode json = FORMS.toJson(Samples.xml("info-form.xml").getDocumentElement());

        CheckedForm form = CHECKS.json(INFO_FORM, utf8(json.toString()), AT_NANJING);

        assertThat(form.opensCase()).isFalse();
        assertThat(form.letter()).isNull();
        assertThat(form.to()).isEqualTo("440300");
        assertThat(form.conversationId()).isEqualTo("440300-CASE-1");
        assertThat(XSD.validate(form.body().getOwnerDocument())).isEmpty();
        assertThat(FORMS.toJson(form.body())).isEqualTo(json);
    }

    @Test
    void shouldRefuseALetterRecordByItsFieldRulesNamedByJsonPath() {
        ContactLetter s = Samples.contactLetter();
        Agency a = s.addresseeAgency();
        ContactLetter toItself = new ContactLetter(s.letterNumber(), s.letterDate(), s.transferType(),
                s.accountCategory(), s.person(), new Agency("320100", "320100", a.name(), null, null, null, null),
                s.transferInAgency(), s.handler());

        refusal(() -> CHECKS.letter(toItself, AT_NANJING)).containsExactly(tuple("addresseeAgency.nodeId", SAME_NODE));
    }
}
