#!/usr/bin/env bash
# Trees and safe creates (run after 02-create.sh, before 08-delete.sh): order lines changed in delta mode, a line
# added and updated at its own URL, the billing address updated partially, every fault of a bad payload reported
# at once, a create repeated with its uuid, and a reliable post with trackingID. The order ends as it started,
# apart from its comment; the scratch order made by the reliable post is deleted at the end.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

entry() { printf '<entry xmlns="http://www.w3.org/2005/Atom" xmlns:sdata="http://schemas.sage.com/sdata/2008/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sdata:payload>%s</sdata:payload></entry>' "$1"; }
NS='xmlns="http://schemas.sage.com/myContract"'

say "Read the order and its lines"
get 200 "$ORDER_URL?include=orderLines"
etag=$(header ETag)
printf '  lines: %s\n' "$(attribute salesOrderLine sdata:key | paste -sd, -)"

say "Add a line at the list's own URL: 201, Location is the line's own URL"
entry "<salesOrderLine $NS><lineNumber>3</lineNumber><product sdata:key=\"72\"/><orderQty>5</orderQty></salesOrderLine>" > "$WORK/line.xml"
post 201 "$ORDER_URL/orderLines" "$WORK/line.xml"
line_url=$(header Location | tr -d '\r')
line_key=$(attribute salesOrderLine sdata:key | head -n 1)
printf '  Location: %s\n' "$line_url"

say "Update that line at its property URL, with its own ETag"
get 200 "$ORDER_URL/orderLines('$line_key')"
entry "<salesOrderLine $NS><orderQty>6</orderQty></salesOrderLine>" > "$WORK/qty.xml"
put 200 "$ORDER_URL/orderLines('$line_key')" "$WORK/qty.xml" -H "If-Match: $(header ETag)"
printf '  orderQty=%s\n' "$(value orderQty)"

say "Delta mode: flag the new line isDeleted; the other lines are not listed and stay"
get 200 "$ORDER_URL"
entry "<salesOrder $NS><comment>changed by 07-trees.sh</comment><orderLines><salesOrderLine sdata:key=\"$line_key\" sdata:isDeleted=\"true\"/></orderLines></salesOrder>" > "$WORK/delta.xml"
put 200 "$ORDER_URL?include=orderLines" "$WORK/delta.xml" -H "If-Match: $(header ETag)"
printf '  lines now: %s\n' "$(attribute salesOrderLine sdata:key | paste -sd, -)"

say "Every fault of a bad payload at once, each with its payloadPath; nothing is written"
entry "<salesOrder $NS><status>Pending</status><orderLines><salesOrderLine><orderQty>-1</orderQty></salesOrderLine></orderLines></salesOrder>" > "$WORK/bad.xml"
get 200 "$ORDER_URL"
put 400 "$ORDER_URL" "$WORK/bad.xml" -H "If-Match: $(header ETag)"
values payloadPath | sed 's/^/  payloadPath: /'

say "A reliable post: 202 with a tracking URL; the same trackingID again creates nothing new"
tracking=$(python3 -c 'import uuid; print(uuid.uuid4())')
entry "<salesOrder $NS><comment>reliable</comment><contact sdata:key=\"216\"/></salesOrder>" > "$WORK/reliable.xml"
post 202 "$BASE/salesOrders?trackingID=$tracking" "$WORK/reliable.xml"
tracked=$(header Location | tr -d '\r')
printf '  Location: %s  phase=%s\n' "$tracked" "$(value phase)"
post 202 "$BASE/salesOrders?trackingID=$tracking" "$WORK/reliable.xml"
get 201 "$tracked"
created=$(header Location | tr -d '\r')
printf '  the created order: %s\n' "$created"
delete 200 "$tracked"
delete 200 "$created"
