"""A labelled set of syndicated copies and hard negatives, built from real article bodies.

Deterministic (fixed :data:`SEED`): the ground-truth bodies of the bundled corpora
(``wcxb-dev`` and ``article-extraction``, article pages of at least :data:`MIN_WORDS` words),
each part of :mod:`benchmarks.split` on its own, so tuning never sees a validation body.

Records of one part:

- *originals*: every base body, once, as a story of its own (two bases whose word diff matches
  at least half their words, the same article found twice in the corpora, are one story);
- *copies* (positives): 1-3 per story, each with 5-30% of its words edited (measured with a word
  diff) by a mix of: a new intro sentence, a trimmed end, sentences replaced / deleted / with
  words changed, a copy desk's pass (a few words changed in a fifth to a half of the sentences),
  inserted boilerplate lines, two paragraphs swapped;
- *follow-ups* (hard negatives): a different story (a base not used as an original) with one or
  two background paragraphs of an original (10-20% of its words), as newsrooms write follow-ups;
- *templates* (hard negatives): every record goes to one of a few synthetic sites and gets that
  site's boilerplate lines (a header, a footer), so different stories of one site share them;
- *topic neighbours* (hard negatives): pairs of originals with the highest shared vocabulary,
  listed (they are records already) so that the benchmark reports them apart.

Each record: ``id``, ``story`` (equal for copies of one story), ``kind``, ``site``, ``url``,
``published`` (ISO 8601; a copy may be published before the original), ``body``.

Usage::

    python benchmarks/syndication_set.py    # counts per part
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

import numpy as np

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

from benchmarks.split import PARTS, corpus_folder, part_of  # noqa: E402

SEED = 1402
CORPORA = ("wcxb-dev", "article-extraction")
#: Bases shorter than this are left out: a copy of a few sentences cannot be edited by 5-30%.
MIN_WORDS = 120
#: Share of the words a copy edits, inclusive bounds.
EDIT_RANGE = (0.05, 0.30)
#: Share of the bases written up as follow-ups of another story instead of originals.
FOLLOW_UP_SHARE = 0.15
#: Synthetic sites (each with its own boilerplate) the records are spread over.
SITES = 12
#: Topic-neighbour pairs listed per part.
TOPIC_PAIRS = 60
#: Bases sharing this much vocabulary are word-diffed: a real copy in the corpora is labelled one.
REAL_COPY_VOCABULARY = 0.3

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"'A-Z0-9\u201c])")
_WORD = re.compile(r"[A-Za-z]{4,}")
_START = datetime(2025, 3, 1, tzinfo=UTC)

# Words for generated boilerplate and intros: generic news furniture, no benchmark phrase.
_SITE_NAMES = ["Harbor", "Ridge", "Valley", "Metro", "Summit", "Lakeside", "Pioneer", "Granite", "Prairie", "Coastal",
               "Northern", "Capital", "Riverside", "Eastfield", "Westgate", "Highland"]
_SITE_KINDS = ["Herald", "Post", "Times", "Gazette", "Ledger", "Courier", "Chronicle", "Tribune", "Observer", "Journal"]
_SECTIONS = ["local", "business", "politics", "sports", "science", "health", "culture", "world", "technology"]
_BOILERPLATE = [
    "Subscribe to the {site} newsletter to get the day's {section} headlines in your inbox every morning.",
    "Follow {site} on social media for breaking {section} news and live updates.",
    "Read more {section} coverage from {site}.",
    "Copyright {year} {site}. All rights reserved. This material may not be republished without permission.",
    "Have a news tip? Contact the {site} {section} desk.",
    "Support independent {section} journalism: become a {site} member today.",
    "This story was updated with additional reporting.",
    "Sign up for {site} alerts and never miss a {section} story.",
    "Related: more {section} stories from around the region.",
    "Listen to the {site} podcast for daily {section} analysis.",
]
_AGENCIES = ["Wire Service", "News Agency", "Press Association", "Newswire", "Syndicate"]
_CITIES = ["LONDON", "NEW YORK", "PARIS", "BERLIN", "TOKYO", "SYDNEY", "TORONTO", "MADRID", "ROME", "DUBLIN"]


@dataclass(frozen=True)
class Record:
    id: str
    story: str
    kind: str  # original | copy | follow-up
    site: str
    url: str
    published: str
    body: str


@dataclass(frozen=True)
class Base:
    id: str
    url: str
    body: str
    story: str = ""  # the base it is a real copy of (the corpora hold a few), else its own id


def bases(part: str) -> list[Base]:
    """Real ground-truth bodies of ``part`` (article pages, >= MIN_WORDS words, no exact repeats)."""
    out: dict[str, Base] = {}
    for name in CORPORA:
        truth = json.loads((corpus_folder(name) / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id in sorted(truth):
            entry = truth[page_id]
            body = (entry.get("articleBody") or "").strip()
            url = entry.get("url", "")
            if entry.get("page_type", "article") != "article" or len(body.split()) < MIN_WORDS or part_of(url) != part:
                continue
            out.setdefault(" ".join(body.split()), Base(f"{name}/{page_id}", url, body))
    return _real_copies_labelled(list(out.values()))


def _real_copies_labelled(pool: list[Base]) -> list[Base]:
    """``pool`` with ``story`` set: bases whose word diff matches at least half their words (the same
    article found twice in the corpora) share one story; candidates are pairs sharing vocabulary."""
    similar = _vocabulary_jaccard([b.body for b in pool])
    story = list(range(len(pool)))

    def root(i: int) -> int:
        while story[i] != i:
            i = story[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(similar >= REAL_COPY_VOCABULARY, k=1))):
        words_i, words_j = pool[i].body.split(), pool[j].body.split()
        if 1 - _matched_words(words_i, words_j) / max(len(words_i), len(words_j)) <= 0.5:
            story[root(int(j))] = root(int(i))
    return [replace(b, story=pool[root(k)].id) for k, b in enumerate(pool)]


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", body) if p.strip()]


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE.split(paragraph) if s.strip()]


def _matched_words(a: list[str], b: list[str]) -> int:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def edit_share(a: str, b: str) -> float:
    """Share of words edited from ``a`` to ``b``: 1 - matched words / the longer text's words.

    Diffed by sentences, then word by word inside the sentences that differ (a word diff of
    whole articles is quadratic)."""
    sa = [s for p in paragraphs(a) for s in sentences(p)]
    sb = [s for p in paragraphs(b) for s in sentences(p)]
    matched = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, sa, sb, autojunk=False).get_opcodes():
        if op == "equal":
            matched += sum(len(s.split()) for s in sa[i1:i2])
        elif op == "replace":
            matched += _matched_words(" ".join(sa[i1:i2]).split(), " ".join(sb[j1:j2]).split())
    return 1 - matched / max(len(a.split()), len(b.split()), 1)


class _Editor:
    """Random edits of a body (lists of paragraphs of sentences), drawing new text from ``donors``."""

    def __init__(self, rng: random.Random, donors: list[str], site: str, section: str) -> None:
        self.rng, self.donors, self.site, self.section = rng, donors, site, section

    def donor_sentence(self) -> str:
        for _ in range(20):
            options = [s for p in paragraphs(self.rng.choice(self.donors)) for s in sentences(p) if 8 <= len(s.split()) <= 40]
            if options:
                return self.rng.choice(options)
        return "Officials said more details would be released later."

    def boilerplate(self) -> str:
        return self.rng.choice(_BOILERPLATE).format(site=self.site, section=self.section, year=2025)

    def intro(self, doc: list[list[str]]) -> None:
        lead = f"{self.rng.choice(_CITIES)} ({self.rng.choice(_AGENCIES)}) - {self.donor_sentence()}"
        if self.rng.random() < 0.5 and doc[0]:
            doc[0][0] = lead  # a changed intro
        else:
            doc.insert(0, [lead])  # an added intro

    def trim(self, doc: list[list[str]]) -> None:
        total = sum(len(s.split()) for p in doc for s in p)
        goal = total * self.rng.uniform(0.04, 0.25)
        while goal > 0 and sum(len(p) for p in doc) > 3:
            last = doc[-1]
            goal -= len(last.pop().split())
            if not last:
                doc.pop()

    def replace_sentences(self, doc: list[list[str]]) -> None:
        for _ in range(self.rng.randint(1, 3)):
            para = self.rng.choice(doc)
            if para:
                i = self.rng.randrange(len(para))
                action = self.rng.random()
                if action < 0.4:
                    para[i] = self.donor_sentence()
                elif action < 0.6 and len(para) > 1:
                    del para[i]
                else:
                    para[i] = self.reword(para[i])

    def reword(self, sentence: str) -> str:
        words = sentence.split()
        for _ in range(max(1, len(words) // 8)):
            j = self.rng.randrange(len(words))
            words[j] = self.rng.choice(["reportedly", "also", "nearly", "about", "later", "officials", "the", "said"])
        return " ".join(words)

    def copyedit(self, doc: list[list[str]]) -> None:
        """A copy desk's pass: a word or two changed in a fifth to a half of the sentences."""
        share = self.rng.uniform(0.2, 0.5)
        for para in doc:
            for i in range(len(para)):
                if self.rng.random() < share:
                    para[i] = self.reword(para[i])

    def insert_boilerplate(self, doc: list[list[str]]) -> None:
        for _ in range(self.rng.randint(1, 2)):
            doc.insert(self.rng.randint(1, len(doc)), [self.boilerplate()])

    def swap(self, doc: list[list[str]]) -> None:
        if len(doc) > 2:
            i = self.rng.randrange(len(doc) - 1)
            doc[i], doc[i + 1] = doc[i + 1], doc[i]

    def copy(self, body: str) -> str | None:
        """A copy with 5-30% of its words edited, or None when no mix of edits lands in the range."""
        edits = [self.intro, self.trim, self.replace_sentences, self.copyedit, self.insert_boilerplate, self.swap]
        for _ in range(12):
            doc = [sentences(p) for p in paragraphs(body)]
            for edit in self.rng.sample(edits, self.rng.randint(1, 3)):
                edit(doc)
            text = "\n\n".join(" ".join(p) for p in doc if p)
            if EDIT_RANGE[0] <= edit_share(body, text) <= EDIT_RANGE[1]:
                return text
        return None


