"""The embedded state backend: one SQLite file (default ``.scrapy/newsspider/state.sqlite``, see
:mod:`newsspider.paths`).

WAL journal and one transaction per :meth:`~SQLiteStateStore.record` call: a process killed at
any moment leaves the file with every committed record and nothing half-written. A file written
by an older newsspider is migrated when opened (``PRAGMA user_version`` counts :data:`_MIGRATIONS`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsspider import config
from newsspider.paths import newsspider_data_path
from newsspider.revisions import Revision
from newsspider.state.base import ExportedRecord, PastExport, StateStore, url_fingerprint, url_host

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

#: File name in newsspider's data folder when ``NEWSSPIDER_STATE_PATH`` is empty.
DEFAULT_NAME = "state.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS exported_urls (
    site TEXT NOT NULL, url_fingerprint TEXT NOT NULL, url TEXT NOT NULL,
    version TEXT, exported_at TEXT NOT NULL,
    PRIMARY KEY (site, url_fingerprint)
);
CREATE TABLE IF NOT EXISTS exported_bodies (
    site TEXT NOT NULL, host TEXT NOT NULL, fingerprint TEXT NOT NULL, url TEXT NOT NULL,
    exported_at TEXT NOT NULL,
    PRIMARY KEY (site, host, fingerprint)
);
CREATE TABLE IF NOT EXISTS learned_sites (
    scope TEXT NOT NULL, site TEXT NOT NULL, memory BLOB NOT NULL, saved_at TEXT NOT NULL,
    PRIMARY KEY (scope, site)
);
CREATE TABLE IF NOT EXISTS open_feeds (
    site TEXT NOT NULL, path TEXT NOT NULL, format TEXT NOT NULL, opened_at TEXT NOT NULL,
    PRIMARY KEY (site, path)
);
"""

#: Schema changes since the first release, in order; ``PRAGMA user_version`` is how many ran.
_MIGRATIONS = (
    # 1: revisions per URL (newsspider/revisions.py); the last body fingerprint back-filled from
    # exported_bodies where the URL is the fetched one (no sketch: no changed_ratio for the next version).
    """
    ALTER TABLE exported_urls ADD COLUMN fingerprint TEXT;
    ALTER TABLE exported_urls ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE exported_urls ADD COLUMN previous_fingerprint TEXT;
    ALTER TABLE exported_urls ADD COLUMN changed_ratio REAL;
    ALTER TABLE exported_urls ADD COLUMN sketch TEXT;
    UPDATE exported_urls SET fingerprint = (
        SELECT b.fingerprint FROM exported_bodies b WHERE b.site = exported_urls.site AND b.url = exported_urls.url
        ORDER BY b.exported_at DESC LIMIT 1
    );
    """,
)

_URL_COLUMNS = (
    "site, url_fingerprint, url, version, exported_at, fingerprint, revision, previous_fingerprint, changed_ratio, sketch"
)


class SQLiteStateStore(StateStore):
    """State in one SQLite file. Setting: ``NEWSSPIDER_STATE_PATH`` (empty: ``.scrapy/newsspider/state.sqlite``
    in Scrapy's project data directory, or in the working folder outside a project)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # durable against process crashes
        self._db.executescript(_SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        """Bring a file written by an older newsspider up to :data:`_MIGRATIONS` (one transaction each)."""
        while True:
            with self._transaction():
                done = int(self._db.execute("PRAGMA user_version").fetchone()[0])
                if done >= len(_MIGRATIONS):
                    return
                for statement in _MIGRATIONS[done].split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {done + 1}")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SQLiteStateStore:
        path = config.get(crawler.settings, "NEWSSPIDER_STATE_PATH") or newsspider_data_path(DEFAULT_NAME)
        try:
            return cls(path)
        except (OSError, sqlite3.Error) as err:
            raise ValueError(f"NEWSSPIDER_STATE_PATH={str(path)!r} cannot be opened as SQLite: {err}") from err

    @property
    def location(self) -> str:
        return str(self.path.absolute())

    def past_export(self, site: str, url: str) -> PastExport | None:
        row = self._db.execute(
            "SELECT version, exported_at, revision, fingerprint, previous_fingerprint, changed_ratio, sketch "
            "FROM exported_urls WHERE site = ? AND url_fingerprint = ?",
            (site, url_fingerprint(url)),
        ).fetchone()
        if row is None:
            return None
        revision = Revision(*row[2:]) if row[3] is not None or row[6] is not None else None
        return PastExport(version=row[0], exported_at=row[1], revision=revision)

    def body_exported(self, site: str, host: str, fingerprint: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM exported_bodies WHERE site = ? AND host = ? AND fingerprint = ?",
            (site, host, fingerprint),
        ).fetchone()
        return row is not None

    def record(self, records: Sequence[ExportedRecord]) -> None:
        if not records:
            return
        with self._transaction():
            for rec in records:
                rev = rec.revision or Revision(1, rec.body_fingerprint)
                for url in dict.fromkeys(u for u in (rec.url, rec.canonical_url) if u):
                    self._db.execute(
                        f"INSERT OR REPLACE INTO exported_urls ({_URL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (rec.site, url_fingerprint(url), url, rec.version, rec.exported_at, rev.fingerprint,
                         rev.version, rev.previous_fingerprint, rev.changed_ratio, rev.sketch),
                    )  # fmt: skip
                if rec.body_fingerprint:
                    self._db.execute(
                        "INSERT OR REPLACE INTO exported_bodies VALUES (?, ?, ?, ?, ?)",
                        (rec.site, url_host(rec.url), rec.body_fingerprint, rec.url, rec.exported_at),
                    )

    def feed_opened(self, site: str, path: str, fmt: str, opened_at: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO open_feeds VALUES (?, ?, ?, ?)", (site, path, fmt, opened_at))

    def feed_closed(self, site: str, path: str) -> None:
        self._db.execute("DELETE FROM open_feeds WHERE site = ? AND path = ?", (site, path))

    def unclosed_feeds(self, site: str) -> list[tuple[str, str, str]]:
        rows = self._db.execute("SELECT path, format, opened_at FROM open_feeds WHERE site = ?", (site,))
        return [(str(a), str(b), str(c)) for a, b, c in rows.fetchall()]

    def learned_site(self, scope: str, site: str) -> bytes | None:
        row = self._db.execute("SELECT memory FROM learned_sites WHERE scope = ? AND site = ?", (scope, site)).fetchone()
        return bytes(row[0]) if row is not None else None

    def keep_learned_sites(self, scope: str, sites: Mapping[str, bytes]) -> None:
        if not sites:
            return
        saved_at = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO learned_sites VALUES (?, ?, ?, ?)",
                [(scope, site, memory, saved_at) for site, memory in sites.items()],
            )

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def count(self, site: str) -> int:
        """Number of URLs recorded for ``site`` (for tests and reports)."""
        return int(self._db.execute("SELECT COUNT(*) FROM exported_urls WHERE site = ?", (site,)).fetchone()[0])

    def close(self) -> None:
        self._db.close()


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on error) on an autocommit connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
