# shellcheck shell=bash
# Shared by the example scripts: the base URL, a curl wrapper that prints each request and its status, and
# small helpers to pick values out of the (single-line) XML answers. Sourced, not run.

BASE="${BASE:-http://localhost:8080/sdata/myApp/myContract/-}"
BASE="${BASE%/}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENTRY_TYPE='application/atom+xml; type=entry'

# The sales order the examples create (its key is chosen in entries/salesOrder-43660.xml).
ORDER_KEY=43660
ORDER_URL="$BASE/salesOrders('$ORDER_KEY')"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
BODY="$WORK/body"
HEADERS="$WORK/headers"

# say TEXT: a step heading
say() { printf '\n== %s\n' "$*"; }

# call EXPECTED METHOD URL [curl options...]
#   Sends the request, prints "> METHOD URL" and "< STATUS", keeps the body in $BODY and the headers in $HEADERS.
#   With VERBOSE=1 it also prints the response headers and body.
#   EXPECTED is one status or several separated by "|" (e.g. "200|410"); any other status stops the script.
call() {
    local expected=$1 method=$2 url=$3
    shift 3
    printf '> %s %s\n' "$method" "$url"
    local extra
    for extra in "$@"; do
        case "$extra" in
            If-Match:*|X-HTTP-Method-Override:*) printf '>   %s\n' "$extra" ;;
        esac
    done
    local status
    if ! status=$(curl -sS -g -X "$method" -o "$BODY" -D "$HEADERS" -w '%{http_code}' "$@" "$url"); then
        printf '!! no answer: is sdata-server running? (BASE=%s)\n' "$BASE" >&2
        exit 1
    fi
    STATUS=$status
    printf '< %s\n' "$status"
    if [ "${VERBOSE:-0}" = 1 ]; then
        tr -d '\r' < "$HEADERS" | sed '/^$/d; s/^/<   /'
        cat "$BODY"
        printf '\n'
    fi
    case "|$expected|" in
        *"|$status|"*) ;;
        *)
            printf '!! expected HTTP %s but got %s; the answer was:\n' "$expected" "$status" >&2
            cat "$BODY" >&2
            printf '\n' >&2
            exit 1
            ;;
    esac
}

# get EXPECTED URL / post|put EXPECTED URL FILE [curl options...] / delete EXPECTED URL [curl options...]
get() { local e=$1 u=$2; shift 2; call "$e" GET "$u" "$@"; }
post() { local e=$1 u=$2 f=$3; shift 3; call "$e" POST "$u" -H "Content-Type: $ENTRY_TYPE" --data-binary "@$f" "$@"; }
put() { local e=$1 u=$2 f=$3; shift 3; call "$e" PUT "$u" -H "Content-Type: $ENTRY_TYPE" --data-binary "@$f" "$@"; }
delete() { local e=$1 u=$2; shift 2; call "$e" DELETE "$u" "$@"; }

# read_order [QUERY]: GET the sales order 02-create.sh makes; stops with a hint when it is not there
read_order() {
    get '200|404' "$ORDER_URL${1:-}"
    if [ "$STATUS" = 404 ]; then
        printf '!! sales order %s does not exist: run 02-create.sh first\n' "$ORDER_KEY" >&2
        exit 1
    fi
}

# header NAME: the value of a response header of the last call (empty when absent)
header() {
    grep -i "^$1:" "$HEADERS" | tail -n 1 | cut -d: -f2- | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' | tr -d '\r' || true
}

# value NAME: the text of the first <NAME> element (any prefix) in the last body, or "nil" when xsi:nil="true"
value() {
    local el
    el=$(grep -o "<\([A-Za-z0-9_]*:\)\{0,1\}$1[ />][^<]*" "$BODY" | head -n 1 || true)
    case "$el" in
        *'xsi:nil="true"'*) echo nil ;;
        *) printf '%s\n' "${el#*>}" ;;
    esac
}

# values NAME: the text of every <NAME> element in the last body, one per line
values() { grep -o "<\([A-Za-z0-9_]*:\)\{0,1\}$1[ >][^<]*" "$BODY" | sed 's/^[^>]*>//' || true; }

# attribute ELEMENT ATTR: ATTR of every <ELEMENT ...> start tag in the last body, one per line
attribute() {
    grep -o "<$1 [^>]*" "$BODY" | grep -o " $2=\"[^\"]*\"" | sed -e 's/^[^"]*"//' -e 's/"$//' || true
}

# diagnosis: the message of the first sdata:diagnosis in the last body
diagnosis() { printf '  diagnosis: %s\n' "$(value message)"; }
