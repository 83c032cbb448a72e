package com.livecommerce.plumbing.security;

import com.livecommerce.plumbing.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tenant checks on top of {@code @RolesAllowed}: a merchant (provider) may only touch the data
 * of the merchant (provider) named in its token's {@code merchant_id} ({@code provider_id}) claim.
 * Roles with platform-wide access are passed explicitly at each call, so every endpoint says
 * who besides the tenant itself may come in.
 */
@ApplicationScoped
public class TenantGuard {

    @Inject
    SecurityIdentity identity;

    @Inject
    AccessGrants grants;

    /** Passes for any of {@code platformRoles}, or for role merchant with {@code merchant_id} = {@code merchantId}; else 403. */
    public void requireMerchant(Object merchantId, String... platformRoles) {
        require(Roles.MERCHANT, Roles.MERCHANT_ID_CLAIM, merchantId, platformRoles);
    }

    /** Passes for any of {@code platformRoles}, or for role provider with {@code provider_id} = {@code providerId}; else 403. */
    public void requireProvider(Object providerId, String... platformRoles) {
        require(Roles.PROVIDER, Roles.PROVIDER_ID_CLAIM, providerId, platformRoles);
    }

    /**
     * The tenant a caller acts as when it holds none of the platform-wide roles: a merchant (its
     * {@code merchant_id}), a provider (its {@code provider_id}) or an operator (its {@code provider_id}
     * and {@code operator_id}). Ids are the claims' text; a role without its claims has no tenant.
     */
    public record Participant(String role, String merchantId, String providerId, String operatorId) {

        /** True when this participant takes part in something run by {@code merchantId}, {@code providerId}, {@code operatorId}. */
        public boolean takesPartIn(Object merchantId, Object providerId, Object operatorId) {
            return switch (role) {
                case Roles.MERCHANT -> same(this.merchantId, merchantId);
                case Roles.PROVIDER -> same(this.providerId, providerId);
                case Roles.OPERATOR -> same(this.providerId, providerId) && same(this.operatorId, operatorId);
                default -> false;
            };
        }

        private static boolean same(String claim, Object id) {
            return claim != null && id != null && claim.equalsIgnoreCase(id.toString());
        }
    }

    /**
     * Who the caller is among the participants of something that a merchant, a provider and an operator
     * share (a live session): empty for any of {@code platformRoles} (they see everything); else the
     * merchant, provider or operator it acts as, taken from its claims (in that order of roles). A caller
     * with none of these roles, or without the claims of its role, gets 403.
     */
    public Optional<Participant> participant(String... platformRoles) {
        if (hasAnyRole(platformRoles)) {
            return Optional.empty();
        }
        if (identity.hasRole(Roles.MERCHANT)) {
            Optional<String> merchant = claim(Roles.MERCHANT_ID_CLAIM);
            if (merchant.isPresent()) {
                return Optional.of(new Participant(Roles.MERCHANT, merchant.get(), null, null));
            }
        }
        if (identity.hasRole(Roles.PROVIDER)) {
            Optional<String> provider = claim(Roles.PROVIDER_ID_CLAIM);
            if (provider.isPresent()) {
                return Optional.of(new Participant(Roles.PROVIDER, null, provider.get(), null));
            }
        }
        if (identity.hasRole(Roles.OPERATOR)) {
            Optional<String> provider = claim(Roles.PROVIDER_ID_CLAIM);
            Optional<String> operator = claim(Roles.OPERATOR_ID_CLAIM);
            if (provider.isPresent() && operator.isPresent()) {
                return Optional.of(new Participant(Roles.OPERATOR, null, provider.get(), operator.get()));
            }
        }
        throw ProblemException.forbidden("this data belongs to its merchant, provider and operator, or needs another role");
    }

    /**
     * Passes for any of {@code platformRoles}; for the merchant {@code merchantId}; for the provider
     * {@code providerId}; for the operator {@code operatorId} of provider {@code providerId}; else 403.
     * For data several tenants share (a session run by a provider's operator for a merchant).
     */
    public void requireParticipant(Object merchantId, Object providerId, Object operatorId, String... platformRoles) {
        Optional<Participant> caller = participant(platformRoles);
        if (caller.isPresent() && !caller.get().takesPartIn(merchantId, providerId, operatorId)) {
            throw ProblemException.forbidden("this data belongs to another merchant, provider or operator");
        }
    }

