#!/usr/bin/env python3
"""tests/tools/httpd.py - a web server for tests/fetch.sh that serves the
files of a folder and misbehaves on request.

    python3 tests/tools/httpd.py ROOT [--tls CERT KEY]

Binds 127.0.0.1 on free ports and prints "http PORT" (and, with --tls,
"https PORT" for a TLS endpoint using CERT and KEY) on standard output,
then serves until killed.  Python's standard library only.

What each path does (NAME is a file in ROOT; any query string makes a
distinct URL, so tests keep their counters apart with "?t=...":

    /pages/NAME        the file, with ETag and Last-Modified; answers
                       If-None-Match / If-Modified-Since with 304 and no
                       body.  ?noetag=1: no ETag (so the client must use
                       If-Modified-Since).  ?delay=MS: wait first.  Its
                       Content-Type is what a file NAME.ctype beside it
                       says, else one from NAME's extension.
    /status/CODE       that status, with a short body
    /flaky/NAME        ?fails=K&code=C: C (default 500) K times, then NAME
    /busy/NAME         ?times=K&after=S[&date=1]: 429 with Retry-After: S
                       (or the HTTP date S seconds on) K times, then NAME
    /chain/N           302 to /chain/N-1; /chain/0 is NAME=seed.md
    /loop/a, /loop/b   302 to each other
    /redirect          ?to=URL: 302 to URL, whatever its scheme
    /drip              ?n=N: N bytes (Content-Length N), one a second
    /sleep             ?s=S: S seconds before any answer
    /big               ?size=N[&cl=0]: N bytes, with Content-Length
                       unless cl=0 (then the connection's end ends it)
    /gzbomb            ?size=N: N zero bytes, sent gzip-compressed
    /charset/NAME      ?cs=X: NAME as text/html; charset=X
    /gzip/NAME, /deflate/NAME   NAME compressed when the client accepts it
    /badgzip           "Content-Encoding: gzip" on bytes that are not
    /hangup            closes the connection without an answer
    /NAME              as /pages/NAME, for a NAME no route above takes
    /__stats           JSON: per request target, requests, body bytes
                       sent and statuses; the most requests served at once;
                       each request's start time; the last User-Agent and
                       Accept-Encoding; requests that came through as a
                       proxy's (absolute URLs)
    /__reset           forget all of that

Requests whose target is an absolute http:// URL are served as if for its
path: this server is then the proxy that http_proxy names.
"""
import email.utils
import gzip
import hashlib
import json
import os
import socket
import ssl
import sys
import threading
import time
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = "."
LOCK = threading.Lock()


def fresh_state():
    return {"paths": {}, "current": 0, "max_concurrent": 0, "starts": [],
            "user_agent": None, "accept_encoding": None, "proxied": 0,
            "counters": {}}


STATE = fresh_state()
# Bumped by /__reset.  A handler still running from before a reset (a
# body dripping to a client that timed out long ago, a delayed answer)
# must not count in the next test's statistics: it records only while
# the generation it started in is current.
GENERATION = [0]


def record(target, status=None, body=0, generation=None):
    if target.startswith("/__"):
        return
    with LOCK:
        if generation is not None and generation != GENERATION[0]:
            return
        p = STATE["paths"].setdefault(
            target, {"requests": 0, "body_bytes": 0, "statuses": [],
                     "conditional": 0})
        if status is not None:
            p["statuses"].append(status)
        p["body_bytes"] += body


