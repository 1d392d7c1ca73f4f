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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain

import numpy as np
from lxml.html import HtmlElement

from newsspider.extraction.boilerplate import is_top_bar_item, starts_like_boilerplate
from newsspider.textlength import (
    OTHER_SENTENCE_FINAL,
    comma_count,
    sentence_marks,
    starts_capitalised,
    word_count_and_equivalent_chars,
)

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
FAMILY_MAX_CHARS = 300
_SENTENCE_END = re.compile(f"[.!?…:;\"”»){OTHER_SENTENCE_FINAL}]\\s*$")
_WORD = re.compile(r"\w+")


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
    path: tuple[int, ...] = ()  # numbers of every element from the body down to the holder

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


def _plain_words() -> tuple[re.Pattern[str], dict[str, int]]:
    """A regex finding, at each position, the longest group word without a hyphen that starts
    there, and for each such word the groups of every word it starts with (all of them occur
    at that position too): one regex pass finds the groups of all the words in a piece."""
    groups: dict[str, int] = {}
    for i, (_, words) in enumerate(CLASS_GROUPS):
        for word in words:
            if "-" not in word:
                groups[word] = groups.get(word, 0) | 1 << i
    longest_first = sorted(groups, key=len, reverse=True)
    finder = re.compile("(?=(" + "|".join(re.escape(word) for word in longest_first) + "))")
    bits = {word: 0 for word in groups}
    for word in groups:
        for other, other_bits in groups.items():
            if word.startswith(other):
                bits[word] |= other_bits
    return finder, bits


# Words with a hyphen may span two class names ("sign-up", "-ad-"); every other word lies inside
# one hyphen-free piece of the joined names, and pieces ("nav", "item", "col") repeat across
# pages: those are looked up once per piece.
_HYPHENATED = tuple((1 << i, word) for i, (_, words) in enumerate(CLASS_GROUPS) for word in words if "-" in word)
_PLAIN_FINDER, _PLAIN_BITS = _plain_words()


@lru_cache(maxsize=32768)
def _bits_of(names: str) -> int:
    """Groups whose words occur in the class/id names (substrings, case-insensitive)."""
    names = f"-{names.lower().replace(' ', '-').replace('_', '-')}-"
    bits = 0
    for piece in set(names.split("-")):
        bits |= _piece_bits(piece)
    for bit, word in _HYPHENATED:
        if word in names:
            bits |= bit
    return bits


@lru_cache(maxsize=32768)
def _piece_bits(piece: str) -> int:
    """Groups with a hyphen-free word inside ``piece``."""
    bits = 0
    for found in _PLAIN_FINDER.finditer(piece):
        bits |= _PLAIN_BITS[found.group(1)]
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
    # class/id groups of the table cells whose text a row block holds: a row's cells are one
    # block (a data table stays rows), so a cell's names ("menu" in a layout table) go to the row
    cell_bits = [0]
    holder: list = [None]  # (tag, ancestors, near, far, depth, ancestry) of the open block
    path: list[int] = []  # numbers of the elements from the root to the one being walked
    counter = [0]

    def flush() -> None:
        if parts:
            text = " ".join("".join(parts).split())
            if text and holder[0] is not None:
                tag, anc, near, far, depth, path_ = holder[0]
                if tag == "tr":
                    near |= cell_bits[0]
                    far |= cell_bits[0]
                blocks.append(Block(text, tag, links[0], anc, near, far, depth, path_[-5:], path_))
            parts.clear()
        links[0] = 0
        cell_bits[0] = 0

    def walk(
        element: HtmlElement, anc: int, far: int, parent_bits: int, depth: int, in_link: bool, enclosing, cell: int
    ) -> None:
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
            enclosing = holder[0] = (tag, anc, bits | parent_bits, far, depth, tuple(path))
        in_link = in_link or tag == "a"
        if tag in CELL_TAGS:
            cell = bits
            parts.append(" ")
        elif tag == "br":
            parts.append(" ")
        text = element.text
        if text:
            parts.append(text)
            cell_bits[0] |= cell
            if in_link:
                links[0] += len(text.strip())
        child_anc = anc | _ANCESTOR_BIT.get(tag, 0)
        for child in element:
            walk(child, child_anc, far, bits, depth + 1, in_link, enclosing, cell)
            holder[0] = enclosing  # text after a block child belongs to this block again
            tail = child.tail
            if tail:
                parts.append(tail)
                cell_bits[0] |= cell
                if in_link:
                    links[0] += len(tail.strip())
        if is_block:
            flush()
        path.pop()

    body = root.find(".//body") if root.tag != "body" else root
    walk(body if body is not None else root, 0, 0, 0, 0, False, None, 0)
    flush()
    return blocks


