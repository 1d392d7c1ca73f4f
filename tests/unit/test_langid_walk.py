"""The numpy walk of py3langid's automaton gives py3langid's own counts and scores, bit for bit."""

from __future__ import annotations

import random
from functools import lru_cache

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

from newsspider.extraction import language
from newsspider.extraction.langid_walk import trie_depth
from newsspider.extraction.language import load_model
from tests.helpers import run_fresh_python

SAMPLES = [
    "The council voted on Tuesday to extend the harbour's opening hours through the winter season.",
    "Der Stadtrat hat am Dienstag beschlossen, die Öffnungszeiten des Hafens zu verlängern.",
    "Le conseil municipal a voté mardi la prolongation des horaires d'ouverture du port.",
    "市議会は火曜日、冬の間も港の営業時間を延長することを決めた。",
    "市议会周二投票决定在冬季延长港口的开放时间。",
    "สภาเมืองลงมติเมื่อวันอังคารให้ขยายเวลาเปิดท่าเรือตลอดฤดูหนาว",
    "Городской совет во вторник проголосовал за продление часов работы порта.",
    "صوّت مجلس المدينة يوم الثلاثاء على تمديد ساعات عمل الميناء.",
    "ΤΟ ΔΗΜΟΤΙΚΟ ΣΥΜΒΟΥΛΙΟ ΨΗΦΙΣΕ ΤΗΝ ΤΡΙΤΗ",  # all capitals: py3langid lower-cases it
    "x",
    "12 34 56 78 90",
    "",
]


@pytest.fixture(scope="module")
def identifiers() -> tuple[LanguageIdentifier, LanguageIdentifier]:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True), load_model()


def _random_texts(count: int) -> list[str]:
    """Texts mixing scripts, spaces and punctuation, of 1 to 1,500 characters (seeded)."""
    rng = random.Random(7)
    alphabet = "abcdefghijklmnopqrstuvwxyzäöüéèçñ ÀÉ .,;:!?-'\"0123456789日本語中文한국어ไทยрусскийعربي\n\t"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 1500))) for _ in range(count)]


def test_counts_are_py3langids_in_its_order(identifiers: tuple[LanguageIdentifier, LanguageIdentifier]) -> None:
    plain, windowed = identifiers
    for text in SAMPLES + [s * 30 for s in SAMPLES] + _random_texts(40):
        data = LanguageIdentifier._encode(text)
        expected = visit_counts(plain.tk_nextmove, plain._rowbase, plain.tk_output, data)
        found = windowed.window_counts(data)
        assert found == expected
        assert list(found or {}) == list(expected or {})  # first-seen order: the scores' sum order


def test_rankings_are_the_same_floats(identifiers: tuple[LanguageIdentifier, LanguageIdentifier]) -> None:
    plain, windowed = identifiers
    for text in SAMPLES + _random_texts(20):
        assert windowed.rank(text) == plain.rank(text)
        assert windowed.classify(text) == plain.classify(text)


def test_the_automaton_is_a_few_bytes_deep(identifiers: tuple[LanguageIdentifier, LanguageIdentifier]) -> None:
    # the windowed walk is exact for any depth; a deep trie would only make it slower
    assert 1 <= identifiers[1]._depth <= 8


def test_the_recorded_depth_is_the_installed_models(identifiers: tuple[LanguageIdentifier, LanguageIdentifier]) -> None:
    """``language.KNOWN_TRIE_DEPTHS`` spares each process the search: it must be the search's answer
    (a model not recorded there is searched at load)."""
    model = identifiers[1]
    assert model._depth == trie_depth(model._nextmove, model._rowbase_array)


def test_a_restricted_language_set_scores_as_py3langid(identifiers: tuple[LanguageIdentifier, LanguageIdentifier]) -> None:
    plain = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    windowed = type(identifiers[1]).from_model_file(MODEL_FILE, norm_probs=True)
    for identifier in (plain, windowed):
        identifier.set_languages(["de", "nl", "en"])
    for text in SAMPLES[:3]:
        assert windowed.rank(text) == plain.rank(text)


def test_the_model_read_in_one_call_holds_py3langids_arrays(identifiers: tuple[LanguageIdentifier, LanguageIdentifier]) -> None:
    """``WindowedIdentifier.from_model_bytes`` decompresses the file in one call, not as py3langid
    streams it: the same arrays, typecodes and shapes."""
    theirs, ours = identifiers
    for name in ("nb_ptc", "nb_pc"):
        assert getattr(ours, name).dtype == getattr(theirs, name).dtype
        assert np.array_equal(getattr(ours, name), getattr(theirs, name)), name
    assert ours.nb_classes == theirs.nb_classes and ours.tk_output == theirs.tk_output
    for name in ("tk_nextmove", "tk_row"):
        assert getattr(ours, name).typecode == getattr(theirs, name).typecode and getattr(ours, name) == getattr(theirs, name)


def test_the_preload_reads_the_language_model_in_a_thread_and_ends_single_threaded() -> None:
    """The fork server imports the warm-up first, the preload last: the model's read overlaps the
    imports between, and the thread is over before the server forks a worker. A fresh
    interpreter: this one has the model."""
    code = (
        "import threading\n"
        "from newsspider.pool import WORKER_MODULES\n"
        "assert WORKER_MODULES[0] == 'newsspider.extraction.warmup' and WORKER_MODULES[-1] == 'newsspider.extraction.preload'\n"
        "from newsspider.extraction import language, warmup\n"
        "reader = language._reader\n"
        "assert reader is not None, 'no thread'\n"
        "import newsspider.extraction.overrides, scrapy.linkextractors\n"
        "from newsspider.extraction import preload\n"
        "assert language._reader is None and not reader.is_alive()\n"
        "assert language.read_model.cache_info().currsize == 1\n"
        "assert threading.active_count() == 1, threading.enumerate()\n"
        "language.start_reading()\n"
        "assert language._reader is None, 'read twice'\n"
    )
    run_fresh_python(code)


def test_a_failed_background_read_raises_where_the_model_is_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    @lru_cache(maxsize=1)
    def unreadable() -> None:
        raise OSError("model file unreadable")

    monkeypatch.setattr(language, "read_model", unreadable)
    language.start_reading()
    assert language._reader is not None
    with pytest.raises(OSError, match="unreadable"):
        language.load_model()
    assert language._reader is None
