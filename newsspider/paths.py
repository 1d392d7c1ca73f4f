"""Where newsspider keeps its files (the incremental state), inside a Scrapy project or not.

Inside a project the folder is Scrapy's project data directory (``.scrapy/`` next to
``scrapy.cfg``, or its ``[datadir]``), as before. Scrapy's own ``data_path`` raises
``NotConfigured`` when ``SCRAPY_SETTINGS_MODULE`` is set but no ``scrapy.cfg`` is found, which
silently switched the state off outside a project; there the folder is ``.scrapy/`` in the
current working folder instead.
"""

from __future__ import annotations

from pathlib import Path

from scrapy.exceptions import NotConfigured
from scrapy.utils.project import data_path

#: newsspider's sub-folder of the data directory.
DATA_SUBDIR = "newsspider"


def newsspider_data_path(name: str) -> Path:
    """The absolute path of newsspider's file ``name`` (not created): ``<data dir>/newsspider/<name>``."""
    relative = Path(DATA_SUBDIR, name)
    try:
        path = Path(data_path(relative))
    except NotConfigured:  # SCRAPY_SETTINGS_MODULE without scrapy.cfg
        path = Path(".scrapy", relative)
    return path.absolute()
