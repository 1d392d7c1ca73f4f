"""The incremental state on Redis (``newsspider/state/redis_store.py``), against a real redis-server.

One server for the whole session (``redis_server`` in ``tests/conftest.py``), emptied before each
test (``redis_url``). What is stored is read back with a plain client, so the key layout the
module documents (``<prefix>:<site>:urls|bodies|feeds:<hostname>``) is what is checked.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from scrapy.utils.test import get_crawler

from newsspider.revisions import Revision
from newsspider.state.base import ExportedRecord, PastExport, url_fingerprint
from newsspider.state.redis_store import RedisStateStore
from tests.redis_server import RedisServer, _free_port, needs_redis_server

HOST = "worker-a"
WHEN = "2026-01-02T03:04:05+00:00"


def _rec(
    url: str,
    site: str = "news",
    canonical: str | None = None,
    body: str | None = None,
    version: str | None = "2026-01-01",
    revision: Revision | None = None,
) -> ExportedRecord:
    return ExportedRecord(site, url, canonical, body, version, WHEN, revision)


@pytest.fixture
def client(redis_url: str) -> Iterator[redis.Redis]:
    with redis.Redis.from_url(redis_url) as plain:
        yield plain


@pytest.fixture
def store(redis_url: str) -> Iterator[RedisStateStore]:
    with RedisStateStore(redis.Redis.from_url(redis_url), host=HOST, address="redis://127.0.0.1/0") as opened:
        yield opened


def _unreachable(port: int) -> redis.Redis:
    """A client of a port nobody listens on, failing at once (no reconnection attempts)."""
    return redis.Redis(port=port, retry=Retry(NoBackoff(), 0))


def _stored(client: redis.Redis, key: str, url: str) -> dict[str, object]:
    raw = client.hget(key, url_fingerprint(url))
    assert raw is not None, f"{url} not in {key}"
    return dict(json.loads(raw))


# -- record / past_export / body_exported ---------------------------------------------------------


def test_record_key_layout_and_value(store: RedisStateStore, client: redis.Redis) -> None:
    store.record([_rec("https://ex.com/a?b=2&a=1", canonical="https://ex.com/canon", body="fp1")])
    assert sorted(client.keys("*")) == [b"newsspider:state:news:bodies", b"newsspider:state:news:urls"]
    value = {
        "version": "2026-01-01",
        "exported_at": WHEN,
        "url": "https://ex.com/a?b=2&a=1",
        "revision": {"version": 1, "fingerprint": "fp1", "previous_fingerprint": None, "changed_ratio": None, "sketch": None},
    }
    # one value under the fetched URL's fingerprint and the canonical URL's
    assert _stored(client, "newsspider:state:news:urls", "https://ex.com/a?b=2&a=1") == value
    assert _stored(client, "newsspider:state:news:urls", "https://ex.com/canon") == value
    assert client.hlen("newsspider:state:news:urls") == 2
    assert client.smembers("newsspider:state:news:bodies") == {b"ex.com fp1"}


def test_past_export_by_fetched_or_canonical_url(store: RedisStateStore) -> None:
    assert store.past_export("news", "https://ex.com/a") is None
    store.record([_rec("https://ex.com/a?b=2&a=1", canonical="https://ex.com/canon", body="fp1")])
    expected = PastExport(version="2026-01-01", exported_at=WHEN, revision=Revision(1, "fp1"))
    assert store.past_export("news", "https://ex.com/a?a=1&b=2#top") == expected  # canonicalised
    assert store.past_export("news", "https://ex.com/canon") == expected
    assert store.past_export("news", "https://ex.com/other") is None
    assert store.past_export("sport", "https://ex.com/canon") is None  # per site


def test_record_keeps_the_records_revision(store: RedisStateStore) -> None:
    rev = Revision(3, "fp3", previous_fingerprint="fp2", changed_ratio=0.25, sketch="abc")
    store.record([_rec("https://ex.com/r", body="fp3", version=None, revision=rev)])
    assert store.past_export("news", "https://ex.com/r") == PastExport(version=None, exported_at=WHEN, revision=rev)


def test_learned_sites_kept_per_spider(store: RedisStateStore, client: redis.Redis) -> None:
    assert store.learned_site("news", "a.example") is None
    store.keep_learned_sites("news", {"a.example": b"\x00one", "b.example": b"two"})
    store.keep_learned_sites("news", {"a.example": b"three"})
    assert client.keys("*") == [b"newsspider:state:news:learned"]
    assert store.learned_site("news", "a.example") == b"three"
    assert store.learned_site("news", "b.example") == b"two"
    assert store.learned_site("other", "a.example") is None


def test_record_without_body_or_canonical(store: RedisStateStore, client: redis.Redis) -> None:
    store.record([_rec("https://ex.com/n", canonical="https://ex.com/n")])
    assert client.keys("*") == [b"newsspider:state:news:urls"]  # no body, no set
    assert client.hlen("newsspider:state:news:urls") == 1
    past = store.past_export("news", "https://ex.com/n")
    assert past is not None and past.revision == Revision(1, None)


def test_value_written_before_revisions_reads_as_no_revision(store: RedisStateStore, client: redis.Redis) -> None:
    old = {"version": "2025-05-05", "exported_at": WHEN, "url": "https://ex.com/old"}
    client.hset("newsspider:state:news:urls", url_fingerprint("https://ex.com/old"), json.dumps(old))
    assert store.past_export("news", "https://ex.com/old") == PastExport("2025-05-05", WHEN, None)


def test_body_exported_per_site_and_host(store: RedisStateStore) -> None:
    store.record([_rec("https://ex.com/a", body="fp1"), _rec("https://Other.org/b", site="sport", body="fp2")])
    assert store.body_exported("news", "ex.com", "fp1") is True
    assert store.body_exported("news", "ex.com", "fp2") is False
    assert store.body_exported("news", "other.org", "fp1") is False
    assert store.body_exported("sport", "other.org", "fp2") is True  # host lower-cased as url_host does
    assert store.body_exported("sport", "ex.com", "fp1") is False


def test_record_is_one_transaction(store: RedisStateStore, client: redis.Redis) -> None:
    """All of a call's records in one MULTI/EXEC, counted by the server itself."""
    client.config_resetstat()
    store.record([_rec(f"https://ex.com/{i}", body=f"fp{i}") for i in range(3)])
    stats = client.info("commandstats")
    assert stats["cmdstat_multi"]["calls"] == 1 and stats["cmdstat_exec"]["calls"] == 1
    assert stats["cmdstat_hset"]["calls"] == 3 and stats["cmdstat_sadd"]["calls"] == 3
    assert client.hlen("newsspider:state:news:urls") == 3


