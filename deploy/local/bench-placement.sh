#!/usr/bin/env bash
# GPU placement and scheduler-extender filter latency over NODES nodes x 8 GPUs (issue 6; target p99 < 10 ms at 5,000).
# Builds gpu-service (its runtime libraries come from target/quarkus-app/lib) and runs PlacementBenchmark on one core.
# Usage: deploy/local/bench-placement.sh [NODES] [ROUNDS]   (defaults 5000, 2000)
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/lib.sh
ensure_jdk
./mvnw -B -q -o -pl gpu-service -am package -DskipTests 2>/dev/null || ./mvnw -B -q -pl gpu-service -am package -DskipTests
./mvnw -B -q -o -pl gpu-service test-compile 2>/dev/null || ./mvnw -B -q -pl gpu-service test-compile
taskset -c 0 "$JAVA_HOME/bin/java" -Xmx1g -XX:+UseSerialGC \
  -cp "gpu-service/target/classes:gpu-service/target/test-classes:gpu-service/target/quarkus-app/lib/main/*" \
  dev.plimsoll.gpu.extender.PlacementBenchmark "${1:-5000}" "${2:-2000}"
