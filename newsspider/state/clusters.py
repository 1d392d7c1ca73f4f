"""Syndication clusters kept beside the incremental state, in the same backend, apart from it.

:func:`cluster_store_for` gives the cluster store of a crawl's state store:

- SQLite (:class:`SQLiteClusterStore`): tables ``syndication_entries`` (integer id, URL
  fingerprint -> cluster, URL, shingle hashes), ``syndication_bands`` (LSH band key -> entry id),
  ``syndication_clusters`` (size, canonical URL and its publication rank) and
  ``syndication_meta`` (the :data:`~newsspider.syndication.SCHEME` the signatures were made with)
  in the state file, on a connection of their own. Joins run in ``BEGIN IMMEDIATE``
  transactions (several in one when the pipeline has several records at once,
  :func:`~newsspider.syndication.join_many`): two crawls sharing the file take turns. A file of
  the first layout (``syndication_members``, ``syndication_buckets``: text keys in every band
  row) is migrated when opened; one whose signatures were made another way is emptied, with a
  warning (they would not compare).
- Redis (:class:`RedisClusterStore`): keys ``newsspider:syndication:m:<member>`` (hash; a later
  signature scheme gets a keyspace of its own, :func:`redis_prefix`),
  ``…:b:<band key>`` (set of members), ``…:c:<cluster>`` (hash), on the state's connection. A
  join WATCHes the keys it reads (its member key, its band buckets, the cluster it joins) and
  writes in one MULTI/EXEC: when another worker changed one of them meanwhile (it may have added
  a copy of the same story) the join is read and decided again
  (:class:`~newsspider.syndication.Conflict`), so two workers never start two clusters for one story.
- another :class:`~newsspider.state.StateStore` may offer its own with a ``cluster_store()`` method.

Clusters are not scoped by site: a copy is found whichever spider crawled the original.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsspider.state.base import StateStore
from newsspider.syndication import (
    SAME_SHINGLES,
    SCHEME,
    Cluster,
    ClusterStore,
    ClusterStoreError,
    ClusterTransaction,
    Conflict,
    Entry,
    bands_of,
    from_blob,
    to_blob,
)

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS syndication_meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS syndication_entries (
    id INTEGER PRIMARY KEY, member TEXT NOT NULL UNIQUE, cluster TEXT NOT NULL, url TEXT NOT NULL,
    shingles BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS syndication_bands (
    bucket INTEGER NOT NULL, entry INTEGER NOT NULL, PRIMARY KEY (bucket, entry)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS syndication_clusters (
    cluster TEXT PRIMARY KEY, size INTEGER NOT NULL, canonical TEXT NOT NULL, canonical_rank REAL NOT NULL
);
"""
#: The first layout's tables: band rows keyed by the member's 40-character fingerprint.
_FIRST_LAYOUT = """
INSERT OR IGNORE INTO syndication_entries (member, cluster, url, shingles)
    SELECT member, cluster, url, shingles FROM syndication_members;
INSERT OR IGNORE INTO syndication_bands (bucket, entry)
    SELECT b.bucket, e.id FROM syndication_buckets AS b JOIN syndication_entries AS e ON e.member = b.member;
DROP TABLE syndication_buckets;
DROP TABLE syndication_members;
"""


def cluster_store_for(state: StateStore) -> ClusterStore:
    """The cluster store kept in the same backend as ``state``; ValueError naming the fix."""
    from newsspider.state.sqlite import SQLiteStateStore

    if isinstance(state, SQLiteStateStore):
        return SQLiteClusterStore(state.path)
    from newsspider.state.redis_store import RedisStateStore

    if isinstance(state, RedisStateStore):
        return RedisClusterStore(state.server)
    factory = getattr(state, "cluster_store", None)
    if callable(factory):
        return factory()  # type: ignore[no-any-return]
    raise ValueError(
        f"the state backend {type(state).__name__} keeps no syndication clusters: give it a cluster_store() "
        "method, or set NEWSSPIDER_SYNDICATION=off"
    )


