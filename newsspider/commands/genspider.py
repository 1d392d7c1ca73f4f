"""``scrapy genspider``: Scrapy's command, which also knows newsspider's templates.

``scrapy genspider -t news NAME DOMAIN`` writes a :class:`~newsspider.spiders.base.NewsSiteSpider`
subclass with every key of a site entry (``newsspider/templates/spiders/news.tmpl``); Scrapy's own
templates (``basic``, ``crawl`` ...) and ``TEMPLATES_DIR`` work as before. Scrapy looks templates up
in one folder only, so the lookup is extended here (private methods, ``newsspider.compat``).
"""

from __future__ import annotations

from pathlib import Path

from scrapy.commands.genspider import Command as ScrapyGenspiderCommand

#: newsspider's spider templates.
TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates" / "spiders"


class Command(ScrapyGenspiderCommand):
    def _find_template(self, template: str) -> Path | None:
        ours = TEMPLATES_DIR / (template if template.endswith(".tmpl") else f"{template}.tmpl")
        if ours.is_file() and not Path(template).is_file():
            return ours
        return super()._find_template(template)

    def _list_templates(self) -> None:
        super()._list_templates()
        print("\n".join(f"  {path.stem}" for path in sorted(TEMPLATES_DIR.glob("*.tmpl"))))
