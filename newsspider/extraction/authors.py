"""Turn bylines and schema.org author values into a clean list of author names.

"By Jane Doe, Senior Correspondent and John Roe" -> ["Jane Doe", "John Roe"]; "Jane Doe/dpa" ->
["Jane Doe", "dpa"]. Persons come first; news agencies credited beside them are kept; an
organisation (the outlet) is an author only when no person is named.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import Any

from newsspider.extraction.jsonld import MAX_LIST_DEPTH
from newsspider.extraction.text import plain_text, unique_casefolded

# A leading "By" in the four languages we support and their neighbours' ("Written by", "Text:",
# "Texte :", "Von"; Italian "di", Scandinavian "av"/"af" in lower case, or capitalised before a
# capitalised name ("Av Kari Nordmann"): "Di" opens surnames; Greek "Του"/"Της" (the genitive
# "of" a byline writes); Indonesian "oleh" in lower case or before a colon: "Oleh" is a Ukrainian given name).
BY_PREFIX = re.compile(
    # "by our correspondent (in Rome)" ("Von unserem Korrespondenten", "dal nostro inviato", "de
    # notre envoyée spéciale à Kiev,", "Door onze redacteur", "Van onze correspondent in Brussel";
    # not "Von unserer Redaktion" alone: a collective credit),
    # Italian "edited by" ("a cura di"); tried before the bare "von"
    r"^\s*(?:(?:von|from|by|de|dal|dalla|del|da|do|van|door)\s+(?:unserem|unserer|our|notre|nuestro|nuestra|nostro|nostra|nosso|nossa|onze)"
    r"\s+[^\W\d_]+(?:\s+(?:spéciale?|especial|speciale))?(?:\s+(?:in|à|en|a|aus|da|em|no|na|nach)\s+[^\W\d_]+)?\s*,?(?=\s*\S)"
    r"|a\s+cura\s+di"
    r"|(?:written|posted|reported|words|story|text|edited)\s+by|by|von|par|por|(?-i:oleh|di|av|af)(?=\s)|(?-i:Oleh|OLEH)(?=\s*:)"
    r"|(?-i:Av|Af|AV|AF)(?=\s+[A-ZÀ-ÖØ-Þ])|(?-i:Του|Της|ΤΟΥ|ΤΗΣ)(?=\s)"
    # "Text:", "Texte :", "Tekst:", "Teksti:", "Text und Fotos:": a label before a colon or a
    # conjunction ("Text Size" is a button)
    r"|(?:text[eo]?|teksti?)(?=\s*[:：]|\s+(?:und|and|et|y|e|og|och|ja|i|&)\s)"
    r"|(?:about\s+the\s+)?(?:autor(?:in|e)?|authors?)|auteur|door"
    # a genre before the "by" ("Ein Kommentar von", "Analysis by", "Une chronique de"): the
    # piece's kind, then its writer (not "Photo by": NOT_AUTHORS)
    r"|(?:(?:a|an|ein|eine|einen|un|une|una|uno|um|uma|een)\s+)?(?:kommentar|gastkommentar|gastbeitrag|analyse|analysis|"
    r"commentary|column|kolumne|essay|op-ed|opinion|meinung|chronique|tribune|análisis|análise|opinión|opinião|columna|"
    r"coluna|commento|editoriale|review|rezension|critique|crítica|"
    # or the piece itself ("Ein Artikel von", "Ein Beitrag von", "An article by", "Un articolo di")
    r"artikel|beitrag|bericht|reportage|leitartikel|glosse|article|report|feature|artículo|articolo|artigo|"
    r"reportaje|reportagem)\s+(?:by|von|par|de|por|di|door)(?=\s)"
    # Chinese, Japanese, Korean "author", "reporter", "text" labels, before a colon only
    r"|(?:作者|记者|記者|撰文|编辑|編集|执笔|執筆者?|文|글|기자)(?=\s*[:：])"
    # Russian/Ukrainian, Turkish, Vietnamese, Hindi "author"/"text" labels before a colon; Arabic "by the pen of"
    r"|(?:автор|текст|yazar|tác\s+giả|लेखक|szerző|συντάκτης)(?=\s*[:：])|بقلم"
    # Indonesian "writer", South Slavic "writes", Slovene "author", Hebrew "by", Arabic "wrote",
    # Persian "writer" labels before a colon (Hebrew "by" without one too); Thai "by" before a space
    r"|(?:penulis|piše|pise|avtor|avtorica|كتب|نویسنده)(?=\s*[:：])|מאת|โดย(?=\s))"
    r"(?:\b|(?-i:(?=[A-Z])))\s*[:：]?\s*",
    re.I,
)
# Words that make a comma-separated byline part a job title / affiliation, not a name.
_ROLE_WORDS = re.compile(
    r"\b(?:correspondent|editor|reporter|writer|staff|contributor|journalist|columnist|analyst|producer|"
    r"director|chief|head|senior|junior|deputy|associate|assistant|managing|bureau|desk|team|news|"
    r"photographer|intern|professor|fellow|founder|ceo|president|manager|officer|researcher|expert|"
    r"photos?|fotos?|bilder?|video|grafik|graphics?|illustrations?|interview|reporting|recherche|"
    r"redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|redaktion|ressortleiter(?:in)?|"
    # the newsroom ("Maria Silva, da Redação"; "de la rédaction", "della redazione", "redaksi")
    r"reda[çc][ãa]o|redacción|redazione|rédaction|redactie|redakcja|redakce|redakcia|redaksi|"
    r"correspondant(?:e)?|rédacteur|rédactrice|journaliste|envoyé(?:e)? spécial(?:e)?|"
    r"corresponsal|redactor(?:a)?|periodista|enviado especial|en\b|in\b|at\b|for\b|für\b|à\b|"
    # Korean, Japanese, Chinese "reporter" and "correspondent" after the name ("김철수 기자")
    r"기자|특파원|記者|记者|特派員|特派员|作者|编辑|編集|"
    # page chrome a byline search meets: links and labels, never names
    r"author|reviewer|privacy|policy|cookies?|terms|subscribe|newsletter|login|menu|search|follow|share|"
    r"(?:read|learn)\s+more|(?:view|see|load)\s+(?:all|more|profile)|all\s+(?:posts|articles|stories)|more\s+(?:from|by|stories|articles))",
    re.I,
)
# "with"/"mit"/"avec"/"con"/"met" in lower case too: "Jane Doe with AP", "Jane Doe mit dpa"; the
# "and" of more languages in lower case only (a capitalised "Dan", "Ja" or "Un" may be a name):
# Russian/Bulgarian, Ukrainian, Turkish, Indonesian/Malay, Czech/Slovak, Romanian, Greek,
# Vietnamese, Hungarian, Finnish/Estonian, Lithuanian, Latvian, Arabic
_SPLIT_AND = re.compile(
    r"\s+(?:and|&|und|et|y|e|en|og|och|i|(?-i:with|mit|avec|con|met|и|та|і|ve|dan|a|și|si|και|và|és|ja|ir|un|و))\s+"
    r"|\s*[;|/·•⋅∙]\s*|\s*&\s*",
    re.I,
)
# "Jane Doe for The Paper", "Jane Doe on behalf of the X group": the name before the affiliation.
_AFFILIATION = re.compile(r"\s+(?:on behalf of|for|at|in|from|für|pour|para|aus|uit|vanuit|desde|depuis)\s+\S.*$", re.I)
# A date line glued after the name ("Jeff Foust Monday, November 18"; "Jane Doe Updated 5 March").
_DATE_AFTER = re.compile(
    r"\s+(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|"
    r"samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|"
    r"domingo|(?:last\s+)?updated|published|posted|aktualisiert|veröffentlicht|publié|mis à jour|publicado|actualizado)\b).*$"
    # "Jane Doe on Jan 22", "am 5. März", "le 5 mars", "el 5 de marzo": a short lower-case word
    # (any language's "on") before a date
    r"|\s+(?-i:[a-zà-öø-ÿ]{2,3})\s+(?:[^\W\d]+\.?\s+){0,2}\d.*$",
    re.I,
)
# A credential after the name: "Jane Doe, MS, RDN", "John Roe, PhD".
_CREDENTIAL = re.compile(r"(?-i:[A-Z][A-Za-z.]{0,5}[A-Z.])|ph\.?d\.?|m\.?d\.?", re.I)
# Two names glued where markup separated them ("Emily WalkerCasey Roe"): a word continuing a
# capitalised word, glued to a capitalised one ("McDonald", "MacKenzie", "DeAndre" stay whole
# by their prefix; so do brands, "ShopSmart", not after a name's first word).
_GLUED = re.compile(r"([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)([A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)")
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+")
_NAME_PREFIXES = frozenset({"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "St", "Fitz", "Del", "Della"})


def _unglue(text: str) -> str:
    words = text.split(" ")
    for i in range(1, len(words)):
        glued = _GLUED.fullmatch(words[i])
        if glued and glued.group(1) not in _NAME_PREFIXES and _CAPITALISED.fullmatch(words[i - 1]):
            words[i] = f"{glued.group(1)}, {glued.group(2)}"
    return " ".join(words)
# A collective credit: "The Upwork Team", "Podium Staff", "Our Editors", "TOI Lifestyle Desk".
_COLLECTIVE = re.compile(
    r"(?:the\s+|our\s+)?(?:[\w.&'’-]+\s+){0,4}(?:team|staff|editors?|editorial\s+(?:team|board|staff)|desk|newsdesk|newsroom|"
    r"redaktion|rédaction|redacción|redazione|redactie|bureau)"
    r"|(?:team|redaktion|rédaction|redacción|redazione|redactie)\s+[\w.&'’-]+",  # "Team Example", "Redaktion Hafenblatt"
    re.I,
)
# Credits that name someone else than the author: "Reviewed by", "Fact-checked by", "Photos by".
NOT_AUTHORS = re.compile(
    r"\s*(?:(?:medically\s+|fact[- ]?)?(?:reviewed|checked|verified)|photos?|photographs?|illustrations?|"
    r"geprüft|überprüft|revisado|vérifié|relu)\s+(?:by|von|por|par)\b",
    re.I,
)
# "\S+@\S+" tried at every position of a long word without "@" was quadratic (80,000 letters in
# an author tag: 12 s); an address starts a word.
_EMAIL_OR_HANDLE = re.compile(r"(?<!\S)[^\s@]+@\S+|(?<!\w)@\w+|https?://\S+")
_NAME_PARTICLES = {"van", "von", "der", "de", "da", "del", "della", "di", "du", "la", "le", "bin", "al", "dos", "das", "ten", "ter", "y"}
_PARENTHESES = re.compile(r"\s*\(([^)]*)\)")
_GLUED_BY = re.compile(r"^(?:By|Von|Par|Por)(?=[A-ZÀ-ÖØ-Þ])")  # "ByJane Doe": the space lost in markup
# A credit line of several labelled parts ("Text: Jane Doe, Fotos: John Roe"): split before each
# label (up to three words and a colon) after the first part.
_LABELLED_PARTS = re.compile(r"\s*[,;|/]\s*(?=[^\W\d_][\w'’]*(?:\s+[\w'’]+){0,2}\s*[:：]\s*\S)")
# The labels of a picture's, a video's or a graphic's makers: no author of the text.
_VISUAL_LABEL = re.compile(
    r"(?:photos?|photographs?|photography|fotos?|foto's|fotograf(?:ie|ía|ia)?|bilder?|images?|imágenes|immagini|video|videos|"
    r"kamera|camera|cámara|grafik|graphics?|infografik|infographics?|illustrations?|ilustraci[oó]n|"
    r"montage|schnitt)\b",
    re.I,
)


# An editor's credit after the writer's ("Written by Jane Doe | Edited by John Roe", "Penulis: Budi
# Santoso, Editor: Siti Aminah"): the editor is no author. (Alone, "Edited by" stays a credit.)
_EDITOR_PART = re.compile(
    r"\s*[,;|/]\s*(?:edited\s+by|editors?\s*[:：]|redaktur\s*[:：]|editad[oa]\s+por|édité\s+par|bearbeitet\s+von"
    r"|redigiert\s+von|a\s+cura\s+di|biên\s+tập\s*[:：])[^,;|/]*",
    re.I,
)


def _without_visual_credits(text: str) -> str:
    """A credit line less its parts labelled as a picture's or a video's makers ("Text: Jane Doe,
    Fotos: John Roe" -> "Text: Jane Doe"); a line of one part is kept as it is."""
    cuts = [0, *(end for found in _LABELLED_PARTS.finditer(text) for end in found.span()), len(text)]
    if len(cuts) == 2:
        return text
    # (part, the separator before it): the first part has none
    parts = [(text[cuts[i] : cuts[i + 1]], text[cuts[i - 1] : cuts[i]] if i else "") for i in range(0, len(cuts) - 1, 2)]
    kept = [(part, before) for part, before in parts if not _VISUAL_LABEL.match(re.split("[:：]", part, maxsplit=1)[0].strip())]
    if len(kept) == len(parts):
        return text
    return "".join(before + part for part, before in kept).strip(" ,;|/")

#: News agencies: credited in bylines beside a person ("Jane Doe/dpa", "(AFP)"), kept as authors.
AGENCIES = {
    a.casefold(): a
    for a in (
        "dpa", "AFP", "AP", "Reuters", "KNA", "epd", "APA", "ANP", "Belga", "EFE", "ANSA", "SDA", "Keystone-SDA",
        "AAP", "PA", "Xinhua", "TASS", "Kyodo", "Yonhap", "UPI", "dts", "SID", "Bloomberg", "AFX", "dpa-AFX",
        "Associated Press", "The Associated Press", "Agence France-Presse", "Europa Press", "Ritzau", "NTB", "TT",
        "STT", "Lusa", "PAP", "CTK", "ČTK", "MTI", "HINA", "Tanjug", "BTA", "AGERPRES", "IANS", "PTI", "ANI",
        "Anadolu", "AA", "CNA", "Bernama", "Antara", "KNA", "RIA Novosti", "Interfax", "Ukrinform", "ATS",
        "Notimex", "Télam", "Agencia Brasil", "Canadian Press", "The Canadian Press", "NZPA", "OTS",
        # in their own scripts: TASS, RIA Novosti, Interfax, Xinhua, Kyodo, Jiji, Yonhap, Newsis, Anadolu
        "ТАСС", "ИТАР-ТАСС", "РИА Новости", "Интерфакс", "新华社", "新華社", "共同通信", "時事通信", "연합뉴스", "뉴시스",
        "Anadolu Ajansı", "Agência Brasil", "Agência Lusa", "ΑΠΕ-ΜΠΕ", "ΑΠΕ", "УНІАН", "Укрінформ", "UNIAN",
        # more national agencies, by their credit lines: Japan, China, Turkey, the Baltics, Greece,
        # Slovenia, Slovakia, Switzerland, Britain, South Africa, India, the Gulf and the Arab
        # world, Iran, Vietnam, the Philippines; the agency's own name before the brand
        "Jiji", "Jiji Press", "Kyodo News", "Xinhua News Agency", "Anadolu Agency", "İHA", "IHA", "DHA", "STA",
        "LETA", "BNS", "ELTA", "ANA-MPA", "AMNA", "TASR", "SITA", "Keystone-ATS", "Press Association", "PA Media",
        "SAPA", "UNI", "WAM", "SPA", "KUNA", "QNA", "MENA", "APS", "TAP", "IRNA", "ISNA", "VNA",
        "Vietnam News Agency", "PNA", "Philippine News Agency", "Agencia EFE", "Agenzia ANSA", "Agence Belga",
        "Agence France Presse", "Deutsche Presse-Agentur", "Algemeen Nederlands Persbureau",
    )
}


def agency(text: str) -> str | None:
    """The agency's usual spelling when ``text`` names a news agency."""
    return AGENCIES.get(" ".join(text.split()).strip(" .,").casefold())


# "mit Material von dpa", "with reporting by AP", "(mit dpa)", "via Reuters": the agency credited at the end
_CREDITED_AFTER = re.compile(r"(?:.*\s)?(?:von|by|from|de|du|van|di|da|mit|with|avec|met|con|via)\s+([^\s].{0,40})$", re.I | re.S)


def credited_agency(text: str) -> str | None:
    """The agency a credit names after its last "by"/"von"/"with"-like word."""
    found = _CREDITED_AFTER.match(text.strip(" .,;"))
    return agency(found.group(1)) if found else None


# A wire story's closing credit, at the end of its last lines: "... sagte er. (dpa)", "(AFP/dpa)",
# "(mer/dpa)" (the editor's initials beside the agency), "(mit Material von Reuters)", or a line of
# its own: "dpa/lhe" (the agency's regional desk), "Quelle: ntv.de, mli/dpa", "Source : AFP,
# Reuters", "Kaynak: AA", "Źródło: PAP", "Источник: ТАСС", "— Reuters", "Mit Material von dpa und AFP". Not a photo's credit ("© Reuters", "Foto: dpa",
# "Photo by AP", "AFP/Getty") nor an agency's name alone on a line (contributors' initials: "AP").
_CLOSING_BRACKETS = re.compile(r"\(([^()\n]{1,40})\)\s*\.?$")
_CLOSING_SOURCE = re.compile(
    r"^(?:quelle|quellen|source|sources|bron|bronnen|fonte|fontes|fuente|fuentes|källa|kilde|lähde|kaynak|źródło|zdroj|vir|izvor"
    r"|forrás|sursa|sursă|sumber|nguồn|источник|джерело|извор|πηγή)\s*:\s*([^:©\n]{1,60})$"
    # or the agency after a dash, on a line of its own ("— Reuters")
    r"|^[—–]\s*([^:©\n]{1,40})$",
    re.I,
)
_PHOTO_CREDIT = re.compile(r"^\W*(?:photo|foto|bild|image|picture|credit|grafik|graphic|video)|©", re.I)
_CLOSING_LINE_CHARS = 60  # a credit line of its own; a longer line is the story's sentence
_CREDIT_PARTS = re.compile(r"\s*(?:/|,|&|\bund\b|\band\b|\bet\b|\ben\b|\by\b|\be\b)\s*", re.I)
# beside the agency: a desk's or an editor's code in lower case ("lhe", "mer"), the outlet's domain ("ntv.de")
_BESIDE_AGENCY = re.compile(r"[a-zäöüß]{2,4}|[\w-]+(?:\.[\w-]+)+")
_CLOSING_LINES = 2  # the story's last lines read: a kept "more on this" line may follow the credit


def _credit_agencies(credit: str) -> list[str]:
    """The agencies a closing credit names, when it names nothing else but desk codes and the
    outlet's domain: all of it ("AFP/dpa", "ntv.de, mli/dpa") or what follows its last credit
    word ("mit Material von dpa und AFP")."""
    after = _CREDITED_AFTER.match(credit.strip(" .,;"))
    for names in filter(None, (credit, after.group(1) if after else None)):
        parts = [p for p in _CREDIT_PARTS.split(names.strip(" .")) if p]
        found = [agency(p) for p in parts]
        if any(found) and all(a or _BESIDE_AGENCY.fullmatch(p) for a, p in zip(found, parts, strict=True)):
            return unique_casefolded([a for a in found if a])
    return []


def closing_agencies(text: str) -> list[str]:
    """The news agencies a story's text credits at its end ("... (dpa)", "dpa/lhe", "Quelle: AFP"):
    the wire story's credit where no byline names anyone."""
    for line in reversed([line.strip() for line in text.rstrip().splitlines()[-_CLOSING_LINES:]]):
        if _PHOTO_CREDIT.match(line):
            continue
        if bracketed := _CLOSING_BRACKETS.search(line):
            credit = bracketed.group(1)
        elif source := _CLOSING_SOURCE.match(line):
            credit = source.group(1) or source.group(2)
        elif len(line) <= _CLOSING_LINE_CHARS and ("/" in line or _CREDITED_AFTER.match(line)):
            credit = line
        else:
            continue
        if found := _credit_agencies(credit):
            return found
    return []


def _looks_like_name(part: str, *, any_case: bool = False) -> bool:
    """1-5 words, no digits or role words, each capitalised (``any_case``: a schema.org Person's
    name of two words or more, already known to be a name, may be written in lower case; one
    lower-case word is a handle or "undefined")."""
    words = part.split()
    if not 1 <= len(words) <= 5:
        return False
    if _ROLE_WORDS.search(part) or any(c.isdigit() or c == ":" for c in part):  # "Categories: News"
        return False
    for word in words:
        if word.lower() in _NAME_PARTICLES:
            continue
        first = word.lstrip("'’(\"")[:1]
        # a letter of a script without case (CJK, Arabic, Devanagari ...) is no lower-case word
        if not first or not ((any_case and len(words) > 1) or not first.islower()):
            return False
    return True


def _caseless(name: str) -> bool:
    """``name`` starts with a letter of a script without case: "김철수", "山田太郎", "محمد"."""
    first = name[:1]
    return first.isalpha() and not first.isupper() and not first.islower()


# A user name declared as the author ("jdoe", "q_admin"): credited only when no one else is.
HANDLE = re.compile(r"[a-z][a-z._-]{2,30}")
NO_ONE = frozenset({"admin", "administrator", "author", "editor", "user", "guest", "undefined", "null", "none", "unknown", "webmaster", "root", "staff", "anonymous"})

# Placeholders written as names ("Webmaster", "Admin"; "Anonymous" is a credit an essay may
# carry) and unnamed agencies ("Jane Doe und Agenturen", "with agencies"): no one to credit.
_PLACEHOLDERS = (NO_ONE - {"anonymous"}) | {"agenturen", "agenturmaterial", "agencies", "agences", "agencias", "agenzie", "agentschappen", "wires", "news agencies", "news wires"}


def _names_from_string(text: str, *, any_case: bool = False, collectives: list[str] | None = None) -> list[str]:
    """Person and agency names in ``text``; collective credits ("Podium Staff") and, in a
    declared author (``any_case``), a user name go to ``collectives``."""
    handle = text.strip()
    if any_case and collectives is not None and HANDLE.fullmatch(handle):
        if handle not in NO_ONE and not agency(handle):
            collectives.append(handle)
            return []
    whole = BY_PREFIX.sub("", " ".join(plain_text(text).split()))
    if collectives is not None and "," not in whole and not _SPLIT_AND.search(whole) and _COLLECTIVE.fullmatch(whole):
        # one collective credit, read before ungluing: "Team SimplyThrilled"
        collectives.append(whole)
        return []
    text = _unglue(_EMAIL_OR_HANDLE.sub(" ", plain_text(text)))
    # "(Reuters)", "(dpa)": an agency is kept; other notes in parentheses are affiliations.
    credited = [agency(note) or credited_agency(note) for note in _PARENTHESES.findall(text)]
    text = _PARENTHESES.sub(" ", text)
    text = _EDITOR_PART.sub("", _without_visual_credits(" ".join(text.split()).strip(" ,;:-–—|")))
    text = BY_PREFIX.sub("", _GLUED_BY.sub("", text))
    label, colon, rest = text.partition(":")  # "Reporter: Jane Doe", "Fotos: John Roe"
    # (a time's colon is none: "David at 11:15")
    if colon and rest.strip() and len(label.split()) <= 3 and _ROLE_WORDS.search(label) and not label[-1:].isdigit():
        text = rest
    names: list[str] = []
    for chunk in _SPLIT_AND.split(text):
        if NOT_AUTHORS.match(chunk):
            continue  # "Reviewed by: Jane Doe, John Roe": a reviewer, no author
        parts = [p.strip(" ,.;:-–—") for p in chunk.split(",")]
        parts = [p for p in parts if p]
        if not parts:
            continue
        # "Jane Doe, Senior Correspondent": the first part is the name, the rest roles.
        # "A, B, C": every part is a name.
        for index, part in enumerate(parts):
            part = _once(_DATE_AFTER.sub("", BY_PREFIX.sub("", part)).strip(" ,.;:-–—|"))
            if found := agency(part):
                names.append(found)
            elif index > 0 and names and _CREDENTIAL.fullmatch(part):
                continue
            elif index > 1 and names and _after_a_role(parts, index):
                continue
            elif part.casefold() in _PLACEHOLDERS:
                continue  # a placeholder account ("Admin", "Webmaster"), whatever its case
            elif index > 0 and _place_after_name(names, parts[index - 1], part):
                continue
            elif _looks_like_name(part, any_case=any_case):
                names.append(part)
            elif collectives is not None and _COLLECTIVE.fullmatch(part):
                collectives.append(part)
            elif _looks_like_name(head := _AFFILIATION.sub("", part), any_case=any_case) and head != part:
                names.append(head)
            elif index == 0 and " - " in part:
                head = part.split(" - ")[0].strip()
                if _looks_like_name(head):
                    names.append(head)
            elif found := _beside_role(part, any_case=any_case):
                names.append(found)
            elif found := credited_agency(part):
                names.append(found)  # "mit Material von dpa", "with reporting by AP"
    return names + [c for c in credited if c]


def _place_after_name(names: list[str], previous: str, part: str) -> bool:
    """``part`` is one capitalised word after a full name ("Max Mustermann, Berlin", "Ahmet
    Yılmaz, Ankara"): the place the story was written in, as bylines write it, not a second
    writer known by one name. Not in scripts without capitals (a Korean name is one word)."""
    return (
        bool(names) and names[-1] == previous and len(previous.split()) >= 2
        and " " not in part and part[:1].isupper() and part[1:].islower()
    )


def _once(part: str) -> str:
    """A name the markup prints twice, read once: "Jane Doe Jane Doe" (a screen reader's label
    beside the visible name, a mobile and a desktop copy). One word twice may be a name ("Aung
    Aung", "Nu Nu")."""
    words = part.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half >= 2 and len(words) % 2 == 0 and words[:half] == words[half:] else part


def _after_a_role(parts: list[str], index: int) -> bool:
    """``parts[index]`` follows a role and no role follows it: the outlet or the employer of
    "Jane Doe, Executive Editor, Harvard Health Watch", not a second author (who has a role of
    their own: "Jane Doe, Editor, John Roe, Reporter")."""
    follows_role = bool(_ROLE_WORDS.search(parts[index - 1]))
    role_after = index + 1 < len(parts) and bool(_ROLE_WORDS.search(parts[index + 1]))
    return follows_role and not role_after


def _beside_role(part: str, *, any_case: bool = False) -> str | None:
    """The name of two words or more before a role written without a comma ("Jane Doe Senior
    Reporter", "Jane DoeSenior Reporter" once unglued, "Jean Roe Journaliste")."""
    roles = list(itertools.islice(_ROLE_WORDS.finditer(part), 2))
    if not roles:
        return None
    first = roles[0]
    if first.group().casefold() in _COLLECTIVE_WORDS and not (len(roles) > 1 and not part[first.end() : roles[1].start()].strip()):
        return None  # "Harbour Post Staff": a collective credit ("Jane Doe Staff Writer" is a role)
    head = part[: first.start()].strip(" ,.;:-–—|")
    # one word of a caseless script is a whole name ("김철수 기자": no space inside Korean names)
    enough = len(head.split()) >= 2 or (_caseless(head) and " " not in head)
    return head if enough and _looks_like_name(head, any_case=any_case) else None


_COLLECTIVE_WORDS = frozenset({"staff", "team", "desk", "news", "redaktion", "bureau"})


def _is_organization(item: dict[str, Any]) -> bool:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and ("Organization" in k or k in ("NewsMediaOrganization", "Corporation")) for k in kinds)


