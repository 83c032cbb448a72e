package com.livecommerce.session.kpi;

import java.util.Arrays;

/**
 * The member keys a partial store wrote last (viewers, reserving viewers), exactly: a lookup that finds a key here
 * knows it is in the store without asking RocksDB (a viewer leaving a few minutes after entering, the usual case). Two
 * generations of at most {@code capacity} keys each, in open-addressing tables over a byte arena (the keys themselves,
 * compared byte for byte: never a false hit); when the current one is full the older one is dropped. Bounded: about
 * {@code 2 * capacity * (key length + 16)} bytes per store.
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
        final long[] hashes;
        final int[] offsets; // arena offset + 1; 0: empty
        final int mask;
        byte[] arena = new byte[1 << 16];
        int used;
        int count;

        Generation(int capacity) {
            int size = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
            hashes = new long[size];
            offsets = new int[size];
            mask = size - 1;
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
