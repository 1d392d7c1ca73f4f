"""Per-record and per-link helpers made cheaper for crawl throughput: the same results as the
straightforward versions they replaced (benchmarks/crawl.py measures the gain)."""

from __future__ import annotations

import heapq
import random
import re
import unicodedata
from array import array
from urllib.parse import urlsplit, urlunsplit

import pytest

from newsspider.middlewares.canonical import clean_url, dedupe_key
from newsspider.textlength import word_units
from pipelines.dedupe import SHINGLE_UNITS, SKETCH_SIZE, body_sketch
from pipelines.normalize import body_fingerprint, clean_text, normalize_body, normalize_inline, normalized_body_fingerprint
from pipelines.sitememory import BoilerplateMemory

URLS = [
    "http://a.com",
    "http://A.com:80/x/?utm_source=1&b=2#f",
    "https://u:p@Ex.com:443/a/",
    "https://u@ex.com:8443/a?x=1&&y",
    "ftp://x/a/",
    "http://[::1]:8000/a//",
    "HTTP://News.Example/a?fbclid=3",
    "http://x.com/a?b=&utm_medium=2",
    "http://x.com/p;params?q=a b",
    "/relative/",
    "http://x.com?",
    "http://x.com/a?b=1;c=2",
    "http://127.0.0.1:5000/news/2024/01/02/story-1.html",
]


@pytest.mark.parametrize("url", URLS)
def test_dedupe_key_is_clean_url_without_trailing_slash(url: str) -> None:
    parts = urlsplit(clean_url(url))
    assert dedupe_key(url) == urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") or "/", parts.query, ""))


def test_clean_url_drops_tracking_parameters_only() -> None:
    assert clean_url("http://A.com:80/x/?utm_source=1&b=2#f") == "http://a.com/x/?b=2"
    assert clean_url("http://x.com/a?b=1&b=2") == "http://x.com/a?b=1&b=2"  # untouched query kept as written
    assert clean_url("http://x.com/a?b=2", ("b",)) == "http://x.com/a"


def _sketch_by_slices(body: str) -> array[int]:
    units = word_units(body.casefold())
    shingles = {hash(tuple(units[i : i + SHINGLE_UNITS])) for i in range(max(1, len(units) - SHINGLE_UNITS + 1))}
    return array("q", heapq.nsmallest(SKETCH_SIZE, shingles) if units else ())


@pytest.mark.parametrize(
    "body",
    ["", "one", "one two", "one two three", "one two three four", "One two three four five", "日本語の文章です。次の文。",
     " ".join(f"word{i % 97}" for i in range(3000))],
)
def test_body_sketch_as_by_slices(body: str) -> None:
    assert body_sketch(body) == _sketch_by_slices(body)


@pytest.mark.parametrize("raw", ["", "  \n\n", "A  body\u00a0with\tspaces\n\n\nand Lines", "Cafe\u0301 \x00 line\n \u0301x"])
def test_fingerprint_of_a_normalised_body(raw: str) -> None:
    body = normalize_body(raw)
    assert normalized_body_fingerprint(body) == body_fingerprint(body)


_OLD_SURROGATES = re.compile("[\ud800-\udfff]")
_OLD_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f]")
_OLD_INLINE_WS = re.compile(r"\s+")


def _clean_text_by_regex(text: str) -> str:
    if _OLD_SURROGATES.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        text = _OLD_SURROGATES.sub("", text)
    return unicodedata.normalize("NFC", _OLD_CONTROL.sub("", text))


def _normalize_body_by_regex(text: str) -> str:
    lines = [_OLD_INLINE_WS.sub(" ", line).strip() for line in _clean_text_by_regex(text).splitlines()]
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1]:
            out.append("")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)


#: Characters the text cleaning treats specially: controls, line breaks of str.splitlines,
#: Unicode spaces, surrogates (paired and lone), combining marks (NFC), CJK, emoji.
_ALPHABET = "ab Z.\x00\x01\x08\t\n\x0b\x0c\r\x0e\x1b\x1c\x1d\x1e\x1f\x7f\x85\xa0\u2028\u2029\u3000\u200b e\u0301\ud83d\ude00\udc00\u65e5\U0001f600"


def _texts() -> list[str]:
    rng = random.Random(12)
    return ["", " ", "\n\n", "plain ascii text", *("".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 60))) for _ in range(3000))]


def test_clean_text_and_normalize_body_as_by_regex() -> None:
    for text in _texts():
        assert clean_text(text) == _clean_text_by_regex(text), repr(text)
        assert normalize_body(text) == _normalize_body_by_regex(text), repr(text)
        assert normalize_inline(text) == _OLD_INLINE_WS.sub(" ", _clean_text_by_regex(text)).strip(), repr(text)


def test_site_memory_cleans_alike_with_the_line_keys_observe_found() -> None:
    """Site learning cleans a body with the block keys its observation computed: same result."""
    memory = BoilerplateMemory().site_by_key("news.example")
    promo = "Sign up for the morning briefing."
    bodies = [f"Story {i} opens here with its own words about topic {i}.\n\n{promo}\n\n  Read more  \n\nStory {i} ends." for i in range(8)]
    for body in bodies:
        line_keys: dict[str, str | None] = {}
        memory.observe(body, line_keys)
        assert memory.clean(body, line_keys) == memory.clean(body)
    assert memory.clean(bodies[0], {})[1] == 2  # the promo and "Read more" learned, removed
