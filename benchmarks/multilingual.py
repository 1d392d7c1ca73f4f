"""Language-robustness proxy: the dev pages re-written in other scripts, newsspider vs trafilatura.

Usage::

    python benchmarks/multilingual.py [--corpus news|wcxb|all] [--variant NAME ...] [--part tuning|validation]
                                      [--limit N] [--classify] [--model PATH] [--repeat R] [--json PATH]

The dev corpora are nearly all English, so nothing else says how extraction behaves on other
scripts. Here every page of ``benchmarks/extraction.py`` (article pages of both corpora) is
re-written by a fixed *script transform* applied to every text node of the HTML (and to the
page's title/description ``<meta>`` and JSON-LD text values, as a real foreign page has them in
its language) **and** to the ground-truth body, the same way. Markup, attributes (class/id
stay English-ish, as on many real foreign sites), URLs and digits are untouched. Variants:

- ``identity``: the same parse and serialisation, no change of text: the reference the others
  are compared with (it differs from ``extraction.py``'s figures by the re-serialisation only:
  news tuning 0.977 against 0.974, validation 0.984 both).
- ``latin-cipher``: a fixed substitution of a-z (case and spaces kept): an unknown language in
  Latin script; English boilerplate phrasings no longer match.
- ``caseless``: letters mapped to Devanagari consonants (no case), spaces kept, a full stop
  before a space or at the end mapped to the danda ``।`` (Hindi's full stop).
- ``cjk``: each word mapped to 1-3 Han characters (by a hash of the word: the same word, the
  same characters everywhere), no spaces between words, ``. , ? ! : ;`` mapped to
  ``。，？！：；``.
- ``thai``: letters mapped to Thai consonants (no case), no spaces between words (a space kept
  after punctuation, where Thai writes one between phrases), Latin punctuation kept.

Scoring: :mod:`benchmarks.metric` with tokens made by :func:`script_tokens`: ``\\w+`` runs as
usual, but every character of a script written without spaces (CJK, Thai, ...) is a token of
its own, so a Chinese paragraph is scored by character 4-grams instead of being one "word".
Each variant ends with the speed: our pages/s over trafilatura's defaults' on all of its pages,
the two interleaved page by page in one run (``--repeat R``: each extractor's best of R runs).
On the spaced variants this is exactly the usual metric.

Printed per variant and part (tuning, validation, all): F1 (P/R) of ours and trafilatura's
defaults, pages *emptied* and *broken* (as ``extraction.py``), our skip reasons (*dropped*)
and, with ``--classify``, how many of the articles the crawl's page check rejects; on the spaced
variants, where the corpus has them, must-appear snippets kept and known boilerplate strings
leaked (``extraction.format_snippets``: whole words, which a script without spaces has not).
What this does and does not say about real languages: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

import lxml.html  # noqa: E402

from benchmarks import extraction  # noqa: E402
from benchmarks.extraction import BASELINE, OURS, Page, Result  # noqa: E402
from benchmarks.metric import PageScore, shingles  # noqa: E402
from benchmarks.split import PARTS  # noqa: E402
from newsspider.extraction.html import parse  # noqa: E402
from newsspider.textlength import UNSPACED_RANGES, tokens  # noqa: E402

Transform = Callable[[str], str]

# --------------------------------------------------------------------------- script transforms

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_CIPHER = "qwertyuiopasdfghjklzxcvbnm"  # a fixed derangement of a-z (keyboard order)
_CIPHER_TABLE = str.maketrans(_LOWER + _LOWER.upper(), _CIPHER + _CIPHER.upper())
# Devanagari consonants क..ह (U+0915..U+0939, 37 letters, category Lo): caseless, \w.
_DEVANAGARI = [chr(c) for c in range(0x0915, 0x093A)]
# Thai consonants ก..ฮ (U+0E01..U+0E2E, 46 letters, category Lo).
_THAI = [chr(c) for c in range(0x0E01, 0x0E2F)]
_HAN_FIRST, _HAN_COUNT = 0x4E00, 0x9FA5 - 0x4E00  # the common block of CJK Unified Ideographs
_ASCII_LETTERS = _LOWER + _LOWER.upper()


def _letter_table(alphabet: Sequence[str]) -> dict[int, str]:
    """a-z and A-Z (one letter for both cases) onto the first 26 letters of ``alphabet``, spread."""
    step = len(alphabet) // 26
    return {ord(c): alphabet[(_LOWER.index(c.lower()) * step) % len(alphabet)] for c in _ASCII_LETTERS}


_DEVANAGARI_TABLE = _letter_table(_DEVANAGARI)
_THAI_TABLE = _letter_table(_THAI)
_FULL_STOP = re.compile(r"(?<=[^\W\d_])\.(?=\s|$)")
_WORD = re.compile(r"[A-Za-z]+")
_HAN_PUNCTUATION = str.maketrans({".": "。", ",": "，", "?": "？", "!": "！", ":": "：", ";": "；"})
_CJK_PUNCT = "。，？！：；"


@functools.lru_cache(maxsize=65536)
def _han_word(word: str) -> str:
    """1-3 Han characters for a word (by length), chosen by a stable hash of its lower case."""
    word = word.casefold()
    size = 1 if len(word) <= 3 else 2 if len(word) <= 7 else 3
    digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
    return "".join(chr(_HAN_FIRST + int.from_bytes(digest[2 * i : 2 * i + 2], "big") % _HAN_COUNT)
                   for i in range(size))


def latin_cipher(text: str) -> str:
    """a-z substituted letter for letter (case, spaces and everything else kept)."""
    return text.translate(_CIPHER_TABLE)


def caseless(text: str) -> str:
    """Letters onto Devanagari consonants (no case); a sentence's full stop onto the danda."""
    return _FULL_STOP.sub("।", text).translate(_DEVANAGARI_TABLE)


