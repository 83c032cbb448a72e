import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator of bench/telemetry.sh (a single-file program: {@code java bench/TelemetryLoad.java ...}, JDK 17, no
 * dependencies). Two modes:
 *
 * <pre>
 * java bench/TelemetryLoad.java sample FILE LINES
 *     writes LINES telemetry lines of the same mix and shape as the load (the payload file of ProducerPerformance)
 * java bench/TelemetryLoad.java distinct base=URL session=ID writer=TOKEN reader=TOKEN viewers=5000000 [connections=4] [batch=10000]
 *     [wait-max=600]
 *     posts one VIEWER_ENTER of a new viewer per line, `viewers` in all, as fast as the service answers, then waits until
 *     the KPIs' uv counts them; prints distinct_sent, distinct_counted, send_s, count_s (from the first post until uv
 *     counted them all) and the rates.
 * java bench/TelemetryLoad.java run base=http://127.0.0.1:18083 session=ID writer=TOKEN reader=TOKEN
 *     [connections=4] [batch=10000] [warmup=15] [duration=30] [rate=0] [probe-every=200] [drain-max=120] [series=FILE]
 *     [pids=service:PID,broker:PID]
 *     posts NDJSON batches from `connections` threads (rate events/s in all, 0: as fast as the service answers),
 *     and during the measured window (after the warm-up) probes KPI freshness: every probe-every ms one ORDER_PAID
 *     of product probe-RUN for 1.00 CNY, then GET /sessions/ID/kpis every 10 ms until products[probe-RUN] counts it.
 *     Freshness = from the probe's 202 until the KPIs include it. After the window the load stops and the program
 *     waits until the aggregation has counted every accepted event (the drain, at most drain-max seconds). CPU seconds of the given processes and of
 *     this one over the window, and the machine's busy share (/proc). Prints key=value lines.
 * </pre>
 *
 * The mix (per 100 lines, DOMAIN.md's shape: viewers dominate, ~3-4% of viewers buy): 46 VIEWER_ENTER (a new
 * viewer each), 44 VIEWER_LEAVE (a viewer that entered ~1,000 enters earlier), 4 ORDER_PAID (60 products, prices
 * 59.90-899.00, 25% new buyers, channels 50% PAID_PROMOTION / 20% FAN_BOOST / 30% ORGANIC), 1 ORDER_REFUNDED (an
 * earlier order), 2 AD_SPEND, 3 RESERVATION; every eventId, viewerId and orderId is unique to the run, the event
 * time is the time the batch is built (all accepted while the session is LIVE).
 */
public class TelemetryLoad {

    static final byte[] ENTER = bytes("{\"type\":\"VIEWER_ENTER\",\"eventId\":\"");
    static final byte[] LEAVE = bytes("{\"type\":\"VIEWER_LEAVE\",\"eventId\":\"");
    static final byte[] PAID = bytes("{\"type\":\"ORDER_PAID\",\"eventId\":\"");
    static final byte[] REFUND = bytes("{\"type\":\"ORDER_REFUNDED\",\"eventId\":\"");
    static final byte[] SPEND = bytes("{\"type\":\"AD_SPEND\",\"eventId\":\"");
    static final byte[] RESERVE = bytes("{\"type\":\"RESERVATION\",\"eventId\":\"");
    static final byte[] TIME = bytes("\",\"time\":\"");
    static final byte[] VIEWER = bytes("\",\"viewerId\":\"");
    static final byte[] ORDER = bytes("\",\"orderId\":\"");
    static final byte[] BUYER = bytes("\",\"buyerId\":\"");
    static final byte[] NEW_TRUE = bytes("\",\"newBuyer\":true,\"productId\":\"");
    static final byte[] NEW_FALSE = bytes("\",\"newBuyer\":false,\"productId\":\"");
    static final byte[] AMOUNT = bytes("\",\"amount\":");
    static final byte[] CHANNEL = bytes(",\"channel\":\"");
    static final byte[] SPEND_CHANNEL = bytes("\",\"channel\":\"");
    static final byte[] END = bytes("\"}\n");
    static final byte[] END_NUMBER = bytes("}\n");
    static final String[] PRICES = {"59.90", "129.00", "299.00", "899.00", "199.50"};
    static final String[] SALES = {"PAID_PROMOTION", "PAID_PROMOTION", "PAID_PROMOTION", "PAID_PROMOTION", "PAID_PROMOTION",
            "FAN_BOOST", "FAN_BOOST", "ORGANIC", "ORGANIC", "ORGANIC"};
    static final char[] MIX = mix();

