package com.livecommerce.session.session;

import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.security.TenantGuard;
import com.livecommerce.plumbing.security.TenantGuard.Participant;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may see or run a session, through the plumbing's participant checks: the caller is resolved once,
 * at the start of the request (from its token), and each loaded session is checked against it. Reading also
 * passes for a provider while an engagement with the session's merchant is ACTIVE (the suite's one rule for a
 * merchant's data, plumbing's AccessGrants); running a session needs a participant.
 */
@RequestScoped
public class SessionAccess {

    @Inject
    TenantGuard tenants;

    /** The caller as the check sees it: empty for a platform-wide role, else the participant it acts as. */
    public record Caller(Optional<Participant> participant, TenantGuard tenants) {

        /** For running a session: the caller is platform-wide or one of its participants; else 403. */
        public LiveSession check(LiveSession s) {
            if (participant.isPresent() && !participant.get().takesPartIn(s.merchantId, s.providerId, s.operatorId)) {
                throw ProblemException.forbidden("session " + s.id + " belongs to another merchant, provider or operator");
            }
            return s;
        }

        /** For reading a session: a participant, or a provider engaged (ACTIVE) with its merchant; else 403. */
        public Uni<LiveSession> checkRead(LiveSession s) {
            return tenants.requireParticipantOrEngagedProvider(participant, s.merchantId, s.providerId, s.operatorId).replaceWith(s);
        }

        /**
         * The list filter for reading: a provider that names a merchant it is engaged with (ACTIVE) sees all that
         * merchant's sessions; otherwise the filter is narrowed to the caller's own sessions ({@link #narrow}).
         */
        public Uni<SessionRepository.Filter> narrowRead(SessionRepository.Filter f) {
            if (f.merchantId() == null) {
                return Uni.createFrom().item(() -> narrow(f));
            }
            return tenants.engagedProvider(participant, f.merchantId()).map(engaged -> engaged ? f : narrow(f));
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
        return new Caller(tenants.participant(roles(new String[] {"platform-admin", "viewer"}, morePlatformRoles)), tenants);
    }

    /** The caller among those who run sessions; only platform-admin (plus {@code morePlatformRoles}) runs any session. */
    public Caller runners(String... morePlatformRoles) {
        return new Caller(tenants.participant(roles(new String[] {"platform-admin"}, morePlatformRoles)), tenants);
    }

    private static String[] roles(String[] base, String[] more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
