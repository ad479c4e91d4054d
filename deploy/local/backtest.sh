#!/usr/bin/env bash
# Backtest: replay a trace (Azure 2023/2024 or BurstGPT CSV, Mooncake JSONL) through the fleet model under every baseline (HPA on
# utilisation, KEDA as vLLM's production stack configures it, Knative KPA) and Plimsoll's default policy, all driven by
# the scaler's own engine, and print GPU-hours and SLO attainment for each.
# Usage: deploy/local/backtest.sh TRACE [--profile llama-3.1-8b-h100|llama-3.1-8b-a100|llama-3.1-70b-h100x4|llama-3.1-70b-a100x4] [--time-scale F]
#                                      [--max-gpus N] [--ttft SECONDS] [--e2e SECONDS] [--from S] [--to S] [--work-load-target F] [--e2e-load-target F] [--termination-grace S] [--sweep] [--out DIR]
# --out DIR also writes comparison.txt, timeline.csv, timeline.json and replicas.png there; --sweep also replays Plimsoll's
# policy over a grid of load targets and names the cheapest that met the SLO (with --out: sweep.csv, sweep.png);
# --help lists the options.
# Paths are taken from the directory it is run in.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/deploy/local/lib.sh"
ensure_jdk
(cd "$root" && { ./mvnw -B -q -o -pl backtest -am install -DskipTests 2>/dev/null || ./mvnw -B -q -pl backtest -am install -DskipTests; })
exec "$JAVA_HOME/bin/java" -cp "$root/backtest/target/classes:$root/backtest/target/lib/*" dev.plimsoll.backtest.BacktestCommand "$@"
