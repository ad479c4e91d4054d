#!/usr/bin/env bash
# Builds and starts the whole Plimsoll suite on this machine against the simulator, then prints the
# URLs. PostgreSQL and RabbitMQ: uses the local ones when they answer, starts them when installed but
# stopped, installs them with apt-get when missing (saying so). Ctrl-C stops the services and whatever
# this script started.
#
#   deploy/local/run.sh              build, then run
#   deploy/local/run.sh --no-build   run what is already built
#
# Environment: JAVA_OPTS (default: a small heap per service), PLIMSOLL_RUN_DIR (logs; default ./run),
# and any service setting as an environment variable (e.g. SIMULATOR_SPEEDUP=20).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=lib.sh
source "$ROOT/deploy/local/lib.sh"

BUILD=1
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "unknown argument '$arg' (try --help)" ;;
  esac
done

RUN_DIR="${PLIMSOLL_RUN_DIR:-$ROOT/run}"
JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED}"
# service:port, in start order (the simulator first: the others read from it).
SERVICES=(simulator:8090 collector-service:8081 scaler-service:8082 gpu-service:8083 cost-service:8084 gateway:8080)
PIDS=()

cleanup() {
  trap - INT TERM EXIT
  if [ "${#PIDS[@]}" -gt 0 ]; then
    say "stopping the services"
    kill "${PIDS[@]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
  fi
  stop_started
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

ensure_jdk
ensure_curl
for entry in "${SERVICES[@]}"; do
  port="${entry#*:}"
  if port_open 127.0.0.1 "$port"; then die "port $port (${entry%%:*}) is already in use: stop whatever listens there (a suite already running?)"; fi
done
ensure_postgres
ensure_rabbitmq
ensure_databases plimsoll plimsoll_test

if [ "$BUILD" = 1 ]; then
  say "building the suite (./mvnw package -DskipTests; the first build downloads Maven and the dependencies)"
  ./mvnw -B -q package -DskipTests >&2 || die "build failed"
fi

mkdir -p "$RUN_DIR/logs" "$RUN_DIR/cds"
# Six minutes of history in the collector: the work_load signal of the demo policy takes its means over five.
export COLLECTOR_RETENTION="${COLLECTOR_RETENTION:-6m}"
for entry in "${SERVICES[@]}"; do
  module="${entry%%:*}"
  jar="$ROOT/$module/target/quarkus-app/quarkus-run.jar"
  [ -f "$jar" ] || die "$jar is missing: run without --no-build"
  say "starting $module (log: $RUN_DIR/logs/$module.log)"
  # The JVM keeps a class-data archive per service: the first start writes it, later starts are faster.
  # shellcheck disable=SC2086
  java $JAVA_OPTS -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$RUN_DIR/cds/$module.jsa" \
    -jar "$jar" >"$RUN_DIR/logs/$module.log" 2>&1 &
  PIDS+=("$!")
done

for entry in "${SERVICES[@]}"; do
  module="${entry%%:*}"; port="${entry#*:}"
  for ((i = 0; i < 120; i++)); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/started" 2>/dev/null; then break; fi
    sleep 0.5
  done
  curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/started" 2>/dev/null \
    || die "$module did not start within 60 s; see $RUN_DIR/logs/$module.log"
done

# The demo policy is Plimsoll's default LLM policy (backtested in BENCHMARKS.md): work_load and e2e_load per replica
# at 0.8 and the KV cache at 0.9, panic mode, a forecast one cold start ahead, scale-down after 300 s of wall time (the
# HPA's window: 3,000 simulated seconds, as the demo is for watching, not for cost). work_load and e2e_load are added
# to the collector for the demo fleet with the queries of docs/contracts.md for its profile (Llama 3.1 8B on an H100)
# and a 60 s end-to-end target; the simulator runs 10 simulated seconds per wall second, so its token rates are 10x
# and its 60 s cold start, the queue's drain time and the end-to-end target a tenth (8340: the tokens one sequence
# decodes alone within it, 1,390 per wall second for 6 s).
workload="simulated/demo/Fleet/chat"
work_load='clamp_min(sum(rate(vllm:prompt_tokens_total{$workload}[$window])) / 220000 + sum(rate(vllm:generation_tokens_total{$workload}[$window])) / 146710 + ((sum(delta(vllm:num_requests_waiting{$workload}[$window])) / 30 + sum(vllm:num_requests_waiting{$workload}) / 6) * (sum(rate(vllm:request_prompt_tokens_sum{$workload}[5m])) / 220000 + sum(rate(vllm:request_generation_tokens_sum{$workload}[5m])) / 146710) / (sum(rate(vllm:request_prompt_tokens_count{$workload}[5m])) > 0) or (sum(delta(vllm:num_requests_waiting{$workload}[$window])) / 30 + sum(vllm:num_requests_waiting{$workload}) / 6) == 0), 0)'
phi='(clamp_max(histogram_quantile(0.95, sum by (le) (rate(vllm:request_generation_tokens_bucket{$workload}[5m]))) / 8340, 0.9) >= 0)'
e2e_load="($work_load + sum(rate(vllm:prompt_tokens_total{\$workload}[\$window])) / 220000 * $phi / (1 - $phi)) or $work_load"
add_signal() { # name query description
  local body="{\"query\":\"$2\",\"description\":\"$3\"}" code
  code="$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: application/json' -d "$body" \
    "http://127.0.0.1:8080/api/collector/v1/signals/$1?workload=simulated%2Fdemo%2FFleet%2Fchat" || true)"
  [ "$code" = 200 ] && say "added the $1 signal for $workload" \
    || say "could not add the $1 signal (HTTP $code); see $RUN_DIR/logs/collector-service.log"
}
add_signal work_load "$work_load" "work done plus queued, in replicas (Plimsoll's default policy)"
add_signal e2e_load "$e2e_load" "work_load with prefill repriced for the end-to-end target (Plimsoll's default policy)"
policy='{"workload":"simulated/demo/Fleet/chat","minReplicas":1,"maxReplicas":8,"metrics":[{"signal":"work_load","target":{"type":"AverageValue","averageValue":0.8}},{"signal":"e2e_load","target":{"type":"AverageValue","averageValue":0.8}},{"signal":"kv_cache_usage","target":{"type":"Value","value":0.9}}],"panic":{},"predictive":{"coldStartSeconds":6},"behavior":{"scaleDown":{"stabilizationWindowSeconds":300}}}'
code="$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$policy" http://127.0.0.1:8080/api/scaler/v1/policies || true)"
case "$code" in
  201) say "created the demo scaling policy (Plimsoll's default) for $workload" ;;
  409) say "the demo scaling policy already exists" ;;
  *) say "could not create the demo policy (HTTP $code); see $RUN_DIR/logs/scaler-service.log" ;;
esac

cat >&2 <<URLS

  Plimsoll is running. Ctrl-C stops it.

  gateway            http://127.0.0.1:8080        suite health: http://127.0.0.1:8080/api/health
  scaling decisions  http://127.0.0.1:8080/api/scaler/v1/decisions
  policies           http://127.0.0.1:8080/api/scaler/v1/policies
  signals            http://127.0.0.1:8080/api/collector/v1/snapshots
  scrape targets     http://127.0.0.1:8080/api/collector/v1/targets
  GPU inventory      http://127.0.0.1:8080/api/gpu/v1/inventory
  cost so far        http://127.0.0.1:8080/api/cost/v1/costs
  simulated fleet    http://127.0.0.1:8080/api/simulator/v1/fleets
  each service       collector :8081  scaler :8082  gpu :8083  cost :8084  simulator :8090
                     (/q/health, /q/metrics, /q/openapi on every port)
  logs               $RUN_DIR/logs/

URLS

# Exit (and clean up) as soon as any service dies.
wait -n "${PIDS[@]}" || true
say "a service stopped; see the logs in $RUN_DIR/logs"
