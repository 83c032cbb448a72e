package com.livecommerce.client.matching;

import com.livecommerce.client.matching.api.CampaignsApi;
import com.livecommerce.client.matching.api.EngagementsApi;
import com.livecommerce.client.matching.api.InsightsApi;
import com.livecommerce.client.matching.api.ReadModelsApi;
import com.livecommerce.client.matching.api.RecommendationsApi;
import com.livecommerce.client.matching.invoker.ApiClient;
import com.livecommerce.client.matching.invoker.ApiException;
import com.livecommerce.client.matching.invoker.ApiResponse;
import com.livecommerce.client.matching.model.Campaign;
import com.livecommerce.client.matching.model.CampaignAssignment;
import com.livecommerce.client.matching.model.CampaignCohort;
import com.livecommerce.client.matching.model.CampaignUnassigned;
import com.livecommerce.client.matching.model.Completion;
import com.livecommerce.client.matching.model.EcosystemInsights;
import com.livecommerce.client.matching.model.Engagement;
import com.livecommerce.client.matching.model.EngagementStatus;
import com.livecommerce.client.matching.model.KpiCommitment;
import com.livecommerce.client.matching.model.MerchantReadModel;
import com.livecommerce.client.matching.model.Need;
import com.livecommerce.client.matching.model.NewCampaign;
import com.livecommerce.client.matching.model.NewEngagement;
import com.livecommerce.client.matching.model.PageEngagementView;
import com.livecommerce.client.matching.model.Problem;
import com.livecommerce.client.matching.model.ProviderReadModel;
import com.livecommerce.client.matching.model.ProviderType;
import com.livecommerce.client.matching.model.Rating;
import com.livecommerce.client.matching.model.Recommendations;
import com.livecommerce.client.matching.model.RecommendedProvider;
import com.livecommerce.client.matching.model.ScoreComponents;
import com.livecommerce.client.matching.model.Termination;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a client team writes against the Java client generated from matching-service's /q/openapi (OpenAPI
 * Generator, java/native), with no workaround: compiled and run by OpenApiClientTest (test-support
 * OpenApiClients) in a class loader of its own. Throws AssertionError on any mismatch.
 * <p>
 * Arguments: base URI, a platform-admin token, then the ids of what the test published on merchant-events and
 * provider-events (a client cannot create them): the merchant (BRAND, with a service request for LIVE_OPERATIONS and
 * AD_OPTIMIZATION), a second merchant, three merchants stalled between 2032H1 and 2032H2, the provider that fits
 * them best (capacity 3) and a second provider (capacity 2).
 */
public class MatchingClientStory {

