#!/usr/bin/env bash
# A feed page of 100 entries in Atom and in JSON (wrk, alternating runs, medians) on H2 and on an embedded
# PostgreSQL; writes bench/results/json-feed.md. Usage: bench/run-json-bench.sh [seconds per run] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
need_wrk
build_bench
run_bench 2g FormatBench.java "$@"
