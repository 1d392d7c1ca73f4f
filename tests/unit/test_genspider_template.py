"""``scrapy genspider -t news``: newsspider's template beside Scrapy's, with the keys of a site entry."""

from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

import pytest
from scrapy.settings import Settings

from newsspider.commands.genspider import TEMPLATES_DIR, Command
from newsspider.sites.entry import ENTRY_KEYS
from newsspider.spiders.base import NewsSiteSpider


def _command() -> Command:
    command = Command()
    command.settings = Settings({"NEWSPIDER_MODULE": "", "BOT_NAME": "newsspider"})
    return command


def test_news_beside_scrapys_templates(capsys: pytest.CaptureFixture[str]) -> None:
    command = _command()
    assert command._find_template("news") == TEMPLATES_DIR / "news.tmpl"
    assert command._find_template("basic") is not None and command._find_template("basic").name == "basic.tmpl"
    command._list_templates()
    assert {"basic", "crawl", "news"} <= set(capsys.readouterr().out.split())


def test_news_template_is_a_site_spider_with_the_keys_of_an_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    opts = argparse.Namespace(list=False, dump=None, template="news", force=False, edit=False)
    _command().run(["exampletimes", "exampletimes.com"], opts)
    spec = importlib.util.spec_from_file_location("exampletimes", tmp_path / "exampletimes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    spider = module.ExampletimesSpider
    assert issubclass(spider, NewsSiteSpider)
    assert (spider.name, spider.allowed_domains, spider.start_urls) == ("exampletimes", ["exampletimes.com"], ["https://exampletimes.com"])
    # The top-level keys of an entry (languages are informative; [fields] and [[versions]]: docs/add-a-site.md).
    keys = {"allowed_domains" if k == "domains" else k for k in ENTRY_KEYS} - {"languages", "fields", "versions"}
    assert keys <= set(vars(spider)), keys - set(vars(spider))
