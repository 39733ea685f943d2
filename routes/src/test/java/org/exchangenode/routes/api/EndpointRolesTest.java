package org.exchangenode.routes.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exchangenode.routes.ApiUserForTests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks the node's OpenAPI document: every operation refuses a call without credentials (401) and a user without its
 * role (403), and lets in exactly the roles the README's table "Users, roles and endpoints" gives it, for each of the
 * five roles (submitter, operator, auditor, admin, read-only observer). Only health,
 * metrics and the OpenAPI document answer without credentials; the SOAP service needs the role submitter too.
 */
@QuarkusTest
class EndpointRolesTest {
    /** What answers without credentials: the health checks, the metrics and the OpenAPI document, nothing else. */
    private static final List<String> UNAUTHENTICATED = List.of("/q/health", "/q/health/live", "/q/health/ready",
            "/q/metrics", "/q/openapi");
    private static final Map<String, String[]> USERS = Map.of(
            "submitter", new String[] {ApiUserForTests.USER, ApiUserForTests.PASSWORD},
            "operator", new String[] {"operator-test", "operator-test-password"},
            "auditor", new String[] {"auditor-test", "auditor-test-password"},
            "admin", new String[] {"admin-test", "admin-test-password"},
            "observer", new String[] {"observer-test", "observer-test-password"});
    /** A README row: | `METHOD /path` | roles | … */
    private static final Pattern ROW = Pattern.compile("^\\| `(GET|POST|PUT|DELETE) (/api/[^`]+)` \\| ([a-z, ]+) \\|");

    private static Map<String, Set<String>> documented;

    @BeforeAll
    static void readTheReadme() throws Exception {
        documented = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#")) {
                inSection = line.equals("### Users, roles and endpoints");
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inSection && row.find()) {
                Set<String> roles = new TreeSet<>();
                for (String role : row.group(3).split(",")) {
                    roles.add(role.trim());
                }
                assertThat(documented.put(row.group(1) + " " + row.group(2), roles)).as("listed twice: " + line).isNull();
            }
        }
    }

    /** Every operation of the OpenAPI document, as "METHOD /path". */
    private static List<String> operations() throws Exception {
        String json = given().auth().none().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        JsonNode paths = new ObjectMapper().readTree(json).path("paths");
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase();
                if (Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    operations.add(method + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    private static Response call(RequestSpecification request, String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        // path parameters get a value no record has: what is checked here comes before any lookup
        String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "no-such-id");
        if (!method.equals("GET")) {
            request = request.contentType(ContentType.JSON).body("{}");
        }
        return request.request(method, path);
    }

    @Test
    void shouldListEveryOperationInTheReadmeAndNothingElse() throws Exception {
        List<String> operations = operations();
        assertThat(operations).as("the OpenAPI document").hasSizeGreaterThan(30);
        assertThat(documented.keySet()).as("README rows").containsExactlyInAnyOrderElementsOf(operations);
    }

    @Test
    void shouldGiveTheObserverOnlyGetsAndTheAdminWhatOperatorAndAuditorHave() {
        for (Map.Entry<String, Set<String>> row : documented.entrySet()) {
            Set<String> roles = row.getValue();
            if (roles.contains("observer")) {
                assertThat(row.getKey()).as("observer is read-only").startsWith("GET ");
            }
            if (roles.contains("operator") || roles.contains("auditor")) {
                assertThat(roles).as(row.getKey()).contains("admin");
            }
        }
        assertThat(documented.values()).as("every role has rows").anyMatch(r -> r.contains("observer"))
                .anyMatch(r -> r.contains("admin"));
    }

    @Test
    void shouldRefuseEveryOperationWithoutCredentialsOrWithoutItsRole() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String operation : operations()) {
            int anonymous = call(given().auth().none(), operation).statusCode();
            if (anonymous != 401) {
                wrong.add(operation + " without credentials: " + anonymous);
            }
            int nobody = call(given().auth().preemptive().basic("clerk-test", "clerk-test-password"), operation)
                    .statusCode();
            if (nobody != 403) {
                wrong.add(operation + " as a user without a role: " + nobody);
            }
            Set<String> roles = documented.getOrDefault(operation, Set.of());
            for (Map.Entry<String, String[]> user : USERS.entrySet()) {
                int status = call(given().auth().preemptive().basic(user.getValue()[0], user.getValue()[1]), operation)
                        .statusCode();
                boolean allowed = roles.contains(user.getKey());
                if (allowed && (status == 401 || status == 403 || status >= 500)) {
                    wrong.add(operation + " as " + user.getKey() + " (allowed): " + status);
                } else if (!allowed && status != 403) {
                    wrong.add(operation + " as " + user.getKey() + " (not allowed): " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void shouldAnswerOnlyHealthMetricsAndTheOpenApiDocumentWithoutCredentials() {
        for (String path : UNAUTHENTICATED) {
            assertThat(given().auth().none().get(path).statusCode()).as(path).isIn(200, 503);
        }
        // the SOAP service and its WSDL are the local system's too
        given().auth().none().contentType("text/xml; charset=UTF-8").body("<x/>").post("/soap/intake").then()
                .statusCode(401);
        given().auth().none().get("/soap/intake?wsdl").then().statusCode(401);
        given().auth().preemptive().basic("operator-test", "operator-test-password").get("/soap/intake?wsdl").then()
                .statusCode(403);
        given().get("/soap/intake?wsdl").then().statusCode(200);
    }
}
