#!/usr/bin/env bash
# Entry GET against a bare Jersey/Grizzly resource answering the same bytes (wrk, alternating runs, medians),
# on H2 and PostgreSQL; writes bench/results/floor.md. Usage: bench/run-floor-bench.sh [seconds per run] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
need_wrk
build_bench
run_bench 2g FloorBench.java "$@"
