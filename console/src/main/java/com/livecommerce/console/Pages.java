package com.livecommerce.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The console's pages. Each page asks the services what it shows, with the signed-in user's token, and shows what they
 * answer: data, or "not permitted for your role" where a service says 403. Actions are forms that POST to the console,
 * which calls the service and sends the browser back to the page (post/redirect/get), with the service's problem text
 * when it refused.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class Pages {

    static final String EARLIER = "2021H1";
    static final String LATER = "2021H2";

    @Inject
    Services services;
    @Inject
    Me me;
    @Inject
    Lang lang;
    @Inject
    Names names;

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    @Inject
    @Location("overview.html")
    Template overview;
    @Inject
    @Location("merchants.html")
    Template merchants;
    @Inject
    @Location("merchant.html")
    Template merchant;
    @Inject
    @Location("providers.html")
    Template providers;
    @Inject
    @Location("provider.html")
    Template provider;
    @Inject
    @Location("leaderboards.html")
    Template leaderboards;
    @Inject
    @Location("sessions.html")
    Template sessions;
    @Inject
    @Location("session.html")
    Template session;
    @Inject
    @Location("campaigns.html")
    Template campaigns;
    @Inject
    @Location("campaign.html")
    Template campaign;
    @Inject
    @Location("engagements.html")
    Template engagements;
    @Inject
    @Location("signedout.html")
    Template signedOut;

    /** The labels in the page's language, for what Java writes (chart legends). */
    Msg msg() {
        return lang.code().equals("zh") ? io.quarkus.qute.i18n.MessageBundles.get(Msg.class, io.quarkus.qute.i18n.Localized.Literal.of("zh"))
                : io.quarkus.qute.i18n.MessageBundles.get(Msg.class);
    }

    TemplateInstance page(Template t, String nav) {
        String back = uri.getRequestUri().getRawPath() + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
        return t.data("nav", nav).data("back", java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8)).setLocale(lang.locale());
    }

    /** Staff land on the ecosystem overview, a merchant on its own page, a provider on its own. */
    @GET
    public Response home() {
        if (!me.staff() && me.merchant()) {
            return Response.seeOther(URI.create("/merchants/" + me.merchantId())).build();
        }
        if (!me.staff() && me.provider()) {
            return Response.seeOther(URI.create("/providers/" + me.providerId())).build();
        }
        return Response.seeOther(URI.create("/overview")).build();
    }

    @GET
    @Path("overview")
    public TemplateInstance overview(@QueryParam("earlier") String earlier, @QueryParam("later") String later) {
        String e = blank(earlier) ? EARLIER : earlier, l = blank(later) ? LATER : later;
        Msg m = msg();
        Result insights = services.get("matching", "insights/ecosystem", "earlier", e, "later", l);
        Result windmaker = services.get("provider", "programs/windmaker");
        return page(overview, "overview").data("earlier", e).data("later", l)
                .data("insights", insights)
                .data("stalled", services.get("merchant", "merchants/stalled", "earlier", e, "later", l, "size", 100))
                .data("windmaker", windmaker)
                .data("growthChart", Charts.growth(insights, m.served(), m.unserved(), m.chart_growth()))
                .data("leapsChart", Charts.leaps(insights, m.chart_leaps()))
                .data("tiersChart", Charts.windmaker(windmaker, "tiers", m.chart_providers()))
                .data("badgesChart", Charts.windmaker(windmaker, "badges", m.chart_providers()));
    }

    // ---------------------------------------------------------------- merchants

    @GET
    @Path("merchants")
    public TemplateInstance merchants(@QueryParam("kind") String kind, @QueryParam("category") String category,
            @QueryParam("region") String region, @QueryParam("stage") String stage, @QueryParam("page") Integer pageNo) {
        int p = pageNo == null ? 0 : Math.max(0, pageNo);
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("kind", nz(kind));
        filter.put("category", nz(category));
        filter.put("region", nz(region));
        filter.put("stage", nz(stage));
        return page(merchants, "merchants").data("filter", filter).data("pageNo", p)
                .data("list", services.get("merchant", "merchants", "kind", kind, "category", category, "region", region,
                        "stage", stage, "page", p, "size", 20));
    }

    @GET
    @Path("merchants/{id}")
    public TemplateInstance merchant(@PathParam("id") String id, @QueryParam("earlier") String earlier,
            @QueryParam("later") String later, @QueryParam("error") String error) {
        String e = blank(earlier) ? EARLIER : earlier, l = blank(later) ? LATER : later;
        String to = LocalDate.now(ZoneOffset.UTC).toString();
        Result ledger = services.get("merchant", "merchants/" + seg(id) + "/gmv", "from", "2021-01-01", "to", to, "granularity", "month");
        return page(merchant, "merchants").data("id", id).data("earlier", e).data("later", l).data("error", error)
                .data("merchant", services.get("merchant", "merchants/" + seg(id)))
                .data("ledger", ledger)
                .data("ledgerChart", Charts.ledger(ledger, msg().chart_gmv()))
                .data("growth", services.get("merchant", "merchants/" + seg(id) + "/growth", "earlier", e, "later", l))
                .data("requests", services.get("merchant", "merchants/" + seg(id) + "/service-requests"))
                .data("recommendations", services.get("matching", "merchants/" + seg(id) + "/recommendations", "limit", 5))
                .data("engagements", services.get("matching", "engagements", "merchantId", id));
    }

    // ---------------------------------------------------------------- providers

    @GET
    @Path("providers")
    public TemplateInstance providers(@QueryParam("status") String status, @QueryParam("type") String type) {
        return page(providers, "providers").data("status", nz(status)).data("type", nz(type))
                .data("queue", services.get("provider", "providers", "status", "APPLIED", "size", 100))
                .data("list", services.get("provider", "providers", "status", status, "type", type, "size", 100));
    }

    @GET
    @Path("providers/{id}")
    public TemplateInstance provider(@PathParam("id") String id, @QueryParam("error") String error, @QueryParam("done") String done) {
        String base = "providers/" + seg(id);
        Result p = services.get("provider", base);
        return page(provider, "providers").data("id", id).data("error", error).data("done", done)
                .data("provider", p)
                .data("tierProgress", tierProgress(p))
                .data("operators", services.get("provider", base + "/operators"))
                .data("appeals", services.get("provider", base + "/appeals"))
                .data("decisions", services.get("provider", base + "/decisions"))
                .data("windmaker", services.get("provider", "programs/windmaker"))
                .data("engagements", services.get("matching", "engagements", "providerId", id));
    }

    @POST
    @Path("providers/{id}/review")
    public Response review(@PathParam("id") String id) {
        return back("/providers/" + id, services.post("provider", "providers/" + seg(id) + "/review", Map.of()), "reviewed");
    }

    @POST
    @Path("providers/{id}/{action:suspend|reinstate}")
    public Response suspend(@PathParam("id") String id, @PathParam("action") String action, @RestForm String reason) {
        return back("/providers/" + id, services.post("provider", "providers/" + seg(id) + "/" + action, Map.of("reason", nz(reason))), action);
    }

    @POST
    @Path("providers/{id}/operators/{operatorId}/certification")
    public Response certify(@PathParam("id") String id, @PathParam("operatorId") String operatorId, @RestForm String evidence) {
        return back("/providers/" + id, services.post("provider", "providers/" + seg(id) + "/operators/" + seg(operatorId)
                + "/certification", Map.of("evidence", nz(evidence))), "certified");
    }

    @POST
    @Path("providers/{id}/appeals")
    public Response appeal(@PathParam("id") String id, @RestForm String reason) {
        return back("/providers/" + id, services.post("provider", "providers/" + seg(id) + "/appeals", Map.of("reason", nz(reason))), "appealed");
    }

    @POST
    @Path("providers/{id}/appeals/{appealId}/decision")
    public Response decideAppeal(@PathParam("id") String id, @PathParam("appealId") String appealId, @RestForm String outcome,
            @RestForm String reason) {
        return back("/providers/" + id, services.post("provider", "providers/" + seg(id) + "/appeals/" + seg(appealId) + "/decision",
                Map.of("outcome", nz(outcome), "reason", nz(reason))), "decided");
    }

    // ---------------------------------------------------------------- leaderboards

    @GET
    @Path("leaderboards")
    public TemplateInstance leaderboards(@QueryParam("period") String period, @QueryParam("type") String type,
            @QueryParam("category") String category) {
        Result board = services.get("provider", "leaderboards", "period", period, "type", type, "category", category, "size", 200);
        // the entries grouped by cohort (type / category), in the order the service ranked them
        Map<String, List<Object>> cohorts = new LinkedHashMap<>();
        for (Object item : board.items()) {
            if (item instanceof Map<?, ?> m) {
                cohorts.computeIfAbsent(m.get("type") + " / " + m.get("category"), k -> new ArrayList<>()).add(m);
            }
        }
        String shown = board.items().isEmpty() ? nz(period) : String.valueOf(((Map<?, ?>) board.items().get(0)).get("period"));
        return page(leaderboards, "leaderboards").data("period", nz(period)).data("shownPeriod", shown).data("type", nz(type))
                .data("category", nz(category)).data("board", board).data("cohorts", cohorts);
    }

    // ---------------------------------------------------------------- sessions

    @GET
    @Path("sessions")
    public TemplateInstance sessions(@QueryParam("status") String status) {
        String merchantId = !me.staff() && me.merchant() ? me.merchantId() : null;
        String providerId = !me.staff() && me.provider() ? me.providerId() : null;
        return page(sessions, "sessions").data("status", nz(status))
                .data("list", services.get("session", "sessions", "merchantId", merchantId, "providerId", providerId,
                        "status", status, "size", 100));
    }

    @GET
    @Path("sessions/{id}")
    public TemplateInstance session(@PathParam("id") String id) {
        Msg m = msg();
        Result kpis = services.get("session", "sessions/" + seg(id) + "/kpis");
        return page(session, "sessions").data("id", id)
                .data("session", services.get("session", "sessions/" + seg(id)))
                .data("kpis", kpis)
                .data("pacingChart", Charts.pacing(kpis, m.chart_ad(), m.chart_gmv(), m.chart_plan(), m.chart_actual()))
                .data("roiChart", Charts.roi(kpis, m.chart_roi()));
    }

    /** The session's KPI snapshots as Server-Sent Events, read from session-service with the user's token and passed on. */
    @GET
    @Path("sessions/{id}/kpis/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> kpiStream(@PathParam("id") String id) {
        return services.stream("session", "sessions/" + seg(id) + "/kpis/stream");
    }

    // ---------------------------------------------------------------- campaigns

    @GET
    @Path("campaigns")
    public TemplateInstance campaigns(@QueryParam("error") String error) {
        return page(campaigns, "campaigns").data("earlier", EARLIER).data("later", LATER).data("error", error)
                .data("stalled", services.get("merchant", "merchants/stalled", "earlier", EARLIER, "later", LATER, "size", 1));
    }

    @POST
    @Path("campaigns")
    public Response runCampaign(@RestForm String earlier, @RestForm String later) {
        Result r = services.post("matching", "campaigns", Map.of("cohort", "STALLED", "earlier", nz(earlier), "later", nz(later)));
        if (r.ok() && r.get("id") != null) {
            return Response.seeOther(URI.create("/campaigns/" + r.get("id"))).build();
        }
        return Response.seeOther(withQuery("/campaigns", "error", r.problem())).build();
    }

    @GET
    @Path("campaigns/{id}")
    public TemplateInstance campaign(@PathParam("id") String id, @QueryParam("page") Integer pageNo) {
        return page(campaign, "campaigns").data("id", id)
                .data("campaign", services.get("matching", "campaigns/" + seg(id), "page", pageNo == null ? 0 : pageNo, "size", 100));
    }

    // ---------------------------------------------------------------- engagements

    @GET
    @Path("engagements")
    public TemplateInstance engagements(@QueryParam("status") String status, @QueryParam("error") String error,
            @QueryParam("done") String done) {
        String merchantId = !me.staff() && me.merchant() ? me.merchantId() : null;
        String providerId = !me.staff() && me.provider() ? me.providerId() : null;
        Result recs = merchantId != null ? services.get("matching", "merchants/" + seg(merchantId) + "/recommendations", "limit", 5) : null;
        return page(engagements, "engagements").data("status", nz(status)).data("error", error).data("done", done)
                .data("recommendations", recs)
                .data("list", services.get("matching", "engagements", "merchantId", merchantId, "providerId", providerId,
                        "status", status, "size", 100));
    }

    @POST
    @Path("engagements")
    public Response propose(@RestForm String merchantId, @RestForm String providerId, @RestForm List<String> needs,
            @RestForm Integer term, @RestForm String gmvTarget, @RestForm Integer commissionBps) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("merchantId", blank(merchantId) && me.merchant() ? me.merchantId() : nz(merchantId));
        body.put("providerId", nz(providerId));
        body.put("needs", needs == null ? List.of() : needs);
        body.put("term", term);
        if (!blank(gmvTarget)) {
            body.put("kpiCommitment", Map.of("gmvTarget", gmvTarget.trim()));
        }
        body.put("commissionBps", commissionBps);
        return back("/engagements", services.post("matching", "engagements", body), "proposed");
    }

    @POST
    @Path("engagements/{id}/{action:accept|activate}")
    public Response transition(@PathParam("id") String id, @PathParam("action") String action) {
        return back("/engagements", services.post("matching", "engagements/" + seg(id) + "/" + action, Map.of()), action);
    }

    @POST
    @Path("engagements/{id}/complete")
    public Response complete(@PathParam("id") String id, @RestForm Integer results, @RestForm Integer communication,
            @RestForm Integer professionalism) {
        Map<String, Object> rating = new LinkedHashMap<>();
        rating.put("results", results);
        rating.put("communication", communication);
        rating.put("professionalism", professionalism);
        return back("/engagements", services.post("matching", "engagements/" + seg(id) + "/complete", Map.of("rating", rating)), "complete");
    }

    @POST
    @Path("engagements/{id}/terminate")
    public Response terminate(@PathParam("id") String id, @RestForm String reason) {
        return back("/engagements", services.post("matching", "engagements/" + seg(id) + "/terminate", Map.of("reason", nz(reason))), "terminate");
    }

    /** Where Keycloak sends the browser back after sign-out (open: nobody is signed in any more). */
    @GET
    @Path("signed-out")
    public TemplateInstance signedOut() {
        return signedOut.data("lang", lang.htmlLang()).setLocale(lang.locale());
    }

    /** Served GMV of the last 12 months against each tier's threshold (DOMAIN.md: 100,000,000 and 1,000,000,000 CNY). */
    static List<Map<String, Object>> tierProgress(Result provider) {
        List<Map<String, Object>> out = new ArrayList<>();
        java.math.BigDecimal have = Format.decimal(provider.get("servedGmv12m"));
        if (have == null) {
            return out;
        }
        for (Object[] t : new Object[][] {{"HUNDRED_MILLION", new java.math.BigDecimal("100000000")},
                {"BILLION", new java.math.BigDecimal("1000000000")}}) {
            java.math.BigDecimal need = (java.math.BigDecimal) t[1];
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("level", t[0]);
            row.put("have", have);
            row.put("need", need);
            row.put("percent", Format.pctNumber(have.divide(need, 4, java.math.RoundingMode.DOWN)));
            out.add(row);
        }
        return out;
    }

    // ---------------------------------------------------------------- language

    /** The language switch: remembers the choice in a cookie (a year) and goes back to the page it was made on. */
    @GET
    @Path("lang")
    public Response switchLanguage(@QueryParam("to") String to, @QueryParam("back") String back) {
        String code = Lang.SUPPORTED.contains(to) ? to : "en";
        String target = back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") ? back : "/";
        return Response.seeOther(URI.create(target))
                .cookie(new NewCookie.Builder(Lang.COOKIE).value(code).path("/").maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX).build())
                .build();
    }

    // ----------------------------------------------------------------

    /** Back to the page after an action: {@code done=} on success, the service's problem text as {@code error=} otherwise. */
    private static Response back(String path, Result r, String done) {
        return Response.seeOther(r.ok() ? withQuery(path, "done", done) : withQuery(path, "error", r.problem())).build();
    }

    private static URI withQuery(String path, String key, String value) {
        return URI.create(path + "?" + key + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A path segment from user input: only what an id may hold, so it cannot reach another path of the service. */
    static String seg(String value) {
        if (value == null || !value.matches("[A-Za-z0-9._-]{1,64}") || value.startsWith(".")) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        return value;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String nz(String s) {
        return s == null ? "" : s.trim();
    }
}
