"""Generic boilerplate line patterns, as data, and the cleaner that applies them to body blocks.

A *family* is one kind of boilerplate (source credits, disclaimers, share bars, ...) with
its phrasings in English, German, French and Spanish. Patterns are matched (``re.match``,
case-insensitive) against a whole body block with whitespace collapsed, and only when the
block is at most ``max_chars`` long: a real paragraph that merely contains "source" or
"share" is never touched.

Families with ``starts_block=True`` are *headings* of link lists ("Read more", "Related",
"Most popular", "Tags:"): the heading and the run of short link-like lines after it go
together.

To extend: add a regex to the right family (or a new :class:`Family`) and a positive and a
negative case to ``tests/unit/test_extraction_boilerplate.py``. Never add a literal sentence of
one site; site-specific lines belong in that site's ``SiteRules.boilerplate``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from newsspider.dates import is_date_only_line, strip_dates
from newsspider.extraction.firstchar import FirstCharRegex, Words, alternation, folded, required_words
from newsspider.textlength import COMMAS, OTHER_SENTENCE_FINAL, word_count


@dataclass(frozen=True)
class Family:
    """One kind of boilerplate line."""

    name: str
    patterns: tuple[str, ...]
    max_chars: int = 200
    starts_block: bool = False
    #: Phrasings added since the block models were last fitted: read only on the chosen body, its
    #: last step (:func:`drop_since_fit_lines`). The models read the families twice, as their
    #: column (:data:`BOILERPLATE_START`) and through the rules' cleaned body (the full model's
    #: "in the rules' body" column), and a refit for a few changed rows moves a third of the dev
    #: bodies either way (docs/benchmarks.md, "The retrain noise band", "Session 30"): they join
    #: ``patterns`` at the next refit made for its own sake.
    since_fit: tuple[str, ...] = ()
    compiled: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)
    _combined: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _since_fit: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        compiled = tuple(re.compile(p, re.I) for p in (*self.patterns, *self.since_fit))  # each one must compile alone
        # One alternation per family: a single regex call per line instead of one per phrasing.
        object.__setattr__(self, "compiled", compiled)
        object.__setattr__(self, "_combined", re.compile("|".join(f"(?:{p})" for p in self.patterns), re.I))
        since_fit = re.compile("|".join(f"(?:{p})" for p in self.since_fit), re.I) if self.since_fit else None
        object.__setattr__(self, "_since_fit", since_fit)

    def matches(self, line: str, *, since_fit: bool = False) -> bool:
        """The line is one of the family's (``since_fit``: of its phrasings added since the fit)."""
        if len(line) > self.max_chars:
            return False
        pattern = self._since_fit if since_fit else self._combined
        return pattern is not None and pattern.match(line) is not None


_END = r"\s*[:：.!»›→>…]*\s*$"  # a heading may end in a colon, arrow or ellipsis
#: "Read also" / "read more" in Italian, Portuguese, Dutch, Polish, Russian, Ukrainian, Turkish,
#: Indonesian/Malay, Czech, Slovak, Swedish, Danish, Norwegian, Romanian, Greek, Vietnamese, Arabic.
_READ_ALSO = (
    r"leggi\s+anche|leia\s+(?:também|mais)|veja\s+também|lees\s+(?:ook|meer)|czytaj\s+(?:też|także|więcej)"
    r"|zobacz\s+(?:też|także|również)|читайте\s+(?:также|тоже|ещё|еще|також)|смотрите\s+также|дивіться\s+також"
    r"|ayrıca\s+okuyun|baca\s+juga|čtěte\s+(?:také|též)|přečtěte\s+si\s+také|čítajte\s+(?:aj|tiež)"
    r"|läs\s+(?:också|även|mer)|læs\s+(?:også|mere)|les\s+også|citește\s+și|citeste\s+si|διαβάστε\s+(?:επίσης|ακόμη|ακόμα)"
    r"|đọc\s+thêm|xem\s+thêm|اقرأ\s+(?:أيضا|أيضاً|ايضا)"
)
_PLATFORMS = r"(?:twitter|facebook|instagram|linkedin|youtube|tiktok|threads|bluesky|mastodon|whatsapp|telegram|x|social\s+media|den\s+sozialen\s+netzwerken|les\s+réseaux\s+sociaux|(?:las\s+)?redes\s+sociales)"

