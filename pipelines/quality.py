"""Quality gate: flag records whose body is not the whole, clean article; drop the worst.

Flags, in the order they are reported in the record's ``quality`` field (``"ok"`` when none):

- ``paywall``: a body line is a paywall stub ("Subscribe to continue reading", "Dieser Artikel
  ist nur für Abonnenten", "Il vous reste 80 % de cet article à lire", "Este contenido es
  exclusivo para suscriptores", ...: :data:`PAYWALL`, English/German/French/Spanish).
- ``teaser``: the body is only the start of the article: it is hardly longer than the page's
  own summary (fewer than ``TEASER_RATIO`` times the words of a ``description`` of 12 to 80
  words), or, under ``TRUNCATED_MAX_WORDS`` words, it ends cut off mid-sentence ("... the plan
  would…", "[…]").
- ``boilerplate``: a body line still matches one of the generic boilerplate families of
  :mod:`newsspider.extraction.boilerplate` (a credit, disclaimer, share bar, ... the extractor
  let through).

:func:`quality_flags` is the pure check; :class:`QualityPipeline` writes ``quality`` and drops
the records whose flags are listed in ``NEWSSPIDER_QUALITY_DROP``.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsspider import config
from newsspider.extraction.boilerplate import Family, build_line_tests, match_family
from newsspider.textlength import word_count
from pipelines.drops import Dropper

logger = logging.getLogger(__name__)

FLAG_PAYWALL = "paywall"
FLAG_TEASER = "teaser"
FLAG_BOILERPLATE = "boilerplate"
#: Every flag, in the order a record reports them.
FLAGS: tuple[str, ...] = (FLAG_PAYWALL, FLAG_TEASER, FLAG_BOILERPLATE)
QUALITY_OK = "ok"
#: Dropped by default: a paywall stub is never the article; a teaser or a leftover line is
#: still mostly article text, so it is kept and flagged.
DEFAULT_DROP: tuple[str, ...] = tuple(config.SETTINGS["NEWSSPIDER_QUALITY_DROP"].default)

#: A body with fewer words than this many times its description's is a teaser.
TEASER_RATIO = 1.5
#: A description is a summary (it says the article is longer) between these word counts;
#: some sites put the whole text in it.
DESCRIPTION_WORDS = (12, 80)
#: A cut-off ending marks a teaser only in bodies shorter than this.
TRUNCATED_MAX_WORDS = 150

_SUB = r"(?:paying\s+|premium\s+|digital\s+)?(?:subscribers|members)"
PAYWALL = Family(
    "paywall",
    (
        # English
        r"(?:please\s+)?(?:subscribe|sign\s+up|register|log\s*in|sign\s+in)(?:\s+(?:now|today))?\s+to\s+(?:continue\s+reading|keep\s+reading|read\s+(?:the\s+)?(?:full|rest|entire|whole)|unlock|access\s+(?:this|the\s+full))\b.{0,200}$",
        r"(?:to\s+)?(?:continue|keep)\s+reading,?\s+(?:please\s+)?(?:subscribe|log\s*in|sign\s+in|register|become\s+a)\b.{0,200}$",
        rf"(?:this|the\s+rest\s+of\s+this|the\s+full)\s+(?:article|story|content|piece|report)\s+is\s+(?:only\s+)?(?:available|reserved|exclusive|accessible|for)\s+(?:(?:to|for)\s+)?(?:our\s+)?{_SUB}(?:\s+only)?\b.{{0,200}}$",
        rf"(?:exclusive\s+(?:content\s+)?)?for\s+{_SUB}\s+only\b.{{0,200}}$",
        r"already\s+(?:a\s+)?(?:subscriber|member|subscribed)\b.{0,120}$",
        r"you(?:'ve|’ve|\s+have)\s+(?:reached|used)\s+(?:your|all\s+(?:of\s+)?your)\s+(?:\d+\s+)?(?:free\s+)?(?:articles?|stories)\b.{0,200}$",
        r"(?:subscribe|become\s+a\s+(?:subscriber|member))(?:\s+(?:now|today))?\s+for\s+(?:full|unlimited)\s+(?:digital\s+)?access\b.{0,200}$",
        r"(?:unlock|get)\s+(?:full|unlimited)\s+(?:digital\s+)?access\s+(?:to\s+)?(?:this|all|our|every)\b.{0,200}$",
        # German
        r"(?:dieser|der)\s+(?:artikel|beitrag|inhalt|text)\s+ist\s+(?:nur\s+|exklusiv\s+)?(?:für\s+)?(?:\S+\s+)?(?:abonnenten|abonnentinnen|abonnent\*innen|abonnierende)\b.{0,200}$",
        r"(?:jetzt\s+)?weiter\s*lesen\s+mit\s+\S+.{0,160}$",
        r"um\s+(?:den|diesen)\s+(?:ganzen\s+|vollständigen\s+)?(?:artikel|beitrag)\s+(?:zu\s+lesen|weiterzulesen|lesen\s+zu\s+können)\b.{0,200}$",
        r"(?:sie\s+sind\s+)?(?:bereits|schon)\s+(?:abonnent(?:in)?|digital-abonnent(?:in)?|abonniert)\b.{0,120}$",
        r"lesen\s+sie\s+(?:jetzt\s+)?(?:weiter|den\s+(?:ganzen|vollständigen)\s+(?:artikel|beitrag))\s+mit\b.{0,160}$",
        # French
        r"(?:cet|l['’])\s*article\s+est\s+réservé\s+aux\s+abonnés\b.{0,200}$",
        r"(?:la\s+suite|le\s+reste)\s+(?:de\s+(?:cet|l['’])\s*article\s+)?est\s+réservée?\s+aux\s+abonnés\b.{0,200}$",
        r"il\s+vous\s+reste\s+\d+\s*%\s+de\s+(?:cet|l['’])\s*article\s+à\s+lire\b.{0,200}$",
        r"(?:vous\s+êtes\s+)?déjà\s+abonné(?:e)?\b.{0,120}$",
        r"abonnez-vous\s+pour\s+(?:lire|continuer|accéder|poursuivre)\b.{0,200}$",
        r"pour\s+lire\s+la\s+suite(?:\s+de\s+cet\s+article)?,?\s+(?:abonnez-vous|connectez-vous|inscrivez-vous)\b.{0,200}$",
        # Spanish
        r"(?:este|el)\s+(?:art[ií]culo|contenido|texto)\s+es\s+(?:exclusivo|solo|sólo|únicamente)\s+para\s+(?:suscriptores|abonados|socios|miembros)\b.{0,200}$",
        r"(?:contenido|art[ií]culo)\s+exclusivo\s+para\s+(?:suscriptores|abonados|socios)\b.{0,200}$",
        r"suscr[ií]bete\s+para\s+(?:seguir|continuar)\s+leyendo\b.{0,200}$",
        r"para\s+(?:seguir|continuar)\s+leyendo,?\s+(?:suscr[ií]bete|hazte|inicia\s+sesión|regístrate)\b.{0,200}$",
        r"¿?\s*ya\s+eres\s+(?:suscriptor|socio|abonado)\b.{0,120}$",
        r"has\s+alcanzado\s+el\s+(?:límite|máximo)\s+de\s+(?:art[ií]culos|noticias)\b.{0,200}$",
    ),
    max_chars=300,
)

# A word cut by an ellipsis ("the plan would…"), not a sentence ending in "...." or "?..".
_CUT_OFF = re.compile(r"(?:\w(?:\.\.\.|…)|\[…\]|\[\.\.\.\])\s*$")


def _lines(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip()]


def is_paywall_stub(lines: list[str]) -> bool:
    return any(PAYWALL.matches(line) for line in lines)


def is_teaser(lines: list[str], description: str | None) -> bool:
    """Only the start of the article (see the module docstring)."""
    words = sum(word_count(line) for line in lines)
    described = word_count(description)
    if DESCRIPTION_WORDS[0] <= described <= DESCRIPTION_WORDS[1] and words < TEASER_RATIO * described:
        return True
    return bool(lines) and words < TRUNCATED_MAX_WORDS and bool(_CUT_OFF.search(lines[-1]))


def boilerplate_lines(lines: list[str]) -> list[str]:
    """Lines matching a generic boilerplate family (paywall stubs are reported as such)."""
    return [line for line in lines if match_family(line) is not None and not PAYWALL.matches(line)]


def quality_flags(body: str, description: str | None = None) -> list[str]:
    """The flags a record with this body (and description) raises, in :data:`FLAGS` order."""
    lines = _lines(body)
    flags = []
    if is_paywall_stub(lines):
        flags.append(FLAG_PAYWALL)
    if is_teaser(lines, description):
        flags.append(FLAG_TEASER)
    if boilerplate_lines(lines):
        flags.append(FLAG_BOILERPLATE)
    return flags


def quality_label(flags: list[str]) -> str:
    """The ``quality`` field: ``"ok"`` or the flags comma-separated."""
    return ",".join(flags) if flags else QUALITY_OK


def drop_flags(value: list[str]) -> tuple[str, ...]:
    """``NEWSSPIDER_QUALITY_DROP`` (parsed) as flags; ValueError naming the setting and the unknown flags."""
    flags = tuple(item.lower() for item in value)
    unknown = [flag for flag in flags if flag not in FLAGS]
    if unknown:
        raise ValueError(
            f"NEWSSPIDER_QUALITY_DROP={','.join(value)!r} is invalid: unknown quality flag(s) {', '.join(unknown)}; "
            f"give any of {', '.join(FLAGS)} (or empty)"
        )
    return flags


class QualityPipeline:
    """Item pipeline writing ``quality`` and dropping records with the flags in ``drop``.

    Settings: ``NEWSSPIDER_QUALITY_ENABLED`` (default True; False -> NotConfigured, ``quality``
    stays empty), ``NEWSSPIDER_QUALITY_DROP`` (default ``paywall``; flags, comma-separated; empty:
    flag only). Stats: ``newsspider/quality/<flag>`` (records raising the flag, kept or not),
    ``newsspider/dropped/quality_<flag>`` (dropped, counted under their first dropping flag).
    """

    def __init__(self, crawler: Crawler, drop: tuple[str, ...] = DEFAULT_DROP) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.drop = drop
        self.dropper = Dropper(crawler.stats, logger)
        self.line_tests: threading.Thread | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QualityPipeline:
        settings = crawler.settings
        if not config.get(settings, "NEWSSPIDER_QUALITY_ENABLED"):
            raise NotConfigured("NEWSSPIDER_QUALITY_ENABLED is False")
        pipeline = cls(crawler, drop=drop_flags(config.get(settings, "NEWSSPIDER_QUALITY_DROP")))
        crawler.signals.connect(pipeline.spider_opened, signal=signals.spider_opened)
        return pipeline

    def spider_opened(self) -> None:
        """Build the boilerplate line tests in a thread while the first pages download and the
        extraction pool starts: built by the first records' checks, they held them back (~0.5 s
        of regex parsing, with each ASCII first character's regex)."""
        self.line_tests = threading.Thread(
            target=build_line_tests, kwargs={"every_ascii_start": True}, name="newsspider-line-tests", daemon=True
        )
        self.line_tests.start()

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        description = adapter.get("description")
        # a spider's own items reach here without NormalizePipeline when it is switched off: a
        # description that is no string (a number, a list) is no summary to compare with
        flags = quality_flags(str(adapter.get("body") or ""), description if isinstance(description, str) else None)
        try:
            adapter["quality"] = quality_label(flags)
        except KeyError:  # an Item class without a quality field: flag and drop only
            pass
        for flag in flags:
            self.stats.inc_value(f"newsspider/quality/{flag}")
        for flag in flags:
            if flag in self.drop:
                raise self.dropper.drop(f"quality_{flag}", item)
        return item
