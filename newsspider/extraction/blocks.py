"""The page as a sequence of text blocks, each with the features the block model reads.

A *block* is the text between two block-level boundaries of the DOM (a paragraph, a heading,
a list item, a table row, the loose text of a ``div``...), in document order. Each block
carries numbers that say what kind of text it is (length, link share, punctuation), where it
sits (ancestor tags, class/id vocabulary of its ancestors, position on the page, the size of
the group of sibling blocks it belongs to) and what the other opinions say of it (is it in
trafilatura's body, in JSON-LD ``articleBody``, does it match a boilerplate family, is it the
headline). :mod:`newsspider.extraction.blockmodel` turns those numbers into a keep/drop
probability learned from the tuning part of the dev corpora (``benchmarks/train_blocks.py``).

Everything here is one linear walk of the tree plus a few passes over the blocks: it must
cost less than trafilatura itself.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from lxml.html import HtmlElement

from newsspider.extraction.boilerplate import FAMILIES, is_top_bar_item
from newsspider.textlength import word_count

# Elements whose text starts and ends a block.
BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dt dd blockquote pre tr figcaption caption div section article main aside header "
    "footer nav ul ol dl table tbody thead tfoot form figure address details summary center fieldset hgroup "
    "body html menu legend label".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# Never text of the page.
SKIP_TAGS = frozenset(
    "script style noscript template svg iframe head select option input textarea canvas object embed "
    "video audio map math link meta".split()
)
CELL_TAGS = frozenset(("td", "th"))

# Ancestor tags the model sees as flags (anywhere above the block).
ANCESTOR_TAGS = ("article", "main", "nav", "header", "footer", "aside", "form", "figure", "li", "table",
                 "blockquote", "a", "section", "ul", "dl", "button", "hidden")
_ANCESTOR_BIT = {tag: 1 << i for i, tag in enumerate(ANCESTOR_TAGS)}
# Hidden markup is kept (frameworks stream the article into a hidden element and reveal it
# with script), flagged like an ancestor tag for the model to weigh.
_HIDDEN_BIT = _ANCESTOR_BIT["hidden"]

# Class/id vocabulary of web templates (the words readability and boilerpipe look for). The
# model learns a weight for each group; no group decides alone.
CLASS_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("content", ("content", "article", "post", "entry", "story", "body", "text", "prose", "main", "blog", "rich")),
    ("nav", ("nav", "menu", "breadcrumb", "pagination", "pager", "skip")),
    ("footer", ("footer", "copyright", "legal", "bottom")),
    ("header", ("header", "masthead", "topbar", "banner", "brand", "logo")),
    ("sidebar", ("sidebar", "side", "widget", "rail", "aside")),
    ("related", ("related", "recommend", "more", "popular", "trending", "teaser", "promo", "feed", "list", "card",
                 "grid", "tile", "carousel", "slider")),
    ("comment", ("comment", "reply", "discuss", "disqus", "respond")),
    ("share", ("share", "social", "follow", "facebook", "twitter", "whatsapp")),
    ("ad", ("advert", "sponsor", "dfp", "outbrain", "taboola", "commercial", "-ad-", "-ads-", "ad-", "ads-")),
    ("author", ("author", "byline", "bio", "contributor", "writer")),
    ("meta", ("meta", "date", "time", "info", "published", "updated", "dateline")),
    ("tags", ("tag", "categor", "topic", "keyword", "label")),
    ("caption", ("caption", "credit", "figure", "photo", "image", "img", "media", "gallery")),
    ("newsletter", ("newsletter", "subscri", "signup", "sign-up", "register", "paywall", "login", "cta")),
    ("modal", ("cookie", "consent", "modal", "popup", "overlay", "gdpr", "notice", "alert")),
    ("hidden", ("hidden", "sr-only", "screen-reader", "offscreen")),
    ("title", ("title", "headline", "heading")),
    ("summary", ("summary", "excerpt", "intro", "lede", "lead", "standfirst", "dek", "subtitle", "description")),
    ("table", ("table", "spec", "stats", "score", "data")),
    ("product", ("product", "price", "cart", "buy", "shop", "offer", "deal")),
)

_DIGIT = re.compile(r"\d")
# A line that starts like one of the boilerplate families (one regex for all of them: a
# feature, not a verdict, so the families' own length limits are left to the model).
BOILERPLATE_START = re.compile("|".join(f"(?:{p})" for family in FAMILIES for p in family.patterns), re.I)
FAMILY_MAX_CHARS = 300
_SENTENCE_END = re.compile(r"[.!?。！？…:;\"”»)]\s*$")
_NORM = re.compile(r"\W+")


@dataclass(slots=True)
class Block:
    """One block of page text and where it was found."""

    text: str
    tag: str  # the block-level element that holds it
    link_chars: int
    ancestors: int  # bitmask over ANCESTOR_TAGS
    classes_near: int  # bitmask over CLASS_GROUPS: the holder and its parent
    classes_far: int  # bitmask over CLASS_GROUPS: any ancestor
    depth: int
    ancestry: tuple[int, ...]  # numbers of the holder and up to 4 elements above it (walk order)

    @property
    def link_ratio(self) -> float:
        return min(1.0, self.link_chars / max(1, len(self.text)))


def _class_bits(element: HtmlElement) -> int:
    """Bitmask of the class/id vocabulary groups named by ``element``'s class and id."""
    names = element.get("class")
    ident = element.get("id")
    if ident:
        names = f"{names} {ident}" if names else ident
    return _bits_of(names) if names else 0


