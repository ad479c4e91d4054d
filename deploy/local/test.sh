#!/usr/bin/env bash
# Runs every test of the suite: unit tests, @QuarkusTest wiring tests against the real PostgreSQL and
# RabbitMQ, and the end-to-end test of the packaged suite. Makes sure a JDK >= 21, PostgreSQL and
# RabbitMQ (and the Python Prometheus client the parser is checked against, and Docker's engine and
# busybox for the real-swarm test) are there first (uses them when they answer, starts them when installed but stopped,
# installs them with apt-get when missing), and stops what it started when done.
#
# Extra arguments go to Maven, e.g. deploy/local/test.sh -pl scaler-service -am
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=lib.sh
source "$ROOT/deploy/local/lib.sh"
trap stop_started EXIT

ensure_jdk
ensure_reference_parser
ensure_swarm_test_tools
ensure_postgres
ensure_rabbitmq
ensure_databases plimsoll plimsoll_test
say "running ./mvnw -B verify -DskipITs=false $*"
./mvnw -B verify -DskipITs=false "$@"
