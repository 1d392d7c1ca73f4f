"""The block model's second stage: context features from the first stage's probabilities."""

from __future__ import annotations

import dataclasses

import numpy as np

from newsspider.extraction import blockcontext, blockmodel
from newsspider.extraction.blockcontext import FEATURE_NAMES_2, best_run, features
from newsspider.extraction.blocks import featurize, segment
from newsspider.extraction.html import parse
from newsspider.extraction.modelbody import scored_blocks

PAGE = """<html><body>
<nav><ul><li><a href="/a">Home</a></li><li><a href="/b">World</a></li></ul></nav>
<div class="story"><p>First paragraph of the story, long enough to be prose.</p><p>Short line.</p>
<p>Third paragraph of the story goes on about the matter at hand.</p></div>
<footer><p>Copyright notice of the site.</p></footer></body></html>"""


def _page() -> tuple[list, np.ndarray]:
    blocks = segment(parse(PAGE))
    return blocks, featurize(blocks, trafilatura_text=None)


def test_best_run_is_the_contiguous_run_of_largest_gain() -> None:
    assert best_run([-1.0, 2.0, -0.5, 3.0, -4.0, 1.0]) == (1, 3)
    assert best_run([-2.0, -1.0, -3.0]) == (1, 1)  # all negative: the least bad block
    assert best_run([5.0]) == (0, 0)


def test_columns_read_neighbours_runs_and_regions() -> None:
    blocks, rows = _page()
    assert [b.text for b in blocks][:2] == ["Home", "World"]
    p = np.array([0.1, 0.1, 0.9, 0.3, 0.8, 0.05])
    x = features(blocks, rows, p)
    assert x.shape == (len(blocks), len(FEATURE_NAMES_2))
    col = {name: i for i, name in enumerate(FEATURE_NAMES_2)}
    short = 3  # "Short line.": weak itself, between two kept paragraphs
    assert x[short, col["p"]] == 0.3
    assert x[short, col["p_prev"]] == 0.9 and x[short, col["p_next"]] == 0.8
    assert x[0, col["p_prev"]] == -1.0 and x[-1, col["p_next"]] == -1.0  # beyond the page's ends
    assert x[:, col["in_run"]].tolist() == [0, 0, 1, 1, 1, 0]
    assert x[0, col["run_distance"]] == 2 / blockcontext.FAR
    # The story's region: the three paragraphs under one div, weighted by their characters.
    story = [2, 3, 4]
    chars = np.array([len(blocks[i].text) for i in story], dtype=float)
    expected = float(p[story] @ chars / chars.sum())
    assert np.allclose(x[story, col["region1"]], expected)
    assert x[0, col["page_max"]] == 0.9
    assert np.array_equal(x[:, col["log_chars"]], rows[:, 0])


def test_container_is_the_element_whose_text_the_first_stage_keeps_most() -> None:
    blocks, rows = _page()
    p = np.array([0.1, 0.1, 0.9, 0.3, 0.8, 0.05])
    x = features(blocks, rows, p)
    col = {name: i for i, name in enumerate(FEATURE_NAMES_2)}
    # The story's div: its weak short line is inside, the menu and the footer are not.
    assert x[:, col["in_container"]].tolist() == [0, 0, 1, 1, 1, 0]
    assert x[2, col["container_levels"]] == 2 / 10  # the paragraph's holder is one level below the div
    assert x[0, col["container_levels"]] == -1.0
    chars = np.array([len(b.text) for b in blocks], dtype=float)
    assert np.isclose(x[0, col["container_share"]], chars[2:5].sum() / chars.sum())
    assert np.isclose(x[0, col["container_mean"]], float(p[2:5] @ chars[2:5] / chars[2:5].sum()))
    assert x[3, col["ancestor_gain"]] == 1.0  # the container is its own best ancestor
    assert x[0, col["ancestor_gain"]] < 1.0
    # A strong paragraph alone outweighs a weak story: the container narrows to it.
    p = np.array([0.1, 0.1, 0.95, 0.05, 0.05, 0.05])
    x = features(blocks, rows, p)
    assert x[:, col["in_container"]].tolist() == [0, 0, 1, 0, 0, 0]
    assert x[2, col["container_levels"]] == 1 / 10


def test_blocks_without_a_path_have_no_container_columns() -> None:
    blocks, rows = _page()
    bare = [dataclasses.replace(b, path=()) for b in blocks]
    x = features(bare, rows, np.full(len(bare), 0.9))
    assert not x[:, len(FEATURE_NAMES_2) - len(blockcontext.CONTAINER_FEATURES) :].any()


def test_empty_page_has_no_rows() -> None:
    assert features([], np.zeros((0, 3)), np.zeros(0)).shape == (0, len(FEATURE_NAMES_2))


def test_packaged_model_has_a_second_stage_that_gives_the_probabilities() -> None:
    model = blockmodel.load()
    assert model.second is not None and model.second.features == FEATURE_NAMES_2
    blocks, rows = _page()
    _, probabilities = scored_blocks(parse(PAGE), model, trafilatura_text=None, rules_text=None, ld_body=None,
                                     title=None)
    first = model.probabilities(rows)
    expected = model.second.probabilities(features(blocks, rows, first))
    assert np.allclose(probabilities, expected, rtol=0, atol=0)
