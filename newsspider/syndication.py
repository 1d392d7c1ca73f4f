"""Syndicated copies: the same story republished elsewhere (wire copy, a new intro, a trimmed end,
light edits) grouped into one cluster. No Scrapy imports: the pipeline (``pipelines/syndication.py``),
the benchmark (``benchmarks/syndication.py``) and the stores (``newsspider/state/clusters.py``) share it.

How a body is compared:

1. :func:`shingles`: the body's casefolded ``shingle_units``-grams of units (runs of letters and
   digits: punctuation and spaces separate them; one character of CJK, Thai... scripts), each hashed to 32 bits
   (stable across processes, so stored signatures stay comparable).
2. :func:`signature`: a datasketch :class:`~datasketch.MinHash` of those (``num_perm``
   permutations, fixed seed), cut into LSH bands (:func:`band_keys`) sized as datasketch's
   :class:`~datasketch.MinHashLSH` sizes them for ``lsh_threshold``: a body shares at least one band
   key with every earlier body of estimated resemblance above it, with high probability.
3. :func:`matches`: each candidate the bands found is verified on the exact shingle sets: the share of
   the *smaller* set found in the other (``min_overlap``; a trimmed end or an added intro keeps
   it high, where resemblance would fall) and a resemblance floor (``min_resemblance``: a
   short brief made of one paragraph of a long story is not a copy of it).

A record joins the cluster of its best verified candidate, else starts one. The cluster's
``canonical`` is its earliest *published* member (undated members rank after dated ones; on a
tie the first member stays). Parameters were chosen on the tuning split of
``benchmarks/syndication_set.py`` (``python benchmarks/syndication.py``; figures in docs/syndication.md).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache
from typing import Protocol

import numpy as np

from newsspider.textlength import UNSPACED_RANGES, has_unspaced


@dataclass(frozen=True)
class Params:
    """The clustering parameters (defaults chosen on the tuning split, docs/syndication.md)."""

    #: Words per shingle.
    shingle_units: int = 3
    #: Bins of the one-permutation MinHash signature (a power of two).
    bins: int = 64
    #: Estimated resemblance (Jaccard of shingle sets) the LSH bands are sized for.
    lsh_threshold: float = 0.2
    #: Verified copy: at least this share of the smaller shingle set is in the other one …
    min_overlap: float = 0.5
    #: … and the two sets' resemblance is at least this.
    min_resemblance: float = 0.3
    #: Bodies with fewer shingles are not clustered: too short to tell a copy from a coincidence.
    min_shingles: int = 20
    #: At most this many candidates are verified per record, those sharing the most band keys
    #: first: a story copied hundreds of times (a wire story) would otherwise be compared with
    #: every copy, the cost of a record growing with the crawl.
    max_candidates: int = 64


DEFAULT = Params()
#: Version of how bodies become shingle hashes and band keys (units, unit and shingle hashes,
#: signatures, band keys): stores keep it beside the signatures, and a change must bump it
#: (stored signatures made another way would silently not compare). 1: MinHash of 64
#: permutations; 2: one-permutation hashing of the same shingles.
SCHEME = 2
#: Earlier schemes whose shingle hashes this one still makes: a store of one of them is migrated
#: (:func:`bands_of`: band keys computed again from its stored shingles), any other is cleared.
SAME_SHINGLES = frozenset({1})

#: Units of scripts written without spaces: one CJK, Thai... character, or a run of other letters.
_UNIT = re.compile(f"[{UNSPACED_RANGES}]|[^\\W_{UNSPACED_RANGES}]+")
_PRIME = 0x100000001B3  # odd: invertible modulo 2**64
_MIX = np.uint64(0x9E3779B97F4A7C15)
_powers: tuple[np.ndarray, np.ndarray] = (np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))


def _powers_upto(n: int) -> tuple[np.ndarray, np.ndarray]:
    """(P**i, P**-i) modulo 2**64 for i < n (grown and kept)."""
    global _powers
    if len(_powers[0]) < n:
        size = max(n, 2 * len(_powers[0]))
        with np.errstate(over="ignore"):
            up = np.cumprod(np.full(size, _PRIME, dtype=np.uint64), dtype=np.uint64)
            down = np.cumprod(np.full(size, pow(_PRIME, -1, 2**64), dtype=np.uint64), dtype=np.uint64)
        _powers = (np.concatenate(([np.uint64(1)], up[:-1])), np.concatenate(([np.uint64(1)], down[:-1])))
    return _powers


#: ``bytes.translate`` table of UTF-8 bytes: ASCII letters lowercased, digits kept, every other
#: ASCII byte a space (a separator; its value never enters a hash), non-ASCII bytes kept.
_UNIT_TABLE = bytes(
    (ord(chr(b).lower()) if chr(b).isalnum() else 0x20) if b < 0x80 else b for b in range(256)
)


def _unit_bytes(body: str) -> tuple[np.ndarray, np.ndarray]:
    """The casefolded body as UTF-8 bytes, and which of them belong to units: ASCII letters and
    digits, and the bytes of non-ASCII characters but those of Latin-1 symbols (U+0080-U+00BF:
    no-break space, guillemets...) and General Punctuation (U+2000-U+206F: curly quotes, dashes,
    special spaces). Every other byte, punctuation and spaces, separates units.

    ``str.casefold`` has no ASCII fast path: casefolding is per character, so the body's bytes are
    lowercased by one ``bytes.translate`` (which also blanks ASCII separators), and only its
    non-ASCII characters (usually a few quotes and dashes) are casefolded by Python; when one of
    them changes (É, ß, Cyrillic...) or belongs to a script written without spaces, the whole
    body takes the slow path.
    """
    if body.isascii():
        data = np.frombuffer(body.encode("ascii").translate(_UNIT_TABLE), dtype=np.uint8)
        return data, data != 0x20
    data = np.frombuffer(body.encode("utf-8").translate(_UNIT_TABLE), dtype=np.uint8)
    high = np.flatnonzero(data >= 0x80)
    others = data[high].tobytes().decode("utf-8")
    if others.casefold() != others or has_unspaced(others):
        text = body.casefold()
        if has_unspaced(text):
            text = "\0".join(_UNIT.findall(text))
        data = np.frombuffer(text.encode("utf-8").translate(_UNIT_TABLE), dtype=np.uint8)
        high = np.flatnonzero(data >= 0x80)
    keep = data != 0x20
    leads = data[high]
    latin1 = high[leads == 0xC2]  # UTF-8: a lead byte is followed by its continuation bytes
    punctuation = high[leads == 0xE2]
    punctuation = punctuation[(data[punctuation + 1] == 0x80) | (data[punctuation + 1] == 0x81)]
    for shift in (0, 1):
        keep[latin1 + shift] = False
    for shift in (0, 1, 2):
        keep[punctuation + shift] = False
    return data, keep


def unit_hashes(body: str) -> np.ndarray:
    """A 64-bit hash of each unit of the casefolded body (a run of letters and digits; one
    character of CJK, Thai... scripts), in order.

    Polynomial hashes of the units' UTF-8 bytes, computed at once with prefix sums (no Python loop
    over words): stable across processes and versions, unlike ``hash()``.
    """
    data, keep = _unit_bytes(body)
    n = len(data)
    if not n:
        return np.zeros(0, dtype=np.uint64)
    bounds = np.flatnonzero(keep[1:] != keep[:-1]) + 1  # where units start and end, alternately
    if keep[0]:
        bounds = np.concatenate(([0], bounds))
    if keep[-1]:
        bounds = np.append(bounds, n)
    starts, ends = bounds[0::2], bounds[1::2]
    up, down = _powers_upto(n)
    prefix = np.empty(n + 1, dtype=np.uint64)
    prefix[0] = 0
    np.multiply(data, down[:n], out=prefix[1:])  # numpy arrays wrap around silently: the overflow is the hash
    np.cumsum(prefix[1:], out=prefix[1:])
    return (prefix[ends] - prefix[starts]) * up[ends - 1]


def shingles(body: str, size: int = DEFAULT.shingle_units) -> np.ndarray:
    """Sorted unique 32-bit hashes of the body's ``size``-unit shingles (uint32; empty when shorter)."""
    words = unit_hashes(body)
    count = len(words) - size + 1
    if count < 1:
        return np.zeros(0, dtype=np.uint32)
    combined = words[:count] * _MIX  # numpy arrays wrap around silently: the overflow is the hash
    for offset in range(1, size):
        combined += words[offset : offset + count]
        combined *= _MIX
    hashes = (combined >> np.uint64(32)).astype(np.uint32)
    hashes.sort()
    fresh = np.empty(count, dtype=np.bool_)
    fresh[0] = True
    np.not_equal(hashes[1:], hashes[:-1], out=fresh[1:])
    return hashes[fresh]  # np.unique: slower


