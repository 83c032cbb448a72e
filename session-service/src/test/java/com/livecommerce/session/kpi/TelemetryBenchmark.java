package com.livecommerce.session.kpi;

import com.livecommerce.session.telemetry.FastLine;
import com.livecommerce.session.telemetry.SubKeys;
import com.livecommerce.session.telemetry.TelemetryChunk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two per-event costs of the telemetry path, each on one core (bench/telemetry-jmh.sh): reading a request's lines in
 * place into chunks ({@code ingest}: {@link FastLine}, {@link SubKeys}, {@link TelemetryChunk.Writer}), and applying chunks
 * to a partial store ({@code aggregate}: {@link ChunkAggregation} on a real RocksDB database that grows as a long session
 * does). The lines are the load generator's mix (bench/TelemetryLoad.java): per 100, 46 VIEWER_ENTER of new viewers, 44
 * VIEWER_LEAVE of a viewer ~1,000 enters earlier, 4 ORDER_PAID, 1 ORDER_REFUNDED, 2 AD_SPEND, 3 RESERVATION. Scores are
 * events per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class TelemetryBenchmark {

    static final int EVENTS = 2048;
    static final UUID SESSION = UUID.randomUUID();
    static final char[] MIX = mix();

    private final Lines lines = new Lines();
    private final FastLine fast = new FastLine();
    private byte[] body;
    private int[] lineStarts;
    private PartialStore store;
    private ChunkAggregation aggregation;
    private Path dir;
    private byte[] chunk;
    private long offset;

    static char[] mix() {
        String m = "E".repeat(46) + "L".repeat(44) + "PPPP" + "F" + "SS" + "RRR";
        java.util.List<Character> l = new java.util.ArrayList<>();
        for (char c : m.toCharArray()) {
            l.add(c);
        }
        java.util.Collections.shuffle(l, new java.util.Random(42));
        char[] out = new char[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = l.get(i);
        }
        return out;
    }

    /** The load generator's lines (same shape and sizes). */
    static final class Lines {
        long seq, viewers, orders, reservers;
        final String time = Instant.parse("2026-12-04T10:00:00Z").toString();

        String next() {
            char kind = MIX[(int) (seq % MIX.length)];
            String id = "\"eventId\":\"r-0-e" + seq++ + "\",\"time\":\"" + time + "\"";
            return switch (kind) {
                case 'E' -> "{\"type\":\"VIEWER_ENTER\"," + id + ",\"viewerId\":\"r-0-v" + viewers++ + "\"}";
                case 'L' -> "{\"type\":\"VIEWER_LEAVE\"," + id + ",\"viewerId\":\"r-0-v" + Math.max(0, viewers - 1000) + "\"}";
                case 'R' -> "{\"type\":\"RESERVATION\"," + id + ",\"viewerId\":\"r-0-v" + (1_000_000_000L + reservers++) + "\"}";
                case 'P' -> {
                    long o = orders++;
                    yield "{\"type\":\"ORDER_PAID\"," + id + ",\"orderId\":\"r-0-o" + o + "\",\"buyerId\":\"r-0-b" + o % 50_000
                            + "\",\"newBuyer\":" + (o % 4 == 0) + ",\"productId\":\"p-" + o * 7 % 60 + "\",\"amount\":299.00,"
                            + "\"channel\":\"PAID_PROMOTION\"}";
                }
                case 'F' -> "{\"type\":\"ORDER_REFUNDED\"," + id + ",\"orderId\":\"r-0-o" + Math.max(0, orders - 10)
                        + "\",\"amount\":59.90}";
                default -> "{\"type\":\"AD_SPEND\"," + id + ",\"channel\":\"FAN_BOOST\",\"amount\":120.50}";
            };
        }
    }

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = Files.createTempDirectory("telemetry-benchmark-");
        store = PartialStore.open(dir, Map.of());
        aggregation = new ChunkAggregation(store);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        System.out.printf("%n[telemetry] partial store after %d chunks: %d MB on disk%n", offset, store.diskBytes() >> 20);
        if (Boolean.getBoolean("telemetry.stats")) {
            System.out.println(store.property("rocksdb.stats"));
        }
        store.close();
        AggregationPropertyTest.deleteRecursively(dir);
    }

    /** The next request body (2,048 lines) and, for the aggregation, the same lines as one chunk. */
    @Setup(Level.Invocation)
    public void next() {
        StringBuilder b = new StringBuilder(EVENTS * 120);
        lineStarts = new int[EVENTS + 1];
        TelemetryChunk.Writer w = new TelemetryChunk.Writer(SESSION, 0, 1, Instant.parse("2026-12-04T09:00:00Z").toEpochMilli(), 240);
        for (int i = 0; i < EVENTS; i++) {
            lineStarts[i] = b.length();
            b.append(lines.next()).append('\n');
        }
        lineStarts[EVENTS] = b.length();
        body = b.toString().getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < EVENTS; i++) {
            if (!fast.read(body, lineStarts[i], lineStarts[i + 1] - lineStarts[i] - 1, null)) {
                throw new IllegalStateException("not read in place: " + new String(body, lineStarts[i], 100));
            }
            w.add(fast, fast.timeMs);
        }
        chunk = w.toBytes();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public byte[] ingest() {
        TelemetryChunk.Writer[] writers = new TelemetryChunk.Writer[4];
        int size = 0;
        for (int i = 0; i < EVENTS; i++) {
            if (fast.read(body, lineStarts[i], lineStarts[i + 1] - lineStarts[i] - 1, null)) {
                int k = SubKeys.of(fast, 4);
                if (writers[k] == null) {
                    writers[k] = new TelemetryChunk.Writer(SESSION, k, 4, 0, 240);
                }
                writers[k].add(fast, fast.timeMs);
            }
        }
        for (TelemetryChunk.Writer w : writers) {
            size += w == null ? 0 : w.toBytes().length;
        }
        return new byte[size & 1];
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public PartialDelta aggregate() {
        return aggregation.apply(chunk, offset++);
    }
}
