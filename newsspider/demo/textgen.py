"""Article text of the demo site: sentence templates filled by a fixed-seed RNG.

Every sentence is unique on the whole site (:class:`Writer`), so a paragraph found twice in
an extraction is an error, never a coincidence.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsspider.demo.sitedata import SENTENCES, WORDS, Kind, SectionSpec

QUOTES = SENTENCES["quotes"]
#: Quotes that introduce the speaker with full name and role (open a quote paragraph).
QUOTES_INTRO = tuple(q for q in QUOTES if "_role}" in q)
BACKGROUND = SENTENCES["background"]
OUTLOOK = SENTENCES["outlook"]

#: Paragraph plans by number of paragraphs.
PLANS = {
    3: ("lede", "quote", "outlook"),
    4: ("lede", "detail", "quote", "outlook"),
    5: ("lede", "detail", "quote", "background", "outlook"),
    6: ("lede", "detail", "quote", "background", "detail", "outlook"),
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Slots(dict):  # type: ignore[type-arg]
    """Format mapping: fixed article entities plus fresh random numbers for each sentence.

    ``{Key}`` capitalises the first letter of ``{key}``. Numbers (``{n}``, ``{big}``,
    ``{money}`` ...) are drawn once per ``Slots`` object, i.e. once per sentence.
    """

    def __init__(self, base: dict[str, str], rng: random.Random) -> None:
        super().__init__(base)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        lower = key[:1].lower() + key[1:]
        if lower != key:
            value = _cap(self[lower])
        else:
            fresh = self._fresh(key)
            if fresh is None:
                raise KeyError(key)
            value = fresh
        self[key] = value
        return value

    def _fresh(self, key: str) -> str | None:
        r = self.rng
        makers: dict[str, Callable[[], str]] = {
            "n": lambda: str(r.randint(12, 95)),
            "n_small": lambda: str(r.randint(2, 9)),
            "n_word": lambda: r.choice(WORDS["number_words"]),
            "big": lambda: f"{r.randrange(1200, 48000, 50):,}",
            "pct": lambda: str(r.randint(6, 64)),
            "pct_small": lambda: f"{r.randint(5, 119) / 10:.1f}",
            "pct_win": lambda: str(r.randint(41, 58)),
            "money": lambda: _money(r, self.get("scale", "large")),
            "money2": lambda: _money(r, self.get("scale", "large")),
            "prize": lambda: f"{r.randrange(10000, 60000, 5000):,} euros",
            "year": lambda: str(r.randint(2014, 2022)),
            "year_old": lambda: str(r.randint(1958, 1999)),
            "deg": lambda: f"{r.randint(4, 23) / 10:.1f}",
            "age": lambda: str(r.randint(12, 25)),
            "cents": lambda: str(r.randint(12, 60)),
            "cents2": lambda: str(r.randint(5, 11)),
            "journal": lambda: r.choice(WORDS["journals"]),
            "nth": lambda: _ordinal(r.randint(5, 60)),
            "majority": lambda: r.choice(WORDS["majority_words"]),
        }
        maker = makers.get(key)
        return maker() if maker else None


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _money(r: random.Random, scale: str = "large") -> str:
    """An amount of money; ``scale`` "small" keeps it to arts-budget sizes."""
    if scale == "small":
        if r.randrange(2):
            return f"{r.randrange(120, 990, 10)},000 euros"
        return f"${r.randint(11, 60) / 10:.1f} million"
    if scale == "medium":
        if r.randrange(2):
            return f"${r.randint(2, 95)} million"
        return f"{r.randint(12, 95) / 10:.1f} million euros"
    kind = r.randrange(3)
    if kind == 0:
        return f"${r.randint(11, 98) / 10:.1f} billion"
    if kind == 1:
        return f"${r.randrange(20, 950, 5)} million"
    return f"{r.randrange(15, 900, 5)} million euros"


_AN = re.compile(r"\b([Aa]) (?=[aeioAEIO]|[uU](?!ni|se|su|ro))")


def fill(template: str, base: dict[str, str], rng: random.Random) -> str:
    """Fill a template and fix "a" before a vowel ("a energy deal" -> "an energy deal")."""
    return _AN.sub(r"\1n ", template.format_map(Slots(base, rng)))


def _words(text: str) -> int:
    return len(text.split())


_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "ł": "l",
                           "Ł": "L", "đ": "d", "Đ": "D", "œ": "oe"})


def slugify(text: str, max_len: int = 70) -> str:
    """ASCII URL slug of ``text``, cut at a word boundary."""
    text = text.translate(_TRANSLIT)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug


@dataclass
class Block:
    """One body block: ``p``, ``h2`` or ``li``; ``link`` = (anchor text, href) inside it."""

    tag: str
    text: str
    link: tuple[str, str] | None = None


class Writer:
    """Draws globally unique sentences so no sentence repeats anywhere on the site."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def draw(self, pools: Sequence[Sequence[str]], ctx: dict[str, str],
             used_templates: set[str], max_words: int = 999) -> str | None:
        """A new sentence from a random template of ``pools`` not yet used in this article."""
        candidates = [t for pool in pools for t in pool if t not in used_templates]
        self.rng.shuffle(candidates)
        for template in candidates:
            sentence = fill(template, ctx, self.rng)
            if sentence in self.used or _words(sentence) > max_words:
                continue
            self.used.add(sentence)
            used_templates.add(template)
            return sentence
        return None

    def paragraph(self, first: Sequence[Sequence[str]], rest: Sequence[Sequence[str]],
                  ctx: dict[str, str], used: set[str],
                  last: Sequence[Sequence[str]] | None = None,
                  spare: Sequence[Sequence[str]] = ()) -> str:
        """A paragraph of 40-120 words: one sentence from ``first``, fillers, maybe ``last``.

        ``spare`` pools are only used to top up a paragraph that is still under 40 words.
        """
        target = self.rng.randint(45, 100)
        reserve = 20 if last else 0
        sentences = [s for s in [self.draw(first, ctx, used)] if s]

        def count() -> int:
            return _words(" ".join(sentences))

        while count() + reserve < target:
            nxt = self.draw(rest, ctx, used, max_words=120 - reserve - count())
            if nxt is None:
                break
            sentences.append(nxt)
        if last:
            final = self.draw(last, ctx, used, max_words=120 - count())
            sentences += [final] if final else []
        while count() < 40:  # top up short paragraphs (before the closing sentence)
            nxt = self.draw([*rest, *spare], ctx, used, max_words=120 - count())
            if nxt is None:
                break
            sentences.insert(len(sentences) - 1 if last else len(sentences), nxt)
        text = " ".join(sentences)
        if not 40 <= _words(text) <= 120:
            raise RuntimeError(f"paragraph of {_words(text)} words: {text!r}")
        return text

    def unique_line(self, templates: Sequence[str], ctx: dict[str, str]) -> tuple[str, str]:
        """A site-wide unique short line (sub-heading or list item) and its template."""
        options = list(templates)
        self.rng.shuffle(options)
        for _attempt in range(10):
            for template in options:
                line = fill(template, ctx, self.rng)
                if line not in self.used:
                    self.used.add(line)
                    return line, template
        raise RuntimeError(f"no unique line left for {templates!r}")

    def body(self, section: SectionSpec, kind: Kind, ctx: dict[str, str],
             extras: str) -> list[Block]:
        """Paragraphs of one article plus ``extras``: a sub-heading (``h2``), a list
        (``list``), both (``both``) or nothing (``none``)."""
        rng = self.rng
        used: set[str] = set()
        n_paras = rng.randint(3, 6)
        general = kind.general or section.general
        detail = [kind.details, general]
        spare = [kind.details, general, BACKGROUND, QUOTES]
        blocks: list[Block] = []
        for i, kind_of_para in enumerate(PLANS[n_paras]):
            if kind_of_para == "lede":
                text = self.paragraph([kind.ledes], detail, ctx, used, spare=spare)
            elif kind_of_para == "detail":
                text = self.paragraph([kind.details], detail, ctx, used, spare=spare)
            elif kind_of_para == "quote":
                text = self.paragraph([QUOTES_INTRO], [kind.details, general, QUOTES], ctx,
                                      used, spare=spare)
            elif kind_of_para == "background":
                text = self.paragraph([BACKGROUND], [BACKGROUND, general], ctx, used,
                                      spare=spare)
            else:
                text = self.paragraph([general, kind.details], [general, BACKGROUND], ctx, used,
                                      last=[OUTLOOK], spare=spare)
            blocks.append(Block("p", text))
            if i == 1 and extras in ("list", "both"):
                if extras == "both":
                    lead = self.unique_line(SENTENCES["list_leads"], ctx)[0]
                    blocks.append(Block("h2", lead[:-1]))  # without its colon
                items = list(section.list_items)
                for _item in range(rng.randint(3, 4)):
                    line, template = self.unique_line(items, ctx)
                    items.remove(template)
                    blocks.append(Block("li", line))
        if extras in ("h2", "both"):
            at = len(blocks) - 1  # before the last paragraph
            blocks.insert(at, Block("h2", self.unique_line(SENTENCES["subheadings"], ctx)[0]))
        return blocks
