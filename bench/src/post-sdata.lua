-- POST creates of contacts (Atom entries), each with its own name.
local n = 0
function request()
  n = n + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/atom+xml; type=entry" },
    '<entry xmlns="http://www.w3.org/2005/Atom" xmlns:sdata="http://schemas.sage.com/sdata/2008/1"><sdata:payload>'
    .. '<contact xmlns="http://schemas.sage.com/myContract"><firstName>Wrk</firstName><lastName>Post ' .. n
    .. '</lastName></contact></sdata:payload></entry>')
end