# Whitespace next to a character of the unspaced scripts (or CJK punctuation) goes: those scripts
# write no space between words. Text nodes are transformed one by one, so a node's leading or
# trailing space next to its own CJK text goes too (``"Hello <a>world</a>"`` -> ``"你好<a>世界</a>"``).
_UNSPACED_CLASS = f"{UNSPACED_RANGES}{_CJK_PUNCT}"
_SPACE_AFTER = re.compile(f"(?<=[{_UNSPACED_CLASS}])[ \\t]+")
_SPACE_BEFORE = re.compile(f"[ \\t]+(?=[{_UNSPACED_CLASS}])")


def cjk(text: str) -> str:
    """Each word onto 1-3 Han characters, no spaces between words, CJK punctuation."""
    mapped = _WORD.sub(lambda m: _han_word(m.group(0)), text)
    mapped = re.sub(r"(?<!\d)[.,]|[.,](?!\d)|[?!:;]", lambda m: m.group(0).translate(_HAN_PUNCTUATION), mapped)
    return _SPACE_BEFORE.sub("", _SPACE_AFTER.sub("", mapped))


_THAI_CHARS = "\u0e01-\u0e2e"
_THAI_GAP = re.compile(f"(?<=[{_THAI_CHARS}])[ \\t]+(?=[{_THAI_CHARS}])")


def thai(text: str) -> str:
    """Letters onto Thai consonants (no case); no space between two words (one kept after
    punctuation, between phrases); Latin punctuation kept."""
    return _THAI_GAP.sub("", text.translate(_THAI_TABLE))


VARIANTS: dict[str, Transform] = {
    "identity": lambda text: text,
    "latin-cipher": latin_cipher,
    "caseless": caseless,
    "cjk": cjk,
    "thai": thai,
}

#: Variants without spaces between words (their snippets cannot be matched as whole words).
UNSPACED_VARIANTS = frozenset(("cjk", "thai"))

# --------------------------------------------------------------------------- the page transform

