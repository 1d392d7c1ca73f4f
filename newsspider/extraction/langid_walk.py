"""py3langid's identifier with its byte walk done by numpy: the same scores, ~40% cheaper.

py3langid scores a text by walking its bytes through an Aho-Corasick automaton of byte
n-grams, one Python step per byte (``py3langid.langid.visit_counts``), then gathering one row
of a float16 table per feature met. Inside ``extract_page`` (caches cold) the detector took
~1.2 ms a page, ~0.75 ms with this class (docs/benchmarks.md, "Metadata"), ~0.65 ms since
the features reach the scoring as arrays, without a ``Counter`` between. The automaton's
state after a byte is the longest suffix of the text so far that is a node of its trie, and
the trie is at most ``depth`` bytes deep, so that state depends on the last ``depth`` bytes
only. Running the automaton from its root over each position's last ``depth`` bytes, for
all positions at once, gives every state with ``depth`` numpy steps instead of one Python
step per byte. The features are counted in the order py3langid first meets them, so its
own scoring (``_sparse_score``) sums them in the same order. The scoring reads its 28 MB
float16 table as a float32 copy made once (+57 MB per process, shared by forked workers):
numpy widens each gathered row in software otherwise, half the scoring's time. The same
floats, bit for bit (``tests/unit/test_langid_walk.py`` compares the two).
"""

from __future__ import annotations

import io
import lzma
from collections import Counter
from typing import Any

import numpy as np
from py3langid import modelio
from py3langid.langid import LanguageIdentifier


def trie_depth(nextmove: np.ndarray, rowbase: np.ndarray) -> int:
    """The automaton's deepest state, in bytes from its root (breadth first over all 256 bytes)."""
    depth = np.full(len(rowbase), -1, dtype=np.int64)
    depth[0] = 0
    frontier = np.zeros(1, dtype=np.intp)
    level = 0
    every_byte = np.arange(256, dtype=np.intp)
    while frontier.size:
        level += 1
        reached = nextmove[(rowbase[frontier][:, None] + every_byte[None, :]).ravel()]
        frontier = np.unique(reached[depth[reached] < 0])
        depth[frontier] = level
    return int(depth.max())


class WindowedIdentifier(LanguageIdentifier):
    """A ``LanguageIdentifier`` whose feature counts come from :func:`window_counts`."""

    __slots__ = ("_depth", "_nextmove", "_output", "_rowbase_array", "_table32")

    def __init__(self, *args: Any, depth: int | None = None, **kwargs: Any) -> None:
        """``depth``: the automaton's :func:`trie_depth` when known (it takes ~0.5 s to find)."""
        super().__init__(*args, **kwargs)
        self._nextmove = np.frombuffer(self.tk_nextmove, dtype=np.dtype(self.tk_nextmove.typecode))  # no copy: 40 MB
        self._rowbase_array = np.asarray(self._rowbase, dtype=np.intp)
        self._output = np.asarray(self.tk_output, dtype=np.int32)
        self._depth = trie_depth(self._nextmove, self._rowbase_array) if depth is None else depth
        self._table32 = np.asarray(self.nb_ptc, dtype=np.float32)

    @classmethod
    def from_model_bytes(cls, model: bytes, *, depth: int | None = None, **kwargs: Any) -> WindowedIdentifier:
        """The identifier of a py3langid model file's bytes (LZMA over npz), read as py3langid's
        ``modelio.load_model`` reads the file, but decompressed in one call: py3langid streams
        it in 8 KB steps, each taking the GIL back, so a read in a thread beside imports (the
        fork server's, :mod:`.warmup`) took ~3x its 0.45 s; one call leaves the GIL free for all
        of it."""
        with np.load(io.BytesIO(lzma.decompress(model)), allow_pickle=False) as data:
            if {"nextmove_row", "out_feat"} - set(data.files):
                raise ValueError("unsupported py3langid model layout (no nextmove_row/out_feat)")
            ptc, pc, classes = data["ptc"], data["pc"], data["classes"].tolist()
            nextmove, row = modelio._to_array(data["nextmove"]), modelio._to_array(data["nextmove_row"])
            output = data["out_feat"].tolist()
        return cls(np.asarray(ptc), np.asarray(pc), classes, nextmove, output, tk_row=row, depth=depth, **kwargs)

    def set_languages(self, langs: Any = None) -> None:
        super().set_languages(langs)
        self._table32 = np.asarray(self.nb_ptc, dtype=np.float32)

    def window_features(self, data: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """(features, counts) over ``data`` in the order py3langid's walk first meets each feature."""
        text = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
        size = len(text)
        state = np.zeros(size, dtype=self._nextmove.dtype)
        for back in range(min(self._depth, size) - 1, -1, -1):
            # positions from ``back`` on read the byte ``back`` places before them
            state[back:] = self._nextmove[self._rowbase_array[state[back:]] + text[: size - back]]
        features = self._output[state]
        features = features[features >= 0]
        if not features.size:
            return None
        found, first, counts = np.unique(features, return_index=True, return_counts=True)
        order = np.argsort(first, kind="stable")
        return found[order], counts[order]

    def window_counts(self, data: bytes) -> Counter[int] | None:
        """{feature: count} over ``data``, in first-seen order, as py3langid's walk counts them."""
        walked = self.window_features(data)
        if walked is None:
            return None
        return Counter(dict(zip(walked[0].tolist(), walked[1].tolist(), strict=True)))

    def _raw_score(self, text: bytes) -> np.ndarray:
        walked = self.window_features(text)
        if walked is None:
            return super()._raw_score(text)  # no feature: py3langid's own fill value
        # py3langid's _sparse_score on the same features in the same order, without a dict between
        features, counts = walked
        return np.log1p(counts.astype(np.float32)) @ self._table32[features] + self.nb_pc
