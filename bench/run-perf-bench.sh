#!/usr/bin/env bash
# The performance suite of issue 14 in one command: builds the server and the Olingo peer, installs wrk if missing,
# runs bench/src/PerfBench.java (H2 and PostgreSQL; floor, entry GET, feed pages, conditional PUT, POST, Basic GET,
# the Olingo peer, start-up, heap under -Xmx256m) and then the batch benchmark (1,000 updates and creates, batch
# against single requests). Results: bench/results/perf.md and bench/results/batch.md.
# Usage: bench/run-perf-bench.sh [seconds per run] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
need_wrk
build_bench
mvn -B -q -f bench/olingo-peer/pom.xml -DskipTests package
run_bench 256m PerfBench.java "$@"
run_bench 256m BatchBench.java
