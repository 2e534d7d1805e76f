#!/usr/bin/env bash
# Query latency at 10k, 100k and 1M salesOrders on an embedded PostgreSQL; writes bench/results/query-latency.{md,csv}.
# Usage: bench/run-query-bench.sh [rows ...]      e.g. bench/run-query-bench.sh 10000 100000
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" bench/src/QueryBench.java "$@"
