package org.exchangenode.core.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.exchangenode.core.Samples;
import org.exchangenode.core.xml.XsdValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The schemas module's rule corpus: samples valid against their XSD that break a rule only the node can check. */
class FormRulesTest {
    private static final XsdValidator XSD = new XsdValidator();
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    static Stream<String> validSamples() {
        return Samples.VALID_FORMS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSamples")
    void shouldFindNothingWrongWithTheValidSamples(String file) {
        assertThat(FormRules.check(Samples.xml(file).getDocumentElement(), TODAY)).isEmpty();
    }

    static Stream<Arguments> ruleSamples() {
        return Samples.corpus("invalid/expected-rule-errors.properties").map(entry -> Arguments.of((Object[]) entry));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleSamples")
    void shouldNameTheFieldAndRuleWhenASampleBreaksARule(String file, String path, String code) {
        Document sample = Samples.xml("invalid/" + file);
        assertThat(XSD.validate(sample)).as("valid against its XSD: only the rule is broken").isEmpty();

        List<FieldViolation> violations = FormRules.check(sample.getDocumentElement(), TODAY);

        assertThat(violations).extracting(FieldViolation::field, FieldViolation::code)
                .containsExactly(tuple(path, ViolationCode.valueOf(code)));
        assertThat(violations.get(0).message()).doesNotContain("510104198805121377", "39278.91", "52598.80");
    }

    @Test
    void shouldReportEveryBrokenRuleAtOnce() {
        Document form = Samples.xml("info-form.xml");
        Element amounts = (Element) form.getElementsByTagNameNS("urn:exchangenode:form:info-form:1", "Amounts").item(0);
        set(amounts, "PreReformContributions", "1200.01");
        set(amounts, "PooledFund", "13320.01");
        Element row = (Element) form.getElementsByTagNameNS("urn:exchangenode:form:info-form:1", "Row").item(1);
        set(row, "Months", "5");

        assertThat(FormRules.check(form.getDocumentElement(), TODAY)).extracting(FieldViolation::field)
                .containsExactly("/InfoForm/Amounts/IndividualAccountTotal", "/InfoForm/Amounts/Total",
                        "/InfoForm/YearlyRows/Row[2]/Months");
    }

    @Test
    void shouldAcceptRowsOfDifferentPlacesInTheSameMonthsForTheReceiverToReport() {
        Document form = Samples.xml("info-form.xml");
        Element row = (Element) form.getElementsByTagNameNS("urn:exchangenode:form:info-form:1", "Row").item(1);
        set(row, "Year", "2024");
        set(row, "DivisionCode", "440100");

        assertThat(FormRules.check(form.getDocumentElement(), TODAY)).isEmpty();
    }

    private static void set(Element parent, String name, String value) {
        parent.getElementsByTagNameNS("urn:exchangenode:form:info-form:1", name).item(0).setTextContent(value);
    }
}
