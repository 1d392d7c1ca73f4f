"""The page's language: its declaration (``<html lang>``, meta, JSON-LD) checked against a
detector run on the body.

py3langid (langid.py's model, ~5 MB inside the wheel, no download; ~0.8 ms per page on the
first 1,500 characters, 0.7 s to load once per process) was chosen over lingua: lingua's
models take ~800 MB of memory in its high-accuracy mode (60 MB in low-accuracy mode, its
author in NatLibFi/Annif#593) and it is, in its own words, noticeably slower; its edge is on
short texts, and a body is long. The detector wins when the declaration is
missing or contradicts a confident detection; the score is the detector's probability for the
language kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import threading
from functools import lru_cache
from typing import Any

#: Characters of the body the detector reads: enough for a stable answer, bounded cost. 1,000:
#: the same language as 1,500 or 2,000 on every body of the dev corpora (1,578 pages; 800 too),
#: ~0.15 ms a page less than 1,500 inside extract_page; the scores move in the third or fourth
#: decimal (docs/benchmarks.md, "Metadata").
SAMPLE_CHARS = 1000
#: Below this many characters of body the detector is not asked (the declaration stands).
MIN_CHARS = 120
#: A detection at least this probable overrides a contradicting declaration.
CONFIDENT = 0.9

# Old or regional codes pages declare -> the detector's codes.
_ALIASES = {"iw": "he", "in": "id", "ji": "yi", "nb": "no", "fil": "tl", "jw": "jv", "sh": "sr", "cnr": "sr", "zh-hans": "zh"}
# Languages the detector confuses with each other: a declared one of the group is kept.
_CLOSE = [frozenset({"hr", "sr", "bs"}), frozenset({"no", "nn", "da"}), frozenset({"ms", "id"}), frozenset({"gl", "pt"})]
_CODE = re.compile(r"[a-z]{2,3}")


def declared_code(value: Any) -> str | None:
    """``"en"`` from ``"en-GB"``, ``"de_DE"``, ``"EN"``; None for ``"x-default"``, ``"und"``, junk."""
    if not isinstance(value, str):
        return None
    code = re.split(r"[-_\s]", value.strip().lower(), maxsplit=1)[0]
    code = _ALIASES.get(code, code)
    return code if _CODE.fullmatch(code) and code not in ("und", "mul", "zxx") else None


@lru_cache(maxsize=1)
def read_model() -> Any:
    """py3langid's identifier (a 5 MB model), read once per process, with its byte walk done by
    numpy (:mod:`newsspider.extraction.langid_walk`: the same scores, cheaper). Call
    :func:`load_model`, which waits for a read started by :func:`start_reading`."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from newsspider.extraction.langid_walk import WindowedIdentifier

    model = (MODEL_DIR / MODEL_FILE).read_bytes()
    depth = KNOWN_TRIE_DEPTHS.get(hashlib.sha256(model).hexdigest())
    return WindowedIdentifier.from_model_bytes(model, norm_probs=True, depth=depth)


_reader: threading.Thread | None = None


def start_reading() -> None:
    """Read the model in a thread while the caller goes on importing: most of the read is LZMA
    decompression, which releases the GIL (the extraction workers' fork server: ~0.5 s of its
    ~2 s). :func:`load_model` waits for it; a process must call that before it forks."""
    global _reader
    if _reader is None and not read_model.cache_info().currsize:
        _reader = threading.Thread(target=_read_quietly, name="newsspider-langid-read", daemon=True)
        _reader.start()


def _read_quietly() -> None:
    with contextlib.suppress(Exception):  # load_model reads it again and raises there
        read_model()


def load_model() -> Any:
    """The identifier (:func:`read_model`), once a read started by :func:`start_reading` is done."""
    global _reader
    if (reader := _reader) is not None:
        reader.join()
        _reader = None
    return read_model()


#: The automaton depth (``langid_walk.trie_depth``) of py3langid models by the SHA-256 of their
#: file: found once here, not in every process that loads the model (~0.5 s of its ~1.2 s).
#: Another model's is found at load. ``tests/unit/test_langid_walk.py`` checks the installed one's.
KNOWN_TRIE_DEPTHS = {
    "f4f4a2c3465ca1f081541037f9cac23021d68151c2f709c55ae5eedfca522963": 6,  # py3langid 0.4.0
}


def _close(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _CLOSE)


def detect_language(text: str, declared: str | None) -> tuple[str | None, float | None]:
    """(language, score): the declared code unless the body confidently says otherwise.

    The score is None when the body is too short to check."""
    declared = declared_code(declared)
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if len(sample) < MIN_CHARS:
        return declared, None
    ranking = load_model().rank(sample)
    best, probability = ranking[0]
    if best == "zxx":  # "no language" (code, numbers)
        return declared, None
    if declared is None:
        return best, round(float(probability), 4)
    scores = dict(ranking)
    if best != declared and probability >= CONFIDENT and not _close(best, declared):
        return best, round(float(probability), 4)
    if declared not in scores:
        return declared, None
    return declared, round(float(scores[declared]), 4)
