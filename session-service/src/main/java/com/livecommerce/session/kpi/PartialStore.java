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
 * Keys: {@code [0]} the applied offset; {@code [1] + session id} the session's ordinal in this store (4 bytes, -1 once
 * its sub-key is closed: its members are deleted then); {@code [2]} the next ordinal; {@code ordinal (4 bytes) + kind + id}
 * for members (kinds {@value #EVENT}, {@value #VIEWER}, {@value #RESERVER}, {@value #BUYER}, {@value #ORDER}). The ordinal
 * instead of the 16-byte session id keeps the keys short (less to insert, flush and compact: one key per event). Each
 * session has a {@link SessionFilter} in front of its keys, rebuilt when the database is opened.
 */
final class PartialStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PartialStore.class);
    static final byte EVENT = 'E', VIEWER = 'V', RESERVER = 'R', BUYER = 'B', ORDER = 'O';
    private static final byte[] APPLIED = {0};
    private static final byte SESSION = 1;
    private static final byte[] NEXT_ORDINAL = {2};
    /** Ordinals start here, so that members' keys (first byte 0x10 and up) never meet the keys above. */
    static final int FIRST_ORDINAL = 0x1000_0000;
    /** The ordinal of a session whose sub-key is closed here. */
    static final int CLOSED = -1;
    /** Where the kind byte of a member key is. */
    static final int KIND = 4;

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final Map<String, Object> configs;
    private final Map<UUID, SessionFilter> filters = new HashMap<>();
    private final Map<UUID, Integer> ordinals = new HashMap<>();
    private int nextOrdinal;
    private final RecentKeys recent;
    private final WriteOptions writeOptions = new WriteOptions().setDisableWAL(true);
    private final ReadOptions readOptions = new ReadOptions().setVerifyChecksums(false);
    private Options options;
    private RocksDB db;
    private long applied;

    /** Keys per generation of the recent members ({@link RecentKeys}), a Streams config ({@code session.kpi.recent-members}). */
    static final String RECENT_MEMBERS = "session.kpi.recent-members";

    private PartialStore(Path dir, Map<String, Object> configs) {
        this.dir = dir;
        this.configs = configs;
        Object recentMembers = configs.get(RECENT_MEMBERS);
        this.recent = new RecentKeys(recentMembers == null ? 65_536 : Integer.parseInt(recentMembers.toString()));
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
        byte[] next = get(NEXT_ORDINAL);
        nextOrdinal = next == null ? FIRST_ORDINAL : ByteBuffer.wrap(next).getInt();
        long keys = 0;
        long started = System.nanoTime();
        Map<Integer, UUID> sessions = new HashMap<>();
        try (RocksIterator it = db.newIterator(readOptions)) {
            for (it.seek(new byte[] {SESSION}); it.isValid() && it.key()[0] == SESSION; it.next()) {
                int ordinal = ByteBuffer.wrap(it.value()).getInt();
                if (ordinal != CLOSED) {
                    sessions.put(ordinal, session(it.key(), 1));
                }
            }
            for (it.seek(ByteBuffer.allocate(4).putInt(FIRST_ORDINAL).array()); it.isValid(); it.next()) {
                byte[] key = it.key();
                UUID session = sessions.get(ByteBuffer.wrap(key, 0, 4).getInt());
                if (session != null) {
                    filter(session).add(key);
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

    /** The session's ordinal here ({@link #CLOSED} once its sub-key is closed); a new session gets one, in {@code batch}. */
    int ordinal(UUID session, Batch batch) {
        Integer known = ordinals.get(session);
        if (known != null) {
            return known;
        }
        byte[] stored = get(sessionKey(session));
        int ordinal;
        if (stored != null) {
            ordinal = ByteBuffer.wrap(stored).getInt();
        } else {
            ordinal = nextOrdinal++;
            batch.put(sessionKey(session), ByteBuffer.allocate(4).putInt(ordinal).array());
            batch.put(NEXT_ORDINAL, ByteBuffer.allocate(4).putInt(nextOrdinal).array());
        }
        ordinals.put(session, ordinal);
        return ordinal;
    }

    boolean closed(UUID session) {
        Integer known = ordinals.get(session);
        if (known != null) {
            return known == CLOSED;
        }
        byte[] stored = get(sessionKey(session));
        return stored != null && ByteBuffer.wrap(stored).getInt() == CLOSED;
    }

    private static byte[] sessionKey(UUID session) {
        byte[] k = new byte[17];
        k[0] = SESSION;
        ByteBuffer.wrap(k, 1, 16).putLong(session.getMostSignificantBits()).putLong(session.getLeastSignificantBits());
        return k;
    }

    /** A member's key: {@code ordinal + kind + bytes[from, from+len)}. */
    static byte[] memberKey(int ordinal, byte kind, byte[] bytes, int from, int len) {
        byte[] k = new byte[5 + len];
        k[0] = (byte) (ordinal >>> 24);
        k[1] = (byte) (ordinal >>> 16);
        k[2] = (byte) (ordinal >>> 8);
        k[3] = (byte) ordinal;
        k[KIND] = kind;
        System.arraycopy(bytes, from, k, 5, len);
        return k;
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

    /**
     * The puts of one record, written straight into RocksDB's serialized write-batch format (a 12-byte header, then per put
     * the tag 0x01, the key and the value as varint-length strings), so that a chunk's thousands of puts cost one call into
     * RocksDB instead of one each. {@code PartialStoreTest} checks the bytes against RocksDB's own batches.
     */
    static final class Batch {
        private byte[] rep = new byte[64 * 1024];
        private int pos = 12;
        private int count;
        private UUID closing;

        void put(byte[] key, byte[] value) {
            ensure(key.length + value.length + 11);
            rep[pos++] = 0x01; // kTypeValue
            varint(key.length);
            System.arraycopy(key, 0, rep, pos, key.length);
            pos += key.length;
            varint(value.length);
            System.arraycopy(value, 0, rep, pos, value.length);
            pos += value.length;
            count++;
        }

        /** At commit: every member of the session deleted (after the puts), the session marked closed. */
        void close(UUID session) {
            closing = session;
        }

        byte[] serialized() {
            byte[] out = java.util.Arrays.copyOf(rep, pos);
            // sequence (fixed64, 0: RocksDB assigns it) then count (fixed32), little-endian
            out[8] = (byte) count;
            out[9] = (byte) (count >>> 8);
            out[10] = (byte) (count >>> 16);
            out[11] = (byte) (count >>> 24);
            return out;
        }

        private void varint(int v) {
            while ((v & ~0x7F) != 0) {
                rep[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            rep[pos++] = (byte) v;
        }

        private void ensure(int more) {
            if (pos + more > rep.length) {
                rep = java.util.Arrays.copyOf(rep, Math.max(rep.length * 2, pos + more));
            }
        }
    }

    /** Writes a record's changes and its offset, atomically. */
    void commit(Batch batch, long offset) {
        batch.put(APPLIED, ByteBuffer.allocate(8).putLong(offset).array());
        try (WriteBatch wb = new WriteBatch(batch.serialized())) {
            if (batch.closing != null) {
                UUID session = batch.closing;
                Integer ordinal = ordinals.get(session);
                if (ordinal != null && ordinal != CLOSED) {
                    wb.deleteRange(ByteBuffer.allocate(4).putInt(ordinal).array(), ByteBuffer.allocate(4).putInt(ordinal + 1).array());
                }
                wb.put(sessionKey(session), ByteBuffer.allocate(4).putInt(CLOSED).array());
                ordinals.put(session, CLOSED);
                SessionFilter f = filters.remove(session);
                if (f != null) {
                    f.release();
                }
                recent.clear();
            }
            db.write(writeOptions, wb);
            applied = offset;
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The member keys this store wrote last (exact; see {@link RecentKeys}). */
    RecentKeys recent() {
        return recent;
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

    /** A RocksDB property of the database ({@code rocksdb.stats}, {@code rocksdb.num-files-at-level0}, ...), for diagnostics. */
    String property(String name) {
        try {
            return db.getProperty(name);
        } catch (RocksDBException e) {
            return e.getMessage();
        }
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
        ordinals.clear();
        recent.clear();
    }

    static UUID session(byte[] key, int at) {
        ByteBuffer b = ByteBuffer.wrap(key, at, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    /**
     * {@code session + kind + bytes[from, from+len)} ({@code bytes} null: the session's prefix plus the kind): the keys of
     * the merge stage's store, one session's records together.
     */
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
