"""Scrapy add-ons of the project (``ADDONS`` setting)."""

from __future__ import annotations

from scrapy.settings import BaseSettings


class DefaultFeed:
    """Export to ``NEWSSPIDER_DEFAULT_FEED`` when no feed is configured.

    A default in ``FEEDS`` itself would not do: Scrapy merges ``-o/-O`` into ``FEEDS``, so a
    crawl run with ``-O out.csv`` would write the default file too. This add-on only fills
    ``FEEDS`` when it is empty. ``NEWSSPIDER_DEFAULT_FEED`` (default
    ``exports/%(name)s-%(time)s.jsonl``) is a feed URI with Scrapy's placeholders; its format
    comes from the extension (``.jsonl``/``.jsonlines``, ``.json``, ``.csv``, ``.xml``); empty: no default.
    """

    FORMATS = {".jsonl": "jsonlines", ".jsonlines": "jsonlines", ".json": "json", ".csv": "csv", ".xml": "xml"}

    def update_settings(self, settings: BaseSettings) -> None:
        uri = settings.get("NEWSSPIDER_DEFAULT_FEED")
        if not uri or settings.getdict("FEEDS"):
            return
        suffix = "." + str(uri).rsplit(".", 1)[-1].lower()
        if suffix not in self.FORMATS:
            raise ValueError(
                f"NEWSSPIDER_DEFAULT_FEED={uri!r} must end in one of {', '.join(self.FORMATS)} (or be empty)"
            )
        settings.set("FEEDS", {uri: {"format": self.FORMATS[suffix], "encoding": "utf-8"}}, priority="addon")
