package com.livecommerce.session.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunk format (format 2 of session-telemetry) is what its Avro schema says: what {@link TelemetryChunk.Writer} writes,
 * Apache Avro reads with {@code TelemetryChunk.avsc}; what Avro writes (several array blocks, too), {@link
 * TelemetryChunk.Reader} reads; both ways field by field, on random events of every type (ids with non-ASCII characters,
 * negative and large times, amounts up to the maximum).
 */
class TelemetryChunkTest {

    static final Schema SCHEMA;

    static {
        try {
            SCHEMA = new Schema.Parser().parse(new File("src/main/resources/events/session-telemetry/TelemetryChunk.avsc"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, 25);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void whatTheWriterWritesAvroReads(long seed) throws IOException {
        Random r = new Random(seed);
        UUID session = UUID.randomUUID();
        List<TelemetryEvent> events = randomEvents(r, r.nextInt(300));
        TelemetryChunk.Writer w = new TelemetryChunk.Writer(session, 2, 4, 1_637_838_000_000L, 240);
        events.forEach(w::add);
        byte[] bytes = w.toBytes();
        GenericRecord chunk = new GenericDatumReader<GenericRecord>(SCHEMA).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
        assertEquals(session.toString(), chunk.get("sessionId").toString());
        assertEquals(2, chunk.get("subKey"));
        assertEquals(4, chunk.get("subKeys"));
        assertEquals(1_637_838_000_000L, chunk.get("startedAtMs"));
        assertEquals(240, chunk.get("plannedMinutes"));
        @SuppressWarnings("unchecked")
        List<GenericRecord> read = (List<GenericRecord>) chunk.get("events");
        assertEquals(events.size(), read.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(events.get(i), fromAvro(read.get(i)), "seed " + seed + ", event " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void whatAvroWritesTheReaderReads(long seed) throws IOException {
        Random r = new Random(seed);
        UUID session = UUID.randomUUID();
        List<TelemetryEvent> events = randomEvents(r, 1 + r.nextInt(300));
        GenericRecord chunk = new GenericData.Record(SCHEMA);
        chunk.put("sessionId", session.toString());
        chunk.put("subKey", 0);
        chunk.put("subKeys", 1);
        chunk.put("startedAtMs", 0L);
        chunk.put("plannedMinutes", 60);
        Schema eventSchema = SCHEMA.getField("events").schema().getElementType();
        List<GenericRecord> records = new ArrayList<>();
        events.forEach(e -> records.add(toAvro(eventSchema, e)));
        chunk.put("events", records);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // a small block size, so the array comes in several blocks with their sizes (negative counts)
        BinaryEncoder encoder = EncoderFactory.get().blockingBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(SCHEMA).write(chunk, encoder);
        encoder.flush();
        TelemetryChunk.Reader reader = new TelemetryChunk.Reader(out.toByteArray());
        assertEquals(session, reader.session);
        List<TelemetryEvent> read = new ArrayList<>();
        while (reader.next()) {
            read.add(reader.event());
        }
        assertEquals(events, read, "seed " + seed);
        assertFalse(reader.next());
    }

    @Test
    void bytesThatAreNotAChunkAreRefusedNotMisread() {
        assertThrows(IllegalArgumentException.class, () -> new TelemetryChunk.Reader("{\"type\":\"VIEWER_ENTER\"}".getBytes()));
        TelemetryChunk.Writer w = new TelemetryChunk.Writer(UUID.randomUUID(), 0, 1, 0, 60);
        w.add(new TelemetryEvent(TelemetryType.VIEWER_ENTER, "e-1", 1L, "v-1", null, null, false, null, 0, null));
        byte[] bytes = w.toBytes();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 4);
        TelemetryChunk.Reader reader = new TelemetryChunk.Reader(truncated);
        assertThrows(IllegalArgumentException.class, reader::next);
        assertTrue(TelemetryChunk.isChunk(TelemetryChunk.FORMAT_2));
        assertFalse(TelemetryChunk.isChunk(null));
        assertFalse(TelemetryChunk.isChunk("1".getBytes()));
    }

    static List<TelemetryEvent> randomEvents(Random r, int n) {
        List<TelemetryEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TelemetryType type = TelemetryType.values()[r.nextInt(TelemetryType.values().length)];
            String id = "e-" + r.nextInt() + (r.nextInt(5) == 0 ? "-观众-é" : "");
            long time = r.nextInt(20) == 0 ? -r.nextInt(1_000_000) : 1_600_000_000_000L + r.nextInt(Integer.MAX_VALUE);
            String viewer = null, order = null, buyer = null, product = null;
            boolean newBuyer = false;
            long amount = 0;
            SalesChannel channel = null;
            switch (type) {
                case VIEWER_ENTER, VIEWER_LEAVE, RESERVATION -> viewer = "v-" + r.nextInt(1_000_000);
                case ORDER_PAID -> {
                    order = "o-" + r.nextInt();
                    buyer = "b-" + r.nextInt(1000);
                    product = "商品-" + r.nextInt(50);
                    newBuyer = r.nextBoolean();
                    amount = r.nextInt(10) == 0 ? 10_000_000_000L : r.nextInt(1_000_000);
                    channel = SalesChannel.values()[r.nextInt(3)];
                }
                case ORDER_REFUNDED -> {
                    order = "o-" + r.nextInt();
                    amount = r.nextInt(100_000);
                }
                case AD_SPEND -> {
                    amount = r.nextInt(5_000_000);
                    channel = SalesChannel.values()[r.nextInt(2)];
                }
                case SESSION_CLOSE -> {
                }
            }
            events.add(new TelemetryEvent(type, id, time, viewer, order, buyer, newBuyer, product, amount, channel));
        }
        return events;
    }

    private static TelemetryEvent fromAvro(GenericRecord e) {
        return new TelemetryEvent(TelemetryType.valueOf(e.get("type").toString()), e.get("eventId").toString(), (Long) e.get("timeMs"),
                text(e.get("viewerId")), text(e.get("orderId")), text(e.get("buyerId")), (Boolean) e.get("newBuyer"),
                text(e.get("productId")), (Long) e.get("amountFen"),
                e.get("channel") == null ? null : SalesChannel.valueOf(e.get("channel").toString()));
    }

    private static GenericRecord toAvro(Schema schema, TelemetryEvent e) {
        GenericRecord g = new GenericData.Record(schema);
        g.put("type", new GenericData.EnumSymbol(schema.getField("type").schema(), e.type().name()));
        g.put("eventId", e.eventId());
        g.put("timeMs", e.timeMillis());
        g.put("viewerId", e.viewerId());
        g.put("orderId", e.orderId());
        g.put("buyerId", e.buyerId());
        g.put("productId", e.productId());
        g.put("newBuyer", e.newBuyer());
        g.put("amountFen", e.amountFen());
        Schema channel = schema.getField("channel").schema().getTypes().get(1);
        g.put("channel", e.channel() == null ? null : new GenericData.EnumSymbol(channel, e.channel().name()));
        return g;
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
