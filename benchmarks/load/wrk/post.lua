-- Closed loop, for requests/s at saturation: each connection sends its next call as soon as the previous answer is in.
--   OMNIAKEY_BODY=... OMNIAKEY_BEARER=... wrk -t2 -c16 -d10s -s benchmarks/load/wrk/post.lua http://127.0.0.1:PORT/v1/chat/completions
dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "common.lua")
