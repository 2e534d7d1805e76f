#!/usr/bin/env bash
# Three SDataServer instances on one embedded PostgreSQL, 8 writer threads each doing POST creates: every server on a
# different kind, then all on the same kind, with synchronous_commit off and on; creates/s, lock waits on the stamp
# rows (and whether the blocker is another server), counts and feed ETags checked across the servers at the end.
# Run against the current code and against the code before per-table stamps (built from git into a temporary
# directory); writes bench/results/stamps.md.
# Usage: bench/run-stamps-bench.sh [seconds] [rounds] [base-revision]   (default 15 s, 3 rounds; base: the parent of
#        the commit that added V6__table_stamps.sql). MVN_ARGS adds Maven options (e.g. MVN_ARGS=-o to build offline).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-15}"
ROUNDS="${2:-3}"
BASE="${3:-$(git rev-parse "$(git log --format=%H --diff-filter=A -1 -- src/main/resources/db/migration/V6__table_stamps.sql)^")}"
MVN="mvn -B -q ${MVN_ARGS:-}"

$MVN -DskipTests package
$MVN dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="$(cat target/bench-classpath.txt)"

OLD="$(mktemp -d)"
trap 'rm -rf "$OLD"' EXIT
git archive "$BASE" | tar -x -C "$OLD"
(cd "$OLD" && $MVN -DskipTests package)

ROWS="target/stamps-rows.md"
rm -f "$ROWS"
java -Xmx2g -cp "$OLD/target/classes:$OLD/target/test-classes:$CP" bench/src/StampsBench.java \
    "before ($(git rev-parse --short "$BASE"), one stamp per dataset)" "$SECONDS_PER_RUN" "$ROUNDS" "$ROWS"
java -Xmx2g -cp "target/classes:target/test-classes:$CP" bench/src/StampsBench.java \
    "after ($(git rev-parse --short HEAD), one stamp per table)" "$SECONDS_PER_RUN" "$ROUNDS" "$ROWS"

{
  echo "# Several server processes writing on one PostgreSQL"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores with bench/run-stamps-bench.sh: one embedded PostgreSQL"
  echo "(zonky), three SDataServer instances on one database (one JVM, each with its own connection pool of 16, units of"
  echo "work and count cache, as three processes would have), 8 writer threads per server doing POST creates over"
  echo "keep-alive HTTP for ${SECONDS_PER_RUN} s after a 5 s warm-up, ${ROUNDS} rounds per scenario (interleaved, a fresh"
  echo "database and fresh servers each), after one unmeasured 25 s run of each scenario for the JIT (without it the"
  echo "first runs of a JVM are half as fast as the later ones); clients, servers and PostgreSQL share the cores."
  echo
  echo "- *different kinds*: the three servers create contacts, products and taxCodes (no feed of one reads another);"
  echo "  *same kind*: all three create contacts."
  echo "- *sync commit*: synchronous_commit for the database. zonky runs PostgreSQL with it off; on is PostgreSQL's"
  echo "  default, where a commit waits for its WAL flush while still holding the row locks it took (the stamp rows)."
  echo "- Lock figures: pg_stat_activity sampled every 10 ms over the measured seconds, mean number of the servers'"
  echo "  backends per sample: waiting on any lock; waiting on a stamp row; waiting on a stamp row held by a backend of"
  echo "  *another* server (pg_blocking_pids; each server's pool has its own application_name). With different kinds a"
  echo "  server writes only its own kind, so that last figure is writers of one kind waiting for writers of another."
  echo "- Correctness, after the load: every server's totalResults of every kind equals the creates answered 201; a"
  echo "  create of each kind through one server must move that kind's feed ETag on all three servers (a conditional GET"
  echo "  with the old ETag is answered 200); *unrelated kept* counts the other kinds' feed ETags still answered 304."
  echo
  echo "| code | sync commit | scenario | creates/s (median) | creates/s per round (per server) | lock waiters | stamp-lock waiters | ... blocked by another server | samples with such a cross-server wait | active backends | correctness |"
  echo "|---|---|---|---:|---|---:|---:|---:|---:|---:|---|"
  cat "$ROWS"
} > bench/results/stamps.md
cat bench/results/stamps.md
