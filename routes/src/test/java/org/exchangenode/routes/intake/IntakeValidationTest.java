package org.exchangenode.routes.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad submissions are refused with the field named, and nothing is stored. */
@QuarkusTest
class IntakeValidationTest {
    private int storedBefore;

    private static int storedContactLetters() {
        return given().get("/api/v1/messages?type=ContactLetter&direction=OUTBOUND&size=500")
                .then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    @BeforeEach
    void count() {
        storedBefore = storedContactLetters();
    }

    @AfterEach
    void nothingStored() {
        given().get("/api/v1/messages?type=ContactLetter&direction=OUTBOUND&size=500")
                .then().body("size()", equalTo(storedBefore));
    }

    private static io.restassured.response.ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/contact-letters").then();
    }

    @Test
    void shouldAnswer400WhenTheBodyIsNotJson() {
        post("{\"letterNumber\": ").statusCode(400).body("code", equalTo("MALFORMED_JSON"))
                .body("message", containsString("not valid JSON"));
    }

    @Test
    void shouldAnswer400NamingTheFieldWhenItIsUnknown() {
        post(Samples.text("contact-letter.json").replace("\"letterNumber\"", "\"letterNo\""))
                .statusCode(400).body("violations[0].field", equalTo("letterNo"))
                .body("violations[0].code", equalTo("UNKNOWN_FIELD"));
    }

    @Test
    void shouldAnswer400NamingTheFieldWhenItHasTheWrongJsonType() {
        post(Samples.text("contact-letter.json").replace("\"migrantWorker\": false", "\"migrantWorker\": [1]"))
                .statusCode(400).body("violations[0].field", equalTo("person.migrantWorker"))
                .body("violations[0].code", equalTo("WRONG_TYPE"));
    }

    @Test
    void shouldAnswer400WhenTheBodyIsEmpty() {
        given().contentType(ContentType.JSON).when().post("/api/v1/contact-letters").then().statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void shouldAnswer422ListingEveryBrokenFieldWhenSeveralAreInvalid() {
        String body = Samples.text("contact-letter.json")
                .replace("510104198805121377", "510104198805121378")
                .replace("\"postcode\": \"210019\"", "\"postcode\": \"21001\"")
                .replace("\"accountNumber\": \"4301010509001234567\"", "\"accountNumber\": \"\"")
                .replace("\"sex\": \"1\"", "\"sex\": \"3\"")
                .replace("\"nodeId\": \"440300\"", "\"nodeId\": \"999900\"");
        post(body).statusCode(422).body("code", equalTo("FIELD_INVALID"))
                .body("violations.field", hasItems("person.idNumber", "transferInAgency.postcode",
                        "transferInAgency.bankAccount.accountNumber", "person.sex", "addresseeAgency.nodeId"))
                .body("violations.code", hasItems("ID_CHECK_CHARACTER", "FORMAT", "REQUIRED", "NOT_ALLOWED",
                        "UNKNOWN_PEER"))
                .body(org.hamcrest.Matchers.not(containsString("510104198805121378")));
    }

    @Test
    void shouldAnswer422WhenTheLetterIsAddressedToThisNodeItself() {
        post(Samples.text("contact-letter.json").replace("\"nodeId\": \"440300\"", "\"nodeId\": \"320100\""))
                .statusCode(422).body("violations[0].field", equalTo("addresseeAgency.nodeId"))
                .body("violations[0].code", equalTo("SAME_NODE"));
    }
}
