"""The bundled offline demo news site "Demo Daily": static pages, ground truth and a server.

``SITE_DIR`` holds the generated pages (``python -m newsspider.demo.build_site`` rewrites it),
``GROUND_TRUTH_PATH`` the expected extraction of every article, ``DemoServer`` serves the site
on 127.0.0.1 for tests, the CLI and benchmarks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

DEMO_DIR = Path(__file__).resolve().parent
SITE_DIR = DEMO_DIR / "site"
GROUND_TRUTH_PATH = DEMO_DIR / "ground_truth.json"

if TYPE_CHECKING:  # pragma: no cover
    from newsspider.demo.server import DemoServer

__all__ = ["DEMO_DIR", "GROUND_TRUTH_PATH", "SITE_DIR", "DemoServer"]


def __getattr__(name: str) -> Any:
    """Import ``DemoServer`` lazily, so ``python -m newsspider.demo.server`` runs cleanly."""
    if name == "DemoServer":
        from newsspider.demo.server import DemoServer

        return DemoServer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
