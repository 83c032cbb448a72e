package com.livecommerce.merchant.retry;

import com.livecommerce.merchant.Fixtures;
import com.livecommerce.testsupport.IdempotentCreates;
import com.livecommerce.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Safe retries (Idempotency-Key) of merchant-service's creates: merchants and service requests. */
@QuarkusTest
class SafeRetriesTest {

    @Inject
    Pool pool;

    private long count(String sql, String id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    private long events(String id) {
        return count("select count(*) from outbox_event where event_key = $1 or payload::text like '%' || $1 || '%'", id);
    }

    @Test
    void merchants() {
        String tag = UUID.randomUUID().toString();
        IdempotentCreates.check(Tokens.admin(), "/merchants", n -> """
                {"name": "Retry %s-%d", "kind": "BRAND", "category": "apparel", "region": "Hangzhou", "followers": 1, "trustRights": false}"""
                .formatted(tag, n), id -> count("select count(*) from merchant where id = $1::uuid", id), this::events);
    }

    @Test
    void serviceRequests() {
        UUID merchant = Fixtures.merchant("Retries Its Requests");
        IdempotentCreates.check(Tokens.merchant(merchant), "/merchants/" + merchant + "/service-requests", n -> """
                {"needs": ["AD_OPTIMIZATION"], "monthlyBudget": "300000.00", "gmvTarget": 2300000, "notes": "retry %d"}"""
                .formatted(n), id -> count("select count(*) from service_request where id = $1::uuid", id), this::events);
    }
}
