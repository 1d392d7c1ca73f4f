"""The block segmenter, the packaged block model and its guard, on small pages written here."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from newsspider.extraction import blockmodel, extract_page, extract_page_fast
from newsspider.extraction.blocks import ANCESTOR_TAGS, CLASS_GROUPS, FEATURE_NAMES, segment
from newsspider.extraction.html import parse
from newsspider.extraction.modelbody import agrees_with, select

PROSE = (
    "The council voted on Tuesday to extend the evening bus service to the northern districts, "
    "after a year in which ridership on the existing late routes grew by almost a third. "
)


def _article_page() -> str:
    paragraphs = "".join(f"<p>{PROSE}Paragraph {i} adds its own detail about the timetable.</p>" for i in range(6))
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
    related = "".join(f'<li><a href="/story-{i}">Another headline number {i} from the site</a></li>' for i in range(8))
    return f"""<html><head><title>Buses run later</title></head><body>
    <header><nav><ul>{nav}</ul></nav></header>
    <main><article><h1>Buses run later</h1>{paragraphs}
      <table><tr><th>Route</th><th>Last bus</th></tr><tr><td>N1</td><td>23:40</td></tr></table>
    </article>
    <aside class="related"><h3>Most read</h3><ul>{related}</ul></aside></main>
    <footer><p>Copyright 2026 The Example Gazette. All rights reserved.</p></footer>
    </body></html>"""


def test_segment_keeps_document_order_table_rows_and_flags_hidden_text() -> None:
    tree = parse(
        "<html><body><div>intro <b>bold</b><p>first</p>tail text</div>"
        "<table><tr><td>a</td><td>b</td></tr></table>"
        "<p hidden>hidden</p><p style='display: none'>gone</p><script>var x</script>"
        "<p>see <a href='/x'>link</a></p></body></html>"
    )
    blocks = segment(tree)
    assert [b.text for b in blocks] == ["intro bold", "first", "tail text", "a b", "hidden", "gone", "see link"]
    assert blocks[3].tag == "tr"
    assert blocks[-1].link_chars == len("link")
    hidden = 1 << ANCESTOR_TAGS.index("hidden")
    # Frameworks stream articles into hidden elements: kept, flagged for the model.
    assert [bool(b.ancestors & hidden) for b in blocks] == [False] * 4 + [True, True, False]


def test_a_row_block_carries_the_class_names_of_the_cells_whose_text_it_holds() -> None:
    """A table row is one block, so a cell's class names ("menu" in a layout table) would be lost
    with it; the row gets them, only from cells whose text it holds."""
    blocks = segment(parse(
        "<html><body><table><tr><td class='menu'><a href='/a'>A</a><br>B</td>"
        "<td class='story'><p>The story.</p></td></tr>"
        "<tr><td>1</td><td>2</td></tr></table></body></html>"
    ))
    assert [(b.tag, b.text) for b in blocks] == [("tr", "A B"), ("p", "The story."), ("tr", "1 2")]
    nav = 1 << [name for name, _ in CLASS_GROUPS].index("nav")
    content = 1 << [name for name, _ in CLASS_GROUPS].index("content")
    assert blocks[0].classes_near & nav and blocks[0].classes_far & nav
    assert not blocks[0].classes_near & content  # the story cell's text is in its own block
    assert not blocks[2].classes_near & nav  # the next row's cells have no names


def test_packaged_model_matches_the_features_and_is_small() -> None:
    spec = json.loads(blockmodel.MODEL_PATH.read_text(encoding="utf-8"))
    assert spec["features"] == FEATURE_NAMES
    assert blockmodel.MODEL_PATH.stat().st_size < 5 * 1024 * 1024
    model = blockmodel.load()
    assert model.probabilities([]).shape == (0,)
    with pytest.raises(ValueError, match="features"):
        model.probabilities([[0.0] * 3])


def test_model_keeps_the_article_and_drops_the_chrome() -> None:
    result = extract_page(_article_page(), "https://gazette.example/2026/05/04/buses-run-later", assume_article=True)
    assert result.fields is not None
    body = result.fields["body"]
    assert body.count("Paragraph") == 6
    assert "N1" in body and "23:40" in body  # the article's table
    assert "Section 3" not in body and "Another headline number" not in body and "Copyright" not in body


def test_fast_extraction_keeps_the_rules_body() -> None:
    page, url = _article_page(), "https://gazette.example/2026/05/04/buses-run-later"
    fast = extract_page_fast(page, url, assume_article=True).fields
    assert fast is not None and fast["extraction"] != "model"
    assert fast["body"].count("Paragraph") == 6


def test_select_fills_a_weak_gap_between_kept_blocks_only() -> None:
    blocks = segment(parse("<html><body><p>a</p><p>b</p><p>c</p><p>d</p></body></html>"))
    kept = select(blocks, [0.9, 0.3, 0.9, 0.1], threshold=0.5)
    assert [b.text for b in kept] == ["a", "b", "c"]


def test_select_fills_a_gap_only_with_a_block_that_continues_the_run() -> None:
    blocks = segment(parse(
        "<html><body><div><p>one</p><p>two</p><p>three</p>"
        '<div class="box"><p>Sign up for our letters</p></div><p>four</p>'
        '<p><a href="/more">Read this next</a></p><p>five</p></div></body></html>'
    ))
    texts = ["one", "two", "three", "Sign up for our letters", "four", "Read this next", "five"]
    assert [b.text for b in blocks] == texts
    kept = select(blocks, [0.9, 0.3, 0.9, 0.3, 0.9, 0.3, 0.9], threshold=0.5)
    # "two" is a paragraph among its kept siblings; the boxed line has its own wrapper, the
    # other gap is a link line: neither is kept for lying between kept blocks
    assert [b.text for b in kept] == ["one", "two", "three", "four", "five"]
    assert [b.text for b in select(blocks, [0.9, 0.3, 0.9, 0.6, 0.9, 0.6, 0.9], threshold=0.5)] == texts


def test_select_keeps_a_weak_row_of_a_kept_table_only() -> None:
    blocks = segment(parse(
        "<html><body><p>story</p><table><tr><td>a</td></tr><tr><td>b</td></tr></table>"
        "<table><tr><td>c</td></tr></table><p>end</p></body></html>"
    ))
    assert [b.text for b in blocks] == ["story", "a", "b", "c", "end"]
    kept = select(blocks, [0.9, 0.9, 0.3, 0.3, 0.1], threshold=0.5)
    assert [b.text for b in kept] == ["story", "a", "b"]  # "c": no kept row in its table
    kept = select(blocks, [0.9, 0.9, 0.2, 0.3, 0.1], threshold=0.5)
    assert [b.text for b in kept] == ["story", "a"]  # under the gap threshold


def test_select_drops_a_subheading_whose_section_it_dropped_whole() -> None:
    blocks = segment(parse(
        "<html><body><h1>Title</h1><p>lead</p><h2>Part one</h2><h3>Detail</h3><p>body</p>"
        "<h2>Sign up</h2><p>newsletter pitch</p><p>form text</p><h2>Last</h2></body></html>"
    ))
    assert [b.tag for b in blocks] == ["h1", "p", "h2", "h3", "p", "h2", "p", "p", "h2"]
    kept = select(blocks, [0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.1, 0.2, 0.8], threshold=0.5)
    # "Sign up" heads only dropped text; "Part one" heads a subsection; "Last" has no section.
    assert [b.text for b in kept] == ["Title", "lead", "Part one", "Detail", "body", "Last"]
    kept = select(blocks, [0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.6, 0.2, 0.8], threshold=0.5)
    assert "Sign up" in [b.text for b in kept]  # part of its section kept: the heading stays


def test_select_drops_a_teaser_snippet_whose_linked_headline_it_dropped() -> None:
    blocks = segment(parse(
        '<html><body><p><a href="/other">Another story | The Site</a></p><p>Although the other story begins...</p>'
        "<p>The article's own first paragraph.</p><p>It ends with a pause...</p></body></html>"
    ))
    assert [b.text for b in blocks][1] == "Although the other story begins..."
    kept = select(blocks, [0.3, 0.6, 0.9, 0.9], threshold=0.5)
    # the snippet's headline is a dropped link: a teaser; the article's own "..." line stays
    assert [b.text for b in kept] == ["The article's own first paragraph.", "It ends with a pause..."]
    kept = select(blocks, [0.6, 0.6, 0.9, 0.9], threshold=0.5)
    assert len(kept) == 4  # the headline kept too: the cleaning's teaser rule decides


def test_select_asks_more_of_a_block_outside_the_container() -> None:
    blocks = segment(parse(
        "<html><body><div><p>one</p><p>two</p><p>three</p></div>"
        "<aside><p>bio</p><p>teaser</p><p>a longer line of the site's footer</p></aside></body></html>"
    ))
    probabilities = [0.9, 0.55, 0.9, 0.95, 0.65, 0.1]
    assert [b.text for b in select(blocks, probabilities, threshold=0.5)] == ["one", "two", "three", "bio", "teaser"]
    kept = select(blocks, probabilities, threshold=0.5, outside=0.7)
    assert [b.text for b in kept] == ["one", "two", "three", "bio"]  # "two" is in the container (the div)
    from benchmarks import train_blocks

    packaged = blockmodel.load()  # applies the rule, with the training script's thresholds
    assert (packaged.threshold, packaged.outside) == (train_blocks.THRESHOLD, train_blocks.OUTSIDE)
    model_first = blockmodel.load(str(blockmodel.NO_TRAFILATURA_PATH))
    assert (model_first.threshold, model_first.outside) == (train_blocks.MODEL_FIRST_THRESHOLD, train_blocks.OUTSIDE_MODEL_FIRST)


def test_nearly_kept_is_what_the_threshold_minus_the_margin_adds() -> None:
    from types import SimpleNamespace

    from newsspider.extraction.modelbody import LEARN_MARGIN, nearly_kept

    blocks = segment(parse(
        "<html><body><div><p>one</p><p>two</p><p>three</p><p>four</p></div>"
        "<aside><p>bio</p></aside></body></html>"
    ))
    probabilities = [0.9, 0.9, 0.6, 0.1, 0.5]
    model = SimpleNamespace(threshold=0.65, outside=0.85)
    kept = select(blocks, probabilities, model.threshold, model.outside)
    assert [b.text for b in kept] == ["one", "two"]
    assert LEARN_MARGIN == 0.1
    # "three" at 0.6 would be kept at 0.55; "four" and "bio" not
    assert nearly_kept(blocks, probabilities, model, kept) == ("three",)
    assert nearly_kept(blocks, probabilities, model, select(blocks, probabilities, 0.55, model.outside)) == ()


def test_guard_refuses_an_empty_body_or_another_text() -> None:
    article = " ".join(f"word{i}" for i in range(200))
    half = " ".join(f"word{i}" for i in range(100))
    other = " ".join(f"other{i}" for i in range(300))
    assert agrees_with(article + " extra words here", article, article)
    assert agrees_with(half + " " + other, article, half)  # keeps trafilatura's text, not all the rules'
    assert not agrees_with("", article, article)
    assert not agrees_with(other, article, article)  # another text, 1.5x as long
    # Far longer than a scrap the rules kept: the article they missed, not another text.
    assert agrees_with(other, "Share this story on social media now", "Share this story on social media now")
    assert agrees_with("something", "", article)


def test_layout_table_is_split_into_its_blocks_and_the_chrome_column_dropped() -> None:
    """A page laid out with a table: the article cell's paragraphs are kept as paragraphs, the
    navigation cell beside them is not (a layout table is no data table)."""
    paragraphs = "".join(f"<p>{PROSE}Paragraph {i} adds its own detail about the timetable.</p>" for i in range(6))
    nav = "".join(f'<a href="/s{i}">Section {i}</a><br>' for i in range(12))
    page = f"""<html><head><title>Buses run later</title></head><body><table><tr>
        <td class="menu">{nav}</td>
        <td class="story"><h1>Buses run later</h1>{paragraphs}</td>
    </tr></table></body></html>"""
    result = extract_page(page, "https://gazette.example/2026/05/04/buses-run-later", assume_article=True)
    assert result.fields is not None
    body = result.fields["body"].split("\n\n")
    assert [p for p in body if "Paragraph" in p] == [
        f"{PROSE}Paragraph {i} adds its own detail about the timetable.".strip() for i in range(6)
    ]
    assert "Section 3" not in result.fields["body"]


def test_trees_of_uneven_depth_give_each_row_its_leaf() -> None:
    # tree 0: x0 <= 0.5 ? leaf 1.0 : (x1 <= 2 ? leaf 2.0 : leaf 3.0); tree 1: one leaf 0.5.
    # A NaN fails every test (goes right), as in sklearn's arrays walked node by node.
    spec = {
        "features": ["x0", "x1"], "baseline": -1.0,
        "trees": [
            {"feature": [0, 0, 1, 0, 0], "threshold": [0.5, 0, 2.0, 0, 0], "left": [1, 1, 3, 3, 4],
             "right": [2, 1, 4, 3, 4], "value": [0, 1.0, 0, 2.0, 3.0], "depth": 2},
            {"feature": [0], "threshold": [0], "left": [0], "right": [0], "value": [0.5], "depth": 0},
        ],
    }
    model = blockmodel.BlockModel(spec)
    rows = [[0.2, 9.0], [0.9, 1.0], [0.9, 5.0], [float("nan"), float("nan")]]
    raw = [-1.0 + 1.0 + 0.5, -1.0 + 2.0 + 0.5, -1.0 + 3.0 + 0.5, -1.0 + 3.0 + 0.5]
    expected = [1 / (1 + math.exp(-r)) for r in raw]
    assert model.probabilities(rows).tolist() == pytest.approx(expected, abs=1e-15)


def _walk_each_tree(spec: dict, row: list[float]) -> float:
    """The definition: each tree walked node by node (leaves point to themselves), summed."""
    raw = spec["baseline"]
    for tree in spec["trees"]:
        node = 0
        while tree["left"][node] != node:
            node = tree["left"][node] if row[tree["feature"][node]] <= tree["threshold"][node] else tree["right"][node]
        raw += tree["value"][node]
    return 1.0 / (1.0 + math.exp(-raw))


def test_stumps_and_lone_leaves_give_each_row_its_leaf() -> None:
    """The roots' tests are read a column per tree, deeper levels node by node: a model of one
    level (stumps) and one of lone leaves (no test at all) walk as their trees say."""
    stump = {"feature": [1, 0, 0], "threshold": [0.25, 0, 0], "left": [1, 1, 2], "right": [2, 1, 2],
             "value": [0, -0.5, 0.75], "depth": 1}
    leaf = {"feature": [0], "threshold": [0], "left": [0], "right": [0], "value": [0.25], "depth": 0}
    rows = [[0.0, 0.1], [5.0, 0.25], [5.0, 0.3], [-1.0, float("nan")]]
    for trees in ([stump, stump], [leaf], [leaf, stump, leaf]):
        spec = {"features": ["x0", "x1"], "baseline": 0.1, "trees": trees}
        model = blockmodel.BlockModel(spec)
        x = np.array(rows)
        assert model.probabilities(x).tolist() == pytest.approx([_walk_each_tree(spec, r) for r in rows], abs=1e-15)
        assert np.array_equal(x, np.array(rows), equal_nan=True)  # the rows are read, not changed
        assert model.probabilities([]).tolist() == []


def test_packaged_models_walk_as_their_trees_on_random_rows() -> None:
    """Both packaged models (and the second stage) against the node-by-node walk, bit for bit
    up to the last sum's rounding, on rows that reach every level."""
    rng = np.random.default_rng(3)
    for path in (blockmodel.MODEL_PATH, blockmodel.NO_TRAFILATURA_PATH):
        spec = json.loads(path.read_text(encoding="utf-8"))
        for stage in filter(None, (spec, spec.get("second"))):
            model = blockmodel.BlockModel(stage)
            x = rng.choice([0.0, 0.5, 1.0, -1.0], size=(40, len(stage["features"]))) * rng.random((40, 1)) * 3
            expected = [_walk_each_tree(stage, row) for row in x.tolist()]
            assert np.allclose(model.probabilities(x), expected, rtol=0, atol=1e-12)
