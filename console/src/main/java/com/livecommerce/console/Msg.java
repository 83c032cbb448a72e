package com.livecommerce.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The console's labels: English here (the default), Simplified Chinese in messages/msg_zh.properties; {msg:key} in templates. */
@MessageBundle("msg")
public interface Msg {

    @Message("Livecommerce staff console")
    String app_name();

    @Message("Skip to content")
    String skip();

    @Message("Main")
    String nav_label();

    @Message("Ecosystem overview")
    String nav_overview();

    @Message("Merchants")
    String nav_merchants();

    @Message("Providers")
    String nav_providers();

    @Message("My shop")
    String nav_my_merchant();

    @Message("My provider")
    String nav_my_provider();

    @Message("Leaderboards")
    String nav_leaderboards();

    @Message("Live sessions")
    String nav_sessions();

    @Message("Campaigns")
    String nav_campaigns();

    @Message("Engagements")
    String nav_engagements();

    @Message("Signed in as")
    String signed_in_as();

    @Message("Sign out")
    String sign_out();

    @Message("You are signed out.")
    String signed_out();

    @Message("Sign in again")
    String sign_in_again();

    @Message("Every figure comes from the services, read with your own sign-in; the console keeps no data.")
    String footer();

    @Message("Not permitted for your role ({service}-service answered 403).")
    String denied(Object service);

    @Message("Not found ({service}-service answered 404).")
    String not_found(Object service);

    @Message("{service}-service refused")
    String failed(Object service);

    @Message("Refused")
    String refused();

    @Message("Done.")
    String done();

    @Message("Your role can read but not change this.")
    String read_only();

    @Message("Ecosystem overview")
    String overview_title();

    @Message("Earlier period")
    String earlier();

    @Message("Later period")
    String later();

    @Message("Show")
    String show();

    @Message("Filter")
    String filter();

    @Message("any")
    String any();

    @Message("Stalled share")
    String stalled_share();

    @Message("{count} of {total} active merchants stalled")
    String stalled_of(Object count, Object total);

    @Message("Served merchants' GMV growth")
    String served_growth();

    @Message("Unserved merchants' GMV growth")
    String unserved_growth();

    @Message("{n} merchants")
    String merchants_n(Object n);

    @Message("Served vs unserved growth")
    String growth_ratio();

    @Message("times as fast")
    String growth_ratio_hint();

    @Message("Served vs unserved merchants")
    String served_vs_unserved();

    @Message("GMV by group and period")
    String gmv_by_group();

    @Message("Group")
    String group();

    @Message("Served")
    String served();

    @Message("Unserved")
    String unserved();

    @Message("Growth")
    String growth();

    @Message("Leaps by provider type")
    String leaps_by_type();

    @Message("Windmaker program")
    String windmaker();

    @Message("Tiers")
    String tiers();

    @Message("Badges")
    String badges();

    @Message("Level")
    String level();

    @Message("Providers")
    String providers_count();

    @Message("Target")
    String target();

    @Message("Attainment")
    String attainment();

    @Message("Stalled merchants")
    String stalled_merchants();

    @Message("Name")
    String name();

    @Message("Kind")
    String kind();

    @Message("Category")
    String category();

    @Message("Region")
    String region();

    @Message("Stage")
    String stage();

    @Message("Followers")
    String followers();

    @Message("{n} merchants in all")
    String total_n(Object n);

    @Message("Previous")
    String previous();

    @Message("Next")
    String next();

    @Message("Profile")
    String facts();

    @Message("Repurchase rate")
    String repurchase();

    @Message("Stalled")
    String stalled();

    @Message("yes")
    String yes();

    @Message("no")
    String no();

    @Message("GMV ledger by month")
    String gmv_ledger();

    @Message("Total")
    String ledger_total();

    @Message("{n} orders")
    String orders_n(Object n);

    @Message("Recommended providers")
    String recommendations();

    @Message("The score is the weighted sum of the components below (each 0 to 1).")
    String score_explained();

    @Message("Provider")
    String provider();

    @Message("Type")
    String type();

    @Message("Score")
    String score();

    @Message("Category fit")
    String c_category();

    @Message("Type fit")
    String c_type();

    @Message("Region fit")
    String c_region();

    @Message("Need coverage")
    String c_needs();

    @Message("Track record")
    String c_track();

    @Message("Capacity headroom")
    String c_capacity();

    @Message("Tier")
    String c_tier();

    @Message("Weights")
    String weights();

    @Message("Service requests")
    String service_requests();

    @Message("None.")
    String none();

    @Message("budget")
    String budget();

    @Message("GMV target")
    String gmv_target();

    @Message("Admission queue (applied, awaiting review)")
    String admission_queue();

    @Message("Nobody is waiting for review.")
    String queue_empty();

    @Message("Categories")
    String categories();

    @Message("Capacity")
    String capacity();

    @Message("Declared served GMV")
    String declared_gmv();

    @Message("All providers")
    String all_providers();

    @Message("Status")
    String status();

    @Message("Tier")
    String tier();

    @Message("Badge")
    String badge();

    @Message("Served GMV (12 months)")
    String served_gmv_12m();

    @Message("Merchants leapt")
    String merchants_leapt();

    @Message("Regions")
    String regions();

