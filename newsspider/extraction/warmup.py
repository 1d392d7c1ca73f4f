"""Imported first by the extraction workers' fork server: start reading the language model.

The read (py3langid's 5 MB LZMA model, ~0.45 s of decompression that releases the GIL) runs in a
thread while the server imports the extractor and Scrapy's link extraction; :mod:`.preload`,
imported last, waits for it (``language.load_model``), so the server forks its workers with one
thread and the model in memory (``newsspider.pool.WORKER_MODULES``).
"""

from __future__ import annotations

from newsspider.extraction import language

language.start_reading()
