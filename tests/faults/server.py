"""A fault-injection HTTP server on 127.0.0.1: each path can reset, stall, truncate, throttle,
redirect, serve bombs, wrong charsets... on demand.

Usage (tests, ``benchmarks/soak.py``)::

    with FaultServer() as server:
        server.route("/a", respond(article_html(1)))
        server.route("/reset", reset())
        server.url_for("/a")  # http://127.0.0.1:PORT/a

A route is a function ``(handler) -> None`` that writes the whole response (or not) on the
handler's socket. Every request is recorded in ``server.requests`` (path, monotonic time, headers).
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from newsspider.demo.server import BackgroundHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]

WORDS = (
    "council budget river harbour election minister school hospital report farmers weather "
    "railway museum festival court judge market bank energy climate science village coast "
    "workers union teachers parents league season mayor police bridge library"
).split()


def article_html(n: int, *, title: str | None = None, body: str | None = None, links: tuple[str, ...] = ()) -> str:
    """A small news article page that newsspider extracts into a record (unique body per ``n``)."""
    title = title or f"Report number {n} on the state of the harbour"
    if body is None:
        paragraphs = []
        for p in range(4):
            words = [WORDS[(n * 7 + p * 13 + i * 3) % len(WORDS)] for i in range(30)]
            paragraphs.append(f"Story {n} paragraph {p}: " + " ".join(words).capitalize() + ".")
        body = "\n".join(f"<p>{para}</p>" for para in paragraphs)
    anchors = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-0{1 + n % 9}T10:00:00Z">
</head><body>
<header><nav><a href="/">Home</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Jane Reporter</p>
{body}
</article></main>
<footer><ul>{anchors}</ul></footer>
</body></html>"""


def index_html(links: tuple[str, ...] | list[str]) -> str:
    """A section page listing ``links`` (not an article)."""
    anchors = "".join(f'<li><a href="{href}">Link {i}</a></li>' for i, href in enumerate(links))
    return f"<!DOCTYPE html><html><head><title>Index</title></head><body><ul>{anchors}</ul></body></html>"


# -- routes -------------------------------------------------------------------------------