def bump(key):
    """How many times key was seen before (0 the first time)."""
    with LOCK:
        n = STATE["counters"].get(key, 0)
        STATE["counters"][key] = n + 1
        return n


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "tablog-test-httpd"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.log_date_time_string(),
                                      fmt % args))

    # ---- plumbing -----------------------------------------------------

    def send_body(self, status, body, ctype="text/plain; charset=utf-8",
                  headers=(), head_only=False):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        if status == 304:
            self.end_headers()
            self.record(status)
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only:
            self.write_counted(body)
        self.record(status)

    def record(self, status=None, body=0):
        record(self.target, status, body, self.generation)

    def write_counted(self, data):
        """Write data, counting what the socket took; False if the client
        went away."""
        view = memoryview(data)
        for i in range(0, len(view), 65536):
            chunk = view[i:i + 65536]
            try:
                self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError,
                    OSError):
                self.close_connection = True
                return False
            self.record(None, len(chunk))
        return True

    def read_file(self, name):
        path = os.path.join(ROOT, os.path.basename(name))
        try:
            with open(path, "rb") as f:
                data = f.read()
            return data, os.stat(path).st_mtime
        except OSError:
            return None, None

    @staticmethod
    def content_type(name):
        if name.endswith((".html", ".htm")):
            return "text/html; charset=utf-8"
        if name.endswith(".md"):
            return "text/markdown; charset=utf-8"
        return "application/octet-stream"

    def serve_file(self, name, query, ctype=None):
        data, mtime = self.read_file(name)
        if data is None:
            return self.send_body(404, b"no such file\n")
        sidecar, _ = self.read_file(name + ".ctype")
        if sidecar is not None and ctype is None:
            ctype = sidecar.decode().strip()
        etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
        lastmod = email.utils.formatdate(int(mtime), usegmt=True)
        headers = [("Last-Modified", lastmod)]
        if query.get("noetag") != "1":
            headers.append(("ETag", etag))
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None or ims is not None:
            with LOCK:
                if self.generation == GENERATION[0]:
                    STATE["paths"][self.target]["conditional"] += 1
        fresh = False
        if inm is not None and query.get("noetag") != "1":
            fresh = etag in [t.strip() for t in inm.split(",")] or \
                inm.strip() == "*"
        elif ims is not None:
            try:
                fresh = int(mtime) <= \
                    email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            return self.send_body(304, b"", headers=headers)
        self.send_body(200, data, ctype or self.content_type(name), headers)

    # ---- requests -----------------------------------------------------

    def do_GET(self):
        with LOCK:
            self.generation = GENERATION[0]
        target = self.path
        if target.startswith("http://"):
            with LOCK:
                STATE["proxied"] += 1
            u = urllib.parse.urlsplit(target)
            target = u.path + ("?" + u.query if u.query else "")
        self.target = target
        u = urllib.parse.urlsplit(target)
        path = u.path
        query = dict(urllib.parse.parse_qsl(u.query))
        if path == "/__stats":
            with LOCK:
                body = json.dumps({k: v for k, v in STATE.items()
                                   if k != "counters"}).encode()
            return self.send_body(200, body, "application/json")
        if path == "/__reset":
            with LOCK:
                STATE.clear()
                STATE.update(fresh_state())
                GENERATION[0] += 1
            return self.send_body(200, b"reset\n")
        with LOCK:
            STATE["current"] += 1
            STATE["max_concurrent"] = max(STATE["max_concurrent"],
                                          STATE["current"])
            STATE["starts"].append([time.monotonic(), target])
            STATE["user_agent"] = self.headers.get("User-Agent")
            STATE["accept_encoding"] = self.headers.get("Accept-Encoding")
            p = STATE["paths"].setdefault(
                target, {"requests": 0, "body_bytes": 0, "statuses": [],
                         "conditional": 0})
            p["requests"] += 1
        try:
            self.route(path, query)
        finally:
            with LOCK:
                if self.generation == GENERATION[0]:
                    STATE["current"] -= 1

    def route(self, path, query):
        parts = path.split("/")
        head = parts[1] if len(parts) > 1 else ""
        rest = "/".join(parts[2:])
        if "delay" in query:
            time.sleep(int(query["delay"]) / 1000)
        if head == "pages":
            return self.serve_file(rest, query)
        if head == "status":
            code = int(rest)
            return self.send_body(code, b"error %d\n" % code)
        if head == "flaky":
            if bump(self.target) < int(query.get("fails", "1")):
                code = int(query.get("code", "500"))
                return self.send_body(code, b"try again\n")
            return self.serve_file(rest, query)
        if head == "busy":
            if bump(self.target) < int(query.get("times", "1")):
                after = int(query.get("after", "1"))
                value = str(after)
                if query.get("date") == "1":
                    value = email.utils.formatdate(time.time() + after,
                                                   usegmt=True)
                return self.send_body(429, b"slow down\n",
                                      headers=[("Retry-After", value)])
            return self.serve_file(rest, query)
        if head == "chain":
            n = int(rest)
            if n == 0:
                return self.serve_file("seed.md", query)
            return self.send_body(302, b"", headers=[
                ("Location", "/chain/%d" % (n - 1))])
        if head == "loop":
            other = "b" if rest == "a" else "a"
            return self.send_body(302, b"", headers=[
                ("Location", "/loop/" + other)])
        if head == "redirect":
            return self.send_body(302, b"", headers=[
                ("Location", query.get("to", "/"))])
        if head == "drip":
            n = int(query.get("n", "100"))
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(n))
            self.end_headers()
            for _ in range(n):
                if not self.write_counted(b"x"):
                    break
                time.sleep(float(query.get("every", "1")))
            self.record(200)
            return
        if head == "sleep":
            time.sleep(float(query.get("s", "5")))
            return self.send_body(200, b"late\n")
        if head == "big":
            size = int(query.get("size", "0"))
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            if query.get("cl", "1") == "1":
                self.send_header("Content-Length", str(size))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            chunk = b"x" * 65536
            sent = 0
            while sent < size:
                n = min(len(chunk), size - sent)
                if not self.write_counted(chunk[:n]):
                    break
                sent += n
            self.record(200)
            return
        if head == "gzbomb":
            size = int(query.get("size", "0"))
            body = gzip.compress(b"\0" * size)
            return self.send_body(200, body, "text/plain",
                                  [("Content-Encoding", "gzip")])
        if head == "charset":
            data, _ = self.read_file(rest)
            if data is None:
                return self.send_body(404, b"no such file\n")
            cs = query.get("cs", "iso-8859-1")
            return self.send_body(200, data, "text/html; charset=" + cs)
        if head in ("gzip", "deflate"):
            data, _ = self.read_file(rest)
            if data is None:
                return self.send_body(404, b"no such file\n")
            accept = self.headers.get("Accept-Encoding", "")
            if head not in accept:
                return self.send_body(200, data, self.content_type(rest))
            body = gzip.compress(data) if head == "gzip" else \
                zlib.compress(data)
            return self.send_body(200, body, self.content_type(rest),
                                  [("Content-Encoding", head),
                                   ("Vary", "Accept-Encoding")])
        if head == "badgzip":
            return self.send_body(200, b"this is not gzip at all" * 10,
                                  "text/plain",
                                  [("Content-Encoding", "gzip")])
        if head == "hangup":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if rest == "" and os.path.isfile(os.path.join(ROOT, head)):
            return self.serve_file(head, query)
        return self.send_body(404, b"no such path\n")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    # Answer many connections at once: the per-host tests count them.
    request_queue_size = 64


def main():
    global ROOT
    args = sys.argv[1:]
    if not args:
        sys.exit("usage: httpd.py ROOT [--tls CERT KEY]")
    ROOT = args[0]
    servers = [("http", Server(("127.0.0.1", 0), Handler))]
    if len(args) == 4 and args[1] == "--tls":
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args[2], args[3])
        tls = Server(("127.0.0.1", 0), Handler)
        # The handshake happens in the request's thread, not in accept().
        tls.socket = ctx.wrap_socket(tls.socket, server_side=True,
                                     do_handshake_on_connect=False)
        servers.append(("https", tls))
    for name, srv in servers:
        print("%s %d" % (name, srv.server_address[1]), flush=True)
    for _, srv in servers[1:]:
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    servers[0][1].serve_forever()


if __name__ == "__main__":
    main()
