package com.livecommerce.session.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.utils.Utils;

/**
 * How one session's telemetry is spread over several Kafka keys (sub-keys), so that a hot session is aggregated by
 * several partitions, hence several stream threads or instances, at once. A session has {@code n} sub-keys (fixed when it
 * is scheduled, 1 by default):
 * <ul>
 * <li>VIEWER_ENTER and VIEWER_LEAVE go to sub-key {@code murmur2(viewerId) mod n}: every viewer's events meet in one
 * sub-key, so distinct viewers (and each viewer's watch time) are exact per sub-key and add up across them;</li>
 * <li>every other type (orders, refunds, ad spend, reservations) goes to sub-key 0: buyers, orders, refunds and
 * reservations meet there, so they stay exact without a cross-key lookup (they are a few percent of a session's
 * events);</li>
 * <li>sub-key 0's Kafka key is the session id, sub-key k's is {@code <session id>/<k>}; sub-key k is written to partition
 * {@code (p0 + k) mod partitions}, where p0 is the session id's partition under Kafka's default partitioner (so sub-key 0
 * is where the outbox's reservations land, and sub-keys never share a partition while {@code n <= partitions}).</li>
 * </ul>
 */
public final class SubKeys {

    private SubKeys() {
    }

    /** The sub-key of an event of a session with {@code n} sub-keys. */
    public static int of(TelemetryEvent event, int n) {
        if (n == 1 || event.type() != TelemetryType.VIEWER_ENTER && event.type() != TelemetryType.VIEWER_LEAVE) {
            return 0;
        }
        return Utils.toPositive(Utils.murmur2(event.viewerId().getBytes(StandardCharsets.UTF_8))) % n;
    }

    /** The sub-key of an event read in place ({@link FastLine}): the same as {@link #of(TelemetryEvent, int)}. */
    public static int of(FastLine line, int n) {
        if (n == 1 || line.type != TelemetryType.VIEWER_ENTER && line.type != TelemetryType.VIEWER_LEAVE) {
            return 0;
        }
        return Utils.toPositive(murmur2(line.bytes(), line.viewerOffset, line.viewerLength)) % n;
    }

    /** Kafka's murmur2 ({@code Utils.murmur2}) on a range of an array, without copying it. */
    static int murmur2(byte[] data, int offset, int length) {
        final int seed = 0x9747b28c;
        final int m = 0x5bd1e995;
        final int r = 24;
        int h = seed ^ length;
        int length4 = length / 4;
        for (int i = 0; i < length4; i++) {
            final int i4 = offset + i * 4;
            int k = (data[i4] & 0xff) + ((data[i4 + 1] & 0xff) << 8) + ((data[i4 + 2] & 0xff) << 16) + ((data[i4 + 3] & 0xff) << 24);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h *= m;
            h ^= k;
        }
        int tail = offset + (length & ~3);
        switch (length % 4) {
            case 3:
                h ^= (data[tail + 2] & 0xff) << 16;
            case 2:
                h ^= (data[tail + 1] & 0xff) << 8;
            case 1:
                h ^= data[tail] & 0xff;
                h *= m;
            default:
        }
        h ^= h >>> 13;
        h *= m;
        h ^= h >>> 15;
        return h;
    }

    /** The Kafka key of sub-key {@code k}. */
    public static byte[] key(UUID session, int k) {
        return (k == 0 ? session.toString() : session + "/" + k).getBytes(StandardCharsets.UTF_8);
    }

    /** The partition of sub-key {@code k} in a topic of {@code partitions} partitions. */
    public static int partition(UUID session, int k, int partitions) {
        int p0 = Utils.toPositive(Utils.murmur2(session.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
        return (p0 + k) % partitions;
    }
}
