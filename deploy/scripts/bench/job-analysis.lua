-- wrk script: POST /api/v1/job-analysis with a posting of about 1,500 words (job-analysis.json),
-- signed in with BENCH_TOKEN.
local file = assert(io.open("deploy/scripts/bench/job-analysis.json", "r"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
