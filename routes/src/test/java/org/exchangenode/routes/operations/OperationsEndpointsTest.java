package org.exchangenode.routes.operations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/** What an installer checks after start: readiness of database and broker, metrics, and the API document. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void shouldBeReadyWhenDatabaseAndBrokerAnswer() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("database", "broker"));
    }

    @Test
    void shouldCountMessagesByDirectionTypeAndStatusWhenOneIsSubmitted() {
        given().contentType(ContentType.JSON).body(Samples.letterJson())
                .post("/api/v1/contact-letters").then().statusCode(202);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("exn_messages_total{direction=\"OUTBOUND\",node=\"320100\",status=\"STORED\",type=\"ContactLetter\"}"));
    }

    @Test
    void shouldDescribeTheIntakeInTheOpenApiDocument() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/contact-letters"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/messages/{id}"));
    }

    @Test
    void shouldAnswer404WhenTheMessageIsUnknown() {
        given().get("/api/v1/messages/00000000-0000-4000-8000-000000000000").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void shouldAnswer422WhenAFilterValueIsNotAllowed() {
        given().get("/api/v1/messages?status=LOST").then().statusCode(422)
                .body("violations[0].field", equalTo("status"));
    }
}
