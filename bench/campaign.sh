#!/usr/bin/env bash
# JMH benchmark: planning one campaign of 100,000 merchants over 2,000 providers with capacities
# (CampaignBenchmark: CampaignPlanner.plan, the code path of POST /campaigns after its cohort is resolved:
# classes, CampaignScores, the exact TransportationSolver), a realistic instance and a worst case
# (~100,000 distinct merchant classes), in a JVM with a bounded heap (HEAP, default 512m).
# Prints per instance: classes, arcs, column-generation rounds, priced pairs, peak heap, GC counts; ends with
# `campaign worst-case: <s> s` and `campaign realistic: <s> s` (JMH's mean per plan of each instance run).
# usage: bench/campaign.sh [extra JMH args, e.g. -p instance=worst -wi 1 -i 3]
# env: HEAP (default 512m), GC (extra JVM flags, e.g. -XX:+UseSerialGC)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
HEAP="${HEAP:-512m}"
# one reactor run: plumbing comes from this checkout, not from ~/.m2 (matching-service is built last,
# so its classpath is the one left in the file)
./mvnw -q -B -pl matching-service -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$OUT/matching-cp.txt" -Dmdep.includeScope=test
CP="matching-service/target/test-classes:matching-service/target/classes:$(cat "$OUT/matching-cp.txt")"
# measured part under the machine's benchmark lock (other agents benchmark on the same 2 cores)
flock ${BENCH_LOCK:-/tmp/livecommerce-bench.lock} java -cp "$CP" org.openjdk.jmh.Main CampaignBenchmark \
  -jvmArgsAppend "-Xmx$HEAP -Xlog:gc:file=$OUT/campaign-gc-%p.log ${GC:-}" "$@" | tee "$OUT/campaign.txt"
grep -h '^\[campaign' "$OUT/campaign.txt" || true
# the mean of each instance (JMH's score, ms per plan), in seconds: the last two lines
for instance in worst realistic; do
  awk -v want="$instance" '$1 ~ /CampaignBenchmark\.plan$/ && $2 == want {
      for (k = 1; k <= NF; k++) if ($k == "ms/op") unit = k
      score = ($(unit - 2) == "\302\261") ? $(unit - 3) : $(unit - 1)
      label = want == "worst" ? "worst-case" : want
      printf "campaign %s: %.2f s\n", label, score / 1000 }' "$OUT/campaign.txt"
done
