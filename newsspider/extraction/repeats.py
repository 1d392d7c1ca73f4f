"""A second copy of the article inside its own body: dropped, the first copy kept.

Some pages hold their article twice: a hidden copy for another layout, a print or app copy, the
whole text again in one element. A body made of the page's blocks then says everything twice,
and half of its words are extra (precision ~0.5 on the dev corpora's pages of this kind, where
the first copy alone scores ~0.95-1.0).

A paragraph *repeats* when at least :data:`REPEATED_SHARE` of its word 16-grams were already said
(a paragraph of fewer than 16 tokens: when an earlier paragraph had the same tokens). What was said
is read as one stream of words across paragraph breaks, so the whole article again in one block
matches it as well as a paragraph-by-paragraph copy does; 16 words in a row, where 8 would do for
a copy, keep templated paragraphs ("In section 2 the council explained point 3 ...") apart. A
run of repeating paragraphs is a second copy when it repeats at least :data:`MIN_SOURCES`
different earlier paragraphs and holds at least :data:`MIN_WORDS` words. A paragraph the page
repeats on its own (the same terms for each region, a disclaimer under each product, a key figure
quoted again) is the page's own text and stays: the ground truth of both dev corpora keeps those.

Thresholds chosen on the tuning pages (docs/benchmarks.md, "A second copy of the article").
Tokens are :func:`newsspider.textlength.tokens` (a CJK or Thai character is one). The shingle's
length and the length are in word equivalents (:func:`shingle_length`: ~32 Chinese or ~64 Thai
characters for 16 words), so the rule means the same in every script: 16 Thai characters are a
few words, and templated paragraphs shared such runs (docs/benchmarks.md, session 36).
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable

import numpy as np

from newsspider.extraction.body import PARAGRAPH_BREAK
from newsspider.textlength import mostly_unspaced, token_units, tokens, tokens_per_word, word_count

#: Tokens per shingle: a copy shares every run of words, templated paragraphs only short ones.
SHINGLE_TOKENS = 16
#: Share of a paragraph's shingles said before for it to repeat.
REPEATED_SHARE = 0.6
#: Earlier paragraphs a second copy repeats at least (one paragraph repeated is the page's own).
MIN_SOURCES = 3
#: Words a second copy holds at least (~1,000 characters of English).
MIN_WORDS = 160

# Characters of a text that decide how its tokens are hashed (:func:`_token_hashes`).
_SCRIPT_SAMPLE = 500
# 64-bit multiplier of the rolling hash (odd, bits well mixed: the golden ratio's).
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


def _token_hashes(paragraphs: list[str], text: str) -> tuple[np.ndarray, list[int], list[str] | list[list[str]]]:
    """(a hash per token of the paragraphs, one stream; each paragraph's token count; a key per
    paragraph, equal for two paragraphs exactly when their tokens are).

    A text mostly in scripts without spaces (``text``, the paragraphs joined) is read as
    :func:`~newsspider.textlength.token_units`, one character a token, and each character's code
    point mixed by a bijection of 64-bit integers (equal tokens, equal hashes; different tokens,
    different hashes): a Thai-like wcxb-dev body's ~10,000 tokens are not made into string objects
    (2.3 against 0.9 ms an English body). Any other text by its tokens' string hashes. Both give
    the same sources; which one runs is read from the text's first characters (counting the whole
    text's scripts took a third of the English path's time)."""
    if mostly_unspaced(text[:_SCRIPT_SAMPLE]):
        codes: dict[str, str] = {}
        try:
            units = [token_units(paragraph, codes) for paragraph in paragraphs]
        except ValueError:  # private use characters in the text, or too many distinct words
            pass
        else:
            points = np.frombuffer("".join(units).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
            points *= _MULTIPLIER  # odd: a bijection modulo 2**64
            points ^= points >> np.uint64(29)  # a bijection too
            return points, list(map(len, units)), units
    words = [tokens(paragraph) for paragraph in paragraphs]
    stream = list(itertools.chain.from_iterable(words))
    hashes = np.fromiter(map(hash, stream), dtype=np.int64, count=len(stream)).view(np.uint64)
    return hashes, list(map(len, words)), words


def _hashable(paragraph_key: str | list[str]) -> Hashable:
    """A paragraph's key from :func:`_token_hashes` as a dict key (its tokens made a tuple only
    for the short paragraphs that need one)."""
    return paragraph_key if isinstance(paragraph_key, str) else tuple(paragraph_key)


def _shingle_keys(hashes: np.ndarray, length: int = SHINGLE_TOKENS) -> np.ndarray:
    """Key of the ``length`` words from each position on: a polynomial hash of the words'
    hashes, in numpy (uint64 wraps around). Two keys are equal when the words are, but for a
    64-bit collision (~1e-13 on a page's few thousand shingles); building the tuples of 16
    words and hashing them cost twice as much (1.2 against 0.7 ms a wcxb-dev page).

    The keys of ``a + b`` words are those of ``a`` times ``M**b`` plus those of ``b`` words ``a``
    on, so runs of 1, 2, 4... words are doubled and the ones ``length`` is made of appended:
    ~2 log2(length) array operations, not 2 ``length`` (64 for a Thai-like page's shingle)."""
    count = len(hashes) - length + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    keys: np.ndarray | None = None  # keys of the first `done` words from each position
    done = 0
    run, size = hashes, 1  # keys of `size` words from each position
    while True:
        if length & size:
            if keys is None:
                keys = run
            else:
                span = len(hashes) - done - size + 1
                keys = keys[:span] * _power(size) + run[done : done + span]
            done += size
        if done == length:
            return keys[:count].copy()
        run = run[:-size] * _power(size) + run[size:]
        size *= 2


def _power(exponent: int) -> np.uint64:
    """``_MULTIPLIER ** exponent`` in uint64 arithmetic (wrapping around)."""
    return np.uint64(pow(int(_MULTIPLIER), exponent, 1 << 64))


def shingle_length(text: str, token_count: int) -> int:
    """:data:`SHINGLE_TOKENS` words in tokens of ``text``'s scripts: 16 for English (exactly), ~32
    characters of Chinese, ~64 of Thai. Sixteen characters are a few words: templated
    paragraphs (a training plan's days, a table's rows) shared them and were cut as a copy."""
    return max(SHINGLE_TOKENS, round(SHINGLE_TOKENS * tokens_per_word(text, token_count)))


def _previous_and_first(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each position, where its key was last seen before (-1: never) and where first."""
    order = np.argsort(keys, kind="stable")  # equal keys in the order of their positions
    ordered = keys[order]
    repeat = np.zeros(keys.size, dtype=bool)
    repeat[1:] = ordered[1:] == ordered[:-1]
    previous = np.full(keys.size, -1, dtype=np.int64)
    previous[order[repeat]] = order[np.flatnonzero(repeat) - 1]
    group_start = np.maximum.accumulate(np.where(repeat, 0, np.arange(keys.size)))
    first = np.empty(keys.size, dtype=np.int64)
    first[order] = order[group_start]
    return previous, first


def _sources(paragraphs: list[str]) -> list[set[int] | None]:
    """For each paragraph, the earlier paragraphs that first said what it repeats (None: it does
    not repeat). First sayers only: a paragraph quoted twice before is one source, not two.

    A paragraph's shingles are those starting in it (shingles cross paragraph breaks); what was
    said before it, the shingles starting earlier. Counted for all paragraphs at once from each
    position's previous occurrence of its key: a position whose key is not seen since the
    paragraph's start is one of the paragraph's distinct shingles, and one said before when the
    key was seen at all (a set per paragraph: 3.4 against 2.3 ms a Thai-like wcxb-dev body,
    measured when its shingles were 16 characters and bodies repeated many)."""
    text = " ".join(paragraphs)
    hashes, counts, paragraph_keys = _token_hashes(paragraphs, text)
    lengths = np.array(counts, dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths)))
    shingle = shingle_length(text, int(starts[-1]))
    keys = _shingle_keys(hashes, shingle)
    previous, first = _previous_and_first(keys)
    paragraph_start = np.repeat(starts[:-1], lengths)[: keys.size]
    own = previous < paragraph_start  # the paragraph's first position with this key
    said = own & (previous >= 0)  # ... and the key was said before the paragraph
    own_total = np.concatenate(([0], np.cumsum(own)))
    said_total = np.concatenate(([0], np.cumsum(said)))
    short_first: dict[Hashable, int] = {}
    sources: list[set[int] | None] = []
    for index, (count, paragraph_key) in enumerate(zip(counts, paragraph_keys)):
        if count < shingle:
            first_index = short_first.setdefault(_hashable(paragraph_key), index)
            sources.append({first_index} if count and first_index < index else None)
            continue
        start, end = int(starts[index]), int(starts[index + 1]) - shingle + 1
        common = int(said_total[end] - said_total[start])
        if common >= REPEATED_SHARE * int(own_total[end] - own_total[start]):
            first_said = first[start:end][said[start:end]]
            sources.append(set((np.searchsorted(starts, first_said, side="right") - 1).tolist()))
        else:
            sources.append(None)
    return sources


def drop_second_copy(text: str) -> str:
    """``text`` (paragraphs separated by :data:`~newsspider.extraction.body.PARAGRAPH_BREAK`, as
    :func:`~newsspider.extraction.body.render` joins them) without the runs of paragraphs that copy
    at least :data:`MIN_SOURCES` earlier ones and hold :data:`MIN_WORDS` words or more."""
    paragraphs = text.split(PARAGRAPH_BREAK)
    if len(paragraphs) < MIN_SOURCES + 1:
        return text
    sources = _sources(paragraphs)
    kept: list[str] = []
    start = 0
    while start < len(paragraphs):
        end = start
        copied: set[int] = set()
        while end < len(paragraphs) and (repeated := sources[end]) is not None:
            copied |= repeated
            end += 1
        if end == start:
            kept.append(paragraphs[start])
            start += 1
            continue
        run = paragraphs[start:end]
        if len(copied) < MIN_SOURCES or word_count(" ".join(run)) < MIN_WORDS:
            kept.extend(run)
        start = end
    return PARAGRAPH_BREAK.join(kept) if len(kept) < len(paragraphs) else text
