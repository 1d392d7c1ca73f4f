"""Golden files per site spider: saved pages and the records they must give, field by field.

Layout: ``tests/golden/<spider>/<case>.html.gz`` (the page as fetched) and ``<case>.json``
(``{"url": …, "record": {…}}``, the expected record without ``fetched_at``). A failing case
shows each field that changed, expected and got (a line diff for long texts), and how to accept
the change: ``NEWSSPIDER_UPDATE_GOLDEN=1 pytest tests/golden/test_golden.py`` rewrites the
expectations; review them with ``git diff tests/golden``.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest
from itemadapter import ItemAdapter
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

from newsspider.extraction import extract_page
from newsspider.items import article_from_fields
from newsspider.sites.entry import load_entry, spider_class
from newsspider.sites.registry import BUNDLED_DIR
from pipelines.normalize import normalize_article
from tests.helpers import golden_field_diff

GOLDEN = Path(__file__).parent
CASES = sorted(GOLDEN.glob("*/*.html.gz"))
UPDATE = os.environ.get("NEWSSPIDER_UPDATE_GOLDEN") == "1"
#: Golden pages of a site that also has a bundled entry (newsspider/sites/data/<site>.toml).
ENTRY_CASES = [p for p in CASES if (BUNDLED_DIR / f"{p.parent.name}.toml").is_file()]


def record_for(spider_name: str, html: bytes, url: str, spidercls: type | None = None) -> dict[str, Any]:
    """What the spider's extraction and the normalize pipeline make of a saved page."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newsspider.settings")
    spidercls = spidercls or SpiderLoader.from_settings(get_project_settings()).load(spider_name)
    spider = spidercls(url=url)
    result = extract_page(html, url, spider.site_rules, assume_article=spider.is_article_url(url) is True)
    assert result.fields is not None, f"no record: {result.skip_reason}"
    adapter = ItemAdapter(article_from_fields(result.fields, url=url, site=spider_name, fetched_at=""))
    normalize_article(adapter)
    record = adapter.asdict()
    del record["fetched_at"]
    return record


@pytest.mark.parametrize("page", CASES, ids=lambda p: f"{p.parent.name}/{p.name.removesuffix('.html.gz')}")
def test_golden_record(page: Path) -> None:
    expected_path = page.with_name(page.name.removesuffix(".html.gz") + ".json")
    case = json.loads(expected_path.read_text(encoding="utf-8"))
    actual = record_for(page.parent.name, gzip.decompress(page.read_bytes()), case["url"])
    if UPDATE:
        case["record"] = actual
        expected_path.write_text(json.dumps(case, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    diff = golden_field_diff(case["record"], actual, f"{page.parent.name}/{page.name.removesuffix('.html.gz')}")
    assert not diff, diff


@pytest.mark.parametrize("page", ENTRY_CASES, ids=lambda p: f"{p.parent.name}/{p.name.removesuffix('.html.gz')}")
def test_the_bundled_entry_gives_the_golden_record(page: Path) -> None:
    """The site's entry (what ``scrapy crawl sites`` crawls) takes the page for an article and gives
    the record its spider gives."""
    site = page.parent.name
    case = json.loads(page.with_name(page.name.removesuffix(".html.gz") + ".json").read_text(encoding="utf-8"))
    entry_spider = spider_class(load_entry(BUNDLED_DIR / f"{site}.toml"))
    assert entry_spider(url=case["url"]).is_article_url(case["url"]) is True
    actual = record_for(site, gzip.decompress(page.read_bytes()), case["url"], entry_spider)
    diff = golden_field_diff(case["record"], actual, f"entry {site}/{page.name.removesuffix('.html.gz')}")
    assert not diff, diff


def test_every_site_spider_has_golden_files() -> None:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newsspider.settings")
    loader = SpiderLoader.from_settings(get_project_settings())
    # Not the generic spider, nor the sites spider (its sites are entries, not spiders).
    site_spiders = {name for name in loader.list() if name != "news" and not getattr(loader.load(name), "multi_site", False)}
    assert site_spiders <= {p.parent.name for p in CASES}
