#!/usr/bin/env bash
# Entry GET against a bare Jersey/Grizzly resource answering the same bytes (wrk, alternating runs, medians),
# on H2 and PostgreSQL; writes bench/results/floor.md. Usage: bench/run-floor-bench.sh [seconds per run] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
mvn -B -q -DskipTests package
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" bench/src/FloorBench.java "$@"
