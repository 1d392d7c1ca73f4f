"""The second bundled demo site, "The Daily Ledger": other URL shapes than Demo Daily.

Articles live at ``/news/<id>-<slug>`` (no file extension) and ``/article?id=<id>`` (query-string
articles); sections are paginated (``/section/<name>?page=N``); tag, author, about, contact,
live-blog index and photo gallery pages are there to look article-ish without being articles.
``SITE_DIR`` holds the generated files and ``routes.json`` (URL path and query -> file), which
:class:`LedgerServer` serves; ``GROUND_TRUTH_PATH`` lists every article with its expected fields
and every non-article page. ``python -m newsspider.ledger.build_site`` rewrites both.

Everything on the site is made up by the generator (the text comes from Demo Daily's sentence
tables with another seed); it is part of newsspider and under the same licence (MIT).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

LEDGER_DIR = Path(__file__).resolve().parent
SITE_DIR = LEDGER_DIR / "site"
GROUND_TRUTH_PATH = LEDGER_DIR / "ground_truth.json"

if TYPE_CHECKING:  # pragma: no cover
    from newsspider.ledger.server import LedgerServer

__all__ = ["GROUND_TRUTH_PATH", "LEDGER_DIR", "SITE_DIR", "LedgerServer"]


def __getattr__(name: str) -> Any:
    """Import ``LedgerServer`` lazily, so ``python -m newsspider.ledger.server`` runs cleanly."""
    if name == "LedgerServer":
        from newsspider.ledger.server import LedgerServer

        return LedgerServer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