    @Message("Capabilities")
    String capabilities();

    @Message("Admission")
    String admission();

    @Message("suspension proposed")
    String suspension_proposed();

    @Message("Review admission (every rule)")
    String review_admission();

    @Message("Reason")
    String reason();

    @Message("Suspend")
    String suspend();

    @Message("Reinstate")
    String reinstate();

    @Message("Tier and progress")
    String tier_progress();

    @Message("Progress towards the tiers (served GMV)")
    String next_tier();

    @Message("Decisions and their reasons (audit trail)")
    String decisions();

    @Message("When")
    String when();

    @Message("Decision")
    String action();

    @Message("Reasons")
    String reasons();

    @Message("By")
    String actor();

    @Message("Operators")
    String operators();

    @Message("Certified")
    String certified();

    @Message("Sessions run")
    String sessions_run();

    @Message("Evidence")
    String evidence();

    @Message("Certify")
    String certify();

    @Message("Appeals")
    String appeals();

    @Message("Outcome")
    String outcome();

    @Message("Decide")
    String decide();

    @Message("Appeal")
    String appeal();

    @Message("imported")
    String imported();

    @Message("uplift")
    String uplift();

    @Message("Period")
    String period();

    @Message("Score = 0.40 × GMV growth + 0.25 × leaps + 0.15 × retention + 0.20 × rating; each component shows its raw value → weighted points.")
    String board_hint();

    @Message("GMV growth")
    String c_gmv_growth();

    @Message("Leaps")
    String c_leaps();

    @Message("Retention")
    String c_retention();

    @Message("Rating")
    String c_rating();

    @Message("Probation")
    String probation();

    @Message("Title")
    String title();

    @Message("Merchant")
    String merchant();

    @Message("Scheduled")
    String scheduled();

    @Message("Live KPIs")
    String live_stream();

    @Message("receiving")
    String live_open();

    @Message("closed")
    String live_closed();

    @Message("connecting")
    String live_connecting();

    @Message("updated")
    String updated();

    @Message("Viewers (UV)")
    String k_uv();

    @Message("Orders")
    String k_orders();

    @Message("Buyers")
    String k_buyers();

    @Message("Pay conversion")
    String k_conversion();

    @Message("UV value")
    String k_uv_value();

    @Message("Peak concurrent viewers")
    String k_peak();

    @Message("Ad spend")
    String k_ad_spend();

    @Message("Target attainment")
    String k_attainment();

    @Message("New buyers")
    String k_new_buyers();

    @Message("Lift vs baseline")
    String k_lift();

    @Message("Pacing phase")
    String k_phase();

    @Message("Pacing: first 20% of the airtime")
    String pacing();

    @Message("Share of ad spend and GMV in the first 20%, against the plan (80% / 50%).")
    String pacing_hint();

    @Message("ROI per ad channel")
    String roi_by_channel();

    @Message("Bestsellers")
    String bestsellers();

    @Message("Product")
    String product();

    @Message("Bestseller from")
    String bestseller_threshold();

    @Message("Campaign")
    String campaign();

    @Message("Run a campaign for the stalled merchants")
    String run_campaign();

    @Message("Matches every stalled merchant with the best provider that has capacity (an exact optimum), and proposes the engagements.")
    String campaign_hint();

    @Message("Cohort")
    String cohort();

    @Message("Assigned")
    String assigned();

    @Message("of {n}")
    String of_n(Object n);

    @Message("Unassigned")
    String unassigned();

    @Message("Objective")
    String objective();

    @Message("sum of the scores")
    String objective_hint();

    @Message("Assignments")
    String assignments();

    @Message("Engagement")
    String engagement();

    @Message("Merchants left without a provider, and why")
    String unassigned_reasons();

    @Message("{#when reason}{#is 'UNKNOWN_MERCHANT'}matching does not know the merchant{#is 'ALREADY_ENGAGED'}already has an open engagement{#is 'NO_ELIGIBLE_PROVIDER'}no admitted provider fits{#is 'CAPACITY_EXHAUSTED'}the fitting providers have no capacity left{#else}{reason}{/when}")
    String reason_text(Object reason);

    @Message("Needs")
    String needs();

    @Message("Term")
    String term();

    @Message("months")
    String months();

    @Message("ends")
    String ends();

    @Message("Actions")
    String actions();

    @Message("leap")
    String leap();

    @Message("Rating")
    String rating();

    @Message("{#when dim}{#is 'results'}Results{#is 'communication'}Communication{#else}Professionalism{/when}")
    String rating_dim(String dim);

    @Message("Accept")
    String accept();

    @Message("Activate")
    String activate();

    @Message("Complete")
    String complete();

    @Message("Terminate")
    String terminate();

    @Message("Propose an engagement")
    String propose();

    @Message("Commission (bps)")
    String commission_bps();

    @Message("Providers")
    String chart_providers();

    @Message("Target")
    String chart_target();

    @Message("GMV growth")
    String chart_growth();

    @Message("Leaps")
    String chart_leaps();

    @Message("GMV (CNY)")
    String chart_gmv();

    @Message("Ad spend")
    String chart_ad();

    @Message("Plan")
    String chart_plan();

    @Message("Actual")
    String chart_actual();

    @Message("ROI")
    String chart_roi();

}
