package com.livecommerce.session.kpi;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store of the JVM together: one shared block cache
 * ({@code session.kpi.rocksdb.block-cache}, default 64 MiB) that also holds the memtables through a write
 * buffer manager ({@code session.kpi.rocksdb.write-buffers}, default 32 MiB of it), index and filter blocks
 * in the cache. The distinct sets (5,000,000 viewers of one session and more) stay on disk; the JVM heap
 * only holds the per-session totals.
 */
public class BoundedRocksDb implements RocksDBConfigSetter {

    public static final String BLOCK_CACHE = "session.kpi.rocksdb.block-cache";
    public static final String WRITE_BUFFERS = "session.kpi.rocksdb.write-buffers";

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    private static synchronized void init(Map<String, Object> configs) {
        if (cache == null) {
            long blockCache = bytes(configs.get(BLOCK_CACHE), 64L << 20);
            long buffers = bytes(configs.get(WRITE_BUFFERS), 32L << 20);
            cache = new LRUCache(blockCache, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(buffers, cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        init(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBuffers);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(8L << 20);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store: never closed per store
    }

    private static long bytes(Object value, long fallback) {
        if (value == null) {
            return fallback;
        }
        return Long.parseLong(value.toString().trim());
    }
}
