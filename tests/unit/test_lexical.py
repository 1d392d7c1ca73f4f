"""The block's wording score (newsspider.extraction.lexical), on small texts written here."""

from __future__ import annotations

import json

import numpy as np
import pytest

from benchmarks import train_blocks
from newsspider.extraction import blockmodel, lexical
from newsspider.extraction.blocks import FEATURE_NAMES, LEXICAL_COLUMNS, featurize, segment
from newsspider.extraction.html import parse

ARTICLE = "The council voted to extend the evening bus service"
PLUG = "Subscribe now for our weekly newsletter"


def _blocks(sites: int, *, plug_label: int = 0) -> list[tuple[str, int, float, str]]:
    """Each site: one article sentence (label 1) and one newsletter plug (label ``plug_label``)."""
    out = []
    for i in range(sites):
        out += [(f"{ARTICLE} number{i}", 1, 1.0, f"site{i}.example"), (PLUG, plug_label, 1.0, f"site{i}.example")]
    return out


def test_buckets_are_deterministic_words_and_pairs_lower_cased() -> None:
    assert lexical.buckets("Sign up") == lexical.buckets("sign UP")
    assert len(lexical.buckets("sign up")) == 3  # "sign", "up", "sign up"
    assert lexical.buckets("up sign") != lexical.buckets("sign up")  # the pair is ordered
    assert len(lexical.buckets("新闻报道")) == 4 + 3  # a character of a script without spaces is a token
    assert lexical.buckets("") == frozenset()
    assert all(0 <= b < lexical.BUCKETS for b in lexical.buckets(ARTICLE))


def test_fit_weighs_article_words_up_and_plug_words_down_seen_on_enough_sites() -> None:
    weights = lexical.fit(_blocks(6), min_domains=5)
    lexicon = lexical.Lexicon(weights)
    article, article_known = lexicon.columns(ARTICLE)
    plug, plug_known = lexicon.columns(PLUG)
    assert article > 0 > plug
    assert article_known == plug_known == 1.0
    # "number3" (and the pair "council number3") is on one site only: no weight, and the known share says so
    assert lexicon.columns("council number3") == (lexicon.columns("council")[0], 1 / 3)
    assert not lexical.fit(_blocks(4), min_domains=5)  # every word on 4 sites
    assert not lexical.fit(_blocks(6, plug_label=1))  # one label only: nothing to learn
    assert max(abs(v) for v in weights.values()) <= lexical.CLIP


def test_unknown_words_are_neutral_and_the_lexicon_round_trips() -> None:
    lexicon = lexical.Lexicon(lexical.fit(_blocks(6), min_domains=5))
    assert lexicon.columns("zqx wvy") == (0.0, 0.0)  # another language: no opinion
    again = lexical.Lexicon.from_json(lexicon.to_json())
    assert again.weights == lexicon.weights
    assert again.rows([ARTICLE, PLUG]) == lexicon.rows([ARTICLE, PLUG])
    spec = json.loads(lexicon.to_json())
    spec["bucket_bits"] = 12
    with pytest.raises(ValueError, match="bucket"):
        lexical.Lexicon.from_json(json.dumps(spec))


def test_packaged_lexicon_is_small_and_fills_the_last_feature_columns() -> None:
    assert lexical.MODEL_PATH.stat().st_size < 2 * 1024 * 1024
    assert FEATURE_NAMES[-len(lexical.FEATURES):] == list(lexical.FEATURES)
    blocks = segment(parse(f"<html><body><p>{ARTICLE}.</p><p>{PLUG}</p></body></html>"))
    rows = featurize(blocks, trafilatura_text=None)
    expected = lexical.default_lexicon().rows([b.text for b in blocks])
    assert rows[:, LEXICAL_COLUMNS].tolist() == [list(r) for r in expected]
    assert rows[:, LEXICAL_COLUMNS[1]].min() > 0  # English words are known


def test_a_model_trained_before_the_last_columns_reads_the_columns_it_knows() -> None:
    """The model-first variant (blocks_nt.json) need not be retrained for columns added at the end."""
    spec = {"features": ["a", "b"], "baseline": 0.0, "trees": [
        {"feature": [1, 0, 0], "threshold": [0.5, 0.0, 0.0], "left": [1, 1, 2], "right": [2, 1, 2],
         "value": [0.0, -1.0, 1.0], "depth": 1}]}
    model = blockmodel.BlockModel(spec)
    narrow = model.probabilities([[0.0, 0.0], [0.0, 1.0]])
    wide = model.probabilities([[0.0, 0.0, 9.0, 9.0], [0.0, 1.0, -9.0, 9.0]])
    assert wide.tolist() == narrow.tolist()
    with pytest.raises(ValueError, match="features"):
        model.probabilities([[0.0]])
    nt = json.loads(blockmodel.NO_TRAFILATURA_PATH.read_text(encoding="utf-8"))
    assert nt["features"] == FEATURE_NAMES[: len(nt["features"])]


def test_training_gives_each_page_lexical_columns_fitted_without_its_fold(monkeypatch) -> None:
    """A word only the pages of one fold have gets no weight on those pages' rows (an in-sample
    score would let the trees trust it), while the other folds' pages know it."""
    monkeypatch.setattr(lexical, "MIN_DOMAINS", 2)
    data = []
    for fold in range(train_blocks.FOLDS):
        for site in range(3):
            texts = [ARTICLE if fold else "quokka sightings rose", PLUG]
            data.append({"key": f"wcxb-dev/{fold}-{site}", "fold": fold, "site": f"s{fold}-{site}.example",
                         "texts": texts, "labels": [1, 0], "rows": np.zeros((2, len(FEATURE_NAMES)))})
    train_blocks.add_lexical_columns(data)
    own = [p for p in data if p["fold"] == 0][0]["rows"][0, LEXICAL_COLUMNS]
    assert own.tolist() == [0.0, 0.0]  # "quokka sightings rose" is only on fold 0's sites
    other = [p for p in data if p["fold"] == 1][0]["rows"][:, LEXICAL_COLUMNS]
    assert other[0, 0] > 0 > other[1, 0]
