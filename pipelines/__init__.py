"""newsspider item pipelines: normalize (100), site learning (150), validate (200), quality
(220), date window (250), dedupe (300), incremental state (350), syndicated copies (360), all enabled in
``ITEM_PIPELINES`` by the add-on (``newsspider/addons.py``).

The pure logic (:func:`~pipelines.normalize.normalize_article`,
:func:`~pipelines.validate.validation_error`, :class:`~pipelines.dedupe.SeenRecords`)
runs without a crawler, e.g. in ``newsspider extract``.
"""

from __future__ import annotations

from pipelines.dedupe import DedupePipeline, SeenRecords
from pipelines.normalize import NormalizePipeline, normalize_article
from pipelines.validate import ValidatePipeline, validation_error

__all__ = [
    "DedupePipeline",
    "NormalizePipeline",
    "SeenRecords",
    "ValidatePipeline",
    "normalize_article",
    "validation_error",
]
