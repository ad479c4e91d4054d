#!/usr/bin/env bash
# Backtest: replay a trace (Azure CSV or Mooncake JSONL) through the fleet model under every baseline (HPA on
# utilisation, KEDA as vLLM's production stack configures it, Knative KPA) and Plimsoll's default policy, all driven by
# the scaler's own engine, and print GPU-hours and SLO attainment for each.
# Usage: deploy/local/backtest.sh TRACE [--profile llama-3.1-8b-h100|llama-3.1-8b-a100|llama-3.1-70b-h100x4|llama-3.1-70b-a100x4] [--time-scale F]
#                                      [--max-gpus N] [--ttft SECONDS] [--e2e SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/lib.sh
ensure_jdk
[ $# -ge 1 ] || { echo "usage: $0 TRACE [--profile NAME] [--time-scale F] [--max-gpus N] [--ttft S] [--e2e S]" >&2; exit 2; }
./mvnw -B -q -o -pl backtest -am install -DskipTests 2>/dev/null || ./mvnw -B -q -pl backtest -am install -DskipTests
"$JAVA_HOME/bin/java" -cp backtest/target/classes:fleet-model/target/classes:scaling-engine/target/classes \
  dev.plimsoll.backtest.BacktestCommand "$@"
