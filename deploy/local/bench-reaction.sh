#!/usr/bin/env bash
# Reaction time end to end (issue 4): from a load burst at the simulator to the scaler's scale call,
# with the collector scraping every 1 s. Starts the simulator, the collector and the scaler (PostgreSQL
# and RabbitMQ as for the suite; builds the three when their jars are missing), creates a queue-depth
# policy, then RUNS times: start a fresh simulator (2 replicas, no queue; the collector and the scaler
# keep running), wait until the collector scrapes both replicas and the scaler holds the count, POST a
# burst of requests, and poll the simulator's scale every 20 ms until the count rises.
#
#   deploy/local/bench-reaction.sh [RUNS] [BURST]     # defaults 5 runs, 2000 requests of 2000 + 500 tokens
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/lib.sh
ensure_jdk
ensure_postgres
ensure_rabbitmq
ensure_databases plimsoll plimsoll_test
RUNS="${1:-5}"
BURST="${2:-2000}"
for m in simulator collector-service scaler-service; do
  [ -f "$m/target/quarkus-app/quarkus-run.jar" ] || { ./mvnw -B -q -pl simulator,collector-service,scaler-service -am package -DskipTests; break; }
done
WORK="$(mktemp -d /tmp/plimsoll-react.XXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}" ${SIM_PID:-}; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] && echo "logs in $WORK" || rm -rf "$WORK"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
SIM="$(free_port)"; COL="$(free_port)"; SCA="$(free_port)"
FLEET="react$$"
WORKLOAD="simulated/demo/Fleet/$FLEET"
PREFIX="bench-react-$$."
J=("$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx512m -jar)
start_simulator() {
  QUARKUS_HTTP_PORT="$SIM" SIMULATOR_FLEET_NAME="$FLEET" SIMULATOR_INITIAL_REPLICAS=2 SIMULATOR_TRACE_LOAD_MULTIPLIER=1 \
    "${J[@]}" simulator/target/quarkus-app/quarkus-run.jar >> "$WORK/simulator.log" 2>&1 &
  SIM_PID=$!
  wait_port 127.0.0.1 "$SIM" 60 simulator
}
start_simulator
QUARKUS_HTTP_PORT="$COL" COLLECTOR_SIMULATOR_URL="http://127.0.0.1:$SIM" PLIMSOLL_MESSAGING_PREFIX="$PREFIX" \
  COLLECTOR_DISCOVERY_REFRESH_INTERVAL=1s "${J[@]}" collector-service/target/quarkus-app/quarkus-run.jar > "$WORK/collector.log" 2>&1 & PIDS+=($!)
QUARKUS_HTTP_PORT="$SCA" QUARKUS_REST_CLIENT_SIMULATOR_URL="http://127.0.0.1:$SIM" QUARKUS_REST_CLIENT_COLLECTOR_URL="http://127.0.0.1:$COL" PLIMSOLL_MESSAGING_PREFIX="$PREFIX" \
  MP_MESSAGING_INCOMING_SNAPSHOTS_QUEUE_AUTO_DELETE=true \
  "${J[@]}" scaler-service/target/quarkus-app/quarkus-run.jar > "$WORK/scaler.log" 2>&1 & PIDS+=($!)
wait_port 127.0.0.1 "$COL" 60 collector
wait_port 127.0.0.1 "$SCA" 60 scaler
for i in $(seq 1 60); do curl -sf "http://127.0.0.1:$SCA/q/health/ready" >/dev/null && break; sleep 1; done

replicas() { curl -s "http://127.0.0.1:$SIM/api/v1/fleets/$FLEET/scale" | python3 -c 'import json,sys; print(json.load(sys.stdin)["replicas"])'; }
up_targets() { curl -s "http://127.0.0.1:$COL/api/v1/snapshots?workload=$WORKLOAD" | python3 -c '
import json,sys
d=json.load(sys.stdin); print(d[0]["targetsUp"] if d else 0)' 2>/dev/null || echo 0; }
ID="$(curl -sf -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$SCA/api/v1/policies" -d \
  "{\"workload\":\"$WORKLOAD\",\"minReplicas\":2,\"maxReplicas\":16,\"metrics\":[{\"signal\":\"queue_depth\",\"target\":{\"type\":\"AverageValue\",\"averageValue\":5}}]}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"

RESULTS=()
for run in $(seq 1 "$RUNS"); do
  if [ "$run" -gt 1 ]; then
    kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true
    sleep 16   # past the 15 s rate-limit period of the previous scale-up
    start_simulator
  fi
  for i in $(seq 1 60); do [ "$(up_targets)" = 2 ] && break; sleep 0.5; done
  sleep 2
  R0="$(replicas)"
  T0="$(date +%s%N)"
  curl -sf -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$SIM/api/v1/fleets/$FLEET/burst" -d "{\"requests\":$BURST,\"promptTokens\":2000,\"outputTokens\":500}" >/dev/null
  while :; do
    R="$(replicas)"
    if [ "$R" -gt "$R0" ]; then break; fi
    if [ $(( ($(date +%s%N) - T0) / 1000000 )) -gt 30000 ]; then R="timeout"; break; fi
    sleep 0.02
  done
  T1="$(date +%s%N)"
  MS=$(( (T1 - T0) / 1000000 ))
  echo "run $run: burst of $BURST at $R0 replicas -> scaled to $R after ${MS} ms"
  RESULTS+=("$MS")
done
kill "$SIM_PID" 2>/dev/null || true
if [ -n "${KEEP:-}" ]; then
  curl -s "http://127.0.0.1:$SCA/api/v1/policies" > "$WORK/policies.json"
  curl -s "http://127.0.0.1:$SCA/api/v1/decisions?workload=$WORKLOAD" > "$WORK/decisions.json"
  curl -s "http://127.0.0.1:$SCA/q/metrics" | grep plimsoll_scaler > "$WORK/scaler-metrics.txt"
  curl -s "http://127.0.0.1:$COL/api/v1/snapshots" > "$WORK/snapshots.json"
fi
printf '%s\n' "${RESULTS[@]}" | sort -n | awk '{a[NR]=$1} END {printf "reaction time over %d runs: median %d ms, min %d ms, max %d ms (scrape interval 1 s)\n", NR, a[int((NR+1)/2)], a[1], a[NR]}'
