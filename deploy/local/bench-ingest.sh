#!/usr/bin/env bash
# Ingestion benchmarks of the collector (issue 3). Needs PostgreSQL and RabbitMQ (as the suite does) and,
# for "compare", Debian's prometheus package (2.42; installed with apt-get when missing).
#
#   deploy/local/bench-ingest.sh compare [TARGETS] [SECONDS]   # default 200 targets, 60 s
#       The collector and Prometheus scrape the same targets at 1 s in the same run; prints the
#       CPU-seconds each spent per million samples ingested.
#   deploy/local/bench-ingest.sh scale [TARGETS] [SECONDS]     # default 1000 targets, 120 s
#       The collector alone; prints scrape lag, duration, skipped scrapes, targets up, series,
#       heap after a full GC (bytes per series) and RSS.
#
# Targets: one local server (deploy/local/bench/TargetServer.java) answering /t/<n>/metrics with the
# vLLM, dcgm-exporter and cAdvisor machine fixture outputs joined (289 samples, 45 KB). Each target has its own replica label.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
source deploy/local/lib.sh
ensure_jdk
MODE="${1:-compare}"
TARGETS="${2:-$([ "$MODE" = scale ] && echo 1000 || echo 200)}"
SECONDS_RUN="${3:-$([ "$MODE" = scale ] && echo 120 || echo 60)}"
WARMUP="${WARMUP:-20}"
WORK="$(mktemp -d /tmp/plimsoll-bench.XXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

ensure_postgres
ensure_rabbitmq
ensure_databases plimsoll plimsoll_test
if [ "$MODE" = compare ] && ! command -v prometheus >/dev/null; then apt_install prometheus; fi
[ -f collector-service/target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -pl collector-service -am package -DskipTests

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_seconds() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }   # utime + stime in clock ticks (100 Hz)
metric() { curl -s "$1" | awk -v name="$2" '$1 == name || index($1, name "{") == 1 {s += $NF} END {printf "%.0f\n", s}'; }

F="exposition/src/test/resources/fixtures"
TPORT="$(free_port)"
"$JAVA_HOME/bin/java" -Xmx256m "deploy/local/bench/TargetServer.java" "$TPORT" "$F/vllm/datadog-vllm_metrics.txt" \
  "$F/dcgm-exporter/datadog-dcgm-metrics.txt" "$F/cadvisor/prometheus_machine_metrics" > "$WORK/targets.log" 2>&1 &
PIDS+=($!)
wait_port 127.0.0.1 "$TPORT" 30 "target server"

python3 - "$WORK/targets.json" "$TPORT" "$TARGETS" <<'PY'
import json, sys
path, port, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
json.dump([{"targets": [f"127.0.0.1:{port}"], "labels": {"__metrics_path__": f"/t/{i}/metrics", "replica": f"r{i}",
            "workload": f"bench/default/Service/w{i % 100}"}} for i in range(n)], open(path, "w"))
PY

CPORT="$(free_port)"
QUARKUS_HTTP_PORT="$CPORT" COLLECTOR_SIMULATOR_ENABLED=false COLLECTOR_DISCOVERY_STATIC_FILE="$WORK/targets.json" \
  PLIMSOLL_MESSAGING_PREFIX="bench-$$." \
  "$JAVA_HOME/bin/java" -Xms256m -Xmx1g -XX:+UseSerialGC -jar collector-service/target/quarkus-app/quarkus-run.jar > "$WORK/collector.log" 2>&1 &
CPID=$!
PIDS+=($CPID)
wait_port 127.0.0.1 "$CPORT" 60 "collector"

if [ "$MODE" = compare ]; then
  PPORT="$(free_port)"
  cat > "$WORK/prometheus.yml" <<YML
global: {scrape_interval: 1s, scrape_timeout: 800ms}
scrape_configs:
  - job_name: bench
    file_sd_configs: [{files: ["$WORK/targets.json"], refresh_interval: 5s}]
YML
  prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" --web.listen-address="127.0.0.1:$PPORT" \
    --storage.tsdb.retention.time=1h > "$WORK/prometheus.log" 2>&1 &
  PPID_=$!
  PIDS+=($PPID_)
  wait_port 127.0.0.1 "$PPORT" 60 "prometheus"
fi

