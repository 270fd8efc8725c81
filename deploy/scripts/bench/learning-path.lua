-- wrk script: POST /api/v1/learning-paths with an empty body (the path for the job target, at the
-- onboarding weekly hours), signed in with BENCH_TOKEN: each request makes and stores a new path.
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
