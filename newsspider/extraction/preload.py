"""The extractor's models (and its line-start tests), loaded when this module is imported.

The extraction pool's fork server preloads this module, so every worker it forks starts with the
models in memory (shared copy-on-write). Loaded lazily instead, each new worker — and each one
replaced after a hang, a crash or its task quota — would read them while its first page's time
budget runs: seconds on a loaded machine, enough to drop a page as ``extraction_timeout``.

The fork server imports this module last (``newsspider.pool.WORKER_MODULES``): the language
model, the longest read, started in a thread by :mod:`.warmup`, imported first, is read while
the server imports the rest; :func:`load_models` waits for it.
"""

from __future__ import annotations

from newsspider.extraction import blockmodel, boilerplate, classify, gate, language


def load_models() -> None:
    """Read every model extraction uses (each is read once per process; later calls are free)."""
    blockmodel.load()
    blockmodel.load(str(blockmodel.NO_TRAFILATURA_PATH))  # the model-first path's model and its gate
    gate.load()
    classify.model()
    language.load_model()
    boilerplate.build_line_tests()


load_models()
