package com.livecommerce.plumbing.testapp;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;

/** Endpoints whose validation failures the problem field-path tests look at. */
@Path("/test/fields")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class FieldPathResource {

    public record Line(@NotNull @PositiveOrZero BigDecimal amount, @NotBlank String sku) {
    }

    public record Order(@NotBlank String name, @NotNull @NotEmpty List<@Valid @NotNull Line> lines) {
    }

    @POST
    @Path("/order")
    public String order(@Valid @NotNull Order requestBodyWithALongJavaName) {
        return "{}";
    }

    @POST
    @Path("/lines")
    public String lines(@Valid @NotNull @NotEmpty List<@Valid @NotNull Line> javaParameterName) {
        return "{}";
    }

    @GET
    @Path("/query")
    public String query(@QueryParam("page-size") @Max(10) Integer javaNameOfPageSize,
            @QueryParam("code") @Pattern(regexp = "[a-z]+") String codeInJava) {
        return "{}";
    }
}
