"""Per-field overrides and versions by date (``newsspider/extraction/overrides.py``) on fixture
pages: a site's ``[fields]`` replace what generic extraction found, a ``[[versions]]`` table
extracts pages of an older design with its own rules, and a spider declares them as class
attributes."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from newsspider.extraction import SiteRules, extract_page
from newsspider.extraction.overrides import apply_field_rules, extract_with_rules, load_function
from newsspider.extraction.rules import FieldRule
from newsspider.pool import ExtractionPool
from newsspider.sites.fields import field_rules
from newsspider.spiders.base import NewsSiteSpider

URL = "https://news.example/2024/03/02/harbour.html"
PARAGRAPHS = [
    "The town council approved a new budget for the harbour on Tuesday evening after a long debate "
    "that drew fishermen, shop owners and residents to the old town hall on the square.",
    "The plan sets aside money for dredging the inner basin, repairing the north pier and replacing the "
    "lights along the breakwater, which failed twice during the winter storms of recent years.",
    "Opponents argued that the repairs should wait for the regional grant, but the mayor said the pier "
    "could not survive another season and that the work would begin early in the spring.",
]


def page(published: str = "2024-03-02T10:00:00Z", body_class: str = "story") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour budget approved | News</title><meta property="og:type" content="article">
<meta property="article:published_time" content="{published}"></head>
<body><nav><a href="/">Home</a></nav><article>
<h1 class="headline">Council approves new harbour budget</h1>
<p class="kicker">Local / Harbour</p>
<div class="credits"><a rel="author">Ana Ruiz</a> and <a rel="author">Tom Berg</a></div>
<div class="{body_class}">{paragraphs}</div>
<div class="legacy"><p>Old design text one.</p><p>Old design text two.</p></div>
</article></body></html>"""


def rules(**kwargs: Any) -> SiteRules:
    fields = kwargs.pop("fields", {})
    return SiteRules(fields=field_rules(fields), **kwargs)


def test_without_fixes_the_result_is_the_generic_extraction() -> None:
    html = page()
    assert extract_with_rules(extract_page, html, URL, SiteRules(), assume_article=True) == extract_page(
        html, URL, SiteRules(), assume_article=True
    )


def test_css_xpath_and_function_overrides_replace_their_fields() -> None:
    site = rules(fields={
        "title": {"css": "h1.headline::text"},
        "authors": {"xpath": "//a[@rel='author']/text()"},
        "section": {"css": "p.kicker"},  # an element: its text
        "tags": {"function": "tests.fixtures.sites.fixes:kicker_tags"},
        "description": {"css": "p.missing::text"},  # matches nothing: the generic value stays
        "image": {"function": "tests.fixtures.sites.fixes.nothing"},  # returns None: the generic value stays
    })  # fmt: skip
    generic = extract_page(page(), URL, SiteRules(), assume_article=True).fields
    fields = extract_with_rules(extract_page, page(), URL, site, assume_article=True).fields
    assert generic is not None and fields is not None
    assert fields["title"] == "Council approves new harbour budget"
    assert fields["authors"] == ["Ana Ruiz", "Tom Berg"]
    assert fields["section"] == "Local / Harbour"
    assert fields["tags"] == [*generic.get("tags", []), "Local", "Harbour"]
    assert fields["description"] == generic["description"] and fields["image"] == generic["image"]
    assert fields["body"] == generic["body"]


def test_a_body_override_joins_its_matches_as_paragraphs() -> None:
    fields = apply_field_rules({"body": "generic"}, page(), URL, (FieldRule("body", "css", "div.legacy p"),))
    assert fields["body"] == "Old design text one.\n\nOld design text two."


def test_a_version_extracts_older_pages_with_its_rules() -> None:
    site = SitePlanSpider().site_rules
    old_page, new_page = page("2023-05-01T08:00:00Z", body_class="old-body"), page("2024-03-02T10:00:00Z")
    old = extract_with_rules(extract_page, old_page, URL, site, assume_article=True).fields
    new = extract_with_rules(extract_page, new_page, URL, site, assume_article=True).fields
    unversioned = extract_with_rules(extract_page, old_page, URL, SiteRules(body="div.story"), assume_article=True).fields
    assert old is not None and new is not None and unversioned is not None
    assert "Old design" in unversioned["body"]  # the current body selector misses the old design
    assert old["body"].startswith("The town council approved") and "Old design" not in old["body"]
    assert old["section"] == "Local / Harbour"  # the version's own field override
    assert old["title"] == "Council approves new harbour budget"  # and the top-level ones
    assert new["body"].startswith("The town council approved") and "Old design" not in new["body"]
    assert new["section"] != "Local / Harbour"


class SitePlanSpider(NewsSiteSpider):
    """A spider declaring its fixes as class attributes."""

    name = "fixes"
    start_urls: ClassVar[list[str]] = ["https://news.example/"]
    field_selectors: ClassVar[dict[str, Any]] = {"title": "h1.headline::text", "authors": "//a[@rel='author']/text()"}
    body_selector = "div.story"
    versions: ClassVar[list[dict[str, Any]]] = [
        {"until": "2024-01-01", "body_selector": "div.old-body", "fields": {"section": {"css": "p.kicker::text"}}},
    ]


def test_a_spiders_field_selectors_apply_in_the_extraction_pool() -> None:
    spider = SitePlanSpider()
    assert spider.site_rules.fields == (
        FieldRule("title", "css", "h1.headline::text"),
        FieldRule("authors", "xpath", "//a[@rel='author']/text()"),
    )
    result = ExtractionPool(0, 30).extract_here(page(), URL, spider.site_rules, assume_article=True)
    assert result.fields is not None and result.fields["authors"] == ["Ana Ruiz", "Tom Berg"]


def test_bad_declarations_fail_when_the_spider_is_built() -> None:
    class Bad(SitePlanSpider):
        field_selectors: ClassVar[dict[str, Any]] = {"title": {"css": "h1["}}

    with pytest.raises(ValueError, match=r"fields.title.css: 'h1\[' is not a valid CSS selector"):
        Bad()
    with pytest.raises(ValueError, match="field function 'tests.fixtures.sites.fixes:missing' is not a function"):
        load_function("tests.fixtures.sites.fixes:missing")
    with pytest.raises(ValueError, match="cannot be imported"):
        load_function("no_such_package.fixes:x")


def test_path_patterns_are_anchored_at_the_path() -> None:
    class Paths(NewsSiteSpider):
        name = "paths"
        start_urls: ClassVar[list[str]] = ["https://news.example/"]
        article_urls: ClassVar[list[str]] = [r"^/\d{4}/\d{2}/\d{2}/[\w-]+\.html$"]
        deny_urls: ClassVar[list[str]] = [r"^/\d{4}/01/", r"\?share="]

    spider = Paths()
    assert spider.is_article_url(URL)
    assert not spider.is_article_url("https://news.example/archive/2024/03/02/harbour.html")
    assert not spider.should_follow("https://news.example/2024/01/02/harbour.html")  # denied by path
    # Listed URLs (feeds, sitemaps) are refused by either kind; found links by the link extractor.
    assert spider.site_plan.refuses("https://news.example/2024/01/02/harbour.html")
    assert spider.site_plan.refuses("https://news.example/2024/03/02/harbour.html?share=x")
    assert spider.link_extractor.deny_res[0].pattern == r"\?share="
