#!/usr/bin/env bash
# Batches (run after 02-create.sh, before 08-delete.sh): one POST of a feed of operations, answered entry by entry
# with http:httpStatus. A batch of contacts (two creates, an update with http:ifMatch, one with a stale one), an
# atomic batch that fails and applies nothing, an asynchronous batch polled to its answer, and a batch across kinds
# at the dataset's $batch that removes what this script made. Contact 216 ends with its first name changed; nothing else is left behind.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FEED_TYPE='application/atom+xml; type=feed'
NS='xmlns="http://schemas.sage.com/myContract"'
feed() { printf '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:sdata="http://schemas.sage.com/sdata/2008/1" xmlns:http="http://schemas.sage.com/sdata/http/2008/1"><title/><id/>%s</feed>' "$1"; }
op() { # METHOD ID IFMATCH PAYLOAD
    printf '<entry><id>%s</id><http:httpMethod>%s</http:httpMethod>%s%s</entry>' "$2" "$1" \
        "${3:+<http:ifMatch>$3</http:ifMatch>}" "${4:+<sdata:payload>$4</sdata:payload>}"
}
batch() { local e=$1 u=$2 f=$3; shift 3; call "$e" POST "$u" -H "Content-Type: $FEED_TYPE" --data-binary "@$f" "$@"; }
answers() { # one line per response entry: status, method, location
    grep -o '<entry>.*' "$BODY" | sed 's/<entry>/\n<entry>/g' | grep '<entry>' | while read -r e; do
        printf '  %s %s %s\n' "$(printf '%s' "$e" | grep -o '<http:httpStatus>[0-9]*' | cut -d'>' -f2)" \
            "$(printf '%s' "$e" | grep -o '<http:httpMethod>[A-Z]*' | cut -d'>' -f2)" \
            "$(printf '%s' "$e" | grep -o '<http:location>[^<]*' | cut -d'>' -f2 || true)"
    done
}

say "Read contact 216 and its ETag"
get 200 "$BASE/contacts('216')"
etag=$(header ETag | tr -d '"')

say "A batch of contacts: two creates, an update with http:ifMatch, an update with a stale one (412, alone)"
feed "$(op POST '' '' "<contact $NS sdata:key=\"950\"><lastName>Batch one</lastName></contact>")$(op POST '' '' "<contact $NS sdata:key=\"951\"><lastName>Batch two</lastName></contact>")$(op PUT "$BASE/contacts('216')" "$etag" "<contact $NS><firstName>Kimberly</firstName></contact>")$(op PUT "$BASE/contacts('216')" "$etag" "<contact $NS><firstName>Too late</firstName></contact>")" > "$WORK/batch.xml"
batch 200 "$BASE/contacts/\$batch" "$WORK/batch.xml"
answers
get 200 "$BASE/contacts('216')"
printf '  firstName=%s\n' "$(value firstName)"

say "An atomic batch: the second entry fails (no such contact), so nothing is applied (424 for the others)"
feed "$(op POST '' '' "<contact $NS sdata:key=\"952\"><lastName>Never</lastName></contact>")$(op DELETE "$BASE/contacts('nobody')")" > "$WORK/atomic.xml"
batch 200 "$BASE/contacts/\$batch?atomic=true" "$WORK/atomic.xml"
answers
get 404 "$BASE/contacts('952')"

say "An asynchronous batch: 202 and a tracking URL at once, polled until the answer is there, then forgotten"
tracking="$BASE/contacts/\$batch?trackingID=$(cat /proc/sys/kernel/random/uuid)"
feed "$(op GET "$BASE/contacts('216')")$(op GET "$BASE/contacts('950')")" > "$WORK/async.xml"
batch 202 "$tracking" "$WORK/async.xml"
printf '  Location: %s\n  phase: %s\n' "$(header Location)" "$(value phase)"
for _ in $(seq 1 50); do
    get '200|202' "$tracking"
    [ "$STATUS" = 200 ] && break
    sleep 0.5
done
answers
delete 200 "$tracking"

say "A batch across kinds at the dataset's \$batch: a product made, and everything this script made removed"
feed "$(op POST '' '' "<product $NS sdata:key=\"953\"><name>Batch product</name></product>")$(op DELETE "$BASE/products('953')")$(op DELETE "$BASE/contacts('950')")$(op DELETE "$BASE/contacts('951')")" > "$WORK/mixed.xml"
batch 200 "$BASE/\$batch" "$WORK/mixed.xml"
answers
get 404 "$BASE/contacts('950')"
