package com.livecommerce.client.session;

import com.livecommerce.client.session.api.KpisApi;
import com.livecommerce.client.session.api.SessionsApi;
import com.livecommerce.client.session.api.TelemetryApi;
import com.livecommerce.client.session.invoker.ApiClient;
import com.livecommerce.client.session.invoker.ApiException;
import com.livecommerce.client.session.invoker.ApiResponse;
import com.livecommerce.client.session.model.AdBudget;
import com.livecommerce.client.session.model.NewReservation;
import com.livecommerce.client.session.model.NewSession;
import com.livecommerce.client.session.model.PageSessionView;
import com.livecommerce.client.session.model.Problem;
import com.livecommerce.client.session.model.Reservation;
import com.livecommerce.client.session.model.Session;
import com.livecommerce.client.session.model.SessionKpis;
import com.livecommerce.client.session.model.SessionStatus;
import com.livecommerce.client.session.model.TelemetryResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a client team writes against the Java client generated from session-service's /q/openapi (OpenAPI
 * Generator, java/native), with no workaround: compiled and run by OpenApiClientTest (test-support
 * OpenApiClients) in a class loader of its own. Throws AssertionError on any mismatch.
 */
public class SessionClientStory {

    public static void main(String[] args) throws Exception {
        String baseUri = args[0].replaceAll("/+$", "");
        String token = args[1];
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        SessionsApi sessions = new SessionsApi(client);

        // schedule: 201, the session as a model, Location points at it; money as BigDecimal, times as OffsetDateTime
        UUID merchant = UUID.randomUUID();
        ApiResponse<Session> created = sessions.scheduleSessionWithHttpInfo("story-" + java.util.UUID.randomUUID(), new NewSession().merchantId(merchant)
                .title("Client Story Live").scheduledStart(OffsetDateTime.of(2021, 11, 25, 11, 0, 0, 0, ZoneOffset.UTC))
                .plannedMinutes(120).gmvTarget(new BigDecimal("2300000.00"))
                .adBudget(new AdBudget().PAID_PROMOTION(new BigDecimal("100000.00")).FAN_BOOST(new BigDecimal("50000.50"))));
        check(created.getStatusCode() == 201, "scheduleSession answers 201, got " + created.getStatusCode());
        Session session = created.getData();
        check(session.getId() != null && session.getStatus() == SessionStatus.SCHEDULED && session.getVersion() == 0L
                && new BigDecimal("50000.50").compareTo(session.getAdBudget().getFANBOOST()) == 0, "created session: " + session);
        List<String> location = created.getHeaders().get("location");
        check(location != null && location.get(0).endsWith("/sessions/" + session.getId()), "Location: " + location);
        UUID id = session.getId();

        Session read = sessions.getSession(id);
        check(id.equals(read.getId()) && merchant.equals(read.getMerchantId()), "getSession: " + read);
        PageSessionView page = sessions.listSessions(merchant, null, 0, null, 10, SessionStatus.SCHEDULED);
        check(page.getTotal() == 1L && page.getItems().get(0).getId().equals(id), "listSessions: " + page);

        // a reservation: 201 the first time, 200 with the same one again
        ApiResponse<Reservation> reserved = sessions.reserveSessionWithHttpInfo(id, "story-" + java.util.UUID.randomUUID(), new NewReservation().viewerId("story-viewer"));
        check(reserved.getStatusCode() == 201 && "story-viewer".equals(reserved.getData().getViewerId()), "reserveSession: " + reserved.getData());
        ApiResponse<Reservation> again = sessions.reserveSessionWithHttpInfo(id, "story-" + java.util.UUID.randomUUID(), new NewReservation().viewerId("story-viewer"));
        check(again.getStatusCode() == 200 && again.getData().getReservedAt().equals(reserved.getData().getReservedAt()), "reserved again");
        check("story-viewer".equals(sessions.getReservation(id, "story-viewer").getViewerId()), "getReservation");

        // start; starting again is a 409 problem
        check(sessions.startSession(id).getStatus() == SessionStatus.LIVE, "startSession");
        Problem conflict = problem(client, 409, () -> sessions.startSession(id));
        check("urn:livecommerce:problem:illegal-transition".equals(conflict.getType()), "a second start is illegal: " + conflict);

        // telemetry as NDJSON: the good line accepted, the bad one listed with its reason
        Instant now = Instant.now();
        String ndjson = "{\"type\":\"VIEWER_ENTER\",\"eventId\":\"story-1-" + id + "\",\"time\":\"" + now + "\",\"viewerId\":\"story-viewer\"}\n"
                + "{\"type\":\"ORDER_PAID\",\"eventId\":\"story-2-" + id + "\",\"time\":\"" + now + "\",\"orderId\":\"o-1\",\"buyerId\":\"b-1\","
                + "\"newBuyer\":true,\"productId\":\"p-1\",\"amount\":\"-1.00\",\"channel\":\"ORGANIC\"}\n";
        TelemetryResult result = new TelemetryApi(client).sendTelemetry(id, ndjson);
        check(result.getAccepted() == 1L && result.getRejected() == 1L && result.getRejectedLines().get(0).getLine() == 2L,
                "sendTelemetry: " + result);

        // the KPIs follow
        KpisApi kpis = new KpisApi(client);
        SessionKpis k = null;
        for (int i = 0; i < 100; i++) {
            k = kpis.getSessionKpis(id);
            if (k.getUv() == 1L) {
                break;
            }
            Thread.sleep(200);
        }
        check(k != null && k.getUv() == 1L && k.getStatus() == SessionStatus.LIVE && k.getGmv().signum() == 0
                && k.getPacing() != null, "getSessionKpis: " + k);

        check(sessions.endSession(id).getStatus() == SessionStatus.ENDED, "endSession");
        Session other = sessions.scheduleSession("story-" + java.util.UUID.randomUUID(), new NewSession().merchantId(merchant).title("Cancelled")
                .scheduledStart(OffsetDateTime.now(ZoneOffset.UTC)).plannedMinutes(60).gmvTarget(BigDecimal.ONE)
                .adBudget(new AdBudget().PAID_PROMOTION(BigDecimal.ZERO).FAN_BOOST(BigDecimal.ZERO)));
        check(sessions.cancelSession(other.getId()).getStatus() == SessionStatus.CANCELLED, "cancelSession");

        Problem missing = problem(client, 404, () -> sessions.getSession(UUID.randomUUID()));
        check("urn:livecommerce:problem:not-found".equals(missing.getType()), "404 problem: " + missing);
        Problem invalid = problem(client, 422, () -> sessions.scheduleSession("story-" + java.util.UUID.randomUUID(), new NewSession().merchantId(merchant).title(" ")
                .scheduledStart(OffsetDateTime.now(ZoneOffset.UTC)).plannedMinutes(0).gmvTarget(BigDecimal.ONE)
                .adBudget(new AdBudget().PAID_PROMOTION(BigDecimal.ZERO).FAN_BOOST(BigDecimal.ZERO))));
        check(invalid.getErrors() != null && invalid.getErrors().stream().anyMatch(e -> "plannedMinutes".equals(e.getField())),
                "422 names the fields: " + invalid);
        ApiClient anonymous = new ApiClient();
        anonymous.updateBaseUri(baseUri);
        Problem unauthorized = problem(anonymous, 401, () -> new SessionsApi(anonymous).getSession(id));
        check("urn:livecommerce:problem:unauthorized".equals(unauthorized.getType()), "401 problem: " + unauthorized);
        System.out.println("SessionClientStory: every check passed against " + baseUri);
    }

    interface Call {
        void run() throws ApiException;
    }

    static Problem problem(ApiClient client, int status, Call call) throws Exception {
        try {
            call.run();
        } catch (ApiException e) {
            check(e.getCode() == status, "expected " + status + ", got " + e.getCode() + ": " + e.getResponseBody());
            String type = e.getResponseHeaders().firstValue("content-type").orElse("");
            check(type.startsWith("application/problem+json"), "error content type: " + type);
            return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        }
        throw new AssertionError("expected " + status + ", but the call succeeded");
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
