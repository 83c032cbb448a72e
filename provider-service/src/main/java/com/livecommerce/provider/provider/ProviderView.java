package com.livecommerce.provider.provider;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A provider on the wire, and the data of every provider-events event about it. */
@Schema(name = "Provider", requiredProperties = {"id", "name", "type", "categories", "regions", "capabilities", "capacity",
        "declaredServedGmv", "status", "admission", "suspended", "suspensionProposed", "tier", "badge", "servedGmv12m",
        "merchantsLeapt", "version", "createdAt", "updatedAt"})
public record ProviderView(UUID id, String name, ProviderType type, List<String> categories, List<String> regions,
        @Schema(type = SchemaType.ARRAY, implementation = Capability.class) List<String> capabilities, int capacity, BigDecimal declaredServedGmv, ProviderStatus status,
        AdmissionStatus admission, boolean suspended, boolean suspensionProposed, Tier tier, Badge badge,
        BigDecimal servedGmv12m, int merchantsLeapt, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static ProviderView of(Provider p) {
        return new ProviderView(p.id, p.name, p.type, CodeList.split(p.categories), CodeList.split(p.regions),
                CodeList.split(p.capabilities), p.capacity, p.declaredServedGmv, p.status(), p.admission, p.suspended,
                p.suspensionProposed, p.tier, p.badge, p.servedGmv12m, p.merchantsLeapt, p.version, p.createdAt, p.updatedAt);
    }
}
