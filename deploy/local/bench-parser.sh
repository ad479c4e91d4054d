#!/usr/bin/env bash
# Parser throughput, one thread, on the fixture corpus (MB/s and samples/s, cold and warm series cache).
# Usage: deploy/local/bench-parser.sh [SECONDS_PER_MODE]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/lib.sh
ensure_jdk
./mvnw -B -q -o -pl exposition test-compile 2>/dev/null || ./mvnw -B -q -pl exposition test-compile
"$JAVA_HOME/bin/java" -Xmx512m -cp exposition/target/classes:exposition/target/test-classes \
  dev.plimsoll.exposition.ParserBenchmark exposition/src/test/resources/fixtures "${1:-10}"