FAMILIES: tuple[Family, ...] = (
    Family(
        "source_credit",
        (
            r"(?:story|article|report|content|photos?|video|text|image)\s+(?:from|by|via|courtesy(?:\s+of)?)\b\s*[:：]?(?:\s*\S+){0,5}" + _END,
            r"(?:source|sources|quelle|quellen|fuente|fuentes|origine)\s*[:：]",
            r"(?:via|courtesy(?:\s+of)?)\s*[:：]",
            r"(?:this\s+(?:article|story|post|piece)\s+(?:was\s+)?)?(?:originally|first)\s+(?:published|appeared|posted)\b",
            r"(?:dieser\s+(?:artikel|beitrag|text)\s+)?(?:erschien|ist)\s+(?:zuerst|ursprünglich)\b",
            r"(?:ursprünglich|zuerst)\s+(?:veröffentlicht|erschienen)\b",
            r"(?:cet\s+article\s+(?:a\s+été|est)\s+)?(?:initialement|originellement|d'abord|d’abord)\s+(?:publié|paru)\b",
            r"(?:publié|paru)\s+(?:initialement|à l'origine|à l’origine|originellement)\b",
            r"(?:este\s+(?:artículo|texto)\s+(?:fue\s+)?)?(?:publicado|aparecido)\s+(?:originalmente|originariamente|inicialmente)\b",
            r"(?:publicado|apareció)\s+(?:originalmente|primero)\b",
            r"(?:with|mit|avec|con)\s+(?:material|agencies|agenturen|afp|ap|dpa|reuters|agencias)\b.{0,40}$",
            r"(?:mit\s+)?material\s+(?:von|der)\s+\w+.{0,40}$",
        ),
        max_chars=160,
        since_fit=(
            # "Source:" in Italian/Portuguese, Dutch, Polish, Czech/Slovak, Russian, Ukrainian, Turkish,
            # Indonesian, Hungarian, Greek, Vietnamese, Arabic, Chinese, Japanese, Korean
            r"(?:fonte|bron|źródło|zdroj|источник|джерело|kaynak|sumber|forrás|πηγή|nguồn|المصدر|来源|來源|出典|출처)\s*[:：]",
        ),
    ),
    Family(
        "disclaimer",
        (
            r"(?:disclaimer|haftungsausschluss|hinweis\s+der\s+redaktion|avertissement|avis\s+de\s+non-responsabilité|aviso\s+legal|descargo\s+de\s+responsabilidad|exención\s+de\s+responsabilidad)\s*[:：–—-]",
            r"(?:the\s+)?(?:views|opinions)\s+(?:and\s+opinions\s+)?expressed\s+(?:in\s+this|here|herein|are\s+(?:those|solely|the\s+author))\b",
            r"(?:die\s+(?:hier\s+)?(?:geäußerten|geäusserten|vertretenen)\s+(?:meinungen|ansichten))\b",
            r"(?:les\s+(?:opinions|propos)\s+exprimé(?:e)?s)\b",
            r"(?:las\s+opiniones\s+expresadas|las\s+opiniones\s+vertidas)\b",
            r"this\s+(?:article|content|post)\s+(?:is|does)\s+not\s+(?:intended|constitute)\b",
        ),
        max_chars=600,
    ),
    Family(
        "related_heading",
        (
            r"(?:read|see|watch|view)\s+(?:more|also|next)(?:\s+(?:stories|articles|news|on\s+this(?:\s+topic)?))?" + _END,
            r"(?:more|further)\s+(?:stories|articles|news|reading|on\s+this(?:\s+topic)?|from\s+\w+(?:\s+\w+)?)" + _END,
            r"related(?:\s+(?:articles?|stories|posts?|content|news|topics|coverage|reading|links))?" + _END,
            r"(?:you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)|recommended(?:\s+for\s+you)?|don'?t\s+miss|editor'?s\s+picks?|top\s+stories|latest(?:\s+(?:news|stories|articles|posts))?)" + _END,
            r"check\s+out\s+(?:our\s+|the\s+)?(?:other|more|latest)\s+\w+" + _END,
            r"(?:check\s+out\s+)?(?:other|more|popular|all|related)\s+(?:tags|topics|categories)" + _END,
            r"(?:tags|tagged(?:\s+with)?|topics|keywords|schlagwörter|stichworte|themen|mots-clés|étiquettes|etiquetas|temas)" + _END,
            r"(?:most|more)\s+(?:popular|read|viewed|shared|commented|emailed)(?:\s+(?:articles|stories|posts|news|now|this\s+week|today))?" + _END,
            r"(?:trending|popular)(?:\s+(?:now|stories|articles|posts|news|topics|today))?" + _END,
            r"(?:mehr\s+(?:zum\s+thema|dazu|aus\s+\w+|artikel|nachrichten)|lesen\s+sie\s+(?:auch|mehr)|auch\s+interessant|weitere\s+(?:artikel|beiträge|nachrichten|themen)|meistgelesen(?:e)?(?:\s+artikel)?|am\s+meisten\s+gelesen|beliebte\s+artikel|das\s+könnte\s+sie\s+(?:auch\s+)?interessieren|empfehlungen|verwandte\s+artikel)" + _END,
            r"(?:(?:à\s+)?lire\s+(?:aussi|également|la\s+suite)|voir\s+aussi|articles?\s+(?:similaires|liés|connexes)|sur\s+le\s+même\s+sujet|les\s+plus\s+(?:lus|populaires|partagés)|à\s+la\s+une|nos\s+autres\s+articles|plus\s+d'articles|vous\s+aimerez\s+aussi)" + _END,
            r"(?:lee\s+(?:también|más)|leer\s+más|ver\s+(?:también|más)|noticias\s+relacionadas|art[ií]culos\s+relacionados|lo\s+más\s+(?:leído|visto|popular)|más\s+(?:leídas|leídos|noticias|populares)|te\s+puede\s+interesar|también\s+te\s+puede\s+interesar|otras\s+noticias|tendencias)" + _END,
            # the same headings in more languages: Italian, Portuguese, Dutch, Polish, Russian and
            # Ukrainian, Turkish, Indonesian/Malay, Czech and Slovak, Scandinavian, Romanian,
            # Hungarian, Greek, Vietnamese, Arabic, Japanese, Chinese, Korean
            r"(?:" + _READ_ALSO + r"|potrebbe\s+interessarti|(?:articoli|notizie)\s+correlat[ie]|(?:i\s+)?più\s+lett[ie]|altre\s+notizie"
            r"|saiba\s+mais|not[ií]cias\s+relacionadas|(?:as\s+)?mais\s+lidas|mais\s+not[ií]cias"
            r"|meer\s+over\s+dit\s+onderwerp|gerelateerde\s+artikelen|meest\s+gelezen|ook\s+interessant"
            r"|najczęściej\s+czytane|polecamy|powiązane\s+artykuły|по\s+теме|похожие\s+(?:новости|статьи)|самое\s+читаемое"
            r"|ilginizi\s+çekebilir|(?:benzer|ilgili)\s+haberler|en\s+çok\s+okunanlar|(?:berita|artikel)\s+terkait|terpopuler"
            r"|související\s+články|nejčtenější|súvisiace\s+články|relaterte\s+artikler|mest\s+lest|articole\s+similare"
            r"|kapcsolódó\s+cikkek|ezt\s+is\s+ajánljuk|legolvasottabb|σχετικά\s+άρθρα|tin\s+liên\s+quan|(?:مواضيع|أخبار)\s+ذات\s+صلة"
            r"|関連記事|あわせて読みたい|相[关關](?:阅读|閱讀|新闻|新聞|文章)|延伸[阅閱][读讀]|관련\s?기사|많이\s?본\s?뉴스)" + _END,
        ),
        max_chars=60,
        starts_block=True,
    ),
    Family(
        "read_more_link",
        (
            r"(?:read|see)\s+(?:more|also)\s*[:：]\s*\S",
            r"(?:related|more)\s*[:：]\s*\S",
            r"(?:lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|auch\s+interessant)\s*[:：]\s*\S",
            r"(?:(?:à\s+)?lire\s+(?:aussi|également)|voir\s+aussi)\s*[:：]\s*\S",
            r"(?:lee\s+también|leer\s+más|ver\s+también)\s*[:：]\s*\S",
            r"(?:" + _READ_ALSO + r")\s*[:：]\s*\S",
            r"(?:continue|keep)\s+reading\b.{0,40}$",
            r"(?:weiterlesen|lire\s+la\s+suite|seguir\s+leyendo|sigue\s+leyendo)" + _END,
        ),
        max_chars=200,
    ),
    Family(
        "dateline",
        (
            r"(?:last\s+)?(?:updated|published|posted|modified|aktualisiert|veröffentlicht|publié|mis\s+à\s+jour|publicado|actualizado)(?:\s+(?:on|at|am|um|le|el))?" + _END,
        ),
        max_chars=40,
        since_fit=(
            r"(?:aggiornat[oa]|pubblicat[oa]|atualizad[oa]|bijgewerkt|gepubliceerd|zaktualizowano|opublikowano|обновлено|опубликовано"
            r"|оновлено|опубліковано|güncellendi|yayınlandı|diperbarui|diterbitkan|aktualizováno|publikováno|uppdaterad|publicerad"
            r"|actualizat|publicat|ενημερώθηκε|δημοσιεύθηκε|cập\s+nhật|更新|发布|發佈|公開|수정|입력)(?:\s+(?:il|em|op|в|am))?" + _END,
        ),
    ),
    Family(
        "tags_line",
        (
            r"(?:filed\s+under|tags|tagged(?:\s+with)?|topics|keywords|schlagwörter|stichworte|themen|mots-clés|étiquettes|etiquetas|temas)\s*[:：]\s*\S.{0,200}$",
            r"(?:tagi|теги|метки|etiketler|etichete|argomenti|parole\s+chiave|trefwoorden|palavras-chave|štítky|címkék|标签|標籤|태그|タグ)\s*[:：]\s*\S.{0,200}$",
        ),
        max_chars=240,
    ),
    Family(
        "navigation",
        (
            r"(?:previous|next|prev|older|newer)\s+(?:article|post|story|entry)\b.{0,160}$",
            r"(?:vorheriger|nächster|voriger)\s+(?:artikel|beitrag)\b.{0,160}$",
            r"(?:article|billet)\s+(?:précédent|suivant)\b.{0,160}$",
            r"(?:artículo|entrada|noticia)\s+(?:anterior|siguiente)\b.{0,160}$",
            r"(?:back\s+to\s+top|zurück\s+nach\s+oben|retour\s+en\s+haut|volver\s+arriba)" + _END,
        ),
        max_chars=200,
        since_fit=(
            r"(?:articolo|notizia|artigo|not[ií]cia|artykuł|článek|berita)\s+"
            r"(?:precedente|successivo|successiva|anterior|seguinte|próximo|próxima|poprzedni|następny|předchozí|další"
            r"|sebelumnya|selanjutnya)\b.{0,160}$",
            r"(?:poprzedni|następny|предыдущая|следующая|попередня|наступна|önceki|sonraki|vorig|volgend)\s+"
            r"(?:artykuł|wpis|статья|новость|стаття|новина|haber|yazı|artikel|bericht)\b.{0,160}$",
            r"(?:上一篇|下一篇|前の記事|次の記事|이전\s?기사|다음\s?기사)[:：]?.{0,160}$",
            r"(?:torna\s+su|voltar\s+ao\s+topo|terug\s+naar\s+boven|do\s+góry|наверх|başa\s+dön|kembali\s+ke\s+atas|返回顶部|回到顶部|トップへ戻る|ページの先頭へ|맨\s?위로)" + _END,
        ),
    ),
    Family(
        "newsletter",
        (
            r"(?:sign\s+up|subscribe|register)\b.{0,120}(?:newsletter|inbox|updates|email|e-mail|briefing|digest|alerts?)\b",
            r"(?:sign\s+up|subscribe)(?:\s+(?:now|today|here|for\s+free))?" + _END,
            r"(?:get|receive)\s+(?:our|the)\b.{0,60}\bnewsletter\b",
            r"(?:get|receive)\s+the\s+latest\b.{0,60}\b(?:inbox|newsletters?|e-?mail)\b.{0,100}$",
            r"newsletter\s*(?:[:：–—-]\s*\S.{0,120})?$",
            r"(?:jetzt\s+)?(?:newsletter\s+)?(?:abonnieren|bestellen|anmelden)\b.{0,100}$",
            r"(?:melden\s+sie\s+sich|registrieren\s+sie\s+sich)\b.{0,80}(?:newsletter|an)\b",
            r"(?:abonnez-vous|inscrivez-vous|recevez\s+notre)\b.{0,100}$",
            r"(?:suscr[ií]bete|suscríbase|reg[ií]strate|recibe\s+nuestro)\b.{0,100}$",
            r"(?:follow|join|like)\s+us\s+on\b.{0,80}$",
            r"join\s+(?:the|our)\b.{0,60}\bnewsletter\b.{0,120}$",
            r"never\s+miss\s+(?:a|another|an)\s+(?:story|update|article|thing|headline)" + _END,
            r"(?:verpassen\s+sie\s+keine|ne\s+manquez\s+aucun|no\s+te\s+pierdas\s+ninguna)\b.{0,60}$",
            r"(?:folgen\s+sie\s+uns|suivez-nous|síguenos)\b.{0,80}$",
            # A promo whose last sentence is the call to sign up.
            r".{0,300}[.!?]\s+(?:sign\s+up|subscribe|register)\b.{0,80}\b(?:newsletters?|inbox)\b.{0,80}$",
            r".{0,300}[.!?]\s+(?:melden\s+sie\s+sich|abonnieren\s+sie)\b.{0,80}\bnewsletter\b.{0,60}$",
            r".{0,300}[.!?]\s+(?:abonnez-vous|inscrivez-vous)\b.{0,80}\b(?:newsletter|lettre)\b.{0,60}$",
            r".{0,300}[.!?]\s+(?:suscr[ií]bete|reg[ií]strate)\b.{0,80}\b(?:newsletter|bolet[ií]n)\b.{0,60}$",
        ),
        max_chars=420,
        since_fit=(
            # a call to action alone ("Iscriviti alla newsletter"), not a sentence
            r"(?:iscriviti|abbonati|assine|inscreva-se|schrijf\s+je\s+in|abonneer\s+je|zapisz\s+się|subskrybuj|подпишитесь|подписаться"
            r"|підпишіться|abone\s+ol|berlangganan|přihlaste\s+se|prenumerera|abonnér|abonnere|abonează-te|εγγραφείτε|đăng\s+ký\s+nhận|اشترك)"
            r"(?:\s+\S+){0,4}" + _END,
            r"(?:订阅|訂閱|メルマガ(?:登録)?|購読(?:する|はこちら)?|뉴스레터(?:\s?구독)?|구독(?:하기)?)" + _END,
        ),
    ),
    Family(
        "share",
        (
            r"(?:share|teilen|partager|compartir|tweet|email|e-mail|print|drucken|imprimer|imprimir)(?:\s+(?:this|it|the|on|via|per|sur|en|auf|with|article|story|post|page|artikel|cet\s+article|este\s+art[ií]culo|this\s+(?:article|story|post)))*(?:\s+(?:facebook|twitter|x|linkedin|whatsapp|email|e-mail|pinterest|reddit|telegram|threads|bluesky|xing|mastodon))?" + _END,
            r"(?:facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|telegram|email|e-mail|copy\s+link|link\s+kopieren|copier\s+le\s+lien|copiar\s+enlace)(?:\s*[|,·•/]?\s*(?:facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|telegram|email|e-mail|print|copy\s+link))*" + _END,
            r"(?:share|teilen|partager|compartir)\s+(?:on|via|auf|per|sur|en)\s+\w+(?:(?:\s+[|,·•/]?|[|,·•/])\s*\w+){0,8}" + _END,
            r"(?:share|teilen|partager|compartir)(?:\s+(?:this|it|(?:this\s+)?(?:article|story|post)|cet\s+article|este\s+art[ií]culo|(?:diesen\s+)?artikel))?\s*[:：]\s*\w+(?:(?:\s*[|,·•/]\s*|\s+)\w+){0,9}(?:\s*[|,·•/]\s*|\s+)?$",
        ),
        max_chars=120,
        since_fit=(
            r"(?:condividi|compartilh(?:ar|e)|partilhar|delen|deel|udostępnij|podziel\s+się|поделиться|поділитися|paylaş|bagikan|sdílet"
            r"|zdieľať|dela|del|distribuie|κοινοποίηση|chia\s+sẻ|شارك|مشاركة|分享|シェア|공유(?:하기)?)" + _END,
        ),
    ),
    Family(
        "copyright",
        (
            r"(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*(?:\d{4}))",
            r"copyright\s*(?:©|\(c\))",
            r"copyright\s+(?-i:(?:[A-Z][\w.&'’-]*\s+){1,4})(?:19|20)\d{2}\b.{0,120}$",
            r".{0,120}\b(?:all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados)\b",
        ),
        max_chars=240,
        since_fit=(
            r"ⓒ|copyright\s*ⓒ",  # the circled c of Korean sites: "ⓒ 2024 연합뉴스"
            r".{0,120}\b(?:tutti\s+i\s+diritti\s+riservati|todos\s+os\s+direitos\s+reservados|alle\s+rechten\s+voorbehouden"
            r"|wszelkie\s+prawa\s+zastrzeżone|все\s+права\s+защищены|всі\s+права\s+захищені|tüm\s+hakları\s+saklıdır|hak\s+cipta\s+dilindungi"
            r"|všechna\s+práva\s+vyhrazena|všetky\s+práva\s+vyhradené|alla\s+rättigheter\s+förbehållna|alle\s+rettigheder\s+forbeholdes"
            r"|alle\s+rettigheter\s+reservert|kaikki\s+oikeudet\s+pidätetään|toate\s+drepturile\s+rezervate|minden\s+jog\s+fenntartva"
            r"|με\s+επιφύλαξη\s+παντός\s+δικαιώματος|bảo\s+lưu\s+mọi\s+quyền|جميع\s+الحقوق\s+محفوظة)\b",
            r".{0,120}(?:版权所有|版權所有|无断转载|無断転載|無断複製|저작권자|무단\s?전재|무단\s?복제|재배포\s?금지)",
        ),
    ),
    Family(
        "photo_credit",
        (
            r"(?:photo|image|picture|foto|bild|fotos|crédit(?:\s+photo)?|imagen|credit)s?\s*(?:credit)?\s*[:：]\s*\S.{0,80}$",
            r"(?:getty\s+images|afp\s+via\s+getty\s+images|reuters|ap\s+photo|dpa|picture\s+alliance)(?:/\S+)?" + _END,
        ),
        max_chars=140,
        since_fit=(
            r"(?:zdjęcie|fotografia|фото|fotoğraf|fotka|kuva|φωτογραφία|ảnh|صورة|(?:写真|图片|圖片|사진|이미지)(?:来源|來源|提供|출처)?)"
            r"\s*[:：]\s*\S.{0,80}$",
            r"[\[(（【]\s*(?:(?:사진|写真|图片|圖片)(?:来源|來源|提供|출처)?|фото|foto)\s*[=＝:：]\s*[^\])）】]{1,80}[\])）】]" + _END,
        ),
    ),
    Family(
        "advertising",
        (
            r"[-–—\s]*(?:advertisement|advertising|sponsored(?:\s+content)?|anzeige|werbung|publicité|publicidad|annonce|ad)\s*[-–—]*" + _END,
            r"(?:scroll|continue)\s+(?:down\s+)?to\s+(?:continue|read)\b.{0,30}$",
        ),
        max_chars=60,
        since_fit=(
            r"[-–—\s]*(?:pubblicità|publicidade|advertentie|reklama|реклама|reklam|iklan|διαφήμιση|quảng\s+cáo|إعلان|广告|廣告|広告|광고)"
            r"\s*[-–—]*" + _END,
        ),
    ),
    Family(
        "reading_time",
        (
            r"\d+\s*(?:-\s*)?(?:min(?:ute)?s?|minuten)\.?\s*(?:read|lesezeit|de\s+lecture|de\s+lectura|lectura)" + _END,
            r"(?:lesezeit|temps\s+de\s+lecture|tiempo\s+de\s+lectura|reading\s+time)\s*[:：]?\s*\d+.{0,20}$",
        ),
        max_chars=50,
        since_fit=(
            r"\d+\s*(?:min(?:uti|utos|ut)?|мин(?:ут[аы]?)?|dk|menit|perc|phút)\.?\s*(?:di\s+lettura|de\s+leitura|leestijd|czytania|чтения"
            r"|okuma|baca|čtení|läsning|olvasás|đọc)" + _END,
        ),
    ),
    Family(
        "comments_prompt",
        (
            r"(?:\d+\s+)?(?:comments?|kommentare?|commentaires?|comentarios?)" + _END,
            r"(?:leave|post|add|write)\s+a\s+(?:comment|reply)\b.{0,40}$",
            r"(?:no\s+comments?\s+yet|be\s+the\s+first\s+to\s+comment)\b.{0,40}$",
            r"(?:you\s+must\s+be\s+)?logged\s+in\s+to\s+(?:post|comment)\b.{0,40}$",
        ),
        max_chars=80,
        since_fit=(
            r"(?:\d+\s+)?(?:commenti|coment[aá]rios|reacties|komentarze|комментарии|коментарі|yorumlar|komentar|komentáře|kommentarer"
            r"|comentarii|σχόλια|bình\s+luận|تعليقات|评论|評論|コメント|댓글)" + _END,
        ),
    ),
    Family(
        "social_follow",
        (
            r"follow\s+(?:\S+\s+){0,8}?on\s+" + _PLATFORMS + r"\b.{0,200}$",
            r"follow\s+(?:\S+\s+){0,4}?(?:full\s+|live\s+|latest\s+)?coverage\s+(?:of\s+)?.{0,120}$",
            r"folgen\s+sie\s+(?:\S+\s+){0,6}?auf\s+" + _PLATFORMS + r"\b.{0,200}$",
            r"suivez\s+(?:\S+\s+){0,6}?sur\s+" + _PLATFORMS + r"\b.{0,200}$",
            r"s[ií]g(?:ue|an|a)\s+(?:a\s+)?(?:\S+\s+){0,6}?en\s+" + _PLATFORMS + r"\b.{0,200}$",
        ),
        max_chars=300,
    ),
    Family(
        "contact",
        (
            r"(?:have|got)\s+a\s+(?:news\s+)?tip\b.{0,250}$",
            r"(?:write\s+to|contact|e-?mail|reach)\s+(?:\S+\s+){0,5}?(?:at|on|via)\s+\S+@\S+.{0,100}$",
            r"(?:\S+\s+){1,5}(?:may|can)\s+be\s+(?:reached|contacted)\s+(?:at|on|via)\b.{0,200}$",
            r"(?:schreiben\s+sie|kontakt)\b.{0,80}\S+@\S+.{0,60}$",
            r"(?:écrivez|contactez)(?:-nous|-le|-la|-moi)?\b.{0,80}\S+@\S+.{0,60}$",
            r"(?:escr[ií]b(?:enos|anos|ale|e|a)|cont[aá]ct(?:anos|enos|a|e))\b.{0,80}\S+@\S+.{0,60}$",
        ),
        max_chars=320,
    ),
    Family(
        "support_appeal",
        (
            r"if\s+you\s+(?:enjoyed|liked|value|appreciate|found\s+value\s+in)\s+(?:this|our|reading)\b.{0,400}$",
            r"(?:please\s+)?(?:support|help\s+(?:fund|support))\s+(?:our|independent|quality|local)\s+journalism\b.{0,400}$",
            r"(?:unterstützen\s+sie\s+(?:unseren|unabhängigen|guten)\s+journalismus|wenn\s+ihnen\s+(?:dieser|der)\s+(?:artikel|beitrag)\s+gefallen\s+hat)\b.{0,400}$",
            r"(?:soutenez\s+(?:notre|le|un)\s+journalisme|si\s+vous\s+avez\s+aimé\s+cet\s+article)\b.{0,400}$",
            r"(?:apoya\s+(?:nuestro|el)\s+periodismo|si\s+te\s+ha\s+gustado\s+(?:este|esta)\s+(?:art[ií]culo|noticia))\b.{0,400}$",
        ),
        max_chars=600,
    ),
    Family(
        "subscription_offer",
        (
            r"(?:get|enjoy|try)\s+(?:\S+\s+){0,6}?(?:access|delivered)\b.{0,300}\b(?:issues?|subscriptions?|subscribe|first\s+(?:year|month)|per\s+(?:month|year|week)|a\s+(?:month|year))\b.{0,300}$",
            r"this\s+(?:article|content|story)\s+is\s+(?:only\s+)?(?:available|reserved|exclusive)\s+(?:to|for)\s+(?:our\s+)?(?:subscribers|members)\b.{0,200}$",
            r"click\s+here\s+(?:for\s+more\s+information|to\s+(?:subscribe|sign\s+up|learn\s+more|find\s+out\s+more))\b.{0,40}$",
            r"(?:jetzt\s+)?(?:\S+\s+){0,3}?[\w-]*(?:abo|abonnement)\s+(?:\S+\s+){0,4}?(?:testen|abschließen|sichern|bestellen)\b.{0,200}$",
            r"(?:dieser\s+(?:artikel|beitrag|inhalt)\s+ist\s+(?:nur\s+)?(?:für\s+)?(?:abonnenten|abonnentinnen|\S+\+?-?abonnenten))\b.{0,200}$",
            r"(?:cet\s+article\s+est\s+réservé\s+aux\s+abonnés|profitez\s+de\s+notre\s+offre)\b.{0,200}$",
            r"(?:este\s+contenido\s+es\s+exclusivo\s+para\s+(?:suscriptores|socios)|hazte\s+suscriptor)\b.{0,200}$",
        ),
        max_chars=600,
    ),
    Family(
        "reprints",
        (
            r".{0,80}\bfor\s+your\s+personal,?\s+non-?\s?commercial\s+use\s+only\b.{0,400}$",
            r"order\s+(?:reprints|a\s+reprint)" + _END,
            r"(?:distribution\s+and\s+use\s+of\s+this\s+material|for\s+non-personal\s+use)\b.{0,300}$",
            r"(?:reprints?\s+(?:&|and)\s+permissions|republish\s+this\s+(?:article|story))" + _END,
            r"(?:nutzungsrechte|artikelrechte)\s+(?:erwerben|anfragen)" + _END,
            r"(?:droits\s+de\s+reproduction|reproduction\s+interdite)\b.{0,200}$",
            r"(?:queda\s+)?prohibida\s+(?:su|la)\s+reproducción\b.{0,200}$",
        ),
        max_chars=600,
    ),
    Family(
        "page_chrome",
        (
            r"(?:text|font)\s+size" + _END,
            r"an\s+error\s+(?:has\s+)?occurred\b.{0,60}$",
            r"thank\s+you\W+this\s+article\s+has\s+been\s+sent\s+to\b.{0,40}$",
            r"(?:loading|wird\s+geladen|chargement|cargando)\s*(?:\.\.\.|…)?$",
            r"(?:schriftgröße|taille\s+du\s+texte|tamaño\s+(?:de\s+)?(?:letra|texto))" + _END,
        ),
        max_chars=100,
    ),
    Family(
        "contributor_credit",
        (
            r".{0,250}\bcontributed\s+(?:to\s+)?(?:this\s+)?(?:report|reporting|story|article)\b.{0,20}$",
            r"\(?(?:additional\s+)?(?:reporting|writing|editing)\s+by\b[^.]{0,200}\)?\.?$",
            r"(?:mitarbeit|mitarbeit\s+und\s+recherche)\s*:.{0,150}$",
            r".{0,200}\b(?:a|ont)\s+contribué\s+à\s+(?:cet\s+article|ce\s+reportage|cette\s+enquête)\b.{0,20}$",
            r"(?:con\s+(?:información|reportes)\s+de)\b.{0,150}$",
        ),
        max_chars=320,
    ),
    Family(
        "wire_slug",
        (
            r"(?-i:[A-Z]{2,}-(?:[\w]+-)*[\w]+),\s*(?:\d+(?:st|nd|rd|th)\s+)?(?:ld[- ])?(?:writethru|advisory|correction)" + _END,
        ),
        max_chars=100,
    ),
)


