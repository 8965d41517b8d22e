"""A small static server for built sites on 127.0.0.1 that gzips text, like a real host.

It logs every response (path, status, raw and sent bytes), so the benchmark
counts exactly what went over the wire, including requests made by web
workers, which a page's own network events may not show.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import posixpath
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

_TEXT_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml", "application/xml")
_EXTRA_TYPES = {
    ".js": "application/javascript",
    ".mjs": "application/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class Response:
    path: str
    status: int
    raw: int  # the file's size
    sent: int  # bytes of the body on the wire (gzipped when the type is text)


def content_type(path: Path) -> str:
    return _EXTRA_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        url_path = unquote(urlsplit(self.path).path)
        relative = posixpath.normpath(url_path).lstrip("/")
        if relative.startswith(".."):
            relative = ""
        target = (self.server.root / relative) if relative not in ("", ".") else self.server.root
        if target.is_dir():
            if not url_path.endswith("/"):
                self._send(301, b"", "text/plain", {"Location": url_path + "/"}, url_path, body)
                return
            target = target / "index.html"
        status = 200
        if not target.is_file():
            status, target = 404, self.server.root / "404.html"
        data = target.read_bytes() if target.is_file() else b"Not found"
        self._send(status, data, content_type(target), {}, url_path, body)

    def _send(self, status: int, data: bytes, kind: str, headers: dict[str, str], path: str, body: bool) -> None:
        raw = len(data)
        if data and kind.startswith(_TEXT_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = gzip.compress(data, 6)
            headers = {**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        # Logged before anything goes out, so a client that has a response finds it in the log.
        self.server.record(Response(path, status, raw, len(data) if body else 0))
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(data)))
        # GitHub Pages' policy: cache for ten minutes.
        self.send_header("Cache-Control", "max-age=600")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root
        self.lock = threading.Lock()
        self.responses: list[Response] = []

    def record(self, response: Response) -> None:
        with self.lock:
            self.responses.append(response)


class GzipServer:
    """Serves ``root`` at http://127.0.0.1:<free port>/ until closed."""

    def __init__(self, root: Path):
        self.httpd = _Server(root)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def mark(self) -> int:
        """A position in the log; responses after it are read with ``since``."""
        with self.httpd.lock:
            return len(self.httpd.responses)

    def since(self, position: int) -> list[Response]:
        with self.httpd.lock:
            return list(self.httpd.responses[position:])

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> GzipServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
