"""One site's crawl and extraction rules, compiled: what a spider consults for a page of that site.

A :class:`SitePlan` is built from the declarative attributes of a
:class:`~newsspider.spiders.base.NewsSiteSpider` (``SitePlan(spider)``). A one-site spider has
one; the ``sites`` spider has one per site entry and picks it by the page's host
(:meth:`SiteRouter.plan_for`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

from newsspider.extraction.rules import FieldRule, RulesVersion, SiteRules
from newsspider.links import PageLinkExtractor
from newsspider.sites.fields import field_rules
from newsspider.sites.patterns import compile_rule
from newsspider.sites.versions import SiteVersion, site_version


def start_hosts(urls: Iterable[str]) -> list[str]:
    """The domains of start URLs, as ``allowed_domains``: their hosts without ``www.`` (so that the
    site's other subdomains stay on the site), sorted."""
    return sorted({(urlsplit(u).hostname or "").removeprefix("www.") for u in urls} - {""})


def site_rules(source: Any) -> SiteRules:
    """The extraction rules of a spider (or any object with its attributes), versions included."""
    base = SiteRules(
        remove=tuple(getattr(source, "remove_selectors", ()) or ()),
        boilerplate=tuple(getattr(source, "boilerplate_patterns", ()) or ()),
        body=getattr(source, "body_selector", None) or None,
        fields=field_rules(getattr(source, "field_selectors", None) or {}),
    )
    versions = [v if isinstance(v, SiteVersion) else site_version(v) for v in getattr(source, "versions", ()) or ()]
    return SiteRules(
        remove=base.remove, boilerplate=base.boilerplate, body=base.body, fields=base.fields,
        versions=tuple(RulesVersion(v.until, _version_rules(base, v)) for v in sorted(versions, key=lambda v: v.until)),
    )  # fmt: skip


def _version_rules(base: SiteRules, version: SiteVersion) -> SiteRules:
    fields: dict[str, FieldRule] = {rule.field: rule for rule in base.fields}
    fields.update({rule.field: rule for rule in version.fields})
    return SiteRules(
        remove=base.remove if version.remove_selectors is None else version.remove_selectors,
        boilerplate=base.boilerplate if version.boilerplate_patterns is None else version.boilerplate_patterns,
        body=base.body if version.body_selector is None else (version.body_selector or None),
        fields=tuple(fields.values()),
    )


def _field_rules(rules: SiteRules) -> Iterator[FieldRule]:
    """Every per-field rule of ``rules``, its versions' included."""
    yield from rules.fields
    for version in rules.versions:
        yield from version.rules.fields


class SitePlan:
    """The compiled rules of one site (see the module docstring)."""

    def __init__(self, source: Any) -> None:
        self.name: str = source.name
        self.start_urls: tuple[str, ...] = tuple(getattr(source, "start_urls", ()) or ())
        self.domains: tuple[str, ...] = tuple(getattr(source, "allowed_domains", ()) or ()) or tuple(start_hosts(self.start_urls))
        self.feeds: tuple[str, ...] = tuple(getattr(source, "feeds", ()) or ())
        self.sitemaps: tuple[str, ...] = tuple(getattr(source, "sitemaps", ()) or ())
        self.rules = site_rules(source)
        if any(rule.kind == "function" for rule in _field_rules(self.rules)):
            from newsspider.extraction.overrides import check_functions  # imports the extractor: only when needed

            check_functions(self.rules)
        self._is_article = compile_rule(getattr(source, "article_urls", ()))
        self._follow = compile_rule(getattr(source, "follow_urls", ()))
        self.deny: tuple[str, ...] = tuple(getattr(source, "deny_urls", ()) or ())
        self._deny = compile_rule(self.deny)
        self._deny_path = compile_rule([p for p in self.deny if p.startswith("^/")])
        # Off-site links are left to Scrapy's OffsiteMiddleware, which (unlike LinkExtractor's
        # allow_domains) handles hosts with ports such as 127.0.0.1:8000. The extractor drops the
        # links whole-URL deny patterns match; path patterns (``^/``) are checked in should_follow.
        self.link_extractor = PageLinkExtractor(deny=tuple(p for p in self.deny if not p.startswith("^/")))

    def is_article_url(self, url: str) -> bool | None:
        """True/False by ``article_urls``; None when the site leaves it to the page content."""
        return None if self._is_article is None else self._is_article(url)

    def should_follow(self, url: str) -> bool:
        """Whether to request a same-site link found on a page (article URLs always are)."""
        if self._deny_path is not None and self._deny_path(url):  # the others: the link extractor's
            return False
        if self.is_article_url(url):
            return True
        return self._follow is None or self._follow(url)

    def refuses(self, url: str) -> bool:
        """A listed URL the site's rules reject (``deny_urls``, or not matching ``article_urls``)."""
        return self.is_article_url(url) is False or (self._deny is not None and self._deny(url))


class SiteRouter:
    """The plan of a URL among several sites: the site with a start URL on the same host and
    port, else the site whose domain is the host or a parent of it, else the first site."""

    def __init__(self, plans: Sequence[SitePlan]) -> None:
        self.plans = list(plans)
        self._by_netloc: dict[str, SitePlan] = {}
        for plan in self.plans:
            for url in plan.start_urls:
                self._by_netloc.setdefault(urlsplit(url).netloc.lower(), plan)
        self._cache: dict[str, SitePlan] = {}

    def plan_for(self, url: str) -> SitePlan:
        parts = urlsplit(url)
        netloc = parts.netloc.lower()
        plan = self._cache.get(netloc)
        if plan is None:
            plan = self._by_netloc.get(netloc) or self._by_domain(parts.hostname or "") or self.plans[0]
            self._cache[netloc] = plan
        return plan

    def _by_domain(self, host: str) -> SitePlan | None:
        best: tuple[int, SitePlan] | None = None
        for plan in self.plans:
            for domain in plan.domains:
                if (host == domain or host.endswith("." + domain)) and (best is None or len(domain) > best[0]):
                    best = (len(domain), plan)
        return best[1] if best else None
