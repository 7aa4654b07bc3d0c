-- Open loop at a fixed rate, for latency: requests leave on a fixed schedule, whatever the answers do.
--   OMNIAKEY_BODY=... OMNIAKEY_BEARER=... wrk -t1 -c32 -d10s -s benchmarks/load/wrk/paced.lua URL -- <requests/s> <threads>
-- wrk asks delay() before each request of a connection (and keeps a connection busy until its answer is in); each
-- thread hands out the slots of its own schedule (rate / threads per second) to whichever connection asks next, so the
-- rate holds as long as some connection is idle at each slot. A request that cannot leave on time (every connection
-- still waiting for an answer) counts as "late": then the server is not keeping up and the percentiles understate
-- (coordinated omission); the load-test program reports it. wrk times each request from when it is written, not
-- from its slot.
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")

local ffi = require("ffi")
ffi.cdef [[
   struct omniakey_timespec { long tv_sec; long tv_nsec; };
   int clock_gettime(int clock_id, struct omniakey_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local now = ffi.new("struct omniakey_timespec")

local function now_ms()
   ffi.C.clock_gettime(CLOCK_MONOTONIC, now)
   return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
end

local interval_ms
local next_slot_ms
late = 0

function init(args)
   local rate = tonumber(args[1]) or error("paced.lua needs the rate: -- <requests/s> <threads>")
   local thread_count = tonumber(args[2]) or 1
   interval_ms = 1000 * thread_count / rate
end

function delay()
   local t = now_ms()
   next_slot_ms = next_slot_ms or t
   local slot = next_slot_ms
   next_slot_ms = next_slot_ms + interval_ms
   if slot < t - 1 then
      late = late + 1
   end
   -- wrk takes whole milliseconds: round to the nearest, never below zero.
   return math.max(0, math.floor(slot - t + 0.5))
end
