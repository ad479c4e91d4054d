#!/usr/bin/env bash
# Scaling-engine throughput on one thread: 10,000 workloads x 3 metrics (evaluations/s and latency).
# Usage: deploy/local/bench-engine.sh [WORKLOADS] [SECONDS]   (defaults 10000, 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/lib.sh
ensure_jdk
./mvnw -B -q -o -pl scaling-engine -am test-compile 2>/dev/null || ./mvnw -B -q -pl scaling-engine -am test-compile
# One core: the JIT and GC get their own threads, the measured loop runs on one.
taskset -c 0 "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseSerialGC -cp scaling-engine/target/classes:scaling-engine/target/test-classes \
  dev.plimsoll.scaling.EngineBenchmark "${1:-10000}" "${2:-10}"
