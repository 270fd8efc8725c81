#!/usr/bin/env python3
"""The hostile probe of the hardening issue, replayed through the gateway's plain listener: one line per
item with the status, the content type and the time. Against a running stack (`make up`):

    deploy/scripts/hostile-probe.py 8080 .run/logs [skip-crash] [only-2bc]

LOG_DIR is read for Postgres's log (is a duplicate signup's address in it?). `skip-crash` leaves out the
ZIP64 upload (on a build without the fix it ends the profile process); `only-2bc` runs only the text
and multipart items. Loopback only; every request is bounded in time."""
import json, os, socket, subprocess, sys, threading, time, uuid, zipfile, io, struct, binascii

PORT = int(sys.argv[1]); LOGS = sys.argv[2]
BASE = f"http://127.0.0.1:{PORT}"

def http(method, path, body=b"", headers=None, timeout=300):
    """One request over a fresh socket; returns (status, headers, body, seconds)."""
    headers = dict(headers or {})
    headers.setdefault("Host", "localhost"); headers["Connection"] = "close"
    if body or method in ("POST", "PUT", "PATCH"): headers["Content-Length"] = str(len(body))
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    start = time.monotonic()
    s = socket.create_connection(("127.0.0.1", PORT), timeout=timeout)
    try:
        try: s.sendall(head.encode("latin-1") + body)
        except (BrokenPipeError, ConnectionResetError): pass  # answered (and closed) before reading it all
        data = b""
        while True:
            try: chunk = s.recv(65536)
            except socket.timeout: return ("timeout", {}, b"", time.monotonic() - start)
            except ConnectionResetError: break
            if not chunk: break
            data += chunk
    finally: s.close()
    took = time.monotonic() - start
    if not data: return ("no answer", {}, b"", took)
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    hdrs = {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
    return (status, hdrs, rest, took)

def js(obj): return json.dumps(obj, ensure_ascii=False).encode()

def signup(email=None, name="Probe"):
    email = email or f"p{uuid.uuid4().hex[:10]}@example.com"
    st, h, b, _ = http("POST", "/api/v1/auth/signup", js({"email": email, "password": "correct horse battery staple", "name": name}), {"Content-Type": "application/json"})
    return json.loads(b)["access_token"] if st == 201 else None

def auth(token, extra=None):
    h = {"Authorization": f"Bearer {token}"}; h.update(extra or {}); return h

def row(item, result): print(f"{item:72} | {result}", flush=True)

def summary(r):
    st, h, b, t = r
    kind = (h.get("content-type") or "").split(";")[0]
    return f"{st} {kind} in {t:.2f} s"

def zip64_overflow():
    doc = b'<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Python</w:t></w:r></w:p></w:body></w:document>'
    entries = [("word/document.xml", doc, None), ("word/huge.xml", b"x", 2**64 - 1)]
    out = b""; central = b""
    for name, data, declared in entries:
        off = len(out); crc = binascii.crc32(data) & 0xFFFFFFFF; n = name.encode()
        size32 = len(data) if declared is None else 0xFFFFFFFF
        extra = b"" if declared is None else struct.pack("<HHQQ", 1, 16, declared, len(data))
        ver = 20 if declared is None else 45
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, ver, 0, 0, 0, 0x21, crc, size32, size32, len(n), len(extra)) + n + extra + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x031E, ver, 0, 0, 0, 0x21, crc, size32, size32, len(n), len(extra), 0, 0, 0, 0o100644 << 16, off) + n + extra
    return out + central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)

