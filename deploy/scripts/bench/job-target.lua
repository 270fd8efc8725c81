-- wrk script: PUT /api/v1/profile/job-target as one of the bench people (BENCH_TOKENS, space-separated,
-- from deploy/scripts/bench.sh), each request the other of two targets so that every one is a real
-- change: classification, upsert and a profile.job_target_changed event in the outbox.
wrk.method = "PUT"

local tokens = {}
for token in string.gmatch(os.getenv("BENCH_TOKENS"), "%S+") do tokens[#tokens + 1] = token end

local description = "We are hiring a quantitative researcher to build systematic trading signals. You will apply "
    .. "stochastic calculus, time-series econometrics and statistical learning to large datasets, test ideas with "
    .. "rigorous backtesting, and write production research code in Python. A PhD in mathematics, statistics or "
    .. "physics is preferred; knowledge of probability theory, linear algebra and optimisation is required."
local bodies = {
    string.format('{"job_title": "Quantitative Researcher", "job_description": "%s"}', description),
    string.format('{"job_title": "Senior Quantitative Researcher", "job_description": "%s", "firm": "Example Capital"}', description),
}
local sent = 0

request = function()
    sent = sent + 1
    local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. tokens[sent % #tokens + 1] }
    return wrk.format(nil, nil, headers, bodies[math.floor(sent / #tokens) % 2 + 1])
end
