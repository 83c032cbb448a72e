package com.livecommerce.matching.engagement;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An import on the wire: the audit (who, when, from which source reference) and the engagement it recorded. */
@Schema(name = "EngagementImport", requiredProperties = {"sourceReference", "importedBy", "importedAt", "servedFrom", "servedTo",
        "engagement"})
public record EngagementImportView(
        String sourceReference,
        @Schema(description = "the user who imported it (the token's principal name)") String importedBy,
        OffsetDateTime importedAt,
        LocalDate servedFrom,
        LocalDate servedTo,
        @Schema(nullable = true, description = "what the source system reported (it agreed with the measured outcome)") ReportedOutcome reportedOutcome,
        @Schema(description = "the engagement as recorded: COMPLETED, with the outcome measured from the ledger") EngagementView engagement) {

    static EngagementImportView of(EngagementImport i, Engagement e) {
        ReportedOutcome reported = i.reportedGmvBefore == null && i.reportedGmvDuring == null && i.reportedLeap == null ? null
                : new ReportedOutcome(i.reportedGmvBefore, i.reportedGmvDuring, i.reportedLeap);
        return new EngagementImportView(i.sourceReference, i.importedBy, i.importedAt, i.servedFrom, i.servedTo, reported,
                EngagementView.of(e));
    }
}
