package com.livecommerce.matching.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.livecommerce.matching.scoring.Lots;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Merchants of one class (equal scores) get a class's last places by a per-campaign draw, never by the order of their ids. */
class CampaignDrawTest {

    /** The first {@code places} of {@code merchants} in the draw of {@code seed}, as the planner hands them out. */
    static Set<UUID> winners(List<UUID> merchants, long seed, int places) {
        List<UUID> order = new ArrayList<>(merchants);
        order.sort(Comparator.comparingLong((UUID m) -> Lots.draw(seed, m)).thenComparing(Comparator.naturalOrder()));
        return new HashSet<>(order.subList(0, places));
    }

    @Test
    void theDrawIgnoresTheOrderOfIds() {
        // ids that sort in creation order (as time-based ids do): the lowest half must not win
        List<UUID> merchants = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            merchants.add(new UUID(0x0000_0001_0000_0000L + i, 0x8000_0000_0000_0000L + i));
        }
        Set<UUID> lowHalf = new HashSet<>(merchants.subList(0, 1000));
        for (long seed : new long[] {0L, 42L, -7L, 0x1234_5678_9ABC_DEF0L}) {
            Set<UUID> won = winners(merchants, seed, 1000);
            long fromLowHalf = won.stream().filter(lowHalf::contains).count();
            // a fair draw: about half of the winners come from the low half (hypergeometric sd ~ 11)
            assertTrue(fromLowHalf > 430 && fromLowHalf < 570, "seed " + seed + ": " + fromLowHalf + " winners from the low half");
        }
    }

    @Test
    void aCampaignsDrawIsReproducibleAndTheNextCampaignDrawsAnew() {
        List<UUID> merchants = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            merchants.add(UUID.randomUUID());
        }
        UUID campaign = UUID.randomUUID();
        long seed = campaign.getMostSignificantBits() ^ campaign.getLeastSignificantBits();
        assertEquals(winners(merchants, seed, 30), winners(merchants, seed, 30));
        assertNotEquals(winners(merchants, seed, 30), winners(merchants, seed + 1, 30));
        List<UUID> reversed = new ArrayList<>(merchants);
        Collections.reverse(reversed);
        assertEquals(winners(merchants, seed, 30), winners(reversed, seed, 30), "the cohort's order changes nothing");
    }
}
