#!/usr/bin/env bash
# Entry GETs with no authentication, Basic and Bearer (wrk, alternating runs, medians) on H2;
# writes bench/results/auth.md. Usage: bench/run-auth-bench.sh [seconds per run] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
need_wrk
build_bench
run_bench 2g AuthBench.java "$@"
