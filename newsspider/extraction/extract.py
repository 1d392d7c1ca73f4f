"""Entry point of extraction: one page in, record fields or a skip reason out.

Order of work, chosen so the page is parsed once: decode and parse, read JSON-LD and the
metadata from the untouched tree, apply the site's ``remove``/``body`` rules, run
trafilatura on that tree, clean the text, let JSON-LD ``articleBody`` or readability replace
it when they agree it is incomplete (:mod:`newsspider.extraction.choose`) — the *rules' body* —
then let the block model choose the body from all the page's blocks with the rules' body as
one of its signals (:mod:`newsspider.extraction.modelbody`), then decide whether the page is
an article. ``fields["extraction"]`` names the method that won.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from lxml.html import HtmlElement

from newsspider.extraction import blockmodel, choose, gate, jsonld, modelbody
from newsspider.extraction import body as body_mod
from newsspider.extraction import html as html_mod
from newsspider.extraction.authors import closing_agencies
from newsspider.extraction.blocks import Block as PageBlock
from newsspider.extraction.blocks import PageFeatures
from newsspider.extraction.boilerplate import Block, drop_since_fit_lines
from newsspider.extraction.classify import classify
from newsspider.extraction.language import detect_language
from newsspider.extraction.metadata import Meta, extract_metadata
from newsspider.extraction.readability_text import readability_blocks
from newsspider.extraction.repeats import drop_second_copy
from newsspider.extraction.rules import SiteRules
from newsspider.extraction.selectors import compile_pattern, remove, select_body
from newsspider.extraction.text import plain_lines

logger = logging.getLogger(__name__)


@dataclass
class PageResult:
    """Outcome of extracting one page: ``fields`` or a ``skip_reason``, never both.

    Skip reasons: ``"empty"`` (no content), ``"not_html"`` (binary or non-HTML payload),
    ``"not_article"`` (index, tag, home or about page), ``"no_body"`` (an article page
    whose text could not be extracted).
    """

    fields: dict[str, Any] | None = None
    skip_reason: str | None = None
    #: Texts the block model nearly kept (:func:`modelbody.nearly_kept`): what the crawl's site
    #: learning counts beside the body's lines; not part of the record.
    nearly_kept: tuple[str, ...] = ()


@dataclass
class PageInputs:
    """The parsed page and what every body method starts from (parsed and computed once)."""

    tree: HtmlElement
    graph: list[dict[str, Any]]
    fields: dict[str, Any]
    og_type: str | None
    target: HtmlElement  # the tree, or the site's ``body`` selection
    method: str  # "trafilatura" or "site-rules"
    ld_body: str | None

    @property
    def title(self) -> str | None:
        return self.fields.get("title")

    @cached_property
    def trafilatura_blocks(self) -> list[Block]:
        """trafilatura's body on the target, run on first use (the model-first path may not need it)."""
        xml = body_mod.run_trafilatura(self.target)
        return body_mod.to_blocks(xml) if xml is not None else []

    @property
    def trafilatura_text(self) -> str:
        return body_mod.render(self.trafilatura_blocks)

    @cached_property
    def page(self) -> PageFeatures:
        """The page's blocks and their features for the block model (made once for both models)."""
        return modelbody.page_features(self.tree, ld_body=self.ld_body, title=self.title)


def page_inputs(html: bytes | str, url: str, rules: SiteRules | None = None) -> PageInputs | str:
    """Parse the page (trafilatura runs on first use of ``trafilatura_blocks``); a skip reason
    (str) when it is not HTML."""
    if html is None or not (html.strip() if isinstance(html, (bytes, str)) else True):
        return "empty"
    if html_mod.is_binary(html):
        return "not_html"
    text = html_mod.decode(html)
    if not text.strip():
        return "empty"
    if not html_mod.looks_like_html(text):
        return "not_html"
    tree = html_mod.parse(text)
    if tree is None:
        return "not_html"
    rules = rules or SiteRules()
    graph = jsonld.nodes(tree)
    meta = Meta(tree)  # read once: the metadata's and the classifier's
    fields = extract_metadata(tree, url, graph, meta)
    og_type = meta.first("og:type")
    method = "trafilatura"
    if rules.remove:
        remove(tree, rules.remove)
    target = tree
    if rules.body:
        selected = select_body(tree, rules.body)
        if selected is not None:
            target, method = selected, "site-rules"
    article = jsonld.find_article(graph)
    ld_body = article.get("articleBody") if article else None
    ld_body = plain_lines(ld_body) if isinstance(ld_body, str) else None  # often HTML-escaped
    ld_body = ld_body if ld_body and ld_body.strip() else None
    return PageInputs(tree, graph, fields, og_type, target, method, ld_body)


