package com.livecommerce.plumbing.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * Problem field paths name what the client sent (JSON fields of the body, HTTP names of query
 * parameters), the same way for Jackson (400) and Bean Validation (422), never a Java method or
 * parameter name.
 */
@QuarkusTest
class FieldPathTest {

    @Test
    void bodyFieldsAreJsonPathsWithoutTheJavaParameterName() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \" \", \"lines\": [{\"amount\": 1, \"sku\": \"a\"}, {\"amount\": -1, \"sku\": \"\"}, null]}")
                .post("/test/fields/order")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:livecommerce:problem:validation"))
                .body("errors.field", containsInAnyOrder("name", "lines[1].amount", "lines[1].sku", "lines[2]"));
    }

    @Test
    void anArrayBodyIsIndexedFromItsRoot() {
        given().contentType(ContentType.JSON)
                .body("[{\"amount\": 1, \"sku\": \"a\"}, {\"amount\": -5, \"sku\": \"b\"}]")
                .post("/test/fields/lines")
                .then().statusCode(422).body("errors.field", containsInAnyOrder("[1].amount"));
        given().contentType(ContentType.JSON).body("[]").post("/test/fields/lines")
                .then().statusCode(422).body("errors.field", containsInAnyOrder("$"));
    }

    @Test
    void jacksonAndBeanValidationNameTheSameField() {
        given().contentType(ContentType.JSON)
                .body("[{\"amount\": \"lots\", \"sku\": \"a\"}]")
                .post("/test/fields/lines")
                .then().statusCode(400).body("type", equalTo("urn:livecommerce:problem:invalid-field"))
                .body("errors[0].field", equalTo("[0].amount"));
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"lines\": [{\"amount\": \"lots\", \"sku\": \"a\"}]}")
                .post("/test/fields/order")
                .then().statusCode(400).body("errors[0].field", equalTo("lines[0].amount"));
    }

    @Test
    void queryParametersGoByTheirHttpNames() {
        given().queryParam("page-size", 11).queryParam("code", "ABC").get("/test/fields/query")
                .then().statusCode(422).body("errors.field", containsInAnyOrder("page-size", "code"));
    }
}
