package com.livecommerce.session.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** How a session's events are spread over its sub-keys and their partitions. */
class SubKeysTest {

    @Test
    void murmur2OnARangeIsKafkasOnACopy() {
        Random r = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            byte[] b = new byte[r.nextInt(80)];
            r.nextBytes(b);
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            int to = from + (b.length == from ? 0 : r.nextInt(b.length - from));
            assertEquals(Utils.murmur2(Arrays.copyOfRange(b, from, to)), SubKeys.murmur2(b, from, to - from));
        }
    }

    @Test
    void nSubKeysUseNPartitionsAndSubKeyZeroIsTheSessionsOwn() {
        for (int i = 0; i < 1_000; i++) {
            UUID session = UUID.randomUUID();
            int partitions = 1 + i % 12;
            int n = 1 + i % partitions;
            Set<Integer> used = new HashSet<>();
            for (int k = 0; k < n; k++) {
                used.add(SubKeys.partition(session, k, partitions));
            }
            assertEquals(n, used.size(), "distinct partitions");
            // sub-key 0 is where the default partitioner puts the session id (the outbox's reservations land there)
            assertEquals(BuiltInPartitioner.partitionForKey(session.toString().getBytes(StandardCharsets.UTF_8), partitions),
                    SubKeys.partition(session, 0, partitions));
        }
        UUID s = UUID.fromString("0d8e9a3c-1f4b-4a51-9a0e-7b5d1c2e3f40");
        assertEquals(s.toString(), new String(SubKeys.key(s, 0), StandardCharsets.UTF_8));
        assertEquals(s + "/3", new String(SubKeys.key(s, 3), StandardCharsets.UTF_8));
    }

    @Test
    void aViewersEventsMeetInOneSubKeyWhicheverWayTheLineWasRead() {
        FastLine fast = new FastLine();
        int[] perSubKey = new int[4];
        for (int v = 0; v < 4_000; v++) {
            for (TelemetryType type : new TelemetryType[] {TelemetryType.VIEWER_ENTER, TelemetryType.VIEWER_LEAVE, TelemetryType.RESERVATION}) {
                String line = "{\"type\":\"" + type + "\",\"eventId\":\"e-" + v + type.ordinal() + "\",\"time\":\"2021-11-25T11:00:00Z\","
                        + "\"viewerId\":\"v-" + v + "\"}";
                byte[] b = line.getBytes(StandardCharsets.US_ASCII);
                fast.read(b, 0, b.length, null);
                int k = SubKeys.of(fast, 4);
                assertEquals(SubKeys.of(fast.event(), 4), k);
                if (type == TelemetryType.RESERVATION) {
                    assertEquals(0, k, "reservations go to sub-key 0");
                } else {
                    assertEquals(Utils.toPositive(Utils.murmur2(("v-" + v).getBytes(StandardCharsets.UTF_8))) % 4, k);
                    perSubKey[k]++;
                }
            }
        }
        for (int count : perSubKey) {
            assertEquals(2_000, count, 300, "spread evenly: " + Arrays.toString(perSubKey));
        }
    }
}
