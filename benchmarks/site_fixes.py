"""What a site's fixes cost extraction: the extraction function alone, through
``extract_with_rules`` with no fixes (what every page of every crawl now runs), and with one
``[fields]`` override (a CSS selector: the page parsed once more).

Usage::

    python benchmarks/site_fixes.py [--pages N] [--repeat R]

Pages: the bundled demo site's articles (``newsspider/demo/site``, no benchmark corpus read).
The three variants run interleaved page by page, rotating their order, after a warm-up.
"""

from __future__ import annotations

import argparse
import time
import timeit
from pathlib import Path

from newsspider.demo import SITE_DIR
from newsspider.extraction import SiteRules, extract_page
from newsspider.extraction.extract import PageResult
from newsspider.extraction.overrides import extract_with_rules
from newsspider.extraction.rules import FieldRule

ARTICLE = "20[0-9][0-9]/*/*/*.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    paths = sorted(Path(SITE_DIR).glob(f"*/{ARTICLE}"))[: args.pages]
    pages = [(p.read_text(encoding="utf-8"), f"http://127.0.0.1:8000/{p.relative_to(SITE_DIR).as_posix()}") for p in paths]
    none, one = SiteRules(), SiteRules(fields=(FieldRule("title", "css", "h1::text"),))
    variants = {
        "extract_page": lambda html, url: extract_page(html, url, none, assume_article=True),
        "with_rules, no fixes": lambda html, url: extract_with_rules(extract_page, html, url, none, assume_article=True),
        "with_rules, 1 css field": lambda html, url: extract_with_rules(extract_page, html, url, one, assume_article=True),
    }
    for html, url in pages[:5]:  # warm-up
        for run in variants.values():
            run(html, url)
    spent = dict.fromkeys(variants, 0.0)
    names = list(variants)
    for r in range(args.repeat):
        for i, (html, url) in enumerate(pages):
            k = (i + r) % len(names)
            for name in names[k:] + names[:k]:
                start = time.perf_counter()
                variants[name](html, url)
                spent[name] += time.perf_counter() - start
    count = len(pages) * args.repeat
    for name, seconds in spent.items():
        print(f"{name:26} {1000 * seconds / count:7.2f} ms/page  ({count} pages)")
    # The wrapper alone, around a function that does nothing: the differences above are noise.
    result = PageResult(fields={"title": "x"})

    def nothing(html: str, url: str, rules: SiteRules, *, assume_article: bool) -> PageResult:
        return result

    n = 100_000
    direct = timeit.timeit(lambda: nothing("", "", none, assume_article=True), number=n)
    wrapped = timeit.timeit(lambda: extract_with_rules(nothing, "", "", none, assume_article=True), number=n)
    print(f"{'wrapper overhead, no fixes':26} {1e6 * (wrapped - direct) / n:7.2f} µs/page")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
