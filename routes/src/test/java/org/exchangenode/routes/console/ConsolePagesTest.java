package org.exchangenode.routes.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.outbound.ResendTest;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * The console's pages on a node with a real broker and H2: a failed letter found, inspected with its personal data
 * masked, its signature checked; cases with their steps; the auditor's chain verified as the CLI prints it; the
 * directory. Each page behind the role that may see it.
 */
@QuarkusTest
@TestProfile(ResendTest.ShortReceiptTimeout.class)
class ConsolePagesTest extends PeerTestSupport {

    /** The person of the last letter sent, whose id number and name no page may show. */
    private String idNumber;
    private String name;

    private String failedLetter() throws Exception {
        String json = Samples.letterJson();
        idNumber = JsonPath.from(json).getString("person.idNumber");
        name = JsonPath.from(json).getString("person.name");
        assertThat(idNumber).hasSize(18);
        return failedLetter(json);
    }

    @Test
    void shouldFindAFailedLetterAndShowItMaskedWithItsAttemptsAndSignature() throws Exception {
        String id = failedLetter();
        ConsoleSession operator = ConsoleSession.login("operator-test", "operator-test-password");
        Response list = operator.get("/console/messages?status=FAILED&direction=OUTBOUND");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.asString()).contains("data-id=\"" + id + "\"", "data-status=\"FAILED\"",
                "id=\"dry-run-selected\"", "id=\"export-csv\"");
        // by id, whatever the window
        assertThat(operator.get("/console/messages?messageId=" + id + "&window=PT30M").asString())
                .contains("data-id=\"" + id + "\"");

        Response detail = operator.get("/console/messages/" + id);
        assertThat(detail.statusCode()).isEqualTo(200);
        String page = detail.asString();
        assertThat(page).contains("id=\"message-status\" class=\"status\" data-status=\"FAILED\"", "id=\"attempts\"",
                "data-outcome=\"SENT\"", "data-valid=\"true\"", "SM2", "id=\"replay-one\"");
        // the body is shown masked: not the person's id number or name, and no download of the signed XML for an operator
        assertThat(page).doesNotContain(idNumber).doesNotContain(name).doesNotContain("id=\"download-xml\"");
        assertThat(operator.get("/console/messages/" + id + ".xml").statusCode()).isEqualTo(403);

        ConsoleSession auditor = ConsoleSession.login("auditor-test", "auditor-test-password");
        assertThat(auditor.get("/console/messages/" + id).asString()).contains("id=\"download-xml\"")
                .doesNotContain("id=\"replay-one\"");
        Response xml = auditor.get("/console/messages/" + id + ".xml");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.asString()).contains(id);

        ConsoleSession observer = ConsoleSession.login("observer-test", "observer-test-password");
        assertThat(observer.get("/console/messages?status=FAILED").asString()).contains("data-id=\"" + id + "\"")
                .doesNotContain("id=\"dry-run-selected\"").doesNotContain("name=\"ids\"");

        Response csv = operator.get("/console/messages/export.csv?status=FAILED&direction=OUTBOUND");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("attachment");
        assertThat(csv.asString()).contains(id);
    }

    @Test
    void shouldRefuseABadSearchFieldByNameWithoutRepeatingIt() {
        ConsoleSession operator = ConsoleSession.login("operator-test", "operator-test-password");
        Response bad = operator.get("/console/messages?from=yesterday<script>");
        assertThat(bad.statusCode()).isEqualTo(400);
        // the error names the field, never what was typed; the search form keeps it, escaped, for correcting
        String error = bad.asString().replaceAll("(?s).*<div class=\"error\" role=\"alert\">(.*?)</div>.*", "$1");
        assertThat(error).contains("from").doesNotContain("yesterday");
        assertThat(bad.asString()).doesNotContain("<script>");
        assertThat(operator.get("/console/messages/no-such-message").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldShowACaseWithItsStepsAndWhatMayComeNext() throws Exception {
        ContactLetter letter = Samples.letterFrom440300();
        String caseId = peerOpensCase("console", letter);
        ConsoleSession observer = ConsoleSession.login("observer-test", "observer-test-password");
        assertThat(observer.get("/console/cases").asString()).contains("data-case=\"" + caseId + "\"");
        String page = observer.get("/console/cases/" + caseId).asString();
        assertThat(page).contains("id=\"timeline\"", "id=\"steps\"", "class=\"due\"", "class=\"days-left",
                "id=\"next-forms\"", "data-form=\"InfoForm\"", "data-state=\"LETTER_RECEIVED\"");
        // the person is masked: neither the id number nor the full name
        assertThat(page).doesNotContain(letter.person().idNumber()).doesNotContain(letter.person().name());
    }

    @Test
    void shouldLetAnAuditorSignExportAndVerifyTheChainAsTheCommandLinePrintsIt() {
        ConsoleSession auditor = ConsoleSession.login("auditor-test", "auditor-test-password");
        Response page = auditor.get("/console/audit");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString()).contains("id=\"chain-head\"", "id=\"sign-checkpoint\"", "id=\"export\"");
        Response signed = auditor.post("/console/audit/checkpoint", Map.of());
        assertThat(signed.statusCode()).isIn(200, 409);
        Response verified = auditor.post("/console/audit/verify", Map.of());
        assertThat(verified.statusCode()).isEqualTo(200);
        assertThat(verified.asString()).contains("id=\"verify-result\"", "Exchange Node audit verification",
                "RESULT       INTACT");
        Response export = auditor.post("/console/audit/export", Map.of());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.header("Content-Type")).contains("application/zip");
        assertThat(export.asByteArray()).startsWith('P', 'K');
        // the operator-action log shows the export just made, by whom
        assertThat(auditor.get("/console/audit").asString()).contains("id=\"operator-actions\"", "auditor-test",
                "audit export of entries");

        ConsoleSession operator = ConsoleSession.login("operator-test", "operator-test-password");
        assertThat(operator.get("/console/audit").statusCode()).isEqualTo(403);
        assertThat(operator.post("/console/audit/verify", Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldListPeersWithCertificateExpiryAndOtherPagesForReaders() {
        ConsoleSession observer = ConsoleSession.login("observer-test", "observer-test-password");
        String network = observer.get("/console/network").asString();
        assertThat(network).contains("data-peer=\"440300\"", "class=\"cert-expiry").doesNotContain("class=\"ping\"");
        assertThat(observer.post("/console/network/ping/440300", Map.of()).statusCode()).isEqualTo(403);
        for (String path : new String[] {"/console", "/console/quarantine", "/console/dead-letters", "/console/cases?due=overdue"}) {
            Response r = observer.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.asString()).as(path).contains("id=\"menu\"");
        }
        ConsoleSession operator = ConsoleSession.login("operator-test", "operator-test-password");
        assertThat(operator.get("/console/network").asString()).contains("class=\"ping\"");
    }
}
