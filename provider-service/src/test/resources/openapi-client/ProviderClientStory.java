package com.livecommerce.client.provider;

import com.livecommerce.client.provider.api.AdmissionApi;
import com.livecommerce.client.provider.api.HorseRacingApi;
import com.livecommerce.client.provider.api.OperatorsApi;
import com.livecommerce.client.provider.api.ProvidersApi;
import com.livecommerce.client.provider.api.WindmakerApi;
import com.livecommerce.client.provider.invoker.ApiClient;
import com.livecommerce.client.provider.invoker.ApiException;
import com.livecommerce.client.provider.invoker.ApiResponse;
import com.livecommerce.client.provider.model.Appeal;
import com.livecommerce.client.provider.model.AppealAgainst;
import com.livecommerce.client.provider.model.AppealStatus;
import com.livecommerce.client.provider.model.Capability;
import com.livecommerce.client.provider.model.DecisionAction;
import com.livecommerce.client.provider.model.NewOperator;
import com.livecommerce.client.provider.model.Operator;
import com.livecommerce.client.provider.model.PageDecisionView;
import com.livecommerce.client.provider.model.PageEntryView;
import com.livecommerce.client.provider.model.PageOperatorView;
import com.livecommerce.client.provider.model.PageProviderView;
import com.livecommerce.client.provider.model.Problem;
import com.livecommerce.client.provider.model.Provider;
import com.livecommerce.client.provider.model.ProviderApplication;
import com.livecommerce.client.provider.model.ProviderPatch;
import com.livecommerce.client.provider.model.ProviderStatus;
import com.livecommerce.client.provider.model.ProviderType;
import com.livecommerce.client.provider.model.Reason;
import com.livecommerce.client.provider.model.ReviewResult;
import com.livecommerce.client.provider.model.WindmakerProgram;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a client team writes against the Java client generated from provider-service's /q/openapi
 * (OpenAPI Generator, java/native), with no workaround: compiled and run by OpenApiClientTest
 * (test-support OpenApiClients) in a class loader of its own. Throws AssertionError on any mismatch.
 * Its provider has a category of its own and is never admitted (it does not enter other tests' cohorts).
 */
public class ProviderClientStory {

    public static void main(String[] args) throws Exception {
        String baseUri = args[0].replaceAll("/+$", "");
        String token = args[1];
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        ProvidersApi providers = new ProvidersApi(client);

        // apply: 201, the created provider comes back as a model, Location points at it
        String category = "story-" + UUID.randomUUID().toString().substring(0, 8);
        ApiResponse<Provider> created = providers.registerProviderWithHttpInfo("story-" + java.util.UUID.randomUUID(), new ProviderApplication().name("Client Story MCN")
                .type(ProviderType.MCN).categories(List.of(category)).regions(List.of("Hangzhou"))
                .capabilities(List.of(Capability.LIVE_OPERATIONS, Capability.AD_OPTIMIZATION)).capacity(5)
                .declaredServedGmv(new BigDecimal("12000000.50")));
        check(created.getStatusCode() == 201, "registerProvider answers 201, got " + created.getStatusCode());
        Provider provider = created.getData();
        check(provider != null && provider.getId() != null, "registerProvider returns the created provider with its id");
        check(provider.getStatus() == ProviderStatus.APPLIED && provider.getType() == ProviderType.MCN
                && provider.getCapabilities().contains(Capability.LIVE_OPERATIONS)
                && new BigDecimal("12000000.50").compareTo(provider.getDeclaredServedGmv()) == 0
                && provider.getVersion() == 0L, "created provider: " + provider);
        List<String> location = created.getHeaders().get("location");
        check(location != null && location.size() == 1 && location.get(0).endsWith("/providers/" + provider.getId()),
                "Location of the created provider: " + location);

        // read, list with typed filters
        Provider read = providers.getProvider(provider.getId());
        check(provider.getId().equals(read.getId()) && List.of(category).equals(read.getCategories()), "getProvider: " + read);
        PageProviderView page = providers.listProviders(category, 0, null, 10, ProviderStatus.APPLIED, null, ProviderType.MCN);
        check(page.getTotal() == 1L && page.getItems().get(0).getId().equals(provider.getId()), "listProviders finds it: " + page);

        // change with the current version, then with a stale one: 409 read as a Problem
        Provider renamed = providers.updateProvider(provider.getId(), new ProviderPatch().version(0L).name("Client Story MCN Renamed"));
        check(renamed.getVersion() == 1L && "Client Story MCN Renamed".equals(renamed.getName()), "updateProvider: " + renamed);
        Problem conflict = problem(client, 409, () -> providers.updateProvider(provider.getId(),
                new ProviderPatch().version(0L).name("Too Late")));
        check("urn:livecommerce:problem:version-conflict".equals(conflict.getType()) && conflict.getStatus() == 409,
                "a stale version is a version-conflict problem: " + conflict);

        // an unknown id: 404 read as a Problem
        Problem missing = problem(client, 404, () -> providers.getProvider(UUID.randomUUID()));
        check("urn:livecommerce:problem:not-found".equals(missing.getType()) && missing.getStatus() == 404,
                "an unknown provider is a not-found problem: " + missing);

        // an operator: 201 with the created operator, typed specialties, roi null without spend
        OperatorsApi operators = new OperatorsApi(client);
        ApiResponse<Operator> added = operators.addOperatorWithHttpInfo(provider.getId(), "story-" + java.util.UUID.randomUUID(), new NewOperator().name("Li Wei")
                .specialties(List.of(Capability.AD_OPTIMIZATION)).certified(false));
        check(added.getStatusCode() == 201 && added.getData() != null && added.getData().getId() != null
                && added.getData().getSpecialties().equals(List.of(Capability.AD_OPTIMIZATION)) && added.getData().getRoi() == null
                && BigDecimal.ZERO.compareTo(added.getData().getSessionGmv()) == 0, "addOperator: " + added.getData());
        PageOperatorView team = operators.listOperators(provider.getId(), null, null);
        check(team.getTotal() == 1L, "listOperators: " + team);

        // admission: rejected with every failed rule; reviewed once (then 409); an appeal (201); the audit trail
        AdmissionApi admission = new AdmissionApi(client);
        ReviewResult review = admission.reviewProvider(provider.getId());
        check(review.getStatus() == ProviderStatus.REJECTED && review.getReasons().stream()
                .anyMatch(r -> "MIN_CERTIFIED_OPERATORS".equals(r.getRule().getValue()) && r.getDetail() != null),
                "reviewProvider rejects with the failed rules: " + review);
        Problem twice = problem(client, 409, () -> admission.reviewProvider(provider.getId()));
        check(twice.getType().startsWith("urn:livecommerce:problem:"), "a second review is a problem: " + twice);
        ApiResponse<Appeal> appealed = admission.createAppealWithHttpInfo(provider.getId(), "story-" + java.util.UUID.randomUUID(),
                new Reason().reason("three certified operators join next week"));
        check(appealed.getStatusCode() == 201 && appealed.getData().getStatus() == AppealStatus.PENDING
                && appealed.getData().getAgainst() == AppealAgainst.REJECTION, "createAppeal: " + appealed.getData());
        PageDecisionView trail = admission.listDecisions(provider.getId(), null, null);
        check(trail.getItems().stream().anyMatch(d -> d.getAction() == DecisionAction.REJECTED)
                && trail.getItems().stream().anyMatch(d -> d.getAction() == DecisionAction.APPEALED), "listDecisions: " + trail);

        // programs and leaderboards read back as models
        WindmakerProgram program = new WindmakerApi(client).getWindmakerProgram();
        check(program.getTiers().size() == 2 && program.getBadges().size() == 2, "getWindmakerProgram: " + program);
        PageEntryView board = new HorseRacingApi(client).listLeaderboardEntries(category, null, "2019-01", null, ProviderType.MCN);
        check(board.getTotal() == 0L && board.getItems().isEmpty(), "listLeaderboardEntries: " + board);
        Problem noPeriod = problem(client, Set.of(400, 422), () -> new HorseRacingApi(client).listLeaderboardEntries(null,
                null, "2019-13", null, null));
        check(noPeriod.getErrors() != null && noPeriod.getErrors().stream().anyMatch(e -> "period".equals(e.getField())),
                "a bad period is a problem naming the field: " + noPeriod);
        System.out.println("ProviderClientStory: every check passed against " + baseUri);
    }

    interface Call {
        void run() throws ApiException;
    }

    static Problem problem(ApiClient client, int status, Call call) throws Exception {
        return problem(client, Set.of(status), call);
    }

    /** The call must fail with one of {@code statuses}; its problem+json body read as the generated Problem model. */
    static Problem problem(ApiClient client, Set<Integer> statuses, Call call) throws Exception {
        try {
            call.run();
        } catch (ApiException e) {
            check(statuses.contains(e.getCode()), "expected " + statuses + ", got " + e.getCode() + ": " + e.getResponseBody());
            String type = e.getResponseHeaders().firstValue("content-type").orElse("");
            check(type.startsWith("application/problem+json"), "error content type: " + type);
            return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
        }
        throw new AssertionError("expected " + statuses + ", but the call succeeded");
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
