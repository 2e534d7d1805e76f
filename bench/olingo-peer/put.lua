-- wrk script: PUT an Atom SalesOrder entry to the URL given to wrk, e.g.
--   wrk -t2 -c32 -d5s -s bench/olingo-peer/put.lua 'http://127.0.0.1:8090/odata.svc/SalesOrders(1)'
-- Default sends If-Match: * (the peer treats it as "any current version": still one transaction,
-- version = version + 1, new ETag returned), since wrk cannot cheaply GET an ETag per request.
-- PUT_ETAG=follow instead sends the last ETag this wrk thread saw (starting with *): real
-- optimistic concurrency, so concurrent connections on one row yield 412s (wrk's "Non-2xx").
local body = [[<entry xmlns="http://www.w3.org/2005/Atom" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices"><content type="application/xml"><m:properties><d:OrderDate>2024-02-01T00:00:00</d:OrderDate><d:Status>Open</d:Status><d:SubTotal>150.0000</d:SubTotal><d:Comment>wrk put</d:Comment><d:Revision>1</d:Revision><d:ContactId>42</d:ContactId><d:BillStreet>1 Main Street</d:BillStreet><d:BillCity>Springfield</d:BillCity><d:BillPostalCode>12345</d:BillPostalCode><d:BillCountryCode>US</d:BillCountryCode></m:properties></content></entry>]]

wrk.method = "PUT"
wrk.body = body
wrk.headers["Content-Type"] = "application/atom+xml"
wrk.headers["If-Match"] = "*"

if os.getenv("PUT_ETAG") == "follow" then
  local etag = "*"
  request = function()
    wrk.headers["If-Match"] = etag
    return wrk.format()
  end
  response = function(status, headers)
    local e = headers["ETag"] or headers["Etag"] or headers["etag"]
    if e then etag = e end
  end
end
