package com.livecommerce.testsupport;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.specification.ResponseSpecification;

/** What an error answer of the suite must look like: status, problem+json, its stable type, a detail. */
public final class Problems {

    private Problems() {
    }

    public static ResponseSpecification of(int status, String slug) {
        return new ResponseSpecBuilder()
                .expectStatusCode(status)
                .expectContentType("application/problem+json")
                .expectBody("type", equalTo("urn:livecommerce:problem:" + slug))
                .expectBody("status", equalTo(status))
                .expectBody("title", notNullValue())
                .expectBody("detail", notNullValue())
                .build();
    }

    /** 404 problem+json with type {@code urn:livecommerce:problem:not-found}. */
    public static final ResponseSpecification NOT_FOUND = of(404, "not-found");
}