@dataclass
class Body:
    """A body text, its blocks and the method that produced it."""

    text: str
    blocks: list[Block]
    method: str
    nearly_kept: tuple[str, ...] = ()  # blocks the block model nearly kept (site learning's)


def rule_body(inputs: PageInputs, url: str, extra: tuple[re.Pattern[str], ...] = ()) -> Body:
    """The body by trafilatura and the cleaning rules, with JSON-LD and readability as
    second opinions where they agree (:mod:`newsspider.extraction.choose`)."""
    fields, tree, ld_body = inputs.fields, inputs.tree, inputs.ld_body
    title, section = fields.get("title"), fields.get("section")
    blocks, method = inputs.trafilatura_blocks, inputs.method
    text_body = body_mod.clean(blocks, title, section, extra)
    if choose.prefer_jsonld(text_body, ld_body):
        return jsonld_body(inputs, extra)
    if method == "trafilatura":  # a site's body selector is trusted as is
        prose = choose.visible_prose_chars(tree)
        reason = choose.suspicion(
            text_body, blocks, prose_chars=prose, ld_body=ld_body, description=fields.get("description")
        )
        if reason:
            other_blocks = readability_blocks(tree)
            other = body_mod.clean(other_blocks, title, section, extra)
            if choose.prefer_second_opinion(text_body, blocks, other, other_blocks, reason=reason, prose_chars=prose):
                logger.debug("readability chosen (%s): %s", reason, url)
                return Body(other, other_blocks, "readability")
    return Body(text_body, blocks, method)


def jsonld_body(inputs: PageInputs, extra: tuple[re.Pattern[str], ...] = ()) -> Body:
    """The JSON-LD ``articleBody`` as the body: where it is the fuller version of the text the
    page shows (:func:`choose.prefer_jsonld`: a truncated or paged article), no choice of the
    page's blocks can give more."""
    blocks = body_mod.text_to_blocks(inputs.ld_body or "")
    return Body(body_mod.clean(blocks, inputs.fields.get("title"), inputs.fields.get("section"), extra), blocks, "jsonld")


def model_body(inputs: PageInputs, rules_body: Body, extra: tuple[re.Pattern[str], ...] = ()) -> Body | None:
    """The block model's body, when it may replace the rules' (see :mod:`.modelbody`)."""
    title, section = inputs.fields.get("title"), inputs.fields.get("section")
    text, kept, nearly = modelbody.model_body(inputs.page, trafilatura_text=inputs.trafilatura_text, rules_text=rules_body.text)
    blocks = [body_mod.from_page_block(b) for b in kept]
    text = body_mod.clean(blocks, title, section, extra)
    if not modelbody.agrees_with(text, rules_body.text, inputs.trafilatura_text):
        return None
    return Body(text, blocks, "model", nearly)


@dataclass(frozen=True)
class Confidence:
    """How sure the model-first body is: what decides whether trafilatura must run after all."""

    chars: int  # characters of the cleaned body
    unsure: float  # share of the page's candidate text (p >= UNSURE_LOW) the model was unsure of (p < UNSURE_HIGH)
    # the learned gate's probability that the body is worse than the full path's (:mod:`.gate`)
    doubt: float = 0.0


# :func:`confident`'s thresholds, picked on tuning pages with a model trained on the other half
# of them (``benchmarks/model_first.py --grid --half 0``): the share of unsure text is what
# separates the pages the model alone gets right; the body length guards the empty pages.
MIN_CHARS = 200
MAX_UNSURE = 0.1
UNSURE_LOW, UNSURE_HIGH = 0.2, 0.8
# With a two-stage model-first model, the stage whose probabilities measure the doubt (1: the
# first, 2: the final): the second stage's are sharper, so fewer pages fall back, more of them
# wrongly (docs/benchmarks.md, "Experiment: model first").
UNSURE_STAGE = 1
# Fall back by the learned gate (:mod:`newsspider.extraction.gate`, ``models/gate.json``) instead
# of the unsure share alone: the same F1 on the validation pages at about half the fallbacks
# (docs/benchmarks.md, "Experiment: model first"). False: by :data:`MAX_UNSURE`.
USE_GATE = True