def _organization_name(value: Any) -> str | None:
    """An organisation's name as written (no person heuristics): "nieuwsblad.be", "The Associated Press"."""
    text = plain_text(value) if isinstance(value, str) else ""
    text = BY_PREFIX.sub("", text).strip(" ,;:-–—|")
    if not text or len(text) > 60 or text.isdigit() or _EMAIL_OR_HANDLE.fullmatch(text):
        return None
    return agency(text) or text


def split_authors(value: Any, *, single_words: bool = True, any_case: bool = False) -> tuple[list[str], list[str]]:
    """(persons and agencies, other organisations and collective credits) named by ``value``.

    ``single_words=False`` drops one-word names that are not agencies: in free page markup a
    lone capitalised word is more often a dateline place than a person. ``any_case``: strings
    are declared author names (a meta tag), so "jane doe" all in lower case is a name too.
    """
    if isinstance(value, str):
        people, organizations = _split_text(value, single_words, any_case)
        return list(people), list(organizations)
    return _split_value(value, single_words=single_words, any_case=any_case)


@functools.lru_cache(maxsize=4096)
def _split_text(text: str, single_words: bool, any_case: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`split_authors` of one string, remembered: the metadata step reads a byline line up
    to three times a page (as a part, as the whole line, for agencies beside a name; a third of
    its calls), and a site's pages repeat theirs."""
    people, organizations = _split_value(text, single_words=single_words, any_case=any_case)
    return tuple(people), tuple(organizations)


def _split_value(value: Any, *, single_words: bool, any_case: bool) -> tuple[list[str], list[str]]:
    people: list[str] = []
    organizations: list[str] = []

    def collect(item: Any, depth: int = 0) -> None:
        if depth > MAX_LIST_DEPTH:  # a list in a list ... 1,000 deep: no credit
            return
        if isinstance(item, str):
            people.extend(_names_from_string(item, any_case=any_case and item.islower(), collectives=organizations))
        elif isinstance(item, dict):
            name = item.get("name")
            if _is_organization(item):
                found = _organization_name(name)
                if found:
                    (people if agency(found) else organizations).append(found)
            elif isinstance(name, str) and "Person" in str(item.get("@type")):
                people.extend(_names_from_string(name, any_case=True, collectives=organizations))
            elif isinstance(name, (str, list, dict)):
                collect(name, depth + 1)
            elif item.get("givenName") or item.get("familyName"):
                people.extend(_names_from_string(f"{item.get('givenName', '')} {item.get('familyName', '')}"))
        elif isinstance(item, (list, tuple)):
            for sub in item:
                collect(sub, depth + 1)

    collect(value)
    if not single_words:
        text = value if isinstance(value, str) else ""
        people = [p for p in people if " " in p or agency(p) or _reporter(p, text)]
    return unique_casefolded(people), unique_casefolded(organizations)


_REPORTER = re.compile(r"\s*(?:기자|특파원|記者|记者|特派員|特派员)")


def _reporter(name: str, text: str) -> bool:
    """A one-word name of a caseless script followed by "reporter" in ``text`` ("김철수 기자"),
    or right after an "author:" label ("作者：张三"): a person, where a lone word in free
    markup is more often a place."""
    at = text.find(name)
    if not _caseless(name) or at < 0:
        return False
    label = BY_PREFIX.match(text)
    return bool(_REPORTER.match(text, at + len(name))) or (label is not None and label.end() == at and ":" in label.group().replace("：", ":"))


_BY_WORD = re.compile(r"\b(?:by|von|par|por|oleh|di|av|af|door)\b", re.I)


def first_after_by(name: str, text: str) -> bool:
    """``name`` (one word) comes right after the line's "By" and before the rest of the line
    ("Written by Eliz - Product marketer", "Posted by David at 11:15"); no placeholder ("By Admin")."""
    by = BY_PREFIX.match(text)
    if by is None or not _BY_WORD.search(by.group()) or name.casefold() in NO_ONE:
        return False  # a label ("Text Size", "Author Spotlight") is no "By"
    rest = text[by.end() :]
    after = rest[len(name) :]
    # something after the name on its line (a role, a date): "By Forbes" alone is a credit line
    return rest.startswith(name) and bool(after.strip()) and not after[:1].isalnum()


def clean_authors(value: Any, *, single_words: bool = True) -> list[str]:
    """Flatten strings, lists and schema.org Person/Organization objects into unique names.

    Persons (and agencies credited with them) win; organisations count only without them.
    """
    people, organizations = split_authors(value, single_words=single_words)
    return people or organizations
