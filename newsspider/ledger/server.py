"""Serve The Daily Ledger: each URL (path and query) is looked up in the site's ``routes.json``.

A static file server cannot tell ``/article?id=1`` from ``/article?id=2`` nor serve
extension-less paths as HTML; the route table can. Unknown URLs answer 404.

Usage: ``python -m newsspider.ledger.server [--port N]`` serves the site until Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from newsspider.demo.server import BackgroundHTTPServer, _Server, serve_until_interrupted
from newsspider.ledger import SITE_DIR

ROUTES_FILE = "routes.json"
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
                 ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".css": "text/css; charset=utf-8"}


class _RouteHandler(BaseHTTPRequestHandler):
    def __init__(self, *args: Any, server_obj: LedgerServer, **kwargs: Any) -> None:
        self._owner = server_obj
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._answer(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        self._owner._record(self.path)
        target = self._owner.routes.get(self.path)
        if target is None:
            self.send_error(404)
            return
        path = self._owner.root / target
        data = path.read_bytes()
        kind = CONTENT_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Stay silent, like the demo server."""


class LedgerServer(BackgroundHTTPServer):
    """The Daily Ledger on 127.0.0.1 (free port by default); ``requests`` lists the URLs asked for
    (path and query)."""

    requests: list[str]

    def __init__(self, root: Path = SITE_DIR, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host, port)
        self.root = Path(root)
        self.routes: dict[str, str] = {}

    def make_server(self) -> ThreadingHTTPServer:
        routes = self.root / ROUTES_FILE
        if not routes.is_file():
            raise FileNotFoundError(f"route table not found: {routes}")
        self.routes = json.loads(routes.read_text(encoding="utf-8"))
        return _Server((self.host, self.port), partial(_RouteHandler, server_obj=self))


def main(argv: list[str] | None = None) -> int:
    """Serve The Daily Ledger until interrupted."""
    parser = argparse.ArgumentParser(description="Serve The Daily Ledger locally.")
    parser.add_argument("--port", type=int, default=8001, help="port (0 = any free port)")
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    return serve_until_interrupted(LedgerServer(host=args.host, port=args.port).start())


if __name__ == "__main__":
    raise SystemExit(main())