    public static void main(String[] args) throws Exception {
        String baseUri = args[0].replaceAll("/+$", "");
        String token = args[1];
        UUID merchant = UUID.fromString(args[2]);
        UUID other = UUID.fromString(args[3]);
        List<UUID> stalled = List.of(UUID.fromString(args[4]), UUID.fromString(args[5]), UUID.fromString(args[6]));
        UUID best = UUID.fromString(args[7]);
        UUID second = UUID.fromString(args[8]);
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUri);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));

        // read models: what matching knows from merchant-events and provider-events, typed
        ReadModelsApi readModels = new ReadModelsApi(client);
        MerchantReadModel m = readModels.getMerchantReadModel(merchant);
        check(merchant.equals(m.getId()) && Boolean.TRUE.equals(m.getRegistered()) && "BRAND".equals(String.valueOf(m.getKind()))
                && m.getNeeds().equals(Set.of(Need.LIVE_OPERATIONS, Need.AD_OPTIMIZATION)) && m.getLedgerGmv().signum() == 0,
                "getMerchantReadModel: " + m);
        MerchantReadModel s = readModels.getMerchantReadModel(stalled.get(0));
        check(s.getLedgerEntries() == 2L && new BigDecimal("1800000.50").compareTo(s.getLedgerGmv()) == 0
                && s.getLastLedgerDate() != null && "2032-09-01".equals(s.getLastLedgerDate().toString()), "a stalled merchant's ledger: " + s);
        ProviderReadModel p = readModels.getProviderReadModel(best);
        check(best.equals(p.getId()) && p.getType() == ProviderType.BRAND && p.getCapacity() == 3 && p.getRemainingCapacity() == 3
                && Boolean.TRUE.equals(p.getInGoodStanding()) && p.getServedGmv12m() != null, "getProviderReadModel: " + p);

        // recommendations: best first, each with the components of its score (score = sum of weight x component)
        Recommendations recommendations = new RecommendationsApi(client).recommendProviders(merchant, 5);
        check(merchant.equals(recommendations.getMerchantId()) && recommendations.getLimit() == 5
                && !recommendations.getItems().isEmpty(), "recommendProviders: " + recommendations);
        RecommendedProvider top = recommendations.getItems().get(0);
        ScoreComponents c = top.getComponents();
        check(best.equals(top.getProviderId()) && top.getType() == ProviderType.BRAND && top.getRemainingCapacity() == 3
                && c.getCategoryFit().compareTo(BigDecimal.ONE) == 0 && c.getRegionFit().compareTo(BigDecimal.ONE) == 0
                && c.getNeedCoverage().compareTo(BigDecimal.ONE) == 0, "the best fit comes first: " + top);
        Map<String, BigDecimal> w = recommendations.getWeights();
        BigDecimal sum = w.get("categoryFit").multiply(c.getCategoryFit()).add(w.get("typeFit").multiply(c.getTypeFit()))
                .add(w.get("regionFit").multiply(c.getRegionFit())).add(w.get("needCoverage").multiply(c.getNeedCoverage()))
                .add(w.get("trackRecord").multiply(c.getTrackRecord())).add(w.get("capacityHeadroom").multiply(c.getCapacityHeadroom()))
                .add(w.get("tier").multiply(c.getTier()));
        check(sum.compareTo(top.getScore()) == 0, "score " + top.getScore() + " = weighted sum of the components " + sum);
        for (int i = 1; i < recommendations.getItems().size(); i++) {
            check(recommendations.getItems().get(i - 1).getScore().compareTo(recommendations.getItems().get(i).getScore()) >= 0,
                    "best first: " + recommendations.getItems());
        }

        // the engagement lifecycle: propose (201, the engagement, Location), accept, activate, complete with a rating
        EngagementsApi engagements = new EngagementsApi(client);
        ApiResponse<Engagement> proposed = engagements.proposeEngagementWithHttpInfo("story-" + java.util.UUID.randomUUID(), new NewEngagement().merchantId(merchant)
                .providerId(best).needs(Set.of(Need.LIVE_OPERATIONS, Need.AD_OPTIMIZATION)).term(6)
                .kpiCommitment(new KpiCommitment().gmvTarget(new BigDecimal("3000000.50"))).commissionBps(800));
        check(proposed.getStatusCode() == 201, "proposeEngagement answers 201, got " + proposed.getStatusCode());
        Engagement e = proposed.getData();
        check(e.getId() != null && e.getStatus() == EngagementStatus.PROPOSED && e.getTerm() == 6 && e.getVersion() == 0L
                && new BigDecimal("3000000.50").compareTo(e.getKpiCommitment().getGmvTarget()) == 0 && e.getAcceptedAt() == null,
                "proposed: " + e);
        List<String> location = proposed.getHeaders().get("location");
        check(location != null && location.get(0).endsWith("/engagements/" + e.getId()), "Location: " + location);
        UUID id = e.getId();
        check(id.equals(engagements.getEngagement(id).getId()), "getEngagement");

        Engagement accepted = engagements.acceptEngagement(id);
        check(accepted.getStatus() == EngagementStatus.ACCEPTED && accepted.getAcceptedAt() != null, "acceptEngagement: " + accepted);
        ProviderReadModel holding = null;
        for (int i = 0; i < 100; i++) {
            holding = readModels.getProviderReadModel(best);
            if (holding.getHeld() == 1) {
                break;
            }
            Thread.sleep(100);
        }
        check(holding.getHeld() == 1 && holding.getRemainingCapacity() == 2, "accepting holds one unit of capacity: " + holding);
        Engagement active = engagements.activateEngagement(id);
        check(active.getStatus() == EngagementStatus.ACTIVE && active.getActivatedAt() != null && active.getEndsOn() != null,
                "activateEngagement: " + active);
        Engagement completed = engagements.completeEngagement(id,
                new Completion().rating(new Rating().results(5).communication(4).professionalism(5)));
        check(completed.getStatus() == EngagementStatus.COMPLETED && completed.getRating().getResults() == 5
                && completed.getOutcome() != null && completed.getOutcome().getGmvDuring().signum() == 0
                && Boolean.FALSE.equals(completed.getOutcome().getKpiCommitmentMet()) && !completed.getOutcome().getLeap(),
                "completeEngagement: the outcome comes from the ledger: " + completed);
        Problem illegal = problem(client, 409, () -> engagements.completeEngagement(id,
                new Completion().rating(new Rating().results(1).communication(1).professionalism(1))));
        check("urn:livecommerce:problem:illegal-transition".equals(illegal.getType()), "completing twice is illegal: " + illegal);

        // terminate an open one, with a reason; accepting it afterwards is illegal
        Engagement toEnd = engagements.proposeEngagement("story-" + java.util.UUID.randomUUID(), new NewEngagement().merchantId(other).providerId(best)
                .needs(Set.of(Need.CONTENT)).commissionBps(500));
        check(toEnd.getTerm() == 3 && toEnd.getKpiCommitment() == null, "the term defaults to the minimum: " + toEnd);
        Engagement terminated = engagements.terminateEngagement(toEnd.getId(), new Termination().reason("budget cut"));
        check(terminated.getStatus() == EngagementStatus.TERMINATED && "budget cut".equals(terminated.getTerminationReason())
                && terminated.getTerminatedAt() != null, "terminateEngagement: " + terminated);
        Problem notOpen = problem(client, 409, () -> engagements.acceptEngagement(toEnd.getId()));
        check("urn:livecommerce:problem:illegal-transition".equals(notOpen.getType()), "accepting a terminated one: " + notOpen);

        // lists with filters
        PageEngagementView done = engagements.listEngagements(null, merchant, 0, null, 10, EngagementStatus.COMPLETED);
        check(done.getTotal() == 1L && done.getItems().get(0).getId().equals(id) && done.getPage() == 0 && done.getSize() == 10,
                "listEngagements by merchant and status: " + done);
        PageEngagementView ofBest = engagements.listEngagements(null, null, 0, best, 20, null);
        check(ofBest.getTotal() == 2L, "listEngagements by provider: " + ofBest);

        // a campaign over the merchants stalled between 2032H1 and 2032H2: one of them is already engaged
        Engagement open = engagements.proposeEngagement("story-" + java.util.UUID.randomUUID(), new NewEngagement().merchantId(stalled.get(2)).providerId(second)
                .needs(Set.of(Need.LIVE_OPERATIONS)).commissionBps(700));
        CampaignsApi campaigns = new CampaignsApi(client);
        ApiResponse<Campaign> started = campaigns.startCampaignWithHttpInfo("story-" + java.util.UUID.randomUUID(), new NewCampaign().cohort(CampaignCohort.STALLED)
                .earlier("2032H1").later("2032H2").term(4).commissionBps(900));
        check(started.getStatusCode() == 201 || started.getStatusCode() == 202, "startCampaign answers 201 or 202, got " + started.getStatusCode());
        UUID campaignId = started.getData().getId();
        List<String> campaignLocation = started.getHeaders().get("location");
        check(campaignId != null && campaignLocation != null && campaignLocation.get(0).endsWith("/campaigns/" + campaignId),
                "campaign Location: " + campaignLocation);
        Campaign campaign = null;
        for (int i = 0; i < 300; i++) {
            campaign = campaigns.getCampaign(campaignId, 0, 50);
            if (campaign.getStatus() != Campaign.StatusEnum.RUNNING) {
                break;
            }
            Thread.sleep(100);
        }
        check(campaign.getStatus() == Campaign.StatusEnum.COMPLETED && campaign.getCohortSize() == 3 && campaign.getAssignedCount() == 2
                && campaign.getUnassignedCount() == 1 && campaign.getTerm() == 4 && campaign.getCommissionBps() == 900,
                "getCampaign: " + campaign);
        List<CampaignUnassigned> unassigned = campaign.getUnassigned();
        check(unassigned.size() == 1 && stalled.get(2).equals(unassigned.get(0).getMerchantId())
                && unassigned.get(0).getReason() == CampaignUnassigned.ReasonEnum.ALREADY_ENGAGED, "unassigned: " + unassigned);
        BigDecimal objective = BigDecimal.ZERO;
        for (CampaignAssignment a : campaign.getAssignments()) {
            check(stalled.subList(0, 2).contains(a.getMerchantId()) && Set.of(best, second).contains(a.getProviderId())
                    && a.getEngagementId() != null, "assignment: " + a);
            objective = objective.add(a.getScore());
        }
        check(campaign.getAssignments().size() == 2 && objective.compareTo(campaign.getObjective()) == 0,
                "objective = sum of the assigned scores: " + campaign);
        PageEngagementView fromCampaign = engagements.listEngagements(campaignId, null, 0, null, 10, EngagementStatus.PROPOSED);
        check(fromCampaign.getTotal() == 2L && fromCampaign.getItems().stream().allMatch(x -> x.getTerm() == 4
                && x.getCommissionBps() == 900 && campaignId.equals(x.getCampaignId())), "the campaign's proposals: " + fromCampaign);
        check(engagements.terminateEngagement(open.getId(), new Termination().reason("story done")).getStatus() == EngagementStatus.TERMINATED,
                "terminate the open proposal");

        // insights over the same periods: the three merchants are active and stalled, none served
        EcosystemInsights insights = new InsightsApi(client).getEcosystemInsights("2032H1", "2032H2");
        check("2032H1".equals(insights.getEarlier()) && insights.getActiveMerchants() == 3L && insights.getStalledMerchants() == 3L
                && insights.getStalledShare().compareTo(BigDecimal.ONE) == 0 && insights.getServedMerchants() == 0L
                && insights.getUnserved().getMerchants() == 3L
                && new BigDecimal("3000000.00").compareTo(insights.getUnserved().getEarlierGmv()) == 0
                && new BigDecimal("2400001.50").compareTo(insights.getUnserved().getLaterGmv()) == 0
                && insights.getLeapsByProviderType() != null, "getEcosystemInsights: " + insights);

        // errors are Problems
        Problem missing = problem(client, 404, () -> engagements.getEngagement(UUID.randomUUID()));
        check("urn:livecommerce:problem:not-found".equals(missing.getType()), "404 problem: " + missing);
        Problem unknownMerchant = problem(client, 404, () -> new RecommendationsApi(client).recommendProviders(UUID.randomUUID(), null));
        check("urn:livecommerce:problem:not-found".equals(unknownMerchant.getType()), "404 for an unknown merchant: " + unknownMerchant);
        Problem invalid = problem(client, 422, () -> engagements.proposeEngagement("story-" + java.util.UUID.randomUUID(), new NewEngagement().merchantId(merchant)
                .providerId(second).needs(Set.of(Need.CONTENT)).term(2).commissionBps(100)));
        check("urn:livecommerce:problem:validation".equals(invalid.getType()) && invalid.getErrors() != null
                && invalid.getErrors().stream().anyMatch(x -> "term".equals(x.getField())), "422 names the field: " + invalid);
        ApiClient anonymous = new ApiClient();
        anonymous.updateBaseUri(baseUri);
        Problem unauthorized = problem(anonymous, 401, () -> new EngagementsApi(anonymous).listEngagements(null, null, null, null, null, null));
        check("urn:livecommerce:problem:unauthorized".equals(unauthorized.getType()), "401 problem: " + unauthorized);
        System.out.println("MatchingClientStory: every check passed against " + baseUri);
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
