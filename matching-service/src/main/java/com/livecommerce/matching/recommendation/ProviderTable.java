package com.livecommerce.matching.recommendation;

import com.livecommerce.matching.index.MerchantEntry;
import com.livecommerce.matching.index.ProviderEntry;
import com.livecommerce.matching.scoring.Lots;
import com.livecommerce.matching.scoring.Score;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * The providers a recommendation can name (in good standing, capacity left), as flat arrays, built once per change of
 * the index and shared by every request until the next change. Per provider: its categories and regions as bits of
 * per-table dictionaries, its type as a small code, its capabilities mask, its capacity left, and the part of its score
 * that does not depend on the merchant ({@code trackRecord}, {@code capacityHeadroom}, {@code tier}, weighted). A
 * request adds the merchant's part (category, type, region, need coverage) with integer arithmetic only and keeps the
 * best in a fixed-size heap: nothing is allocated per provider. The sum is the same integer as
 * {@link Score#total(int[])} of the components, term by term.
 */
final class ProviderTable {

    final long version;
    final int size;
    final ProviderEntry[] entries;
    final int[] remaining;
    private final long[] idHigh;
    private final long[] idLow;
    private final byte[] type;
    private final String[] typeNames;
    private final int[] capabilities;
    private final long[] fixed;
    private final Map<String, Integer> categoryBits;
    private final Map<String, Integer> regionBits;
    private final int categoryWords;
    private final int regionWords;
    private final long[] categories;
    private final long[] regions;
    private final Map<UUID, Integer> positions;
    private final Score score;

    private ProviderTable(long version, ProviderEntry[] entries, int[] remaining, Score score) {
        this.version = version;
        this.size = entries.length;
        this.entries = entries;
        this.remaining = remaining;
        this.score = score;
        int[] w = score.weights();
        idHigh = new long[size];
        idLow = new long[size];
        type = new byte[size];
        capabilities = new int[size];
        fixed = new long[size];
        positions = new HashMap<>(size * 2);
        categoryBits = new HashMap<>();
        regionBits = new HashMap<>();
        Map<String, Integer> types = new HashMap<>();
        for (ProviderEntry p : entries) {
            p.categories().forEach(c -> categoryBits.putIfAbsent(c, categoryBits.size()));
            p.regions().forEach(r -> regionBits.putIfAbsent(r, regionBits.size()));
            types.putIfAbsent(p.type() == null ? "" : p.type(), types.size());
        }
        if (types.size() > Byte.MAX_VALUE) {
            throw new IllegalStateException("more than 127 provider types");
        }
        typeNames = new String[types.size()];
        types.forEach((name, code) -> typeNames[code] = name);
        categoryWords = Math.max(1, (categoryBits.size() + 63) >>> 6);
        regionWords = Math.max(1, (regionBits.size() + 63) >>> 6);
        categories = new long[size * categoryWords];
        regions = new long[size * regionWords];
        for (int i = 0; i < size; i++) {
            ProviderEntry p = entries[i];
            idHigh[i] = p.id().getMostSignificantBits();
            idLow[i] = p.id().getLeastSignificantBits();
            type[i] = (byte) (int) types.get(p.type() == null ? "" : p.type());
            capabilities[i] = p.capabilities();
            fixed[i] = (long) w[Score.TRACK_RECORD] * p.trackRecord()
                    + (long) w[Score.CAPACITY_HEADROOM] * Score.headroom(remaining[i], p.capacity())
                    + (long) w[Score.TIER] * p.tierPoints();
            set(categories, i * categoryWords, p.categories(), categoryBits);
            set(regions, i * regionWords, p.regions(), regionBits);
            positions.put(p.id(), i);
        }
    }

    private static void set(long[] bits, int offset, Set<String> values, Map<String, Integer> dictionary) {
        for (String v : values) {
            int bit = dictionary.get(v);
            bits[offset + (bit >>> 6)] |= 1L << bit;
        }
    }

    /** The table of {@code providers} as they stand: those in good standing with capacity left ({@code remaining}). */
    static ProviderTable of(long version, Collection<ProviderEntry> providers, ToIntFunction<ProviderEntry> remaining, Score score) {
        ProviderEntry[] entries = new ProviderEntry[providers.size()];
        int[] left = new int[entries.length];
        int n = 0;
        for (ProviderEntry p : providers) {
            if (!p.inGoodStanding() || n == entries.length) {
                continue;
            }
            int r = remaining.applyAsInt(p);
            if (r > 0) {
                entries[n] = p;
                left[n++] = r;
            }
        }
        return new ProviderTable(version, Arrays.copyOf(entries, n), Arrays.copyOf(left, n), score);
    }

    /** The best of the table for the merchant, best first, leaving out {@code excluded}; see {@link Ranking}. */
    Ranking rank(MerchantEntry merchant, Set<UUID> excluded, int limit) {
        int[] w = score.weights();
        long categoryScore = (long) w[Score.CATEGORY_FIT] * Score.ONE;
        long regionScore = (long) w[Score.REGION_FIT] * Score.ONE;
        Integer cBit = merchant.category() == null ? null : categoryBits.get(merchant.category());
        Integer rBit = merchant.region() == null ? null : regionBits.get(merchant.region());
        int cWord = cBit == null ? -1 : cBit >>> 6;
        long cMask = cBit == null ? 0 : 1L << cBit;
        int rWord = rBit == null ? -1 : rBit >>> 6;
        long rMask = rBit == null ? 0 : 1L << rBit;
        long[] typeScore = new long[typeNames.length];
        for (int t = 0; t < typeNames.length; t++) {
            typeScore[t] = (long) w[Score.TYPE_FIT] * score.typeFit(merchant.kind(), typeNames[t].isEmpty() ? null : typeNames[t]);
        }
        int needs = merchant.needs();
        int asked = Integer.bitCount(needs);
        long[] coverageScore = new long[asked + 1];
        for (int k = 0; k <= asked; k++) {
            coverageScore[k] = (long) w[Score.NEED_COVERAGE] * Score.ratio(k, asked);
        }
        long seed = Lots.seed(merchant.id());
        int excludedHere = 0;
        for (UUID id : excluded) {
            if (positions.containsKey(id)) {
                excludedHere++;
            }
        }
        Ranking top = new Ranking(Math.min(limit, size));
        for (int i = 0; i < size; i++) {
            long s = fixed[i] + typeScore[type[i]] + coverageScore[Integer.bitCount(needs & capabilities[i])];
            if (cWord >= 0 && (categories[i * categoryWords + cWord] & cMask) != 0) {
                s += categoryScore;
            }
            if (rWord >= 0 && (regions[i * regionWords + rWord] & rMask) != 0) {
                s += regionScore;
            }
            top.offer(i, s, seed, excluded);
        }
        top.eligible = size - excludedHere;
        top.sort();
        return top;
    }

    /**
     * The best {@code capacity} offered: higher score first, equal scores by the merchant's draw ({@link Lots}), then
     * (never in practice) by id. A min-heap on primitive arrays, the worst of the best on top; the draw is computed only
     * when a score ties the worst kept.
     */
    final class Ranking {
        final int[] index;
        final long[] scores;
        private final long[] lots;
        int count;
        int eligible;

        Ranking(int capacity) {
            index = new int[capacity];
            scores = new long[capacity];
            lots = new long[capacity];
        }

        void offer(int i, long s, long seed, Set<UUID> excluded) {
            if (index.length == 0) {
                return;
            }
            if (count == index.length) {
                long worst = scores[0];
                if (s < worst) {
                    return;
                }
                if (s == worst && !better(s, lot(seed, i), i, 0)) {
                    return;
                }
            }
            if (!excluded.isEmpty() && excluded.contains(entries[i].id())) {
                return;
            }
            long lot = lot(seed, i);
            if (count < index.length) {
                int at = count++;
                put(at, i, s, lot);
                up(at);
            } else {
                put(0, i, s, lot);
                down(0);
            }
        }

        private long lot(long seed, int i) {
            return Lots.draw(seed, idHigh[i], idLow[i]);
        }

        /** Is the provider at {@code i} with score {@code s} and lot {@code lot} better than the heap's slot {@code at}? */
        private boolean better(long s, long lot, int i, int at) {
            if (s != scores[at]) {
                return s > scores[at];
            }
            if (lot != lots[at]) {
                return lot < lots[at];
            }
            return entries[i].id().compareTo(entries[index[at]].id()) < 0;
        }

        private void put(int at, int i, long s, long lot) {
            index[at] = i;
            scores[at] = s;
            lots[at] = lot;
        }

        private void swap(int a, int b) {
            int i = index[a];
            long s = scores[a];
            long l = lots[a];
            put(a, index[b], scores[b], lots[b]);
            put(b, i, s, l);
        }

        private void up(int at) {
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (!better(scores[parent], lots[parent], index[parent], at)) {
                    return; // the parent is worse than (or equal to) the child: heap order holds
                }
                swap(at, parent);
                at = parent;
            }
        }

        private void down(int at) {
            while (true) {
                int worst = at;
                for (int child = 2 * at + 1; child <= 2 * at + 2 && child < count; child++) {
                    if (better(scores[worst], lots[worst], index[worst], child)) {
                        worst = child;
                    }
                }
                if (worst == at) {
                    return;
                }
                swap(at, worst);
                at = worst;
            }
        }

        /** Best first, in place (heap order is lost). */
        void sort() {
            for (int end = count - 1; end > 0; end--) {
                swap(0, end); // the worst goes to the end
                int kept = count;
                count = end;
                down(0);
                count = kept;
            }
        }
    }
}