say "warming up for ${WARMUP}s with $TARGETS targets at 1 s"
sleep "$WARMUP"
C_CPU0="$(cpu_seconds "$CPID")"; C_S0="$(metric "http://127.0.0.1:$CPORT/q/metrics" plimsoll_collector_samples_scraped_total)"
if [ "$MODE" = compare ]; then
  P_CPU0="$(cpu_seconds "$PPID_")"; P_S0="$(metric "http://127.0.0.1:$PPORT/metrics" prometheus_tsdb_head_samples_appended_total)"
fi
say "measuring for ${SECONDS_RUN}s"
sleep "$SECONDS_RUN"
C_CPU1="$(cpu_seconds "$CPID")"; C_S1="$(metric "http://127.0.0.1:$CPORT/q/metrics" plimsoll_collector_samples_scraped_total)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), java $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "targets: $TARGETS at 1 s, 289 samples each; measured ${SECONDS_RUN}s after ${WARMUP}s warm-up"
awk -v c0="$C_CPU0" -v c1="$C_CPU1" -v s0="$C_S0" -v s1="$C_S1" -v t="$SECONDS_RUN" 'BEGIN {
  printf "collector:  %.1f CPU-s, %.0f samples (%.0f/s), %.2f CPU-s per million samples\n", c1-c0, s1-s0, (s1-s0)/t, (c1-c0)/((s1-s0)/1e6) }'
if [ "$MODE" = compare ]; then
  P_CPU1="$(cpu_seconds "$PPID_")"; P_S1="$(metric "http://127.0.0.1:$PPORT/metrics" prometheus_tsdb_head_samples_appended_total)"
  awk -v c0="$P_CPU0" -v c1="$P_CPU1" -v s0="$P_S0" -v s1="$P_S1" -v t="$SECONDS_RUN" 'BEGIN {
    printf "prometheus: %.1f CPU-s, %.0f samples (%.0f/s), %.2f CPU-s per million samples\n", c1-c0, s1-s0, (s1-s0)/t, (c1-c0)/((s1-s0)/1e6) }'
  awk -v a="$(echo "$C_CPU1 - $C_CPU0" | bc -l)" -v as="$(echo "$C_S1 - $C_S0" | bc -l)" -v b="$(echo "$P_CPU1 - $P_CPU0" | bc -l)" \
    -v bs="$(echo "$P_S1 - $P_S0" | bc -l)" 'BEGIN { printf "ratio collector/prometheus: %.2f\n", (a/as)/(b/bs) }'
else
  M="$(curl -s "http://127.0.0.1:$CPORT/q/metrics")"
  echo "$M" | awk '/^plimsoll_collector_scrape_lag_seconds\{.*quantile="0.5"/ {printf "scrape lag p50: %.0f ms\n", $NF*1000}
    /^plimsoll_collector_scrape_lag_seconds\{.*quantile="0.99"/ {printf "scrape lag p99: %.0f ms\n", $NF*1000}
    /^plimsoll_collector_scrape_duration_seconds_sum\{result="success"/ {ds=$NF} /^plimsoll_collector_scrape_duration_seconds_count\{result="success"/ {dc=$NF}
    /^plimsoll_collector_scrapes_skipped_total/ {printf "skipped scrapes (previous still running): %.0f\n", $NF}
    /^plimsoll_collector_scrapes_total\{result="failure"/ {printf "failed scrapes: %.0f\n", $NF}
    /^plimsoll_collector_targets\{state="up"/ {printf "targets up: %.0f\n", $NF}
    /^plimsoll_collector_series / {printf "series: %.0f\n", $NF; series=$NF}
    END {printf "mean scrape duration: %.0f ms\n", ds/dc*1000}'
  jcmd "$CPID" GC.run >/dev/null 2>&1 || "$JAVA_HOME/bin/jcmd" "$CPID" GC.run >/dev/null
  sleep 1
  HEAP="$(curl -s "http://127.0.0.1:$CPORT/q/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s+=$NF} END {printf "%.0f", s}')"
  SERIES="$(curl -s "http://127.0.0.1:$CPORT/q/metrics" | awk '/^plimsoll_collector_series / {printf "%.0f", $NF}')"
  echo "heap after full GC: $((HEAP / 1048576)) MiB, $((HEAP / SERIES)) bytes per series (everything on the heap / series)"
  echo "RSS: $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$CPID/status")"
fi
