-- The documented ingest-traces request with a new transaction id on every request, unique across threads,
-- so the mock inserts each one into its billing ledger (and forgets the oldest past its cap) as it would
-- for a real client, instead of answering duplicates of one id. The baseline gets the same requests.
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
local template = file:read("*a")
file:close()
local documented = "af28dfea-5358-463d-a2dc-37df1da72498"
local first, last = template:find(documented, 1, true)
assert(first, "the body does not hold the documented transaction id")
local before, after = template:sub(1, first - 1), template:sub(last + 1)

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local sent = 0
function request()
  sent = sent + 1
  -- thread_number is the global setup() gave this thread's Lua state.
  local id = string.format("af28dfea-5358-%04x-a2dc-%012x", thread_number, sent)
  return wrk.format(nil, nil, nil, before .. id .. after)
end
