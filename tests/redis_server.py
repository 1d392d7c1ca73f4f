"""A throwaway ``redis-server`` on a free port of 127.0.0.1, for the distributed-crawl tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

import pytest
import redis

#: Why a test that needs a real redis-server skips where there is none (.ci/run installs it).
MISSING = "redis-server is not installed (Debian: apt-get install redis-server; .ci/run does it)"


def redis_server_binary() -> str | None:
    return shutil.which("redis-server")


#: For tests that start their own :class:`RedisServer` (the ``redis_server`` fixture skips by itself).
needs_redis_server = pytest.mark.skipif(redis_server_binary() is None, reason=MISSING)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """Start ``redis-server`` in ``folder``; ``url`` once it answers PING.

    No persistence by default. ``persist=True`` keeps every acknowledged write in an append-only
    file in ``folder`` (``appendfsync always``), so a server started again on the same folder
    (and ``port``) after :meth:`stop` holds all the data the crawl had written: a restart, not a
    wipe.
    """

    def __init__(self, folder: Path, *, persist: bool = False, port: int | None = None) -> None:
        binary = redis_server_binary()
        if binary is None:
            raise FileNotFoundError(MISSING)
        self.port = port or _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        args = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        args += ["--appendonly", "yes", "--appendfsync", "always"] if persist else ["--appendonly", "no"]
        self.proc = subprocess.Popen([*args, "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)

    def stop(self) -> None:
        """Kill the server (SIGKILL: a crash, as far as the workers can tell)."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()

    def __enter__(self) -> RedisServer:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()
