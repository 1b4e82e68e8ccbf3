package org.cmppgw.gateway.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.cmppgw.simulator.ismg.IsmgConfig;
import org.cmppgw.simulator.ismg.ReportConfig;
import org.cmppgw.simulator.ismg.ReportDelay;
import org.cmppgw.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends with a send policy on a real gateway (H2) with the simulator's ISMG and SMTP sink (issue 11, docs/api.md
 * "Send policies"): SMS first, then email when the SMS is not delivered within a few seconds. The ISMG answers every
 * SMS with the report a test chooses (DELIVRD, UNDELIV, or none for a minute); each run's steps, its outcome and its
 * POLICY_REPORT callbacks are checked, and a restart in the middle of a run neither loses nor doubles its step 2.
 */
class PolicyEndToEndIT {
    private static final String USERS = "{\"users\":[{\"user_id\":\"p-1\",\"mobile\":\"13800138000\","
        + "\"email\":\"p1@example.com\"},{\"user_id\":\"p-2\",\"mobile\":\"13800138002\","
        + "\"email\":\"p2@example.com\"},{\"user_id\":\"p-3\",\"mobile\":\"13800138003\"}]}";
    private static final String CONTENT = "\"temp_id\":1,\"sign_id\":1,\"temp_para\":{\"code\":\"123456\"},"
        + "\"subject\":\"Your code\",\"text\":\"123456\"";

    @TempDir
    Path dir;
    private E2eFixture e2e;

    private void start(String stat, long reportDelayMillis) {
        IsmgConfig config = new IsmgConfig(null, 0, null, null, null,
            new ReportConfig(ReportDelay.fixed(reportDelayMillis), Map.of(stat, 1)), null, null, null);
        e2e = E2eFixture.start(dir, config);
        e2e.startGateway();
    }

    @AfterEach
    void stop() throws Exception {
        E2e.closeAll(e2e);
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return E2e.json(e2e.api().resolve(path), method, E2e.APP_KEY, E2e.MASTER_SECRET, body);
    }

