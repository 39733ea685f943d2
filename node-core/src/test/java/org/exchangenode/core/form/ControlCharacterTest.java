package org.exchangenode.core.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.exchangenode.core.form.ViolationCode.CONTROL_CHARACTER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.exchangenode.core.Samples;
import org.exchangenode.core.envelope.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text XML cannot carry (control characters other than tab, line feed, carriage return; lone surrogates) is refused
 * by the field's JSON path before any XML is written, in every text field; and a key given twice is named by its path.
 */
class ControlCharacterTest {
    private static final FormContext AT_NANJING = new FormContext("320100", Set.of("440300"), LocalDate.of(2026, 11, 26));
    private static final JsonForms FORMS = new JsonForms();

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u001b", "\u0007", "\u001f", "\ud800"})
    void shouldRefuseTheCharacterInEveryTextFieldOfAContactLetterByItsPath(String bad) throws Exception {
        ContactLetter sample = Samples.contactLetter();
        List<String> paths = textPaths(sample, "");
        assertThat(paths).contains("person.name", "person.idNumber", "transferInAgency.bankAccount.accountName",
                "handler.phone").hasSizeGreaterThan(20);

        for (String path : paths) {
            ContactLetter letter = (ContactLetter) withText(sample, "", path, bad);
            assertThat(ContactLetterValidator.validateOutbound(letter, AT_NANJING))
                    .as(path).extracting(FieldViolation::field, FieldViolation::code)
                    .contains(tuple(path, CONTROL_CHARACTER));
        }
    }

    @Test
    void shouldLetTabLineFeedAndCarriageReturnThrough() throws Exception {
        ContactLetter sample = Samples.contactLetter();
        ContactLetter letter = (ContactLetter) withText(sample, "", "transferInAgency.address", "\t\r\n");
        assertThat(ContactLetterValidator.validateOutbound(letter, AT_NANJING)).isEmpty();
    }

    @Test
    void shouldRefuseAControlCharacterInAJsonFormByItsPathAndWriteNoTextOfIt() {
        ObjectNode json = FORMS.toJson(Samples.xml("info-form.xml").getDocumentElement());
        json.put("transferOutEmployer", "深圳\u0000某科技");
        ((ObjectNode) json.at("/yearlyRows/1")).put("monthReceived", "2025\u001b-07");

        List<FieldViolation> violations = new ArrayList<>();
        var document = FORMS.toXml(MessageType.INFO_FORM, json, violations);

        assertThat(violations).extracting(FieldViolation::field, FieldViolation::code).containsExactly(
                tuple("transferOutEmployer", CONTROL_CHARACTER), tuple("yearlyRows[1].monthReceived", CONTROL_CHARACTER));
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).doesNotContain("深圳").doesNotContain("2025"));
        assertThat(document.getDocumentElement().getTextContent()).doesNotContain("\u0000").doesNotContain("\u001b");
    }

    @Test
    void shouldNameAKeyGivenTwiceByItsJsonPath() {
        ObjectMapper strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        assertThat(duplicate(strict, "{\"person\": {\"idNumber\": \"1\", \"idNumber\": \"2\"}}")).isEqualTo("person.idNumber");
        assertThat(duplicate(strict, "{\"rows\": [{\"a\": 1}, {\"a\": 1, \"b\": 2, \"a\": 3}]}")).isEqualTo("rows[1].a");
        assertThat(duplicate(strict, "{\"formNumber\": 1, \"formNumber\": 1}")).isEqualTo("formNumber");
        assertThat(duplicate(strict, "{\"a\": [1, 2")).isNull();
    }

    @Test
    void shouldNameAKeyGivenTwiceByItsJsonPathWhenBindingToAClassWrapsTheRefusal() {
        ObjectMapper strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        String json = "{\"letterNumber\": \"A-1\", \"person\": {\"name\": \"x\", \"idNumber\": \"1\", \"idNumber\": \"2\"}}";
        try {
            strict.readerFor(ContactLetter.class).readValue(json);
            throw new AssertionError("accepted");
        } catch (JsonProcessingException e) {
            assertThat(JsonForms.duplicateKey(e)).contains("person.idNumber");
        }
    }

    private static String duplicate(ObjectMapper mapper, String json) {
        try {
            mapper.readTree(json);
            return "accepted";
        } catch (JsonProcessingException e) {
            return JsonForms.duplicateKey(e).orElse(null);
        }
    }

    /** The JSON paths of every text field of a form record (nested records walked). */
    private static List<String> textPaths(Object record, String prefix) throws Exception {
        List<String> paths = new ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value = component.getAccessor().invoke(record);
            String path = prefix + component.getName();
            if (value instanceof String) {
                paths.add(path);
            } else if (value != null && value.getClass().isRecord()) {
                paths.addAll(textPaths(value, path + "."));
            }
        }
        return paths;
    }

    /** The record with {@code text} inserted in the middle of the field at {@code path}. */
    private static Object withText(Object record, String prefix, String path, String text) throws Exception {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Object value = components[i].getAccessor().invoke(record);
            String at = prefix + components[i].getName();
            if (at.equals(path) && value instanceof String s) {
                value = s.substring(0, s.length() / 2) + text + s.substring(s.length() / 2);
            } else if (value != null && value.getClass().isRecord() && path.startsWith(at + ".")) {
                value = withText(value, at + ".", path, text);
            }
            values[i] = value;
            types[i] = components[i].getType();
        }
        return record.getClass().getDeclaredConstructor(types).newInstance(values);
    }
}
