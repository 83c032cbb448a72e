#!/usr/bin/env bash
# JMH benchmark: computing one period's horse-racing leaderboards for 5,000 providers
# (LeaderboardCalculator, the in-memory part of POST /leaderboards/{period}/compute).
# usage: bench/leaderboard.sh [extra JMH args]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/results"; mkdir -p "$OUT"
# one reactor run: plumbing comes from this checkout, not from ~/.m2 (provider-service is built last,
# so its classpath is the one left in the file)
./mvnw -q -B -pl provider-service -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$OUT/provider-cp.txt" -Dmdep.includeScope=test
CP="provider-service/target/test-classes:provider-service/target/classes:$(cat "$OUT/provider-cp.txt")"
java -cp "$CP" org.openjdk.jmh.Main LeaderboardBenchmark "$@" | tee "$OUT/leaderboard.txt"
