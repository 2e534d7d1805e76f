#!/usr/bin/env bash
# JSON (§3.15): the same API as Atom, spelled in JSON. Reads a feed and an entry as JSON (format=json or
# Accept: application/json), creates a contact and an order with a line from JSON bodies, a partial update with
# If-Match (null clears a value), the 412 with the current resource as JSON, an error as $diagnoses, a JSON batch
# ($resources with $httpMethod, $url and $ifMatch) and the $schema as JSON Schema. Removes what it made.
# Needs python3 (to pick values out of the JSON answers). Runs on its own; changes nothing it did not make.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

JSON='application/json'
jpost() { local e=$1 u=$2 d=$3; shift 3; call "$e" POST "$u" -H "Content-Type: $JSON" --data-binary "$d" "$@"; }
jput() { local e=$1 u=$2 d=$3; shift 3; call "$e" PUT "$u" -H "Content-Type: $JSON" --data-binary "$d" "$@"; }
# j EXPR: a value of the last JSON answer, as Python indexes it (j '["$key"]', j '["$resources"][0]["lastName"]')
j() { python3 -c 'import json,sys,decimal; v=eval("json.load(sys.stdin, parse_float=decimal.Decimal)"+sys.argv[1]); print("null" if v is None else v)' "$1" < "$BODY"; }

say "A feed as JSON: \$totalResults, \$startIndex, \$itemsPerPage, paging links and \$resources"
get 200 "$BASE/contacts?format=json&count=2"
printf '  $totalResults=%s $itemsPerPage=%s first=%s\n' "$(j '["$totalResults"]')" "$(j '["$itemsPerPage"]')" "$(j '["$first"]')"

say "Create a contact from a JSON body: the answer is JSON too"
jpost 201 "$BASE/contacts" '{"firstName":"Jay","lastName":"Son","birthDate":"1985-07-14","address":{"city":"Lyon"}}'
contact=$(j '["$key"]')
printf '  $key=%s $etag=%s address.city=%s\n' "$contact" "$(j '["$etag"]')" "$(j '["address"]["city"]')"

say "Create an order with a line; numbers stay numbers (12.50 keeps its scale), the contact is a reference by \$key"
jpost 201 "$BASE/salesOrders" "{\"orderDate\":\"2026-01-02\",\"subTotal\":12.50,\"contact\":{\"\$key\":\"$contact\"},\"orderLines\":{\"\$resources\":[{\"lineNumber\":1,\"orderQty\":2,\"unitPrice\":6.25}]}}"
order=$(j '["$key"]')
printf '  order %s, subTotal=%s, contact.$url=%s\n' "$order" "$(j '["subTotal"]')" "$(j '["contact"]["$url"]')"

say "Read the contact with Accept: application/json, then a partial update with If-Match: null clears birthDate"
get 200 "$BASE/contacts('$contact')" -H "Accept: $JSON"
etag=$(header ETag)
jput 200 "$BASE/contacts('$contact')" '{"lastName":"Sonne","birthDate":null}' -H "If-Match: $etag"
printf '  firstName=%s (kept) lastName=%s birthDate=%s\n' "$(j '["firstName"]')" "$(j '["lastName"]')" "$(j '["birthDate"]')"

say "The same update with the outdated ETag: 412 and the current contact, as JSON"
jput 412 "$BASE/contacts('$contact')" '{"lastName":"Lost"}' -H "If-Match: $etag"
printf '  current lastName=%s, current $etag=%s\n' "$(j '["lastName"]')" "$(j '["$etag"]')"
etag=$(header ETag)

say "Errors are \$diagnoses when JSON is asked for"
get 404 "$BASE/contacts('no-such-key')?format=json"
printf '  sdataCode=%s applicationCode=%s\n' "$(j '["$diagnoses"][0]["sdataCode"]')" "$(j '["$diagnoses"][0]["applicationCode"]')"

say "A JSON batch: an update with \$ifMatch, a stale one (412 alone), a create; each answered with \$httpStatus"
jpost 200 "$BASE/contacts/\$batch" "{\"\$resources\":[
  {\"\$httpMethod\":\"PUT\",\"\$url\":\"$BASE/contacts('$contact')\",\"\$ifMatch\":${etag},\"firstName\":\"Jaye\"},
  {\"\$httpMethod\":\"PUT\",\"\$url\":\"$BASE/contacts('$contact')\",\"\$ifMatch\":${etag},\"firstName\":\"Too late\"},
  {\"\$httpMethod\":\"POST\",\"lastName\":\"Batched\"}]}"
python3 -c 'import json,sys; [print("  %s %s %s" % (e["$httpStatus"], e["$httpMethod"], e.get("$location",""))) for e in json.load(sys.stdin)["$resources"]]' < "$BODY"
batched=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["$resources"][2]["$key"])' < "$BODY")

say "The contract's \$schema as JSON Schema (draft-zyp-json-schema-02) with \$-prefixed sme members"
get 200 "$BASE/\$schema?format=json"
printf '  salesOrder: $role=%s $pluralName=%s orderDate.format=%s\n' "$(j '["properties"]["salesOrder"]["$role"]')" \
    "$(j '["properties"]["salesOrder"]["$pluralName"]')" "$(j '["properties"]["salesOrder"]["properties"]["orderDate"]["format"]')"

say "Clean up: the order, then the two contacts"
delete 200 "$BASE/salesOrders('$order')"
delete 200 "$BASE/contacts('$contact')"
delete 200 "$BASE/contacts('$batched')"
