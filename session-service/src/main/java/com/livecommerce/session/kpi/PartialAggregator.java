package com.livecommerce.session.kpi;

import com.livecommerce.session.telemetry.TelemetryChunk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The Streams processor of the partial stage: one {@link PartialStage} per task (partition of {@code session-telemetry}),
 * its database under {@code <state dir>/<application id>/partials/<partition>}; forwards each record's
 * {@link PartialDelta} keyed by session id to {@code session-kpi-partials}, in the same transaction as the record's offset.
 */
final class PartialAggregator implements Processor<byte[], byte[], String, byte[]> {

    /** Fault injection for tests: runs after a record's changes are in the store and before its delta goes out. */
    static volatile Runnable afterApply = () -> {
    };

    /** How old a chunk is (since it was produced) when the partial stage applies it: the lag of the first stage. */
    static final io.micrometer.core.instrument.Timer LAG = io.micrometer.core.instrument.Timer.builder("telemetry.partial.lag")
            .description("age of a telemetry chunk when the partial stage applies it").register(io.micrometer.core.instrument.Metrics.globalRegistry);

    private final Duration replayTimeout;
    private ProcessorContext<String, byte[]> context;
    private PartialStage stage;

    PartialAggregator(Duration replayTimeout) {
        this.replayTimeout = replayTimeout;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        Map<String, Object> configs = context.appConfigs();
        int partition = context.taskId().partition();
        Path dir = Path.of(String.valueOf(configs.get(StreamsConfig.STATE_DIR_CONFIG)), context.applicationId(), "partials",
                String.valueOf(partition));
        KafkaTelemetryLog log = new KafkaTelemetryLog(configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG), partition, replayTimeout);
        stage = new PartialStage(PartialStore.open(dir, configs), log);
        // Catch up (or rebuild) now, up to where the task will start: a long replay inside process() would keep the
        // thread's transaction open past its timeout (10 s), be fenced, leave the store ahead, and rebuild again, in a loop
        long committed = log.committed(context.applicationId());
        if (committed >= 0) {
            stage.catchUpTo(committed);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long offset = context.recordMetadata().orElseThrow().offset();
        LAG.record(Math.max(0, System.currentTimeMillis() - record.timestamp()), java.util.concurrent.TimeUnit.MILLISECONDS);
        Headers h = record.headers();
        PartialDelta delta = stage.process(offset, record.key(), record.value(), value(h.lastHeader(TelemetryChunk.FORMAT_HEADER)),
                value(h.lastHeader(KafkaTelemetryLog.WINDOW_HEADER)));
        afterApply.run();
        if (delta != null) {
            context.forward(new Record<>(delta.session.toString(), delta.encode(), record.timestamp()));
        }
    }

    private static byte[] value(Header h) {
        return h == null ? null : h.value();
    }

    @Override
    public void close() {
        if (stage != null) {
            stage.close();
        }
    }
}
