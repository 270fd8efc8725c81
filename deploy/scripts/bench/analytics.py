"""Gives the bench person (BENCH_TOKEN) 1,000 evaluated practice sessions over the last 300 days, as
coaching-session's relay would: session.completed and evaluation.created events posted to analytics'
/internal/events over mutual TLS with coaching-session's certificate (PKI_DIR, ANALYTICS_URL)."""
import datetime
import http.client
import json
import os
import random
import ssl
import urllib.parse
import uuid

DIMENSIONS = ["clarity_structure", "relevance_focus", "confidence_delivery", "language_quality", "tone_alignment", "engagement"]
TYPES = ["interview", "corporate", "pitch", "sales", "presentation", "other"]

gateway = urllib.parse.urlparse(os.environ.get("BENCH_GATEWAY", "http://127.0.0.1:8080"))
me = http.client.HTTPConnection(gateway.hostname, gateway.port or 80, timeout=30)
me.request("GET", "/api/v1/auth/me", headers={"Authorization": "Bearer " + os.environ["BENCH_TOKEN"]})
user = json.loads(me.getresponse().read())["id"]

pki = os.environ.get("PKI_DIR", ".run/pki")
context = ssl.create_default_context(cafile=f"{pki}/ca.pem")
context.load_cert_chain(f"{pki}/coaching-session.pem", f"{pki}/coaching-session.key")
target = urllib.parse.urlparse(os.environ.get("ANALYTICS_URL", "https://127.0.0.1:7106"))
analytics = http.client.HTTPSConnection(target.hostname, target.port, context=context, timeout=60)

random.seed(7)
now = datetime.datetime.now(datetime.timezone.utc)
events = []
for index in range(1000):
    session = str(uuid.uuid4())
    kind = TYPES[index % len(TYPES)]
    completed = now - datetime.timedelta(minutes=index * 432)
    at = completed.isoformat().replace("+00:00", "Z")
    scores = {d: random.randint(3, 9) for d in DIMENSIONS}
    weakest = sorted(DIMENSIONS, key=lambda d: scores[d])[:2]
    envelope = lambda type, data: {"id": str(uuid.uuid4()), "type": type, "producer": "coaching-session", "occurred_at": at, "data": data}
    events.append(envelope("session.completed", {"user_id": user, "session_id": session, "preparation_type": kind, "user_turns": 5, "completed_at": at}))
    events.append(envelope("evaluation.created", {
        "user_id": user, "session_id": session, "preparation_type": kind, "overall_score": round(sum(scores.values()) / 6 * 10),
        "scores": scores, "improvement_areas": [{"dimension": d, "priority": "medium"} for d in weakest],
        "practice_suggestions": [], "created_at": at,
    }))
for start in range(0, len(events), 200):
    analytics.request("POST", "/internal/events", body=json.dumps({"events": events[start:start + 200]}), headers={"Content-Type": "application/json"})
    response = analytics.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"analytics refused a batch: {response.status} {body[:300]!r}")
print(f"{len(events)} events delivered for {user}")
