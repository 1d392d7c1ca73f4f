"""Every ``NEWSSPIDER_*`` setting, declared once: name, type, default, one-line doc.

The add-on (:class:`newsspider.Addon`) applies the defaults at ``"addon"`` priority, components
read values through :func:`get`, a bad value fails with one line naming the setting and the fix
(:func:`check` runs before ``scrapy crawl`` starts: exit status 2), and the docs' settings table
is rendered from :data:`SETTINGS` (:func:`markdown_table`). A test compares this declaration
with every ``NEWSSPIDER_*`` name the code uses (``tests/unit/test_config_declaration.py``).

Types: ``bool`` (``True``/``False``, ``1``/``0``, ``yes``/``no``, ``on``/``off``; empty is
False), ``int``, ``float``, ``str``, ``list`` (a list, or a comma-separated string). A
numeric setting may declare bounds (``at_least``, ``above``, ``at_most``); a setting whose
declared default is ``None`` may be left empty (e.g. ``NEWSSPIDER_EXTRACTION_WORKERS``: the
CPU count). Checks that need more than the type (a known backend, known flags, CIDRs) stay
with the component that reads the value, and name the setting the same way.
"""

from __future__ import annotations

import difflib
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

TYPES = ("bool", "int", "float", "str", "list")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass(frozen=True)
class Setting:
    """One declared setting. ``type`` is one of :data:`TYPES`.

    ``at_least``/``above``/``at_most`` bound a number; ``choices`` lists the values a ``str``
    setting accepts (compared in lower case); ``expected`` replaces the generated "give …" part
    of the error message; ``env`` names an environment variable whose value, when set, replaces
    the default (read when the default is applied, not at import); ``validator`` is the import
    path of a function of the parsed value that raises ValueError (naming the setting) when the
    value is wrong beyond its type: :func:`check` runs it, and so does the component reading it.
    """

    name: str
    type: str
    default: Any
    doc: str
    at_least: float | None = None
    above: float | None = None
    at_most: float | None = None
    choices: tuple[str, ...] = ()
    expected: str = ""
    env: str = ""
    validator: str = ""

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"{self.name}: unknown type {self.type!r}")

    def default_value(self) -> Any:
        """The default, from the environment when ``env`` is set there."""
        if self.env and os.environ.get(self.env) is not None:
            return self.parse(os.environ[self.env])
        return list(self.default) if isinstance(self.default, (list, tuple)) else self.default

    def expected_text(self) -> str:
        """What a valid value looks like (the fix named by error messages)."""
        if self.expected:
            return self.expected
        if self.type == "bool":
            return "True or False (1 or 0)"
        if self.type == "list":
            return "a list or a comma-separated string"
        if self.choices:
            return " or ".join(self.choices)
        if self.type == "str":
            return "a string"
        kind = "a whole number" if self.type == "int" else "a number"
        if self.at_least is not None and self.at_most is not None:
            return f"{kind} from {self.at_least:g} to {self.at_most:g}"
        if self.above is not None:
            return f"{kind} > {self.above:g}"
        if self.at_least is not None:
            return f"{kind} >= {self.at_least:g}"
        return kind

    def error(self, value: Any) -> ValueError:
        return ValueError(f"{self.name}={value!r} is invalid: give {self.expected_text()}")

    def parse(self, value: Any) -> Any:
        """``value`` as this setting's type; ValueError (one line, naming the setting) when it is not one."""
        if value is None or (isinstance(value, str) and not value.strip() and self.type in ("int", "float")):
            if self.default is None:
                return None
            if value is None:
                return self.default_value()
            raise self.error(value)
        parsed = _PARSERS[self.type](value)
        if parsed is None or (self.choices and parsed.strip().lower() not in self.choices):
            raise self.error(value)
        if self.type in ("int", "float") and not (
            (self.at_least is None or parsed >= self.at_least)
            and (self.above is None or parsed > self.above)
            and (self.at_most is None or parsed <= self.at_most)
        ):
            raise self.error(value)
        return parsed