def norm(text: str) -> str:
    """Lower-cased ``\\w+`` words joined by single spaces: the form texts are compared in.

    Here a run of CJK or Thai between two punctuation marks stays one word (unlike
    :func:`newsspider.textlength.tokens`, used by the guard's agreement): "is this block in
    that text" asks for the same text, and a whole clause is a specific unit where 4 characters
    are not (Thai's 4-character grams found blocks in trafilatura's text that it did not take:
    ``benchmarks/multilingual.py`` news tuning, thai variant, 0.975 with clause words, 0.967 by
    characters; cjk 0.966 / 0.964)."""
    return " ".join(_WORD.findall(text)).casefold()


def _four_grams(tokens: list[str]) -> list[str]:
    """Each run of 4 tokens, joined by spaces (tokens have none): strings, not tuples, so the
    thousands of grams of a page are no work for the garbage collector."""
    return list(map(" ".join, zip(tokens, tokens[1:], tokens[2:], tokens[3:])))


class Reference:
    """Another extractor's text, asked "how much of this block do you contain?"."""

    def __init__(self, text: str | None) -> None:
        self.text = " " + norm(text or "") + " "
        tokens = self.text.split()
        self.shingles = set(_four_grams(tokens))
        self.present = bool(tokens)
        self._tokens = tokens

    @cached_property
    def _words(self) -> frozenset[str]:
        return frozenset(self._tokens)

    def _has_phrase(self, block_norm: str) -> bool:
        """``block_norm`` (1-3 words) occurs whole here; a word not in the text rules it out
        before the search through the whole text."""
        return self._words.issuperset(block_norm.split()) and f" {block_norm} " in self.text

    def contains(self, block_norm: str, grams: list[str] | None = None) -> float:
        """Share of the block's word 4-grams found here; a block of 1-3 words: found whole or not.

        ``grams``: the block's 4-grams when the caller made them already (once for all references).
        """
        if not self.present:
            return 0.0
        if grams is None:
            grams = _four_grams(block_norm.split())
        if not grams:
            return 1.0 if block_norm and self._has_phrase(block_norm) else 0.0
        return sum(map(self.shingles.__contains__, grams)) / len(grams)

    def contains_all(self, page: PageGrams) -> np.ndarray:
        """:meth:`contains` for every block of a page at once (the same values)."""
        out = np.zeros(len(page.norms))
        if not self.present:
            return out
        hits = np.fromiter(map(self.shingles.__contains__, page.flat), dtype=np.int64, count=len(page.flat))
        found = np.concatenate(([0], np.cumsum(hits)))
        grams = page.counts > 0
        out[grams] = (found[page.ends] - found[page.ends - page.counts])[grams] / page.counts[grams]
        for i in np.nonzero(~grams)[0].tolist():
            block_norm = page.norms[i]
            out[i] = 1.0 if block_norm and self._has_phrase(block_norm) else 0.0
        return out