_SKIP = frozenset(("script", "style", "noscript", "template", "svg", "math"))
# <meta> whose content is the page's text (title, description): a foreign page has them in its language.
_TEXT_META = frozenset(("og:title", "twitter:title", "description", "og:description", "twitter:description",
                        "title", "og:site_name", "author", "keywords", "news_keywords"))
# JSON-LD values that are text (not URLs, dates, types or identifiers).
_LD_TEXT_KEYS = frozenset(("headline", "alternativeHeadline", "name", "description", "articleBody", "text",
                           "caption", "keywords", "articleSection", "abstract"))


def _ld_map(value: object, transform: Transform, key: str | None = None) -> object:
    if isinstance(value, dict):
        return {k: _ld_map(v, transform, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_ld_map(v, transform, key) for v in value]
    if isinstance(value, str) and key in _LD_TEXT_KEYS and not value.startswith(("http://", "https://", "/")):
        return transform(value)
    return value


# Characters lxml will not put into a tree (it parses them, but refuses them when text is set).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def transform_html(html: str, transform: Transform) -> str:
    """``html`` with ``transform`` applied to every text node, the text ``<meta>`` and the
    JSON-LD text values; markup, attributes, URLs kept. The page is parsed and serialised even
    by the identity transform."""
    root = parse(html)  # the extractor's own parse of a decoded page (no re-decoding by a meta charset)
    if root is None:
        return html
    original = transform
    transform = lambda text: _NOT_XML.sub("", original(text))  # noqa: E731
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions: only their tail
            if element.tail:
                element.tail = transform(element.tail)
            continue
        tag = element.tag.lower()
        if tag == "script" and (element.get("type") or "").lower() == "application/ld+json" and element.text:
            try:
                element.text = json.dumps(_ld_map(json.loads(element.text), transform), ensure_ascii=False)
            except ValueError:
                pass
        elif tag not in _SKIP and element.text:
            if not any(a.tag in _SKIP for a in element.iterancestors() if isinstance(a.tag, str)):
                element.text = transform(element.text)
        if tag == "meta" and element.get("content"):
            name = (element.get("property") or element.get("name") or "").lower()
            if name in _TEXT_META:
                element.set("content", transform(element.get("content")))
        if element.tail and not any(a.tag in _SKIP for a in element.iterancestors() if isinstance(a.tag, str)):
            element.tail = transform(element.tail)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def transform_page(page: Page, transform: Transform) -> Page:
    """The page with its HTML, true body and snippets transformed alike."""
    return replace(page, html=transform_html(page.html, transform), truth=transform(page.truth),
                   must_have=tuple(map(transform, page.must_have)), must_not=tuple(map(transform, page.must_not)))


# --------------------------------------------------------------------------- the metric's tokens

script_tokens = tokens  # \w+ runs; each character of CJK, Thai, Lao, Khmer, Myanmar a token of its own


def score_page(truth: str | None, output: str | None) -> PageScore:
    """:func:`benchmarks.metric.score_page` over :func:`script_tokens`."""
    true_tokens, out_tokens = script_tokens(truth), script_tokens(output)
    true_sh, out_sh = Counter(shingles(true_tokens)), Counter(shingles(out_tokens))
    tp = sum((true_sh & out_sh).values())
    return PageScore(tp=tp, fp=sum(out_sh.values()) - tp, fn=sum(true_sh.values()) - tp,
                     exact=true_tokens == out_tokens)


# --------------------------------------------------------------------------- running


def _classify_rejections(pages: Sequence[Page]) -> dict[str, Counter[str]]:
    """Per page id: our skip reason with the crawl's page check on (``extract_page(html, url)``)."""
    from newsspider.extraction import extract_page

    out: dict[str, Counter[str]] = {}
    for page in pages:
        result = extract_page(page.html, page.url)
        out[page.id] = Counter([result.skip_reason] if result.fields is None else [])
    return out


def format_speed(results: Sequence[Result]) -> str:
    """Our pages/s against the baseline's over the variant's pages (one interleaved run)."""
    ours = next(r for r in results if r.name == OURS)
    other = next(r for r in results if r.name == BASELINE)
    ratio = extraction.speed_ratio(ours, other)
    shown = "n/a" if ratio is None else f"{ratio:.2f}"
    return f"speed: {OURS} / {BASELINE} {shown} ({ours.pages_per_s:.1f} / {other.pages_per_s:.1f} pages/s)"


def format_variant(results: Sequence[Result], pages: Sequence[Page], rejected: dict[str, Counter[str]] | None) -> str:
    """Per part: the rows of ``extraction.format_parts`` plus our skip reasons and rejections;
    then the speed over all the variant's pages."""
    lines = [extraction.format_parts(results, pages)]
    ours = next(r for r in results if r.name == OURS)
    for part in (*PARTS, "all"):
        ids = {p.id for p in pages if part == "all" or p.part == part}
        if not ids:
            continue
        skips = Counter(o.skip_reason for o in ours.outcomes if o.id in ids and o.skip_reason)
        cell = ", ".join(f"{reason} {n}" for reason, n in skips.most_common()) or "none"
        line = f"{part:<11} dropped: {cell}"
        if rejected is not None:
            reasons = sum((rejected[i] for i in ids if i in rejected), Counter())
            line += f"; --classify rejects {sum(reasons.values())}/{len(ids)}"
            if reasons:
                line += " (" + ", ".join(f"{r} {n}" for r, n in reasons.most_common()) + ")"
        lines.append(line)
    lines.append(format_speed(results))
    return "\n".join(lines)


_CORPORA = {"news": (extraction.DEFAULT_FOLDERS[0],), "wcxb": (extraction.DEFAULT_FOLDERS[1],),
            "all": extraction.DEFAULT_FOLDERS}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=sorted(_CORPORA), default="all")
    parser.add_argument("--variant", action="append", choices=list(VARIANTS),
                        help="variants to run (repeatable; default all)")
    parser.add_argument("--part", choices=PARTS, help="score one part only (default: both, printed apart)")
    parser.add_argument("--limit", type=extraction._positive_int, help="the first N article pages of each corpus")
    parser.add_argument("--classify", action="store_true",
                        help="also count the articles the crawl's page check rejects (one more pass of ours)")
    parser.add_argument("--model", type=Path, help="block model file (default: the packaged one)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write per-variant summaries as JSON")
    parser.add_argument("--repeat", type=extraction._positive_int, default=1, metavar="R",
                        help="time R runs and keep each extractor's best (default 1)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    if args.model:
        from newsspider.extraction import blockmodel

        blockmodel.MODEL_PATH = args.model
        blockmodel.load.cache_clear()
    chosen = {name: f for name, f in extraction.extractors().items() if name in (OURS, BASELINE)}
    report: dict[str, dict[str, object]] = {}
    for folder in _CORPORA[args.corpus]:
        if not folder.is_dir():
            print(f"skipped (not found): {folder}", file=sys.stderr)
            continue
        pages = [p for p in extraction.load_pages(folder, args.limit) if args.part in (None, p.part)]
        for variant in args.variant or list(VARIANTS):
            changed = [transform_page(p, VARIANTS[variant]) for p in pages]
            results = extraction.run(pages=changed, chosen=chosen, scorer=score_page, repeat=args.repeat)
            rejected = _classify_rejections(changed) if args.classify else None
            print(f"== {folder.name} / {variant} ({len(changed)} article pages)")
            print(format_variant(results, changed, rejected))
            if variant not in UNSPACED_VARIANTS:  # snippets are matched as whole words: spaced scripts only
                snippets = extraction.format_snippets(results, changed)
                if snippets:
                    print(snippets)
            print()
            report[f"{folder.name}/{variant}"] = {
                part: {r.name: r.summary() for r in extraction.subset(
                    results, {p.id for p in changed if part == "all" or p.part == part})}
                for part in (*PARTS, "all")
            }
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