def respond(
    body: bytes | str,
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> Route:
    """A well-formed response."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        if content_type:
            h.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            h.send_header(name, value)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(data)

    return route


def reset() -> Route:
    """Read the request, then abort the connection with a TCP RST (no response at all)."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        h.close_connection = True
        h.connection.close()

    return route


def stall(seconds: float) -> Route:
    """Send nothing for ``seconds`` (longer than the crawler's timeout), then close."""

    def route(h: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        h.close_connection = True

    return route


def hold_until(event: threading.Event, then: Route, limit: float = 300) -> Route:
    """Send nothing until ``event`` is set (at most ``limit`` seconds), then answer with ``then``:
    a download kept in flight for as long as the test needs."""

    def route(h: BaseHTTPRequestHandler) -> None:
        event.wait(limit)
        then(h)

    return route


def truncate(body: bytes | str) -> Route:
    """Announce the full Content-Length, send half the body, close: a truncated transfer."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data[: len(data) // 2])
        h.wfile.flush()
        h.close_connection = True

    return route


def throttle(body: bytes | str, chunk: int = 512, pause: float = 0.01) -> Route:
    """A correct response sent slowly, ``chunk`` bytes at a time."""
    data = body.encode("utf-8") if isinstance(body, str) else body

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        for start in range(0, len(data), chunk):
            h.wfile.write(data[start : start + chunk])
            h.wfile.flush()
            time.sleep(pause)

    return route


def redirect(location: str, status: int = 302) -> Route:
    """A redirect to ``location`` (any scheme, relative or absolute)."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Location", location)
        h.send_header("Content-Length", "0")
        h.end_headers()

    return route


def gzip_bomb(decompressed_size: int) -> Route:
    """``decompressed_size`` zero bytes gzip-compressed (about 1000:1), as text/html."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1 << 20)
    parts = [compressor.compress(block) for _ in range(decompressed_size >> 20)]
    parts.append(compressor.flush())
    return respond(b"".join(parts), headers={"Content-Encoding": "gzip"})


def declared_too_large(size: int) -> Route:
    """A Content-Length of ``size``; sends a little of it, then waits for the client to give up."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(size))
        h.end_headers()
        try:
            h.wfile.write(b"<html>" + b" " * 1024)
            h.wfile.flush()
            time.sleep(2)
        except OSError:
            pass
        h.close_connection = True

    return route


def endless(limit: int, chunk: int = 64 * 1024) -> Route:
    """A body with no Content-Length streamed until ``limit`` bytes or the client hangs up."""

    def route(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Connection", "close")
        h.end_headers()
        sent = 0
        try:
            h.wfile.write(b"<html><body><p>")
            while sent < limit:
                h.wfile.write(b"a" * chunk)
                sent += chunk
        except OSError:
            pass
        h.close_connection = True

    return route


def flaky(failures: int, then: Route, status: int = 503, retry_after: str | None = None) -> Route:
    """Answer ``status`` (with ``Retry-After`` when given) ``failures`` times, then ``then``."""
    lock = threading.Lock()
    seen = [0]

    def route(h: BaseHTTPRequestHandler) -> None:
        with lock:
            seen[0] += 1
            failing = seen[0] <= failures
        if not failing:
            then(h)
            return
        headers = {"Retry-After": retry_after} if retry_after is not None else None
        respond("busy", status=status, content_type="text/plain", headers=headers)(h)

    return route


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data)


def article_paths(count: int, section: str = "news") -> list[str]:
    """``count`` article paths of a small site (see :meth:`FaultServer.serve_articles`)."""
    return [f"/{section}/story-{n}.html" for n in range(count)]


# -- the server ---------------------------------------------------------------------------


@dataclass
class Hit:
    path: str
    at: float
    headers: dict[str, str] = field(default_factory=dict)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        owner = self.server.owner
        owner._record(Hit(path, time.monotonic(), dict(self.headers.items())))
        route = owner.routes.get(path) or owner.routes.get(parts.path) or owner.fallback
        if route is None:
            respond("not found", status=404, content_type="text/plain")(self)
            return
        try:
            route(self)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_GET = do_HEAD = _dispatch  # noqa: N815

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Silent: tests would otherwise flood stderr."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    owner: FaultServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients hanging up (a cancelled download, a closed keep-alive connection) are expected."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class FaultServer(BackgroundHTTPServer):
    """Serve ``routes`` on 127.0.0.1 (free port) from a background thread."""

    requests: list[Hit]

    def __init__(self, routes: dict[str, Route] | None = None, host: str = "127.0.0.1") -> None:
        super().__init__(host)
        self.routes: dict[str, Route] = dict(routes or {})
        self.fallback: Route | None = None

    def route(self, path: str, route: Route) -> str:
        """Serve ``route`` at ``path``; returns the absolute URL."""
        self.routes[path] = route
        return self.url_for(path)

    def url_for(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def serve_articles(self, count: int, *links: str) -> list[str]:
        """An index at ``/`` linking ``count`` articles (``article_html(0..count-1)``) and ``links``;
        returns the article paths."""
        paths = article_paths(count)
        for n, path in enumerate(paths):
            self.route(path, respond(article_html(n)))
        self.route("/", respond(index_html([*paths, *links])))
        return paths

    def hits(self, path: str) -> list[Hit]:
        with self._lock:
            return [hit for hit in self.requests if hit.path == path]

    def make_server(self) -> _Server:
        httpd = _Server((self.host, 0), _Handler)
        httpd.owner = self
        return httpd


def serve_forever_in(routes: dict[str, Route]) -> Iterator[FaultServer]:
    """Generator for pytest fixtures: a started server with ``routes``, stopped afterwards."""
    with FaultServer(routes) as server:
        yield server