def test_record_nothing_sends_nothing(store: RedisStateStore, client: redis.Redis) -> None:
    client.config_resetstat()
    assert store.record([]) is None
    assert "cmdstat_multi" not in client.info("commandstats")


def test_prefix_scopes_every_key(redis_url: str, client: redis.Redis) -> None:
    with RedisStateStore(redis.Redis.from_url(redis_url), prefix="other:ns", host=HOST) as other:
        other.record([_rec("https://ex.com/a", body="fp1")])
        other.feed_opened("news", "/out/a.jsonl", "jsonlines", WHEN)
        assert sorted(client.keys("*")) == [b"other:ns:news:bodies", b"other:ns:news:feeds:worker-a", b"other:ns:news:urls"]
        assert other.location == "Redis (keys other:ns:*)"
    with RedisStateStore(redis.Redis.from_url(redis_url)) as default:
        assert default.past_export("news", "https://ex.com/a") is None  # another namespace
        assert default.location == "Redis (keys newsspider:state:*)"
        assert default.host == socket.gethostname()


# -- feeds noted open ------------------------------------------------------------------------------


def test_feed_opened_and_closed(store: RedisStateStore, client: redis.Redis) -> None:
    store.feed_opened("news", "/out/a.jsonl", "jsonlines", WHEN)
    store.feed_opened("news", "/out/b.csv", "csv", WHEN)
    assert json.loads(client.hget("newsspider:state:news:feeds:worker-a", "/out/a.jsonl")) == ["jsonlines", WHEN, os.getpid()]
    # this process's own feeds are those of a stopped crawl once it opens the state again
    assert sorted(store.unclosed_feeds("news")) == [("/out/a.jsonl", "jsonlines", WHEN), ("/out/b.csv", "csv", WHEN)]
    assert all(isinstance(path, str) for path, _, _ in store.unclosed_feeds("news"))
    store.feed_closed("news", "/out/a.jsonl")
    assert store.unclosed_feeds("news") == [("/out/b.csv", "csv", WHEN)]
    assert store.unclosed_feeds("sport") == []


