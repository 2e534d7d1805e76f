#!/usr/bin/env bash
# Reading: the intermediate feeds from /sdata down to the dataset, a resource kind's feed with paging,
# the contract schema ($schema) and a template for a new resource ($template). Changes nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

CONTRACT_URL="${BASE%/*}"
APP_URL="${CONTRACT_URL%/*}"
SDATA_URL="${APP_URL%/*}"

say "The provider, application and contract levels are feeds that link to the level below"
for url in "$SDATA_URL" "$APP_URL" "$CONTRACT_URL"; do
    get 200 "$url"
    printf '  entries: %s\n' "$(values title | tail -n +2 | paste -sd, -)"
done

say "The dataset lists one collection per resource kind of the contract"
get 200 "$BASE"
printf '  collections: %s\n' "$(values title | tail -n +2 | paste -sd, -)"

say "A resource kind's feed: opensearch:totalResults, startIndex, itemsPerPage (default page size 100)"
get 200 "$BASE/products"
printf '  totalResults=%s startIndex=%s itemsPerPage=%s\n' "$(value totalResults)" "$(value startIndex)" "$(value itemsPerPage)"

say "Paging with startIndex and count: first/last/next/previous links"
get 200 "$BASE/products?startIndex=1&count=1"
printf '  totalResults=%s itemsPerPage=%s entries on this page=%s\n' "$(value totalResults)" "$(value itemsPerPage)" \
    "$(grep -o '<entry>' "$BODY" | wc -l | tr -d ' ')"
grep -o '<link href="[^"]*" rel="\(first\|last\|next\|previous\)"' "$BODY" \
    | sed -e 's/<link href="\([^"]*\)" rel="\([^"]*\)"/  \2: \1/' -e 's/&amp;/\&/g' || true

say "count above 1000 is capped at 1000"
get 200 "$BASE/products?count=5000"
printf '  itemsPerPage=%s\n' "$(value itemsPerPage)"

say "Related resources are linked; include=\$children (or include=orderLines) embeds them"
get 200 "$BASE/salesOrders?count=10&include=\$children"
printf '  totalResults=%s\n' "$(value totalResults)"

say "The contract schema as the server serves it, with an ETag"
get 200 "$BASE/\$schema"
printf '  Content-Type: %s\n  ETag: %s\n' "$(header Content-Type)" "$(header ETag)"

say "A resource kind's \$schema redirects to the contract schema, fragment = the element"
get 302 "$BASE/salesOrders/\$schema"
printf '  Location: %s\n' "$(header Location)"

say "\$template: an entry with what a new salesOrder starts with (nothing is created)"
get 200 "$BASE/salesOrders/\$template"
printf '  Content-Type: %s\n' "$(header Content-Type)"
printf '  payload: %s\n' "$(grep -o '<sdata:payload>.*</sdata:payload>' "$BODY" || true)"

say "Not implemented yet: answered 501 with a diagnosis"
get 501 "$BASE/salesOrders/\$queries"
diagnosis
