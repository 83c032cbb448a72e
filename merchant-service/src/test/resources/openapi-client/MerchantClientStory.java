package com.livecommerce.client.merchant;

import com.livecommerce.client.merchant.api.GmvLedgerApi;
import com.livecommerce.client.merchant.api.GrowthApi;
import com.livecommerce.client.merchant.api.MerchantsApi;
import com.livecommerce.client.merchant.api.ServiceRequestsApi;
import com.livecommerce.client.merchant.invoker.ApiClient;
import com.livecommerce.client.merchant.invoker.ApiException;
import com.livecommerce.client.merchant.invoker.ApiResponse;
import com.livecommerce.client.merchant.model.GmvSeries;
import com.livecommerce.client.merchant.model.GrowthReport;
import com.livecommerce.client.merchant.model.LedgerEntry;
import com.livecommerce.client.merchant.model.LedgerResult;
import com.livecommerce.client.merchant.model.Merchant;
import com.livecommerce.client.merchant.model.MerchantKind;
import com.livecommerce.client.merchant.model.MerchantPatch;
import com.livecommerce.client.merchant.model.MerchantStage;
import com.livecommerce.client.merchant.model.Need;
import com.livecommerce.client.merchant.model.NewMerchant;
import com.livecommerce.client.merchant.model.NewServiceRequest;
import com.livecommerce.client.merchant.model.PageMerchantView;
import com.livecommerce.client.merchant.model.Problem;
import com.livecommerce.client.merchant.model.ServiceRequest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a client team writes against the Java client generated from merchant-service's /q/openapi
 * (OpenAPI Generator, java/native), with no workaround: compiled and run by OpenApiClientTest
 * (test-support OpenApiClients) in a class loader of its own. Throws AssertionError on any mismatch.
 * Records GMV only in 2019 (other tests own 2021).
 */
public class MerchantClientStory {

