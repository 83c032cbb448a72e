package com.livecommerce.session.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The merge stage on its own: sub-keys' increments add up, the peak is of the sum of every sub-key's viewers (not the sum
 * of their peaks), the session closes when its last sub-key does, and nothing changes it after that.
 */
class MergeStageTest {

    static PartialDelta delta(UUID s, int subKey, int subKeys) {
        return new PartialDelta(s, subKey, subKeys, 1_637_838_000_000L, 60);
    }

    @Test
    void subKeysAddUpAndThePeakIsOfTheirSum() throws Exception {
        Path dir = Files.createTempDirectory("merge-");
        UUID s = UUID.randomUUID();
        try (RocksMergeStore store = new RocksMergeStore(dir)) {
            MergeStage merge = new MergeStage(store);
            long t = 1_637_838_000L;
            // sub-key 0: 2 viewers from second 10 to 20; sub-key 1: 3 viewers from second 15 to 30 (the sum peaks at 5 in 15-19)
            PartialDelta a = delta(s, 0, 2);
            a.uv = 2;
            a.enters = 2;
            a.second(t + 10, 2);
            a.second(t + 20, -2);
            a.events = 4;
            a.gmvFen = 10_000;
            a.product("p-1", 10_000);
            PartialDelta b = delta(s, 1, 2);
            b.uv = 3;
            b.enters = 3;
            b.second(t + 15, 3);
            b.second(t + 90, -3); // in the next minute's block
            b.events = 6;
            b.duplicates = 2;
            assertFalse(merge.apply(a));
            assertFalse(merge.apply(b));
            assertEquals(List.of(s), merge.pending());
            KpiSnapshot k = merge.publish(s, 42);
            assertEquals(5, k.uv());
            assertEquals(5, k.peakConcurrent(), "the peak of the sum, not 2 + 3 at different times or 3 alone");
            assertEquals(10, k.events());
            assertEquals(2, k.duplicates());
            assertEquals(Map.of("p-1", 10_000L), k.productsFen());
            assertFalse(k.closed());
            assertEquals(List.of(), merge.pending());

            PartialDelta closeA = delta(s, 0, 2);
            closeA.closed = true;
            assertFalse(merge.apply(closeA), "one of two sub-keys closed");
            PartialDelta closeB = delta(s, 1, 2);
            closeB.closed = true;
            assertTrue(merge.apply(closeB), "the last sub-key closes the session");
            KpiSnapshot last = merge.publish(s, 43);
            assertTrue(last.closed());
            assertEquals(5, last.peakConcurrent());
            assertEquals(Map.of("p-1", 10_000L), last.productsFen());
            PartialDelta stray = delta(s, 1, 2);
            stray.uv = 100;
            assertFalse(merge.apply(stray), "after the close nothing counts");
            assertEquals(5, MergedSession.fromBytes(store.get(PartialStore.key(s, MergeStage.AGGREGATE, null, 0, 0))).uv);
        } finally {
            AggregationPropertyTest.deleteRecursively(dir);
        }
    }

    @Test
    void deltasSurviveTheirWireFormat() {
        UUID s = UUID.randomUUID();
        PartialDelta d = delta(s, 2, 4);
        d.events = 7;
        d.uv = 3;
        d.gmvByChannelFen[1] = 500;
        d.spendByChannelFen[0] = 9;
        d.enterSumMs = -5;
        d.maxEventMs = 123;
        d.closed = true;
        d.second(-1, -2);
        d.second(77, 5);
        d.product("羽绒服", 89_900);
        PartialDelta back = PartialDelta.decode(d.encode());
        assertEquals(s, back.session);
        assertEquals(2, back.subKey);
        assertEquals(4, back.subKeys);
        assertEquals(7, back.events);
        assertEquals(3, back.uv);
        assertEquals(500, back.gmvByChannelFen[1]);
        assertEquals(9, back.spendByChannelFen[0]);
        assertEquals(-5, back.enterSumMs);
        assertEquals(123, back.maxEventMs);
        assertTrue(back.closed);
        assertEquals(-2, back.seconds.get(-1L)[0]);
        assertEquals(5, back.seconds.get(77L)[0]);
        assertEquals(Map.of("羽绒服", 89_900L), back.productsFen);
    }
}
