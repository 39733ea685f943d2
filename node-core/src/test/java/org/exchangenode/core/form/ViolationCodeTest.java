package org.exchangenode.core.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.exchangenode.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of violation codes is a contract with every local system (REST answers, SOAP faults, file-drop
 * reports): the codes are exactly these names, and a violation is always shown by its code's name.
 */
class ViolationCodeTest {

    @Test
    void shouldKeepEveryCodeLocalSystemsMatchOnWhenTheCatalogueChanges() {
        assertThat(Arrays.stream(ViolationCode.values()).map(Enum::name)).containsExactlyInAnyOrder(
                "NOT_JSON", "NOT_XML", "WRONG_FORM", "TOO_LARGE", "NOT_A_REGULAR_FILE",
                "UNKNOWN_FIELD", "WRONG_TYPE", "DUPLICATE_KEY", "CONTROL_CHARACTER",
                "SCHEMA", "REQUIRED", "TOO_LONG", "FORMAT", "NOT_ALLOWED", "OUT_OF_RANGE", "TOO_MANY", "NOT_A_TIME",
                "CONFLICT", "MISMATCH", "DATE_IN_FUTURE",
                "ID_LENGTH", "ID_FORMAT", "ID_BIRTH_DATE", "ID_CHECK_CHARACTER", "SEX_MISMATCH", "BIRTH_DATE_MISMATCH",
                "NOT_OWN_NODE", "SAME_NODE", "UNKNOWN_PEER", "SENDER_MISMATCH", "CASE_UNKNOWN",
                "TEMPORARY_ACCOUNT_REQUIRED", "NOT_APPLICABLE", "SUM_MISMATCH", "RANGE_REVERSED", "MONTHS_MISMATCH",
                "ROWS_OVERLAP", "NOT_POSITIVE");
    }

    @Test
    void shouldWriteTheCodeAsItsNameWhenAViolationIsSerialisedToJson() throws Exception {
        FieldViolation violation = new FieldViolation("person.idNumber", ViolationCode.ID_CHECK_CHARACTER,
                "check character does not match (ISO 7064 MOD 11-2)");

        assertThat(new ObjectMapper().writeValueAsString(violation)).isEqualTo("{\"field\":\"person.idNumber\","
                + "\"code\":\"ID_CHECK_CHARACTER\",\"message\":\"check character does not match (ISO 7064 MOD 11-2)\"}");
    }

    @Test
    void shouldShowEveryCodeAsItsNameWhenWrittenIntoAText() {
        // SOAP faults, file-drop reports and refusal reasons write the code into text
        assertThat(ViolationCode.values()).allSatisfy(code -> assertThat(code.toString()).isEqualTo(code.name()));
    }

    @Test
    void shouldCarryFieldInvalidAndNameEveryFieldAndCodeWhenAFormIsRefused() {
        InvalidFormException refused = new InvalidFormException(List.of(
                new FieldViolation("person.sex", ViolationCode.NOT_ALLOWED, "must be one of [1, 2]"),
                new FieldViolation("/InfoForm/Amounts/Total", ViolationCode.SUM_MISMATCH, "⑥ must equal ④ + ⑤ to the fen")));

        assertThat(refused.code()).isEqualTo(ErrorCode.FIELD_INVALID);
        assertThat(refused.getMessage()).isEqualTo("person.sex NOT_ALLOWED: must be one of [1, 2]; "
                + "/InfoForm/Amounts/Total SUM_MISMATCH: ⑥ must equal ④ + ⑤ to the fen");
    }

    @Test
    void shouldShareANameWithAnErrorCodeOnlyWhereBothNameTheSameFailure() {
        Set<String> errors = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());

        assertThat(Arrays.stream(ViolationCode.values()).map(Enum::name).filter(errors::contains))
                .containsExactlyInAnyOrder("CONTROL_CHARACTER", "DUPLICATE_KEY", "UNKNOWN_PEER", "SENDER_MISMATCH",
                        "CASE_UNKNOWN");
    }
}
