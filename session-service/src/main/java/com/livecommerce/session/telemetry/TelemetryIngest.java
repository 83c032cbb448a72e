package com.livecommerce.session.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.livecommerce.plumbing.problem.ProblemException;
import com.livecommerce.plumbing.time.UtcClock;
import com.livecommerce.session.session.SessionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The telemetry hot path, outside entity mapping, Bean Validation and database transactions: the body
 * is read as a stream, line by line; each line is parsed once: in place, byte by byte, with a fixed-layout ISO-8601
 * reader ({@link FastLine}), or, for a line that path does not take (escapes, non-ASCII, an error to explain), with
 * Jackson's streaming parser ({@link TelemetryParser}); then checked against the session's airtime ({@link TelemetryRules}). The
 * accepted events go to {@code session-telemetry} in chunks ({@link TelemetryChunk}, format 2: one record per sub-key
 * ({@link SubKeys}) and per {@code session.telemetry.chunk-events} events or {@code chunk-bytes} bytes, in line order),
 * through the idempotent producer. The batch is answered only once the broker acknowledged every chunk; if any send fails
 * (the broker is down) the whole batch is refused ({@link BrokerUnavailable}) and the writer sends it again: the
 * aggregation counts each eventId once, so what did reach the topic is not counted twice.
 */
@ApplicationScoped
public class TelemetryIngest {

    /** How many rejected lines an answer lists (all are counted). */
    public static final int MAX_LISTED = 1000;

    private static final String SESSION = "select status, started_at, ended_at, planned_minutes, telemetry_sub_keys from live_session"
            + " where id = $1";

    @Inject
    Pool pool;

    @Inject
    TelemetryProducer producer;

