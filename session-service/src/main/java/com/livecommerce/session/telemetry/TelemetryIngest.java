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
import java.nio.charset.StandardCharsets;
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
 * is read as a stream, line by line; each line is parsed with Jackson's streaming parser and checked
 * against the session's airtime ({@link TelemetryRules}); each accepted line goes to
 * {@code session-telemetry} as it is, keyed by the session id, through the idempotent producer. The
 * batch is answered only once the broker acknowledged every accepted line; if any send fails (the
 * broker is down) the whole batch is refused ({@link BrokerUnavailable}) and the writer sends it again:
 * the aggregation counts each eventId once, so what did reach the topic is not counted twice.
 */
@ApplicationScoped
public class TelemetryIngest {

    /** How many rejected lines an answer lists (all are counted). */
    public static final int MAX_LISTED = 1000;
    static final String WINDOW_HEADER = "session-window";

    private static final String SESSION = "select status, started_at, ended_at, planned_minutes from live_session where id = $1";

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

    @ConfigProperty(name = "session.telemetry.ack-timeout", defaultValue = "PT10S")
    Duration ackTimeout;

    private TelemetryParser parser;
    private TelemetryRules rules;
    private Counter accepted;
    private Counter rejected;

    /** The broker did not take the batch: answer 503, nothing of it is accepted. */
    public static final class BrokerUnavailable extends RuntimeException {
        public BrokerUnavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    @PostConstruct
    void init() {
        parser = new TelemetryParser(mapper.getFactory());
        rules = new TelemetryRules(allowedLateness, clockSkew);
        accepted = registry.counter("telemetry.events", "outcome", "accepted");
        rejected = registry.counter("telemetry.events", "outcome", "rejected");
    }

    public TelemetryRules rules() {
        return rules;
    }

    /** The session's status and airtime, or a 404 problem; a cancelled session takes no telemetry (409). Blocking. */
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
                r.getInteger("planned_minutes"));
    }

    /** Reads, checks and produces a batch; blocking (a worker thread). */
    public TelemetryResult ingest(UUID id, InputStream body) throws IOException {
        SessionWindow session = window(id);
        Instant now = clock.instant();
        byte[] key = id.toString().getBytes(StandardCharsets.UTF_8);
        String window = session.header();
        RecordHeaders headers = new RecordHeaders();
        if (window != null) {
            headers.add(new RecordHeader(WINDOW_HEADER, window.getBytes(StandardCharsets.UTF_8)));
        }
        headers.setReadOnly();
        Acks acks = new Acks();
        List<TelemetryResult.RejectedLine> listed = new ArrayList<>();
        long[] counts = new long[2]; // accepted, rejected
        new LineReader(body).forEach((line, buffer, offset, length) -> {
            String reason;
            try {
                TelemetryEvent event = parser.parse(buffer, offset, length, id);
                reason = rules.check(session, event, now);
            } catch (TelemetryParser.Rejected e) {
                reason = e.getMessage();
            }
            if (reason != null) {
                counts[1]++;
                if (listed.size() < MAX_LISTED) {
                    listed.add(new TelemetryResult.RejectedLine(line, reason));
                }
                return;
            }
            if (acks.failure.get() != null) {
                return; // the batch is lost already: stop sending, answer 503 below
            }
            counts[0]++;
            acks.sent();
            try {
                producer.send(new ProducerRecord<>(TelemetryTopics.TELEMETRY, null, key,
                        Arrays.copyOfRange(buffer, offset, offset + length), headers)).whenComplete(acks::done);
            } catch (RuntimeException e) {
                acks.done(null, e);
            }
        });
        acks.await(ackTimeout);
        accepted.increment(counts[0]);
        rejected.increment(counts[1]);
        return new TelemetryResult(counts[0], counts[1], listed);
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
