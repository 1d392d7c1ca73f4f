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

ADDONS = {"newsspider.Addon": 0}
