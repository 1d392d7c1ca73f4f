"""Sites as data: one TOML entry per news site (entry.py), found in the bundled folder and the
project's ``NEWSSPIDER_SITES_DIRS`` (registry.py), crawled by the ``sites`` spider
(``newsspider/spiders/sites.py``) or turned into a spider class of their own
(:func:`newsspider.sites.entry.spider_class`). See docs/add-a-site.md."""
