"""The shared state backend of distributed crawls: the incremental state in Redis.

Every worker of a distributed crawl (``NEWSSPIDER_REDIS_URL``, see ``newsspider/distributed.py``)
reads and records the same state, so a page exported by one worker is skipped by all in later
crawls. The distributed add-on selects this backend; it uses the crawl's Redis connection
settings (``REDIS_URL``, ``REDIS_PARAMS``).

Keys, per site (spider name): ``newsspider:state:<site>:urls`` (hash: URL fingerprint -> JSON of
version, export time, URL and, since revisions are kept, the ``revision`` fields of
:mod:`newsspider.revisions`: values written before lack them and read as no revision), ``…:bodies`` (set of ``host fingerprint``) and
``…:learned`` (hash: site key -> the boilerplate site learning learned, ``pipelines/sitelearn.py``),
``…:feeds:<hostname>`` (hash: local feed path -> JSON of format, open time, process id; feed
files live on the worker's own disk, so each machine reads back only its own, and only those of
workers no longer running: another worker on the same machine may be writing its feed).
:meth:`RedisStateStore.record` is one MULTI/EXEC transaction: all of a call's records or none.

If Redis goes away mid-crawl (the distributed coordinator then closes the worker), the store
warns once and answers as if the state were empty from then on: nothing is recorded, no request
or record is skipped, and no Redis error reaches the spider, its middlewares or pipelines. The
feed files noted as open stay noted, so the next crawl with Redis back reads their records back
into the state (``newsspider/state/recovery.py``).
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TypeVar

from redis.exceptions import RedisError
from scrapy_redis import connection

from newsspider.distributed import shown_url
from newsspider.revisions import Revision
from newsspider.state.base import (
    ExportedRecord,
    PastExport,
    StateStore,
    url_fingerprint,
    url_host,
)

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

_T = TypeVar("_T")


class RedisStateStore(StateStore):
    """Incremental state shared by the workers of a distributed crawl, in Redis."""

    def __init__(
        self, server: Any, prefix: str = "newsspider:state", host: str | None = None, address: str = ""
    ) -> None:
        self.server = server
        self.prefix = prefix
        self.host = host or socket.gethostname()
        self.address = address  # without password, for the log
        self.lost = False  # Redis failed once: answer as an empty state from then on

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisStateStore:
        server, address = connection.from_settings(crawler.settings), shown_url(crawler.settings)
        try:
            server.ping()
        except RedisError as err:
            raise ValueError(f"the incremental state cannot reach Redis at {address}: {err}") from err
        return cls(server, address=address)

    @property
    def location(self) -> str:
        return f"Redis {self.address} (keys {self.prefix}:*)" if self.address else f"Redis (keys {self.prefix}:*)"

    def _key(self, site: str, kind: str) -> str:
        return f"{self.prefix}:{site}:{kind}"

    def _unless_lost(self, default: _T, call: Callable[..., _T], *args: Any) -> _T:
        """``call(*args)``, or ``default`` once Redis has been lost (see module docstring).

        A method, not a decorator: mutation testing (mutmut) skips decorated functions.
        """
        if self.lost:
            return default
        try:
            return call(*args)
        except RedisError as err:
            self.lost = True
            logger.warning(
                "The incremental state in %s is unreachable (%s): records exported from now on are not "
                "recorded; the next crawl reads them back from the feed files",
                self.location,
                err,
            )
            return default

    def past_export(self, site: str, url: str) -> PastExport | None:
        return self._unless_lost(None, self._past_export, site, url)

    def body_exported(self, site: str, host: str, fingerprint: str) -> bool:
        return self._unless_lost(False, self._body_exported, site, host, fingerprint)

    def record(self, records: Sequence[ExportedRecord]) -> None:
        self._unless_lost(None, self._record, records)

    def feed_opened(self, site: str, path: str, fmt: str, opened_at: str) -> None:
        self._unless_lost(None, self._feed_opened, site, path, fmt, opened_at)

    def feed_closed(self, site: str, path: str) -> None:
        self._unless_lost(None, self._feed_closed, site, path)

    def unclosed_feeds(self, site: str) -> list[tuple[str, str, str]]:
        return self._unless_lost([], self._unclosed_feeds, site)

    def learned_site(self, scope: str, site: str) -> bytes | None:
        return self._unless_lost(None, self.server.hget, self._key(scope, "learned"), site)

    def keep_learned_sites(self, scope: str, sites: Mapping[str, bytes]) -> None:
        if sites:
            self._unless_lost(None, self.server.hset, self._key(scope, "learned"), None, None, dict(sites))

    def _past_export(self, site: str, url: str) -> PastExport | None:
        raw = self.server.hget(self._key(site, "urls"), url_fingerprint(url))
        if raw is None:
            return None
        data = json.loads(raw)
        rev = data.get("revision")
        return PastExport(version=data["version"], exported_at=data["exported_at"], revision=Revision(**rev) if rev else None)

    def _body_exported(self, site: str, host: str, fingerprint: str) -> bool:
        return bool(self.server.sismember(self._key(site, "bodies"), f"{host} {fingerprint}"))

    def _record(self, records: Sequence[ExportedRecord]) -> None:
        if not records:
            return
        with self.server.pipeline(transaction=True) as pipe:
            for rec in records:
                rev = rec.revision or Revision(1, rec.body_fingerprint)
                value = json.dumps(
                    {"version": rec.version, "exported_at": rec.exported_at, "url": rec.url, "revision": asdict(rev)}
                )
                for url in dict.fromkeys(u for u in (rec.url, rec.canonical_url) if u):
                    pipe.hset(self._key(rec.site, "urls"), url_fingerprint(url), value)
                if rec.body_fingerprint:
                    pipe.sadd(self._key(rec.site, "bodies"), f"{url_host(rec.url)} {rec.body_fingerprint}")
            pipe.execute()

    def _feed_opened(self, site: str, path: str, fmt: str, opened_at: str) -> None:
        self.server.hset(self._key(site, f"feeds:{self.host}"), path, json.dumps([fmt, opened_at, os.getpid()]))

    def _feed_closed(self, site: str, path: str) -> None:
        self.server.hdel(self._key(site, f"feeds:{self.host}"), path)

    def _unclosed_feeds(self, site: str) -> list[tuple[str, str, str]]:
        feeds = self.server.hgetall(self._key(site, f"feeds:{self.host}"))
        result = []
        for path, raw in feeds.items():
            fmt, opened_at, *owner = json.loads(raw)
            if owner and _running_elsewhere(int(owner[0])):
                continue  # a worker still writing it, not a stopped crawl's
            result.append((path.decode() if isinstance(path, bytes) else str(path), str(fmt), str(opened_at)))
        return result

    def close(self) -> None:
        self.server.close()


def _running_elsewhere(pid: int) -> bool:
    """Whether ``pid`` is another live process on this machine (the owner of a feed noted open)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
