-- wrk script: PUT /api/v1/profile/job-target as the bench user (BENCH_TOKEN from deploy/scripts/bench.sh),
-- alternating between two targets so that every request is a real change: classification, upsert and
-- a profile.job_target_changed event in the outbox.
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

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
    return wrk.format(nil, nil, nil, bodies[sent % 2 + 1])
end