# The top bar of a page: date, weather, clock, place name. Applied to the leading blocks only.
_TEMPERATURE = re.compile(r"^-?\d{1,3}(?:[.,]\d)?\s*°?\s*[CF]\b\.?$|^-?\d{1,3}(?:[.,]\d)?\s*°\s*[CF]?$", re.I)
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?$", re.I)
_SENTENCE_END = re.compile(f"[.!?…\"”»){OTHER_SENTENCE_FINAL}]$|\\.\\.\\.$")  # 。 । ؟ too
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$")
_BY = r"^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or)\s+"
_BYLINE = re.compile(_BY + r"[A-ZÀ-Ý][\w'’.-]+(?:[\s,]+(?:[A-ZÀ-Ý][\w'’.-]+|and|und|et|y|&|de|von|van|da|del|la|le))*\s*$")
_DATED_BYLINE = re.compile(r"^BY\s+[A-Z]|" + _BY + r"[A-ZÀ-Ý][\w'’.-]*")
_STATEMENT_END = re.compile(r"[.!?]\s*$")


def is_dated_byline(text: str) -> bool:
    """A "By Name · 4 Jul 2024, 07:10 (updated ...)" line: "By" and a capitalised word, a date
    after it, at most 200 characters, not a sentence ("By March 2020, prices had doubled.").
    The record carries it as ``authors`` and ``published``; no ground-truth body of the tuning
    pages has one (0 of 625 pages), and the block models' fit decides it by chance (a refit kept
    a generated site's). Name-only lines stay to the rules' :data:`_BYLINE` test: a heading
    like "By Audience" is body text."""
    if len(text) > 200 or (start := _DATED_BYLINE.match(text)) is None or _STATEMENT_END.search(text):
        return False
    rest = text[start.end():]  # the date after the first name ("By March 5, 2020 ..." is no byline)
    return strip_dates(rest) != rest