@lru_cache(maxsize=32768)
def _bits_of(names: str) -> int:
    """Groups whose words occur in the class/id names (substrings, case-insensitive)."""
    names = f"-{names.lower().replace(' ', '-').replace('_', '-')}-"
    bits = 0
    for i, (_, words) in enumerate(CLASS_GROUPS):
        if any(word in names for word in words):
            bits |= 1 << i
    return bits


def _hidden(element: HtmlElement) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style) and ("display:none" in style.replace(" ", "") or "visibility:hidden" in style.replace(" ", ""))


def segment(root: HtmlElement) -> list[Block]:
    """The page's text blocks in document order (one linear walk of the tree)."""
    blocks: list[Block] = []
    parts: list[str] = []
    links = [0]
    holder: list = [None]  # (tag, ancestors, near, far, depth, ancestry) of the open block
    path: list[int] = []  # numbers of the elements from the root to the one being walked
    counter = [0]

    def flush() -> None:
        if parts:
            text = " ".join("".join(parts).split())
            if text and holder[0] is not None:
                tag, anc, near, far, depth, ancestry = holder[0]
                blocks.append(Block(text, tag, links[0], anc, near, far, depth, ancestry))
            parts.clear()
        links[0] = 0

    def walk(element: HtmlElement, anc: int, far: int, parent_bits: int, depth: int, in_link: bool, enclosing) -> None:
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions
            return
        tag = tag.lower()
        if tag in SKIP_TAGS:
            return
        bits = _class_bits(element)
        far |= bits
        if _hidden(element):
            anc |= _HIDDEN_BIT
        counter[0] += 1
        path.append(counter[0])
        is_block = tag in BLOCK_TAGS
        if is_block:
            flush()
            enclosing = holder[0] = (tag, anc, bits | parent_bits, far, depth, tuple(path[-5:]))
        in_link = in_link or tag == "a"
        if tag in CELL_TAGS or tag == "br":
            parts.append(" ")
        if element.text:
            parts.append(element.text)
            if in_link:
                links[0] += len(element.text.strip())
        child_anc = anc | _ANCESTOR_BIT.get(tag, 0)
        for child in element:
            walk(child, child_anc, far, bits, depth + 1, in_link, enclosing)
            holder[0] = enclosing  # text after a block child belongs to this block again
            if child.tail:
                parts.append(child.tail)
                if in_link:
                    links[0] += len(child.tail.strip())
        if is_block:
            flush()
        path.pop()

    body = root.find(".//body") if root.tag != "body" else root
    walk(body if body is not None else root, 0, 0, 0, 0, False, None)
    flush()
    return blocks


