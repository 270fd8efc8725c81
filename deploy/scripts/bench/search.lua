-- wrk script: POST /api/v1/search, a different query each request (titles, aliases, misspellings, phrases).
local queries = {
    "black scholes", "Black Sholes", "implied volatility smile", "k8s", "torch", "GBM", "A/B testing", "window functions in sql",
    "stochastc calculus", "bayesian inference conjugate prior", "how to avoid lookahead bias in a backtest", "gradient descent",
    "\"put-call parity\"", "random forest -boosting", "value at risk", "STAR answers", "dynamic programming memoization", "garch volatilty",
}
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
    i = i % #queries + 1
    local body = string.format('{"query": "%s", "limit": 10}', queries[i]:gsub('"', '\\"'))
    return wrk.format(nil, nil, nil, body)
end
