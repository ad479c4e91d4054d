#!/usr/bin/env bash
# Measures, for each packaged service started alone (the simulator kept running for those that read
# from it, at trace load multiplier 1 so that it does not starve the others of CPU): wall time from
# `java -jar` to its readiness probe answering 200, the "started in" time Quarkus logs, and its
# resident memory (VmRSS) after it has idled for IDLE_SECONDS (default 10). Each service is started
# twice with the same JAVA_OPTS as run.sh: the first start writes the JVM's class-data archive
# (into a temporary folder), the second uses it, as every later run.sh start does.
# Build first: ./mvnw package -DskipTests
#
#   deploy/local/bench-startup.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=lib.sh
source "$ROOT/deploy/local/lib.sh"
ensure_jdk
ensure_curl
ensure_postgres
ensure_rabbitmq
ensure_databases plimsoll plimsoll_test

JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED}"
CDS_DIR="$(mktemp -d)"
IDLE_SECONDS="${IDLE_SECONDS:-10}"
OUT="$(mktemp -d)"
SIM_PID=""
LAST_PID=""
trap 'kill $SIM_PID $LAST_PID $(jobs -p) 2>/dev/null; rm -rf "$CDS_DIR"; stop_started' EXIT

now_ms() { date +%s%3N; }

# start module port -> prints "ready_ms started_s rss_mib" and leaves the pid in LAST_PID
measure() {
  local module="$1" port="$2" t0 t1 pid started rss
  t0="$(now_ms)"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$CDS_DIR/$module.jsa" \
    -jar "$module/target/quarkus-app/quarkus-run.jar" >"$OUT/$module.log" 2>&1 &
  pid=$!
  LAST_PID="$pid"
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || die "$module exited; see $OUT/$module.log"
    (( $(now_ms) - t0 > 60000 )) && die "$module not ready within 60 s; see $OUT/$module.log"
    sleep 0.05
  done
  t1="$(now_ms)"
  sleep "$IDLE_SECONDS"
  rss="$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")"
  started="$(grep -o 'started in [0-9.]*s' "$OUT/$module.log" | head -1 | grep -o '[0-9.]*')"
  LAST_PID="$pid"
  echo "$((t1 - t0)) ${started:-?} $rss"
}

printf '%-18s %12s %12s %14s %16s %14s\n' service "1st ready" "ready (ms)" "started in (s)" "1st RSS (MiB)" "RSS (MiB)"
bench() { # module port -> prints the row; leaves the second run's pid in LAST_PID
  local module="$1" port="$2" r1 s1 m1 r2 s2 m2
  measure "$module" "$port" >"$OUT/result"; read -r r1 s1 m1 <"$OUT/result"
  kill "$LAST_PID"; wait "$LAST_PID" 2>/dev/null || true
  measure "$module" "$port" >"$OUT/result"; read -r r2 s2 m2 <"$OUT/result"
  printf '%-18s %12s %12s %14s %16s %14s\n' "$module" "$r1" "$r2" "$s2" "$m1" "$m2"
}
export SIMULATOR_TRACE_LOAD_MULTIPLIER=1
bench simulator 8090
SIM_PID="$LAST_PID"
for entry in collector-service:8081 scaler-service:8082 gpu-service:8083 cost-service:8084 gateway:8080; do
  bench "${entry%%:*}" "${entry#*:}"
  kill "$LAST_PID"; wait "$LAST_PID" 2>/dev/null || true
done
