#!/usr/bin/env bash
# Serves, on another origin (port 8099), the page the browser test loads: it calls sdata-server with the browser's
# own XMLHttpRequest (read, query, create, update with If-Match, a 412, delete, a batch; Atom and JSON) and shows
# what it saw. Start the server with that origin allowed first:
#   java -jar target/sdata-server.jar --cors-origin http://localhost:8099
# then run this script and open the URL it prints. Needs python3. Stop it with Ctrl-C.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
PAGE_DIR="$HERE/../src/test/resources/clients"
PORT="${PORT:-8099}"
printf 'open http://localhost:%s/browser-page.html?api=%s&tag=%s\n' "$PORT" "$BASE" "$RANDOM"
printf '(the page posts its result to /result, which this simple server answers 501: the result is on the page)\n'
cd "$PAGE_DIR" && exec python3 -m http.server "$PORT" --bind 127.0.0.1
