package com.livecommerce.matching.campaign;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /campaigns}: a cohort by rule (with its two periods) or a list of merchants, and the terms to propose. */
@Schema(name = "NewCampaign", example = """
        {"cohort": "STALLED", "earlier": "2021H1", "later": "2021H2", "term": 6, "commissionBps": 800}""")
public record NewCampaign(
        @Schema(nullable = true, description = "all merchants stalled between `earlier` and `later`; or give `merchantIds`") CampaignCohort cohort,
        @Schema(nullable = true, pattern = "^\\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$", example = "2021H1") String earlier,
        @Schema(nullable = true, pattern = "^\\d{4}(H[12]|Q[1-4]|-(0[1-9]|1[0-2]))?$", example = "2021H2") String later,
        @Schema(nullable = true, description = "the cohort as a list (at most 20,000; larger cohorts by rule)")
        @Size(min = 1, max = 20_000) List<@NotNull UUID> merchantIds,
        @Schema(nullable = true, description = "months of the proposed engagements (default: the minimum term)") @Min(1) @Max(120) Integer term,
        @Schema(nullable = true, description = "commission of the proposed engagements (default: matching.campaign.default-commission-bps)")
        @Min(0) @Max(10000) Integer commissionBps) {
}
