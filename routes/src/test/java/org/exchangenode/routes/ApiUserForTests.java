package org.exchangenode.routes;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Every REST call of a route test is made as the local system (TEST ONLY user submitter-test, role submitter) unless it
 * says otherwise: {@code given().auth().none()} for a call without credentials, {@code .auth().preemptive().basic(…)}
 * for an operator or auditor. Registered in META-INF/services, so it runs before each test of every class.
 */
public class ApiUserForTests implements QuarkusTestBeforeEachCallback {
    public static final String USER = "submitter-test";
    public static final String PASSWORD = "submitter-test-password";

    /** The Authorization header of the default user, for a test that calls with its own HTTP client. */
    public static String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** A call as the TEST ONLY operator (role operator). */
    public static RequestSpecification asOperator() {
        return RestAssured.given().auth().preemptive().basic("operator-test", "operator-test-password");
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.authentication = RestAssured.preemptive().basic(USER, PASSWORD);
    }
}
