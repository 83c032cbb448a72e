package com.livecommerce.matching.engagement;

import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.security.Roles;
import com.livecommerce.plumbing.security.TenantGuard;
import java.util.Optional;
import java.util.UUID;

/**
 * Who calls, as far as engagements care: platform-admin (everything), viewer (reads everything), or one side of
 * an engagement: the merchant of its {@code merchant_id} claim, the provider of its {@code provider_id} claim.
 */
public record Caller(boolean admin, boolean viewer, UUID merchantId, UUID providerId) {

    public static Caller of(TenantGuard tenants) {
        UUID merchant = tenants.hasAnyRole(Roles.MERCHANT) ? uuid(tenants.claim(Roles.MERCHANT_ID_CLAIM)) : null;
        UUID provider = tenants.hasAnyRole(Roles.PROVIDER) ? uuid(tenants.claim(Roles.PROVIDER_ID_CLAIM)) : null;
        return new Caller(tenants.hasAnyRole(Roles.PLATFORM_ADMIN), tenants.hasAnyRole(Roles.VIEWER), merchant, provider);
    }

    private static UUID uuid(Optional<String> claim) {
        try {
            return claim.map(UUID::fromString).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public boolean isMerchant(UUID merchant) {
        return merchantId != null && merchantId.equals(merchant);
    }

    public boolean isProvider(UUID provider) {
        return providerId != null && providerId.equals(provider);
    }

    /** Passes for platform-admin or the merchant of the engagement; else 403. */
    public void requireMerchantSide(Engagement e, String action) {
        if (!admin && !isMerchant(e.merchantId)) {
            throw ProblemException.forbidden("only the engagement's merchant (or platform-admin) may " + action + " it");
        }
    }

    /** Passes for platform-admin or the provider of the engagement; else 403. */
    public void requireProviderSide(Engagement e, String action) {
        if (!admin && !isProvider(e.providerId)) {
            throw ProblemException.forbidden("only the engagement's provider (or platform-admin) may " + action + " it");
        }
    }

    /** Passes for platform-admin or either side; else 403. */
    public void requireParty(Engagement e, String action) {
        if (!admin && !isMerchant(e.merchantId) && !isProvider(e.providerId)) {
            throw ProblemException.forbidden("only the engagement's merchant or provider (or platform-admin) may " + action + " it");
        }
    }

    /** Passes for platform-admin, viewer or either side; else 403. */
    public void requireReader(Engagement e) {
        if (!admin && !viewer && !isMerchant(e.merchantId) && !isProvider(e.providerId)) {
            throw ProblemException.forbidden("this engagement belongs to another merchant and provider");
        }
    }

    /** Who proposed, for the record. */
    public String who() {
        return admin ? "platform-admin" : merchantId != null ? "merchant:" + merchantId : providerId != null ? "provider:" + providerId : "unknown";
    }
}
