"""JSON-LD ``articleBody`` read as a reader sees it: entities decoded, markup turned into lines."""

from __future__ import annotations

from newsspider.extraction import extract_page
from newsspider.extraction.extract import page_inputs
from newsspider.extraction.text import plain_lines
from tests.unit.test_extraction_choose import URL, ld_script, page, paragraph


def test_plain_lines_decodes_entities_and_keeps_lines() -> None:
    assert plain_lines("We can&rsquo;t wait &mdash; really.\n&nbsp;\nNext  one") == "We can’t wait — really.\nNext one"


def test_plain_lines_decodes_double_escaping() -> None:
    assert plain_lines("the mayor&amp;rsquo;s &amp;amp; council&amp;#8217;s") == "the mayor’s & council’s"


def test_plain_lines_turns_block_tags_into_lines() -> None:
    body = "<p>One <em>two</em>.</p><p>Three<br/>four</p><ul><li>a</li><li>b</li></ul><div>x</div>y<h2>Head</h2>z"
    assert plain_lines(body).split("\n") == ["One two.", "Three", "four", "a", "b", "x", "y", "Head", "z"]
    # Escaped markup is markup too; an inline tag is no space.
    assert plain_lines("&lt;p&gt;<b>B</b>ig&lt;/p&gt;&lt;p&gt;news&lt;/p&gt;") == "Big\nnews"


def test_plain_lines_leaves_text_without_escapes_unchanged() -> None:
    for text in ("plain\n\n  text  ", "a > b\r\nc", "Investorâ€™s"):
        assert plain_lines(text) is text


def test_page_inputs_ld_body_is_plain() -> None:
    html = page("<p>Short.</p>", ld_script("<p>It&amp;rsquo;s here.</p><p>&nbsp;</p><p>Then more.</p>"))
    inputs = page_inputs(html, URL)
    assert not isinstance(inputs, str)
    assert inputs.ld_body == "It’s here.\nThen more."
    only_markup = page("<p>Short.</p>", ld_script("<p>&nbsp;</p><br>"))
    inputs = page_inputs(only_markup, URL)
    assert not isinstance(inputs, str) and inputs.ld_body is None


def escaped(text: str) -> str:
    """``text`` as many CMSs write it into JSON-LD: typographic characters as entities, once or twice."""
    return text.replace("’", "&rsquo;").replace("—", "&amp;mdash;")


def test_escaped_jsonld_body_wins_and_reads_plain() -> None:
    full = [paragraph(1, n).replace("the council", "the council’s board — ") for n in range(6)]
    visible = full[:2]
    ld = "".join(f"<p>{escaped(p)}</p>&nbsp;\n" for p in full)
    html = page("".join(f"<p>{p}</p>" for p in visible), ld_script(ld))
    for model_first in (True, False):
        fields = extract_page(html, URL, assume_article=True, model_first=model_first).fields
        assert fields is not None
        assert fields["extraction"] == "jsonld"
        body = fields["body"]
        assert "&" not in body and "<" not in body and "rsquo" not in body
        assert body.split("\n\n") == [" ".join(p.split()) for p in full]
