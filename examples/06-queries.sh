#!/usr/bin/env bash
# Queries (run after 02-create.sh, before 08-delete.sh): where, orderBy, paging with next links, a selector,
# a property-URL feed, payload control and a conditional GET. Changes nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# enc TEXT: percent-encodes a query-language expression for the URL
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

say "where: comparisons, and/or, dates"
get 200 "$BASE/salesOrders?where=$(enc "orderDate ge @2008-01-01@ and (status eq 'Open' or status eq 'Shipped')")"
printf '  totalResults=%s\n' "$(value totalResults)"

say "where: a member path through the contact reference, a function, a protocol variable"
get 200 "$BASE/salesOrders?where=$(enc "upper(contact.lastName) like 'A%' and subTotal gt 0")"
printf '  totalResults=%s\n' "$(value totalResults)"
get 200 "$BASE/salesOrders?where=$(enc "\$updated gt @2000-01-01T00:00:00Z@")"
printf '  updated since 2000: %s\n' "$(value totalResults)"

say "A bad expression is 400 BadWhereSyntax, naming the position"
get 400 "$BASE/salesOrders?where=$(enc "subTotal gt")"
diagnosis

say "orderBy and paging: the next link carries a cursor; follow it as given"
get 200 "$BASE/products?orderBy=$(enc "name desc")&count=1"
next=$(grep -o '<link href="[^"]*" rel="next"' "$BODY" | sed -e 's/<link href="\([^"]*\)" rel="next"/\1/' -e 's/&amp;/\&/g' || true)
printf '  first page: %s; next: %s\n' "$(values name | sed -n 2p)" "${next:-none}"
if [ -n "$next" ]; then get 200 "$next"; printf '  second page: %s\n' "$(values name | sed -n 2p)"; fi

say "A selector addresses the one resource its condition matches"
get 200 "$BASE/salesOrders($(enc "orderNumber eq '$ORDER_KEY'"))"
printf '  key=%s\n' "$(grep -o 'sdata:key="[^"]*"' "$BODY" | head -1)"

say "The order's lines as a feed of their own, sorted"
get 200 "$ORDER_URL/orderLines?orderBy=$(enc "lineNumber desc")"
printf '  lines=%s\n' "$(value totalResults)"

say "Payload control: select, include, precedence"
get 200 "$ORDER_URL?select=$(enc "orderDate,contact/*,orderLines/orderQty")"
printf '  payload: %s\n' "$(grep -o '<sdata:payload>.*</sdata:payload>' "$BODY" | cut -c1-300)"
get 200 "$BASE/salesOrders?precedence=0&count=1"
printf '  payload elements with precedence=0: %s\n' "$(grep -c '<sdata:payload' "$BODY" || true)"

say "A feed has an ETag: If-None-Match answers 304 while nothing changed"
get 200 "$BASE/salesOrders"
etag=$(header ETag)
get 304 "$BASE/salesOrders" -H "If-None-Match: $etag"
