package com.livecommerce.provider.leaderboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.livecommerce.plumbing.time.Period;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recomputing a period re-evaluates the proposals of its neighbours: the periods of the same kind around it. */
class LeaderboardPeriodsTest {

    @ParameterizedTest(name = "{0}: {1} .. {2}")
    @CsvSource({
            "2021-11, 2021-10, 2021-12",
            "2021-12, 2021-11, 2022-01",
            "2021-01, 2020-12, 2021-02",
            "2021Q4,  2021Q3,  2022Q1",
            "2021Q1,  2020Q4,  2021Q2",
            "2021H2,  2021H1,  2022H1",
            "2021H1,  2020H2,  2021H2",
            "2021,    2020,    2022",
            "2000-01, ,        2000-02",
            "2000,    ,        2001",
            "2100-12, 2100-11, ",
            "2100,    2099,    "})
    void neighbours(String period, String previous, String next) {
        Period p = Period.parse("period", period);
        assertEquals(Optional.ofNullable(previous), LeaderboardService.previous(p).map(Period::label));
        assertEquals(Optional.ofNullable(next), LeaderboardService.next(p).map(Period::label));
    }
}
