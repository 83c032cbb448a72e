package com.livecommerce.session.kpi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A filter in front of one session's keys in the partial store: "certainly not there" answers without RocksDB, "maybe"
 * asks RocksDB. A scalable blocked Bloom filter: generations of 512-bit blocks (one cache line per key, 6 bits set in it,
 * 12 bits per key), each eight times the capacity of the one before, so it grows with the session (1.5 to 2 bytes a key)
 * without knowing its size in advance. All filters of the JVM share one budget ({@link #BUDGET}, the
 * {@code session.kpi.filter-memory} setting): once it is spent no new generation is made, the last one fills up beyond its
 * capacity and answers "maybe" more often, which costs RocksDB lookups, never a wrong count. A filter never says "not
 * there" for a key that was added: it only speeds up the exact check, it never replaces it.
 */
final class SessionFilter {

    /** Bytes left for new generations, shared by all filters of the JVM. */
    static final AtomicLong BUDGET = new AtomicLong(48L << 20);

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int FIRST_CAPACITY = 1 << 13;
    /** Each generation holds this many times the keys of the one before: few generations, so few probes per key. */
    private static final int GROWTH = 8;
    private static final int BITS_PER_KEY = 12;

    private final List<long[]> generations = new ArrayList<>(4);
    private final List<Long> capacities = new ArrayList<>(4);
    private long inLast;
    private long bytes;

    SessionFilter() {
        grow(FIRST_CAPACITY);
    }

    /** Gives the filter's memory back to the budget (the session is closed). */
    void release() {
        BUDGET.addAndGet(bytes);
        bytes = 0;
        generations.clear();
    }

    long bytes() {
        return bytes;
    }

    void add(byte[] key) {
        add(hash(key, 0, key.length));
    }

    /** Adds a key by its {@link #hash}. */
    void add(long h) {
        if (inLast >= capacities.get(capacities.size() - 1)) {
            grow(capacities.get(capacities.size() - 1) * GROWTH);
        }
        set(generations.get(generations.size() - 1), h);
        inLast++;
    }

    boolean mightContain(byte[] key) {
        return mightContain(hash(key, 0, key.length));
    }

    /** Whether a key with this {@link #hash} may have been added. */
    boolean mightContain(long h) {
        for (int i = generations.size() - 1; i >= 0; i--) {
            if (test(generations.get(i), h)) {
                return true;
            }
        }
        return false;
    }

    private void grow(long capacity) {
        long words = Math.max(8, (capacity * BITS_PER_KEY / 64 + 7) & ~7L); // whole blocks of 8 longs
        long size = words * 8;
        if (!generations.isEmpty() && BUDGET.addAndGet(-size) < 0) {
            BUDGET.addAndGet(size); // over budget: the last generation keeps filling
            capacities.set(capacities.size() - 1, Long.MAX_VALUE);
            return;
        }
        if (generations.isEmpty()) {
            BUDGET.addAndGet(-size); // the first, small generation is always made
        }
        generations.add(new long[(int) words]);
        capacities.add(capacity);
        inLast = 0;
        bytes += size;
    }

    /** The first word of the key's block: the high 32 bits of the hash scaled to the number of blocks (no division). */
    private static int block(long[] bits, long h) {
        return (int) (((h >>> 32) * (bits.length >>> 3)) >>> 32) << 3;
    }

    private static void set(long[] bits, long h) {
        int block = block(bits, h);
        long g = h * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 6; i++) {
            int bit = (int) (g >>> (i * 9)) & 511;
            bits[block + (bit >>> 6)] |= 1L << bit;
        }
    }

    private static boolean test(long[] bits, long h) {
        int block = block(bits, h);
        long g = h * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < 6; i++) {
            int bit = (int) (g >>> (i * 9)) & 511;
            if ((bits[block + (bit >>> 6)] & 1L << bit) == 0) {
                return false;
            }
        }
        return true;
    }

    /** A 64-bit hash of a byte range (8 bytes at a time, multiply-xorshift mixing; not for security). */
    static long hash(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len * 0xC2B2AE3D27D4EB4FL;
        int i = off, end = off + len;
        for (; i + 8 <= end; i += 8) {
            h = mix(h ^ (long) LONGS.get(b, i));
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (b[i] & 0xFFL) << shift;
        }
        h = mix(h ^ tail ^ 0x5851F42D4C957F2DL);
        return h ^ h >>> 31;
    }

    private static long mix(long x) {
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        x *= 0x94D049BB133111EBL;
        return x ^ x >>> 32;
    }
}
