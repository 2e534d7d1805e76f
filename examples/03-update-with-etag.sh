#!/usr/bin/env bash
# Updating with optimistic concurrency: read sales order 43660 and keep its ETag, send a partial update with
# If-Match, then send another update with the ETag that is now outdated: 412, and the answer carries the
# current entry and ETag. Run 02-create.sh first.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

say "Read the order and note its ETag"
read_order
etag1=$(header ETag)
printf '  ETag: %s (http:etag in the entry: %s)\n  shipDate=%s\n' "$etag1" "$(value etag)" "$(value shipDate)"

say "PUT without If-Match is refused: salesOrders support ETags (sme:supportsETag)"
put 400 "$ORDER_URL" "$HERE/entries/salesOrder-ship.xml"
diagnosis

say "PUT a partial update (shipDate only) with If-Match: the ETag we read"
put 200 "$ORDER_URL" "$HERE/entries/salesOrder-ship.xml" -H "If-Match: $etag1"
etag2=$(header ETag)
printf '  new ETag: %s\n  shipDate=%s, orderDate=%s, subTotal=%s (unchanged)\n' "$etag2" "$(value shipDate)" \
    "$(value orderDate)" "$(value subTotal)"

say "PUT again with the old ETag: someone changed the order since, so 412 Precondition Failed"
put 412 "$ORDER_URL" "$HERE/entries/salesOrder-ship-late.xml" -H "If-Match: $etag1"
printf '  the answer is the current entry: ETag %s, shipDate=%s\n' "$(header ETag)" "$(value shipDate)"
if [ "$(header ETag)" != "$etag2" ]; then
    echo "!! the 412 answer should carry the current ETag $etag2" >&2
    exit 1
fi

say "Retry with the current ETag, written without quotes (quoted, unquoted and W/ forms are all accepted)"
unquoted=${etag2#\"}
unquoted=${unquoted%\"}
put 200 "$ORDER_URL" "$HERE/entries/salesOrder-comment.xml" -H "If-Match: $unquoted"
printf '  new ETag: %s\n  comment=%s, shipDate=%s\n' "$(header ETag)" "$(value comment)" "$(value shipDate)"

say "The order lines were not in the update and are untouched"
get 200 "$ORDER_URL?include=orderLines"
printf '  order lines: %s\n' "$(attribute salesOrderLine sdata:key | paste -sd, -)"
