"""What a robots.txt says about AI training, for the dataset card (docs/card.md).

A site states it two ways: groups for the crawlers of AI companies (``User-agent: GPTBot`` /
``Disallow: /``), and content-usage lines (``Content-Signal: ai-train=no, search=yes``, the IETF
AI-preferences drafts' ``ai-train``/``train-ai`` vocabulary). :func:`ai_statements` keeps both as
the site wrote them; :class:`newsspider.crawlinfo.CrawlInfo` records them per host beside the
export. They are statements to report, not rules newsspider obeys: newsspider obeys the groups
that name *its* user agent, or ``*``.
"""

from __future__ import annotations

import re
from typing import Any

#: User agents of crawlers that collect AI training data (or answer AI assistants), compared
#: case-insensitively with a group's ``User-agent`` values.
AI_USER_AGENTS = (
    "GPTBot", "ChatGPT-User", "OAI-SearchBot", "CCBot", "Google-Extended", "Applebot-Extended",
    "anthropic-ai", "ClaudeBot", "Claude-Web", "Claude-User", "Claude-SearchBot", "PerplexityBot",
    "Perplexity-User", "Bytespider", "Meta-ExternalAgent", "Meta-ExternalFetcher", "FacebookBot",
    "cohere-ai", "cohere-training-data-crawler", "Diffbot", "Amazonbot", "Omgilibot", "Omgili",
    "ImagesiftBot", "Timpibot", "YouBot", "AI2Bot", "Ai2Bot-Dolma", "MistralAI-User", "DuckAssistBot",
    "PanguBot", "img2dataset", "Webzio-Extended", "VelenPublicWebCrawler", "Kangaroo Bot",
)  # fmt: skip
_AI_AGENTS = {agent.lower(): agent for agent in AI_USER_AGENTS}
#: Lines about content usage, wherever they appear (directive names or vocabulary).
_USAGE_LINE = re.compile(r"^\s*(content-signal|content-usage|ai-\w+|disallowaitraining)\s*:|\b(ai-train|train-ai|ai-input|noai)\b",
                         re.IGNORECASE)  # fmt: skip
_RULE = re.compile(r"^\s*(allow|disallow)\s*:\s*(.*)$", re.IGNORECASE)
_AGENT = re.compile(r"^\s*user-agent\s*:\s*(.*)$", re.IGNORECASE)
#: Signal sent (``host``, ``statements``) by the robots.txt middleware for a robots.txt that has some.
robots_ai_statements = object()
#: Lines kept per robots.txt at most (a hostile file cannot fill the crawl record).
MAX_LINES = 200


def ai_statements(text: str) -> dict[str, Any]:
    """``{"agents": {agent: [rule lines]}, "signals": [lines]}``: the groups of ``text`` that name
    AI crawlers (their Allow/Disallow lines) and its content-usage lines; empty when it has none."""
    agents: dict[str, list[str]] = {}
    signals: list[str] = []
    group: list[str] = []  # AI agents of the current group
    in_agents = False  # reading the group's User-agent lines
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if len(signals) + sum(map(len, agents.values())) >= MAX_LINES:
            break
        agent = _AGENT.match(line)
        if agent:
            if not in_agents:
                group = []
            in_agents = True
            name = _AI_AGENTS.get(agent.group(1).strip().lower())
            if name:
                group.append(name)
                agents.setdefault(name, [])
            continue
        in_agents = False
        rule = _RULE.match(line)
        if rule:
            for name in group:
                agents[name].append(f"{rule.group(1).capitalize()}: {rule.group(2).strip()}")
        elif _USAGE_LINE.search(line):
            signals.append(line)
    return {"agents": agents, "signals": signals} if agents or signals else {}


def agent_verdict(rules: list[str]) -> str:
    """One word for an AI agent's group: ``blocked`` (``Disallow: /``), ``partly blocked`` or ``allowed``."""
    disallowed = [r.split(":", 1)[1].strip() for r in rules if r.lower().startswith("disallow")]
    if "/" in disallowed:
        return "blocked"
    return "partly blocked" if any(disallowed) else "allowed"
