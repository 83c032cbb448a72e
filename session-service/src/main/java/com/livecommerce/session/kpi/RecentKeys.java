package com.livecommerce.session.kpi;

import java.util.Arrays;

/**
 * The member keys a partial store wrote last (viewers, reserving viewers), exactly: a lookup that finds a key here
 * knows it is in the store without asking RocksDB (a viewer leaving a few minutes after entering, the usual case). Two
 * generations of at most {@code capacity} keys each, in open-addressing tables over a byte arena (the keys themselves,
 * compared byte for byte: never a false hit); when the current one is full the older one is dropped. Bounded: about
 * {@code 2 * capacity * (key length + 16)} bytes per store. The tables start small and double as keys come (load at
 * most 1/2), so a store that sees few members costs a few KB instead of ~3 MB: six idle partitions allocated ~19 MB of
 * empty tables at every start before (session-service's RSS 264 MB against 240 MB).
 */
final class RecentKeys {

    private final int capacity;
    private Generation current;
    private Generation previous;

    RecentKeys(int capacity) {
        this.capacity = capacity;
        this.current = new Generation(capacity);
        this.previous = new Generation(capacity);
    }

    boolean contains(byte[] key, long hash) {
        return current.contains(key, hash) || previous.contains(key, hash);
    }

    void add(byte[] key, long hash) {
        if (current.count >= capacity) {
            Generation g = previous;
            g.clear();
            previous = current;
            current = g;
        }
        current.add(key, hash);
    }

    void clear() {
        current.clear();
        previous.clear();
    }

    private static final class Generation {
        private static final int INITIAL_SLOTS = 1024;

        final int maxSlots;
        long[] hashes;
        int[] offsets; // arena offset + 1; 0: empty
        int mask;
        byte[] arena = new byte[4096];
        int used;
        int count;

        Generation(int capacity) {
            maxSlots = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
            int slots = Math.min(maxSlots, INITIAL_SLOTS);
            hashes = new long[slots];
            offsets = new int[slots];
            mask = slots - 1;
        }

        boolean contains(byte[] key, long hash) {
            for (int i = (int) hash & mask; offsets[i] != 0; i = (i + 1) & mask) {
                if (hashes[i] == hash && same(offsets[i] - 1, key)) {
                    return true;
                }
            }
            return false;
        }

        void add(byte[] key, long hash) {
            if (2 * (count + 1) > hashes.length && hashes.length < maxSlots) {
                grow();
            }
            int i = (int) hash & mask;
            for (; offsets[i] != 0; i = (i + 1) & mask) {
                if (hashes[i] == hash && same(offsets[i] - 1, key)) {
                    return;
                }
            }
            if (used + key.length + 2 > arena.length) {
                arena = Arrays.copyOf(arena, Math.max(arena.length * 2, used + key.length + 2));
            }
            int at = used;
            arena[used++] = (byte) (key.length >>> 8);
            arena[used++] = (byte) key.length;
            System.arraycopy(key, 0, arena, used, key.length);
            used += key.length;
            hashes[i] = hash;
            offsets[i] = at + 1;
            count++;
        }

        /** Twice the slots, the entries placed again (the keys stay where they are in the arena). */
        private void grow() {
            long[] oldHashes = hashes;
            int[] oldOffsets = offsets;
            hashes = new long[oldHashes.length * 2];
            offsets = new int[oldOffsets.length * 2];
            mask = hashes.length - 1;
            for (int j = 0; j < oldOffsets.length; j++) {
                if (oldOffsets[j] != 0) {
                    int i = (int) oldHashes[j] & mask;
                    while (offsets[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    hashes[i] = oldHashes[j];
                    offsets[i] = oldOffsets[j];
                }
            }
        }

        private boolean same(int at, byte[] key) {
            int len = (arena[at] & 0xFF) << 8 | arena[at + 1] & 0xFF;
            return len == key.length && Arrays.equals(arena, at + 2, at + 2 + len, key, 0, len);
        }

        void clear() {
            Arrays.fill(offsets, 0);
            used = 0;
            count = 0;
        }
    }
}
