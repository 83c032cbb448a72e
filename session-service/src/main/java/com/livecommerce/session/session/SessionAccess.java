package com.livecommerce.session.session;

import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.security.TenantGuard;
import com.livecommerce.plumbing.security.TenantGuard.Participant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may see or run a session, through the plumbing's participant checks: the caller is resolved once,
 * at the start of the request (from its token), and each loaded session is checked against it.
 */
@RequestScoped
public class SessionAccess {

    @Inject
    TenantGuard tenants;

    /** The caller as the check sees it: empty for a platform-wide role, else the participant it acts as. */
    public record Caller(Optional<Participant> participant) {

        public LiveSession check(LiveSession s) {
            if (participant.isPresent() && !participant.get().takesPartIn(s.merchantId, s.providerId, s.operatorId)) {
                throw ProblemException.forbidden("session " + s.id + " belongs to another merchant, provider or operator");
            }
            return s;
        }

        /** The list filter narrowed to the caller's own sessions; a filter naming another tenant is a 403. */
        public SessionRepository.Filter narrow(SessionRepository.Filter f) {
            if (participant.isEmpty()) {
                return f;
            }
            Participant p = participant.get();
            UUID own;
            try {
                own = UUID.fromString(switch (p.role()) {
                    case "merchant" -> p.merchantId();
                    case "provider" -> p.providerId();
                    default -> p.operatorId();
                });
            } catch (IllegalArgumentException e) {
                throw ProblemException.forbidden("the token's tenant claim is not a session participant id");
            }
            return switch (p.role()) {
                case "merchant" -> new SessionRepository.Filter(same("merchantId", f.merchantId(), own), f.providerId(), f.operatorId(), f.status());
                case "provider" -> new SessionRepository.Filter(f.merchantId(), same("providerId", f.providerId(), own), f.operatorId(), f.status());
                default -> new SessionRepository.Filter(f.merchantId(),
                        same("providerId", f.providerId(), UUID.fromString(p.providerId())), same("operatorId", f.operatorId(), own), f.status());
            };
        }

        private static UUID same(String field, UUID asked, UUID own) {
            if (asked != null && !asked.equals(own)) {
                throw ProblemException.forbidden(field + " names another tenant's sessions");
            }
            return own;
        }
    }

    /** The caller; platform-admin and viewer (plus {@code morePlatformRoles}) see every session. */
    public Caller readers(String... morePlatformRoles) {
        return new Caller(tenants.participant(roles(new String[] {"platform-admin", "viewer"}, morePlatformRoles)));
    }

    /** The caller among those who run sessions; only platform-admin (plus {@code morePlatformRoles}) runs any session. */
    public Caller runners(String... morePlatformRoles) {
        return new Caller(tenants.participant(roles(new String[] {"platform-admin"}, morePlatformRoles)));
    }

    private static String[] roles(String[] base, String[] more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