_FLOATING = re.compile(r"\.\{0,(\d+)\}")


class _StartTest:
    """Whether a line starts like one of ``patterns``: ``alternation(patterns).match(line)``,
    without its backtracking. A pattern starting ``.{0,N}`` makes the alternation backtrack over
    every position of every line; searching the rest of it and checking where it starts finds
    the same lines (``.`` stops at a newline: a line with one takes the slow test). The anchored
    phrasings tried are only those that may start with the line's first character
    (:mod:`.firstchar`); with each floating one, the words one of which its every match holds
    (``firstchar.required_words``): a line holding none of them is not searched (each search
    goes through the whole line). ``window``: a floating phrasing is searched only in its
    first ``N + window`` characters, a superset test for a caller whose families' own patterns
    then decide (a phrase cut at the window's end may pass it)."""

    def __init__(self, patterns: Sequence[str], window: int | None = None) -> None:
        self.patterns = tuple(patterns)
        self.window = window

    # Built on first use (~0.25 s of regex parsing; ~0.3 s more for the anchored test's regex of
    # each ASCII first character, :meth:`build`), not at import: the workers' fork server
    # builds them once (:mod:`.preload`), a crawl's own process in a thread when the spider opens
    # (its quality pipeline checks the records' lines), a program calling extract_page on its
    # first page.
    @cached_property
    def whole(self) -> re.Pattern[str]:
        return alternation(list(self.patterns), re.I)

    @cached_property
    def anchored(self) -> FirstCharRegex:
        return FirstCharRegex([p for p in self.patterns if not _FLOATING.match(p)], re.I)

    @cached_property
    def floating(self) -> tuple[tuple[re.Pattern[str], int, Words | None], ...]:
        return tuple(
            (re.compile(rest, re.I), int(found.group(1)), required_words(rest, re.I))
            for p in self.patterns if (found := _FLOATING.match(p)) and (rest := p[found.end():])
        )

    def build(self, *, every_ascii_start: bool = False) -> None:
        """Build the tests now (``every_ascii_start``: the anchored test's regex for each ASCII
        first character too, ~0.3 s more, else compiled on the first line starting with it)."""
        self.whole, self.anchored, self.floating  # noqa: B018
        if every_ascii_start:
            self.anchored.build_ascii()

    def matches(self, text: str) -> bool:
        if "\n" in text:
            return self.whole.match(text) is not None
        if self.anchored.matches(text):
            return True
        lowered = folded(text)
        for pattern, within, words in self.floating:
            if words is not None:
                for word in words:
                    if word in lowered:
                        break
                else:
                    continue
            # the leftmost start: if it is too far, every start is
            found = pattern.search(text) if self.window is None else pattern.search(text, 0, within + self.window)
            if found is not None and found.start() <= within:
                return True
        return False


