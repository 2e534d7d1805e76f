#!/usr/bin/env bash
# 1,000 creates and 1,000 conditional updates as single requests (the floor) and as one $batch, on H2 and on an
# embedded PostgreSQL; writes bench/results/batch.md. Usage: bench/run-batch-bench.sh [n]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
build_bench
run_bench 2g BatchBench.java "$@"
