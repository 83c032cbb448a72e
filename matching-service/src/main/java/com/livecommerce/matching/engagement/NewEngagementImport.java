package com.livecommerce.matching.engagement;

import com.livecommerce.matching.readmodel.Need;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /engagements/imports}: an engagement that already happened, before the platform used this suite,
 * as the source system (a CRM, a spreadsheet of contracts) recorded it: the contract's terms, the days it was served,
 * and the merchant's rating. The outcome is not taken from the body: it is measured from the merchant's ledger for
 * the served days, as at a live completion; {@code reportedOutcome}, when given, is what the source system recorded,
 * checked against that measurement (a difference refuses the import) and kept in the audit.
 */
@Schema(name = "NewEngagementImport", requiredProperties = {"sourceReference", "merchantId", "providerId", "needs", "commissionBps",
        "servedFrom", "servedTo", "rating"}, example = """
        {"sourceReference": "legacy-crm:contract-2021-0042", "merchantId": "5b0c2a57-6a0e-4d53-9a77-2f8b6f1f7c10",
         "providerId": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", "needs": ["LIVE_OPERATIONS", "AD_OPTIMIZATION"], "term": 4,
         "kpiCommitment": {"gmvTarget": 1500000.00}, "commissionBps": 800, "servedFrom": "2021-08-01", "servedTo": "2021-11-30",
         "rating": {"results": 5, "communication": 4, "professionalism": 5}, "reportedOutcome": {"gmvDuring": 1598000.00}}""")
public record NewEngagementImport(
        @Schema(description = "The engagement's reference in the source system: unique; sending the same import again creates"
                + " nothing (200 with the first import), another import under a reference already used is a 409",
                maxLength = 200, pattern = REFERENCE)
        @NotBlank @Size(max = 200) @Pattern(regexp = REFERENCE, message = "letters, digits and . _ : - only, starting with a letter or digit")
        String sourceReference,
        @NotNull UUID merchantId,
        @NotNull UUID providerId,
        @Schema(description = "The scope: what the provider did") @NotEmpty Set<@NotNull Need> needs,
        @Schema(description = "Months; at least matching.engagement.min-term-months (3 by default); default: that minimum",
                nullable = true, minimum = "1", maximum = "120") @Min(1) @Max(120) Integer term,
        @Schema(nullable = true) @Valid KpiCommitment kpiCommitment,
        @Schema(description = "The provider's commission in basis points of the merchant's GMV", minimum = "0", maximum = "10000")
        @NotNull @Min(0) @Max(10000) Integer commissionBps,
        @Schema(description = "First day the provider served the merchant (UTC): the engagement's activation day") @NotNull LocalDate servedFrom,
        @Schema(description = "Last day served (UTC), before today: the engagement's completion day") @NotNull LocalDate servedTo,
        @Schema(description = "The merchant's rating at the end") @NotNull @Valid Rating rating,
        @Schema(nullable = true, description = "What the source system recorded as the outcome; each figure given must equal the one"
                + " measured from the ledger") @Valid ReportedOutcome reportedOutcome) {

    static final String REFERENCE = "^[A-Za-z0-9][A-Za-z0-9._:-]*$";

    /**
     * The import in a canonical form (needs in declaration order, the term's default applied, money without trailing
     * zeros): two bodies that mean the same engagement give the same text.
     */
    String fingerprint(int defaultTerm) {
        return String.join("|", sourceReference, merchantId.toString(), providerId.toString(),
                EnumSet.copyOf(needs).toString(), Integer.toString(term == null ? defaultTerm : term),
                kpiCommitment == null ? "-" : plain(kpiCommitment.gmvTarget()), commissionBps.toString(), servedFrom.toString(),
                servedTo.toString(), rating.results() + "/" + rating.communication() + "/" + rating.professionalism(),
                reportedOutcome == null ? "-" : plain(reportedOutcome.gmvBefore()) + "/" + plain(reportedOutcome.gmvDuring()) + "/"
                        + reportedOutcome.leap());
    }

    private static String plain(BigDecimal money) {
        return money == null ? "-" : money.stripTrailingZeros().toPlainString();
    }
}
