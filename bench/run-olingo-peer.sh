#!/usr/bin/env bash
# Starts the Apache Olingo OData V2 benchmark peer (bench/olingo-peer), a comparison server for benchmarks only.
# Usage: bench/run-olingo-peer.sh [jdbcUrl] [port] [poolSize]
#   defaults: an H2 file DB in a fresh temp dir, port 8090, pool 10. Prints "READY http://127.0.0.1:<port>/odata.svc".
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=bench/olingo-peer/target/olingo-peer.jar
if [[ ! -f "$JAR" ]]; then
  mvn -B -q -f bench/olingo-peer/pom.xml package -DskipTests
fi
JDBC_URL=${1:-"jdbc:h2:file:$(mktemp -d "${TMPDIR:-/tmp}/olingo-peer.XXXXXX")/peer"}
exec java -Xmx2g -jar "$JAR" "$JDBC_URL" "${2:-8090}" "${3:-10}"
