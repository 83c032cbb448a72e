package com.livecommerce.session.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rocksdb.WriteBatch;

/**
 * The partial store's own pieces: its serialized write batches are RocksDB's, the applied offset and the members survive
 * a reopen (flushed, no WAL), a closed session's members are gone, the recent keys and the filters never answer wrongly.
 */
class PartialStoreTest {

    @Test
    void batchesAreWrittenInRocksDbsOwnFormat() throws Exception {
        org.rocksdb.RocksDB.loadLibrary();
        Random r = new Random(1);
        PartialStore.Batch mine = new PartialStore.Batch();
        try (WriteBatch theirs = new WriteBatch()) {
            for (int i = 0; i < 3_000; i++) {
                byte[] key = new byte[1 + r.nextInt(300)];
                byte[] value = new byte[r.nextInt(200)];
                r.nextBytes(key);
                r.nextBytes(value);
                mine.put(key, value);
                theirs.put(key, value);
            }
            assertArrayEquals(theirs.data(), mine.serialized());
        }
    }

    @Test
    void theStateSurvivesAReopenAndAClosedSessionIsGone() throws Exception {
        Path dir = Files.createTempDirectory("partial-store-");
        UUID a = UUID.randomUUID(), b = UUID.randomUUID();
        byte[] va, vb;
        try {
            try (PartialStore store = PartialStore.open(dir, Map.of())) {
                assertEquals(-1, store.applied());
                PartialStore.Batch batch = new PartialStore.Batch();
                int oa = store.ordinal(a, batch), ob = store.ordinal(b, batch);
                assertTrue(oa != ob && oa >= PartialStore.FIRST_ORDINAL && ob >= PartialStore.FIRST_ORDINAL);
                va = PartialStore.memberKey(oa, PartialStore.VIEWER, "v-1".getBytes(), 0, 3);
                vb = PartialStore.memberKey(ob, PartialStore.VIEWER, "v-1".getBytes(), 0, 3);
                batch.put(va, new byte[] {1});
                batch.put(vb, new byte[] {1});
                store.commit(batch, 41);
            }
            try (PartialStore store = PartialStore.open(dir, Map.of())) {
                assertEquals(41, store.applied(), "the applied offset went with the changes");
                PartialStore.Batch batch = new PartialStore.Batch();
                assertEquals(PartialStore.memberKey(store.ordinal(a, batch), PartialStore.VIEWER, "v-1".getBytes(), 0, 3)[3], va[3],
                        "a session keeps its ordinal");
                assertTrue(store.filter(a).mightContain(va), "filters are rebuilt from the keys");
                assertEquals(2, store.multiGet(List.of(va, vb)).stream().filter(v -> v != null).count());
                UUID c = UUID.randomUUID();
                assertTrue(store.ordinal(c, new PartialStore.Batch()) > store.ordinal(b, batch), "a new session, a new ordinal");
                PartialStore.Batch close = new PartialStore.Batch();
                close.close(a);
                store.commit(close, 42);
                assertTrue(store.closed(a));
                assertFalse(store.closed(b));
                assertNull(store.get(va), "a closed session's members are deleted");
                assertArrayEquals(new byte[] {1}, store.get(vb));
            }
            try (PartialStore store = PartialStore.open(dir, Map.of())) {
                assertTrue(store.closed(a), "closed for good");
                assertEquals(PartialStore.CLOSED, store.ordinal(a, new PartialStore.Batch()));
                store.wipe();
                assertEquals(-1, store.applied());
                assertNull(store.get(vb));
                assertFalse(store.closed(a));
            }
        } finally {
            AggregationPropertyTest.deleteRecursively(dir);
        }
    }

    @Test
    void recentKeysAreExactAndBounded() {
        RecentKeys recent = new RecentKeys(1_000);
        byte[][] keys = new byte[5_000][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ("k-" + i).getBytes();
            recent.add(keys[i], i % 7); // the same hash for many keys: a hit must compare the bytes, never the hash alone
        }
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i >= 3_000, recent.contains(keys[i], i % 7), "key " + i + ": the last two generations of 1,000");
            assertFalse(recent.contains(("other-" + i).getBytes(), i % 7));
        }
    }

    @Test
    void recentKeysGrowFromASmallTableAndStayExact() {
        // the tables start at 1,024 slots and double while keys come (65,536 per generation: seven times), checked
        // after every growth step and across the generation swaps; the hashes are spread as the store's are
        RecentKeys recent = new RecentKeys(65_536);
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            recent.add(("viewer-" + i).getBytes(), mix(i));
            if (Integer.bitCount(i + 1) == 1) { // after 1, 2, 4, ... keys: every key added so far is still there
                for (int j = 0; j <= i; j++) {
                    assertTrue(recent.contains(("viewer-" + j).getBytes(), mix(j)), "key " + j + " of " + (i + 1));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i >= 2 * 65_536, recent.contains(("viewer-" + i).getBytes(), mix(i)), "key " + i);
            assertFalse(recent.contains(("other-" + i).getBytes(), mix(i)));
        }
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    @Test
    void aFilterNeverMissesAKeyItWasGivenEvenBeyondItsBudget() {
        long budget = SessionFilter.BUDGET.get();
        try {
            SessionFilter.BUDGET.set(64 * 1024);
            SessionFilter f = new SessionFilter();
            for (int i = 0; i < 200_000; i++) {
                f.add(("e-" + i).getBytes());
            }
            for (int i = 0; i < 200_000; i++) {
                assertTrue(f.mightContain(("e-" + i).getBytes()), "key " + i);
            }
            int falsePositives = 0;
            for (int i = 0; i < 10_000; i++) {
                falsePositives += f.mightContain(("x-" + i).getBytes()) ? 1 : 0;
            }
            assertTrue(falsePositives > 0, "over budget the filter answers maybe more often (" + falsePositives + ")");
            f.release();
        } finally {
            SessionFilter.BUDGET.set(budget);
        }
    }
}
