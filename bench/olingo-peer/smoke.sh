#!/usr/bin/env bash
# Smoke check of a running olingo-peer: GET entry, PUT with right/stale/missing If-Match, POST.
# Usage: bench/olingo-peer/smoke.sh http://127.0.0.1:8090/odata.svc
set -euo pipefail
U=${1:?service root URL}
A='Content-Type: application/atom+xml'
body() { # Atom entry with the writable SalesOrder fields; $1 = Status
  cat <<XML
<entry xmlns="http://www.w3.org/2005/Atom" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices"><content type="application/xml"><m:properties><d:OrderDate>2024-02-01T00:00:00</d:OrderDate><d:Status>$1</d:Status><d:SubTotal>175.5000</d:SubTotal><d:Comment>smoke</d:Comment><d:Revision>2</d:Revision><d:ContactId>42</d:ContactId><d:BillStreet>2 Main Street</d:BillStreet><d:BillCity>Springfield</d:BillCity><d:BillPostalCode>12345</d:BillPostalCode><d:BillCountryCode>US</d:BillCountryCode></m:properties></content></entry>
XML
}
status_etag() { awk 'NR==1{s=$2} tolower($1)=="etag:"{e=$2} END{gsub("\r","",e); print s, e}'; }

read -r s etag < <(curl -s -D - -o /tmp/olingo-peer-smoke.xml "$U/SalesOrders(1)?\$expand=OrderLines" | status_etag)
lines=$(grep -o '<entry>' /tmp/olingo-peer-smoke.xml | wc -l)
echo "GET  entry+lines -> $s ETag=$etag inlined lines=$lines"
read -r s new < <(body put | curl -s -D - -o /dev/null -X PUT -H "$A" -H "If-Match: $etag" --data-binary @- "$U/SalesOrders(1)" | status_etag)
echo "PUT  If-Match=$etag -> $s ETag=$new"
read -r s _ < <(body stale | curl -s -D - -o /dev/null -X PUT -H "$A" -H "If-Match: $etag" --data-binary @- "$U/SalesOrders(1)" | status_etag)
echo "PUT  stale If-Match=$etag -> $s"
read -r s _ < <(body none | curl -s -D - -o /dev/null -X PUT -H "$A" --data-binary @- "$U/SalesOrders(1)" | status_etag)
echo "PUT  no If-Match -> $s"
read -r s e < <(body any | curl -s -D - -o /dev/null -X PUT -H "$A" -H 'If-Match: *' --data-binary @- "$U/SalesOrders(1)" | status_etag)
echo "PUT  If-Match=* -> $s ETag=$e"
read -r s e < <(body new | curl -s -D - -o /dev/null -X POST -H "$A" --data-binary @- "$U/SalesOrders" | status_etag)
echo "POST SalesOrders -> $s ETag=$e"
echo "GET  \$format=json -> $(curl -s -o /dev/null -w '%{http_code}' "$U/SalesOrders(1)?\$format=json&\$expand=OrderLines")"
