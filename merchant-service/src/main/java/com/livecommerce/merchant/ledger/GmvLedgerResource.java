package com.livecommerce.merchant.ledger;

import static com.livecommerce.plumbing.security.Roles.MERCHANT;
import static com.livecommerce.plumbing.security.Roles.PLATFORM_ADMIN;
import static com.livecommerce.plumbing.security.Roles.PROVIDER;
import static com.livecommerce.plumbing.security.Roles.VIEWER;

import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.rest.QueryParams;
import com.livecommerce.plumbing.security.TenantGuard;
import com.livecommerce.plumbing.time.UtcClock;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/merchants/{id}/gmv")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "gmv ledger", description = "The GMV ledger of each merchant: recorded entries and series per day or month")
@SecurityRequirement(name = "oidc")
public class GmvLedgerResource {

    static final int MAX_ENTRIES = 5000;
    static final long MAX_DAYS = 3660;

    @Inject
    GmvLedger ledger;

    @Inject
    TenantGuard tenants;

    @Inject
    LedgerQueries queries;

    @Inject
    UtcClock clock;

    @POST
    @RolesAllowed(PLATFORM_ADMIN)
    @Operation(operationId = "recordGmv",
            summary = "Record GMV ledger entries (platform-admin); an entry whose sourceId is already recorded changes nothing")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "two days", value = """
            [{"date": "2021-11-22", "gmv": 2300000.50, "orders": 21000, "sourceId": "orders-2021-11-22"},
             {"date": "2021-11-25", "gmv": 20000000, "orders": 160000, "sourceId": "orders-2021-11-25"}]""")))
    // @Valid on the element type only: @Valid on the List itself would make Quarkus register java.util.List and every
    // implementation of it in the index (the protobuf lists of kafka-clients and of gRPC, 28 classes) with
    // Hibernate Validator, whose metadata is built for each at every start (~0.2 s; ValidationScopeTest)
    public Uni<LedgerResult> record(@PathParam("id") UUID id,
            @NotNull @NotEmpty @Size(max = MAX_ENTRIES) List<@Valid @NotNull LedgerEntry> entries) {
        tenants.requireMerchant(id, PLATFORM_ADMIN);
        return ledger.record(id, entries);
    }

    @GET
    @RolesAllowed({PLATFORM_ADMIN, VIEWER, MERCHANT, PROVIDER})
    @Operation(operationId = "getGmvSeries",
            summary = "GMV per day or month between from and to (inclusive; default: the last 30 days of the ledger);"
                    + " platform-admin, viewer, the merchant itself, or a provider while an engagement with it is ACTIVE")
    public Uni<GmvSeries> series(@PathParam("id") UUID id,
            @Parameter(description = "First day (UTC), inclusive; default: 29 days before `to`",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String fromText,
            @Parameter(description = "Last day (UTC), inclusive; default: the latest ledger entry",
                    schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String toText,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = {"day", "month"}, defaultValue = "day"))
            @QueryParam("granularity") String granularityText) {
        return tenants.requireMerchantOrEngagedProvider(id, PLATFORM_ADMIN, VIEWER).chain(() -> readSeries(id, fromText, toText, granularityText));
    }

    private Uni<GmvSeries> readSeries(UUID id, String fromText, String toText, String granularityText) {
        LocalDate from = QueryParams.date("from", fromText);
        LocalDate to = QueryParams.date("to", toText);
        String granularity = granularityText == null || granularityText.isBlank() ? "day" : granularityText.trim();
        if (!granularity.equals("day") && !granularity.equals("month")) {
            throw ProblemException.wrongType("granularity", "unknown value '" + granularity + "', expected one of [day, month]");
        }
        return queries.latestEntryDate(id).chain(latest -> {
            LocalDate end = to != null ? to : latest != null ? latest : clock.today();
            LocalDate start = from != null ? from : end.minusDays(29);
            if (start.isAfter(end)) {
                return Uni.createFrom().failure(ProblemException.invalidField("from", "must not be after to"));
            }
            if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
                return Uni.createFrom().failure(ProblemException.invalidField("from", "the range may span at most " + MAX_DAYS + " days"));
            }
            return queries.series(id, start, end, granularity.equals("month") ? LedgerQueries.Granularity.MONTH : LedgerQueries.Granularity.DAY);
        });
    }
}