@dataclass
class _ModelFirst:
    """The model-first model's kept blocks and the probabilities that measure its doubt."""

    kept: list[PageBlock]
    doubt: list[float]
    blocks: Sequence[PageBlock] = ()
    nearly_kept: tuple[str, ...] = ()

    @property
    def unsure(self) -> float:
        """Share of the candidate text (p >= UNSURE_LOW) the model was unsure of (p < UNSURE_HIGH)."""
        page = self.blocks
        candidate = sum(len(b.text) for b, p in zip(page, self.doubt) if p >= UNSURE_LOW)
        unsure = sum(len(b.text) for b, p in zip(page, self.doubt) if UNSURE_LOW <= p < UNSURE_HIGH)
        return unsure / candidate if candidate else 1.0


def _model_first(inputs: PageInputs) -> _ModelFirst:
    model = blockmodel.load(str(blockmodel.NO_TRAFILATURA_PATH))
    page = inputs.page.blocks
    if not page:
        return _ModelFirst([], [])
    first, final = modelbody.stage_probabilities(inputs.page, model, trafilatura_text=None, rules_text=None)
    kept = modelbody.select(page, final, model.threshold, model.outside)
    return _ModelFirst(kept, first if UNSURE_STAGE == 1 else final, page, modelbody.nearly_kept(page, final, model, kept))


def model_first_scores(inputs: PageInputs) -> tuple[list[PageBlock], float]:
    """The blocks the model trained without trafilatura's features keeps (its second stage and
    container threshold too when the model file has them, as the default model), and the share
    of the page's candidate text (p >= UNSURE_LOW) it was unsure of (p < UNSURE_HIGH), by the
    probabilities of :data:`UNSURE_STAGE` (one-stage model: the same)."""
    scored = _model_first(inputs)
    return scored.kept, scored.unsure


def _model_first_text(inputs: PageInputs, scored: _ModelFirst, extra: tuple[re.Pattern[str], ...]) -> Body:
    blocks = [body_mod.from_page_block(b) for b in scored.kept]
    text = body_mod.clean(blocks, inputs.title, inputs.fields.get("section"), extra)
    return Body(text, blocks, "model-first", scored.nearly_kept)


def _gate_doubt(inputs: PageInputs, scored: _ModelFirst, body: Body) -> float:
    row = gate.features(scored.blocks, scored.doubt, scored.kept, body.text, inputs.ld_body)
    return gate.load().probability(row)


def model_first_body(inputs: PageInputs, extra: tuple[re.Pattern[str], ...] = ()) -> tuple[Body, Confidence]:
    """The body of the model trained without trafilatura's features, and how sure it is."""
    scored = _model_first(inputs)
    body = _model_first_text(inputs, scored, extra)
    doubt = _gate_doubt(inputs, scored, body) if scored.blocks else 1.0
    return body, Confidence(len(body.text), scored.unsure, doubt)


def confident(conf: Confidence) -> bool:
    """True when the model-first body may be kept without running trafilatura: long enough, and
    the learned gate's doubt at most its threshold (:data:`USE_GATE`) or else the unsure share
    at most :data:`MAX_UNSURE`."""
    if conf.chars < MIN_CHARS:
        return False
    return conf.doubt <= gate.load().threshold if USE_GATE else conf.unsure <= MAX_UNSURE


def _confident_model_first_body(inputs: PageInputs, extra: tuple[re.Pattern[str], ...]) -> Body | None:
    """:func:`model_first_body` when :func:`confident`, else None; without the gate, the body is
    not cleaned when the model is too unsure for it to count. Pages in every script go this way:
    sending those written without spaces (Chinese, Japanese, Thai...) to the full path always made
    them 1.2-1.9x slower than trafilatura, for F1 within ±0.005 out of fold (docs/benchmarks.md,
    "Model first on scripts without spaces")."""
    scored = _model_first(inputs)
    unsure = scored.unsure
    if not scored.blocks or (not USE_GATE and unsure > MAX_UNSURE):
        return None
    body = _model_first_text(inputs, scored, extra)
    doubt = _gate_doubt(inputs, scored, body) if USE_GATE else 0.0
    return body if confident(Confidence(len(body.text), unsure, doubt)) else None