# A line that starts like one of the boilerplate families (one test for all of them: a feature,
# not a verdict, so the families' own length limits are left to the model): the phrasings the
# block models were fitted with.
_COLUMN_START = _StartTest([p for family in FAMILIES for p in family.patterns])
# The phrasings added since (the extraction's last step only, :func:`drop_since_fit_lines`), and
# the longest line their families take (a story's long paragraphs are not tested).
_SINCE_FIT_START = _StartTest([p for family in FAMILIES for p in family.since_fit], window=80)
_SINCE_FIT_MAX_CHARS = max(family.max_chars for family in FAMILIES if family.since_fit)


def build_line_tests(*, every_ascii_start: bool = False) -> None:
    """Build the line-start tests now (the extraction workers' fork server does, :mod:`.preload`;
    the crawl process, ``every_ascii_start``, in a thread: :class:`pipelines.quality.QualityPipeline`).
    The fork server leaves each first character's regex to the workers: ~0.3 s on its way to a
    first page that needs a few of them (``scrapy parse``)."""
    _COLUMN_START.build(every_ascii_start=every_ascii_start)
    _SINCE_FIT_START.build(every_ascii_start=every_ascii_start)


def __getattr__(name: str) -> object:
    if name == "BOILERPLATE_START":  # the block model's column as one regex, built on first use
        return _COLUMN_START.whole
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=16384)  # asked by the block features and again by the cleaning, of the same lines
def starts_like_boilerplate(text: str) -> bool:
    """``BOILERPLATE_START.match(text)`` (:class:`_StartTest`): the block model's column."""
    return _COLUMN_START.matches(text)


