"""Syndicated-copy clustering on the labelled set (``benchmarks/syndication_set.py``), beside baselines.

For each part (tuning, validation) the records are clustered in crawl order
(:func:`newsspider.syndication.join`, in memory) and judged by pairs: precision = pairs put in
one cluster that are copies of one story / pairs put in one cluster; recall = copy pairs put in
one cluster / copy pairs. False positives are also counted by kind of hard negative (same site
template, follow-up quoting a story, topic neighbours), and ``canonical`` is checked against the
earliest published copy of each story.

Speed: records/s of the clustering step (shingles, OPH signature, LSH query, verification, insert) on
one core, in memory and on the SQLite cluster store (one record a transaction, as a crawl that
trickles records; :data:`BATCH` a transaction, as the pipeline batches them under load), beside two baselines run on the same
records: an exact SHA-1 of the normalised body (fast, finds no edited copy), and plain shingle
Jaccard against every earlier record (all pairs, on a small subset: quadratic).

Usage::

    python benchmarks/syndication.py            # figures of the default parameters
    python benchmarks/syndication.py --repeat 3 # speed measured 3 times
    python benchmarks/syndication.py --tune     # the parameter grid, tuning part only
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

from benchmarks.split import PARTS, TUNING  # noqa: E402
from benchmarks.syndication_set import Record, build  # noqa: E402
from newsspider.state.base import url_fingerprint  # noqa: E402
from newsspider.syndication import (  # noqa: E402
    DEFAULT,
    ClusterStore,
    Entry,
    MemoryClusterStore,
    Params,
    entry_for,
    join,
    join_many,
    overlap,
    shingles,
)


@dataclass
class Figures:
    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int
    false_by_kind: Counter[str]
    canonical_ok: float
    unclustered: int


def cluster(records: Iterable[Record], params: Params = DEFAULT, store: ClusterStore | None = None) -> dict[str, tuple[str, str]]:
    """Record id -> (cluster id, canonical URL as the cluster ends); too-short records alone."""
    store = store or MemoryClusterStore()
    assigned: dict[str, str] = {}
    for record in records:
        entry = entry_for(url_fingerprint(record.url), record.url, record.published, record.body, params)
        assigned[record.id] = join(store, entry, params).cluster_id if entry else f"alone:{record.id}"
    final: dict[str, str] = {}
    if isinstance(store, MemoryClusterStore):
        final = {cid: c.canonical for cid, c in store.clusters.items()}
    return {rid: (cid, final.get(cid, "")) for rid, cid in assigned.items()}


def _pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(pair)) for members in groups.values() for pair in itertools.combinations(members, 2)}  # type: ignore[misc]


def judge(records: list[Record], topics: list[tuple[str, str]], assigned: dict[str, tuple[str, str]]) -> Figures:
    by_id = {r.id: r for r in records}
    truth: dict[str, list[str]] = defaultdict(list)
    predicted: dict[str, list[str]] = defaultdict(list)
    for r in records:
        truth[r.story].append(r.id)
        predicted[assigned[r.id][0]].append(r.id)
    true_pairs, predicted_pairs = _pairs(truth), _pairs(predicted)
    hits = len(true_pairs & predicted_pairs)
    false_by_kind: Counter[str] = Counter()
    follow_sources = {r.id for r in records if r.kind == "follow-up"}
    topic_set = {tuple(sorted(p)) for p in topics}
    for a, b in predicted_pairs - true_pairs:
        ra, rb = by_id[a], by_id[b]
        if (a, b) in topic_set:
            false_by_kind["topic"] += 1
        elif a in follow_sources or b in follow_sources:
            false_by_kind["follow-up"] += 1
        elif ra.site == rb.site:
            false_by_kind["same template"] += 1
        else:
            false_by_kind["other"] += 1
    # canonical: the earliest published copy of each story, for stories kept in one cluster
    ok = total = 0
    for members in truth.values():
        clusters = {assigned[m][0] for m in members}
        if len(members) > 1 and len(clusters) == 1:
            total += 1
            earliest = min((by_id[m] for m in members), key=lambda r: r.published)
            ok += assigned[members[0]][1] == earliest.url
    return Figures(
        precision=hits / len(predicted_pairs) if predicted_pairs else 1.0,
        recall=hits / len(true_pairs) if true_pairs else 1.0,
        true_pairs=len(true_pairs),
        predicted_pairs=len(predicted_pairs),
        false_by_kind=false_by_kind,
        canonical_ok=ok / total if total else 1.0,
        unclustered=sum(1 for cid, _ in assigned.values() if cid.startswith("alone:")),
    )


def _rate(records: list[Record], step: Callable[[Record], object], repeat: int = 1) -> float:
    """Records per second of ``step`` on one core (process CPU time)."""
    start = time.process_time()
    for _ in range(repeat):
        for record in records:
            step(record)
    return len(records) * repeat / max(time.process_time() - start, 1e-9)


def _rate_batched(records: list[Record], step: Callable[[list[Record]], object], batch: int) -> float:
    """Records per second of ``step`` given ``batch`` records at a time, on one core."""
    start = time.process_time()
    for first in range(0, len(records), batch):
        step(records[first : first + batch])
    return len(records) / max(time.process_time() - start, 1e-9)


#: Records per batch in the batched SQLite figure: what the pipeline gathers in
#: NEWSSPIDER_SYNDICATION_BATCH_WAIT (0.05 s) at 1,300 records/s or more.
BATCH = 64


def speed(records: list[Record], params: Params = DEFAULT) -> dict[str, float]:
    """Records/s per core: ours (memory, SQLite one record per transaction, SQLite in batches)
    and the two baselines, on the same records."""
    from newsspider.state.clusters import SQLiteClusterStore

    memory = MemoryClusterStore()

    def entry(record: Record) -> Entry | None:
        return entry_for(url_fingerprint(record.url), record.url, record.published, record.body, params)

    def ours(record: Record, store: ClusterStore = memory) -> object:
        found = entry(record)
        return join(store, found, params) if found else None

    def ours_batched(batch: list[Record], store: ClusterStore) -> object:
        return join_many(store, [found for found in map(entry, batch) if found], params)

    figures = {"minhash-lsh (memory)": _rate(records, ours)}
    with tempfile.TemporaryDirectory() as folder:
        sqlite = SQLiteClusterStore(Path(folder) / "state.sqlite")
        figures["minhash-lsh (SQLite store, 1 record a transaction)"] = _rate(records, lambda r: ours(r, sqlite))
        sqlite.close()
        sqlite = SQLiteClusterStore(Path(folder) / "batched.sqlite")
        figures[f"minhash-lsh (SQLite store, {BATCH} records a transaction)"] = _rate_batched(
            records, lambda batch: ours_batched(batch, sqlite), BATCH
        )
        sqlite.close()
    seen: set[str] = set()

    def sha1(record: Record) -> object:
        digest = hashlib.sha1(" ".join(record.body.casefold().split()).encode()).hexdigest()
        dup = digest in seen
        seen.add(digest)
        return dup

    figures[SHA1] = _rate(records, sha1)
    subset = records[:300]
    earlier: list = []

    def all_pairs(record: Record) -> object:
        mine = shingles(record.body, params.shingle_units)
        best = max((overlap(mine, other)[1] for other in earlier), default=0.0)
        earlier.append(mine)
        return best

    figures[f"baseline: shingle Jaccard all pairs ({len(subset)} records)"] = _rate(subset, all_pairs)
    return figures


SHA1 = "baseline: SHA-1 of normalised body"


def sha1_figures(records: list[Record], topics: list[tuple[str, str]]) -> Figures:
    assigned = {r.id: (hashlib.sha1(" ".join(r.body.casefold().split()).encode()).hexdigest(), "") for r in records}
    return judge(records, topics, assigned)


def report(name: str, fig: Figures) -> str:
    false = ", ".join(f"{k} {v}" for k, v in sorted(fig.false_by_kind.items())) or "none"
    return (f"  {name:<11} precision {fig.precision:.4f}  recall {fig.recall:.4f}  "
            f"({fig.true_pairs} copy pairs, {fig.predicted_pairs} clustered pairs; false pairs: {false}; "
            f"canonical right {fig.canonical_ok:.3f}; {fig.unclustered} too short)")  # fmt: skip


GRID = {
    "shingle_units": (2, 3, 4, 5),
    "bins": (64, 128),
    "lsh_threshold": (0.2, 0.3),
    "min_overlap": (0.3, 0.4, 0.5, 0.6, 0.7),
    "min_resemblance": (0.1, 0.2, 0.25, 0.3, 0.35, 0.4),
}


def _candidates(records: list[Record], params: Params) -> list[list[tuple[int, float, float]]]:
    """For each record, (earlier record, overlap, resemblance) of the candidates its LSH bands find."""
    buckets: dict[int, list[int]] = defaultdict(list)
    kept: list = []
    out: list[list[tuple[int, float, float]]] = []
    for i, record in enumerate(records):
        entry = entry_for(str(i), record.url, record.published, record.body, params)
        kept.append(entry)
        if entry is None:
            out.append([])
            continue
        found = {j for band in entry.bands for j in buckets[band]}
        out.append([(j, *overlap(entry.shingles, kept[j].shingles)) for j in sorted(found)])
        for band in entry.bands:
            buckets[band].append(i)
    return out


def tune() -> None:
    """Every grid point on the tuning part: F1, precision, recall. The LSH candidates of each
    shingle/bins/threshold setting are found once; the verification thresholds are then
    replayed on them in crawl order, as :func:`newsspider.syndication.join` decides."""
    records, topics = build(TUNING)
    rows = []
    for k, bins, thr in itertools.product(GRID["shingle_units"], GRID["bins"], GRID["lsh_threshold"]):
        base = Params(shingle_units=k, bins=bins, lsh_threshold=thr)
        found = _candidates(records, base)
        for ov, res in itertools.product(GRID["min_overlap"], GRID["min_resemblance"]):
            params = replace(base, min_overlap=ov, min_resemblance=res)
            clusters: list[str] = []
            for i, cands in enumerate(found):
                best = max(((share, j) for j, share, resemblance in cands if share >= ov and resemblance >= res), default=None)
                clusters.append(clusters[best[1]] if best else records[i].id)
            fig = judge(records, topics, {r.id: (c, "") for r, c in zip(records, clusters)})
            f1 = 2 * fig.precision * fig.recall / max(fig.precision + fig.recall, 1e-9)
            rows.append((f1, fig.precision, fig.recall, params))
        print(f"  k={k} bins={bins} thr={thr}: best F1 so far {max(rows, key=lambda r: r[0])[0]:.4f}", flush=True)
    rows.sort(key=lambda r: r[0], reverse=True)
    for f1, p, r, params in rows[:15]:
        print(f"F1 {f1:.4f}  P {p:.4f}  R {r:.4f}  {params}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="run the parameter grid on the tuning part")
    parser.add_argument("--repeat", type=int, default=1, help="speed runs (the figures vary on a shared machine)")
    args = parser.parse_args(argv)
    if args.tune:
        tune()
        return 0
    print(f"parameters: {DEFAULT}")
    everything: list[Record] = []
    for part in PARTS:
        records, topics = build(part)
        everything += records
        print(f"{part} ({len(records)} records)")
        print(report("minhash-lsh", judge(records, topics, cluster(records))))
        print(report("sha1", sha1_figures(records, topics)))
    words = sum(len(r.body.split()) for r in everything) / len(everything)
    print(f"speed, records/s per core ({len(everything)} records, both parts, {words:,.0f} words a record on average)")
    for run in range(args.repeat):
        figures = speed(everything)
        print(f" run {run + 1} of {args.repeat}:")
        for name, rate in figures.items():
            print(f"  {name:<55} {rate:>7,.0f} records/s  {rate * words / 1e6:>5.2f} M words/s"
                  f"  {rate / figures[SHA1]:>5.2f}x SHA-1")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