def as_bool(value: Any) -> bool | None:
    """``value`` as a boolean (see the module docstring), None when it is not one."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return int(value.strip())
    return None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _str(value: Any) -> str | None:
    if isinstance(value, os.PathLike):
        return os.fspath(value)  # type: ignore[return-value]
    return str(value) if isinstance(value, (str, int, float)) else None


def _list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        return None
    return [str(item).strip() for item in items if str(item).strip()]


_PARSERS = {"bool": as_bool, "int": _int, "float": _float, "str": _str, "list": _list}

SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        # Pipelines (docs/settings.md).
        Setting("NEWSSPIDER_NORMALIZE_ENABLED", "bool", True,
                "whitespace, Unicode NFC, ISO 8601 dates, absolute URLs, `word_count`, `fingerprint`"),
        Setting("NEWSSPIDER_VALIDATE_ENABLED", "bool", True,
                "drop records missing a required field (`url`, `site`, `title`, `body`) or with a bad URL/date"),
        Setting("NEWSSPIDER_MIN_BODY_WORDS", "int", 50,
                "records with fewer body words are dropped (`too_short`); words counted as in `word_count` "
                "(CJK: 2 characters a word)", at_least=0),
        Setting("NEWSSPIDER_DEDUPE_ENABLED", "bool", True,
                "drop records whose URL or body fingerprint was already exported in this crawl"),
        Setting("NEWSSPIDER_QUALITY_ENABLED", "bool", True,
                "flag records (`quality`: `paywall`, `teaser`, `boilerplate`); off: `quality` stays empty"),
        Setting("NEWSSPIDER_QUALITY_DROP", "list", ["paywall"],
                "quality flags whose records are dropped; empty: flag only",
                validator="pipelines.quality.drop_flags"),
        Setting("NEWSSPIDER_SITELEARN_ENABLED", "bool", True,
                "learn each site's repeated blocks (menus, footers) and remove them from bodies"),
        Setting("NEWSSPIDER_SITELEARN_MIN_PAGES", "int", 3,
                "a block is learned once seen on this many pages of a site", at_least=2),
        Setting("NEWSSPIDER_SITELEARN_MIN_SHARE", "float", 0.02,
                "... and on at least this share of its pages", at_least=0, at_most=1),
        Setting("NEWSSPIDER_SITELEARN_MAX_WORDS", "int", 40,
                "blocks of more words are never learned", at_least=1),
        Setting("NEWSSPIDER_SITELEARN_HOLD", "int", 20,
                "records of a site held back until its blocks are learned (0: never hold)", at_least=0),
        Setting("NEWSSPIDER_SITELEARN_MAX_HOLD", "float", 30.0,
                "seconds a site's records are held at most", at_least=0),
        Setting("NEWSSPIDER_SITELEARN_TITLES", "bool", True,
                "learn the site name each site's titles repeat before or after a separator and strip it from titles"),
        Setting("NEWSSPIDER_SITELEARN_TAGS", "bool", True,
                "learn the keywords each site declares on nearly every story (80% of 10 or more) and drop them from tags"),
        Setting("NEWSSPIDER_SITELEARN_PERSIST", "bool", True,
                "keep what each site taught in the incremental state, for the next crawl of the site to start from "
                "(needs NEWSSPIDER_STATE_ENABLED)"),
        Setting("NEWSSPIDER_SYNDICATION", "str", "flag",
                "syndicated copies of one story (other sites' reprints, light edits): `flag` sets `cluster_id`, "
                "`cluster_size`, `canonical`; `drop` also drops every copy that is not the earliest published; `off`",
                choices=("flag", "drop", "off")),
        Setting("NEWSSPIDER_SYNDICATION_BATCH_WAIT", "float", 0.05,
                "seconds a record waits for others to be clustered with it in one transaction "
                "(a SQLite commit per record costs more than clustering it); 0: the next reactor turn",
                at_least=0, at_most=5),
        # Exports.
        Setting("NEWSSPIDER_DEFAULT_FEED", "str", "exports/%(name)s-%(time)s.jsonl",
                "feed written when no `-o`/`-O`/`FEEDS` is given (format from the extension); empty: none",
                validator="newsspider.addons.default_feed_format"),
        Setting("NEWSSPIDER_PARQUET_PART_RECORDS", "int", 10_000,
                "a Parquet feed's part is closed (readable, recorded in the state) after this many records", at_least=1),
        Setting("NEWSSPIDER_PARQUET_PART_SECONDS", "float", 300.0,
                "... or this many seconds after its first record; 0: no time limit", at_least=0),
        Setting("NEWSSPIDER_CSV_ESCAPE_FORMULAS", "bool", True,
                "CSV cells starting with `= + - @` are prefixed with `'` (spreadsheet formula injection)"),
        # Extraction.
        Setting("NEWSSPIDER_EXTRACTION_WORKERS", "int", None,
                "extraction worker processes; 0: extract inline; empty: the CPU count",
                at_least=0, expected="0 (inline) or a number of worker processes"),
        Setting("NEWSSPIDER_EXTRACTION_TIMEOUT", "float", 30.0,
                "seconds a worker may spend on one page", above=0, expected="a number of seconds > 0"),
        Setting("NEWSSPIDER_EXTRACTION_FUNCTION", "str", "newsspider.extraction.extract_page",
                "import path of the extraction function: the default runs the block model first and "
                "trafilatura only where it is unsure; `newsspider.extraction.extract_page_full` runs every page "
                "through trafilatura, the rules and the full block model (~0.65x the speed, F1 a few thousandths "
                "higher) and `newsspider.extraction.extract_page_fast` the rules only",
                validator="newsspider.pool.check_extraction_function"),
        # Discovery and incremental crawls (docs/crawling.md).
        Setting("NEWSSPIDER_DISCOVERY", "list", ["feeds", "sitemaps", "links"],
                "where article URLs come from: some of `feeds`, `sitemaps`, `links`",
                validator="newsspider.discovery.spider.discovery_sources"),
        Setting("NEWSSPIDER_SINCE", "str", "",
                "only articles published on/after this date (`2024-01-01` or relative: `2d`); `-a since=`"),
        Setting("NEWSSPIDER_UNTIL", "str", "",
                "only articles published on/before this date; `-a until=`"),
        Setting("NEWSSPIDER_STATE_ENABLED", "bool", True,
                "remember exported records across crawls and skip them (default from the environment "
                "variable `NEWSSPIDER_STATE_ENABLED` when set)", env="NEWSSPIDER_STATE_ENABLED"),
        Setting("NEWSSPIDER_STATE_BACKEND", "str", "sqlite",
                "`sqlite` or the import path of a `newsspider.state.StateStore` subclass (distributed mode: Redis)",
                validator="newsspider.state.load_backend"),
        Setting("NEWSSPIDER_STATE_PATH", "str", "",
                "SQLite state file; empty: `.scrapy/newsspider/state.sqlite` in the project data dir "
                "(or the working folder outside a project)"),
        Setting("NEWSSPIDER_STATE_FRESH", "bool", False,
                "ignore what the state remembers (still record new exports); `-a fresh=1`"),
        # Site entries (docs/add-a-site.md).
        Setting("NEWSSPIDER_SITES_DIRS", "list", [],
                "folders of `<name>.toml` site entries for the `sites` spider, relative to the project root "
                "(beside the bundled ones; an entry there replaces a bundled one of the same name)"),
        # Politeness and downloads (docs/politeness.md, docs/security.md).
        Setting("NEWSSPIDER_CRAWL_DELAY_ENABLED", "bool", True,
                "robots.txt `Crawl-delay` becomes the host's minimum delay (needs `ROBOTSTXT_OBEY`)"),
        Setting("NEWSSPIDER_CRAWL_DELAY_MAX", "float", 10.0,
                "seconds: a longer `Crawl-delay` is capped to this", at_least=0),
        Setting("NEWSSPIDER_RETRY_BACKOFF", "float", 1.0,
                "seconds before the first retry, doubled at each retry", at_least=0),
        Setting("NEWSSPIDER_RETRY_MAX_DELAY", "float", 60.0,
                "seconds: longest wait before a retry; a longer `Retry-After` gives the page up", at_least=0),
        Setting("NEWSSPIDER_CHARSET_REPAIR", "bool", True,
                "re-decode HTML whose declared charset is wrong (mojibake repair)"),
        Setting("NEWSSPIDER_NETGUARD_ENABLED", "bool", True,
                "refuse crawled links and redirects to internal networks (start URLs' hosts are trusted)"),
        Setting("NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS", "list", [],
                "CIDRs the network guard lets through, e.g. `10.1.0.0/16`",
                validator="newsspider.middlewares.netguard.allowed_networks"),
        Setting("NEWSSPIDER_TRACKING_PARAMS", "list", [
            "utm_*", "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid",
            "_ga", "_gl", "igshid", "ocid", "cmpid", "ncid", "at_medium", "at_campaign", "sr_share", "smid",
        ], "query parameters removed from URLs before de-duplication (a trailing `*` matches a prefix)"),
        # Distributed crawls (newsspider/distributed.py).
        Setting("NEWSSPIDER_REDIS_URL", "str", "",
                "e.g. `redis://127.0.0.1:6379/0`: share the crawl with other workers; empty: one process",
                validator="newsspider.distributed.check_redis_url"),
        Setting("NEWSSPIDER_REDIS_WORKERS", "int", 1,
                "workers sharing the crawl: per-domain concurrency divided, delays multiplied by it", at_least=1),
        Setting("NEWSSPIDER_REDIS_IDLE_TIMEOUT", "float", 30.0,
                "seconds all workers must have been idle before one closes", above=0),
        # Progress.
        Setting("NEWSSPIDER_PROGRESS_INTERVAL", "float", 5.0,
                "seconds between progress updates; 0: none", at_least=0),
        Setting("NEWSSPIDER_PROGRESS_LIVE", "str", "auto",
                "`auto`: a live progress line when stderr is a terminal; `True`/`False`: always/never",
                choices=("auto", *sorted(_TRUE | _FALSE - {""})), expected="auto, True or False"),
    )
}  # fmt: skip


def declared(name: str) -> Setting:
    """The declaration of ``name``; KeyError naming the file to declare it in."""
    try:
        return SETTINGS[name]
    except KeyError:
        raise KeyError(f"{name} is not declared in newsspider/config.py") from None


def get(settings: BaseSettings, name: str) -> Any:
    """The value of declared setting ``name`` in ``settings``, parsed as its type (its declared
    default when unset); ValueError naming the setting and the fix on a bad value."""
    setting = declared(name)
    return setting.parse(settings.get(name)) if name in settings else setting.default_value()


def check(settings: BaseSettings) -> None:
    """Parse (and validate) every declared setting in ``settings``: the first bad one (or a
    misspelt name, :func:`misspelt_setting`) raises its one-line ValueError. ``scrapy crawl``
    runs this before starting (exit status 2)."""
    from scrapy.utils.misc import load_object

    for name in settings:
        misspelt = misspelt_setting(str(name))
        if misspelt:
            raise ValueError(misspelt)
    for name, setting in SETTINGS.items():
        value = get(settings, name)
        if setting.validator:
            load_object(setting.validator)(value)


_PREFIX = "NEWSSPIDER_"


def misspelt_setting(name: str) -> str:
    """The one-line error for ``name`` when it is a misspelling of a declared setting (a wrong
    case, a missing or extra letter or word: "MIN_WORDS" for ``NEWSSPIDER_MIN_BODY_WORDS``), else "".

    Names that resemble no declared setting pass: a project may add settings of its own (and
    the tests do), and Scrapy ignores unknown names; a near miss is a typo whose setting would
    silently keep its default.
    """
    if name in SETTINGS or not name.upper().startswith(_PREFIX):
        return ""
    if name.upper() in SETTINGS:
        return f"{name} is not a setting: settings are upper case, give {name.upper()}"
    suffixes = {declared_name[len(_PREFIX):]: declared_name for declared_name in SETTINGS}
    close = difflib.get_close_matches(name.upper()[len(_PREFIX):], suffixes, n=1, cutoff=0.75)
    if not close:
        return ""
    return f"{name} is not a newsspider setting: did you mean {suffixes[close[0]]}? (see docs/settings.md)"


def defaults() -> dict[str, Any]:
    """Every declared setting's default (environment overrides applied), to be set at "addon" priority."""
    return {name: setting.default_value() for name, setting in SETTINGS.items()}


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return f"`{','.join(value)}`" if value else ""
    return f"`{value!r}`" if not isinstance(value, str) else f"`{value}`" if value else ""


def markdown_table() -> str:
    """The settings table of the docs: one row per declared setting."""
    rows = ["| setting | type | default | meaning |", "|---|---|---|---|"]
    for s in SETTINGS.values():
        rows.append(f"| `{s.name}` | {s.type} | {_shown(s.default)} | {s.doc} |")
    return "\n".join(rows)
