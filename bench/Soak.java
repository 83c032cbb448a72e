import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's load and sampler (bench/soak.sh): mixed load on the four services for MINUTES, and every 10 s per service
 * its RSS (/proc/PID/status VmRSS), its heap after GC (jstat -gc: survivors + old generation used, what is left after the
 * last young collection; eden is not counted) and the p99 latency of its answers in the last 10 s.
 * usage: java bench/Soak.java MINUTES ADMIN_TOKEN TELEMETRY_TOKEN OUT_FILE name=port:pid ...
 * Load (4 threads): reads (merchant, merchant list, ledger, provider, leaderboards, session, KPIs, read models),
 * writes (ledger imports with new sourceIds, sessions created with an Idempotency-Key, merchant PATCHes), telemetry
 * (NDJSON batches into two live sessions), recommendations. Errors: any answer but 2xx, and connection errors; 503s
 * are counted apart.
 */
public class Soak {

    record Svc(String name, String url, long pid) {
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Map<String, List<Long>> window = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> unavailable = new ConcurrentHashMap<>();
    static final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    static final Map<String, String> lastError = new ConcurrentHashMap<>();
    static Map<String, Svc> svc = new LinkedHashMap<>();
    static String admin, feeder;

    public static void main(String[] args) throws Exception {
        int minutes = Integer.parseInt(args[0]);
        admin = args[1];
        feeder = args[2];
        Path out = Path.of(args[3]);
        for (String s : Arrays.copyOfRange(args, 4, args.length)) {
            String name = s.substring(0, s.indexOf('='));
            String[] pp = s.substring(s.indexOf('=') + 1).split(":");
            svc.put(name, new Svc(name, "http://127.0.0.1:" + pp[0], Long.parseLong(pp[1])));
            window.put(name, new ArrayList<>());
            errors.put(name, new AtomicLong());
            unavailable.put(name, new AtomicLong());
            requests.put(name, new AtomicLong());
        }
        // the data the load works on
        List<String> merchants = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            merchants.add(id(call("merchant", "POST", "/merchants", admin, """
                    {"name": "Soak merchant %d", "kind": "BRAND", "category": "apparel", "region": "Hangzhou", "followers": %d,
                     "trustRights": true}""".formatted(i, 1000 + i), "soak-m-" + i)));
        }
        List<String> providers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String p = id(call("provider", "POST", "/providers", admin, """
                    {"name": "Soak MCN %d", "type": "MCN", "categories": ["apparel"], "regions": ["Hangzhou"],
                     "capabilities": ["CONTENT", "AD_OPTIMIZATION", "LIVE_OPERATIONS"], "capacity": 10, "declaredServedGmv": 50000000.00}"""
                    .formatted(i), "soak-p-" + i));
            for (int o = 0; o < 3; o++) {
                call("provider", "POST", "/providers/" + p + "/operators", admin, """
                        {"name": "Soak operator %d", "specialties": ["LIVE_OPERATIONS"], "certified": true, "evidence": "soak"}"""
                        .formatted(o), "soak-o-" + i + "-" + o);
            }
            call("provider", "POST", "/providers/" + p + "/review", admin, "{}", null);
            providers.add(p);
        }
        List<String> live = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String s = id(call("session", "POST", "/sessions", admin, session(merchants.get(i), "Soak live " + i), "soak-live-" + i));
            call("session", "POST", "/sessions/" + s + "/start", admin, "{}", null);
            live.add(s);
        }
        resetWindows();
        AtomicBoolean on = new AtomicBoolean(true);
        AtomicLong seq = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        // reads
        threads.add(loop(on, () -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            String m = merchants.get(r.nextInt(merchants.size()));
            call("merchant", "GET", "/merchants/" + m, admin, null, null);
            call("merchant", "GET", "/merchants?size=20", admin, null, null);
            call("merchant", "GET", "/merchants/" + m + "/gmv?from=2020-01-01&to=2020-12-31&granularity=month", admin, null, null);
            call("provider", "GET", "/providers/" + providers.get(r.nextInt(providers.size())), admin, null, null);
            call("provider", "GET", "/leaderboards?size=20", admin, null, null);
            call("session", "GET", "/sessions/" + live.get(r.nextInt(2)), admin, null, null);
            call("session", "GET", "/sessions/" + live.get(r.nextInt(2)) + "/kpis", admin, null, null);
            call("matching", "GET", "/read-models/merchants/" + m, admin, null, null);
            call("matching", "GET", "/engagements?size=20", admin, null, null);
        }, 20));
        // writes
        threads.add(loop(on, () -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            long n = seq.incrementAndGet();
            String m = merchants.get((int) (n % merchants.size()));
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < 5; i++) {
                b.append(i == 0 ? "" : ",").append("{\"date\":\"%s\",\"gmv\":%d.50,\"orders\":%d,\"sourceId\":\"soak-%d-%d\"}"
                        .formatted(LocalDate.of(2020, 1, 1).plusDays((n * 5 + i) % 366), 1000 + r.nextInt(9000), 1 + r.nextInt(50), n, i));
            }
            call("merchant", "POST", "/merchants/" + m + "/gmv", admin, b.append(']').toString(), null);
            if (n % 5 == 0) {
                call("session", "POST", "/sessions", admin, session(m, "Soak scheduled " + n), "soak-s-" + n);
            }
            if (n % 3 == 0) {
                String current = call("merchant", "GET", "/merchants/" + m, admin, null, null);
                Matcher v = Pattern.compile("\"version\"\\s*:\\s*(\\d+)").matcher(current == null ? "" : current);
                if (v.find()) {
                    call("merchant", "PATCH", "/merchants/" + m, admin,
                            "{\"version\": %s, \"followers\": %d}".formatted(v.group(1), 1000 + r.nextInt(100000)), null);
                }
            }
        }, 50));
        // telemetry
        threads.add(loop(on, () -> {
            long n = seq.incrementAndGet();
            Instant t = Instant.now();
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                String e = "soak-t" + n + "-" + i;
                if (i % 10 == 9) {
                    b.append(("{\"type\":\"ORDER_PAID\",\"eventId\":\"%s\",\"time\":\"%s\",\"orderId\":\"%s\",\"buyerId\":\"v%d\",\"newBuyer\":true,"
                            + "\"productId\":\"p%d\",\"amount\":199.00,\"channel\":\"ORGANIC\"}\n").formatted(e, t, e, n * 50 + i, i % 7));
                } else if (i % 2 == 0) {
                    b.append("{\"type\":\"VIEWER_ENTER\",\"eventId\":\"%s\",\"time\":\"%s\",\"viewerId\":\"v%d\"}\n".formatted(e, t, n * 50 + i));
                } else {
                    b.append("{\"type\":\"VIEWER_LEAVE\",\"eventId\":\"%s\",\"time\":\"%s\",\"viewerId\":\"v%d\"}\n".formatted(e, t, n * 50 + i - 1));
                }
            }
            call("session", "POST", "/sessions/" + live.get((int) (n % 2)) + "/telemetry", feeder, b.toString(), null, "application/x-ndjson");
        }, 20));
        // recommendations
        threads.add(loop(on, () -> {
            String m = merchants.get(ThreadLocalRandom.current().nextInt(merchants.size()));
            call("matching", "GET", "/merchants/" + m + "/recommendations?limit=10", admin, null, null);
        }, 10));
        // a warm-up (the JIT, the pools, the first KPIs) before the first sample: a fifth of the run, at most a minute
        long warmUp = Math.min(60_000, minutes * 60_000L / 5);
        System.out.println("warm-up " + warmUp / 1000 + " s, then " + minutes + " min sampled every 10 s");
        Thread.sleep(warmUp);
        resetWindows();
        long start = System.nanoTime();
        long end = start + Duration.ofMinutes(minutes).toNanos();
        Map<String, double[]> first = new LinkedHashMap<>(), last = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        int tick = 0;
        while (System.nanoTime() < end) {
            tick++;
            // every 10 s of wall time (the sampling itself, four jstat runs, takes seconds on a busy machine)
            Thread.sleep(Math.max(0, (start + tick * 10_000_000_000L - System.nanoTime()) / 1_000_000));
            for (Svc s : svc.values()) {
                List<Long> lat;
                synchronized (window.get(s.name)) {
                    lat = new ArrayList<>(window.get(s.name));
                    window.get(s.name).clear();
                }
                double[] sample = {rssMb(s.pid), heapAfterGcMb(s.pid), p99(lat)};
                first.putIfAbsent(s.name, sample);
                last.put(s.name, sample);
                String line = "%4d s %-8s rss %6.0f MB  heap %6.1f MB  p99 %7.1f ms  requests %6d  errors %d  503 %d".formatted((System.nanoTime() - start) / 1_000_000_000L, s.name,
                        sample[0], sample[1], sample[2], lat.size(), errors.get(s.name).get(), unavailable.get(s.name).get());
                System.out.println(line);
                lines.add(line);
            }
        }
        on.set(false);
        for (Thread t : threads) {
            t.join();
        }
        for (Svc s : svc.values()) {
            double[] f = first.get(s.name), l = last.get(s.name);
            String line = "soak: %s rss %.0f->%.0f MB, heap %.0f->%.0f MB, p99 %.0f->%.0f ms, errors %d".formatted(s.name + "-service",
                    f[0], l[0], f[1], l[1], f[2], l[2], errors.get(s.name).get());
            lines.add(line);
            if (lastError.containsKey(s.name)) {
                lines.add("  (" + s.name + ": " + requests.get(s.name).get() + " requests, " + unavailable.get(s.name).get()
                        + " x 503; last error: " + lastError.get(s.name) + ")");
            } else {
                lines.add("  (" + s.name + ": " + requests.get(s.name).get() + " requests, " + unavailable.get(s.name).get() + " x 503)");
            }
        }
        Files.write(out, lines);
        lines.stream().filter(l -> l.startsWith("soak:") || l.startsWith("  (")).forEach(System.out::println);
    }

    static String session(String merchant, String title) {
        return """
                {"merchantId": "%s", "title": "%s", "scheduledStart": "%s", "plannedMinutes": 60, "gmvTarget": 100000.00,
                 "adBudget": {"PAID_PROMOTION": 1000.00, "FAN_BOOST": 0}}""".formatted(merchant, title, Instant.now().plusSeconds(3600));
    }

    interface Step {
        void run() throws Exception;
    }

    static Thread loop(AtomicBoolean on, Step step, long pauseMs) {
        Thread t = new Thread(() -> {
            while (on.get()) {
                try {
                    step.run();
                    Thread.sleep(pauseMs);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // counted by call()
                }
            }
        });
        t.start();
        return t;
    }

    static void resetWindows() {
        window.values().forEach(w -> {
            synchronized (w) {
                w.clear();
            }
        });
    }

    static String id(String json) {
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(json == null ? "" : json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }

    static String call(String service, String method, String path, String token, String body, String key) {
        return call(service, method, path, token, body, key, "application/json");
    }

    static String call(String service, String method, String path, String token, String body, String key, String type) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(svc.get(service).url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", type);
        }
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        requests.get(service).incrementAndGet();
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            long us = (System.nanoTime() - t0) / 1000;
            List<Long> w = window.get(service);
            synchronized (w) {
                w.add(us);
            }
            if (r.statusCode() == 503) {
                unavailable.get(service).incrementAndGet();
            } else if (r.statusCode() / 100 != 2) {
                errors.get(service).incrementAndGet();
                lastError.put(service, method + " " + path + " -> " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            errors.get(service).incrementAndGet();
            lastError.put(service, method + " " + path + " -> " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static double p99(List<Long> micros) {
        if (micros.isEmpty()) {
            return 0;
        }
        long[] a = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return a[Math.min(a.length - 1, (int) Math.ceil(a.length * 0.99) - 1)] / 1000.0;
    }

    static double rssMb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return 0;
    }

    /** jstat -gc: S0U + S1U + OU (KB), the heap in use once eden is emptied by a collection. */
    static double heapAfterGcMb(long pid) throws Exception {
        Process p = new ProcessBuilder("jstat", "-gc", Long.toString(pid)).redirectErrorStream(true).start();
        List<String> out = new String(p.getInputStream().readAllBytes()).lines().toList();
        p.waitFor();
        if (out.size() < 2) {
            return -1;
        }
        List<String> head = Arrays.asList(out.get(0).trim().split("\\s+"));
        String[] v = out.get(1).trim().split("\\s+");
        double kb = Double.parseDouble(v[head.indexOf("S0U")]) + Double.parseDouble(v[head.indexOf("S1U")])
                + Double.parseDouble(v[head.indexOf("OU")]);
        return kb / 1024.0;
    }
}