def test_unclosed_feeds_only_of_this_machine(redis_url: str, store: RedisStateStore) -> None:
    with RedisStateStore(redis.Redis.from_url(redis_url), host="worker-b") as elsewhere:
        elsewhere.feed_opened("news", "/out/b.jsonl", "jsonlines", WHEN)
        assert store.unclosed_feeds("news") == []
        store.feed_opened("news", "/out/a.jsonl", "jsonlines", WHEN)
        store.feed_closed("news", "/out/b.jsonl")  # not this machine's: left alone
        assert elsewhere.unclosed_feeds("news") == [("/out/b.jsonl", "jsonlines", WHEN)]
        assert store.unclosed_feeds("news") == [("/out/a.jsonl", "jsonlines", WHEN)]


def test_unclosed_feeds_skip_a_live_worker_but_not_a_dead_one(store: RedisStateStore, client: redis.Redis) -> None:
    key = "newsspider:state:news:feeds:worker-a"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    live = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        client.hset(key, "/out/dead.jsonl", json.dumps(["jsonlines", WHEN, int(dead.stdout)]))
        client.hset(key, "/out/live.jsonl", json.dumps(["jsonlines", WHEN, live.pid]))
        client.hset(key, "/out/old.csv", json.dumps(["csv", WHEN]))  # noted before the owner's pid was kept
        assert sorted(store.unclosed_feeds("news")) == [("/out/dead.jsonl", "jsonlines", WHEN), ("/out/old.csv", "csv", WHEN)]
    finally:
        live.communicate(b"")
    assert live.returncode == 0  # only asked whether it runs (signal 0), never signalled
    assert sorted(store.unclosed_feeds("news"))[1] == ("/out/live.jsonl", "jsonlines", WHEN)  # its worker ended


def test_unclosed_feeds_as_text_with_a_decoding_client(redis_url: str) -> None:
    with RedisStateStore(redis.Redis.from_url(redis_url, decode_responses=True), host=HOST) as text:
        text.feed_opened("news", "/out/é.jsonl", "jsonlines", WHEN)
        assert text.unclosed_feeds("news") == [("/out/é.jsonl", "jsonlines", WHEN)]


# -- from_crawler, location, close -----------------------------------------------------------------


def test_from_crawler_uses_the_crawls_redis(redis_url: str, client: redis.Redis) -> None:
    crawler = get_crawler(settings_dict={"NEWSSPIDER_REDIS_URL": redis_url, "REDIS_URL": redis_url})
    with RedisStateStore.from_crawler(crawler) as opened:
        assert opened.address == redis_url and opened.prefix == "newsspider:state" and opened.lost is False
        assert opened.location == f"Redis {redis_url} (keys newsspider:state:*)"
        opened.record([_rec("https://ex.com/a")])
    assert client.hlen("newsspider:state:news:urls") == 1


def test_from_crawler_fails_fast_without_redis_and_hides_the_password() -> None:
    url = f"redis://:hunter2@127.0.0.1:{_free_port()}/0"
    crawler = get_crawler(settings_dict={"NEWSSPIDER_REDIS_URL": url, "REDIS_URL": url})
    with pytest.raises(ValueError, match=r"^the incremental state cannot reach Redis at redis://:\*\*\*@127\.0\.0\.1:\d+/0: ") as err:
        RedisStateStore.from_crawler(crawler)
    assert "hunter2" not in str(err.value)
    assert isinstance(err.value.__cause__, redis.RedisError)


