-- wrk script: POST /api/v1/sessions/{id}/messages as the bench person (BENCH_TOKEN), each request an
-- answer under a new Idempotency-Key, spread over the sessions in BENCH_SESSIONS (space-separated) so
-- that none reaches its 60-answer cap: a key claimed, the embedded coach's reply, both turns stored.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

local sessions = {}
for session in string.gmatch(os.getenv("BENCH_SESSIONS"), "%S+") do sessions[#sessions + 1] = session end

local answers = {
    '{"content": "At my last job our nightly risk report took four hours. I rewrote the aggregation in NumPy and added a cache, and as a result it ran in twelve minutes, which let the desk see limits before the open."}',
    '{"content": "We kind of just tried things until it worked, I think. Um, basically the team sorted it out in the end."}',
    '{"content": "I would hold out the last two years of data, fit on the rest, and compare the Sharpe ratio against 200 runs on shuffled signals before trusting it."}',
}

-- thread_id is a global that setup() gives each thread's own Lua state (a local here would hide it).
local counter = 0
local threads = 0

setup = function(thread)
    threads = threads + 1
    thread:set("thread_id", threads)
end

request = function()
    counter = counter + 1
    -- Threads take sessions in turn, so two threads never answer the same session at once.
    local index = ((counter - 1) * 2 + thread_id - 1) % #sessions + 1
    -- wrk.format takes these instead of wrk.headers, so they are all named here.
    local headers = {
        ["Content-Type"] = "application/json",
        ["Authorization"] = wrk.headers["Authorization"],
        ["Idempotency-Key"] = string.format("bench-%d-%d-%d", os.time(), thread_id, counter),
    }
    return wrk.format(nil, "/api/v1/sessions/" .. sessions[index] .. "/messages", headers, answers[counter % #answers + 1])
end