#: Weights of false positives and false negatives when the bands are sized: a missed copy
#: costs more than a candidate verified for nothing.
LSH_WEIGHTS = (0.3, 0.7)


@lru_cache(maxsize=8)
def lsh_shape(threshold: float, bins: int) -> tuple[int, int]:
    """(bands, rows per band) datasketch's MinHashLSH picks for ``threshold`` (:data:`LSH_WEIGHTS`):
    the pair minimising the weighted areas of false positives (below the threshold) and false
    negatives (above it) under the S-curve ``1 - (1 - s**rows)**bands``.

    Computed here, not by ``MinHashLSH``: importing datasketch's LSH imports SciPy (~0.9 s of CPU
    at the start of every crawl). The integrands are polynomials of degree at most ``bins``, which
    a Gauss-Legendre rule of ``bins`` nodes integrates exactly (SciPy's adaptive quadrature:
    the same pairs, ``tests/unit/test_syndication.py``).
    """
    from numpy.polynomial.legendre import leggauss

    nodes, weights = leggauss(max(32, bins))

    def area(curve: Callable[[np.ndarray], np.ndarray], low: float, high: float) -> float:
        half = (high - low) / 2
        return half * float(np.dot(weights, curve(half * nodes + (high + low) / 2)))

    best, shape = math.inf, (0, 0)
    for bands in range(1, bins + 1):
        for rows in range(1, bins // bands + 1):
            false_positives = area(lambda s: 1 - (1 - s**rows) ** bands, 0.0, threshold)  # noqa: B023
            false_negatives = area(lambda s: (1 - s**rows) ** bands, threshold, 1.0)  # noqa: B023
            error = false_positives * LSH_WEIGHTS[0] + false_negatives * LSH_WEIGHTS[1]
            if error < best:
                best, shape = error, (bands, rows)
    if shape[0] < 2:
        raise ValueError("The number of bands are too small (b < 2)")  # datasketch's error
    return shape


#: Seed of the densification order (:func:`_densify_order`): fixed, so signatures stored by one
#: crawl compare with the next one's.
SEED = 20261202


@lru_cache(maxsize=8)
def _bin_edges(bins: int) -> np.ndarray:
    """The smallest shingle hash of each bin: bin ``i`` holds the hashes whose top bits are ``i``."""
    if bins < 2 or bins & (bins - 1) or bins > 2**16:
        raise ValueError(f"signatures have a power of two of bins, 2 to 65536, not {bins}")
    return np.arange(bins, dtype=np.uint64).astype(np.uint32) << np.uint32(32 - bins.bit_length() + 1)


@lru_cache(maxsize=8)
def _densify_order(bins: int) -> np.ndarray:
    """For each bin, the bins an empty one borrows from, in order of preference: ``4 * bins``
    draws per bin of a fixed hash (SplitMix64's finalizer of the seed, bin and draw), stable
    across processes and numpy versions (a numpy random generator's stream is not)."""
    x = np.uint64(SEED) + (np.arange(bins, dtype=np.uint64)[:, None] << np.uint64(32))
    x = x + np.arange(4 * bins, dtype=np.uint64)[None, :]
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return (x % np.uint64(bins)).astype(np.intp)


def signature(hashes: np.ndarray, bins: int = DEFAULT.bins) -> np.ndarray:
    """One-permutation MinHash (OPH) of a sorted unique shingle hash set: ``bins`` uint32 values.

    The hash range is cut into ``bins`` equal bins (the hashes' top bits); a bin's value is the
    smallest hash in it, which, the set being sorted, is where the bin starts: one binary search
    per bin, where a MinHash of ``bins`` permutations permutes every shingle ``bins`` times. Two
    sets have equal values in a bin with probability their resemblance, as with MinHash. A bin
    no hash fell in (short bodies) takes the value of the first non-empty bin of its fixed
    random sequence (*optimal densification*, Shrivastava 2017: two sets empty in the same bin
    borrow from the same bins, which keeps that probability); if none of them is, of the next
    non-empty bin.
    """
    count = len(hashes)
    if not count:
        return np.zeros(bins, dtype=np.uint32)
    edges = _bin_edges(bins)
    values = hashes[np.minimum(np.searchsorted(hashes, edges), count - 1)]
    filled = (values >> np.uint32(33 - bins.bit_length())) == (edges >> np.uint32(33 - bins.bit_length()))
    if filled.all():  # (an empty bin's search lands in another bin)
        return values
    empty = np.flatnonzero(~filled)
    order = _densify_order(bins)[empty]
    found = filled[order]
    donors = order[np.arange(len(empty)), found.argmax(axis=1)]
    for row in np.flatnonzero(~found.any(axis=1)):  # no donor in the sequence: the next filled bin
        donors[row] = next(b % bins for b in range(empty[row] + 1, empty[row] + bins) if filled[b % bins])
    values[empty] = values[donors]
    return values


@lru_cache(maxsize=8)
def _band_salts(bands: int) -> np.ndarray:
    return np.arange(1, bands + 1, dtype=np.uint64) * _MIX


def band_keys(sig: np.ndarray, threshold: float = DEFAULT.lsh_threshold) -> list[int]:
    """One LSH bucket key per band of the signature: the band's number and rows mixed into a
    signed 64-bit integer (equal rows in the same band: equal key)."""
    bands, rows = lsh_shape(threshold, len(sig))
    keys = _band_salts(bands)
    for row in range(rows):  # numpy arrays wrap around silently: the overflow is the hash
        keys = keys ^ sig[row : bands * rows : rows]  # the band's row-th value (uint32 widened)
        keys *= _MIX
        keys ^= keys >> np.uint64(29)
    return keys.view(np.int64).tolist()  # type: ignore[no-any-return]


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(share of the smaller set in the other, resemblance) of two sorted unique hash sets."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    both = np.concatenate((a, b))  # np.intersect1d does the same, and more
    both.sort()
    common = int(np.count_nonzero(both[1:] == both[:-1]))
    return common / min(len(a), len(b)), common / (len(a) + len(b) - common)


def matches(a: np.ndarray, b: np.ndarray, params: Params = DEFAULT) -> float:
    """The overlap of ``a`` and ``b`` when they are copies of one story, else 0."""
    small, large = sorted((len(a), len(b)))
    if not large or small / large < params.min_resemblance:  # resemblance is at most small / large
        return 0.0
    share, resemblance = overlap(a, b)
    return share if share >= params.min_overlap and resemblance >= params.min_resemblance else 0.0


def published_rank(published: str | None) -> float:
    """Sort key of a ``published`` value: POSIX seconds (naive times taken as UTC); undated or
    unparsable: +inf (after every dated copy)."""
    if not published:
        return math.inf
    text = published.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return math.inf
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def to_blob(hashes: np.ndarray) -> bytes:
    return hashes.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


@dataclass(frozen=True)
class Entry:
    """A record about to join: its key (URL fingerprint), URL, publication rank and shingles."""

    key: str
    url: str
    rank: float
    shingles: np.ndarray
    bands: tuple[int, ...]


@dataclass(frozen=True)
class Cluster:
    """A cluster as the record leaves it: id, size, canonical URL (earliest published member) and its rank."""

    cluster_id: str
    size: int
    canonical: str
    canonical_rank: float

    def joined_by(self, entry: Entry) -> Cluster:
        """This cluster with ``entry`` added (it becomes canonical when published strictly earlier)."""
        if entry.rank < self.canonical_rank:
            return replace(self, size=self.size + 1, canonical=entry.url, canonical_rank=entry.rank)
        return replace(self, size=self.size + 1)


def new_cluster(entry: Entry) -> Cluster:
    """The cluster ``entry`` starts: its id is a hash of the entry's key (unique as the key is)."""
    cluster_id = hashlib.sha1(entry.key.encode("utf-8")).hexdigest()[:16]
    return Cluster(cluster_id=cluster_id, size=1, canonical=entry.url, canonical_rank=entry.rank)


class ClusterTransaction(Protocol):
    """Reads and (buffered) writes of one join, applied all together or not at all."""

    def member_cluster(self, key: str) -> str | None:
        """The cluster ``key`` is a member of, if it already joined one."""

    def candidates(self, bands: Sequence[int], limit: int) -> Iterator[tuple[str, np.ndarray]]:
        """(cluster id, shingles) of members sharing a band key, at most ``limit``: those sharing
        the most band keys first (likelier copies), ties in an order the store keeps fixed."""

    def cluster(self, cluster_id: str) -> Cluster | None: ...

    def add(self, entry: Entry, cluster: Cluster) -> None:
        """Make ``entry`` a member of ``cluster`` (its new state)."""


class Conflict(Exception):
    """Another worker changed what a join read: the join is tried again."""


class ClusterStoreError(Exception):
    """The cluster store failed (Redis gone, SQLite file unwritable): the record stays unclustered."""


class ClusterStore(Protocol):
    """Where cluster membership lives (in memory, SQLite, Redis: ``newsspider/state/clusters.py``)."""

    #: Joins one transaction may hold (:func:`join_many`): more than 1 only when a transaction's
    #: reads see its own writes.
    batch_size: int

    def transaction(self) -> AbstractContextManager[ClusterTransaction]:
        """A transaction: on exit its writes are applied atomically, or :class:`Conflict` is raised."""

    def close(self) -> None: ...


#: Joins tried before giving up on a store other workers keep changing under us.
MAX_ATTEMPTS = 20


def _join(tx: ClusterTransaction, entry: Entry, params: Params) -> Cluster:
    """Decide ``entry``'s cluster on what ``tx`` reads, and write it."""
    existing = tx.member_cluster(entry.key)
    if existing is not None:
        cluster = tx.cluster(existing)
        if cluster is not None:
            return cluster
    best, best_score = None, 0.0
    found = list(tx.candidates(entry.bands, params.max_candidates))
    one_cluster = len({cluster_id for cluster_id, _ in found}) == 1
    for cluster_id, other in found:
        score = matches(entry.shingles, other, params)
        if score > best_score:
            best, best_score = cluster_id, score
            if one_cluster:  # the candidates' only cluster: its first verified copy decides
                break
    current = tx.cluster(best) if best is not None else None
    cluster = current.joined_by(entry) if current is not None else new_cluster(entry)
    tx.add(entry, cluster)
    return cluster


def join(store: ClusterStore, entry: Entry, params: Params = DEFAULT) -> Cluster:
    """Add ``entry`` to the cluster of its best verified copy (or a new one); the cluster after it.

    A key already a member (the same URL crawled again) keeps its cluster, unchanged.
    """
    for _ in range(MAX_ATTEMPTS):
        try:
            with store.transaction() as tx:
                cluster = _join(tx, entry, params)
            return cluster
        except Conflict:
            continue
    raise Conflict(f"the cluster index kept changing while {entry.url} joined it ({MAX_ATTEMPTS} attempts)")


def join_many(store: ClusterStore, entries: Sequence[Entry], params: Params = DEFAULT) -> list[Cluster]:
    """:func:`join` each entry in order, ``store.batch_size`` of them per transaction: what one
    join at a time gives, at a fraction of the commits (a SQLite commit writes every page the
    entry's band rows landed on)."""
    size = max(1, getattr(store, "batch_size", 1))
    if size == 1:
        return [join(store, entry, params) for entry in entries]
    clusters: list[Cluster] = []
    for start in range(0, len(entries), size):
        with store.transaction() as tx:
            batch = [_join(tx, entry, params) for entry in entries[start : start + size]]
        clusters += batch
    return clusters


def entry_for(key: str, url: str, published: str | None, body: str, params: Params = DEFAULT) -> Entry | None:
    """The :class:`Entry` of a record, None when its body is too short to cluster."""
    hashes = shingles(body, params.shingle_units)
    if len(hashes) < params.min_shingles:
        return None
    return Entry(key=key, url=url, rank=published_rank(published), shingles=hashes, bands=bands_of(hashes, params))


def bands_of(hashes: np.ndarray, params: Params = DEFAULT) -> tuple[int, ...]:
    """The LSH band keys of a shingle hash set (also what migrates a store of an earlier scheme of
    the same shingles, :data:`SAME_SHINGLES`)."""
    return tuple(band_keys(signature(hashes, params.bins), params.lsh_threshold))


class MemoryClusterStore:
    """Clusters of one process (no incremental state, the benchmark): dicts."""

    batch_size = 1_000_000  # no transaction costs anything

    def __init__(self) -> None:
        self.members: dict[str, tuple[str, np.ndarray]] = {}
        self.buckets: dict[int, list[str]] = {}
        self.clusters: dict[str, Cluster] = {}

    def transaction(self) -> AbstractContextManager[ClusterTransaction]:
        return _MemoryTransaction(self)

    def close(self) -> None:
        pass


class _MemoryTransaction(AbstractContextManager["_MemoryTransaction"]):
    def __init__(self, store: MemoryClusterStore) -> None:
        self.store = store

    def __exit__(self, *_: object) -> None:
        return None

    def member_cluster(self, key: str) -> str | None:
        member = self.store.members.get(key)
        return member[0] if member else None

    def candidates(self, bands: Sequence[int], limit: int) -> Iterator[tuple[str, np.ndarray]]:
        buckets, members = self.store.buckets, self.store.members
        shared = Counter(key for band in bands if band in buckets for key in buckets[band])
        return (members[key] for key, _ in shared.most_common(limit))  # ties: in the order found

    def cluster(self, cluster_id: str) -> Cluster | None:
        return self.store.clusters.get(cluster_id)

    def add(self, entry: Entry, cluster: Cluster) -> None:
        self.store.members[entry.key] = (cluster.cluster_id, entry.shingles)
        buckets = self.store.buckets
        for band in entry.bands:
            bucket = buckets.get(band)
            if bucket is None:
                buckets[band] = [entry.key]
            else:
                bucket.append(entry.key)
        self.store.clusters[cluster.cluster_id] = cluster
