package com.livecommerce.plumbing.time;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The one clock of a service, always in UTC: "now" and "today" never depend on the JVM's zone
 * (a pod in Asia/Shanghai and one in UTC agree on which day it is). Inject it instead of calling
 * {@code LocalDate.now()}; tests replace it with {@code QuarkusMock.installMockForType(UtcClock.fixed(...), UtcClock.class)}.
 */
@ApplicationScoped
public class UtcClock {

    private final Clock clock;

    public UtcClock() {
        this(Clock.systemUTC());
    }

    public UtcClock(Clock clock) {
        this.clock = clock.withZone(ZoneOffset.UTC);
    }

    /** A clock standing still at {@code instant} (tests). */
    public static UtcClock fixed(Instant instant) {
        return new UtcClock(Clock.fixed(instant, ZoneOffset.UTC));
    }

    public Clock clock() {
        return clock;
    }

    public Instant instant() {
        return clock.instant();
    }

    /** Now, with offset Z. */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** Today's date in UTC. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
