package com.livecommerce.session.kpi;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/** The merge stage's store on a RocksDB database of its own, for tests that run the stages without Kafka Streams. */
final class RocksMergeStore implements MergeStage.Store, AutoCloseable {

    private final Options options = new Options().setCreateIfMissing(true);
    private final RocksDB db;

    RocksMergeStore(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
            db = RocksDB.open(options, dir.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void put(byte[] key, byte[] value) {
        try {
            db.put(key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void delete(byte[] key) {
        try {
            db.delete(key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void scan(byte[] prefix, BiConsumer<byte[], byte[]> each) {
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (k.length < prefix.length || !Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
                    break;
                }
                each.accept(k, it.value());
            }
        }
    }

    @Override
    public void close() {
        db.close();
        options.close();
    }
}