    private JsonNode ok(String method, String path, String body) {
        HttpResponse<String> response = call(method, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return E2e.read(response.body());
    }

    /** A policy SMS, then email with {@code conditions} (on step 1) joined by {@code relation}; its id. */
    private String policy(String relation, String conditions) {
        ok("POST", "/v1/users", USERS);
        return ok("POST", "/v1/policies", "{\"name\":\"sms then email\",\"steps\":[{\"channel\":\"sms\"},"
            + "{\"channel\":\"email\"," + (relation == null ? "" : "\"relation\":\"" + relation + "\",")
            + "\"conditions\":[" + conditions + "]}]}").path("policy_id").asText();
    }

    private static String notDelivered(int seconds) {
        return "{\"step\":1,\"event\":\"not_delivered\",\"within_seconds\":" + seconds + "}";
    }

    /** Sends to user p-1 with the policy; the run's answer. */
    private JsonNode send(String policyId) {
        return send(policyId, "p-1");
    }

    private JsonNode send(String policyId, String userId) {
        JsonNode sent = ok("POST", "/v1/users/messages", "{\"user_ids\":[\"" + userId + "\"],\"policy_id\":\""
            + policyId + "\"," + CONTENT + "}");
        assertThat(sent.path("success_count").asInt()).isEqualTo(1);
        JsonNode run = sent.path("runs").get(0);
        assertThat(run.path("user_id").asText()).isEqualTo(userId);
        assertThat(run.path("state").asText()).isEqualTo("sent");
        assertThat(run.path("channel").asText()).isEqualTo("sms");
        assertThat(run.path("msg_id").asText()).isNotEmpty();
        return run;
    }

    private JsonNode run(String runId) {
        return ok("GET", "/v1/policy_runs/" + runId, null);
    }

    private JsonNode finished(String runId) {
        Await.until("run " + runId + " finished", E2e.TIMEOUT, () -> !run(runId).path("state").asText()
            .equals("running"), () -> run(runId));
        return run(runId);
    }

    /** The POLICY_REPORT callbacks of a run, as "step:outcome" ("final:outcome" for the run's). */
    private List<String> reports(String runId) {
        List<String> seen = new ArrayList<>();
        for (JsonNode data : e2e.callbacks().policyReports()) {
            if (data.path("runId").asText().equals(runId)) {
                seen.add((data.path("final").asBoolean() ? "final" : data.path("step").asText()) + ":"
                    + data.path("outcome").asText());
            }
        }
        return seen;
    }

    @Test
    void anUndeliveredSmsIsFollowedByTheEmailAndTheRunEndsDeliveredOnStep2() {
        start("UNDELIV", 100);
        String runId = send(policy(null, notDelivered(2))).path("run_id").asText();

        JsonNode run = finished(runId);
        assertThat(run.path("state").asText()).isEqualTo("delivered");
        assertThat(run.path("outcome_step").asInt()).isEqualTo(2);
        assertThat(run.path("steps").get(1).path("state").asText()).isEqualTo("sent");
        String emailId = run.path("steps").get(1).path("email_id").asText();
        assertThat(e2e.smtp().stats().messages()).isEqualTo(1);
        Await.until("the run's callbacks", E2e.TIMEOUT, () -> reports(runId).size() == 3, () -> reports(runId));
        assertThat(reports(runId)).containsExactlyInAnyOrder("1:sent", "2:sent", "final:delivered");
        Await.until("the email's EMAIL_REPORT", E2e.TIMEOUT, () -> e2e.callbacks().emailReports().containsKey(emailId));
        assertThat(e2e.callbacks().bad()).isZero();
    }

    @Test
    void aUserWithoutAnEmailHasStep2SkippedWithTheReasonAndTheRunFails() {
        start("UNDELIV", 100);
        String runId = send(policy(null, notDelivered(1)), "p-3").path("run_id").asText();

        JsonNode run = finished(runId);
        assertThat(run.path("state").asText()).isEqualTo("failed");
        assertThat(run.path("outcome_step").asInt()).isZero();
        assertThat(run.path("steps").get(1).path("state").asText()).isEqualTo("skipped");
        Await.until("the run's callbacks", E2e.TIMEOUT, () -> reports(runId).size() == 3, () -> reports(runId));
        assertThat(reports(runId)).containsExactlyInAnyOrder("1:sent", "2:skipped", "final:failed");
        assertThat(e2e.callbacks().policyReports()).filteredOn(d -> d.path("step").asInt() == 2)
            .singleElement().satisfies(d -> assertThat(d.path("reason").asText()).isEqualTo("the user has no email"));
        assertThat(e2e.smtp().stats().messages()).isZero();
    }

    @Test
    void aDeliveredSmsEndsTheRunWithoutAnEmail() {
        start("DELIVRD", 100);
        String runId = send(policy(null, notDelivered(2))).path("run_id").asText();

        JsonNode run = finished(runId);
        assertThat(run.path("state").asText()).isEqualTo("delivered");
        assertThat(run.path("outcome_step").asInt()).isEqualTo(1);
        assertThat(run.path("steps").get(1).path("state").asText()).isEqualTo("not_needed");
        Await.until("the run's callbacks", E2e.TIMEOUT, () -> reports(runId).size() == 3, () -> reports(runId));
        assertThat(reports(runId)).containsExactlyInAnyOrder("1:sent", "2:not_needed", "final:delivered");
        assertThat(e2e.smtp().stats().messages()).isZero();
    }

    @Test
    void noReportWithinTheWaitSendsTheEmail() {
        start("DELIVRD", 60_000);
        String runId = send(policy(null, notDelivered(2))).path("run_id").asText();

        Await.until("the email", E2e.TIMEOUT, () -> e2e.smtp().stats().messages() == 1);
        JsonNode run = finished(runId);
        assertThat(run.path("steps").get(1).path("state").asText()).isEqualTo("sent");
        assertThat(run.path("state").asText()).isEqualTo("delivered");
        assertThat(run.path("outcome_step").asInt()).isEqualTo(2);
    }

    /**
     * The seed's AND and OR with the conditions this gateway can watch without click tracking: the SMS is delivered
     * after about 1.5 s, so "not delivered within 1 s" holds and "not delivered within 3 s" does not.
     */
    @Test
    void andNeedsEveryConditionOrAnyOne() {
        start("DELIVRD", 1_500);
        String and = policy("and", notDelivered(1) + "," + notDelivered(3));
        String andRun = send(and).path("run_id").asText();
        String or = ok("POST", "/v1/policies", "{\"name\":\"or\",\"steps\":[{\"channel\":\"sms\"},"
            + "{\"channel\":\"email\",\"relation\":\"or\",\"conditions\":[" + notDelivered(1) + ","
            + notDelivered(3) + "]}]}").path("policy_id").asText();
        String orRun = send(or, "p-2").path("run_id").asText();

        JsonNode andDone = finished(andRun);
        assertThat(andDone.path("state").asText()).isEqualTo("delivered");
        assertThat(andDone.path("steps").get(1).path("state").asText()).isEqualTo("not_needed");
        JsonNode orDone = finished(orRun);
        assertThat(orDone.path("steps").get(1).path("state").asText()).isEqualTo("sent");
        assertThat(e2e.smtp().stats().messages()).isEqualTo(1);
    }

    @Test
    void aRestartInTheMiddleOfARunKeepsItsTimerAndSendsStep2Once() {
        start("UNDELIV", 100);
        String runId = send(policy(null, notDelivered(3))).path("run_id").asText();
        Await.until("the SMS report", E2e.TIMEOUT, () -> !e2e.callbacks().reports().isEmpty());
        e2e.stopGateway();
        assertThat(e2e.smtp().stats().messages()).isZero();

        e2e.startGateway();
        JsonNode run = finished(runId);
        assertThat(run.path("state").asText()).isEqualTo("delivered");
        assertThat(run.path("steps").get(1).path("state").asText()).isEqualTo("sent");
        assertThat(e2e.smtp().stats().messages()).isEqualTo(1);
        Await.until("the run's callbacks", E2e.TIMEOUT, () -> reports(runId).size() == 3, () -> reports(runId));
        assertThat(reports(runId)).containsExactlyInAnyOrder("1:sent", "2:sent", "final:delivered");
    }

    @Test
    void aWithdrawnRunNeverSendsItsNextStep() {
        start("DELIVRD", 60_000);
        String runId = send(policy(null, notDelivered(60))).path("run_id").asText();

        JsonNode withdrawn = ok("DELETE", "/v1/policy_runs/" + runId, null);
        assertThat(withdrawn.path("result").asText()).isEqualTo("withdrawn");
        assertThat(withdrawn.path("message_result").asText()).isNotEmpty();
        JsonNode again = ok("DELETE", "/v1/policy_runs/" + runId, null);
        assertThat(again.path("result").asText()).isEqualTo("already_withdrawn");
        JsonNode run = run(runId);
        assertThat(run.path("state").asText()).isEqualTo("withdrawn");
        assertThat(run.path("steps").get(1).path("state").asText()).isEqualTo("cancelled");
        Await.until("the run's callbacks", E2e.TIMEOUT, () -> reports(runId).size() == 3, () -> reports(runId));
        assertThat(reports(runId)).containsExactlyInAnyOrder("1:sent", "2:cancelled", "final:withdrawn");
        assertThat(e2e.smtp().stats().messages()).isZero();
    }

    @Test
    void badPolicySendsAreRefusedWithTheFieldNamed() {
        start("DELIVRD", 100);
        String policyId = policy(null, notDelivered(1));

        HttpResponse<String> unknown = call("POST", "/v1/users/messages", "{\"user_ids\":[\"p-1\"],"
            + "\"policy_id\":\"42\"," + CONTENT + "}");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(E2e.read(unknown.body()).path("error").path("code").asInt()).isEqualTo(50403);
        HttpResponse<String> noSubject = call("POST", "/v1/users/messages", "{\"user_ids\":[\"p-1\"],"
            + "\"policy_id\":\"" + policyId + "\",\"temp_id\":1,\"text\":\"hi\"}");
        assertThat(noSubject.statusCode()).isEqualTo(403);
        assertThat(E2e.read(noSubject.body()).path("error").path("message").asText()).contains("subject");
        HttpResponse<String> noTemplate = call("POST", "/v1/users/messages", "{\"user_ids\":[\"p-1\"],"
            + "\"policy_id\":\"" + policyId + "\",\"subject\":\"s\",\"text\":\"hi\"}");
        assertThat(E2e.read(noTemplate.body()).path("error").path("message").asText()).contains("temp_id");
        HttpResponse<String> channel = call("POST", "/v1/users/messages", "{\"channel\":\"sms\","
            + "\"user_ids\":[\"p-1\"],\"policy_id\":\"" + policyId + "\"," + CONTENT + "}");
        assertThat(E2e.read(channel.body()).path("error").path("message").asText()).contains("channel");
        HttpResponse<String> noRun = call("GET", "/v1/policy_runs/42", null);
        assertThat(noRun.statusCode()).isEqualTo(403);
        assertThat(E2e.read(noRun.body()).path("error").path("code").asInt()).isEqualTo(50404);
        assertThat(e2e.smtp().stats().messages()).isZero();
    }
}
