package org.exchangenode.routes.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.concurrent.ThreadLocalRandom;
import org.exchangenode.core.form.CitizenIdNumber;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * The temporary-account rule at intake: a woman of 46 registered in Chengdu, moving to Nanjing on an ordinary
 * account, is refused unless the submitter confirms it; the confirmation travels in the signed letter.
 */
@QuarkusTest
class TemporaryAccountTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode letterForAWomanOf46() throws Exception {
        ObjectNode letter = (ObjectNode) JSON.readTree(Samples.text("contact-letter.json"));
        String sequence = String.format("%03d", 2 * ThreadLocalRandom.current().nextInt(1, 500));
        String first17 = "51010419800301" + sequence;
        ObjectNode person = (ObjectNode) letter.get("person");
        person.put("idNumber", first17 + CitizenIdNumber.checkCharacter(first17));
        person.put("sex", "2");
        person.put("birthDate", "1980-03-01");
        return letter;
    }

    @Test
    void shouldRefuseAnOrdinaryAccountUnlessTheSubmitterConfirmsItAndKeepTheConfirmation() throws Exception {
        ObjectNode letter = letterForAWomanOf46();
        given().contentType(ContentType.JSON).body(letter.toString()).post("/api/v1/contact-letters").then()
                .statusCode(422).body("violations[0].field", equalTo("accountCategory"))
                .body("violations[0].code", equalTo("TEMPORARY_ACCOUNT_REQUIRED"));

        letter.putObject("ordinaryAccountConfirmation").put("reason", "01").put("text", "调动：经组织人事部门批准")
                .put("confirmedBy", "李娜");
        String messageId = given().contentType(ContentType.JSON).body(letter.toString()).post("/api/v1/contact-letters")
                .then().statusCode(202).extract().path("messageId");

        given().get("/api/v1/messages/" + messageId + "/content").then().statusCode(200)
                .body(containsString("<cl:OrdinaryAccountConfirmation><cl:Reason>01</cl:Reason>"));
    }
}
