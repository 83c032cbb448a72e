package com.livecommerce.session.kpi;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time per event of {@link TelemetryBenchmark}'s two operations, measured as the thread's (and the process's) CPU
 * time rather than wall time, so that it holds on a machine that is busy with other work:
 * {@code java -cp ... com.livecommerce.session.kpi.TelemetryCpuCost [chunks]} (bench/telemetry-jmh.sh --cpu).
 */
public final class TelemetryCpuCost {

    private TelemetryCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        if (args.length > 1) {
            SessionFilter.BUDGET.set(Long.parseLong(args[1]) << 20);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        TelemetryBenchmark b = new TelemetryBenchmark();
        b.open();
        for (int round = 0; round < 2; round++) { // the first round warms up the JIT
            long ingestCpu = 0, aggregateCpu = 0, process0 = os.getProcessCpuTime(), setupCpu = 0;
            for (int i = 0; i < chunks; i++) {
                long t0 = threads.getCurrentThreadCpuTime();
                b.next();
                long t1 = threads.getCurrentThreadCpuTime();
                b.ingest();
                long t2 = threads.getCurrentThreadCpuTime();
                b.aggregate();
                long t3 = threads.getCurrentThreadCpuTime();
                setupCpu += t1 - t0;
                ingestCpu += t2 - t1;
                aggregateCpu += t3 - t2;
            }
            double events = (double) chunks * TelemetryBenchmark.EVENTS;
            long process = os.getProcessCpuTime() - process0;
            System.out.printf("[telemetry-cpu] round %d, %d chunks of %d events: ingest %.2f us/event, aggregate %.2f us/event"
                    + " (thread CPU); the process beside them (RocksDB's flushes and compactions, GC, JIT) %.2f us/event%n", round,
                    chunks, TelemetryBenchmark.EVENTS, ingestCpu / events / 1000, aggregateCpu / events / 1000,
                    (process - setupCpu - ingestCpu - aggregateCpu) / events / 1000);
        }
        b.close();
    }
}
