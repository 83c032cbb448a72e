package com.livecommerce.matching.index;

import com.livecommerce.matching.readmodel.Need;
import com.livecommerce.matching.scoring.Scorer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The in-memory index recommendations and campaigns run from: merchants, providers and open engagements,
 * loaded from the read-model tables at startup and kept current from them. Every replica polls the rows
 * changed since it last looked ({@code matching.index.refresh-interval}, default 100 ms), so a change written
 * by any replica (a consumer of the events, an engagement accepted elsewhere) reaches every index; the consumers
 * of this replica {@link #poke() poke} it right after their commit. Nothing on the request path calls another
 * service or the database.
 * <p>
 * Picking up changes exactly: each row carries the id of the transaction that last wrote it
 * ({@code changed_xid}). A look reads the rows whose transaction id is at least the oldest transaction still
 * running at the previous look ({@code pg_snapshot_xmin}): every transaction below it had finished then, so
 * nothing committed late is ever skipped; rows of recent transactions may be read twice, which is harmless
 * (each entry is replaced whole).
 */
@ApplicationScoped
public class MatchingIndex {

    private static final Logger LOG = Logger.getLogger(MatchingIndex.class);

    private static final String HORIZON = "select h.horizon::text as horizon, t.* from"
            + " (select pg_snapshot_xmin(pg_current_snapshot()) as horizon) h left join ";

    private final Map<UUID, MerchantEntry> merchants = new ConcurrentHashMap<>();
    private final Map<UUID, ProviderEntry> providers = new ConcurrentHashMap<>();
    private final Map<UUID, OpenEngagement> engagements = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> openByMerchant = new ConcurrentHashMap<>();
    private final Map<UUID, int[]> loadByProvider = new ConcurrentHashMap<>();

    private final List<Feed> feeds = List.of(
            new Feed("merchants", "merchant_view t on t.changed_xid >= $1::xid8", this::merchant),
            new Feed("providers", "provider_view t on t.changed_xid >= $1::xid8", this::provider),
            new Feed("engagements", "engagement t on t.changed_xid >= $1::xid8", this::engagement));

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong lastRefresh = new AtomicLong();
    private final AtomicLong providerChanges = new AtomicLong();
    private volatile boolean loaded;
    private volatile Long timer;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    Scorer scorer;

    @ConfigProperty(name = "matching.index.refresh-interval", defaultValue = "0.1s")
    Duration refreshInterval;

    /** An open (PROPOSED, ACCEPTED or ACTIVE) engagement: it blocks the pair, and holds capacity once accepted. */
    public record OpenEngagement(UUID id, UUID merchant, UUID provider, String status) {

        boolean holdsCapacity() {
            return "ACCEPTED".equals(status) || "ACTIVE".equals(status);
        }
    }

    private static final class Feed {
        final String name;
        final String from;
        final Consumer<Row> apply;
        volatile String horizon = "0";

        Feed(String name, String from, Consumer<Row> apply) {
            this.name = name;
            this.from = from;
            this.apply = apply;
        }
    }

    void start(@Observes StartupEvent startup) {
        try {
            refreshAll().await().atMost(Duration.ofSeconds(60));
            LOG.infof("matching index loaded: %d merchants, %d providers, %d open engagements", merchants.size(),
                    providers.size(), engagements.size());
        } catch (RuntimeException e) {
            LOG.warnf("matching index not loaded at startup (%s); retrying in the background", e.getMessage());
        }
        timer = vertx.setPeriodic(Math.max(10, refreshInterval.toMillis()), id -> poke());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    /** True once every table has been read completely at least once (readiness waits for it). */
    public boolean loaded() {
        return loaded;
    }

    /** When the index last finished a look at the tables (epoch millis). */
    public long lastRefresh() {
        return lastRefresh.get();
    }

    /** Look at the tables now (or right after the look under way). */
    public void poke() {
        again.set(true);
        drain();
    }

    private void drain() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        again.set(false);
        refreshAll().subscribe().with(ok -> {
            running.set(false);
            if (again.get()) {
                drain();
            }
        }, failure -> {
            running.set(false);
            LOG.debugf("index refresh failed (retried at the next tick): %s", failure.getMessage());
        });
    }

    /** Reads what changed in every table since the last look. */
    public Uni<Void> refreshAll() {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Feed feed : feeds) {
            chain = chain.chain(() -> refresh(feed));
        }
        return chain.invoke(() -> {
            loaded = true;
            lastRefresh.set(System.currentTimeMillis());
        });
    }

    private Uni<Void> refresh(Feed feed) {
        return pool.preparedQuery(HORIZON + feed.from).execute(Tuple.of(feed.horizon)).invoke(rows -> {
            String horizon = feed.horizon;
            for (Row row : rows) {
                horizon = row.getString("horizon");
                if (row.getValue("id") != null) {
                    feed.apply.accept(row);
                }
            }
            feed.horizon = horizon;
        }).replaceWithVoid();
    }

    private void merchant(Row row) {
        UUID id = row.getUUID("id");
        merchants.put(id, new MerchantEntry(id, row.getString("name"), row.getString("kind"), row.getString("category"),
                row.getString("region"), row.getString("stage"), Need.mask(Arrays.asList(row.getArrayOfStrings("needs"))),
                row.getLong("profile_version"), row.getLong("stage_version")));
    }

    private void provider(Row row) {
        UUID id = row.getUUID("id");
        boolean good = "ADMITTED".equals(row.getString("admission")) && !row.getBoolean("suspended");
        BigDecimal served = row.getBigDecimal("served_gmv_12m");
        ProviderEntry entry = new ProviderEntry(id, row.getString("name"), row.getString("type"),
                Set.copyOf(Arrays.asList(row.getArrayOfStrings("categories"))),
                Set.copyOf(Arrays.asList(row.getArrayOfStrings("regions"))),
                Need.mask(Arrays.asList(row.getArrayOfStrings("capabilities"))), row.getInteger("capacity"), good,
                row.getString("tier"), row.getString("badge"), served, row.getInteger("merchants_leapt"), row.getLong("version"),
                scorer.trackRecord(served, row.getInteger("merchants_leapt")), Scorer.tier(row.getString("tier"), row.getString("badge")));
        if (!entry.equals(providers.put(id, entry))) { // a row read again unchanged (a recent transaction's) changes nothing
            providerChanges.incrementAndGet();
        }
    }

    private void engagement(Row row) {
        UUID id = row.getUUID("id");
        String status = row.getString("status");
        boolean open = "PROPOSED".equals(status) || "ACCEPTED".equals(status) || "ACTIVE".equals(status);
        synchronized (engagements) {
            OpenEngagement before = engagements.remove(id);
            OpenEngagement after = null;
            if (before != null) {
                count(before, -1);
                Set<UUID> pairs = openByMerchant.get(before.merchant());
                if (pairs != null) {
                    pairs.remove(before.provider());
                    if (pairs.isEmpty()) {
                        openByMerchant.remove(before.merchant());
                    }
                }
            }
            if (open) {
                OpenEngagement now = new OpenEngagement(id, row.getUUID("merchant_id"), row.getUUID("provider_id"), status);
                engagements.put(id, now);
                count(now, +1);
                openByMerchant.computeIfAbsent(now.merchant(), m -> ConcurrentHashMap.newKeySet()).add(now.provider());
                after = now;
            }
            if (!Objects.equals(before, after)) {
                providerChanges.incrementAndGet();
            }
        }
    }

    private void count(OpenEngagement e, int delta) {
        int[] load = loadByProvider.computeIfAbsent(e.provider(), p -> new int[2]);
        load[e.holdsCapacity() ? 0 : 1] += delta;
    }

    /**
     * A number that changes whenever a provider or an engagement changes (what a provider's standing and capacity left
     * depend on): whatever is derived from {@link #providers()} and {@link #remainingCapacity} and tagged with the value
     * read before deriving it is current while the value stays the same.
     */
    public long providerVersion() {
        return providerChanges.get();
    }

    public Optional<MerchantEntry> merchant(UUID id) {
        return Optional.ofNullable(merchants.get(id));
    }

    public Collection<MerchantEntry> merchants() {
        return Collections.unmodifiableCollection(merchants.values());
    }

    public Optional<ProviderEntry> provider(UUID id) {
        return Optional.ofNullable(providers.get(id));
    }

    public Collection<ProviderEntry> providers() {
        return Collections.unmodifiableCollection(providers.values());
    }

    /** Engagements holding the provider's capacity (ACCEPTED or ACTIVE). */
    public int held(UUID provider) {
        int[] load = loadByProvider.get(provider);
        return load == null ? 0 : load[0];
    }

    /** Open proposals to the provider (PROPOSED). */
    public int proposed(UUID provider) {
        int[] load = loadByProvider.get(provider);
        return load == null ? 0 : load[1];
    }

    /** Capacity left: capacity minus what accepted and active engagements hold (never below 0). */
    public int remainingCapacity(ProviderEntry p) {
        return Math.max(0, p.capacity() - held(p.id()));
    }

    /** The providers the merchant has an open engagement with. */
    public Set<UUID> openProviders(UUID merchant) {
        Set<UUID> open = openByMerchant.get(merchant);
        return open == null ? Set.of() : new HashSet<>(open);
    }

    /** True when the merchant has any open engagement. */
    public boolean engaged(UUID merchant) {
        Set<UUID> open = openByMerchant.get(merchant);
        return open != null && !open.isEmpty();
    }
}