def utf16_dtd_docx():
    xml = ('<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe; Python</w:t></w:r></w:p></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z: z.writestr("word/document.xml", b"\xff\xfe" + xml.encode("utf-16-le"))
    return buf.getvalue()

def upload(token, data, name="cv.txt", ctype="application/octet-stream", timeout=300):
    return http("POST", "/api/v1/resumes", data, auth(token, {"Content-Type": ctype, "Content-Disposition": f'attachment; filename="{name}"'}), timeout=timeout)

def profile_alive():
    t = signup(); r = http("GET", "/api/v1/profile", headers=auth(t), timeout=30); return r[0]

def main():
    which = sys.argv[3:] or ["all"]
    token = signup()
    if token is None: print("signup failed"); return
    # 1. crash
    if "skip-crash" in which: pass
    else:
      r = upload(token, zip64_overflow(), "cv.docx"); time.sleep(3)
      row("1 ZIP64 DOCX declaring 2^64-1 bytes", summary(r) + f"; GET /profile afterwards: {profile_alive()}")
    # 2. CPU
    desc = ("R " * 10000)[:20000]
    if "only-2bc" in which:
        for label, text in [("2b text resume, 32 KB of 'R '", "R " * 16384), ("2b text resume, 16 KB of 'python sql '", ("python sql " * 1500)[:16384])]:
            row(label, summary(upload(token, text.encode(), timeout=600)))
            row("   GET /profile right after", summary(http("GET", "/api/v1/profile", headers=auth(token), timeout=300)))
        form = b"--b\r\n\r\n\r\n" * 200000 + b"--b--\r\n"
        r = http("POST", "/api/v1/resumes", form, auth(token, {"Content-Type": "multipart/form-data; boundary=b"}), timeout=600)
        row(f"2c multipart of 200,000 empty parts ({len(form)/1e6:.1f} MB)", summary(r))
        return
    r = http("PUT", "/api/v1/profile/job-target", js({"job_title": "Analyst", "job_description": desc}), auth(token, {"Content-Type": "application/json"}), timeout=300)
    row("2a job target, 20,000 chars of 'R R R'", summary(r))
    # two at once, while GET /profile is timed
    results = []
    def put():
        t = signup(); results.append(http("PUT", "/api/v1/profile/job-target", js({"job_title": "Analyst", "job_description": desc}), auth(t, {"Content-Type": "application/json"}), timeout=300))
    threads = [threading.Thread(target=put) for _ in range(2)]
    for th in threads: th.start()
    time.sleep(0.3)
    g = http("GET", "/api/v1/profile", headers=auth(token), timeout=300)
    for th in threads: th.join()
    row("2a two such PUTs at once: GET /profile meanwhile", summary(g) + "; PUTs: " + ", ".join(summary(x) for x in results))
    for label, text in [("2b text resume, 32 KB of 'R '", "R " * 16384), ("2b text resume, 16 KB of 'python sql '", ("python sql " * 1500)[:16384]),
                        ("2b text resume, 1 MiB of 'python sql ' (accepted size)", ("python sql " * 95325)[:1048576])]:
        r = upload(token, text.encode(), timeout=600)
        row(label, summary(r))
        if r[0] == 201: http("DELETE", f"/api/v1/resumes/{json.loads(r[2])['id']}", headers=auth(token))
    form = b"--b\r\n\r\n\r\n" * 200000 + b"--b--\r\n"
    r = http("POST", "/api/v1/resumes", form, auth(token, {"Content-Type": "multipart/form-data; boundary=b"}), timeout=600)
    row(f"2c multipart of 200,000 empty parts ({len(form)/1e6:.1f} MB)", summary(r))
    # 3. NUL
    for label, body, path in [("3 NUL in signup email", {"email": "a\u0000b@example.com", "password": "correct horse battery staple"}, "signup"),
                              ("3 NUL in signup name", {"email": f"n{uuid.uuid4().hex[:8]}@example.com", "password": "correct horse battery staple", "name": "A\u0000da"}, "signup"),
                              ("3 NUL in login email", {"email": "a\u0000b@example.com", "password": "correct horse battery staple"}, "login")]:
        row(label, summary(http("POST", f"/api/v1/auth/{path}", js(body), {"Content-Type": "application/json"})))
    # 4. accepted hostile input
    for label, name in [("4 CR/LF in signup name", "Ada\r\nX-Injected: 1"), ("4 BEL in signup name", "Ada\u0007"), ("4 U+202E in signup name", "Ada\u202egpj.exe"),
                        ("4 one letter + 100,000 combining marks", "A" + "\u0301" * 100000)]:
        row(label, summary(http("POST", "/api/v1/auth/signup", js({"email": f"h{uuid.uuid4().hex[:8]}@example.com", "password": "correct horse battery staple", "name": name}), {"Content-Type": "application/json"})))
    row("4 U+202E in signup email", summary(http("POST", "/api/v1/auth/signup", js({"email": f"x{uuid.uuid4().hex[:6]}\u202e@example.com", "password": "correct horse battery staple"}), {"Content-Type": "application/json"})))
    e1, e2 = f"d{uuid.uuid4().hex[:8]}@example.com", f"d{uuid.uuid4().hex[:8]}@example.com"
    body = ('{"email":"%s","email":"%s","password":"correct horse battery staple"}' % (e1, e2)).encode()
    row("4 duplicate JSON key (email twice) in signup", summary(http("POST", "/api/v1/auth/signup", body, {"Content-Type": "application/json"})))
    row("4 unknown signup field (is_admin)", summary(http("POST", "/api/v1/auth/signup", js({"email": f"u{uuid.uuid4().hex[:8]}@example.com", "password": "correct horse battery staple", "is_admin": True}), {"Content-Type": "application/json"})))
    r = upload(token, utf16_dtd_docx(), "cv.docx")
    row("4 UTF-16 document.xml declaring a DTD + external entity", summary(r) + ("; body has passwd" if b"root:" in r[2] else ""))
    # 5. gateway
    s = socket.create_connection(("127.0.0.1", PORT), timeout=30)
    s.sendall(b"GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Note: a\x00b\r\n\r\n")
    start = time.monotonic(); data = s.recv(65536); s.close()
    st = data.split(b"\r\n", 1)[0].decode(); ct = [l for l in data.split(b"\r\n") if l.lower().startswith(b"content-type")]
    row("5 NUL byte in a request header", f"{st} {ct[0].decode() if ct else ''} in {time.monotonic()-start:.2f} s")
    s = socket.create_connection(("127.0.0.1", PORT), timeout=120)
    s.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":")
    start = time.monotonic()
    try: data = s.recv(65536)
    except socket.timeout: data = b"(no answer in 120 s)"
    s.close()
    ct = [l for l in data.split(b"\r\n") if l.lower().startswith(b"content-type")]
    first = data.split(b"\r\n", 1)[0].decode()
    row("5 a body that never arrives", f"{first} {ct[0].decode() if ct else ''} after {time.monotonic()-start:.1f} s")
    r = http("CONNECT", "localhost:443")
    row("5 CONNECT (an answer HAProxy makes itself)", summary(r))
    # 6. HTTP details
    r = http("HEAD", "/api/v1/profile", headers=auth(token))
    row("6 HEAD /api/v1/profile", summary(r) + f", allow={r[1].get('allow')}")
    r = http("HEAD", "/api/v1/auth/me", headers=auth(token))
    row("6 HEAD /api/v1/auth/me", summary(r))
    dup = f"pii{uuid.uuid4().hex[:8]}@example.com"
    signup(dup); r = http("POST", "/api/v1/auth/signup", js({"email": dup, "password": "correct horse battery staple"}), {"Content-Type": "application/json"})
    time.sleep(1)
    pg = open(os.path.join(LOGS, "postgres.log"), errors="replace").read()
    row("6 duplicate-email signup: the address in postgres.log", f"{r[0]}; address in log: {'yes' if dup in pg else 'no'}")

main()
