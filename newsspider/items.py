"""The record newsspider exports: one :class:`Article` per article page.

Pipelines and exporters touch it only through :class:`itemadapter.ItemAdapter`.
Each field's ``metadata["doc"]`` is the documented schema (rendered into docs/record.md);
``metadata["required"]`` marks what the validate pipeline insists on; ``metadata["date"]`` the ISO 8601
date fields (the Parquet export adds a parsed timestamp column for each, ``newsspider/parquet.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


def _field(doc: str, *, required: bool = False, date: bool = False, default: Any = None, factory: Any = None) -> Any:
    metadata = {"doc": doc, "required": required, "date": date}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass
class Article:
    """One news article, extracted from one page."""

    url: str = _field("URL the page was fetched from (after redirects).", required=True)
    canonical_url: str | None = _field(
        "The page's canonical URL (`<link rel=canonical>` / `og:url`), absolute, when it names this page; "
        "`url` when absent or not trusted (the home page, a section above the page, a URL an earlier "
        "record with a different text claimed)."
    )
    site: str | None = _field("Site name: the spider that crawled it (e.g. `demo`), or `extract`.", required=True)
    title: str | None = _field("Headline, without site name suffixes.", required=True)
    authors: list[str] = _field("Author names, no 'By', no job titles.", factory=list)
    published: str | None = _field("Publication date/time, ISO 8601 (timezone kept when the page gives one).", date=True)
    modified: str | None = _field("Last modification date/time, ISO 8601, when the page gives one.", date=True)
    language: str | None = _field("Language code (e.g. `en`) from the page's markup.")
    language_score: float | None = _field(
        "How sure the language detector run on `body` is of `language` (0-1; it replaces a missing "
        "`language` or one it contradicts with confidence); None when the body is too short to check."
    )
    section: str | None = _field("Section / category the page files the article under.")
    tags: list[str] = _field("Keywords / tags of the article.", factory=list)
    description: str | None = _field("Summary from the page's meta description / og:description.")
    image: str | None = _field("Lead image URL (og:image), absolute.")
    body: str = _field(
        "Clean article text: paragraphs separated by one blank line; no title line, no boilerplate.",
        required=True,
        default="",
    )
    word_count: int = _field(
        "Number of words in `body`; in Chinese/Japanese 2 characters, in Thai/Lao/Khmer/Myanmar 4 count as a word.",
        default=0,
    )
    fingerprint: str | None = _field("Stable hash (SHA-1 hex) of the normalised body; equal bodies share it.")
    extraction: str | None = _field(
        "Which method produced the body, for auditing a dataset: `model-first` (the block model alone, sure "
        "of the page: most records), `trafilatura` (the rules on trafilatura's "
        "output), `model` (the full block model, with trafilatura's opinion), `jsonld` (the page's JSON-LD articleBody), "
        "`readability` (readability-lxml, when it agrees better), `site-rules` (the site spider's body selector)."
    )
    quality: str | None = _field(
        "`ok`, or the quality flags the record raised, comma-separated in this order: `paywall`, `teaser`, "
        "`boilerplate` (see docs/quality.md)."
    )
    fetched_at: str | None = _field("When the page was fetched, ISO 8601 UTC.", date=True)
    version: int | None = _field(
        "Revision of the article: 1 when its URL is first exported, 2, 3, … each time a later crawl exports "
        "it again with a changed body (incremental state; null when the state is off)."
    )
    previous_fingerprint: str | None = _field("The `fingerprint` of the version before; null for version 1.")
    changed_ratio: float | None = _field(
        "Share of the body changed since the previous version, in (0, 1]: 1 − the Jaccard resemblance of the "
        "two versions' 4-word shingles (estimated for long bodies); null for version 1."
    )
    cluster_id: str | None = _field(
        "Syndication cluster: equal for copies of one story (wire copy, reprints with a new intro, a trimmed end, "
        "light edits), in this crawl and earlier ones; empty when the body is too short to compare or "
        "`NEWSSPIDER_SYNDICATION=off` (see docs/syndication.md)."
    )
    cluster_size: int | None = _field("Copies in the cluster when this record was exported, itself included.")
    canonical: str | None = _field(
        "URL of the cluster's earliest published copy when this record was exported (its own URL when it is that "
        "copy); undated copies rank after dated ones."
    )


ARTICLE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article))
REQUIRED_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article) if f.metadata.get("required"))
DATE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article) if f.metadata.get("date"))


#: An :class:`Article`'s attribute (no field: never exported) with the texts the block model
#: nearly kept on its page (:attr:`newsspider.extraction.PageResult.nearly_kept`): the crawl's
#: site learning counts them beside the body's lines (``pipelines/sitelearn.py``).
NEARLY_KEPT_ATTRIBUTE = "_nearly_kept"


def with_nearly_kept(article: Article, texts: tuple[str, ...]) -> Article:
    """``article``, carrying ``texts`` for site learning (not among its exported fields)."""
    if texts:
        setattr(article, NEARLY_KEPT_ATTRIBUTE, tuple(texts))
    return article


def nearly_kept(item: Any) -> tuple[str, ...]:
    """The texts :func:`with_nearly_kept` gave ``item`` (none for other items)."""
    return getattr(item, NEARLY_KEPT_ATTRIBUTE, ())


def article_from_fields(fields: dict[str, Any], *, url: str, site: str, fetched_at: str) -> Article:
    """An :class:`Article` from extraction output (unknown keys ignored; canonical URL defaults to ``url``)."""
    known = {k: v for k, v in fields.items() if k in ARTICLE_FIELDS}
    known.setdefault("canonical_url", url)
    return Article(**{**known, "url": url, "site": site, "fetched_at": fetched_at})