class PageGrams:
    """The normalised text and word 4-grams of every block of a page, the grams in one flat list
    (block ``i`` owns ``flat[ends[i] - counts[i]:ends[i]]``): made once, asked of every reference.
    The grams are made on first use: a page without another text to compare (no JSON-LD body, the
    model-first path) needs only the normalised texts."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.norms = [norm(t) for t in texts]

    @cached_property
    def _per_block(self) -> list[list[str]]:
        return [_four_grams(t.split()) for t in self.norms]

    @cached_property
    def flat(self) -> list[str]:
        return list(chain.from_iterable(self._per_block))

    @cached_property
    def counts(self) -> np.ndarray:
        return np.array([len(grams) for grams in self._per_block], dtype=np.int64)

    @cached_property
    def ends(self) -> np.ndarray:
        return np.cumsum(self.counts)


REGION_LEVELS = 4
REGION_FEATURES = [f"up{k}_{name}" for k in range(1, REGION_LEVELS + 1) for name in ("blocks", "share", "traf", "link", "rules")]


def _names() -> list[str]:
    """Column names of :func:`featurize`'s rows, in order (the model file lists them too)."""
    names = ["log_chars", "log_words", "link_ratio", "sentence_end", "punct_density", "digit_ratio",
             "upper_start", "commas", "depth", "pos", "pos_chars", "in_traf", "in_ld", "in_rules", "window_rules",
             "prev_rules", "next_rules", "has_ld", "family",
             "top_bar", "is_title", *REGION_FEATURES, "after_title", "from_title",
             "page_blocks_log", "traf_share_of_page", "window_traf", "window_link", "prev_traf", "next_traf",
             "prev_log_chars", "next_log_chars", "dup_on_page", "cjk"]
    names += [f"tag_{t}" for t in TAG_SLOTS]
    names += [f"anc_{t}" for t in ANCESTOR_TAGS]
    names += [f"near_{n}" for n, _ in CLASS_GROUPS]
    names += [f"far_{n}" for n, _ in CLASS_GROUPS]
    return names


TAG_SLOTS = ("p", "h", "li", "tr", "div", "pre", "blockquote", "dd", "figcaption", "other")
FEATURE_NAMES: list[str] = _names()
_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}
_TAG_SLOTS = {"p": 0, "li": 2, "tr": 3, "div": 4, "section": 4, "pre": 5, "blockquote": 6, "dd": 7, "dt": 7,
              "figcaption": 8, "caption": 8}
# Columns computed from a block's text alone (:func:`_text_features`), in its order.
_TEXT_COLUMNS = [_COLUMN[name] for name in ("log_chars", "log_words", "sentence_end", "punct_density",
                                             "digit_ratio", "upper_start", "commas", "family", "top_bar", "cjk")]
WINDOW = 3  # blocks on each side in the window_* columns


def _tag_slot(tag: str) -> int:
    return 1 if tag in HEADINGS else _TAG_SLOTS.get(tag, 9)


@lru_cache(maxsize=16384)  # a site's menus and footers repeat on every page
def _text_features(text: str) -> tuple[float, ...]:
    """The columns of :data:`_TEXT_COLUMNS` for one block's text. Its length is counted in the
    characters a spaced language takes for the same text (``equivalent_chars``: a Chinese
    paragraph is not a caption), exactly ``len(text)`` for text in spaced scripts."""
    chars = len(text)
    words, units = word_count_and_equivalent_chars(text)
    return (
        math.log1p(units),
        math.log1p(words),
        1.0 if _SENTENCE_END.search(text) else 0.0,
        sentence_marks(text) / max(1, words),  # any script's full stops, question and exclamation marks
        len(_DIGIT.findall(text)) / units,
        1.0 if starts_capitalised(text) else 0.0,  # caseless scripts: any letter
        min(10, comma_count(text)) / 10,  # ，、، too
        1.0 if chars <= FAMILY_MAX_CHARS and starts_like_boilerplate(text) else 0.0,
        1.0 if chars <= 60 and is_top_bar_item(text) else 0.0,
        1.0 if words > len(text.split()) else 0.0,  # a script written without spaces
    )


def _window_mean(values: np.ndarray) -> np.ndarray:
    """Mean of each value with its :data:`WINDOW` neighbours on each side (fewer at the ends).

    Added left to right like ``sum(values[lo:hi])``, so the floats are the same bit for bit.
    """
    n = len(values)
    padded = np.concatenate((np.zeros(WINDOW), values, np.zeros(WINDOW)))
    total = padded[0:n].copy()
    for k in range(1, 2 * WINDOW + 1):
        total += padded[k : k + n]
    index = np.arange(n)
    return total / (np.minimum(n, index + WINDOW + 1) - np.maximum(0, index - WINDOW))


def _shifted(values: np.ndarray, by: int) -> np.ndarray:
    """``values[i - by]`` at ``i`` (zero where that falls outside)."""
    out = np.zeros_like(values)
    if by > 0:
        out[by:] = values[:-by]
    else:
        out[:by] = values[-by:]
    return out


