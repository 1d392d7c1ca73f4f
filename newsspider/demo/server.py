"""A tiny static file server for the demo site (tests, CLI, benchmarks).

Usage: ``python -m newsspider.demo.server [--port N]`` serves the site until Ctrl-C.
"""

from __future__ import annotations

import argparse
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newsspider.demo import SITE_DIR

if TYPE_CHECKING:
    from typing import Self


class _Handler(SimpleHTTPRequestHandler):
    """Static handler: UTF-8 content types, no per-request logging, request recording."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".htm": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".xml": "application/xml; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def __init__(self, *args: Any, recorder: DemoServer, **kwargs: Any) -> None:
        self._recorder = recorder
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._recorder._record(urlsplit(self.path).path)
        super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        self._recorder._record(urlsplit(self.path).path)
        super().do_HEAD()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Stay silent: tests and crawls would otherwise flood stderr."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class BackgroundHTTPServer:
    """An HTTP server on 127.0.0.1 (free port by default) in a daemon thread, for tests, the CLI
    and benchmarks: ``start``/``stop`` or ``with``; ``requests`` records what was asked for.

    Subclasses build the server in :meth:`make_server` and append to ``requests`` with
    :meth:`_record` from their handlers.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.url = ""
        self.requests: list[Any] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def make_server(self) -> ThreadingHTTPServer:
        raise NotImplementedError

    def _record(self, request: Any) -> None:
        with self._lock:
            self.requests.append(request)

    def start(self) -> Self:
        """Bind, start serving in a daemon thread and set ``url``; returns ``self``."""
        if self._httpd is not None:
            raise RuntimeError(f"{type(self).__name__} already started")
        self._httpd = self.make_server()
        self.port = self._httpd.server_address[1]
        self.url = f"http://{self.host}:{self.port}/"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"{type(self).__name__}:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port (idempotent)."""
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class DemoServer(BackgroundHTTPServer):
    """Serve a folder (the demo site by default); ``requests`` lists the paths asked for."""

    requests: list[str]

    def __init__(self, root: Path = SITE_DIR, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host, port)
        self.root = Path(root)

    def make_server(self) -> ThreadingHTTPServer:
        if not self.root.is_dir():
            raise FileNotFoundError(f"site folder not found: {self.root}")
        handler = partial(_Handler, directory=str(self.root), recorder=self)
        return _Server((self.host, self.port), handler)


def main(argv: list[str] | None = None) -> int:
    """Serve the demo site until interrupted."""
    parser = argparse.ArgumentParser(description="Serve the Demo Daily site locally.")
    parser.add_argument("--port", type=int, default=8000, help="port (0 = any free port)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--root", type=Path, default=SITE_DIR, help="folder to serve")
    args = parser.parse_args(argv)
    return serve_until_interrupted(DemoServer(args.root, host=args.host, port=args.port).start())


def serve_until_interrupted(server: Any) -> int:
    """``python -m …server``: serve a started bundled-site server until Ctrl-C, then stop it."""
    print(f"Serving {server.root} at {server.url} (Ctrl-C to stop)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