def _site(rng: random.Random) -> tuple[str, str]:
    return f"{rng.choice(_SITE_NAMES)} {rng.choice(_SITE_KINDS)}", rng.choice(_SECTIONS)


def _templated(body: str, template: tuple[str, list[str]]) -> str:
    header, footer = template
    return "\n\n".join([header, body, *footer]) if header else "\n\n".join([body, *footer])


def _content_words(body: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(body)}


def _vocabulary_jaccard(bodies: list[str]) -> np.ndarray:
    """Jaccard of the 4+ letter words of every pair of bodies (a square matrix)."""
    words = [_content_words(b) for b in bodies]
    vocabulary = {w: i for i, w in enumerate(sorted(set().union(*words)))}
    matrix = np.zeros((len(words), len(vocabulary)), dtype=np.float32)
    for row, ws in enumerate(words):
        matrix[row, [vocabulary[w] for w in ws]] = 1
    common = matrix @ matrix.T
    sizes = matrix.sum(axis=1)
    return common / np.maximum(sizes[:, None] + sizes[None, :] - common, 1)


def topic_pairs(originals: list[Record], count: int = TOPIC_PAIRS) -> list[tuple[str, str]]:
    """The ``count`` pairs of different stories' originals sharing the most vocabulary."""
    jaccard = _vocabulary_jaccard([r.body for r in originals])
    upper = np.triu_indices(len(originals), k=1)
    order = np.argsort(-jaccard[upper], kind="stable")
    pairs = [(originals[upper[0][k]], originals[upper[1][k]]) for k in order[: count * 2]]
    return [(a.id, b.id) for a, b in pairs if a.story != b.story][:count]


