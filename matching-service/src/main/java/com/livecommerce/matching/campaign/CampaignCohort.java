package com.livecommerce.matching.campaign;

/** A campaign's cohort by rule: STALLED = merchants whose GMV in the later period is at most the earlier one's (active in either). */
public enum CampaignCohort {
    STALLED
}