def norm(text: str) -> str:
    """Lower-cased words joined by single spaces: the form texts are compared in."""
    return _NORM.sub(" ", text).strip().casefold()


class Reference:
    """Another extractor's text, asked "how much of this block do you contain?"."""

    def __init__(self, text: str | None) -> None:
        self.text = " " + norm(text or "") + " "
        tokens = self.text.split()
        self.shingles = {tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)}
        self.present = bool(tokens)

    def contains(self, block_norm: str) -> float:
        if not self.present:
            return 0.0
        tokens = block_norm.split()
        if len(tokens) < 4:
            return 1.0 if tokens and f" {block_norm} " in self.text else 0.0
        grams = [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]
        return sum(g in self.shingles for g in grams) / len(grams)


REGION_LEVELS = 4
REGION_FEATURES = [f"up{k}_{name}" for k in range(1, REGION_LEVELS + 1) for name in ("blocks", "share", "traf", "link", "rules")]


def _region_features(block: Block, region: dict[int, list[float]], total_chars: int) -> list[float]:
    """For the 1st..4th element above the block's holder: log blocks, share of the page's text,
    share taken by trafilatura, link share, share taken by the rules' body (zeros above the root)."""
    out: list[float] = []
    above = block.ancestry[-2::-1]
    for level in range(REGION_LEVELS):
        if level < len(above):
            count, chars, traf, links, rules = region[above[level]]
            chars = chars or 1
            out += [math.log1p(count), chars / total_chars, traf / chars, min(1.0, links / chars), rules / chars]
        else:
            out += [0.0] * 5
    return out


def _names() -> list[str]:
    """Column names of :func:`featurize`'s rows, in order (the model file lists them too)."""
    names = ["log_chars", "log_words", "link_ratio", "sentence_end", "punct_density", "digit_ratio",
             "upper_start", "commas", "depth", "pos", "pos_chars", "in_traf", "in_ld", "in_rules", "window_rules",
             "prev_rules", "next_rules", "has_ld", "family",
             "top_bar", "is_title", *REGION_FEATURES, "after_title", "from_title",
             "page_blocks_log", "traf_share_of_page", "window_traf", "window_link", "prev_traf", "next_traf",
             "prev_log_chars", "next_log_chars", "dup_on_page", "cjk"]
    names += [f"tag_{t}" for t in ("p", "h", "li", "tr", "div", "pre", "blockquote", "dd", "figcaption", "other")]
    names += [f"anc_{t}" for t in ANCESTOR_TAGS]
    names += [f"near_{n}" for n, _ in CLASS_GROUPS]
    names += [f"far_{n}" for n, _ in CLASS_GROUPS]
    return names


FEATURE_NAMES: list[str] = _names()
_TAG_SLOTS = {"p": 0, "li": 2, "tr": 3, "div": 4, "section": 4, "pre": 5, "blockquote": 6, "dd": 7, "dt": 7,
              "figcaption": 8, "caption": 8}


def _tag_slot(tag: str) -> int:
    return 1 if tag in HEADINGS else _TAG_SLOTS.get(tag, 9)