    /**
     * Reading a merchant's data: passes for any of {@code platformRoles}, for role merchant with {@code merchant_id} =
     * {@code merchantId}, or for role provider with a {@code provider_id} that has an ACTIVE engagement with the
     * merchant ({@link AccessGrants}); else a 403. The one rule of the suite for providers reading merchants' data.
     */
    public Uni<Void> requireMerchantOrEngagedProvider(Object merchantId, String... platformRoles) {
        if (hasAnyRole(platformRoles) || merchantId != null && identity.hasRole(Roles.MERCHANT)
                && claim(Roles.MERCHANT_ID_CLAIM).map(v -> v.equalsIgnoreCase(merchantId.toString())).orElse(false)) {
            return Uni.createFrom().voidItem();
        }
        Optional<Participant> provider = identity.hasRole(Roles.PROVIDER)
                ? claim(Roles.PROVIDER_ID_CLAIM).map(p -> new Participant(Roles.PROVIDER, null, p, null)) : Optional.empty();
        if (provider.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.forbidden("this merchant data belongs to another tenant or needs another role"));
        }
        return requireEngaged(provider, merchantId);
    }

    /**
     * Reading something a merchant, a provider and an operator share (a live session of {@code merchantId}), for a
     * caller resolved by {@link #participant}: passes for a platform-wide caller (empty), for a participant that takes
     * part in it, and for a provider with an ACTIVE engagement with {@code merchantId} (the merchant's data, the rule
     * of {@link #requireMerchantOrEngagedProvider}); else a 403.
     */
    public Uni<Void> requireParticipantOrEngagedProvider(Optional<Participant> caller, Object merchantId, Object providerId, Object operatorId) {
        if (caller.isEmpty() || caller.get().takesPartIn(merchantId, providerId, operatorId)) {
            return Uni.createFrom().voidItem();
        }
        return requireEngaged(caller, merchantId);
    }

    /** True when {@code caller} is a provider with an ACTIVE engagement with {@code merchantId} (false for anyone else). */
    public Uni<Boolean> engagedProvider(Optional<Participant> caller, Object merchantId) {
        Optional<UUID> provider = caller.filter(p -> Roles.PROVIDER.equals(p.role())).flatMap(p -> uuid(p.providerId()));
        Optional<UUID> merchant = merchantId == null ? Optional.empty() : uuid(merchantId.toString());
        if (provider.isEmpty() || merchant.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return grants.active(merchant.get(), provider.get());
    }

    private Uni<Void> requireEngaged(Optional<Participant> caller, Object merchantId) {
        boolean provider = caller.map(p -> Roles.PROVIDER.equals(p.role())).orElse(false);
        return engagedProvider(caller, merchantId).chain(granted -> granted ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.forbidden(provider
                        ? "a provider may read a merchant's data only while an engagement between them is ACTIVE"
                        : "this data belongs to another merchant, provider or operator")));
    }

    private static Optional<UUID> uuid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True when the caller has one of the roles. */
    public boolean hasAnyRole(String... roles) {
        for (String role : roles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** A claim of the caller's token, if present. */
    public Optional<String> claim(String name) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(name);
            if (value != null) {
                String text = value.toString();
                if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
                    text = text.substring(1, text.length() - 1); // JsonString.toString() keeps the quotes
                }
                return Optional.of(text);
            }
        }
        Object attribute = identity.getAttribute(name);
        return attribute == null ? Optional.empty() : Optional.of(attribute.toString());
    }

    private void require(String tenantRole, String claim, Object tenantId, String... platformRoles) {
        if (hasAnyRole(platformRoles)) {
            return;
        }
        if (identity.hasRole(tenantRole) && tenantId != null
                && claim(claim).map(v -> v.equalsIgnoreCase(tenantId.toString())).orElse(false)) {
            return;
        }
        throw ProblemException.forbidden("this " + tenantRole + " data belongs to another tenant or needs another role");
    }
}
