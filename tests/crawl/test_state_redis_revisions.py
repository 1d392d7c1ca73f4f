"""The Redis state keeps revisions (newsspider/revisions.py) like the SQLite one, and reads values
written before revisions were kept (a real Redis; no crawl)."""

from __future__ import annotations

import json

import redis

from newsspider.revisions import Revision, next_revision
from newsspider.state import ExportedRecord, url_fingerprint
from newsspider.state.redis_store import RedisStateStore


def test_redis_state_keeps_the_last_revision(redis_url: str) -> None:
    store = RedisStateStore(redis.Redis.from_url(redis_url))
    rev = next_revision(next_revision(None, "a" * 40, "one two three four five"), "b" * 40, "one two three four six")
    store.record([ExportedRecord("demo", "http://a.test/x", None, "b" * 40, None, "2024-01-03T00:00:00", rev)])
    past = store.past_export("demo", "http://a.test/x")
    assert past is not None and past.revision == rev and rev.changed_ratio

    # A value written by an older newsspider: no revision fields.
    old = {"version": "2024-01-02", "exported_at": "2024-01-03T00:00:00", "url": "http://a.test/y"}
    store.server.hset("newsspider:state:demo:urls", url_fingerprint("http://a.test/y"), json.dumps(old))
    legacy = store.past_export("demo", "http://a.test/y")
    assert legacy is not None and legacy.version == "2024-01-02" and legacy.revision is None
    store.record([ExportedRecord("demo", "http://a.test/z", None, "c" * 40, None, "2024-01-03T00:00:00")])
    plain = store.past_export("demo", "http://a.test/z")
    assert plain is not None and plain.revision == Revision(1, "c" * 40)
