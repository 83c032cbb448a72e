import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event propagation driver for bench/propagation.sh (run as a single-file source: java bench/Propagation.java ...).
 * Creates MERCHANTS merchants through merchant-service and waits until matching-service knows them; then PATCHes them
 * round robin at RATE per second, UPDATES times, and for each update polls matching's read model
 * (GET /read-models/merchants/{id}, which answers from the in-memory index recommendations use) every POLL_MS until its
 * profileVersion reaches the version the PATCH answered. Two intervals per update:
 * commit -> visible (PATCH answered, so committed with its outbox row, until matching shows the version) and
 * sent -> visible (from just before the PATCH was sent).
 * usage: java Propagation.java MERCHANT_BASE MATCHING_BASE TOKEN UPDATES RATE MERCHANTS POLL_MS
 */
public class Propagation {

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    static final Pattern PROFILE_VERSION = Pattern.compile("\"profileVersion\"\\s*:\\s*(-?\\d+)");

    record Pending(String merchant, long version, long sentNs, long committedNs) {
    }

    public static void main(String[] args) throws Exception {
        String merchantBase = args[0];
        String matchingBase = args[1];
        String token = args[2];
        int updates = Integer.parseInt(args[3]);
        double rate = Double.parseDouble(args[4]);
        int merchantCount = Integer.parseInt(args[5]);
        long pollMs = Long.parseLong(args[6]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        String[] ids = new String[merchantCount];
        long[] versions = new long[merchantCount];
        for (int m = 0; m < merchantCount; m++) {
            String body = """
                    {"name": "Propagation %d", "kind": "BRAND", "category": "apparel", "region": "Hangzhou", "followers": 1000, "trustRights": true}"""
                    .formatted(m);
            HttpResponse<String> r = http.send(json(merchantBase + "/merchants", token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("POST /merchants: " + r.statusCode() + " " + r.body());
            }
            ids[m] = group(ID, r.body());
            versions[m] = Long.parseLong(group(VERSION, r.body()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int m = 0; m < merchantCount; m++) {
            while (readVersion(http, matchingBase, token, ids[m]) < versions[m]) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("matching-service did not show merchant " + ids[m] + " within 120 s");
                }
                Thread.sleep(50);
            }
        }
        System.out.printf("%d merchants created and seen by matching-service; %d updates at %.0f/s, polling every %d ms%n",
                merchantCount, updates, rate, pollMs);

        Map<String, List<Pending>> pending = new ConcurrentHashMap<>();
        List<long[]> results = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(updates);
        Object[] locks = new Object[merchantCount];
        for (int m = 0; m < merchantCount; m++) {
            locks[m] = new Object();
        }
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(4);
        long periodNs = (long) (1e9 / rate);
        long start = System.nanoTime();
        for (int i = 0; i < updates; i++) {
            final int n = i;
            senders.schedule(() -> {
                int m = n % merchantCount;
                synchronized (locks[m]) {
                    try {
                        String body = "{\"version\": %d, \"followers\": %d}".formatted(versions[m], 2000 + n);
                        long sent = System.nanoTime();
                        HttpResponse<String> r = http.send(json(merchantBase + "/merchants/" + ids[m], token)
                                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        long committed = System.nanoTime();
                        if (r.statusCode() != 200) {
                            failures.add("PATCH " + r.statusCode() + " " + r.body());
                            done.countDown();
                            return;
                        }
                        versions[m] = Long.parseLong(group(VERSION, r.body()));
                        pending.computeIfAbsent(ids[m], k -> Collections.synchronizedList(new ArrayList<>()))
                                .add(new Pending(ids[m], versions[m], sent, committed));
                    } catch (Exception e) {
                        failures.add(String.valueOf(e));
                        done.countDown();
                    }
                }
            }, start + n * periodNs - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        Thread poller = new Thread(() -> {
            while (done.getCount() > 0) {
                List<CompletableFuture<?>> polls = new ArrayList<>();
                for (Map.Entry<String, List<Pending>> e : pending.entrySet()) {
                    if (e.getValue().isEmpty()) {
                        continue;
                    }
                    polls.add(http.sendAsync(json(matchingBase + "/read-models/merchants/" + e.getKey(), token).GET().build(),
                            HttpResponse.BodyHandlers.ofString()).thenAccept(r -> {
                                long seen = System.nanoTime();
                                if (r.statusCode() != 200) {
                                    return;
                                }
                                long v = Long.parseLong(group(PROFILE_VERSION, r.body()));
                                synchronized (e.getValue()) {
                                    e.getValue().removeIf(p -> {
                                        if (p.version() <= v) {
                                            results.add(new long[] {seen - p.committedNs(), seen - p.sentNs()});
                                            done.countDown();
                                            return true;
                                        }
                                        return false;
                                    });
                                }
                            }));
                }
                CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).orTimeout(5, TimeUnit.SECONDS).exceptionally(t -> null).join();
                try {
                    Thread.sleep(pollMs);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        });
        poller.start();
        boolean all = done.await((long) (updates / rate) + 120, TimeUnit.SECONDS);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        senders.shutdownNow();
        poller.interrupt();
        List<Long> commit = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        synchronized (results) {
            for (long[] r : results) {
                commit.add(r[0]);
                sent.add(r[1]);
            }
        }
        Collections.sort(commit);
        Collections.sort(sent);
        System.out.printf("updates %d, seen %d, failed %d%s, in %.1f s (%.1f updates/s)%n", updates, commit.size(), failures.size(),
                failures.isEmpty() ? "" : " (first: " + failures.get(0) + ")", elapsedMs / 1000.0, commit.size() * 1000.0 / elapsedMs);
        System.out.println("commit -> visible in matching (ms): " + stats(commit));
        System.out.println("PATCH sent -> visible in matching (ms): " + stats(sent));
        System.exit(all && failures.isEmpty() ? 0 : 1);
    }

    static String stats(List<Long> sortedNs) {
        if (sortedNs.isEmpty()) {
            return "n/a";
        }
        return "p50 %.1f, p90 %.1f, p99 %.1f, max %.1f, min %.1f".formatted(pct(sortedNs, 50), pct(sortedNs, 90), pct(sortedNs, 99),
                sortedNs.get(sortedNs.size() - 1) / 1e6, sortedNs.get(0) / 1e6);
    }

    /** Nearest-rank percentile, in ms. */
    static double pct(List<Long> sortedNs, double p) {
        int rank = (int) Math.ceil(p / 100 * sortedNs.size());
        return sortedNs.get(Math.max(0, rank - 1)) / 1e6;
    }

    static long readVersion(HttpClient http, String base, String token, String id) throws Exception {
        HttpResponse<String> r = http.send(json(base + "/read-models/merchants/" + id, token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Long.parseLong(group(PROFILE_VERSION, r.body())) : -2;
    }

    static HttpRequest.Builder json(String uri, String token) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json");
    }

    static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + s);
        }
        return m.group(1);
    }
}
