package org.exchangenode.routes.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.JsonForms;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.jdbc.Database;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * JSON the parser would take but the node must not sign: a key given twice (the last would win, so the signed letter
 * could carry another person than the one checked by eye) and text with control characters (which XML cannot carry:
 * they used to come back as MALFORMED_XML with a column number). Each is refused naming the field, never its value,
 * and nothing is stored.
 */
@QuarkusTest
class JsonIntakeEdgeCasesTest extends PeerTestSupport {
    private static final JsonForms FORMS = new JsonForms();

    @Inject
    Database database;

    private int casesOf(String idNumber) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("select count(*) from exn_case where person_id_number = ?")) {
            s.setString(1, idNumber);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void shouldRefuseAContactLetterWithAKeyGivenTwiceNamingTheKeyWhenPostedAsJson() throws Exception {
        String json = Samples.letterJson();
        String first = JsonPath.from(json).getString("person.idNumber");
        String second = JsonPath.from(Samples.letterJson()).getString("person.idNumber");
        String twice = json.replace("\"idNumber\":\"" + first + "\"",
                "\"idNumber\":\"" + first + "\",\"idNumber\":\"" + second + "\"");
        assertThat(twice).isNotEqualTo(json);

        String answer = given().contentType(ContentType.JSON).body(twice).post("/api/v1/contact-letters").then()
                .statusCode(400).body("code", equalTo("MALFORMED_JSON"))
                .body("violations.field", equalTo(List.of("person.idNumber")))
                .body("violations.code", equalTo(List.of("DUPLICATE_KEY")))
                .extract().asString();

        assertThat(answer).doesNotContain(first).doesNotContain(second);
        assertThat(casesOf(first) + casesOf(second)).isZero();
    }

    /** The sample information form answering {@code asked}, as the local system's JSON. */
    private static String infoFormJson(ContactLetter asked) {
        return FORMS.toJson(SecureXml.parse(Samples.formFor("info-form.xml", asked), 1 << 20).getDocumentElement())
                .toString();
    }

    @Test
    void shouldRefuseAnInformationFormWithAKeyGivenTwiceInARowNamingItsJsonPath() throws Exception {
        ContactLetter asked = Samples.letterFrom440300();
        String caseId = peerOpensCase("440300-CASE-DUP", asked);
        String json = infoFormJson(asked);
        // the second row asks for January to June: the same key again would make it January to December
        String twice = json.replace("\"toMonth\":6,", "\"toMonth\":6,\"toMonth\":12,");
        assertThat(twice).isNotEqualTo(json);

        given().contentType(ContentType.JSON).body(twice)
                .post("/api/v1/forms/info-form?to=440300&conversationId=" + caseId).then().statusCode(422)
                .body("violations.field", equalTo(List.of("yearlyRows[1].toMonth")))
                .body("violations.code", equalTo(List.of("DUPLICATE_KEY")));

        given().get("/api/v1/cases/" + caseId).then().body("state", equalTo("LETTER_RECEIVED"))
                .body("timeline.size()", equalTo(1));
    }

    @Test
    void shouldRefuseControlCharactersInAContactLetterWith422NamingEachField() throws Exception {
        String json = Samples.letterJson();
        String idNumber = JsonPath.from(json).getString("person.idNumber");
        String bad = json.replace("\"name\":\"张伟\"", "\"name\":\"张\\u0000伟\"")
                .replace("\"address\":\"南京市建邺区江东中路\"", "\"address\":\"南京市\\u001b[31m建邺区\"");
        assertThat(bad).contains("\\u0000").contains("\\u001b");

        String answer = given().contentType(ContentType.JSON).body(bad).post("/api/v1/contact-letters").then()
                .statusCode(422).body("code", equalTo("FIELD_INVALID"))
                .body("violations.field", equalTo(List.of("person.name", "transferInAgency.address")))
                .body("violations.code", equalTo(List.of("CONTROL_CHARACTER", "CONTROL_CHARACTER")))
                .extract().asString();

        assertThat(answer).doesNotContain("MALFORMED_XML").doesNotContain("张").doesNotContain("建邺区");
        assertThat(casesOf(idNumber)).isZero();
    }

    @Test
    void shouldRefuseAControlCharacterInAnInformationFormByItsJsonPath() throws Exception {
        ContactLetter asked = Samples.letterFrom440300();
        String caseId = peerOpensCase("440300-CASE-ESC", asked);
        String json = infoFormJson(asked);
        String bad = json.replace("\"transferOutEmployer\":\"深圳某科技有限公司\"",
                "\"transferOutEmployer\":\"深圳某科技\\u001b有限公司\"");
        assertThat(bad).isNotEqualTo(json);

        String answer = given().contentType(ContentType.JSON).body(bad)
                .post("/api/v1/forms/info-form?to=440300&conversationId=" + caseId).then().statusCode(422)
                .body("code", equalTo("FIELD_INVALID"))
                .body("violations.field", equalTo(List.of("transferOutEmployer")))
                .body("violations.code", equalTo(List.of("CONTROL_CHARACTER")))
                .extract().asString();

        assertThat(answer).doesNotContain("MALFORMED_XML").doesNotContain("科技");
        given().get("/api/v1/cases/" + caseId).then().body("state", equalTo("LETTER_RECEIVED"))
                .body("timeline.size()", equalTo(1));
    }

    @Test
    void shouldRefuseAControlCharacterInAnXmlFormAsNotXmlWithoutEchoingTheText() {
        String xml = new String(Samples.formFor("info-form.xml", Samples.letterFrom440300()), StandardCharsets.UTF_8)
                .replace("深圳某科技有限公司", "深圳某科技\u001b有限公司");

        given().contentType("application/xml").body(xml.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/info-form?to=440300&conversationId=440300-CASE-XML-ESC").then().statusCode(422)
                .body("violations.field", equalTo(List.of("body")))
                .body("violations.code", equalTo(List.of("NOT_XML")))
                .body("violations[0].message", not(containsString("科技")));
    }
}