    public static void main(String[] args) throws Exception {
        String baseUri = args[0].replaceAll("/+$", "");
        String token = args[1];
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        MerchantsApi merchants = new MerchantsApi(client);

        // create: 201, the created merchant comes back as a model, Location points at it
        String region = "Client Story " + UUID.randomUUID();
        ApiResponse<Merchant> created = merchants.registerMerchantWithHttpInfo("story-" + java.util.UUID.randomUUID(), new NewMerchant().name("Client Story Brand")
                .kind(MerchantKind.BRAND).category("apparel").region(region).followers(1000L).trustRights(true)
                .repurchaseRate(new BigDecimal("0.35")));
        check(created.getStatusCode() == 201, "registerMerchant answers 201, got " + created.getStatusCode());
        Merchant merchant = created.getData();
        check(merchant != null && merchant.getId() != null, "registerMerchant returns the created merchant with its id");
        check("Client Story Brand".equals(merchant.getName()) && merchant.getKind() == MerchantKind.BRAND
                && merchant.getStage() == MerchantStage.NEW && merchant.getVersion() == 0L
                && new BigDecimal("0.35").compareTo(merchant.getRepurchaseRate()) == 0, "created merchant: " + merchant);
        List<String> location = created.getHeaders().get("location");
        check(location != null && location.size() == 1 && location.get(0).endsWith("/merchants/" + merchant.getId()),
                "Location of the created merchant: " + location);

        // read it
        Merchant read = merchants.getMerchant(merchant.getId());
        check(merchant.getId().equals(read.getId()) && region.equals(read.getRegion()) && read.getCreatedAt() != null,
                "getMerchant returns the merchant: " + read);

        // list with typed filters and paging
        PageMerchantView page = merchants.listMerchants(null, MerchantKind.BRAND, 0, region, 10, MerchantStage.NEW);
        check(page.getTotal() == 1L && page.getItems().size() == 1 && page.getItems().get(0).getId().equals(merchant.getId()),
                "listMerchants finds it: " + page);

        // change it with the current version, then with a stale one: 409 read as a Problem
        Merchant changed = merchants.updateMerchant(merchant.getId(), new MerchantPatch().version(0L).followers(2000L));
        check(changed.getVersion() == 1L && changed.getFollowers() == 2000L, "updateMerchant applies the change: " + changed);
        Problem conflict = problem(client, 409, () -> merchants.updateMerchant(merchant.getId(),
                new MerchantPatch().version(0L).followers(3000L)));
        check("urn:livecommerce:problem:version-conflict".equals(conflict.getType()) && conflict.getStatus() == 409
                && conflict.getTitle() != null, "a stale version is a version-conflict problem: " + conflict);

        // an unknown id: 404 read as a Problem
        Problem missing = problem(client, 404, () -> merchants.getMerchant(UUID.randomUUID()));
        check("urn:livecommerce:problem:not-found".equals(missing.getType()) && missing.getStatus() == 404,
                "an unknown merchant is a not-found problem: " + missing);

        // no token, or a token that is not a valid JWT: 401 read as a Problem
        for (String bad : new String[] {null, "not-a-jwt"}) {
            ApiClient anonymous = new ApiClient();
            anonymous.updateBaseUri(baseUri);
            if (bad != null) {
                anonymous.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bad));
            }
            Problem unauthorized = problem(anonymous, 401, () -> new MerchantsApi(anonymous).getMerchant(merchant.getId()));
            check("urn:livecommerce:problem:unauthorized".equals(unauthorized.getType()), "401 problem: " + unauthorized);
        }

        // money as JSON numbers, dates as LocalDate, both ways
        GmvLedgerApi ledger = new GmvLedgerApi(client);
        LedgerResult recorded = ledger.recordGmv(merchant.getId(), List.of(
                new LedgerEntry().date(LocalDate.of(2019, 3, 1)).gmv(new BigDecimal("1000.50")).orders(3).sourceId("story-h1"),
                new LedgerEntry().date(LocalDate.of(2019, 9, 1)).gmv(new BigDecimal("2301.15")).orders(7).sourceId("story-h2")));
        check(recorded.getRecorded() == 2 && recorded.getDuplicates() == 0, "recordGmv: " + recorded);
        GmvSeries series = ledger.getGmvSeries(merchant.getId(), LocalDate.of(2019, 1, 1), "month", LocalDate.of(2019, 12, 31));
        check(series.getPoints().size() == 2 && new BigDecimal("3301.65").compareTo(series.getTotalGmv()) == 0
                && series.getTotalOrders() == 10L, "getGmvSeries: " + series);
        GrowthReport growth = new GrowthApi(client).getGrowth(merchant.getId(), "2019H1", "2019H2");
        check(new BigDecimal("1000.50").compareTo(growth.getEarlierGmv()) == 0 && new BigDecimal("2301.15").compareTo(growth.getLaterGmv()) == 0
                && new BigDecimal("1.3").compareTo(growth.getGrowthRate()) == 0 && !growth.getStalled(), "getGrowth: " + growth);
        Problem noPeriod = problem(client, Set.of(400, 422), () -> new GrowthApi(client).getGrowth(merchant.getId(), "2019H1", "2019H3"));
        check(noPeriod.getErrors() != null && noPeriod.getErrors().stream().anyMatch(e -> "later".equals(e.getField())),
                "a bad period is a problem naming the field: " + noPeriod);

        // a service request: 201 with the created request
        ServiceRequestsApi requests = new ServiceRequestsApi(client);
        ApiResponse<ServiceRequest> asked = requests.createServiceRequestWithHttpInfo(merchant.getId(), "story-" + java.util.UUID.randomUUID(), new NewServiceRequest()
                .needs(Set.of(Need.AD_OPTIMIZATION, Need.LIVE_OPERATIONS)).monthlyBudget(new BigDecimal("300000.00"))
                .gmvTarget(new BigDecimal("2300000")));
        check(asked.getStatusCode() == 201 && asked.getData() != null && asked.getData().getId() != null
                && new BigDecimal("300000").compareTo(asked.getData().getMonthlyBudget()) == 0,
                "createServiceRequest returns the created request: " + asked.getData());
        ServiceRequest again = requests.getServiceRequest(merchant.getId(), asked.getData().getId());
        check(Objects.equals(again.getStatus(), asked.getData().getStatus()) && again.getNeeds().contains(Need.LIVE_OPERATIONS),
                "getServiceRequest: " + again);
        System.out.println("MerchantClientStory: every check passed against " + baseUri);
    }

    interface Call {
        void run() throws ApiException;
    }

    /** The call must fail with {@code status}; its problem+json body read as the generated Problem model. */
    static Problem problem(ApiClient client, int status, Call call) throws Exception {
        return problem(client, Set.of(status), call);
    }

    /** The same, for a mistake the service may answer with either of {@code statuses} (400 or 422 for a bad value). */
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