@lru_cache(maxsize=2)
def build(part: str) -> tuple[list[Record], list[tuple[str, str]]]:
    """The records of ``part`` (shuffled: crawl order) and its topic-neighbour pairs."""
    rng = random.Random(f"{SEED}:{part}")
    pool = bases(part)
    rng.shuffle(pool)
    n_follow = int(len(pool) * FOLLOW_UP_SHARE)
    writers, stories = pool[:n_follow], pool[n_follow:]
    donors = [b.body for b in stories]
    sites = [_site(rng) for _ in range(SITES)]
    templates: list[tuple[str, list[str]]] = []
    for name, section in sites:
        editor = _Editor(rng, donors, name, section)
        header = editor.boilerplate() if rng.random() < 0.5 else ""
        templates.append((header, [editor.boilerplate() for _ in range(rng.randint(1, 3))]))
    records: list[Record] = []

    def add(story: str, kind: str, body: str, when: datetime, n: int, name: str = "") -> None:
        s = rng.randrange(SITES)
        name = name or story
        slug = re.sub(r"\W+", "-", name.lower()).strip("-")
        records.append(Record(
            id=f"{name}#{n}", story=story, kind=kind, site=sites[s][0],
            url=f"https://site{s}.example/{slug}-{n}", published=when.isoformat(),
            body=_templated(body, templates[s]) if rng.random() < 0.8 else body,
        ))  # fmt: skip

    for base in stories:
        when = _START + timedelta(hours=rng.uniform(0, 24 * 60))
        add(base.story, "original", base.body, when, 0, base.id)
        for n in range(1, rng.randint(1, 3) + 1):
            editor = _Editor(rng, donors, *rng.choice(sites))
            copy = editor.copy(base.body)
            if copy is not None:
                add(base.story, "copy", copy, when + timedelta(hours=rng.uniform(-6, 48)), n, base.id)
    for writer in writers:
        source = rng.choice(stories)
        own = paragraphs(writer.body)
        borrowed = paragraphs(source.body)
        total = len(writer.body.split())
        start = rng.randrange(len(borrowed))
        background: list[str] = []
        while start < len(borrowed) and sum(len(p.split()) for p in background) < 0.1 * total:
            background.append(borrowed[start])
            start += 1
        if sum(len(p.split()) for p in background) > 0.2 * (total + sum(len(p.split()) for p in background)):
            background = [" ".join(" ".join(background).split()[: int(0.15 * total)])]
        at = rng.randint(1, len(own))
        body = "\n\n".join(own[:at] + background + own[at:])
        add(f"follow-up:{writer.id}", "follow-up", body, _START + timedelta(hours=rng.uniform(0, 24 * 60)), 0)
    rng.shuffle(records)
    originals = sorted((r for r in records if r.kind == "original"), key=lambda r: r.id)
    return records, topic_pairs(originals)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Counts of the syndication benchmark's records per part.")
    parser.add_argument("--dump", action="store_true", help="print the first 3 tuning records as JSON")
    dump = parser.parse_args(argv).dump
    for part in PARTS:
        records, topics = build(part)
        kinds = Counter(r.kind for r in records)
        print(f"{part:<10} {len(records):>5} records {dict(sorted(kinds.items()))}, {len(topics)} topic pairs")
        if dump and part == "tuning":
            for r in records[:3]:
                print(json.dumps(asdict(r))[:600])
    return 0


if __name__ == "__main__":
    sys.exit(main())