    @Inject
    UtcClock clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "session.telemetry.allowed-lateness", defaultValue = "PT5M")
    Duration allowedLateness;

    @ConfigProperty(name = "session.telemetry.clock-skew", defaultValue = "PT30S")
    Duration clockSkew;

    @ConfigProperty(name = "session.telemetry.airtime-skew", defaultValue = "PT5S")
    Duration airtimeSkew;

    @ConfigProperty(name = "session.telemetry.ack-timeout", defaultValue = "PT10S")
    Duration ackTimeout;

    @ConfigProperty(name = "session.telemetry.chunk-events", defaultValue = "2048")
    int chunkEvents;

    @ConfigProperty(name = "session.telemetry.chunk-bytes", defaultValue = "262144")
    int chunkBytes;

    private TelemetryParser parser;
    private TelemetryRules rules;
    private Counter accepted;
    private Counter rejected;
    private Counter chunks;
    private RecordHeaders chunkHeaders;

    /** The broker did not take the batch: answer 503, nothing of it is accepted. */
    public static final class BrokerUnavailable extends RuntimeException {
        public BrokerUnavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    @PostConstruct
    void init() {
        parser = new TelemetryParser(mapper.getFactory());
        rules = new TelemetryRules(allowedLateness, clockSkew, airtimeSkew);
        accepted = registry.counter("telemetry.events", "outcome", "accepted");
        rejected = registry.counter("telemetry.events", "outcome", "rejected");
        chunks = registry.counter("telemetry.chunks");
        chunkHeaders = new RecordHeaders();
        chunkHeaders.add(new RecordHeader(TelemetryChunk.FORMAT_HEADER, TelemetryChunk.FORMAT_2));
        chunkHeaders.setReadOnly();
    }

    public TelemetryRules rules() {
        return rules;
    }

    /** The session's status, airtime and sub-keys, or a 404 problem; a cancelled session takes no telemetry (409). Blocking. */
    public SessionWindow window(UUID id) {
        var rows = pool.preparedQuery(SESSION).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
        if (rows.size() == 0) {
            throw ProblemException.notFound("session", id);
        }
        Row r = rows.iterator().next();
        SessionStatus status = SessionStatus.valueOf(r.getString("status"));
        if (status == SessionStatus.CANCELLED) {
            throw ProblemException.illegalTransition("session", id, status, "send telemetry to");
        }
        var started = r.getOffsetDateTime("started_at");
        var ended = r.getOffsetDateTime("ended_at");
        return new SessionWindow(id, status, started == null ? null : started.toInstant(), ended == null ? null : ended.toInstant(),
                r.getInteger("planned_minutes"), r.getInteger("telemetry_sub_keys"));
    }

    /** Reads, checks and produces a batch; blocking (a worker thread). */
    public TelemetryResult ingest(UUID id, InputStream body) throws IOException {
        SessionWindow session = window(id);
        Instant now = clock.instant();
        int partitions;
        try {
            partitions = producer.partitions();
        } catch (RuntimeException e) {
            throw new BrokerUnavailable("the broker's metadata is unknown: " + e.getMessage(), e);
        }
        TelemetryChunk.Writer[] writers = new TelemetryChunk.Writer[session.subKeys()];
        Acks acks = new Acks();
        List<TelemetryResult.RejectedLine> listed = new ArrayList<>();
        long[] counts = new long[2]; // accepted, rejected
        FastLine fast = new FastLine();
        byte[] sessionBytes = id.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        new LineReader(body).forEach((line, buffer, offset, length) -> {
            boolean inPlace = fast.read(buffer, offset, length, sessionBytes); // the usual line; else Jackson decides
            TelemetryEvent event = null;
            String reason;
            if (inPlace) {
                reason = rules.check(session, fast.type, fast.timeMs, now);
            } else {
                try {
                    event = parser.parse(buffer, offset, length, id);
                    reason = rules.check(session, event, now);
                } catch (TelemetryParser.Rejected e) {
                    reason = e.getMessage();
                }
            }
            if (reason != null) {
                counts[1]++;
                if (listed.size() < MAX_LISTED) {
                    listed.add(new TelemetryResult.RejectedLine(line, reason));
                }
                return;
            }
            counts[0]++;
            if (acks.failure.get() != null) {
                return; // the batch is lost already: stop sending, answer 503 below
            }
            int k = inPlace ? SubKeys.of(fast, writers.length) : SubKeys.of(event, writers.length);
            TelemetryChunk.Writer w = writer(writers, k, id, session);
            if (inPlace) {
                w.add(fast, rules.countedTime(session, fast.type, fast.timeMs));
            } else {
                w.add(event.at(rules.countedTime(session, event)));
            }
            if (w.count() >= chunkEvents || w.size() >= chunkBytes) {
                send(id, k, partitions, w, acks);
            }
        });
        for (int k = 0; k < writers.length; k++) {
            if (writers[k] != null && writers[k].count() > 0 && acks.failure.get() == null) {
                send(id, k, partitions, writers[k], acks);
            }
        }
        acks.await(ackTimeout);
        accepted.increment(counts[0]);
        rejected.increment(counts[1]);
        return new TelemetryResult(counts[0], counts[1], listed);
    }

    private static TelemetryChunk.Writer writer(TelemetryChunk.Writer[] writers, int k, UUID id, SessionWindow session) {
        TelemetryChunk.Writer w = writers[k];
        if (w == null) {
            w = writers[k] = new TelemetryChunk.Writer(id, k, writers.length, session.startedAtMs(), session.plannedMinutes());
        }
        return w;
    }

    private void send(UUID session, int k, int partitions, TelemetryChunk.Writer w, Acks acks) {
        acks.sent();
        chunks.increment();
        try {
            producer.send(new ProducerRecord<>(TelemetryTopics.TELEMETRY, SubKeys.partition(session, k, partitions),
                    SubKeys.key(session, k), w.toBytes(), chunkHeaders)).whenComplete(acks::done);
        } catch (RuntimeException e) {
            acks.done(null, e);
        }
        w.clear();
    }

    /** Counts the sends of a batch and their acknowledgements; remembers the first failure. */
    static final class Acks {
        final AtomicLong pending = new AtomicLong(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch all = new CountDownLatch(1);

        void sent() {
            pending.incrementAndGet();
        }

        void done(Object ignored, Throwable error) {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            if (pending.decrementAndGet() == 0) {
                all.countDown();
            }
        }

        void await(Duration timeout) {
            done(null, null); // the reading is over
            try {
                if (!all.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new BrokerUnavailable("the broker did not acknowledge the batch within " + timeout, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerUnavailable("interrupted while waiting for the broker", e);
            }
            Throwable error = failure.get();
            if (error != null) {
                throw new BrokerUnavailable("the broker did not take the batch: " + error.getMessage(), error);
            }
        }
    }

    /** Splits a body into lines without reading it whole: one buffer that grows only for a longer line. */
    static final class LineReader {

        interface LineHandler {
            void line(long number, byte[] buffer, int offset, int length);
        }

        private final InputStream in;

        LineReader(InputStream in) {
            this.in = in;
        }

        void forEach(LineHandler handler) throws IOException {
            byte[] buf = new byte[256 * 1024];
            int start = 0, end = 0, scan = 0;
            long number = 0;
            boolean eof = false;
            while (true) {
                int nl = -1;
                for (int i = scan; i < end; i++) {
                    if (buf[i] == '\n') {
                        nl = i;
                        break;
                    }
                }
                if (nl >= 0) {
                    number++;
                    emit(handler, number, buf, start, nl);
                    start = nl + 1;
                    scan = start;
                    continue;
                }
                if (eof) {
                    if (start < end) {
                        number++;
                        emit(handler, number, buf, start, end);
                    }
                    return;
                }
                if (start > 0) { // compact
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                scan = end;
                if (end == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, end, buf.length - end);
                if (n < 0) {
                    eof = true;
                } else {
                    end += n;
                }
            }
        }

        private static void emit(LineHandler handler, long number, byte[] buf, int from, int to) {
            int end = to;
            if (end > from && buf[end - 1] == '\r') {
                end--;
            }
            int begin = from;
            while (begin < end && (buf[begin] == ' ' || buf[begin] == '\t')) {
                begin++;
            }
            if (begin == end) {
                return; // a blank line is no event
            }
            handler.line(number, buf, begin, end - begin);
        }
    }
}
