package com.livecommerce.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** How the pages write numbers and pick the language (plain unit tests; the pages themselves are tested in a browser, e2e). */
class FormatTest {

    @Test
    void sharesArePercentagesWithTwoDecimals() {
        assertEquals("28.85%", Format.pct(new BigDecimal("0.2885")));
        assertEquals("50.34%", Format.pct(new BigDecimal("0.503364")));
        assertEquals("–", Format.pct(null));
        assertEquals(100, Format.pctNumber(new BigDecimal("1.22")));
        assertEquals(0, Format.pctNumber(null));
    }

    @Test
    void moneyIsExactWithGrouping() {
        assertEquals("¥148,856,100.00", Format.money(new BigDecimal("148856100")));
        assertEquals("¥0.10", Format.money("0.1"));
        assertEquals("1.50×", Format.times(new BigDecimal("1.498819")));
    }

    @Test
    void instantsInUtc() {
        assertEquals("2026-12-04 07:21:55 UTC", Format.time("2026-12-04T07:21:55.161996Z"));
        assertEquals("2026-12-03 23:00:00 UTC", Format.time("2026-12-04T07:00:00+08:00"));
        assertEquals("–", Format.time(null));
    }

    @Test
    void languageFromAcceptLanguage() {
        assertEquals("zh", Lang.fromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8"));
        assertEquals("en", Lang.fromAcceptLanguage("en-US,en;q=0.9,zh-CN;q=0.8"));
        assertEquals("en", Lang.fromAcceptLanguage("fr-FR"));
        assertEquals("zh", Lang.fromAcceptLanguage("fr;q=0.9, zh-Hans;q=0.8"));
        assertEquals("en", Lang.fromAcceptLanguage("not a header;;q=x"));
        assertEquals("en", Lang.fromAcceptLanguage(null));
    }

    @Test
    void pathSegmentsAreIdsOnly() {
        assertEquals("9c6e1ad5-df72-4c6d-b469-0c87d5787362", Pages.seg("9c6e1ad5-df72-4c6d-b469-0c87d5787362"));
        org.junit.jupiter.api.Assertions.assertThrows(jakarta.ws.rs.NotFoundException.class, () -> Pages.seg("../merchants"));
        org.junit.jupiter.api.Assertions.assertThrows(jakarta.ws.rs.NotFoundException.class, () -> Pages.seg("a/b"));
    }
}
