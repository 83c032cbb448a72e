package com.livecommerce.matching.retry;

import com.livecommerce.matching.Fixtures;
import com.livecommerce.testsupport.IdempotentCreates;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Safe retries (Idempotency-Key) of matching-service's creates: engagements (Hibernate transaction) and campaigns (the
 * campaign row written on the reactive pool, in the key's transaction; planned only after the first answer's commit).
 */
@QuarkusTest
class SafeRetriesTest {

    @Inject
    Pool pool;

    private long count(String sql, String id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    private long events(String id) {
        return count("select count(*) from outbox_event where event_key = $1", id);
    }

    @Test
    void engagements() {
        UUID provider = Fixtures.provider(10);
        UUID[] merchants = {Fixtures.merchant(), Fixtures.merchant(), Fixtures.merchant()};
        IdempotentCreates.check(Tokens.admin(), "/engagements", n -> """
                {"merchantId": "%s", "providerId": "%s", "needs": ["LIVE_OPERATIONS"], "term": 3,
                 "kpiCommitment": {"gmvTarget": 900000}, "commissionBps": 800}""".formatted(merchants[n], provider),
                id -> count("select count(*) from engagement where id = $1::uuid", id), this::events);
    }

    @Test
    void campaigns() {
        UUID[] cohorts = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        IdempotentCreates.check(Tokens.admin(), "/campaigns", n -> "{\"merchantIds\": [\"" + cohorts[n] + "\"]}",
                id -> count("select count(*) from campaign where id = $1::uuid", id), id -> 0L);
    }
}
