"""The sites a crawl knows: the bundled entries (``newsspider/sites/data/*.toml``), then the
entries of each folder in ``NEWSSPIDER_SITES_DIRS`` (relative to the project root, the folder of
``scrapy.cfg``; an entry there replaces a bundled one of the same name)."""

from __future__ import annotations

from pathlib import Path

from scrapy.settings import BaseSettings
from scrapy.utils.conf import closest_scrapy_cfg

from newsspider import config
from newsspider.sites.entry import EntryError, SiteEntry, load_entry

BUNDLED_DIR = Path(__file__).parent / "data"
ALL = "all"


def project_root() -> Path:
    """The folder of the project's ``scrapy.cfg``, else the working folder."""
    cfg = closest_scrapy_cfg()
    return Path(cfg).parent if cfg else Path.cwd()


def sites_dirs(settings: BaseSettings) -> list[Path]:
    """The bundled folder and the project's, in the order their entries are read."""
    root = project_root()
    return [BUNDLED_DIR, *(root / d for d in config.get(settings, "NEWSSPIDER_SITES_DIRS"))]


def load_sites(settings: BaseSettings) -> dict[str, SiteEntry]:
    """Every known site by name; :class:`EntryError` (one line) on a bad entry or a missing folder."""
    sites: dict[str, SiteEntry] = {}
    for folder in sites_dirs(settings):
        if not folder.is_dir():
            raise EntryError(f"NEWSSPIDER_SITES_DIRS: {folder} is not a folder; give folders of <name>.toml site entries")
        for path in sorted(folder.glob("*.toml")):
            entry = load_entry(path)
            sites[entry.name] = entry
    return sites


def select_sites(sites: dict[str, SiteEntry], names: str) -> list[SiteEntry]:
    """The entries named in ``names`` (comma-separated, or ``all``); ValueError listing the known names."""
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    if wanted == [ALL]:
        return [sites[n] for n in sorted(sites)]
    unknown = [n for n in wanted if n not in sites]
    if unknown or not wanted:
        what = f"unknown site {unknown[0]!r}" if unknown else "no site given"
        raise ValueError(f"{what}: give -a sites=NAME[,NAME...] or -a sites=all; known sites: {', '.join(sorted(sites)) or 'none'}")
    return [sites[n] for n in dict.fromkeys(wanted)]
