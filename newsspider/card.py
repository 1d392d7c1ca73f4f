"""``newsspider card EXPORT``: a Hugging Face dataset card (README.md) for an export (docs/card.md).

EXPORT is a JSON lines file (``.jsonl``/``.jl``, optionally ``.gz``), a CSV file, or a Parquet
file or folder of Parquet parts (read with pyarrow). The card is a YAML header (languages, size
category, licence, task categories, the data files) and sections computed from the records in
one pass, plus what the crawl record beside the export (``newsspider/crawlinfo.py``) adds:
versions, content settings, drop counts and the sites' robots.txt statements about AI training.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from newsspider import config
from newsspider.crawlinfo import content_setting_names, package_version, read_crawl_record, record_path, setting_names
from newsspider.exporters import MULTIVALUE_SEPARATOR
from newsspider.items import ARTICLE_FIELDS, Article
from newsspider.revisions import float_or_none, int_or_none
from newsspider.robotsai import agent_verdict

#: Record fields holding lists (joined in CSV) and numbers (strings in CSV).
LIST_FIELDS = ("authors", "tags")
INT_FIELDS = ("word_count", "version", "cluster_size")
#: Hugging Face ``size_categories`` bounds.
SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
                   (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B"))  # fmt: skip
TASK_CATEGORIES = ("text-generation", "text-classification")
#: Settings the de-duplication and clustering section lists.
DEDUPE_SETTINGS = ("NEWSSPIDER_DEDUPE_*", "NEWSSPIDER_SYNDICATION", "NEWSSPIDER_STATE_ENABLED", "NEWSSPIDER_STATE_FRESH")
#: File name of the chart, beside the card.
CHART_NAME = "articles_per_day.png"
_MONTH = re.compile(r"^\d{4}-\d{2}")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class CardError(Exception):
    """An export the card cannot read; the message names the fix."""


# ------------------------------------------------------------------ reading exports


def read_export(export: Path) -> Iterator[dict[str, Any]]:
    """The records of an export, one dict each (CSV values typed back: lists, numbers, None)."""
    if not export.exists():
        raise CardError(f"{export} does not exist")
    if export.is_dir() or export.suffix == ".parquet":
        yield from _read_parquet(export)
    elif export.name.removesuffix(".gz").endswith(".csv"):
        with _open_text(export) as stream:
            yield from (_typed(row) for row in csv.DictReader(stream))
    else:
        with _open_text(export) as stream:
            for number, line in enumerate(stream, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as err:
                        raise CardError(f"{export}:{number}: not a JSON line ({err.msg}); give JSON lines, CSV or Parquet") from err


def _open_text(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {k: (v if v != "" else None) for k, v in row.items() if k is not None}
    for name in LIST_FIELDS:
        if isinstance(record.get(name), str):
            record[name] = [v.strip() for v in record[name].split(MULTIVALUE_SEPARATOR.strip()) if v.strip()]
    for name in INT_FIELDS:
        if name in record:
            record[name] = int_or_none(record[name])
    if "changed_ratio" in record:
        record["changed_ratio"] = float_or_none(record["changed_ratio"])
    if isinstance(record.get("canonical"), str):
        record["canonical"] = record["canonical"].lower() in ("true", "1", "yes")
    return record


def _read_parquet(export: Path) -> Iterator[dict[str, Any]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise CardError(f"{export} is Parquet: reading it needs pyarrow (pip install pyarrow)") from None
    parts = sorted(export.rglob("*.parquet")) if export.is_dir() else [export]
    if not parts:
        raise CardError(f"{export} holds no .parquet files")
    for part in parts:
        for batch in pq.ParquetFile(part).iter_batches():
            yield from batch.to_pylist()


# ------------------------------------------------------------------ one pass over the records


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {})


@dataclass
class Summary:
    """What the card reports, counted in one pass (:meth:`add`)."""

    records: int = 0
    sites: Counter[str] = field(default_factory=Counter)
    hosts: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    languages: Counter[str] = field(default_factory=Counter)
    months: Counter[str] = field(default_factory=Counter)
    days: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    filled: Counter[str] = field(default_factory=Counter)
    fields: dict[str, None] = field(default_factory=dict)
    quality: Counter[str] = field(default_factory=Counter)
    extraction: Counter[str] = field(default_factory=Counter)
    words: int = 0
    fetched: list[str] = field(default_factory=list)  # first and last fetched_at
    versions: Counter[int] = field(default_factory=Counter)
    changed: list[float] = field(default_factory=list)
    clusters: Counter[str] = field(default_factory=Counter)
    canonical: int = 0

    def add(self, record: dict[str, Any]) -> None:
        self.records += 1
        site = str(record.get("site") or "unknown")
        self.sites[site] += 1
        self.hosts[site][(urlsplit(str(record.get("url") or "")).netloc or "unknown").lower()] += 1
        self.languages[str(record.get("language") or "unknown")] += 1
        published = str(record.get("published") or "")
        self.months[published[:7] if _MONTH.match(published) else "undated"] += 1
        if _DAY.match(published):
            self.days[site][published[:10]] += 1
        for name, value in record.items():
            self.fields.setdefault(name, None)
            if _filled(value):
                self.filled[name] += 1
        for flag in str(record.get("quality") or "").split(","):
            if flag.strip():
                self.quality[flag.strip()] += 1
        if record.get("extraction"):
            self.extraction[str(record["extraction"])] += 1
        self.words += int_or_none(record.get("word_count")) or 0
        fetched = str(record.get("fetched_at") or "")
        if fetched:
            self.fetched = [min([fetched, *self.fetched[:1]]), max([fetched, *self.fetched[1:]])]
        version = int_or_none(record.get("version"))
        if version is not None:
            self.versions[version] += 1
            ratio = float_or_none(record.get("changed_ratio"))
            if version > 1 and ratio is not None:
                self.changed.append(ratio)
        if _filled(record.get("cluster_id")):
            self.clusters[str(record["cluster_id"])] += 1
            self.canonical += bool(record.get("canonical"))


def summarise(records: Iterable[dict[str, Any]]) -> Summary:
    summary = Summary()
    for record in records:
        summary.add(record)
    return summary


# ------------------------------------------------------------------ the card


def size_category(n: int) -> str:
    return next((name for bound, name in SIZE_CATEGORIES if n < bound), "n>1B")


def language_codes(languages: Iterable[str]) -> list[str]:
    """ISO 639 codes for the YAML header (``en-GB`` -> ``en``); unknown values left out."""
    codes = {re.split(r"[-_]", lang.strip().lower())[0] for lang in languages}
    return sorted(code for code in codes if _LANGUAGE.match(code))


def _yaml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _yaml_list(key: str, values: Iterable[str]) -> list[str]:
    values = list(values)
    return [f"{key}:", *(f"- {_yaml_str(v)}" for v in values)] if values else [f"{key}: []"]


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def _table(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> list[str]:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in row) + " |" for row in rows]
    return lines


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "`" + ",".join(map(str, value)) + "`" if value else "(empty)"
    return f"`{value}`" if value not in (None, "") else "(empty)"


@dataclass
class Card:
    """The inputs of one card: the export, where the card goes, the counts and the crawl record."""

    export: Path
    out: Path
    summary: Summary
    crawls: list[dict[str, Any]]
    name: str | None = None
    chart: str | None = None  # file name of the chart beside the card

    @property
    def pretty_name(self) -> str:
        return self.name or f"News articles from {', '.join(sorted(self.summary.sites)) or 'no site'} (newsspider)"

    def data_files(self) -> str:
        rel = Path(os.path.relpath(self.export.resolve(), self.out.resolve().parent)).as_posix()
        return f"{rel}/**/*.parquet" if self.export.is_dir() else rel

    def hosts(self) -> list[str]:
        return sorted({h for counts in self.summary.hosts.values() for h in counts})

    def render(self) -> str:
        sections = [self.header(), [f"# {self.pretty_name}", ""], self.overview(), self.crawled(), self.counts(),
                    self.fields_section(), self.quality(), self.dedupe(), self.revisions(), self.robots(),
                    self.licensing()]  # fmt: skip
        return "\n".join(line for section in sections for line in section).rstrip() + "\n"

    def header(self) -> list[str]:
        s = self.summary
        return [
            "---",
            f"pretty_name: {_yaml_str(self.pretty_name)}",
            *_yaml_list("language", language_codes(s.languages)),
            "license: other",
            'license_name: "publishers-terms"',
            *_yaml_list("sources", self.hosts()),
            *_yaml_list("size_categories", [size_category(s.records)]),
            *_yaml_list("task_categories", TASK_CATEGORIES),
            *_yaml_list("tags", ["news", "newsspider"]),
            "configs:",
            "- config_name: default",
            "  data_files:",
            "  - split: train",
            f"    path: {_yaml_str(self.data_files())}",
            "---",
            "",
        ]

    def overview(self) -> list[str]:
        s = self.summary
        lines = [
            f"{s.records} news articles ({s.words} words of body text) from {len(s.sites)} site(s), crawled and "
            f"cleaned with newsspider into one record per article: the article's text "
            f"without navigation or boilerplate, and its metadata. Data file: `{self.data_files()}`.",
            "",
        ]
        if self.chart:
            lines += [f"![Articles per day and site]({self.chart})", ""]
        return lines

    def crawled(self) -> list[str]:
        s = self.summary
        lines = ["## What was crawled", ""]
        starts = {site: sorted({u for c in self.crawls if c.get("spider") == site for u in c.get("start_urls", [])}) for site in s.sites}
        lines += _table(
            ["site", "hosts", "start URLs", "records"],
            [(site, ", ".join(sorted(s.hosts[site])), ", ".join(starts.get(site) or []) or "–", n) for site, n in s.sites.most_common()],
        )
        fetched = f"{s.fetched[0]} to {s.fetched[1]}" if s.fetched else "unknown (no `fetched_at`)"
        lines += ["", f"- Pages fetched: {fetched}."]
        if self.crawls:
            versions = sorted({str(c.get("newsspider_version")) for c in self.crawls})
            scrapy = sorted({str(c.get("scrapy_version")) for c in self.crawls})
            runs = "; ".join(f"{c.get('started')} to {c.get('finished')} ({c.get('finish_reason')})" for c in self.crawls)
            lines += [
                f"- Crawls: {len(self.crawls)} ({runs}).",
                f"- newsspider {', '.join(versions)}, Scrapy {', '.join(scrapy)}.",
                "",
                "Settings that change what is exported, as the crawls ran with them:",
                "",
            ]
            names = list(dict.fromkeys(n for c in self.crawls for n in c.get("settings", {})))
            rows = [(f"`{n}`", " / ".join(dict.fromkeys(_shown(c.get("settings", {}).get(n)) for c in self.crawls))) for n in names]
        else:
            lines += [
                f"- newsspider {package_version('newsspider') or 'unknown'} wrote this card; no crawl record "
                f"(`{record_path(self.export).name}`) was found beside the export, so the crawl's versions and "
                "settings are unknown.",
                "",
                "Settings that change what is exported, at their declared defaults (the crawl may have changed them):",
                "",
            ]
            rows = [(f"`{n}`", _shown(config.SETTINGS[n].default_value())) for n in content_setting_names()]
        return [*lines, *_table(["setting", "value"], rows), ""]

    def counts(self) -> list[str]:
        s = self.summary
        months = sorted(s.months.items(), key=lambda kv: (kv[0] == "undated", kv[0]))
        return [
            "## Counts",
            "",
            "Per site:",
            "",
            *_table(["site", "records", "share"], [(k, n, _pct(n, s.records)) for k, n in s.sites.most_common()]),
            "",
            "Per language (the page's markup):",
            "",
            *_table(["language", "records", "share"], [(k, n, _pct(n, s.records)) for k, n in s.languages.most_common()]),
            "",
            "Per month of publication (`published`):",
            "",
            *_table(["month", "records"], months),
            "",
        ]

    def fields_section(self) -> list[str]:
        s = self.summary
        docs = {f: Article.__dataclass_fields__[f].metadata.get("doc", "") for f in ARTICLE_FIELDS}
        names = [*(f for f in ARTICLE_FIELDS if f in s.fields), *(f for f in s.fields if f not in ARTICLE_FIELDS)]
        return [
            "## Fields and their completeness",
            "",
            "Share of records with a non-empty value:",
            "",
            *_table(["field", "filled", "meaning"], [(f"`{n}`", _pct(s.filled[n], s.records), docs.get(n, "")) for n in names]),
            "",
        ]

    def quality(self) -> list[str]:
        s = self.summary
        rows = [(f"`{k}`", n, _pct(n, s.records)) for k, n in s.quality.most_common()]
        lines = ["## Quality flags", "", "`quality` of the records (`ok`, or the flags raised: `paywall`, `teaser`, `boilerplate`):", ""]
        lines += _table(["quality", "records", "share"], rows) if rows else ["No record has a `quality` value (the quality gate was off)."]
        if s.extraction:
            lines += ["", "Body extraction method (`extraction`):", ""]
            lines += _table(["method", "records"], s.extraction.most_common())
        return [*lines, ""]

    def dedupe(self) -> list[str]:
        s = self.summary
        lines = ["## De-duplication and clustering", ""]
        settings = self.crawls[-1].get("settings", {}) if self.crawls else {}
        names = [n for n in content_setting_names() if n in setting_names(*DEDUPE_SETTINGS)]
        for name in names:
            value = settings.get(name, config.SETTINGS[name].default_value())
            lines.append(f"- `{name}` = {_shown(value)}: {config.SETTINGS[name].doc}.")
        drops = Counter[str]()
        for crawl in self.crawls:
            for key, value in crawl.get("stats", {}).items():
                if key.startswith("newsspider/dropped/") and key.rsplit("/", 1)[-1] in ("duplicate_url", "duplicate_body", "already_exported"):
                    drops[key.rsplit("/", 1)[-1]] += int(value)
        if self.crawls:
            lines.append("- Records dropped by the crawls as duplicates: "
                         + (", ".join(f"{k} {n}" for k, n in sorted(drops.items())) or "none") + ".")  # fmt: skip
        if s.clusters:
            multi = [n for n in s.clusters.values() if n > 1]
            lines.append(
                f"- Clusters (`cluster_id`): {len(s.clusters)}; {len(multi)} of more than one record, holding "
                f"{sum(multi)} records; {s.canonical} records marked `canonical`."
            )
        else:
            lines.append("- The records carry no clustering fields (`cluster_id`, `cluster_size`, `canonical`).")
        return [*lines, ""]

    def revisions(self) -> list[str]:
        s = self.summary
        lines = ["## Revisions", ""]
        if not s.versions:
            return [*lines, "The records carry no `version`: the incremental state was off, so revisions were not tracked.", ""]
        changed = sum(n for v, n in s.versions.items() if v > 1)
        lines.append(f"{changed} of {s.records} records ({_pct(changed, s.records)}) are a later version (`version` > 1) "
                     f"of an article exported by an earlier crawl; the highest version is {max(s.versions)}.")  # fmt: skip
        if s.changed:
            lines.append(f"Their `changed_ratio` (share of the body changed): median {statistics.median(s.changed):.3f}, "
                         f"max {max(s.changed):.3f}.")  # fmt: skip
        return [*lines, ""]

    def robots(self) -> list[str]:
        lines = ["## What the sites' robots.txt say about AI training", ""]
        if not self.crawls:
            return [*lines, "Not recorded: no crawl record beside the export.", ""]
        statements: dict[str, dict[str, Any]] = {}
        for crawl in self.crawls:
            statements.update(crawl.get("robots_ai", {}))
        rows = [
            (host, "; ".join(f"{a}: {agent_verdict(r)}" for a, r in st.get("agents", {}).items()) or "–",
             "; ".join(f"`{line}`" for line in st.get("signals", [])) or "–")
            for host, st in sorted(statements.items())
        ]  # fmt: skip
        lines += _table(["host", "AI crawlers named", "content-usage lines"], rows) if rows else ["No robots.txt read by the crawls names an AI crawler or has a content-usage line."]
        lines += ["", "These are the publishers' statements, reported as found; newsspider obeys the robots.txt groups "
                  "that apply to its own user agent. Check them, and the sites' terms, before training on this data.", ""]  # fmt: skip
        return lines

    def licensing(self) -> list[str]:
        return [
            "## Licensing",
            "",
            "`license: other`: each article remains under its publisher's copyright and terms; this card does not "
            "grant any licence. Sources:",
            "",
            *(f"- {host}" for host in self.hosts()),
            "",
            f"Card generated by `newsspider card` on {datetime.now(UTC).date().isoformat()}.",
        ]


# ------------------------------------------------------------------ chart and command


def write_chart(summary: Summary, path: Path) -> None:
    """Articles per day of publication, one line per site (PNG); ImportError without matplotlib."""
    from matplotlib.figure import Figure  # no pyplot: no GUI backend, no global state
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(10, 4))
    axes = figure.subplots()
    all_days = [date.fromisoformat(d) for days in summary.days.values() for d in days]
    span = [min(all_days) + timedelta(days=i) for i in range((max(all_days) - min(all_days)).days + 1)] if all_days else []
    for site, days in sorted(summary.days.items()):  # every day of the span, 0 when none was published
        axes.plot(span, [days.get(d.isoformat(), 0) for d in span], linewidth=1, label=site)
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel("articles per day")
    axes.set_title("Articles per day of publication")
    if summary.days:
        axes.legend()
    figure.autofmt_xdate()
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def write_card(export: Path, out: Path | None = None, *, chart: bool = False, name: str | None = None) -> tuple[Path, str | None]:
    """Write the card of ``export`` (default: README.md beside it); returns its path and a note
    (why the chart was skipped) or None. CardError when the export cannot be read."""
    out = out or export.parent / "README.md"
    summary = summarise(read_export(export))
    out.parent.mkdir(parents=True, exist_ok=True)
    note = None
    chart_name = None
    if chart:
        try:
            write_chart(summary, out.parent / CHART_NAME)
            chart_name = CHART_NAME
        except ImportError:
            note = "--chart needs matplotlib (pip install 'newsspider[card]'): the card was written without the chart"
    card = Card(export, out, summary, read_crawl_record(export), name=name, chart=chart_name)
    out.write_text(card.render(), encoding="utf-8")
    return out, note
