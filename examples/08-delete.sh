#!/usr/bin/env bash
# Deleting: sales order 43660 (a stale If-Match first: 412), which takes its order lines with it; a second
# delete answers 410 Gone. Then removes what 02-create.sh made (products 72 and 43, contact 216), so that
# 02..05 can be run again.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

say "Read the order for its ETag and its order lines"
read_order "?include=orderLines"
etag=$(header ETag)
lines=$(attribute salesOrderLine sdata:url)
printf '  ETag: %s\n  order lines: %s\n' "$etag" "$(printf '%s' "$lines" | paste -sd' ' -)"

say "DELETE with an ETag that does not match: 412 with the current entry, nothing deleted"
delete 412 "$ORDER_URL" -H 'If-Match: "bm90LXRoZS1jdXJyZW50LWV0YWc="'
printf '  current ETag: %s\n' "$(header ETag)"

say "DELETE with the current ETag"
delete 200 "$ORDER_URL" -H "If-Match: $etag"

say "The order and its lines are gone"
get 404 "$ORDER_URL"
diagnosis
for line in $lines; do
    get 404 "$line"
done

say "Deleting it again: 410 Gone"
delete 410 "$ORDER_URL"
diagnosis

say "Clean up what 02-create.sh made (If-Match is optional on DELETE)"
for url in "$BASE/products('72')" "$BASE/products('43')" "$BASE/contacts('216')"; do
    delete '200|410' "$url"
done
