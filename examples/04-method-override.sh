#!/usr/bin/env bash
# Method override, for clients and proxies that only let GET and POST through: a POST with
# X-HTTP-Method-Override: PUT is an update, with X-HTTP-Method-Override: DELETE a delete (and with GET a read whose
# query string travels in the body).
# Updates sales order 43660 (run 02-create.sh first); creates and deletes a scratch product 901.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

say "Read the order for its ETag"
read_order
etag=$(header ETag)
printf '  ETag: %s, status=%s\n' "$etag" "$(value status)"

say "POST + X-HTTP-Method-Override: PUT, with If-Match as for a PUT"
post 200 "$ORDER_URL" "$HERE/entries/salesOrder-shipped.xml" -H "X-HTTP-Method-Override: PUT" -H "If-Match: $etag"
printf '  new ETag: %s, status=%s\n' "$(header ETag)" "$(value status)"

say "The same with the now outdated ETag: 412, as for a PUT"
post 412 "$ORDER_URL" "$HERE/entries/salesOrder-shipped.xml" -H "X-HTTP-Method-Override: PUT" -H "If-Match: $etag"
printf '  current ETag: %s\n' "$(header ETag)"

say "Create a scratch product 901 to delete"
get '200|404' "$BASE/products('901')"
if [ "$STATUS" = 404 ]; then
    post 201 "$BASE/products" "$HERE/entries/product-901.xml"
fi

say "POST + X-HTTP-Method-Override: DELETE (If-Match is optional on a delete)"
call 200 POST "$BASE/products('901')" -H "X-HTTP-Method-Override: DELETE"
printf '  body: %s bytes\n' "$(wc -c < "$BODY" | tr -d ' ')"

say "It is gone: a read answers 404, another delete 410 Gone"
get 404 "$BASE/products('901')"
diagnosis
call 410 POST "$BASE/products('901')" -H "X-HTTP-Method-Override: DELETE"
diagnosis

say "POST + X-HTTP-Method-Override: GET: the body carries the query string (for URLs too long for a request line)"
call 200 POST "$BASE/products" -H "X-HTTP-Method-Override: GET" -H "Content-Type: text/plain" --data-binary 'startIndex=1&count=1'
printf '  a feed: totalResults=%s itemsPerPage=%s\n' "$(value totalResults)" "$(value itemsPerPage)"

say "The header is honoured on POST only"
call 400 GET "$BASE/products('72')" -H "X-HTTP-Method-Override: DELETE"
diagnosis