def featurize(
    blocks: Sequence[Block],
    *,
    trafilatura_text: str | None,
    rules_text: str | None = None,
    ld_body: str | None = None,
    title: str | None = None,
) -> list[list[float]]:
    """One feature row per block (columns in :data:`FEATURE_NAMES` order)."""
    n = len(blocks)
    if not n:
        return []
    traf = Reference(trafilatura_text)
    rules = Reference(rules_text)
    ld = Reference(ld_body)
    title_norm = norm(title or "")
    norms = [norm(b.text) for b in blocks]
    in_traf = [traf.contains(t) for t in norms]
    in_ld = [ld.contains(t) if ld.present else 0.0 for t in norms]
    in_rules = [rules.contains(t) for t in norms]
    total_chars = sum(len(b.text) for b in blocks) or 1
    # Text under each element above the blocks: how big a region is, how much of it
    # trafilatura took, how linky it is (the region view that one block alone lacks).
    region: dict[int, list[float]] = {}
    for i, b in enumerate(blocks):
        size = len(b.text)
        for key in b.ancestry[:-1]:
            stats = region.get(key)
            if stats is None:
                stats = region[key] = [0.0, 0.0, 0.0, 0.0, 0.0]
            stats[0] += 1
            stats[1] += size
            stats[2] += in_traf[i] * size
            stats[3] += b.link_chars
            stats[4] += in_rules[i] * size
    title_at = next((i for i, t in enumerate(norms) if title_norm and t == title_norm), None)
    if title_at is None:
        title_at = next((i for i, b in enumerate(blocks) if b.tag == "h1"), None)
    counts = Counter(norms)
    traf_share = sum(in_traf[i] * len(b.text) for i, b in enumerate(blocks)) / total_chars
    page_log = math.log1p(n)
    rows: list[list[float]] = []
    offset = 0
    link_ratios = [b.link_ratio for b in blocks]
    for i, b in enumerate(blocks):
        text = b.text
        chars = len(text)
        words = word_count(text)
        spaced = len(text.split())
        lo, hi = max(0, i - 3), min(n, i + 4)
        row = [
            math.log1p(chars),
            math.log1p(words),
            link_ratios[i],
            1.0 if _SENTENCE_END.search(text) else 0.0,
            sum(text.count(c) for c in ".!?。") / max(1, words),
            len(_DIGIT.findall(text)) / chars,
            1.0 if text[:1].isupper() else 0.0,
            min(10, text.count(",")) / 10,
            min(40, b.depth) / 40,
            i / n,
            offset / total_chars,
            in_traf[i],
            in_ld[i],
            in_rules[i],
            sum(in_rules[lo:hi]) / (hi - lo),
            in_rules[i - 1] if i else 0.0,
            in_rules[i + 1] if i + 1 < n else 0.0,
            1.0 if ld.present else 0.0,
            1.0 if chars <= FAMILY_MAX_CHARS and BOILERPLATE_START.match(text) else 0.0,
            1.0 if chars <= 60 and is_top_bar_item(text) else 0.0,
            1.0 if title_norm and norms[i] == title_norm else 0.0,
            *_region_features(b, region, total_chars),
            -1.0 if title_at is None else (1.0 if i > title_at else 0.0),
            0.0 if title_at is None else max(-1.0, min(1.0, (i - title_at) / 20)),
            page_log,
            traf_share,
            sum(in_traf[lo:hi]) / (hi - lo),
            sum(link_ratios[lo:hi]) / (hi - lo),
            in_traf[i - 1] if i else 0.0,
            in_traf[i + 1] if i + 1 < n else 0.0,
            math.log1p(len(blocks[i - 1].text)) if i else 0.0,
            math.log1p(len(blocks[i + 1].text)) if i + 1 < n else 0.0,
            1.0 if counts[norms[i]] > 1 else 0.0,
            1.0 if words > spaced else 0.0,  # a script written without spaces
        ]
        tags = [0.0] * 10
        tags[_tag_slot(b.tag)] = 1.0
        row += tags
        row += [1.0 if b.ancestors & (1 << k) else 0.0 for k in range(len(ANCESTOR_TAGS))]
        row += [1.0 if b.classes_near & (1 << k) else 0.0 for k in range(len(CLASS_GROUPS))]
        row += [1.0 if b.classes_far & (1 << k) else 0.0 for k in range(len(CLASS_GROUPS))]
        rows.append(row)
        offset += chars
    return rows


def render(blocks: Iterable[Block]) -> str:
    """Body text: one block per paragraph, separated by one blank line."""
    return "\n\n".join(b.text for b in blocks if b.text)
