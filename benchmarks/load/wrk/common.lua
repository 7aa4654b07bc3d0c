-- Shared by post.lua and paced.lua: one chat-completion POST per request, and one machine-readable result line.
-- The body and the bearer come from the environment, so the same script serves the direct call, the floor and
-- OmniaKey:
--   OMNIAKEY_BODY    the JSON body to POST
--   OMNIAKEY_BEARER  the API key (the fake upstream's for the direct call, an OmniaKey key through the gateway)
wrk.method = "POST"
wrk.body = os.getenv("OMNIAKEY_BODY") or error("OMNIAKEY_BODY is not set")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("OMNIAKEY_BEARER") or error("OMNIAKEY_BEARER is not set"))

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

-- One line the load-test program parses: counts, errors and latency percentiles in microseconds (wrk's histogram
-- has microsecond resolution). wrk counts an answer with a status of 400 or more in errors.status, and a socket or
-- timeout error apart; "late" is how many paced requests left later than their slot (paced.lua only).
function done(summary, latency, requests)
   local late = 0
   for _, thread in ipairs(threads) do
      late = late + (tonumber(thread:get("late")) or 0)
   end
   local e = summary.errors
   io.write(string.format(
      'OMNIAKEY_WRK {"requests":%d,"duration_us":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,' ..
      '"status_errors":%d,"timeouts":%d,"late":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f}\n',
      summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, late,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
