#!/usr/bin/env bash
# Clients that cannot do what SData expects, and other products' ways of updating with an overwrite check. Makes a
# contact, then: the ETag in the entry instead of a header, headers tunnelled through X-Override, If-Match: *,
# Prefer: return=minimal (204 with the new ETag), a stale If-Match answered 412 even for an invalid payload, query
# parameter names in Sage's spelling and a double-quoted key. Removes the contact. Runs on its own.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

NS='xmlns="http://schemas.sage.com/myContract"'
ATOM='xmlns="http://www.w3.org/2005/Atom" xmlns:sdata="http://schemas.sage.com/sdata/2008/1" xmlns:http="http://schemas.sage.com/sdata/http/2008/1"'
send() { local e=$1 m=$2 u=$3 d=$4; shift 4; call "$e" "$m" "$u" -H "Content-Type: $ENTRY_TYPE" --data-binary "$d" "$@"; }

say "A contact to work on"
send 201 POST "$BASE/contacts" "<entry $ATOM><sdata:payload><contact $NS><lastName>Legacy</lastName></contact></sdata:payload></entry>"
url=$(header Location)
etag=$(header ETag | tr -d '"')

say "No headers at all: the ETag travels in the entry as <http:ifMatch>"
send 200 PUT "$url" "<entry $ATOM><http:ifMatch>$etag</http:ifMatch><sdata:payload><contact $NS><firstName>InBody</firstName></contact></sdata:payload></entry>"
etag=$(header ETag)

say "Headers tunnelled through X-Override (Personium): the method and If-Match, and only the new ETag back"
send 204 POST "$url" "<entry $ATOM><sdata:payload><contact $NS><firstName>Tunnelled</firstName></contact></sdata:payload></entry>" \
    -H "X-Override: X-HTTP-Method-Override: PUT" -H "X-Override: If-Match: $etag" -H "X-Override: Prefer: return=minimal"
printf '  Preference-Applied: %s, new ETag: %s\n' "$(header Preference-Applied)" "$(header ETag)"
old=$etag
etag=$(header ETag)

say "A stale If-Match is 412 even when the payload is invalid: preconditions come first"
send 412 PUT "$url" "<entry $ATOM><sdata:payload><contact $NS><birthDate>not a date</birthDate></contact></sdata:payload></entry>" -H "If-Match: $old"

say "If-Match: * overrides the check on purpose (CA Live API Creator): any current version"
send 200 PUT "$url" "<entry $ATOM><sdata:payload><contact $NS><firstName>Forced</firstName></contact></sdata:payload></entry>" -H "If-Match: *"

key=${url##*\(\'}
key=${key%\'\)}
say "Sage's spellings: orderby and startindex in any case, a key in double quotes"
get 200 "$BASE/contacts?orderby=lastName&startindex=1&COUNT=2"
get 200 "$BASE/contacts(%22$key%22)"
printf '  firstName=%s\n' "$(value firstName)"

say "Clean up"
delete 200 "$url"