def _bit_columns(masks: Sequence[int], width: int) -> np.ndarray:
    """One 0/1 column per bit of the bitmasks."""
    return ((np.asarray(masks, dtype=np.int64)[:, None] >> np.arange(width)) & 1).astype(np.float64)


def _region_columns(
    blocks: Sequence[Block], chars: np.ndarray, in_traf: np.ndarray, in_rules: np.ndarray, total_chars: int
) -> np.ndarray:
    """For the 1st..4th element above each block's holder: log blocks, share of the page's text,
    share taken by trafilatura, link share, share taken by the rules' body (zeros above the root).

    The text under each element above the blocks says how big a region is, how much of it
    trafilatura took, how linky it is: the region view that one block alone lacks.
    """
    n = len(blocks)
    pad = (-1,) * REGION_LEVELS
    keys = np.array([(*b.ancestry[-2::-1], *pad)[:REGION_LEVELS] for b in blocks], dtype=np.intp)
    valid = keys >= 0
    # Row-major order: each element's sums add its blocks in document order (as a loop would).
    flat = keys[valid]
    owner = np.nonzero(valid)[0]
    size = int(flat.max()) + 1 if len(flat) else 1
    links = np.array([b.link_chars for b in blocks], dtype=np.float64)
    count = np.bincount(flat, minlength=size)
    region_chars = np.bincount(flat, weights=chars[owner], minlength=size)
    region_traf = np.bincount(flat, weights=(in_traf * chars)[owner], minlength=size)
    region_links = np.bincount(flat, weights=links[owner], minlength=size)
    region_rules = np.bincount(flat, weights=(in_rules * chars)[owner], minlength=size)
    region_chars[region_chars == 0] = 1
    out = np.zeros((n, 5 * REGION_LEVELS))
    for level in range(REGION_LEVELS):
        rows = np.nonzero(valid[:, level])[0]
        key = keys[rows, level]
        span = region_chars[key]
        out[rows, 5 * level] = [math.log1p(c) for c in count[key].tolist()]
        out[rows, 5 * level + 1] = span / total_chars
        out[rows, 5 * level + 2] = region_traf[key] / span
        out[rows, 5 * level + 3] = np.minimum(1.0, region_links[key] / span)
        out[rows, 5 * level + 4] = region_rules[key] / span
    return out


@dataclass
class PageFeatures:
    """A page's blocks with every feature column that needs no other extractor's text.

    Made once a page (:func:`base_features`); :func:`with_opinions` adds trafilatura's and the
    rules' columns. The model-first path and its fallback share it: the page is walked and its
    blocks measured once.
    """

    blocks: Sequence[Block]
    x: np.ndarray  # rows with the opinion columns at zero
    grams: PageGrams
    chars: np.ndarray
    chars_list: list[int]
    total_chars: int


