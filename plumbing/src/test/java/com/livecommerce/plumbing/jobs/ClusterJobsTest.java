package com.livecommerce.plumbing.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A scheduled job runs once per period across replicas; a failed or abandoned run is taken over. */
@QuarkusTest
class ClusterJobsTest {

    @Inject
    ClusterJobs jobs;

    @Inject
    Pool pool;

    /** Another replica: its own identity, the same database. */
    private ClusterJobs otherReplica() {
        ClusterJobs other = new ClusterJobs();
        other.pool = ((ClusterJobs) ClientProxy.unwrap(jobs)).pool;
        return other;
    }

    private static Uni<Void> count(AtomicInteger runs) {
        return Uni.createFrom().item(runs::incrementAndGet).replaceWithVoid();
    }

    @Test
    void twoReplicasRunAPeriodOnce() {
        String job = "job-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        ClusterJobs other = otherReplica();
        assertTrue(jobs.runOnce(job, "2026-11-27", Duration.ofMinutes(5), () -> count(runs)).await().indefinitely());
        assertFalse(other.runOnce(job, "2026-11-27", Duration.ofMinutes(5), () -> count(runs)).await().indefinitely());
        assertFalse(jobs.runOnce(job, "2026-11-27", Duration.ofMinutes(5), () -> count(runs)).await().indefinitely());
        assertEquals(1, runs.get());
        assertTrue(other.runOnce(job, "2026-11-28", Duration.ofMinutes(5), () -> count(runs)).await().indefinitely(),
                "the next period runs again");
        assertEquals(2, runs.get());
    }

    @Test
    void aRenewedClaimOutlivesItsLeaseWhileTheWorkRuns() {
        String job = "job-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean otherTookOver = new AtomicBoolean();
        ClusterJobs other = otherReplica();
        // the work outlasts its 3 s lease; at 5 s the other replica tries: without renewals it would take over
        boolean ran = jobs.runRenewing(job, "p", Duration.ofSeconds(3), () -> Uni.createFrom().voidItem().onItem().delayIt()
                .by(Duration.ofSeconds(5))
                .chain(() -> other.runOnce(job, "p", Duration.ofSeconds(3), () -> count(runs)))
                .invoke(otherTookOver::set)).await().atMost(Duration.ofSeconds(30));
        assertTrue(ran);
        assertFalse(otherTookOver.get(), "a renewed claim is not taken over");
        assertEquals(0, runs.get());
        assertFalse(other.runOnce(job, "p", Duration.ofSeconds(3), () -> count(runs)).await().indefinitely(), "done: never again");
    }

    @Test
    void whileOneReplicaRunsTheOtherSkips() {
        String job = "job-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        ClusterJobs other = otherReplica();
        boolean ran = jobs.runOnce(job, "p", Duration.ofMinutes(5), () -> other
                .runOnce(job, "p", Duration.ofMinutes(5), () -> count(runs))
                .invoke(inner -> assertFalse(inner, "claimed by the first replica, which is still running"))
                .chain(() -> count(runs))).await().indefinitely();
        assertTrue(ran);
        assertEquals(1, runs.get());
    }

    @Test
    void aFailedRunGivesItsClaimBack() {
        String job = "job-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> jobs.runOnce(job, "p", Duration.ofMinutes(5),
                () -> Uni.createFrom().failure(new IllegalStateException("boom"))).await().indefinitely());
        assertTrue(otherReplica().runOnce(job, "p", Duration.ofMinutes(5), () -> count(runs)).await().indefinitely());
        assertEquals(1, runs.get());
    }

    @Test
    void aDeadRunnersLeaseExpiresAndAnotherReplicaTakesOver() {
        String job = "job-" + UUID.randomUUID();
        AtomicInteger runs = new AtomicInteger();
        // a replica claimed the period and died: its row has no done_at, its lease ran out
        pool.preparedQuery("insert into job_run (job, period, claimed_by, claimed_at, lease_until)"
                + " values ($1, 'p', 'dead-pod', now() - interval '2 hours', now() - interval '1 hour')")
                .execute(Tuple.of(job)).await().indefinitely();
        assertTrue(jobs.runOnce(job, "p", Duration.ofMinutes(5), () -> count(runs)).await().indefinitely());
        assertEquals(1, runs.get());
        // a live lease is respected
        String live = "job-" + UUID.randomUUID();
        pool.preparedQuery("insert into job_run (job, period, claimed_by, claimed_at, lease_until)"
                + " values ($1, 'p', 'busy-pod', now(), now() + interval '1 hour')")
                .execute(Tuple.of(live)).await().indefinitely();
        assertFalse(jobs.runOnce(live, "p", Duration.ofMinutes(5), () -> count(runs)).await().indefinitely());
        assertEquals(1, runs.get());
    }
}
