"""Generate the offline demo news site "Demo Daily" and its extraction ground truth.

``python -m newsspider.demo.build_site`` rewrites ``newsspider/demo/site/`` and
``newsspider/demo/ground_truth.json``. All text comes from the sentence templates of
``newsspider/demo/data/`` filled by a fixed-seed RNG, so the output is byte-for-byte
reproducible; the code and the data files are the source of truth, the generated files are
committed.

Four article templates imitate different CMSs (:mod:`newsspider.demo.article_pages`). Every
article page carries the boilerplate of the reference page in ``/work/shared/seed``: top bar
(date, weather, city), teaser list, section label glued to the headline, and -- inside the
article container -- credit line, disclaimer, "Check out our other content", "Check out
other tags:", plus a "Most Popular Articles" list.

The modules, one job each: :mod:`~newsspider.demo.sitedata` (data files),
:mod:`~newsspider.demo.textgen` (sentences and paragraphs), :mod:`~newsspider.demo.articles`
(the articles), :mod:`~newsspider.demo.markup`, :mod:`~newsspider.demo.article_pages` and
:mod:`~newsspider.demo.listing_pages` (HTML), :mod:`~newsspider.demo.build_discovery`
(feeds, sitemaps, robots.txt) and this one (the site and its ground truth on disk).
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from typing import Any

from newsspider.demo import GROUND_TRUTH_PATH, SITE_DIR
from newsspider.demo.article_pages import RENDERERS
from newsspider.demo.articles import SEED, Article, generate_articles
from newsspider.demo.build_discovery import write_discovery
from newsspider.demo.listing_pages import listing_pages
from newsspider.demo.markup import SiteContext, iso, render
from newsspider.demo.sitedata import (
    BOILERPLATE_MARKERS,
    SECTIONS,
    SITE_BOILERPLATE_MARKERS,
    SITE_NAME,
    data_text,
)


def build_pages(articles: list[Article]) -> dict[str, str]:
    """Map of site-relative file path -> content of every page and static file of the site."""
    popular = sorted(articles, key=lambda x: (-x.views, x.index))[:6]
    all_tags = sorted({tag for art in articles for tag in art.tags})
    site = SiteContext(articles=articles, popular=popular, all_tags=all_tags)
    pages = {art.path.lstrip("/"): RENDERERS[art.template](art, site) for art in articles}
    pages.update(listing_pages(articles, popular, all_tags))
    pages["static/style.css"] = data_text("static/style.css")
    for s in SECTIONS:
        pages[f"static/img/{s.slug}.svg"] = render("image.svg", {"label": s.name})
    pages["static/img/logo.svg"] = render("image.svg", {"label": SITE_NAME})
    return pages


def build_ground_truth(articles: list[Article], pages: dict[str, str]) -> dict[str, Any]:
    """The expected extraction for every article plus the list of non-article pages."""
    for art in articles:
        for marker in BOILERPLATE_MARKERS + SITE_BOILERPLATE_MARKERS:
            if marker in art.body:
                raise RuntimeError(f"marker {marker!r} occurs in the body of {art.path}")
    non_articles = ["/"] + [f"/{s.slug}/" for s in SECTIONS]
    non_articles += sorted("/" + p[: -len("index.html")] for p in pages
                           if p.startswith("tags/") and p.endswith("index.html"))
    non_articles.append("/about/")
    ordered = sorted(articles, key=lambda x: (SECTIONS.index(x.section), x.published))
    return {
        "site": SITE_NAME,
        "articles": {
            art.path: {
                "title": art.title,
                "section": art.section.name,
                "authors": art.author_names,
                "published": iso(art.published),
                "modified": iso(art.modified),
                "tags": list(art.tags),
                "description": art.description,
                "template": art.template,
                "body": art.body,
            }
            for art in ordered
        },
        "non_articles": non_articles,
        "boilerplate_markers": list(BOILERPLATE_MARKERS),
        "site_boilerplate_markers": list(SITE_BOILERPLATE_MARKERS),
    }


def build(site_dir: Path = SITE_DIR, ground_truth_path: Path = GROUND_TRUTH_PATH,
          seed: int = SEED) -> dict[str, Any]:
    """(Re)write the whole site into ``site_dir`` and the ground truth; return the latter."""
    articles = generate_articles(seed)
    pages = build_pages(articles)
    truth = build_ground_truth(articles, pages)
    site_dir = Path(site_dir)
    if site_dir.exists():
        shutil.rmtree(site_dir)
    for rel, content in sorted(pages.items()):
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8", newline="\n")
    write_discovery(site_dir, articles, SITE_NAME)
    ground_truth_path = Path(ground_truth_path)
    ground_truth_path.parent.mkdir(parents=True, exist_ok=True)
    ground_truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n",
                                 encoding="utf-8", newline="\n")
    return truth


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Generate the Demo Daily site.")
    parser.add_argument("--out", type=Path, default=SITE_DIR, help="site folder to rewrite")
    parser.add_argument("--ground-truth", type=Path, default=GROUND_TRUTH_PATH)
    args = parser.parse_args(argv)
    truth = build(args.out, args.ground_truth)
    n_pages = sum(1 for p in Path(args.out).rglob("*.html"))
    print(f"wrote {n_pages} pages ({len(truth['articles'])} articles) to {args.out} "
          f"and ground truth to {args.ground_truth}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
