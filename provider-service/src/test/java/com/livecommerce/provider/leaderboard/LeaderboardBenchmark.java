package com.livecommerce.provider.leaderboard;

import com.livecommerce.provider.provider.ProviderType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one period's leaderboards for 5,000 admitted providers (3 types x 12 categories, 1-3
 * categories each, so ~10,000 cohort entries), target <= 1 s. Run with {@code bench/leaderboard.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LeaderboardBenchmark {

    @Param({"5000"})
    int providers;

    List<LeaderboardCalculator.ProviderResults> input;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        input = new ArrayList<>(providers);
        ProviderType[] types = ProviderType.values();
        for (int i = 0; i < providers; i++) {
            List<String> categories = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            while (categories.size() < count) {
                String c = "cat-" + random.nextInt(12);
                if (!categories.contains(c)) {
                    categories.add(c);
                }
            }
            int merchants = random.nextInt(40);
            input.add(new LeaderboardCalculator.ProviderResults(new UUID(random.nextLong(), random.nextLong()),
                    types[random.nextInt(types.length)], categories,
                    BigDecimal.valueOf(random.nextInt(50_000_000), 2), BigDecimal.valueOf(random.nextInt(90_000_000), 2),
                    random.nextInt(10), merchants, merchants == 0 ? 0 : random.nextInt(merchants + 1),
                    merchants == 0 ? null : BigDecimal.valueOf(100 + random.nextInt(400), 2)));
        }
    }

    @Benchmark
    public List<LeaderboardCalculator.Entry> computePeriod() {
        return LeaderboardCalculator.compute(input, LeaderboardCalculator.Weights.DEFAULT, new BigDecimal("0.10"));
    }
}