class SQLiteClusterStore:
    """Clusters in the SQLite state file (module docstring)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        with _SQLiteTransaction(self.db):
            self._check_layout()

    def _check_layout(self) -> None:
        """Migrate the first layout; empty clusters whose signatures were made another way."""
        tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if {"syndication_members", "syndication_buckets"} <= tables:
            for statement in filter(str.strip, _FIRST_LAYOUT.split(";")):
                self.db.execute(statement)  # executescript would commit the transaction
            if self.db.execute("SELECT 1 FROM syndication_meta WHERE name = 'scheme'").fetchone() is None:
                self.db.execute("INSERT INTO syndication_meta VALUES ('scheme', 1)")  # the first layout's
        row = self.db.execute("SELECT value FROM syndication_meta WHERE name = 'scheme'").fetchone()
        if row is not None and int(row[0]) in SAME_SHINGLES:
            self._rebuild_bands(int(row[0]))
        elif row is not None and int(row[0]) != SCHEME:
            logger.warning(
                "Syndication clusters in %s were made with signature scheme %s, this version makes %s: "
                "they cannot be compared and are cleared (clusters start again)", self.path, row[0], SCHEME,
            )
            for table in ("syndication_entries", "syndication_bands", "syndication_clusters"):
                self.db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
        self.db.execute("INSERT OR REPLACE INTO syndication_meta VALUES ('scheme', ?)", (SCHEME,))

    def _rebuild_bands(self, scheme: int) -> None:
        """Band rows of an earlier scheme of the same shingles made again from the stored shingles:
        clusters carry on (:data:`~newsspider.syndication.SAME_SHINGLES`)."""
        self.db.execute("DELETE FROM syndication_bands")
        entries = self.db.execute("SELECT id, shingles FROM syndication_entries").fetchall()
        for entry_id, blob in entries:
            _add_bands(self.db, entry_id, bands_of(from_blob(blob)))
        logger.info("Syndication clusters in %s: band keys of %d records made again (signature scheme %s -> %s)",
                    self.path, len(entries), scheme, SCHEME)  # fmt: skip

    #: Joins one transaction may hold (:func:`~newsspider.syndication.join_many`): its reads see its writes.
    batch_size = 256

    def transaction(self) -> AbstractContextManager[ClusterTransaction]:
        return _SQLiteTransaction(self.db)

    def close(self) -> None:
        self.db.close()


class _SQLiteTransaction(AbstractContextManager["_SQLiteTransaction"]):
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> _SQLiteTransaction:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise ClusterStoreError(str(err)) from err
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        try:
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")
        except sqlite3.Error as err:
            if exc_type is None:
                raise ClusterStoreError(str(err)) from err
        if isinstance(exc, sqlite3.Error):  # a read or write failed (disk full, locked too long)
            raise ClusterStoreError(str(exc)) from exc

    def member_cluster(self, key: str) -> str | None:
        row = self.db.execute("SELECT cluster FROM syndication_entries WHERE member = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def candidates(self, bands: Sequence[int], limit: int) -> Iterator[tuple[str, np.ndarray]]:
        if not bands:
            return
        rows = self.db.execute(_candidates_sql(len(bands)), (*bands, limit))
        for cluster_id, blob in rows:
            yield str(cluster_id), from_blob(blob)

    def cluster(self, cluster_id: str) -> Cluster | None:
        row = self.db.execute(
            "SELECT size, canonical, canonical_rank FROM syndication_clusters WHERE cluster = ?", (cluster_id,)
        ).fetchone()
        return Cluster(cluster_id, int(row[0]), str(row[1]), float(row[2])) if row else None

    def add(self, entry: Entry, cluster: Cluster) -> None:
        added = self.db.execute(
            "INSERT OR REPLACE INTO syndication_entries (member, cluster, url, shingles) VALUES (?, ?, ?, ?)",
            (entry.key, cluster.cluster_id, entry.url, to_blob(entry.shingles)),
        )
        entry_id = added.lastrowid
        _add_bands(self.db, entry_id, entry.bands)
        self.db.execute(
            "INSERT OR REPLACE INTO syndication_clusters VALUES (?, ?, ?, ?)",
            (cluster.cluster_id, cluster.size, cluster.canonical, cluster.canonical_rank),
        )


@lru_cache(maxsize=8)
def _candidates_sql(bands: int) -> str:
    marks = ",".join("?" * bands)
    return (
        "SELECT e.cluster, e.shingles FROM ("
        f"SELECT entry, COUNT(*) AS shared FROM syndication_bands WHERE bucket IN ({marks}) "
        "GROUP BY entry ORDER BY shared DESC, entry LIMIT ?"
        ") AS c JOIN syndication_entries AS e ON e.id = c.entry ORDER BY c.shared DESC, c.entry"
    )


def _add_bands(db: sqlite3.Connection, entry_id: int | None, bands: Sequence[int]) -> None:
    if bands:
        db.execute(_bands_sql(len(bands)), [v for band in bands for v in (band, entry_id)])


@lru_cache(maxsize=8)
def _bands_sql(bands: int) -> str:
    """One statement for all of an entry's band rows (a prepared statement, not one per band)."""
    return "INSERT OR IGNORE INTO syndication_bands VALUES " + ",".join(["(?, ?)"] * bands)


