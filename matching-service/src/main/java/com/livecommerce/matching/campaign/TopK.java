package com.livecommerce.matching.campaign;

/**
 * The k smallest entries offered so far, kept sorted by key ascending and, between equal keys, by the lower provider
 * index: ties never decide by arrival order. Each entry carries its score. The solver's pricing keeps the most negative
 * reduced costs of a class (key = reduced cost), the ranking oracle the highest values (key = -value). Primitive arrays
 * filled by insertion: nothing is allocated per offer, and k is small (the arcs added per class and round).
 */
final class TopK {

    final long[] key;
    final int[] provider;
    final long[] score;
    int size;

    TopK(int k) {
        key = new long[k];
        provider = new int[k];
        score = new long[k];
    }

    void clear() {
        size = 0;
    }

    boolean full() {
        return size == key.length;
    }

    /** The largest key kept; only when {@link #full()} (then nothing above it can enter). */
    long worstKey() {
        return key[size - 1];
    }

    /** Whether the entry would be kept: fewer than k kept, or it sorts before the last one kept. */
    boolean admits(long k, int p) {
        return size < key.length || k < key[size - 1] || (k == key[size - 1] && p < provider[size - 1]);
    }

    /** Keeps the entry if it is among the k smallest, dropping the last one when full. */
    void offer(long k, int p, long s) {
        if (!admits(k, p)) {
            return;
        }
        int at = size < key.length ? size++ : size - 1;
        while (at > 0 && (key[at - 1] > k || (key[at - 1] == k && provider[at - 1] > p))) {
            key[at] = key[at - 1];
            provider[at] = provider[at - 1];
            score[at] = score[at - 1];
            at--;
        }
        key[at] = k;
        provider[at] = p;
        score[at] = s;
    }
}