@lru_cache(maxsize=8192)
def match_family(line: str) -> Family | None:
    """The first boilerplate family a line belongs to, if any.

    Cached: cleaning runs twice over mostly the same lines, and sites repeat their boilerplate.
    Most lines start like no family: :func:`starts_like_boilerplate` says so for all at once.
    """
    if not starts_like_boilerplate(line):
        return None
    for family in FAMILIES:
        if family.matches(line):
            return family
    return None


@lru_cache(maxsize=8192)
def match_since_fit(line: str) -> Family | None:
    """The first family whose phrasings added since the models' fit (``since_fit``) hold the line."""
    if len(line) > _SINCE_FIT_MAX_CHARS or not _SINCE_FIT_START.matches(line):
        return None
    for family in FAMILIES:
        if family.matches(line, since_fit=True):
            return family
    return None


def drop_since_fit_lines(text: str, paragraph_break: str) -> str:
    """The chosen body without its paragraphs that a family's ``since_fit`` phrasings match ("Поделиться",
    "저작권자 ⓒ … 무단전재 및 재배포금지"): the last step of the extraction, after every choice, so the block
    models, the gate and the rules' body read the families as they were fitted. A body of such lines
    alone is kept as it is (no body is emptied here)."""
    paragraphs = text.split(paragraph_break)
    kept = [p for p in paragraphs if match_since_fit(p.strip()) is None]
    return paragraph_break.join(kept) if len(kept) != len(paragraphs) and any(p.strip() for p in kept) else text


