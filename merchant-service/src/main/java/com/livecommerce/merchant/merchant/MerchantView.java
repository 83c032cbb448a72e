package com.livecommerce.merchant.merchant;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A merchant on the wire (and the data of MerchantRegistered / MerchantUpdated events). */
@Schema(name = "Merchant", requiredProperties = {"id", "name", "kind", "category", "region", "followers", "trustRights",
        "stage", "version", "createdAt", "updatedAt"}, example = """
        {"id": "5b0c2a57-6a0e-4d53-9a77-2f8b6f1f7c10", "name": "Zhili Kidswear Factory", "kind": "INDUSTRIAL_BELT",
         "category": "kidswear", "region": "Zhili, Huzhou", "followers": 1000000, "trustRights": true,
         "repurchaseRate": 0.7000, "stage": "GROWING", "version": 3,
         "createdAt": "2021-07-01T08:00:00Z", "updatedAt": "2021-11-30T20:00:00Z"}""")
public record MerchantView(UUID id, String name, MerchantKind kind, String category, String region, long followers,
        boolean trustRights, @Schema(nullable = true) BigDecimal repurchaseRate, MerchantStage stage, long version,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static MerchantView of(Merchant m) {
        return new MerchantView(m.id, m.name, m.kind, m.category, m.region, m.followers, m.trustRights,
                m.repurchaseRate, m.stage, m.version, m.createdAt, m.updatedAt);
    }
}
