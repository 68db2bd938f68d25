"""The lines of an interpretation article: which are headings (and which field a heading
carries), list items and site clutter, and the cuts made on the page as a whole: its title,
its promotion for apps and where the article ends."""

from __future__ import annotations

import re
import unicodedata

# --- Recognising headings -----------------------------------------------------------------------

# Which heading carries which field. Matched case-insensitively at the start of a heading, so
# suffixes such as "Common Variations and What They Mean" or ": A Red Flag" are tolerated.
FIELD_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("quick_answer", r"quick answer|tl;?\s*dr\b|key takeaways"),
        ("scenarios", r"common (scenarios|variants|variations)\b"),
        ("markers", r"what (the|your) body (registered|already knows|felt)\b|somatic markers"),
        (
            "arrival_conditions",
            r"when (this|these) dreams? (arrives?|comes?|appears?|becomes? frequent)\b"
            r"|dream timestamp",
        ),
        ("key_sentence", r"the sentence this dream was trying to say"),
        ("morning_after", r"the morning after\b"),
        ("faq", r"faq\b|frequently asked questions"),
        ("next_stages", r"next stages?\b"),
    )
)

# Small words that stay lower case in a Title Case heading.
# fmt: off
_MINOR_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "off",
    "on", "onto", "or", "over", "per", "so", "the", "to", "up", "via", "vs", "with", "yet",
})
# fmt: on
_MAX_HEADING_WORDS = 16
_SENTENCE_END = re.compile(r"[.!?…][\"'\u201d\u2019)\]]*$")
# A heading never ends like a sentence or a lead-in; "?" is allowed ("Why Do My Legs Feel Heavy?").
_NOT_A_HEADING_END = re.compile(r"[.!,;:…\"\u201d*]$")
LIST_ITEM = re.compile(r"(?P<bullet>[-*\u2022\u2013\u00b7\u25aa\u25e6\u2023\u25cf]|\d{1,2}[.)])\s+")
ARROW = re.compile(r"\s*(?:\N{RIGHTWARDS ARROW}|\N{LONG RIGHTWARDS ARROW}|->)\s*")
DASH = re.compile(r"\s+[\N{EM DASH}\N{EN DASH}]\s+")


def is_title_case(phrase: str) -> bool:
    words = re.findall(r"[^\W_][\w'\u2019.;-]*", phrase)
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    significant = [w for w in words[1:] if w.lower() not in _MINOR_WORDS]
    capitalised = [w for w in significant if w[0].isupper() or w[0].isdigit()]
    return len(capitalised) >= 0.75 * len(significant)


def heading_shaped(line: str) -> bool:
    return (
        len(line.split()) <= _MAX_HEADING_WORDS
        and not _NOT_A_HEADING_END.search(line)
        and not LIST_ITEM.match(line)
        and not ARROW.search(line)
    )


def field_for_heading(line: str) -> str | None:
    if not heading_shaped(line):
        return None
    return next((name for name, pattern in FIELD_HEADINGS if pattern.match(line)), None)


def looks_like_heading(line: str) -> bool:
    return heading_shaped(line) and is_title_case(line)


# --- Clutter ------------------------------------------------------------------------------------

