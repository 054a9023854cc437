package org.hotline.ivr.followup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hotline.ivr.ami.Eventually;
import org.hotline.ivr.ami.ServerWithAmiPeer;
import org.hotline.ivr.followup.survey.RatesRoute;
import org.hotline.ivr.order.DraftOrder;
import org.hotline.ivr.order.OrderContact;
import org.hotline.ivr.sim.CallRecord;
import org.hotline.ivr.sim.CallScenario;
import org.hotline.ivr.sim.SimClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The satisfaction survey in the running server: a seat closes an order, the node originates the survey call over
 * AMI (seen by a fake Asterisk over TCP), the citizen's call runs the survey flow ({@code call-flows/survey.yaml})
 * over FastAGI, and the answers reach the order and the rates report.
 */
class SurveyOnCloseInServerTest {

    private static final String NUMBER = "13800138011";

    @TempDir
    Path data;
    private ServerWithAmiPeer node;
    private SimClient citizen;

    @BeforeEach
    void start() throws Exception {
        node = ServerWithAmiPeer.start(data, Map.of("IVR_AMI_SURVEY_DELAY", "0s", "IVR_AMI_SURVEY_QUIET_HOURS", "",
                "IVR_AMI_SURVEY_MAX_ATTEMPTS", "2", "IVR_AMI_SURVEY_RETRY_DELAY", "200ms"), Map.of());
        citizen = new SimClient("127.0.0.1", node.server.agiPort(), true);
    }

    @AfterEach
    void stop() throws Exception {
        if (citizen != null) {
            citizen.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private DraftOrder closedOrder(String callId) {
        DraftOrder order = node.draft(callId, NUMBER, "我家楼下的路灯坏了一个星期了");
        node.server.orders().store().submit(order.orderId(), "1001");
        node.server.orders().store().close(order.orderId(), "1001");
        return order;
    }

    private JsonNode ratesToday() throws Exception {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + node.server.httpPort() + RatesRoute.PATH + "?from=" + today + "&to=" + today))
                        .header("Authorization", "Bearer " + ServerWithAmiPeer.SUPERVISOR.token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void closingAnOrderPlacesTheSurveyWhoseFlowAnswersReachTheOrderAndTheRates() throws Exception {
        DraftOrder order = closedOrder("1764000000.601");

        Map<String, String> originate = node.peer.awaitOriginate(order.orderId());
        assertThat(originate).containsEntry("Channel", "PJSIP/" + NUMBER + "@trunk").containsEntry("Context", "ivr-survey")
                .containsEntry("Exten", "s").containsEntry("Timeout", "40000");
        assertThat(originate.get("CallerID")).contains("12345");
        assertThat(originate.get("Variable")).isEqualTo("SURVEY_ORDER=" + order.orderId());
        node.peer.originateResponse(originate, true);
        // The ivr-survey context runs AGI(agi://ivr/survey,${SURVEY_ORDER}): resolved? 1 (yes); satisfied? 2 (basically).
        CallRecord call = citizen.call(CallScenario.of("survey", "survey," + order.orderId(), NUMBER).press("1").press("2"))
                .get(30, TimeUnit.SECONDS);

        assertThat(call.prompts()).containsSubsequence("survey-resolved", "survey-satisfied", "survey-thanks");
        Eventually.until("survey answer on the order", () -> !node.contacts(order.orderId()).isEmpty());
        OrderContact survey = node.contacts(order.orderId()).get(0);
        assertThat(survey.kind()).isEqualTo("survey");
        assertThat(survey.outcome()).isEqualTo("answered");
        assertThat(survey.detail()).isEqualTo("resolved=yes satisfaction=basically-satisfied");
        JsonNode rates = ratesToday();
        assertThat(rates.at("/total/counts/surveyed").asLong()).isEqualTo(1);
        assertThat(rates.at("/total/resolutionRate").asDouble()).isEqualTo(1.0);
        assertThat(rates.at("/total/satisfactionRate").asDouble()).isEqualTo(1.0);
        assertThat(rates.at("/total/counts/basicallySatisfied").asLong()).isEqualTo(1);
        String category = order.category().isBlank() ? "unknown" : order.category();
        assertThat(rates.get("byCategory")).anySatisfy(row -> assertThat(row.get("category").asText()).isEqualTo(category));
    }

    @Test
    void aCitizenWhoDoesNotAnswerIsTriedAgainPerPolicyThenCountedAsNotReached() throws Exception {
        DraftOrder order = closedOrder("1764000000.602");

        node.peer.originateResponse(node.peer.awaitOriginate(order.orderId(), 1), false);
        node.peer.originateResponse(node.peer.awaitOriginate(order.orderId(), 2), false);

        Eventually.until("counted as not reached", () -> {
            try {
                return ratesToday().at("/total/counts/notReached").asLong() == 1;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(node.peer.originatesFor(order.orderId())).hasSize(2);
        assertThat(ratesToday().at("/total/counts/surveyed").asLong()).isZero();
        Eventually.until("not-reached on the order", () -> !node.contacts(order.orderId()).isEmpty());
        OrderContact survey = node.contacts(order.orderId()).get(0);
        assertThat(survey.kind()).isEqualTo("survey");
        assertThat(survey.outcome()).isEqualTo("not-reached");
        assertThat(survey.attempt()).isEqualTo(2);
        String surveyHash = "ivr:{survey}:order:" + order.orderId();
        Map<String, String> surveyed = node.server.redis().call("read survey", jedis -> jedis.hgetAll(surveyHash));
        long ttl = node.server.redis().call("survey ttl", jedis -> jedis.ttl(surveyHash));
        assertThat(surveyed).as("the citizen's number is gone").doesNotContainKey("number").containsKey("notReachedAt");
        assertThat(ttl).isPositive();
    }

    @Test
    void anOrderOnlySubmittedIsNotSurveyed() throws Exception {
        DraftOrder submitted = node.draft("1764000000.603", NUMBER, "噪音扰民");
        node.server.orders().store().submit(submitted.orderId(), "1001");
        DraftOrder closed = closedOrder("1764000000.604");

        node.peer.awaitOriginate(closed.orderId());
        assertThat(node.peer.originatesFor(submitted.orderId())).isEmpty();
    }
}
