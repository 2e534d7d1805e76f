-- The Olingo peer's PUT of a whole order (Atom), over orders 2..129 in turn. It sends If-Match: * : the peer answers
-- 204 without a body, so wrk cannot learn the next ETag of an order, and a computed one goes wrong as soon as a
-- request times out. With *, the peer still runs its precondition path, one transaction and the version bump, but
-- compares no version: a lighter check than the one put-sdata.lua makes the SData server do.
local counter = 0
function setup(thread) thread:set("index", counter); counter = counter + 1 end

local i, base = index or 0, nil
local body = '<entry xmlns="http://www.w3.org/2005/Atom" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"'
  .. ' xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices"><content type="application/xml"><m:properties>'
  .. '<d:OrderDate>2026-01-02T00:00:00</d:OrderDate><d:Status>Open</d:Status><d:SubTotal>123.45</d:SubTotal>'
  .. '<d:Comment>changed by wrk</d:Comment><d:Revision>3</d:Revision><d:ContactId>1</d:ContactId>'
  .. '<d:BillStreet>1 rue de la Paix</d:BillStreet><d:BillCity>Paris</d:BillCity><d:BillPostalCode>75002</d:BillPostalCode>'
  .. '<d:BillCountryCode>FR</d:BillCountryCode></m:properties></content></entry>'
function init(args) base = wrk.path; i = index end
function request()
  i = (i + 2) % 128
  return wrk.format("PUT", base .. "(" .. (i + 2) .. ")", { ["If-Match"] = "*", ["Content-Type"] = "application/atom+xml" }, body)
end
