"""Sites as data: one TOML entry per news site (entry.py), found in the bundled folder and the
project's ``NEWSSPIDER_SITES_DIRS`` (registry.py), crawled by the ``sites`` spider
(``newsspider/spiders/sites.py``) or turned into a spider class of their own
(:func:`newsspider.sites.entry.spider_class`); ``newsspider new-site`` infers an entry from a
sample of a site (infer.py, newsite.py) and writes it with :func:`~newsspider.sites.entry.dump_entry`.
See docs/add-a-site.md, docs/new-site.md."""
