package com.livecommerce.session.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.livecommerce.session.Fixtures;
import com.livecommerce.testsupport.Problems;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sessions: schedule, read, list, transitions, reservations; validation, roles and tenants for each. */
@QuarkusTest
class SessionResourceTest {

    final UUID merchant = UUID.randomUUID();
    final UUID provider = UUID.randomUUID();
    final UUID operator = UUID.randomUUID();

    String body() {
        return Fixtures.body(merchant, provider, operator, 240, "20000000.00", "1200000.00", "400000.00");
    }

    @Test
    void scheduleAnswers201WithLocationAndTheSession() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body())
                .post("/sessions")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/sessions/"))
                .body("merchantId", equalTo(merchant.toString()))
                .body("providerId", equalTo(provider.toString()))
                .body("operatorId", equalTo(operator.toString()))
                .body("status", equalTo("SCHEDULED"))
                .body("plannedMinutes", equalTo(240))
                .body("gmvTarget", equalTo(20000000.00f))
                .body("adBudget.PAID_PROMOTION", equalTo(1200000.00f))
                .body("adBudget.FAN_BOOST", equalTo(400000.00f))
                .body("scheduledStart", equalTo("2021-11-25T11:00:00Z"))
                .body("startedAt", nullValue())
                .body("version", equalTo(0));
    }

    @Test
    void theLocationOfAScheduledSessionReadsIt() {
        var created = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body()).post("/sessions")
                .then().statusCode(201).extract();
        String id = created.path("id");
        org.junit.jupiter.api.Assertions.assertTrue(created.header("Location").endsWith("/sessions/" + id), created.header("Location"));
        given().auth().oauth2(Tokens.viewer()).get(created.header("Location")).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void aMerchantSchedulesItsOwnSessionsAndAProviderThoseItRuns() {
        given().auth().oauth2(Tokens.merchant(merchant)).contentType(ContentType.JSON).body(body()).post("/sessions").then().statusCode(201);
        given().auth().oauth2(Tokens.provider(provider)).contentType(ContentType.JSON).body(body()).post("/sessions").then().statusCode(201);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).contentType(ContentType.JSON).body(body()).post("/sessions")
                .then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(UUID.randomUUID())).contentType(ContentType.JSON).body(body()).post("/sessions")
                .then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.operator(provider, operator)).contentType(ContentType.JSON).body(body()).post("/sessions")
                .then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body(body()).post("/sessions")
                .then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.telemetryWriter()).contentType(ContentType.JSON).body(body()).post("/sessions")
                .then().spec(Problems.of(403, "forbidden"));
        given().contentType(ContentType.JSON).body(body()).post("/sessions").then().spec(Problems.of(401, "unauthorized"));
    }

    @Test
    void invalidBodiesAre400Or422ProblemsNamingTheField() {
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"merchantId\": ")
                .post("/sessions").then().spec(Problems.of(400, "malformed-json"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body().replace("\"plannedMinutes\": 240", "\"plannedMinutes\": \"long\""))
                .post("/sessions").then().spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("plannedMinutes"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body().replace(merchant.toString(), "not-a-uuid"))
                .post("/sessions").then().spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("merchantId"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body().replace("\"gmvTarget\": 20000000.00", "\"gmvTarget\": \"lots\""))
                .post("/sessions").then().spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("gmvTarget"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(body().replace("\"plannedMinutes\": 240", "\"plannedMinutes\": 0").replace("\"title\": \"Down jackets live\"", "\"title\": \" \"")
                        .replace("\"gmvTarget\": 20000000.00", "\"gmvTarget\": 1.234").replace("\"FAN_BOOST\": 400000.00", "\"FAN_BOOST\": -1"))
                .post("/sessions").then().spec(Problems.of(422, "validation"))
                .body("errors.field", containsInAnyOrder("plannedMinutes", "title", "gmvTarget", "adBudget.FAN_BOOST"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"merchantId\": \"" + merchant + "\", \"title\": \"t\", \"plannedMinutes\": 60, \"gmvTarget\": 1}")
                .post("/sessions").then().spec(Problems.of(422, "validation")).body("errors.field", hasItem("adBudget"))
                .body("errors.field", hasItem("scheduledStart"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body(Fixtures.body(merchant, null, operator, 60, "1", "0", "0"))
                .post("/sessions").then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("operatorId"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.TEXT).body("hello")
                .post("/sessions").then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void readingASessionIsForItsParticipantsAndThePlatform() {
        UUID id = Fixtures.session(merchant, provider, operator);
        for (String token : new String[] {Tokens.admin(), Tokens.viewer(), Tokens.merchant(merchant), Tokens.provider(provider),
                Tokens.operator(provider, operator)}) {
            given().auth().oauth2(token).get("/sessions/{id}", id).then().statusCode(200).body("id", equalTo(id.toString()));
        }
        for (String token : new String[] {Tokens.merchant(UUID.randomUUID()), Tokens.provider(UUID.randomUUID()),
                Tokens.operator(provider, UUID.randomUUID()), Tokens.operator(UUID.randomUUID(), operator)}) {
            given().auth().oauth2(token).get("/sessions/{id}", id).then().spec(Problems.of(403, "forbidden"));
        }
        given().auth().oauth2(Tokens.telemetryWriter()).get("/sessions/{id}", id).then().spec(Problems.of(403, "forbidden"));
        given().get("/sessions/{id}", id).then().spec(Problems.of(401, "unauthorized"));
        given().auth().oauth2(Tokens.admin()).get("/sessions/{id}", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
    }

    @Test
    void listingFiltersPagesAndKeepsTenantsToTheirOwn() {
        UUID m = UUID.randomUUID(), p = UUID.randomUUID(), o = UUID.randomUUID();
        UUID a = Fixtures.session(m, p, o);
        UUID b = Fixtures.session(m, null, null);
        UUID c = Fixtures.session(UUID.randomUUID(), p, null);
        Fixtures.start(a);
        given().auth().oauth2(Tokens.viewer()).queryParam("merchantId", m).get("/sessions")
                .then().statusCode(200).body("total", equalTo(2)).body("items.id", containsInAnyOrder(a.toString(), b.toString()));
        given().auth().oauth2(Tokens.admin()).queryParam("merchantId", m).queryParam("status", "live").get("/sessions")
                .then().body("total", equalTo(1)).body("items[0].id", equalTo(a.toString()));
        given().auth().oauth2(Tokens.admin()).queryParam("merchantId", m).queryParam("size", 1).queryParam("page", 1).get("/sessions")
                .then().body("total", equalTo(2)).body("items.size()", equalTo(1)).body("page", equalTo(1)).body("size", equalTo(1));
        // a merchant sees its own sessions, whatever it asks
        given().auth().oauth2(Tokens.merchant(m)).get("/sessions")
                .then().body("total", equalTo(2)).body("items.id", containsInAnyOrder(a.toString(), b.toString()));
        given().auth().oauth2(Tokens.merchant(m)).queryParam("merchantId", UUID.randomUUID()).get("/sessions")
                .then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.provider(p)).get("/sessions")
                .then().body("total", equalTo(2)).body("items.id", containsInAnyOrder(a.toString(), c.toString()));
        given().auth().oauth2(Tokens.operator(p, o)).get("/sessions").then().body("total", equalTo(1)).body("items.id", contains(a.toString()));
        given().auth().oauth2(Tokens.operator(UUID.randomUUID(), o)).get("/sessions").then().body("total", equalTo(0));
        // wrong types 400, out of range 422
        given().auth().oauth2(Tokens.admin()).queryParam("status", "PAUSED").get("/sessions")
                .then().spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(Tokens.admin()).queryParam("merchantId", "abc").get("/sessions")
                .then().spec(Problems.of(400, "invalid-field")).body("errors[0].field", equalTo("merchantId"));
        given().auth().oauth2(Tokens.admin()).queryParam("size", "abc").get("/sessions").then().spec(Problems.of(400, "invalid-field"));
        given().auth().oauth2(Tokens.admin()).queryParam("size", 1000).get("/sessions").then().spec(Problems.of(422, "validation"));
        given().auth().oauth2(Tokens.telemetryWriter()).get("/sessions").then().spec(Problems.of(403, "forbidden"));
        given().get("/sessions").then().spec(Problems.of(401, "unauthorized"));
    }

    @Test
    void transitionsFollowTheLifecycleAndIllegalOnesAre409() {
        UUID id = Fixtures.session(merchant, provider, operator);
        given().auth().oauth2(Tokens.admin()).post("/sessions/{id}/end", id).then().spec(Problems.of(409, "illegal-transition"));
        given().auth().oauth2(Tokens.operator(provider, operator)).post("/sessions/{id}/start", id)
                .then().statusCode(200).body("status", equalTo("LIVE")).body("startedAt", notNullValue()).body("version", equalTo(1));
        given().auth().oauth2(Tokens.admin()).post("/sessions/{id}/start", id).then().spec(Problems.of(409, "illegal-transition"));
        given().auth().oauth2(Tokens.admin()).post("/sessions/{id}/cancel", id).then().spec(Problems.of(409, "illegal-transition"));
        given().auth().oauth2(Tokens.merchant(merchant)).post("/sessions/{id}/end", id)
                .then().statusCode(200).body("status", equalTo("ENDED")).body("endedAt", notNullValue()).body("version", equalTo(2));
        given().auth().oauth2(Tokens.admin()).post("/sessions/{id}/end", id).then().spec(Problems.of(409, "illegal-transition"));

        UUID other = Fixtures.session(merchant, provider, null);
        given().auth().oauth2(Tokens.provider(provider)).post("/sessions/{id}/cancel", other)
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("cancelledAt", notNullValue());
        given().auth().oauth2(Tokens.admin()).post("/sessions/{id}/start", other).then().spec(Problems.of(409, "illegal-transition"));
    }

    @Test
    void onlyParticipantsRunASession() {
        UUID id = Fixtures.session(merchant, provider, operator);
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).post("/sessions/{id}/start", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.operator(provider, UUID.randomUUID())).post("/sessions/{id}/start", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.viewer()).post("/sessions/{id}/start", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.operator(provider, operator)).post("/sessions/{id}/cancel", id).then().spec(Problems.of(403, "forbidden"));
        given().post("/sessions/{id}/start", id).then().spec(Problems.of(401, "unauthorized"));
        given().auth().oauth2(Tokens.admin()).post("/sessions/{id}/start", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.admin()).get("/sessions/{id}", id).then().body("status", equalTo("SCHEDULED")).body("version", equalTo(0));
    }

    @Test
    void aViewerReservesOnceAndTheReservationReadsBack() {
        UUID id = Fixtures.session(merchant, provider, operator);
        var created = given().auth().oauth2(Tokens.telemetryWriter()).contentType(ContentType.JSON).body("{\"viewerId\": \"v-1\"}")
                .post("/sessions/{id}/reservations", id).then().statusCode(201)
                .body("sessionId", equalTo(id.toString())).body("viewerId", equalTo("v-1")).body("reservedAt", notNullValue())
                .extract();
        org.junit.jupiter.api.Assertions.assertTrue(created.header("Location").endsWith("/sessions/" + id + "/reservations/v-1"));
        given().auth().oauth2(Tokens.merchant(merchant)).contentType(ContentType.JSON).body("{\"viewerId\": \"v-1\"}")
                .post("/sessions/{id}/reservations", id).then().statusCode(200).body("reservedAt", equalTo(created.path("reservedAt")));
        given().auth().oauth2(Tokens.viewer()).get(created.header("Location")).then().statusCode(200).body("viewerId", equalTo("v-1"));
        given().auth().oauth2(Tokens.admin()).get("/sessions/{id}/reservations/{v}", id, "v-2").then().spec(Problems.NOT_FOUND);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"viewerId\": \" \"}")
                .post("/sessions/{id}/reservations", id).then().spec(Problems.of(422, "validation")).body("errors[0].field", equalTo("viewerId"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"viewerId\": 5")
                .post("/sessions/{id}/reservations", id).then().spec(Problems.of(400, "malformed-json"));
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).contentType(ContentType.JSON).body("{\"viewerId\": \"v-3\"}")
                .post("/sessions/{id}/reservations", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body("{\"viewerId\": \"v-3\"}")
                .post("/sessions/{id}/reservations", id).then().spec(Problems.of(403, "forbidden"));
        given().auth().oauth2(Tokens.merchant(UUID.randomUUID())).get("/sessions/{id}/reservations/v-1", id).then().spec(Problems.of(403, "forbidden"));
        given().contentType(ContentType.JSON).body("{\"viewerId\": \"v-3\"}").post("/sessions/{id}/reservations", id)
                .then().spec(Problems.of(401, "unauthorized"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"viewerId\": \"v-3\"}")
                .post("/sessions/{id}/reservations", UUID.randomUUID()).then().spec(Problems.NOT_FOUND);
        Fixtures.start(id);
        Fixtures.end(id);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"viewerId\": \"v-4\"}")
                .post("/sessions/{id}/reservations", id).then().spec(Problems.of(409, "illegal-transition"));
    }

    @Test
    void oversizedBodiesAre413Problems() {
        String big = body().replace("Down jackets live", "x".repeat(1_100_000));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(big).post("/sessions")
                .then().spec(Problems.of(413, "payload-too-large"));
    }
}