def _client_names(client: redis.Redis) -> list[str]:
    return [c["name"] for c in client.client_list()]


def test_close_disconnects(redis_url: str, client: redis.Redis) -> None:
    with RedisStateStore(redis.Redis.from_url(redis_url, client_name="state-under-test")) as opened:
        opened.body_exported("news", "ex.com", "fp")
        assert "state-under-test" in _client_names(client)
    # the server reads the closed socket in its own time: on a loaded machine CLIENT LIST from
    # another connection listed it for a moment after close() (a CI run beside a full test run)
    deadline = time.monotonic() + 10
    while "state-under-test" in _client_names(client) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert "state-under-test" not in _client_names(client)


# -- Redis lost ------------------------------------------------------------------------------------


@needs_redis_server
def test_lost_redis_answers_as_an_empty_state_from_then_on(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The first Redis error is warned once; every later call answers empty without Redis, even
    once a server is back on the address."""
    port = _free_port()
    store = RedisStateStore(_unreachable(port), host=HOST, address=f"redis://127.0.0.1:{port}/0")
    with caplog.at_level(logging.WARNING, logger="newsspider.state.redis_store"):
        assert store.body_exported("news", "ex.com", "fp") is False
        assert store.lost
        with RedisServer(tmp_path, port=port) as back:
            client = back.client()
            client.sadd("newsspider:state:news:bodies", "ex.com fp")
            client.hset("newsspider:state:news:feeds:worker-a", "/out/a.jsonl", json.dumps(["jsonlines", WHEN]))
            client.hset("newsspider:state:news:urls", url_fingerprint("https://ex.com/a"), json.dumps({"version": None, "exported_at": WHEN}))
            client.config_resetstat()
            assert store.body_exported("news", "ex.com", "fp") is False
            assert store.past_export("news", "https://ex.com/a") is None
            assert store.unclosed_feeds("news") == []
            assert store.record([_rec("https://ex.com/b", body="fp2")]) is None
            assert store.feed_opened("news", "/out/b.jsonl", "jsonlines", WHEN) is None
            assert store.feed_closed("news", "/out/a.jsonl") is None
            stats = client.info("commandstats")
            assert [name for name in stats if not name.startswith(("cmdstat_config", "cmdstat_info"))] == []  # none by the store
            assert client.hexists("newsspider:state:news:feeds:worker-a", "/out/a.jsonl")  # still noted open
            client.close()
    store.close()
    warnings = [r for r in caplog.records if r.name == "newsspider.state.redis_store"]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    message = warnings[0].getMessage()
    assert message.startswith(f"The incremental state in Redis redis://127.0.0.1:{port}/0 (keys newsspider:state:*) is unreachable (")
    assert f":{port}" in message.split("is unreachable (")[1]  # Redis's own error, naming the address
    assert message.endswith("records exported from now on are not recorded; the next crawl reads them back from the feed files")


@pytest.mark.parametrize(
    ("call", "default"),
    [
        (lambda s: s.past_export("news", "https://ex.com/a"), None),
        (lambda s: s.body_exported("news", "ex.com", "fp"), False),
        (lambda s: s.record([_rec("https://ex.com/a")]), None),
        (lambda s: s.feed_opened("news", "/out/a.jsonl", "jsonlines", WHEN), None),
        (lambda s: s.feed_closed("news", "/out/a.jsonl"), None),
        (lambda s: s.unclosed_feeds("news"), []),
    ],
)
def test_each_call_survives_a_redis_error(call: Callable[[RedisStateStore], object], default: object) -> None:
    store = RedisStateStore(_unreachable(_free_port()), host=HOST)
    assert call(store) == default and type(call(store)) is type(default)
    assert store.lost
    store.close()
