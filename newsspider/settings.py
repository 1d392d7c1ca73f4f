"""Scrapy settings of this repository's own project: newsspider's add-on does the rest.

Every ``NEWSSPIDER_*`` setting is declared, with its default, in ``newsspider/config.py``; Scrapy
settings newsspider changes are in ``newsspider/addons.py``. Any of them set here wins over
the add-on's default.
"""

BOT_NAME = "newsspider"
SPIDER_MODULES = ["newsspider.spiders"]
NEWSPIDER_MODULE = "newsspider.spiders"
# Loaded before add-ons run, so it cannot come from the add-on: `scrapy crawl` with newsspider's
# exit statuses, crawl summary and one-line errors on bad settings.
COMMANDS_MODULE = "newsspider.commands"
# scrapy parse/shell URL: a URL no site spider handles goes to the generic spider (newsspider/spiderloader.py).
SPIDER_LOADER_CLASS = "newsspider.spiderloader.SpiderLoader"
# scrapy check: @url may be a path on the spider's start URL; @scrapes wants values (newsspider/contracts.py).
SPIDER_CONTRACTS = {
    "scrapy.contracts.default.UrlContract": None,
    "scrapy.contracts.default.ScrapesContract": None,
    "newsspider.contracts.UrlContract": 1,
    "newsspider.contracts.ScrapesContract": 3,
}

ADDONS = {"newsspider.Addon": 0}
