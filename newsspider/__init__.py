"""newsspider: news sites in, clean article datasets out (Scrapy + trafilatura + item pipelines).

In a Scrapy project's ``settings.py``, ``ADDONS = {"newsspider.Addon": 0}`` switches it on.
"""

from newsspider.addons import Addon

__all__ = ["Addon"]