    static char[] mix() {
        List<Character> m = new ArrayList<>();
        add(m, 'E', 46);
        add(m, 'L', 44);
        add(m, 'P', 4);
        add(m, 'F', 1);
        add(m, 'S', 2);
        add(m, 'R', 3);
        Collections.shuffle(m, new Random(42));
        char[] c = new char[m.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = m.get(i);
        }
        return c;
    }

    static void add(List<Character> m, char c, int n) {
        for (int i = 0; i < n; i++) {
            m.add(c);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes telemetry lines into a growing byte buffer; ids are unique per (run, generator). */
    static final class Lines {
        final String prefix;
        byte[] buf = new byte[1 << 20];
        int len;
        long seq, viewers, orders, reservers, spends;

        Lines(String prefix) {
            this.prefix = prefix;
        }

        void reset() {
            len = 0;
        }

        void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        void put(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        }

        void put(long v) {
            put(Long.toString(v));
        }

        void ensure(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        void id(char kind, long n) {
            put(prefix);
            ensure(1);
            buf[len++] = (byte) kind;
            put(n);
        }

        void line(String time) {
            char kind = MIX[(int) (seq % MIX.length)];
            switch (kind) {
                case 'E' -> viewer(ENTER, time, viewers++);
                case 'L' -> viewer(LEAVE, time, Math.max(0, viewers - 1000));
                case 'R' -> viewer(RESERVE, time, 1_000_000_000L + reservers++);
                case 'P' -> {
                    long o = orders++;
                    head(PAID, time);
                    put(ORDER);
                    id('o', o);
                    put(BUYER);
                    id('b', o % 50_000);
                    put(o % 4 == 0 ? NEW_TRUE : NEW_FALSE);
                    put("p-");
                    put(o * 7 % 60);
                    put(AMOUNT);
                    put(PRICES[(int) (o % PRICES.length)]);
                    put(CHANNEL);
                    put(SALES[(int) (o % SALES.length)]);
                    put(END);
                }
                case 'F' -> {
                    head(REFUND, time);
                    put(ORDER);
                    id('o', Math.max(0, orders - 10));
                    put(AMOUNT);
                    put(PRICES[0]);
                    put(END_NUMBER);
                }
                case 'S' -> {
                    long s = spends++;
                    head(SPEND, time);
                    put(SPEND_CHANNEL);
                    put(s % 2 == 0 ? "PAID_PROMOTION" : "FAN_BOOST");
                    put(AMOUNT);
                    put("120.50");
                    put(END_NUMBER);
                }
                default -> throw new IllegalStateException();
            }
            seq++;
        }

        void head(byte[] type, String time) {
            put(type);
            id('e', seq);
            put(TIME);
            put(time);
        }

        void viewer(byte[] type, String time, long viewer) {
            head(type, time);
            put(VIEWER);
            id('v', viewer);
            put(END);
        }

        byte[] batch(int lines) {
            reset();
            String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            for (int i = 0; i < lines; i++) {
                line(time);
            }
            return Arrays.copyOf(buf, len);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("sample")) {
            Lines lines = new Lines("s" + Long.toString(System.currentTimeMillis(), 36) + "-");
            byte[] b = lines.batch(Integer.parseInt(args[2]));
            Files.write(Path.of(args[1]), b);
            System.out.printf("lines=%d bytes=%d avg_line_bytes=%.1f%n", lines.seq, b.length, (double) b.length / lines.seq - 1);
            return;
        }
        if (args.length < 1 || !args[0].equals("run")) {
            if (args.length < 1 || !args[0].equals("distinct")) {
                System.err.println("usage: TelemetryLoad sample FILE LINES | run base=URL[,URL] session=ID writer=TOKEN reader=TOKEN [...]"
                        + " | distinct base=URL session=ID writer=TOKEN reader=TOKEN viewers=N");
                System.exit(2);
            }
        }
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            o.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        if (args[0].equals("distinct")) {
            new TelemetryLoad(o).distinct(Long.parseLong(o.getOrDefault("viewers", "5000000")),
                    Integer.parseInt(o.getOrDefault("wait-max", "600")));
        } else {
            new TelemetryLoad(o).run();
        }
    }

    final String base, session, writer, reader;
    final String[] bases;
    final int connections, batch, warmup, duration, probeEvery, drainMax;
    final double rate;
    final String series;
    final List<String> cpuNames = new ArrayList<>(), cpuPids = new ArrayList<>();
    final String run = Long.toString(System.currentTimeMillis(), 36);
    final HttpClient http;
    final LongAdder accepted = new LongAdder(), rejected = new LongAdder(), failed = new LongAdder(), requests = new LongAdder();
    final AtomicLong planned = new AtomicLong();
    final List<Long> batchMillis = Collections.synchronizedList(new ArrayList<>());
    volatile boolean stop;
    volatile boolean measuring;
    volatile long windowEnd = Long.MAX_VALUE;
    volatile String firstError;
    long startNanos;

    TelemetryLoad(Map<String, String> o) {
        bases = o.getOrDefault("base", "http://127.0.0.1:18083").split(",");
        base = bases[0];
        session = o.get("session");
        writer = o.get("writer");
        reader = o.get("reader");
        connections = Integer.parseInt(o.getOrDefault("connections", "4"));
        batch = Integer.parseInt(o.getOrDefault("batch", "10000"));
        warmup = Integer.parseInt(o.getOrDefault("warmup", "15"));
        duration = Integer.parseInt(o.getOrDefault("duration", "30"));
        probeEvery = Integer.parseInt(o.getOrDefault("probe-every", "200"));
        drainMax = Integer.parseInt(o.getOrDefault("drain-max", "120"));
        rate = Double.parseDouble(o.getOrDefault("rate", "0"));
        series = o.get("series");
        for (String p : o.getOrDefault("pids", "").split(",")) {
            if (p.contains(":")) {
                cpuNames.add(p.substring(0, p.indexOf(':')));
                cpuPids.add(p.substring(p.indexOf(':') + 1));
            }
        }
        cpuNames.add("generator");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    void run() throws Exception {
        long counted0 = eventsCounted();
        startNanos = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int w = i;
            Thread t = new Thread(() -> work(w), "load-" + i);
            t.start();
            workers.add(t);
        }
        List<String> rows = Collections.synchronizedList(new ArrayList<>());
        rows.add("t_s,accepted_total,counted_total,backlog");
        Thread sampler = new Thread(() -> sample(rows, counted0), "sampler");
        sampler.setDaemon(true);
        sampler.start();

        Thread.sleep(warmup * 1000L);
        long a0 = accepted.sum();
        long k0 = eventsCounted();
        long t0 = System.nanoTime();
        double[] cpu0 = cpu();
        measuring = true;
        List<Long> fresh = new ArrayList<>();
        List<Long> ackMillis = new ArrayList<>();
        long[] probeStats = new long[3]; // probes, timeouts, probe accepted
        Thread prober = new Thread(() -> probe(fresh, ackMillis, probeStats), "probe");
        prober.start();
        Thread.sleep(duration * 1000L);
        windowEnd = System.nanoTime();
        measuring = false;
        stop = true;
        long a1 = accepted.sum();
        long k1 = eventsCounted();
        long t1 = System.nanoTime();
        double[] cpu1 = cpu();
        for (Thread t : workers) {
            t.join();
        }
        prober.join();
        long acceptedAll = accepted.sum() + probeStats[2];
        long target = counted0 + acceptedAll;
        long drainStart = System.nanoTime();
        long counted = eventsCounted();
        long drainFrom = counted;
        while (counted < target && System.nanoTime() - drainStart < drainMax * 1_000_000_000L) {
            Thread.sleep(200);
            counted = eventsCounted();
        }
        double drainS = (System.nanoTime() - drainStart) / 1e9;
        double drainEps = (counted - drainFrom) / drainS;
        if (series != null) {
            synchronized (rows) {
                Files.write(Path.of(series), new ArrayList<>(rows));
            }
        }
        double window = (t1 - t0) / 1e9;
        List<Long> lat = new ArrayList<>(batchMillis);
        Collections.sort(lat);
        Collections.sort(fresh);
        Collections.sort(ackMillis);
        PrintWriter out = new PrintWriter(System.out, true);
        out.printf("run=%s%n", run);
        out.printf("connections=%d batch=%d rate_limit=%s warmup_s=%d window_s=%.1f%n", connections, batch,
                rate > 0 ? String.format("%.0f", rate) : "none", warmup, window);
        out.printf("accepted_eps=%.0f%n", (a1 - a0) / window);
        out.printf("counted_eps=%.0f%n", (k1 - k0) / window);
        out.printf("backlog_start=%d backlog_end=%d%n", a0 - (k0 - counted0), a1 - (k1 - counted0));
        out.printf("requests=%d rejected_lines=%d failed_requests=%d first_error=%s%n", requests.sum(), rejected.sum(), failed.sum(),
                firstError == null ? "-" : firstError.replace('\n', ' '));
        out.printf("batch_ms_p50=%d batch_ms_p99=%d batch_ms_max=%d%n", pct(lat, 50), pct(lat, 99), pct(lat, 100));
        out.printf("probes=%d probe_timeouts=%d%n", probeStats[0], probeStats[1]);
        out.printf("fresh_ms_p50=%d fresh_ms_p99=%d fresh_ms_max=%d%n", pct(fresh, 50), pct(fresh, 99), pct(fresh, 100));
        out.printf("probe_ack_ms_p50=%d probe_ack_ms_p99=%d%n", pct(ackMillis, 50), pct(ackMillis, 99));
        StringBuilder cpu = new StringBuilder();
        for (int i = 0; i < cpuNames.size(); i++) {
            cpu.append(String.format("cpu_s_%s=%.1f ", cpuNames.get(i), cpu1[i] - cpu0[i]));
        }
        int m = cpuNames.size();
        out.printf("%smachine_busy=%.2f%n", cpu, (cpu1[m] - cpu0[m]) / (cpu1[m + 1] - cpu0[m + 1]));
        out.printf("drained=%s drain_s=%.1f drain_eps=%.0f counted_total=%d accepted_total=%d left=%d%n", counted >= target, drainS,
                drainEps, counted - counted0, acceptedAll, Math.max(0, target - counted));
    }

    /**
     * CPU seconds so far of each process of {@code pids=name:pid,...} and of this one (generator), then the machine's
     * busy and total jiffies (/proc/stat), for the CPU split over the window.
     */
    double[] cpu() {
        double[] r = new double[cpuNames.size() + 2];
        for (int i = 0; i < cpuPids.size(); i++) {
            r[i] = processCpu(cpuPids.get(i));
        }
        r[cpuNames.size() - 1] = processCpu("self");
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long user = Long.parseLong(f[1]), nice = Long.parseLong(f[2]), sys = Long.parseLong(f[3]), idle = Long.parseLong(f[4]),
                    iowait = Long.parseLong(f[5]), irq = Long.parseLong(f[6]), soft = Long.parseLong(f[7]);
            r[r.length - 2] = user + nice + sys + irq + soft;
            r[r.length - 1] = user + nice + sys + idle + iowait + irq + soft;
        } catch (IOException | RuntimeException e) {
            r[r.length - 1] = 1;
        }
        return r;
    }

    static double processCpu(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime (fields 14, 15) in clock ticks
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    void work(int w) {
        Lines lines = new Lines(run + "-" + w + "-");
        URI uri = URI.create(bases[w % bases.length] + "/sessions/" + session + "/telemetry");
        while (!stop) {
            if (rate > 0) {
                long n = planned.getAndAdd(batch);
                long due = startNanos + (long) (n / rate * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleepNanos(wait);
                }
                if (stop) {
                    return;
                }
            }
            byte[] body = lines.batch(batch);
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + writer).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long t = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                long ms = (System.nanoTime() - t) / 1_000_000;
                requests.increment();
                if (r.statusCode() == 202) {
                    accepted.add(number(r.body(), "accepted"));
                    long rej = number(r.body(), "rejected");
                    if (rej > 0) {
                        rejected.add(rej);
                        error(r.body());
                    }
                    if (measuring) {
                        batchMillis.add(ms);
                    }
                } else {
                    failed.increment();
                    error(r.statusCode() + " " + r.body());
                }
            } catch (IOException e) {
                failed.increment();
                error(e.toString());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Posts {@code viewers} VIEWER_ENTER lines of distinct viewers, then waits until the KPIs' uv counts them all. */
    void distinct(long viewers, int waitMax) throws Exception {
        long uv0 = number(kpisOrFail(), "uv");
        AtomicLong next = new AtomicLong();
        long t0 = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int w = i;
            Thread t = new Thread(() -> {
                URI uri = URI.create(bases[w % bases.length] + "/sessions/" + session + "/telemetry");
                Lines lines = new Lines(run + "-d-");
                String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
                while (true) {
                    long from = next.getAndAdd(batch);
                    if (from >= viewers) {
                        return;
                    }
                    long to = Math.min(viewers, from + batch);
                    lines.reset();
                    for (long v = from; v < to; v++) {
                        lines.seq = v;
                        lines.viewer(ENTER, time, v);
                    }
                    byte[] body = Arrays.copyOf(lines.buf, lines.len);
                    while (true) { // a refused batch is sent again (event ids make it exact)
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                                    .header("Authorization", "Bearer " + writer).header("Content-Type", "application/x-ndjson")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                            requests.increment();
                            if (r.statusCode() == 202) {
                                accepted.add(number(r.body(), "accepted"));
                                break;
                            }
                            failed.increment();
                            error(r.statusCode() + " " + r.body());
                        } catch (IOException e) {
                            failed.increment();
                            error(e.toString());
                        } catch (InterruptedException e) {
                            return;
                        }
                        sleepNanos(1_000_000_000L);
                    }
                }
            }, "distinct-" + i);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        double sendS = (System.nanoTime() - t0) / 1e9;
        long uv = uv0;
        long deadline = System.nanoTime() + waitMax * 1_000_000_000L;
        while (uv - uv0 < viewers && System.nanoTime() < deadline) {
            sleepNanos(500_000_000L);
            String k = kpis();
            if (k != null) {
                uv = number(k, "uv");
            }
        }
        double countS = (System.nanoTime() - t0) / 1e9;
        PrintWriter out = new PrintWriter(System.out, true);
        out.printf("distinct_sent=%d distinct_accepted=%d distinct_counted=%d%n", viewers, accepted.sum(), uv - uv0);
        out.printf("send_s=%.1f send_eps=%.0f count_s=%.1f count_eps=%.0f failed_requests=%d first_error=%s%n", sendS,
                viewers / sendS, countS, (uv - uv0) / countS, failed.sum(), firstError == null ? "-" : firstError.replace('\n', ' '));
    }

    String kpisOrFail() {
        for (int i = 0; i < 50; i++) {
            String k = kpis();
            if (k != null) {
                return k;
            }
            sleepNanos(100_000_000L);
        }
        throw new IllegalStateException("GET /sessions/" + session + "/kpis does not answer 200");
    }

    void error(String text) {
        if (firstError == null) {
            firstError = text.length() > 300 ? text.substring(0, 300) : text;
        }
    }

    void probe(List<Long> fresh, List<Long> ackMillis, long[] stats) {
        String product = "probe-" + run;
        Pattern gmv = Pattern.compile("\"" + Pattern.quote(product) + "\":([0-9.]+)");
        URI post = URI.create(base + "/sessions/" + session + "/telemetry");
        long next = System.nanoTime();
        int i = 0;
        while (measuring) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
            next = Math.max(next + probeEvery * 1_000_000L, System.nanoTime());
            i++;
            String line = "{\"type\":\"ORDER_PAID\",\"eventId\":\"" + run + "-probe-" + i + "\",\"time\":\""
                    + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"orderId\":\"" + run + "-probe-" + i
                    + "\",\"buyerId\":\"probe-buyer\",\"newBuyer\":false,\"productId\":\"" + product
                    + "\",\"amount\":1.00,\"channel\":\"ORGANIC\"}\n";
            try {
                long sent = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(post).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + writer).header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
                long acked = System.nanoTime();
                if (r.statusCode() != 202 || number(r.body(), "accepted") != 1) {
                    error("probe: " + r.statusCode() + " " + r.body());
                    i--;
                    continue;
                }
                stats[2]++;
                ackMillis.add((acked - sent) / 1_000_000);
                stats[0]++;
                boolean seen = false;
                // a probe still unseen 60 s after its 202, or 5 s after the window, is given up: counted as a timeout, with
                // the time waited so far as its (lower bound) freshness
                while (System.nanoTime() - acked < 60_000_000_000L && (measuring || System.nanoTime() - windowEnd < 5_000_000_000L)) {
                    String kpis = kpis();
                    Matcher m = kpis == null ? null : gmv.matcher(kpis);
                    if (m != null && m.find() && Double.parseDouble(m.group(1)) >= i - 0.001) {
                        fresh.add((System.nanoTime() - acked) / 1_000_000);
                        seen = true;
                        break;
                    }
                    sleepNanos(10_000_000L);
                }
                if (!seen) {
                    stats[1]++;
                    fresh.add((System.nanoTime() - acked) / 1_000_000);
                }
            } catch (IOException e) {
                error("probe: " + e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void sample(List<String> rows, long counted0) {
        while (true) {
            sleepNanos(1_000_000_000L);
            long a = accepted.sum();
            long k = eventsCounted() - counted0;
            rows.add(String.format("%.1f,%d,%d,%d", (System.nanoTime() - startNanos) / 1e9, a, k, a - k));
        }
    }

    String kpis() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions/" + session + "/kpis"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + reader).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The KPIs' eventsCounted; retried while the KPIs cannot be read (503 while the aggregation starts). */
    long eventsCounted() {
        for (int i = 0; i < 50; i++) {
            String k = kpis();
            if (k != null) {
                return number(k, "eventsCounted");
            }
            sleepNanos(100_000_000L);
        }
        throw new IllegalStateException("GET /sessions/" + session + "/kpis does not answer 200");
    }

    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
