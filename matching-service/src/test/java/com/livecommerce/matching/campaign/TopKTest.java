package com.livecommerce.matching.campaign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TopK against a full sort of everything offered: the same k entries, in the same order, ties by provider index. */
class TopKTest {

    record Entry(long key, int provider, long score) {
    }

    @Test
    void keepsTheKSmallestSortedByKeyThenProviderLikeAFullSort() {
        Random random = new Random(18);
        for (int round = 0; round < 2_000; round++) {
            int k = 1 + random.nextInt(6);
            int offers = random.nextInt(40);
            TopK top = new TopK(k);
            List<Entry> all = new ArrayList<>();
            // few distinct keys, so that ties are common; each provider offered once, in random order
            List<Integer> providers = new ArrayList<>();
            for (int p = 0; p < offers; p++) {
                providers.add(p);
            }
            Collections.shuffle(providers, random);
            for (int p : providers) {
                Entry e = new Entry(random.nextInt(5) - 2, p, random.nextLong());
                all.add(e);
                top.offer(e.key(), e.provider(), e.score());
            }
            List<Entry> expected = all.stream().sorted(Comparator.comparingLong(Entry::key).thenComparingInt(Entry::provider))
                    .limit(k).toList();
            assertEquals(expected.size(), top.size, "round " + round);
            assertArrayEquals(expected.stream().mapToLong(Entry::key).toArray(), Arrays.copyOf(top.key, top.size), "round " + round);
            assertArrayEquals(expected.stream().mapToInt(Entry::provider).toArray(), Arrays.copyOf(top.provider, top.size),
                    "round " + round);
            assertArrayEquals(expected.stream().mapToLong(Entry::score).toArray(), Arrays.copyOf(top.score, top.size),
                    "round " + round + ": each score stays with its provider");
        }
    }

    @Test
    void fullAdmitsOnlyWhatSortsBeforeTheLastKept() {
        TopK top = new TopK(2);
        top.offer(5, 7, 50);
        assertFalse(top.full());
        top.offer(3, 9, 30);
        assertTrue(top.full());
        assertEquals(5, top.worstKey());
        assertFalse(top.admits(6, 0), "a larger key");
        assertFalse(top.admits(5, 8), "an equal key of a higher provider index");
        assertTrue(top.admits(5, 6), "an equal key of a lower provider index");
        top.offer(5, 6, 60);
        assertArrayEquals(new int[] {9, 6}, top.provider);
        top.clear();
        assertEquals(0, top.size);
        assertTrue(top.admits(Long.MAX_VALUE, Integer.MAX_VALUE));
    }
}
