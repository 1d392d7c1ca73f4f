"""Project commands (``COMMANDS_MODULE``): Scrapy's own, with spider arguments checked up front
(``crawl``), and the debugging commands made to fit newsspider's spiders (``parse``, ``shell``)."""

from __future__ import annotations

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings


def without_default_feed(settings: BaseSettings) -> None:
    """No feed but the ``-o``/``-O`` of the command line: a debugging command must not leave an
    empty file in ``exports/`` (the default feed of ``newsspider.addons.DefaultFeed``).

    As Scrapy's ``check`` command does: ``FEEDS`` set empty above the spider's and the add-ons'
    priorities and below the command line's, which ``-o``/``-O`` set.
    """
    priority = (SETTINGS_PRIORITIES["spider"] + SETTINGS_PRIORITIES["cmdline"]) // 2
    settings.set("FEEDS", {}, priority=priority)
