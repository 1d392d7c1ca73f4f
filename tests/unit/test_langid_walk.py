"""The numpy walk of py3langid's automaton gives py3langid's own counts and scores, bit for bit."""

from __future__ import annotations

import random

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

from newsspider.extraction.langid_walk import trie_depth
from newsspider.extraction.language import load_model

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
