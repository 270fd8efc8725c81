-- wrk script: POST /api/v1/auth/login as the bench user (BENCH_EMAIL, BENCH_PASSWORD from deploy/scripts/bench.sh).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"email": "%s", "password": "%s"}', os.getenv("BENCH_EMAIL"), os.getenv("BENCH_PASSWORD"))
