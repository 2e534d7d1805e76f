#!/usr/bin/env bash
# Security, on a server of its own (port 8091, in-memory database): makes a users file with hash-password (alice may
# write, bob only read), starts the server with it, then shows 401 with and without a challenge, Basic and
# X-Authorization, a 403 for bob's write (the same for a resource that does not exist), the last writer as the
# entry's author, the health probe, and the metrics for an admin. Stops the server at the end.
# Run from the repository root after building (mvn -B -q -DskipTests package).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="$HERE/../target/sdata-server.jar"
[ -f "$JAR" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
WORK="$(mktemp -d)"
PORT="${PORT:-8091}"
trap 'kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
say() { printf '\n== %s\n' "$*"; }
show() { printf '> %s\n' "$*"; curl -sS -o "$WORK/body" -w '< %{http_code}\n' "$@"; }

say "A users file: bcrypt hashes made by hash-password"
{
    printf 'alice:%s:write@myContract\n' "$(printf 'alice-pw\n' | java -jar "$JAR" hash-password)"
    printf 'bob:%s:read@myContract\n' "$(printf 'bob-pw\n' | java -jar "$JAR" hash-password)"
    printf 'root:%s:admin\n' "$(printf 'root-pw\n' | java -jar "$JAR" hash-password)"
} > "$WORK/users"
cut -d: -f1,3 "$WORK/users" | sed 's/^/  /'

say "The server, with --users (it would refuse another address than loopback without it)"
java -jar "$JAR" --port "$PORT" --host 127.0.0.1 --db "jdbc:h2:mem:security" --users "$WORK/users" > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done
B="http://127.0.0.1:$PORT/sdata/myApp/myContract/-"
ENTRY='<entry xmlns="http://www.w3.org/2005/Atom" xmlns:sdata="http://schemas.sage.com/sdata/2008/1"><sdata:payload><contact xmlns="http://schemas.sage.com/myContract"><lastName>Secure</lastName></contact></sdata:payload></entry>'

say "No credentials: 401 and a challenge; with X-Authorization-Mode: no-challenge, no challenge"
show -D - "$B/contacts" | grep -i '^WWW-Authenticate\|^<' || true
show -H 'X-Authorization-Mode: no-challenge' -D "$WORK/h" "$B/contacts"
grep -ci '^WWW-Authenticate' "$WORK/h" | sed 's/^/  WWW-Authenticate headers: /' || true

say "alice creates a contact (Basic); bob reads it with X-Authorization"
show -u alice:alice-pw -H 'Content-Type: application/atom+xml' --data "$ENTRY" -D "$WORK/h" "$B/contacts"
URL=$(grep -i '^Location:' "$WORK/h" | cut -d' ' -f2 | tr -d '\r')
show -H "X-Authorization: Basic $(printf 'bob:bob-pw' | base64)" "$URL"
printf '  author: %s\n' "$(grep -o '<author><name>[^<]*' "$WORK/body" | head -1 | sed 's/.*<name>//')"

say "bob may not write: 403, and the same 403 for a resource that does not exist"
show -u bob:bob-pw -X DELETE "$URL"
show -u bob:bob-pw -X DELETE "$B/contacts('no-such-key')"

say "Health needs no credentials; metrics need admin"
show "http://127.0.0.1:$PORT/health"
show -u bob:bob-pw "http://127.0.0.1:$PORT/metrics"
show -u root:root-pw "http://127.0.0.1:$PORT/metrics"
grep '^sdata_requests_seconds_count' "$WORK/body" | head -3 | sed 's/^/  /'
