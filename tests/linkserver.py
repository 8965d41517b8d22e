"""A small HTTP server on 127.0.0.1 with one path for each kind of answer the
link checker must tell apart. Each request is counted by method and path."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 1.5


class _Handler(BaseHTTPRequestHandler):
    server: LinkServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _answer(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _route(self) -> None:
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.requests[(self.command, path)] += 1
            seen = self.server.requests[("ANY", path)]
            self.server.requests[("ANY", path)] += 1
        routes = {
            "/live": lambda: self._answer(200, body=b"<p>live</p>"),
            "/also-live": lambda: self._answer(200, body=b"<p>live</p>"),
            "/dead": lambda: self._answer(404),
            "/gone": lambda: self._answer(410),
            "/temporary": lambda: self._answer(302, {"Location": "/live"}),
            "/moved": lambda: self._answer(301, {"Location": "/new-home"}),
            "/new-home": lambda: self._answer(200),
            # a permanent hop, then a permanent one, then a temporary one: use /chain-3
            "/chain-1": lambda: self._answer(301, {"Location": "/chain-2"}),
            "/chain-2": lambda: self._answer(308, {"Location": "/chain-3"}),
            "/chain-3": lambda: self._answer(302, {"Location": "/live"}),
            "/moved-to-dead": lambda: self._answer(301, {"Location": "/dead"}),
            "/loop": lambda: self._answer(301, {"Location": "/loop"}),
            "/forbidden": lambda: self._answer(403),
            "/too-many": lambda: self._answer(429, {"Retry-After": "3600"}),
            "/challenge": lambda: self._answer(503, {"Server": "cloudflare", "cf-mitigated": "challenge"}),
            "/down": lambda: self._answer(503),
            "/no-head": lambda: self._answer(405 if self.command == "HEAD" else 200),
            # turned inward: each must be refused before any connection is made
            "/to-metadata": lambda: self._answer(302, {"Location": "http://169.254.169.254/latest/meta-data/"}),
            "/to-private": lambda: self._answer(301, {"Location": "http://10.0.0.1/admin"}),
            "/to-ipv6-loopback": lambda: self._answer(302, {"Location": "http://[::1]:8080/"}),
            "/to-mapped": lambda: self._answer(302, {"Location": "http://[::ffff:10.1.2.3]/"}),
            "/to-localhost": lambda: self._answer(302, {"Location": "http://localhost:9/"}),
            "/to-file": lambda: self._answer(302, {"Location": "file:///etc/passwd"}),
            "/malformed": lambda: self._answer(302, {"Location": "http://[::1"}),
            # fails the first two requests (a HEAD and its GET), then works
            "/flaky": lambda: self._answer(500 if seen < 2 else 200),
        }
        if path == "/trickle":
            # A head sent one byte at a time, each well inside the per-read timeout.
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for byte in b"X-Slow: " + b"a" * 40:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
            return
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
            return self._answer(200)
        routes.get(path, lambda: self._answer(404))()

    def do_HEAD(self) -> None:
        self._route()

    def do_GET(self) -> None:
        self._route()


class LinkServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.requests: Counter = Counter()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def handle_error(self, request, client_address) -> None:
        # A client that gave up (the slow path) leaves a broken pipe here; that is expected.
        pass

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def count(self, path: str, method: str = "ANY") -> int:
        with self.lock:
            return self.requests[(method, path)]

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
