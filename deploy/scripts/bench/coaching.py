"""Sets up and drives the coaching benchmarks through the gateway's plain listener (stdlib only).

  coaching.py sessions N        -> prints N new interview session ids (for coach-turn.lua)
  coaching.py evaluate N TURNS  -> makes N sessions of TURNS answers each, completes them, then asks
                                   for each one's evaluation once (the server times come from the log)

BENCH_TOKEN is the bearer token; BENCH_GATEWAY the gateway's base URL (http://127.0.0.1:8080).
"""
import http.client
import json
import os
import sys
import urllib.parse
import uuid

ANSWERS = [
    "At my last job our nightly risk report took four hours. I rewrote the aggregation in NumPy and added a cache, "
    "and as a result it ran in twelve minutes, which let the desk see limits before the open.",
    "We kind of just tried things until it worked, I think. Um, basically the team sorted it out in the end, you know.",
    "I would hold out the last two years of data, fit on the rest, and compare the Sharpe ratio against 200 runs on "
    "shuffled signals before trusting it. What does your team use for out-of-sample checks?",
    "Honestly it was a long project with lots of stuff going on and various things changing all the time, and the "
    "requirements were decided by management and were changed a lot, so the plan was rewritten several times.",
]

url = urllib.parse.urlparse(os.environ.get("BENCH_GATEWAY", "http://127.0.0.1:8080"))
connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
headers = {"Authorization": "Bearer " + os.environ["BENCH_TOKEN"], "Content-Type": "application/json"}


def call(method, path, body=None, extra=None, expect=(200, 201)):
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers={**headers, **(extra or {})})
    response = connection.getresponse()
    data = response.read()
    if response.status not in expect:
        sys.exit(f"{method} {path}: {response.status} {data[:300]!r}")
    return json.loads(data) if data else None


def new_session():
    return call("POST", "/api/v1/sessions", {"preparation_type": "interview", "tone": "neutral"})["id"]


if sys.argv[1] == "sessions":
    print(" ".join(new_session() for _ in range(int(sys.argv[2]))))
elif sys.argv[1] == "evaluate":
    count, turns = int(sys.argv[2]), int(sys.argv[3])
    sessions = [new_session() for _ in range(count)]
    for session in sessions:
        for turn in range(turns):
            call("POST", f"/api/v1/sessions/{session}/messages", {"content": ANSWERS[turn % len(ANSWERS)]}, {"Idempotency-Key": str(uuid.uuid4())})
        call("POST", f"/api/v1/sessions/{session}/complete")
    for session in sessions:
        call("POST", f"/api/v1/sessions/{session}/evaluate", expect=(201,))
