"""Shared fixtures (the demo site served on 127.0.0.1, its ground truth, a real Redis) and the
``fast`` marker: every test under ``tests/unit/`` is fast (``pytest -m fast``, under a minute)."""

from __future__ import annotations

import inspect
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from newsspider.demo import GROUND_TRUTH_PATH
from newsspider.demo.server import DemoServer
from tests.redis_server import MISSING as REDIS_MISSING
from tests.redis_server import RedisServer, redis_server_binary

# The property tests (hypothesis) draw new random inputs on every run; ``HYPOTHESIS_PROFILE=ci``
# (set by ``.ci/run``) draws the same ones every time, so a CI verdict does not depend on luck.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Crawls of one test session must not skip what an earlier test exported: the incremental state
# is off unless a test turns it on (-s NEWSSPIDER_STATE_ENABLED=1 with its own NEWSSPIDER_STATE_PATH).
os.environ["NEWSSPIDER_STATE_ENABLED"] = "0"

#: Tests in this folder are the fast half of the suite (no crawl subprocess, no server but in-process ones).
FAST_DIR = Path(__file__).resolve().parent / "unit"


def _see_through_mutmut_trampolines() -> None:
    """Under ``mutmut run`` every function is a ``*args, **kwargs`` trampoline (``functools.wraps``
    of the original): PyDispatcher, which reads a receiver's ``__code__`` to pass it only the
    signal arguments it accepts, would then pass them all and every signal handler would fail."""
    from pydispatch import robustapply

    original = robustapply.function

    def function(receiver: Any) -> tuple[Any, Any, int]:
        func = getattr(receiver, "__func__", receiver)
        unwrapped = inspect.unwrap(func)
        if unwrapped is func:
            return original(receiver)
        return receiver, unwrapped.__code__, int(func is not receiver)

    robustapply.function = function


if "MUTANT_UNDER_TEST" in os.environ:
    _see_through_mutmut_trampolines()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fast: the fast half of the suite (every test under tests/unit/)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(FAST_DIR):
            item.add_marker(pytest.mark.fast)


@pytest.fixture(autouse=True)
def _environment_restored() -> Iterator[None]:
    """Undo what a test changed in ``os.environ``: crawl subprocesses inherit it. In-process
    ``get_project_settings()`` sets ``SCRAPY_SETTINGS_MODULE``, which turns a later "outside any
    project" crawl into one with the project's settings; with pytest-xdist any file may run after it."""
    saved = dict(os.environ)
    yield
    if os.environ != saved:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="session")
def ground_truth() -> dict[str, Any]:
    return json.loads(Path(GROUND_TRUTH_PATH).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_server() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real redis-server on a free port; the tests skip only when the binary is absent."""
    if redis_server_binary() is None:
        pytest.skip(REDIS_MISSING)
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The session Redis, emptied for this test."""
    redis_server.client().flushall()
    return redis_server.url
