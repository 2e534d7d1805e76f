#!/usr/bin/env bash
# Ordinary GETs of one entry (wrk, 4 connections, 15 s) against the server alone (the floor), then while slow and
# idle clients hang on: 50 clients sending a POST body at 1 byte/s and 500 idle keep-alive connections (issue 8).
# Writes bench/results/slow-clients.md. Needs wrk (Debian package) and python3. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
mvn -B -q -DskipTests package
PORT=${PORT:-18099}
DATA=$(mktemp -d)
java -jar target/sdata-server.jar --port "$PORT" --host 127.0.0.1 --db "jdbc:h2:file:$DATA/db" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; kill $HOLDERS 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do grep -q "ready at" "$DATA/server.log" && break; sleep 0.5; done
B="http://127.0.0.1:$PORT/sdata/myApp/myContract/-"
curl -s -o /dev/null -X POST "$B/contacts" -H 'Content-Type: application/atom+xml; type=entry' --data-binary \
  '<entry xmlns="http://www.w3.org/2005/Atom" xmlns:sdata="http://schemas.sage.com/sdata/2008/1"><sdata:payload><contact xmlns="http://schemas.sage.com/myContract" sdata:key="1"><lastName>Bench</lastName></contact></sdata:payload></entry>'
URL="$B/contacts('1')"
run() { wrk -t2 -c4 -d15s --latency "$URL" | tee "$DATA/$1.txt" >&2; }
figures() { # requests/s, p50, p99, non-2xx
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$5} END {printf "%s | %s | %s | %s", rps, p50, p99, (bad==""?0:bad)}' "$DATA/$1.txt"
}
wrk -t2 -c4 -d15s "$URL" > /dev/null # warm-up (JIT), not recorded
run floor
python3 bench/src/slow_clients.py "$PORT" 50 500 90 &
HOLDERS=$!
sleep 5
run slow
kill $HOLDERS 2>/dev/null || true
{
  echo "# Ordinary reads while slow clients hang on"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores: \`GET contacts('1')\`, wrk -t2 -c4 -d15s, H2 embedded, default limits."
  echo "Slow: 50 clients sending a POST body at 1 byte/s plus 500 idle keep-alive connections, held open during the run."
  echo
  echo "| run | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
  echo "| floor (server alone) | $(figures floor) |"
  echo "| with 50 slow + 500 idle clients | $(figures slow) |"
} > bench/results/slow-clients.md
cat bench/results/slow-clients.md