class RedisClusterStore:
    """Clusters in Redis, shared by the workers of a distributed crawl (module docstring)."""

    def __init__(self, server: Any, prefix: str | None = None) -> None:
        self.server = server
        self.prefix = prefix or redis_prefix(SCHEME)

    def transaction(self) -> AbstractContextManager[ClusterTransaction]:
        return _RedisTransaction(self)

    #: Reads in a MULTI/EXEC transaction do not see its queued writes: one join per transaction.
    batch_size = 1

    def close(self) -> None:
        pass  # the connection is the state store's


def redis_prefix(scheme: int) -> str:
    """The Redis keyspace of signatures made by ``scheme``: keys of another scheme are never read
    (they would not compare). Scheme 1 keeps the first release's keys."""
    return "newsspider:syndication" if scheme == 1 else f"newsspider:syndication:s{scheme}"


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class _RedisTransaction(AbstractContextManager["_RedisTransaction"]):
    """WATCH what is read, MULTI/EXEC what is written; a changed key raises Conflict."""

    def __init__(self, store: RedisClusterStore) -> None:
        self.store = store
        self.pipe: Any = None
        self.writes: list[tuple[str, tuple[Any, ...]]] = []

    def _key(self, kind: str, name: object) -> str:
        return f"{self.store.prefix}:{kind}:{name}"

    def __enter__(self) -> _RedisTransaction:
        self.pipe = self.store.server.pipeline(transaction=True)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> None:
        from redis.exceptions import RedisError, WatchError

        try:
            if isinstance(exc, RedisError):  # a read failed
                raise ClusterStoreError(str(exc)) from exc
            if exc_type is None and self.writes:
                self.pipe.multi()
                for method, args in self.writes:
                    getattr(self.pipe, method)(*args)
                self.pipe.execute()
        except WatchError:
            raise Conflict("another worker changed the clusters this join read") from None
        except RedisError as err:
            raise ClusterStoreError(str(err)) from err
        finally:
            self.pipe.reset()

    def _watch(self, *keys: str) -> None:
        self.pipe.watch(*keys)  # a RedisError becomes ClusterStoreError on exit

    def member_cluster(self, key: str) -> str | None:
        member = self._key("m", key)
        self._watch(member)
        value = self.pipe.hget(member, "cluster")
        return _text(value) if value is not None else None

    def candidates(self, bands: Sequence[int], limit: int) -> Iterator[tuple[str, np.ndarray]]:
        if not bands:
            return
        buckets = [self._key("b", band) for band in bands]
        self._watch(*buckets)
        listing = self.store.server.pipeline(transaction=False)
        for bucket in buckets:
            listing.smembers(bucket)
        shared = Counter(_text(m) for members in listing.execute() for m in members)
        members = sorted(shared, key=lambda m: (-shared[m], m))[:limit]  # most bands shared first
        if not members:
            return
        reads = self.store.server.pipeline(transaction=False)
        for member in members:
            reads.hmget(self._key("m", member), "cluster", "shingles")
        for cluster_id, blob in reads.execute():
            if cluster_id is not None and blob is not None:
                yield _text(cluster_id), from_blob(blob)

    def cluster(self, cluster_id: str) -> Cluster | None:
        key = self._key("c", cluster_id)
        self._watch(key)
        size, canonical, rank = self.pipe.hmget(key, "size", "canonical", "rank")
        if size is None:
            return None
        return Cluster(cluster_id, int(size), _text(canonical), float(rank))

    def add(self, entry: Entry, cluster: Cluster) -> None:
        self._watch(self._key("c", cluster.cluster_id))  # a new cluster's key too: another worker may take it
        member = {"cluster": cluster.cluster_id, "url": entry.url, "shingles": to_blob(entry.shingles)}
        self.writes.append(("hset", (self._key("m", entry.key), None, None, member)))
        for band in entry.bands:
            self.writes.append(("sadd", (self._key("b", band), entry.key)))
        state = {"size": cluster.size, "canonical": cluster.canonical, "rank": repr(cluster.canonical_rank)}
        self.writes.append(("hset", (self._key("c", cluster.cluster_id), None, None, state)))
