#!/usr/bin/env bash
# Measures, for each packaged service started alone (the simulator kept running for those that read
# from it): wall time from `java -jar` to its readiness probe answering 200, the "started in" time
# Quarkus logs, and its resident memory (VmRSS) after it has idled for IDLE_SECONDS (default 10).
# Uses the same JAVA_OPTS as run.sh. Build first: ./mvnw package -DskipTests
#
#   deploy/local/bench-startup.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=lib.sh
source "$ROOT/deploy/local/lib.sh"
ensure_jdk
ensure_postgres
ensure_rabbitmq
ensure_databases plimsoll plimsoll_test

JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED}"
IDLE_SECONDS="${IDLE_SECONDS:-10}"
OUT="$(mktemp -d)"
SIM_PID=""
trap '[ -n "$SIM_PID" ] && kill $SIM_PID 2>/dev/null; stop_started' EXIT

now_ms() { date +%s%3N; }

# start module port -> prints "ready_ms started_s rss_mib" and leaves the pid in LAST_PID
measure() {
  local module="$1" port="$2" t0 t1 pid started rss
  t0="$(now_ms)"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$module/target/quarkus-app/quarkus-run.jar" >"$OUT/$module.log" 2>&1 &
  pid=$!
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

printf '%-18s %14s %16s %14s\n' service "ready (ms)" "started in (s)" "idle RSS (MiB)"
measure simulator 8090 >"$OUT/result"; read -r ready started rss <"$OUT/result"
SIM_PID="$LAST_PID"
printf '%-18s %14s %16s %14s\n' simulator "$ready" "$started" "$rss"
for entry in collector-service:8081 scaler-service:8082 gpu-service:8083 cost-service:8084 gateway:8080; do
  module="${entry%%:*}"; port="${entry#*:}"
  measure "$module" "$port" >"$OUT/result"; read -r ready started rss <"$OUT/result"
  printf '%-18s %14s %16s %14s\n' "$module" "$ready" "$started" "$rss"
  kill "$LAST_PID"; wait "$LAST_PID" 2>/dev/null || true
done
