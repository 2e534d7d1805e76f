#!/usr/bin/env bash
# The performance suite of issue 14 in one command: builds the server and the Olingo peer, installs wrk if missing,
# runs bench/src/PerfBench.java (H2 and PostgreSQL; floor, entry GET, feed pages, conditional PUT, POST, Basic GET,
# the Olingo peer, start-up, heap under -Xmx256m) and then the batch benchmark (1,000 updates and creates, batch
# against single requests). Results: bench/results/perf.md and bench/results/batch.md.
# Usage: bench/run-perf-bench.sh [seconds per run] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q wrk >/dev/null; else sudo apt-get install -y -q wrk >/dev/null; fi
fi
mvn -B -q -DskipTests package
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
mvn -B -q -f bench/olingo-peer/pom.xml -DskipTests package
java -Xmx256m -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" bench/src/PerfBench.java "$@"
java -Xmx256m -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" bench/src/BatchBench.java