# Whole lines that are site chrome rather than article text.
_CLUTTER_LINES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r".{0,80}\b\d+\s*min(ute)?s?\s+read\b.{0,80}",  # reading-time badge, often in a byline
        r"found this (helpful|useful)\??",
        r"(was this|is this) (article|guide|post) (helpful|useful)\??",
        r"save this (guide|article|post)\b.*",
        r"continue reading\b.*",
        r"read more\b.{0,40}",
        r"(share|tweet|pin it|print|copy link)( this( article| post| guide)?)?( on \w+)?:?",
        r"(facebook|twitter|pinterest|linkedin|reddit|whatsapp|email)",
        r"your email address will not be published\b.*",
        r"required fields are marked\b.*",
        r"(table of )?contents",
        r"advertisement",
    )
)
# Bylines: "By Jane Doe", "By Ron van Cann · May 2026". The name must be capitalised.
_BYLINE = re.compile(
    r"(?:[Ww]ritten |[Pp]osted )?[Bb]y [A-Z][\w.'\u2019-]*(?: [\w.'\u2019-]+){0,4}"
)
_BYLINE_TAIL = re.compile(r"(?:\s*[\u00b7|\u2022,\N{EN DASH}\N{EM DASH}-]\s+.*)?")
# Once one of these appears, the article is over and the rest is comments and related links.
_END_OF_ARTICLE = re.compile(
    r"(similar|related) (posts|articles|reading|stories|guides)"
    r"|leave a (reply|comment)|you (may|might) also like|about the author|\d* ?comments?",
    re.IGNORECASE,
)
# Promotion for an app, whose name (after "Try …") then marks its other lines and its section.
PROMOTION = re.compile(
    r"available (on|in|for) (android|ios|iphone|the app store|google play)"
    r"|(download|install|get) (the|our) app\b",
    re.IGNORECASE,
)
_PROMOTED_NAME = re.compile(r"\b(?:Try|Download|Get) ([A-Z][\w]+)")
# A link to another article on the site: its title, then what it covers ("… maps the version …").
_CROSS_REFERENCE = re.compile(
    r"(?P<title>.{10,140}?) (maps|covers|explores|unpacks|walks through|looks at|explains)\b"
)


def is_clutter(line: str) -> bool:
    if any(pattern.fullmatch(line) for pattern in _CLUTTER_LINES):
        return True
    byline = _BYLINE.match(line)
    return byline is not None and bool(_BYLINE_TAIL.fullmatch(line[byline.end() :]))


def is_cross_reference(line: str) -> bool:
    match = _CROSS_REFERENCE.match(line)
    return match is not None and len(match["title"].split()) >= 5 and is_title_case(match["title"])


def mentions(line: str, names: frozenset[str]) -> bool:
    return any(re.search(rf"\b{re.escape(name)}\b", line) for name in names)


# --- Lines --------------------------------------------------------------------------------------


def _clean_line(line: str) -> str:
    kept = []
    for char in line:
        category = unicodedata.category(char)
        if category == "Cc":
            kept.append(" ")  # tabs and stray control characters separate words
        elif not category.startswith("C"):  # drop zero-width, format and surrogate characters
            kept.append(char)
    return " ".join(unicodedata.normalize("NFC", "".join(kept)).split())


def normalised_lines(text: str) -> list[str]:
    return [_clean_line(line) for line in text.splitlines()]


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


_SITE_SUFFIX = re.compile(r"(?P<title>.+?)\s+\|\s+(?P<site>[^|]+)")
_MAX_SITE_WORDS = 4


def split_off_title(lines: list[str]) -> tuple[str, str, list[str]]:
    """Return the title, the site's name when the title carries one, and the lines after it.

    A "Title | Site" line before the first sentence wins, since anything above it is image alt
    text and breadcrumbs; otherwise a heading-like first line is the title.
    """
    for index, line in enumerate(lines):
        if ends_sentence(line):
            break
        suffixed = _SITE_SUFFIX.fullmatch(line)
        if (
            suffixed
            and heading_shaped(suffixed["title"])
            and len(suffixed["site"].split()) <= _MAX_SITE_WORDS
        ):
            return suffixed["title"], suffixed["site"], lines[index + 1 :]
    first = next((index for index, line in enumerate(lines) if line), None)
    if first is None:
        return "", "", lines
    line = lines[first]
    if heading_shaped(line) and line[0].isupper() and not field_for_heading(line):
        return line, "", lines[first + 1 :]
    return "", "", lines


def cut_at_end_of_article(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if _END_OF_ARTICLE.fullmatch(line.rstrip(":").strip()):
            return lines[:index]
    return lines


def promoted_names(lines: list[str], site: str) -> frozenset[str]:
    names = {site} if site else set()
    for line in lines:
        if PROMOTION.search(line):
            names.update(_PROMOTED_NAME.findall(line))
    return frozenset(names)


def title_echoes(title: str) -> frozenset[str]:
    """The title and its main clause, as the article may repeat them above the introduction."""
    if not title:
        return frozenset()
    main_clause = re.split(r":\s|\s\|\s|" + DASH.pattern, title, maxsplit=1)[0]
    return frozenset({title.casefold(), main_clause.casefold()})