def base_features(blocks: Sequence[Block], *, ld_body: str | None = None, title: str | None = None) -> PageFeatures:
    """The feature rows of :func:`featurize` without trafilatura and the rules' body."""
    n = len(blocks)
    x = np.zeros((n, len(FEATURE_NAMES)))
    texts = [b.text for b in blocks]
    page = PageGrams(texts)
    chars_list = [len(t) for t in texts]
    chars = np.array(chars_list, dtype=np.float64)
    total_chars = sum(chars_list) or 1
    features = PageFeatures(blocks, x, page, chars, chars_list, total_chars)
    if not n:
        return features
    col = _COLUMN
    norms = page.norms
    ld = Reference(ld_body)
    x[:, _TEXT_COLUMNS] = [_text_features(t) for t in texts]
    link_ratio = np.array([b.link_ratio for b in blocks])
    index = np.arange(n)
    x[:, col["link_ratio"]] = link_ratio
    x[:, col["depth"]] = np.minimum(40, [b.depth for b in blocks]) / 40
    x[:, col["pos"]] = index / n
    x[:, col["pos_chars"]] = (np.cumsum(chars_list) - chars_list) / total_chars
    x[:, col["in_ld"]] = ld.contains_all(page)
    x[:, col["has_ld"]] = 1.0 if ld.present else 0.0
    title_norm = norm(title or "")
    is_title = np.array([bool(title_norm) and t == title_norm for t in norms], dtype=np.float64)
    x[:, col["is_title"]] = is_title
    title_at = int(np.argmax(is_title)) if is_title.any() else None
    if title_at is None:
        title_at = next((i for i, b in enumerate(blocks) if b.tag == "h1"), None)
    if title_at is None:
        x[:, col["after_title"]] = -1.0
    else:
        x[:, col["after_title"]] = index > title_at
        x[:, col["from_title"]] = np.maximum(-1.0, np.minimum(1.0, (index - title_at) / 20))
    x[:, col["page_blocks_log"]] = math.log1p(n)
    x[:, col["window_link"]] = _window_mean(link_ratio)
    log_chars = x[:, col["log_chars"]]
    x[:, col["prev_log_chars"]] = _shifted(log_chars, 1)
    x[:, col["next_log_chars"]] = _shifted(log_chars, -1)
    counts = Counter(norms)
    x[:, col["dup_on_page"]] = [counts[t] > 1 for t in norms]
    x[index, col["tag_p"] + np.array([_tag_slot(b.tag) for b in blocks])] = 1.0
    first = col[f"anc_{ANCESTOR_TAGS[0]}"]
    x[:, first : first + len(ANCESTOR_TAGS)] = _bit_columns([b.ancestors for b in blocks], len(ANCESTOR_TAGS))
    first = col[f"near_{CLASS_GROUPS[0][0]}"]
    x[:, first : first + len(CLASS_GROUPS)] = _bit_columns([b.classes_near for b in blocks], len(CLASS_GROUPS))
    first = col[f"far_{CLASS_GROUPS[0][0]}"]
    x[:, first : first + len(CLASS_GROUPS)] = _bit_columns([b.classes_far for b in blocks], len(CLASS_GROUPS))
    return features


def with_opinions(page: PageFeatures, *, trafilatura_text: str | None, rules_text: str | None = None) -> np.ndarray:
    """:func:`featurize`'s rows: ``page``'s with trafilatura's and the rules' columns filled (a copy)."""
    x = page.x.copy()
    blocks = page.blocks
    if not len(blocks):
        return x
    col = _COLUMN
    traf = Reference(trafilatura_text)
    rules = traf if rules_text == trafilatura_text else Reference(rules_text)
    in_traf = traf.contains_all(page.grams)
    in_rules = in_traf if rules is traf else rules.contains_all(page.grams)
    x[:, col["in_traf"]] = in_traf
    x[:, col["in_rules"]] = in_rules
    x[:, col["window_rules"]] = _window_mean(in_rules)
    x[:, col["prev_rules"]] = _shifted(in_rules, 1)
    x[:, col["next_rules"]] = _shifted(in_rules, -1)
    first_region = col[REGION_FEATURES[0]]
    x[:, first_region : first_region + len(REGION_FEATURES)] = _region_columns(
        blocks, page.chars, in_traf, in_rules, page.total_chars
    )
    x[:, col["traf_share_of_page"]] = (
        sum(share * size for share, size in zip(in_traf.tolist(), page.chars_list)) / page.total_chars
    )
    x[:, col["window_traf"]] = _window_mean(in_traf)
    x[:, col["prev_traf"]] = _shifted(in_traf, 1)
    x[:, col["next_traf"]] = _shifted(in_traf, -1)
    return x


def featurize(
    blocks: Sequence[Block],
    *,
    trafilatura_text: str | None,
    rules_text: str | None = None,
    ld_body: str | None = None,
    title: str | None = None,
) -> np.ndarray:
    """One feature row per block: an array of shape ``(len(blocks), len(FEATURE_NAMES))``.

    A block's own text is measured in one Python pass; every column that looks at neighbours,
    regions or flags is computed for all blocks at once with numpy (bit for bit the values a
    row-by-row loop gives: the model's thresholds were learned on them).
    """
    page = base_features(blocks, ld_body=ld_body, title=title)
    return with_opinions(page, trafilatura_text=trafilatura_text, rules_text=rules_text)


def render(blocks: Iterable[Block]) -> str:
    """Body text: one block per paragraph, separated by one blank line."""
    return "\n\n".join(b.text for b in blocks if b.text)
