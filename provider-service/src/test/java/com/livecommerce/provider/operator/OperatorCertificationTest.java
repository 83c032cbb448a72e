package com.livecommerce.provider.operator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.livecommerce.provider.Fixtures;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Certifying an operator is a platform act, with evidence, in the audit trail; admission counts only those. */
@QuarkusTest
class OperatorCertificationTest {

    static final String NOT_FOUND = "urn:livecommerce:problem:not-found";

    static String uncertified(UUID provider, String name) {
        return given().auth().oauth2(Tokens.provider(provider)).contentType(ContentType.JSON)
                .body("{\"name\": \"%s\", \"specialties\": [\"LIVE_OPERATIONS\"]}".formatted(name))
                .post("/providers/{id}/operators", provider).then().statusCode(201).body("certified", equalTo(false))
                .extract().path("id");
    }

    @Test
    void platformAdminCertifiesWithEvidenceAndAdmissionCountsIt() {
        UUID provider = Fixtures.provider("Certified By Platform", "MCN", "apparel", 5, "50000000.00");
        String first = null;
        for (int i = 0; i < 3; i++) {
            String operator = uncertified(provider, "Operator " + i);
            first = first == null ? operator : first;
            given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                    .body("{\"evidence\": \"exam 2021-11 passed, score 9%d\"}".formatted(i))
                    .post("/providers/{id}/operators/{o}/certification", provider, operator)
                    .then().statusCode(200).body("id", equalTo(operator)).body("certified", equalTo(true));
        }
        given().auth().oauth2(Tokens.provider(provider)).get("/providers/{id}/operators/{o}", provider, first)
                .then().statusCode(200).body("certified", equalTo(true));
        given().auth().oauth2(Tokens.provider(provider)).get("/providers/{id}/decisions", provider).then().statusCode(200)
                .body("items.action", contains("OPERATOR_CERTIFIED", "OPERATOR_CERTIFIED", "OPERATOR_CERTIFIED"))
                .body("items[0].reasons", contains("operator " + first + " (Operator 0) certified", "evidence: exam 2021-11 passed, score 90"))
                .body("items[0].actor", equalTo("ops"));
        given().auth().oauth2(Tokens.admin()).post("/providers/{id}/review", provider).then().statusCode(200)
                .body("status", equalTo("ADMITTED"));
        // certifying twice is an illegal transition
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"evidence\": \"again\"}")
                .post("/providers/{id}/operators/{o}/certification", provider, first)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:livecommerce:problem:illegal-transition"));
    }

    @Test
    void platformAdminMayAddACertifiedOperatorWithEvidenceInTheSameBody() {
        UUID provider = Fixtures.provider("Added Certified", "BRAND", "beauty", 5, "1.00");
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"Wang Fang\", \"specialties\": [\"CONTENT\"], \"certified\": true}")
                .post("/providers/{id}/operators", provider)
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", contains("evidence"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"Wang Fang\", \"specialties\": [\"CONTENT\"], \"certified\": true, \"evidence\": \"   \"}")
                .post("/providers/{id}/operators", provider)
                .then().statusCode(422).body("errors.field", contains("evidence"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"Wang Fang\", \"specialties\": [\"CONTENT\"], \"certified\": true, \"evidence\": \"%s\"}"
                        .formatted("x".repeat(2001)))
                .post("/providers/{id}/operators", provider)
                .then().statusCode(422).body("errors.field", contains("evidence"));
        String operator = given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"Wang Fang\", \"specialties\": [\"CONTENT\"], \"certified\": true, \"evidence\": \"licence LC-2021-0042\"}")
                .post("/providers/{id}/operators", provider)
                .then().statusCode(201).body("certified", equalTo(true)).extract().path("id");
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/decisions", provider).then().statusCode(200)
                .body("items.action", contains("OPERATOR_CERTIFIED"))
                .body("items[0].reasons", contains("operator " + operator + " (Wang Fang) certified", "evidence: licence LC-2021-0042"));
        // nothing was written by the refused requests
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/operators", provider).then().body("total", equalTo(1));
    }

    @Test
    void theCertificationEndpointIsValidatedAndGuarded() {
        UUID provider = Fixtures.provider("Guarded Certification", "MCN", "apparel", 5, "1.00");
        String operator = uncertified(provider, "Zhao Lei");
        UUID other = Fixtures.provider("Other Provider", "MCN", "apparel", 5, "1.00");
        String body = "{\"evidence\": \"exam passed\"}";
        given().contentType(ContentType.JSON).body(body)
                .post("/providers/{id}/operators/{o}/certification", provider, operator).then().statusCode(401);
        given().auth().oauth2(Tokens.provider(provider)).contentType(ContentType.JSON).body(body)
                .post("/providers/{id}/operators/{o}/certification", provider, operator).then().statusCode(403);
        given().auth().oauth2(Tokens.viewer()).contentType(ContentType.JSON).body(body)
                .post("/providers/{id}/operators/{o}/certification", provider, operator).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"evidence\": \" \"}")
                .post("/providers/{id}/operators/{o}/certification", provider, operator)
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("evidence"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{\"evidence\": \"%s\"}".formatted("x".repeat(2001)))
                .post("/providers/{id}/operators/{o}/certification", provider, operator)
                .then().statusCode(422).body("errors.field", hasItem("evidence"));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body("{}")
                .post("/providers/{id}/operators/{o}/certification", provider, operator)
                .then().statusCode(422).body("errors.field", hasItem("evidence"));
        // another provider's operator, an unknown operator, an unknown provider: 404 problem
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/providers/{id}/operators/{o}/certification", other, operator)
                .then().statusCode(404).contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/providers/{id}/operators/{o}/certification", provider, UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        given().auth().oauth2(Tokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/providers/{id}/operators/{o}/certification", UUID.randomUUID(), operator)
                .then().statusCode(404).contentType("application/problem+json").body("type", equalTo(NOT_FOUND));
        // none of that certified anything
        given().auth().oauth2(Tokens.provider(provider)).get("/providers/{id}/operators/{o}", provider, operator)
                .then().body("certified", equalTo(false));
        given().auth().oauth2(Tokens.admin()).get("/providers/{id}/decisions", provider).then().body("total", equalTo(0));
    }
}
