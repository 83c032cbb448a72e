package com.livecommerce.session.kpi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The partial stage's state for one partition of {@code session-telemetry}: the distinct sets of the sessions whose
 * sub-keys live there (event ids, viewers, reserving viewers, buyers, orders), in a RocksDB database of its own, with the
 * offset of the last record applied written in the same atomic batch as the record's changes. That makes the state a
 * function of a prefix of the partition: after a crash it is caught up by reading the partition from the next offset, and
 * a lost database is rebuilt from the partition itself ({@link PartialStage}); nothing is written to a changelog, which
 * would cost a Kafka record per new key. The WAL is off (the partition is the log); {@link #close()} flushes.
 * <p>
 * Keys: {@code [0]} the applied offset; {@code session (16 bytes) + kind + id} for members (kinds {@value #EVENT},
 * {@value #VIEWER}, {@value #RESERVER}, {@value #BUYER}, {@value #ORDER}); {@code session + 'C'} once a sub-key is closed
 * (its members are deleted then). Each session has a {@link SessionFilter} in front of its keys, rebuilt when the database
 * is opened.
 */
final class PartialStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PartialStore.class);
    static final byte EVENT = 'E', VIEWER = 'V', RESERVER = 'R', BUYER = 'B', ORDER = 'O', CLOSED = 'C';
    private static final byte[] APPLIED = {0};

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final Map<String, Object> configs;
    private final Map<UUID, SessionFilter> filters = new HashMap<>();
    private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
    private final ReadOptions readOptions = new ReadOptions().setVerifyChecksums(false);
    private Options options;
    private RocksDB db;
    private long applied;

    private PartialStore(Path dir, Map<String, Object> configs) {
        this.dir = dir;
        this.configs = configs;
    }

    /** Opens (or creates) the database in {@code dir}, waiting a little for a previous owner in this JVM to let go of it. */
    static PartialStore open(Path dir, Map<String, Object> configs) {
        PartialStore store = new PartialStore(dir, configs);
        store.openDb();
        return store;
    }

    private void openDb() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options = new Options().setCreateIfMissing(true).setMaxBackgroundJobs(2).setWriteBufferSize(32L << 20)
                .setMaxWriteBufferNumber(3).setLevel0FileNumCompactionTrigger(4).setAvoidFlushDuringShutdown(false);
        BoundedRocksDb.tune(options, configs);
        RocksDBException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                db = RocksDB.open(options, dir.toString());
                break;
            } catch (RocksDBException e) { // the lock of a task this JVM is still closing
                last = e;
                sleep(100);
            }
        }
        if (db == null) {
            throw new IllegalStateException("cannot open the partial store " + dir + ": " + last.getMessage(), last);
        }
        byte[] a = get(APPLIED);
        applied = a == null ? -1 : ByteBuffer.wrap(a).getLong();
        long keys = 0;
        long started = System.nanoTime();
        try (RocksIterator it = db.newIterator(readOptions)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key.length > 16 && key[16] != CLOSED) {
                    filter(session(key)).add(key);
                    keys++;
                }
            }
        }
        LOG.infof("partial store %s open: applied offset %d, %d keys of %d open sessions (filters rebuilt in %d ms)", dir, applied,
                keys, filters.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** The offset of the last record applied, -1 when none. */
    long applied() {
        return applied;
    }

    SessionFilter filter(UUID session) {
        return filters.computeIfAbsent(session, s -> new SessionFilter());
    }

    boolean closed(UUID session) {
        return get(key(session, CLOSED, null, 0, 0)) != null;
    }

    byte[] get(byte[] key) {
        try {
            return db.get(readOptions, key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    List<byte[]> multiGet(List<byte[]> keys) {
        try {
            return db.multiGetAsList(readOptions, keys);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a record's changes and its offset, atomically. */
    void commit(WriteBatch batch, long offset) {
        try {
            batch.put(APPLIED, ByteBuffer.allocate(8).putLong(offset).array());
            db.write(writeOptions, batch);
            applied = offset;
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds to a batch: every member of the session deleted, the closed marker written. */
    void closeSession(WriteBatch batch, UUID session) {
        try {
            byte[] from = key(session, (byte) 0, null, 0, 0);
            byte[] to = key(session, (byte) 0xFF, null, 0, 0);
            batch.deleteRange(from, to);
            batch.put(key(session, CLOSED, null, 0, 0), new byte[] {1});
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
        SessionFilter f = filters.remove(session);
        if (f != null) {
            f.release();
        }
    }

    /** Deletes everything (the state ran ahead of the committed offsets): the caller rebuilds it from the partition. */
    void wipe() {
        closeDb();
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openDb();
    }

    /** Bytes of the database on disk (SST files and what else RocksDB keeps there). */
    long diskBytes() {
        try (var files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        closeDb();
        writeOptions.close();
        readOptions.close();
    }

    private void closeDb() {
        if (db == null) {
            return;
        }
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush);
        } catch (RocksDBException e) {
            LOG.warnf("flushing the partial store %s failed (it is caught up from the partition at the next open): %s", dir,
                    e.getMessage());
        }
        db.close();
        db = null;
        options.close();
        filters.values().forEach(SessionFilter::release);
        filters.clear();
    }

    static UUID session(byte[] key) {
        ByteBuffer b = ByteBuffer.wrap(key, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /** {@code session + kind + bytes[from, from+len)} ({@code bytes} null: the session's prefix plus the kind). */
    static byte[] key(UUID session, byte kind, byte[] bytes, int from, int len) {
        byte[] k = new byte[17 + len];
        long m = session.getMostSignificantBits(), l = session.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            k[i] = (byte) (m >>> (56 - 8 * i));
            k[8 + i] = (byte) (l >>> (56 - 8 * i));
        }
        k[16] = kind;
        if (bytes != null) {
            System.arraycopy(bytes, from, k, 17, len);
        }
        return k;
    }

    @Override
    public String toString() {
        return dir.toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
