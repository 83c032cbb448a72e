package com.livecommerce.plumbing.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.testsupport.OpenApiClients;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document lets the Swagger UI's Execute reach the service whatever host the page was opened on
 * (the plumbing default: one relative server "/"), and the check every service's OpenApiClientTest runs on its own
 * document ({@link OpenApiClients#requireTryItOutAsServed}) finds what it must: an absolute server, an example on an
 * optional query parameter.
 */
@QuarkusTest
class TryItOutDocumentTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theServedDocumentHasOneRelativeServer() throws Exception {
        JsonNode document = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        assertEquals("/", document.path("servers").path(0).path("url").asText(), document.path("servers").toString());
        assertEquals(1, document.path("servers").size());
        assertEquals(List.of(), OpenApiClients.tryItOutProblems(document));
    }

    @Test
    void theCheckFindsAnAbsoluteServerAndExamplesOnOptionalQueryParameters() throws Exception {
        JsonNode document = JSON.readTree("""
                {"servers": [{"url": "http://localhost:8081"}, {"url": "//elsewhere.example/"}],
                 "paths": {"/merchants": {
                   "parameters": [{"name": "region", "in": "query", "example": "Zhili, Huzhou"}],
                   "get": {"parameters": [
                     {"name": "category", "in": "query", "schema": {"type": "string", "example": "kidswear"}},
                     {"name": "stage", "in": "query", "examples": {"s": {"value": "STALLED"}}},
                     {"name": "earlier", "in": "query", "required": true, "example": "2021H1"},
                     {"name": "id", "in": "path", "required": true, "example": "5b0c2a57-6a0e-4d53-9a77-2f8b6f1f7c10"},
                     {"name": "size", "in": "query", "schema": {"type": "integer", "default": 20}}]}}}}""");
        List<String> problems = OpenApiClients.tryItOutProblems(document);
        assertEquals(5, problems.size(), String.join("\n", problems));
        assertEquals(List.of(true, true, true, true, true), List.of(problems.get(0).contains("http://localhost:8081"),
                problems.get(1).contains("//elsewhere.example/"), problems.get(2).contains("'region'"),
                problems.get(3).contains("'category'"), problems.get(4).contains("'stage'")), String.join("\n", problems));
        assertEquals(List.of("no servers (a client generator and Redocly's no-empty-servers want one)"),
                OpenApiClients.tryItOutProblems(JSON.readTree("{\"servers\": [], \"paths\": {}}")));
    }
}
