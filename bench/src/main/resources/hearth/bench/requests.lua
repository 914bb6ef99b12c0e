-- wrk script for Hearth's bench scenarios: rotates over the paths in a file (argument 1); in "post" mode (argument 2)
-- every request is a JSON reply signed with the next API key from a file (argument 3; argument 4 is wrk's thread
-- count), so that no member runs into the posting pace limit. done() prints one JSON line that the bench driver reads.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
  thread:set("count", 0)
end

local paths, keys, mode, counter, sent, threadCount = {}, {}, "get", 0, 0, 1
local refused = nil

function init(args)
  for line in io.lines(args[1]) do table.insert(paths, line) end
  mode = args[2] or "get"
  if args[3] then for line in io.lines(args[3]) do table.insert(keys, line) end end
  threadCount = tonumber(args[4] or "1")
  counter = (id - 1) * 7919
  if mode ~= "post" then response = nil end -- reading bodies costs wrk time; only refused replies are worth it
end

function request()
  counter = counter + 1
  sent = sent + 1
  local path = paths[(counter % #paths) + 1]
  if mode == "post" then
    -- Thread t of T uses keys t, t+T, t+2T... in turn: a member posts again only after all of the thread's others.
    local per = math.floor(#keys / threadCount)
    local key = keys[(sent % per) * threadCount + id]
    local body = '{"body":"Benchmark reply ' .. id .. '-' .. counter ..
      ': the venue **worked** well, see [notes](https://example.org/notes) and thanks @bench_admin."}'
    return wrk.format("POST", path, {["Authorization"] = "Bearer " .. key,
      ["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status >= 400 and refused == nil then refused = status .. " " .. string.sub(body, 1, 200) end
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    local first = thread:get("refused")
    if first then io.write("REFUSED " .. first .. "\n") end
  end
  local e = summary.errors
  io.write(string.format('JSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,' ..
    '"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d,"p50_us":%d,"p90_us":%d,' ..
    '"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
