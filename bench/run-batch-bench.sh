#!/usr/bin/env bash
# 1,000 creates and 1,000 conditional updates as single requests (the floor) and as one $batch, on H2 and on an
# embedded PostgreSQL; writes bench/results/batch.md. Usage: bench/run-batch-bench.sh [n]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" bench/src/BatchBench.java "$@"
