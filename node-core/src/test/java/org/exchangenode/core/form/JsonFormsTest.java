package org.exchangenode.core.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.exchangenode.core.form.ViolationCode.REQUIRED;
import static org.exchangenode.core.form.ViolationCode.UNKNOWN_FIELD;
import static org.exchangenode.core.form.ViolationCode.WRONG_TYPE;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.exchangenode.core.Samples;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.xml.XsdValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The JSON shapes derived from the XSDs: every valid sample survives XML → JSON → XML, and errors name JSON paths. */
class JsonFormsTest {
    private static final JsonForms FORMS = new JsonForms();
    private static final XsdValidator XSD = new XsdValidator();
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> VALID = Samples.VALID_FORMS;

    @ParameterizedTest
    @FieldSource("VALID")
    void shouldCarryEveryValidSampleThroughJsonUnchanged(String sample) {
        Element xml = Samples.xml(sample).getDocumentElement();
        ObjectNode json = FORMS.toJson(xml);
        MessageType type = MessageType.fromWireName(xml.getLocalName()).orElseThrow();

        List<FieldViolation> violations = new ArrayList<>();
        Document again = FORMS.toXml(type, json, violations);

        assertThat(violations).isEmpty();
        assertThat(XSD.validate(again)).isEmpty();
        assertThat(FORMS.toJson(again.getDocumentElement())).isEqualTo(json);
        assertThat(again.getDocumentElement().getElementsByTagNameNS("*", "*").getLength())
                .isEqualTo(xml.getElementsByTagNameNS("*", "*").getLength());
    }

    @Test
    void shouldShowRowsAsAnArrayAndAmountsAsNumbersWithTheirFen() {
        ObjectNode json = FORMS.toJson(Samples.xml("info-form.xml").getDocumentElement());
        assertThat(json.get("yearlyRows").isArray()).isTrue();
        assertThat(json.get("yearlyRows").size()).isEqualTo(2);
        assertThat(json.at("/amounts/total").decimalValue()).isEqualByComparingTo("52598.90");
        assertThat(json.at("/amounts/total").toString()).isEqualTo("52598.90");
        assertThat(json.at("/temporaryAccount").isBoolean()).isTrue();
        assertThat(json.at("/person/idNumber").isTextual()).isTrue();
    }

    @Test
    void shouldNameEveryStructuralProblemByJsonPathAtOnce() throws Exception {
        ObjectNode json = FORMS.toJson(Samples.xml("info-form.xml").getDocumentElement());
        json.put("formNo", "x");
        json.remove("formDate");
        json.put("temporaryAccount", 1);
        ((ObjectNode) json.at("/yearlyRows/1")).putArray("months");
        ((ObjectNode) json.get("amounts")).put("total", true);

        List<FieldViolation> violations = new ArrayList<>();
        FORMS.toXml(MessageType.INFO_FORM, JSON.readTree(json.toString()), violations);

        assertThat(violations).extracting(FieldViolation::field, FieldViolation::code).containsExactlyInAnyOrder(
                tuple("formNo", UNKNOWN_FIELD),
                tuple("formDate", REQUIRED),
                tuple("temporaryAccount", WRONG_TYPE),
                tuple("amounts.total", WRONG_TYPE),
                tuple("yearlyRows[1].months", WRONG_TYPE));
    }

    @Test
    void shouldAcceptAmountsAsJsonNumbersOrStrings() throws Exception {
        ObjectNode json = FORMS.toJson(Samples.xml("fund-transfer-notice.xml").getDocumentElement());
        String amount = json.get("amount").toString();
        ObjectNode asString = json.deepCopy();
        asString.put("amount", amount);
        List<FieldViolation> violations = new ArrayList<>();
        Document fromNumber = FORMS.toXml(MessageType.FUND_TRANSFER_NOTICE, JSON.readTree(json.toString()), violations);
        Document fromString = FORMS.toXml(MessageType.FUND_TRANSFER_NOTICE, asString, violations);
        assertThat(violations).isEmpty();
        assertThat(FORMS.toJson(fromNumber.getDocumentElement())).isEqualTo(FORMS.toJson(fromString.getDocumentElement()));
    }

    @Test
    void shouldTranslateElementPathsOfTheValidatorsIntoJsonPaths() {
        assertThat(FORMS.jsonPath(MessageType.INFO_FORM, "/InfoForm/YearlyRows/Row[2]/ToMonth")).isEqualTo("yearlyRows[1].toMonth");
        assertThat(FORMS.jsonPath(MessageType.INFO_FORM, "/InfoForm/YearlyRows/Row/Months")).isEqualTo("yearlyRows[0].months");
        assertThat(FORMS.jsonPath(MessageType.INFO_FORM, "/InfoForm/Amounts/Total")).isEqualTo("amounts.total");
        assertThat(FORMS.jsonPath(MessageType.INFO_FORM, "/InfoForm/Person/IdNumber")).isEqualTo("person.idNumber");
        assertThat(FORMS.jsonPath(MessageType.INFO_FORM, "/InfoForm")).isEqualTo("$");
        assertThat(FORMS.jsonPath(MessageType.INFO_FORM, "/Other/Thing")).isEqualTo("/Other/Thing");
    }

    @Test
    void shouldGiveTheContactLetterTheJsonShapeOfItsOwnIntake() throws Exception {
        ObjectNode derived = FORMS.toJson(ContactLetterXml.write(Samples.contactLetter()));
        assertThat(derived).isEqualTo(JSON.readTree(Samples.bytes("contact-letter.json")));
    }
}
