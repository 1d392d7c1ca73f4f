"""Revisions (newsspider/revisions.py): the changed share, the version chain, and the SQLite state
that keeps them, including a file written before revisions were kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsspider.revisions import Revision, body_sketch, changed_ratio, next_revision
from newsspider.state import ExportedRecord, url_fingerprint
from newsspider.state.sqlite import SQLiteStateStore

WORDS = [f"word{i}" for i in range(400)]
BODY = " ".join(WORDS)


def test_sketch_is_stable_across_processes() -> None:
    # blake2b, not Python's salted hash(): a sketch stored by one crawl compares with the next one's.
    assert body_sketch("One two THREE four  five") == "RZGLuA=="
    assert body_sketch("") == body_sketch(None) == ""


def test_changed_ratio_grows_with_the_change() -> None:
    same, small, half = (body_sketch(" ".join(w)) for w in (WORDS, WORDS[:-4] + ["new"] * 4, WORDS[:200] + WORDS[:200][::-1]))
    assert changed_ratio(body_sketch(BODY), same) == 0
    assert 0 < changed_ratio(body_sketch(BODY), small) < 0.1
    assert 0.3 < changed_ratio(body_sketch(BODY), half) < 0.8
    assert changed_ratio(body_sketch(BODY), body_sketch("something else entirely, five words")) == 1


def test_short_bodies_compare_exactly() -> None:
    short = WORDS[:64]  # 61 shingles, under SKETCH_SIZE: compared exactly
    changed = [*short[:-1], "other"]  # the last shingle of 61 differs
    assert changed_ratio(body_sketch(" ".join(short)), body_sketch(" ".join(changed))) == round(1 - 60 / 62, 3)


def test_version_chain() -> None:
    first = next_revision(None, "a" * 40, BODY)
    assert first.fields() == {"version": 1, "previous_fingerprint": None, "changed_ratio": None}
    second = next_revision(first, "b" * 40, BODY + " and a correction at the end")
    assert (second.version, second.previous_fingerprint) == (2, "a" * 40)
    assert second.changed_ratio is not None and 0 < second.changed_ratio <= 1
    assert next_revision(second, "b" * 40, BODY + " and a correction at the end") == second  # re-exported, unchanged
    # An invisible change (whitespace, case) still changes the fingerprint: never reported as 0.
    assert next_revision(second, "c" * 40, BODY.upper() + " and a correction at the end").changed_ratio == 0.001
    # Exported before revisions were kept: the fingerprint may be known, the sketch is not.
    legacy = next_revision(Revision(1, "a" * 40), "b" * 40, BODY)
    assert (legacy.version, legacy.previous_fingerprint, legacy.changed_ratio) == (2, "a" * 40, None)


def _record(url: str, fingerprint: str, revision: Revision | None = None) -> ExportedRecord:
    return ExportedRecord("demo", url, url, fingerprint, "2024-01-02", "2024-01-03T00:00:00", revision)


def test_sqlite_store_keeps_the_last_revision(tmp_path: Path) -> None:
    rev = next_revision(next_revision(None, "a" * 40, BODY), "b" * 40, BODY + " more")
    with SQLiteStateStore(tmp_path / "state.sqlite") as store:
        store.record([_record("http://a.test/x", "b" * 40, rev), _record("http://a.test/y", "c" * 40)])
    with SQLiteStateStore(tmp_path / "state.sqlite") as store:
        x, y = store.past_export("demo", "http://a.test/x"), store.past_export("demo", "http://a.test/y")
    assert x is not None and x.revision == rev
    assert y is not None and y.revision == Revision(1, "c" * 40)


OLD_SCHEMA = """
CREATE TABLE exported_urls (site TEXT NOT NULL, url_fingerprint TEXT NOT NULL, url TEXT NOT NULL,
    version TEXT, exported_at TEXT NOT NULL, PRIMARY KEY (site, url_fingerprint));
CREATE TABLE exported_bodies (site TEXT NOT NULL, host TEXT NOT NULL, fingerprint TEXT NOT NULL, url TEXT NOT NULL,
    exported_at TEXT NOT NULL, PRIMARY KEY (site, host, fingerprint));
CREATE TABLE open_feeds (site TEXT NOT NULL, path TEXT NOT NULL, format TEXT NOT NULL, opened_at TEXT NOT NULL,
    PRIMARY KEY (site, path));
"""


@pytest.mark.parametrize("reopen", [1, 2])
def test_state_file_of_an_older_version_is_migrated(tmp_path: Path, reopen: int) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
        db.execute("INSERT INTO exported_urls VALUES ('demo', ?, 'http://a.test/x', '2024-01-02', '2024-01-03')",
                   (url_fingerprint("http://a.test/x"),))  # fmt: skip
        db.execute("INSERT INTO exported_bodies VALUES ('demo', 'a.test', ?, 'http://a.test/x', '2024-01-03')", ("a" * 40,))
    db.close()
    for _ in range(reopen):  # a second opening finds the file migrated already
        with SQLiteStateStore(path) as store:
            past = store.past_export("demo", "http://a.test/x")
            assert past is not None and past.version == "2024-01-02"
            assert past.revision == Revision(1, "a" * 40)  # fingerprint back-filled, no sketch
            assert store.body_exported("demo", "a.test", "a" * 40)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    db.close()