def extract_page(
    html: bytes | str,
    url: str,
    rules: SiteRules | None = None,
    *,
    assume_article: bool = False,
    use_model: bool = True,
    model_first: bool = True,
) -> PageResult:
    """Record fields of the article at ``url``, or why there is none. Never raises on bad HTML.

    ``rules`` adds a site's selectors and boilerplate patterns to the generic extraction;
    ``assume_article`` skips classification (the caller already knows it is an article);
    ``use_model=False`` keeps the rules' body (no block model: 2-3x faster, less accurate);
    ``model_first`` (the default) runs the block model trained without trafilatura's features
    first, and trafilatura, the rules and the full block model only when it is unsure
    (:func:`confident`: the learned gate of :mod:`newsspider.extraction.gate`; ~15% of pages),
    on the same blocks and features; a JSON-LD ``articleBody`` that is the fuller version of its
    body wins, as on the full path. ``model_first=False`` sends every page through the full path:
    ~1.5x the CPU for a few thousandths of F1 on the dev corpora's validation pages
    (docs/benchmarks.md, "Model first, the default").
    Invalid selectors or patterns in ``rules`` raise ``ValueError`` (a configuration error).
    """
    inputs = page_inputs(html, url, rules)
    if isinstance(inputs, str):
        return PageResult(skip_reason=inputs)
    extra = tuple(compile_pattern(p) for p in (rules or SiteRules()).boilerplate)
    body = None
    if use_model and model_first and inputs.method == "trafilatura":
        body = _confident_model_first_body(inputs, extra)
        if body is not None and choose.prefer_jsonld(body.text, inputs.ld_body):
            body = jsonld_body(inputs, extra)
    if body is None:
        body = rule_body(inputs, url, extra)
        # A site's body selector is trusted as is; an articleBody fuller than the page is more
        # than any choice of the page's blocks can give.
        if use_model and body.method not in ("site-rules", "jsonld"):
            body = model_body(inputs, body, extra) or body
    fields = inputs.fields
    if not assume_article:
        reason = classify(inputs.graph, inputs.og_type, url, body.blocks, tree=inputs.tree, fields=fields)
        if reason:
            logger.debug("%s: %s", reason, url)
            return PageResult(skip_reason=reason)
    if not body.text.strip():
        return PageResult(skip_reason="no_body")
    text = drop_second_copy(body.text)  # after every choice: the gate and the models saw the body as is
    fields["language"], fields["language_score"] = detect_language(text, fields.get("language"))
    if fields["language"] != "en":
        # the boilerplate phrasings added since the models' fit are other languages' (~0.5-1 ms a
        # body: English pages, most of a crawl's in many corpora, are spared it)
        text = drop_since_fit_lines(text, body_mod.PARAGRAPH_BREAK)
    if not fields["authors"]:  # "... sagte er. (dpa)": a wire story no byline credits
        fields["authors"] = closing_agencies(text)
    fields["body"] = text
    fields["extraction"] = body.method
    return PageResult(fields=fields, nearly_kept=body.nearly_kept)


def extract_page_fast(
    html: bytes | str, url: str, rules: SiteRules | None = None, *, assume_article: bool = False
) -> PageResult:
    """:func:`extract_page` without the block model, for ``NEWSSPIDER_EXTRACTION_FUNCTION``:
    2-3x the pages per CPU second, at the rules' accuracy (see docs/benchmarks.md)."""
    return extract_page(html, url, rules, assume_article=assume_article, use_model=False)


def extract_page_model_first(
    html: bytes | str, url: str, rules: SiteRules | None = None, *, assume_article: bool = False
) -> PageResult:
    """:func:`extract_page` (model first, the default since 2026-12-05): kept for
    ``NEWSSPIDER_EXTRACTION_FUNCTION`` settings that name it."""
    return extract_page(html, url, rules, assume_article=assume_article)


def extract_page_full(
    html: bytes | str, url: str, rules: SiteRules | None = None, *, assume_article: bool = False
) -> PageResult:
    """:func:`extract_page` with every page through trafilatura, the rules and the full block
    model (``model_first=False``), for ``NEWSSPIDER_EXTRACTION_FUNCTION``: ~0.65x the default's
    pages per CPU second for a few thousandths of F1 on the dev corpora's validation pages
    (docs/benchmarks.md, "Model first, the default")."""
    return extract_page(html, url, rules, assume_article=assume_article, model_first=False)