_DIGIT = re.compile(r"\d")
_GLUED_TEMPERATURE = re.compile(r"-?\d{1,3}(?:[.,]\d)?\s*°?\s*[CF](?=[\sA-ZÀ-Ý]|$)")


def is_top_bar_item(line: str) -> bool:
    """A date, temperature or clock line: what page headers put above the article.

    Also the whole bar glued into one line ("Sunday, April 21, 202414.2 CLos Angeles"), as
    inline spans without spaces render: a date, a temperature and at most a place name.
    """
    if not _DIGIT.search(line):  # every item (date, temperature, clock) has a digit: the cheap test first
        return False
    if is_date_only_line(line) or _TEMPERATURE.match(line) or _CLOCK.match(line):
        return True
    if len(line) > 90:
        return False
    rest = strip_dates(line)
    temperature = _GLUED_TEMPERATURE.match(rest.strip(" ,|·-"))
    if temperature is None:
        return False
    after = rest.strip(" ,|·-")[temperature.end() :]
    return word_count(after) <= 3 and not re.search(r"[.!?]$", after)



# Punctuation a headline does not end with, in any script (。，：； too).
_TITLE_END = re.compile(f"[.!?:;{COMMAS}{OTHER_SENTENCE_FINAL}：；]$")


def is_title_like(line: str, max_words: int = 20) -> bool:
    """A short line without sentence punctuation at the end: a headline or a link label."""
    words = word_count(line)
    return 0 < words <= max_words and not _TITLE_END.search(line)


