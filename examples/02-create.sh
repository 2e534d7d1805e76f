#!/usr/bin/env bash
# Creating: contact 216 and products 72 and 43, then sales order 43660 for that contact with two order lines
# (products 72 and 43), all in one POST. A resource that already exists is left as it is (so the script can
# be run again); 08-delete.sh removes everything created here.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# create KIND KEY FILE: POST FILE to the KIND collection unless KIND('KEY') exists already
create() {
    local kind=$1 key=$2 file=$3
    say "Create $kind('$key') from entries/$(basename "$file")"
    get '200|404' "$BASE/$kind('$key')"
    if [ "$STATUS" = 200 ]; then
        echo "  exists already; left as it is"
        return
    fi
    post 201 "$BASE/$kind" "$file"
    printf '  Location: %s\n  ETag: %s\n' "$(header Location)" "$(header ETag)"
}

create contacts 216 "$HERE/entries/contact-216.xml"
if [ "$STATUS" = 201 ]; then
    printf '  its address (a child) was created with it: %s\n' "$(attribute address sdata:url | head -n 1)"
fi
create products 72 "$HERE/entries/product-72.xml"
create products 43 "$HERE/entries/product-43.xml"

create salesOrders "$ORDER_KEY" "$HERE/entries/salesOrder-43660.xml"

say "Read the order back with its lines embedded (include=orderLines)"
get 200 "$ORDER_URL?include=orderLines"
printf '  orderNumber=%s orderDate=%s subTotal=%s status=%s shipDate=%s\n' "$(value orderNumber)" "$(value orderDate)" \
    "$(value subTotal)" "$(value status)" "$(value shipDate)"
printf '  contact link: %s\n' "$(attribute contact sdata:url | head -n 1)"
printf '  order lines: %s\n' "$(attribute salesOrderLine sdata:url | paste -sd' ' -)"
printf '  line products: %s\n' "$(attribute product sdata:key | paste -sd, -)"
printf '  ETag: %s\n' "$(header ETag)"

say "Each order line is a resource of its own kind, linked to its parent order"
line_url=$(attribute salesOrderLine sdata:url | head -n 1)
get 200 "$line_url"
printf '  order link: %s\n' "$(attribute order sdata:url | head -n 1)"

say "A sales order without its mandatory contact is refused with a diagnosis"
cat > "$WORK/no-contact.xml" <<'XML'
<entry xmlns="http://www.w3.org/2005/Atom" xmlns:sdata="http://schemas.sage.com/sdata/2008/1">
  <sdata:payload><salesOrder xmlns="http://schemas.sage.com/myContract"><orderDate>2008-04-01</orderDate></salesOrder></sdata:payload>
</entry>
XML
post 400 "$BASE/salesOrders" "$WORK/no-contact.xml"
diagnosis

say "The feed now counts the order"
get 200 "$BASE/salesOrders"
printf '  totalResults=%s\n' "$(value totalResults)"
