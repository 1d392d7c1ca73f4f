"""The demo site's articles: who wrote what, when, under which headline and template.

All of it comes from one fixed-seed RNG, drawn in a fixed order: changing the order of the
draws (or of the data files' lists) changes the whole site.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from newsspider.demo.sitedata import (
    AUTHORS,
    CITIES,
    COUNTRIES,
    MONTHS,
    SECTIONS,
    WEEKDAYS,
    WORDS,
    Kind,
    SectionSpec,
)
from newsspider.demo.textgen import Block, Writer, fill, slugify

SEED = 20240421
ARTICLES_PER_SECTION = 12
TEMPLATES = ("modern", "legacy", "plain", "obfuscated")


@dataclass(eq=False)
class Article:
    """One generated article and everything needed to render and to grade it."""

    index: int
    section: SectionSpec
    kind: Kind
    title: str
    slug: str
    published: datetime
    modified: datetime | None
    authors: list[tuple[str, str]]  # (name, job title)
    tags: list[str]
    blocks: list[Block]
    template: str
    source: str
    source_linked: bool
    byline_title: bool
    views: int
    related: list[Article] = field(default_factory=list)

    @property
    def path(self) -> str:
        d = self.published
        return f"/{self.section.slug}/{d:%Y}/{d:%m}/{d:%d}/{self.slug}.html"

    @property
    def body(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    @property
    def description(self) -> str:
        first = self.blocks[0].text
        match = re.match(r"(.+?[.!?])(\s|$)", first)
        return match.group(1) if match else first

    @property
    def author_names(self) -> list[str]:
        return [name for name, _ in self.authors]

    def teaser(self, words: int = 8) -> str:
        """First words of the body followed by "..." (as on the reference page)."""
        head = self.blocks[0].text.split()[:words]
        return " ".join(head).rstrip(",;:.") + "..."


def _tz_offset(local: datetime) -> timezone:
    """Central European time: +02:00 from 31 March to 26 October 2024, else +01:00."""
    summer = datetime(2024, 3, 31) <= local.replace(tzinfo=None) < datetime(2024, 10, 27)
    return timezone(timedelta(hours=2 if summer else 1))


def _localize(naive: datetime) -> datetime:
    return naive.replace(tzinfo=_tz_offset(naive))


def _make_person(rng: random.Random, taken: set[str]) -> str:
    """A made-up person whose surname is not yet used in this article."""
    while True:
        first, last = rng.choice(WORDS["first_names"]), rng.choice(WORDS["last_names"])
        if last not in taken:
            taken.add(last)
            return f"{first} {last}"


def article_context(rng: random.Random, section: SectionSpec, kind: Kind,
                     published: datetime) -> dict[str, str]:
    """Fixed entities of one article: places, organisation, topic, people and dates."""
    country, country2 = rng.sample(COUNTRIES, 2)
    city, city2 = rng.sample(CITIES, 2)
    ctx: dict[str, str] = {"country": country, "country2": country2, "city": city,
                           "city2": city2, "topic": rng.choice(kind.topics),
                           "scale": section.money_scale}
    org_choices = list(kind.orgs)
    org = rng.choice(org_choices).format(**ctx)
    if kind.name == "results":  # companies and their markets are listed in the same order
        ctx["topic"] = kind.topics[[o.format(**ctx) for o in org_choices].index(org)]
    ctx["org"] = org
    ctx["org_name"] = org.removeprefix("the ")
    others = [o.format(**ctx) for o in org_choices if o.format(**ctx) != org]
    ctx["org2"] = rng.choice(others) if kind.name == "merger" else rng.choice(WORDS["think_tanks"])
    people: set[str] = set()
    for key in ("p1", "p2", "p3", "rival", "artist"):
        name = _make_person(rng, people)
        ctx[key] = name
        ctx[f"{key}_last"] = name.split()[-1]
    ctx["p1_role"] = rng.choice(kind.p1_roles).format(**ctx)
    ctx["p2_role"] = rng.choice(section.p2_roles).format(**ctx)
    ctx["p3_role"] = rng.choice(section.p3_roles).format(**ctx)
    ctx["day"] = WEEKDAYS[published.weekday()]
    ctx["day_next"] = WEEKDAYS[(published.weekday() + rng.randint(2, 5)) % 7]
    ctx["month_prev"] = MONTHS[(published.month - 2) % 12]
    ctx["month_next"] = MONTHS[published.month % 12]
    ctx["quarter"] = WORDS["quarters"][(published.month - 1) // 3]
    ctx["year_next"] = str(published.year + 1)
    return ctx


def generate_articles(seed: int = SEED) -> list[Article]:
    """Create all articles deterministically from ``seed``."""
    rng = random.Random(seed)
    writer = Writer(rng)
    n_total = ARTICLES_PER_SECTION * len(SECTIONS)
    days = sorted(rng.sample(range(2, 362), n_total))
    titles: set[str] = set()
    slugs: set[str] = set()
    articles: list[Article] = []
    for g in range(n_total):
        i, s = divmod(g, len(SECTIONS))
        section = SECTIONS[s]
        kind = section.kinds[i % len(section.kinds)]
        naive = datetime(2024, 1, 1) + timedelta(days=days[g], hours=rng.randint(6, 21),
                                                 minutes=rng.randrange(0, 60, 5))
        published = _localize(naive)
        modified = None
        if rng.random() < 0.35:
            later = naive + timedelta(hours=rng.randint(1, 40), minutes=rng.randrange(0, 60, 5))
            modified = _localize(later)
        ctx = article_context(rng, section, kind, published)
        for _attempt in range(50):
            title = fill(rng.choice(kind.headlines), ctx, rng)
            if title not in titles and slugify(title) not in slugs:
                break
        else:
            raise RuntimeError("could not find a unique headline")
        titles.add(title)
        slugs.add(slugify(title))
        extras = "none"
        if i % 4 == 1:
            extras = ("h2", "list", "both")[(i // 4) % 3]
        blocks = writer.body(section, kind, ctx, extras)
        n_authors = rng.choices((1, 2, 3), weights=(55, 35, 10))[0]
        authors = rng.sample(AUTHORS, n_authors)
        tags = [kind.tag] + rng.sample(section.extra_tags, rng.randint(1, 2))
        if rng.random() < 0.3:
            tags.append(rng.choice(WORDS["bonus_tags"]))
        articles.append(Article(
            index=g, section=section, kind=kind, title=title, slug=slugify(title),
            published=published, modified=modified, authors=authors, tags=tags,
            blocks=blocks, template=TEMPLATES[g % len(TEMPLATES)],
            source=rng.choice(WORDS["wire_sources"]), source_linked=rng.random() < 0.5,
            byline_title=n_authors == 1 and rng.random() < 0.6,
            views=rng.randint(300, 25000),
        ))
    _add_inline_links(articles, rng)
    return articles


def _add_inline_links(articles: list[Article], rng: random.Random) -> None:
    """Link a place or organisation name in some paragraphs to a related story."""
    for art in articles:
        same = [a for a in articles if a.section is art.section and a is not art]
        art.related = sorted(same, key=lambda a: abs(a.index - art.index))[:3]
        if rng.random() < 0.4:
            block = art.blocks[1] if art.blocks[1].tag == "p" else art.blocks[0]
            for word in (*COUNTRIES, *CITIES):
                if re.search(rf"\b{re.escape(word)}\b", block.text):
                    block.link = (word, art.related[0].path)
                    break
