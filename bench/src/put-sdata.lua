-- Conditional PUTs (partial Atom payload) spread over many sales orders, each sent with the ETag its last answer
-- carried: a real If-Match check on every request. SDATA_KEYS names a file of "key etag" lines; each wrk thread
-- takes every other key and goes round them, skipping a key whose last request has not been answered yet (answers
-- come back in any order), so no two requests on one key are ever in flight at once.
local threads, counter = {}, 0
function setup(thread) thread:set("index", counter); counter = counter + 1 end

local keys, etags, busy, i, base = {}, {}, {}, 0, nil
local body = '<entry xmlns="http://www.w3.org/2005/Atom" xmlns:sdata="http://schemas.sage.com/sdata/2008/1">'
  .. '<sdata:payload><salesOrder xmlns="http://schemas.sage.com/myContract"><comment>changed by wrk</comment>'
  .. '</salesOrder></sdata:payload></entry>'
function init(args)
  local n = 0
  for line in io.lines(os.getenv("SDATA_KEYS")) do
    local k, e = line:match("^(%S+) (.+)$")
    if n % 2 == index then keys[#keys + 1] = k; etags[k] = e end
    n = n + 1
  end
  base = wrk.path
end
function request()
  repeat
    i = i % #keys + 1
  until not busy[keys[i]]
  local k = keys[i]
  busy[k] = true
  return wrk.format("PUT", base .. "('" .. k .. "')",
    { ["If-Match"] = etags[k], ["Content-Type"] = "application/atom+xml; type=entry" }, body)
end
function response(status, headers, body)
  local k = body:match('sdata:key="([^"]+)"')
  if k then
    etags[k] = headers["ETag"]
    busy[k] = nil
  end
end
