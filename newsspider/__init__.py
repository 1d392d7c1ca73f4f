"""newsspider: news sites in, clean article datasets out (Scrapy + trafilatura + item pipelines).

In a Scrapy project's ``settings.py``, ``ADDONS = {"newsspider.Addon": 0}`` switches it on.

``Addon`` is imported on first use (PEP 562): importing a submodule (the extraction workers'
fork server starts with the language model's) does not import Scrapy's settings machinery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsspider.addons import Addon

__all__ = ["Addon"]


def __getattr__(name: str) -> Any:
    if name == "Addon":
        from newsspider.addons import Addon

        globals()["Addon"] = Addon
        return Addon
    raise AttributeError(f"module 'newsspider' has no attribute {name!r}")