def is_short_line(line: str, max_words: int = 25) -> bool:
    """Short enough to be a list entry rather than a paragraph."""
    return word_count(line) <= max_words


#: A block with at least this share of link text is a link line (a teaser's headline, a menu item).
LINKY_SHARE = 0.6


@dataclass
class Block:
    """One body block (paragraph, heading, list item) with how much of it is link text."""

    text: str
    kind: str = "p"
    link_ratio: float = 0.0

    @property
    def linky(self) -> bool:
        return self.link_ratio >= LINKY_SHARE


def is_teaser_snippet(text: str) -> bool:
    """'First words of another story...': a line of a teaser list."""
    return bool(_ELLIPSIS_END.search(text)) and word_count(text) <= 40


def _drop_teasers(blocks: list[Block]) -> list[Block]:
    """Remove headline + "first words..." pairs (and linked-only headlines around them)."""
    drop: set[int] = set()
    for i, block in enumerate(blocks):
        if not is_teaser_snippet(block.text):
            continue
        previous = blocks[i - 1] if i > 0 else None
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        paired = previous is not None and is_title_like(previous.text) and i - 1 not in drop
        # A snippet next to another teaser pair is part of the list even without a headline.
        neighbour = (
            i >= 2 and i - 2 in drop
            or (following is not None and i + 2 < len(blocks) and is_title_like(following.text) and is_teaser_snippet(blocks[i + 2].text))
        )
        if block.linky or paired or neighbour:
            drop.add(i)
            if paired:
                drop.add(i - 1)
    return [b for i, b in enumerate(blocks) if i not in drop]


def _drop_top_bar(blocks: list[Block]) -> list[Block]:
    """Drop a leading run of tiny lines (date, weather, city, clock) containing a date/weather item."""
    run = 0
    has_marker = False
    for block in blocks:
        words = word_count(block.text)
        if is_top_bar_item(block.text):
            has_marker = True
        elif words > 4 or _SENTENCE_END.search(block.text):
            break
        run += 1
    if has_marker and run < len(blocks):
        return blocks[run:]
    return blocks


def _ends_block(block: Block) -> bool:
    """A block that cannot belong to a link list: a real paragraph."""
    return not block.linky and word_count(block.text) > 25 and bool(_SENTENCE_END.search(block.text))


def clean_blocks(blocks: Sequence[Block], extra: Iterable[re.Pattern[str]] = (), *, families: bool = True) -> list[Block]:
    """Apply the families, the site's extra patterns, teaser and top-bar trimming.

    ``families=False``: the lines are known to match no family (the output of an earlier pass);
    skip that test, the costliest per line.
    """
    extra = tuple(extra)
    kept: list[Block] = []
    skipping = False
    for block in blocks:
        text = block.text
        if skipping:
            # Inside a "Related:" list: skip short / link lines until a real paragraph.
            if not _ends_block(block):
                continue
            skipping = False
        if any(p.search(text) for p in extra):
            continue
        family = match_family(text) if families else None
        if family is not None:
            skipping = family.starts_block
            continue
        if (block.kind == "p" and _BYLINE.match(text) and word_count(text) <= 10) or is_dated_byline(text):
            continue
        kept.append(block)
    kept = _drop_teasers(kept)
    kept = _drop_top_bar(kept)
    # A trailing run of link-only lines is a list of other stories.
    while kept and kept[-1].linky and word_count(kept[-1].text) <= 20 and len(kept) > 1:
        kept.pop()
    return kept
