"""Read one dream-interpretation article (plain text in the house style) into structured fields.

Pure Python on purpose, so the import command, the admin form and the tests can all call it
without Django. The articles are copied from the web, so the parser expects clutter (site chrome,
bylines, promotion for other apps) and several spellings of the same structure; see the
"interpretation documents" table in PRODUCT.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath

# --- Result -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    label: str
    meaning: str


@dataclass(frozen=True)
class FaqEntry:
    question: str  # "" when the article gives answers without question lines
    answer: str


@dataclass(frozen=True)
class NextStage:
    condition: str  # "" when the article names the next dream without saying when
    target: str
    note: str


@dataclass(frozen=True)
class Section:
    heading: str  # "" for the untitled introduction
    text: str  # paragraphs separated by blank lines; list items on "- " lines


@dataclass(frozen=True)
class ParsedArticle:
    source: str
    title: str
    quick_answer: tuple[str, ...]
    scenarios: tuple[Pair, ...]
    markers: tuple[Pair, ...]
    arrival_conditions: tuple[str, ...]
    faq: tuple[FaqEntry, ...]
    next_stages: tuple[NextStage, ...]
    key_sentence: str
    morning_after: str
    sections: tuple[Section, ...]

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "title": self.title,
            "quick_answer": list(self.quick_answer),
            "scenarios": [{"label": p.label, "meaning": p.meaning} for p in self.scenarios],
            "markers": [{"label": p.label, "meaning": p.meaning} for p in self.markers],
            "arrival_conditions": list(self.arrival_conditions),
            "faq": [{"question": f.question, "answer": f.answer} for f in self.faq],
            "next_stages": [
                {"condition": s.condition, "target": s.target, "note": s.note}
                for s in self.next_stages
            ],
            "key_sentence": self.key_sentence,
            "morning_after": self.morning_after,
            "sections": [{"heading": s.heading, "text": s.text} for s in self.sections],
        }


class ArticleError(ValueError):
    """The text cannot be read as an interpretation article; the message says why, for a person."""


# --- Decoding -----------------------------------------------------------------------------------

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_article(data: bytes) -> str:
    """Decode an uploaded article: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252."""
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ArticleError("the file is not readable as UTF-16 text") from error
    elif b"\x00" in data:
        raise ArticleError("the file looks binary (it contains NUL bytes), not like plain text")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Text saved by older Windows editors; cp1252 leaves five bytes undefined.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as error:
                raise ArticleError(
                    "the file is not readable as text (neither UTF-8 nor Windows-1252)"
                ) from error
    if not text.strip():
        raise ArticleError("the file is empty")
    return text


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
_LIST_ITEM = re.compile(
    r"(?P<bullet>[-*\u2022\u2013\u00b7\u25aa\u25e6\u2023\u25cf]|\d{1,2}[.)])\s+"
)
_ARROW = re.compile(r"\s*(?:\N{RIGHTWARDS ARROW}|\N{LONG RIGHTWARDS ARROW}|->)\s*")
_DASH = re.compile(r"\s+[\N{EM DASH}\N{EN DASH}]\s+")


def _is_title_case(phrase: str) -> bool:
    words = re.findall(r"[^\W_][\w'\u2019.;-]*", phrase)
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    significant = [w for w in words[1:] if w.lower() not in _MINOR_WORDS]
    capitalised = [w for w in significant if w[0].isupper() or w[0].isdigit()]
    return len(capitalised) >= 0.75 * len(significant)


def _heading_shaped(line: str) -> bool:
    return (
        len(line.split()) <= _MAX_HEADING_WORDS
        and not _NOT_A_HEADING_END.search(line)
        and not _LIST_ITEM.match(line)
        and not _ARROW.search(line)
    )


def _field_for_heading(line: str) -> str | None:
    if not _heading_shaped(line):
        return None
    return next((name for name, pattern in FIELD_HEADINGS if pattern.match(line)), None)


def _looks_like_heading(line: str) -> bool:
    return _heading_shaped(line) and _is_title_case(line)


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
_PROMOTION = re.compile(
    r"available (on|in|for) (android|ios|iphone|the app store|google play)"
    r"|(download|install|get) (the|our) app\b",
    re.IGNORECASE,
)
_PROMOTED_NAME = re.compile(r"\b(?:Try|Download|Get) ([A-Z][\w]+)")
# A link to another article on the site: its title, then what it covers ("… maps the version …").
_CROSS_REFERENCE = re.compile(
    r"(?P<title>.{10,140}?) (maps|covers|explores|unpacks|walks through|looks at|explains)\b"
)


def _is_clutter(line: str) -> bool:
    if any(pattern.fullmatch(line) for pattern in _CLUTTER_LINES):
        return True
    byline = _BYLINE.match(line)
    return byline is not None and bool(_BYLINE_TAIL.fullmatch(line[byline.end() :]))


def _is_cross_reference(line: str) -> bool:
    match = _CROSS_REFERENCE.match(line)
    return match is not None and len(match["title"].split()) >= 5 and _is_title_case(match["title"])


def _mentions(line: str, names: frozenset[str]) -> bool:
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


def _normalised_lines(text: str) -> list[str]:
    return [_clean_line(line) for line in text.splitlines()]


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


_SITE_SUFFIX = re.compile(r"(?P<title>.+?)\s+\|\s+(?P<site>[^|]+)")
_MAX_SITE_WORDS = 4


def _split_off_title(lines: list[str]) -> tuple[str, str, list[str]]:
    """Return the title, the site's name when the title carries one, and the lines after it.

    A "Title | Site" line before the first sentence wins, since anything above it is image alt
    text and breadcrumbs; otherwise a heading-like first line is the title.
    """
    for index, line in enumerate(lines):
        if _ends_sentence(line):
            break
        suffixed = _SITE_SUFFIX.fullmatch(line)
        if (
            suffixed
            and _heading_shaped(suffixed["title"])
            and len(suffixed["site"].split()) <= _MAX_SITE_WORDS
        ):
            return suffixed["title"], suffixed["site"], lines[index + 1 :]
    first = next((index for index, line in enumerate(lines) if line), None)
    if first is None:
        return "", "", lines
    line = lines[first]
    if _heading_shaped(line) and line[0].isupper() and not _field_for_heading(line):
        return line, "", lines[first + 1 :]
    return "", "", lines


def _cut_at_end_of_article(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if _END_OF_ARTICLE.fullmatch(line.rstrip(":").strip()):
            return lines[:index]
    return lines


def _promoted_names(lines: list[str], site: str) -> frozenset[str]:
    names = {site} if site else set()
    for line in lines:
        if _PROMOTION.search(line):
            names.update(_PROMOTED_NAME.findall(line))
    return frozenset(names)


def _title_echoes(title: str) -> frozenset[str]:
    """The title and its main clause, as the article may repeat them above the introduction."""
    if not title:
        return frozenset()
    main_clause = re.split(r":\s|\s\|\s|" + _DASH.pattern, title, maxsplit=1)[0]
    return frozenset({title.casefold(), main_clause.casefold()})


# --- Blocks and sections ------------------------------------------------------------------------

HEADING, PARAGRAPH, ITEM, SUBHEADING = "heading", "paragraph", "item", "subheading"


@dataclass(frozen=True)
class _Block:
    kind: str
    text: str
    bullet: str = ""  # "-" or "1." for list items
    field_name: str | None = None  # for headings that carry a field
    gap: int = 0  # blank lines above a heading: the only hint of heading levels in plain text
    promotional: bool = False


@dataclass
class _RawSection:
    heading: str
    field_name: str | None = None
    gap: int = 0
    promotional: bool = False
    blocks: list[_Block] = field(default_factory=list)


def _block_for(
    line: str, echoes: frozenset[str], promoted: frozenset[str], gap: int
) -> _Block | None:
    if _PROMOTION.search(line) or _is_cross_reference(line):
        return None
    if _mentions(line, promoted):
        # A promotional heading still opens its section, so the whole section can be dropped.
        return _Block(HEADING, line, gap=gap, promotional=True) if _heading_shaped(line) else None
    if line.casefold() in echoes:
        return _Block(HEADING, "", gap=gap)  # the title again: the introduction starts here
    field_name = _field_for_heading(line)
    if field_name:
        return _Block(HEADING, line, field_name=field_name, gap=gap)
    item = _LIST_ITEM.match(line)
    if item:
        bullet = item["bullet"] if item["bullet"][0].isdigit() else "-"
        return _Block(ITEM, line[item.end() :], bullet=bullet)
    if _looks_like_heading(line):
        return _Block(HEADING, line, gap=gap)
    return _Block(PARAGRAPH, line)


def _blocks(lines: list[str], title: str, promoted: frozenset[str]) -> list[_Block]:
    echoes = _title_echoes(title)
    blocks: list[_Block] = []
    gap = 0
    for line in lines:
        if not line:
            gap += 1
        elif not _is_clutter(line):
            block = _block_for(line, echoes, promoted, gap)
            if block:
                blocks.append(block)
            gap = 0
    return blocks


def _without_header_chrome(blocks: list[_Block]) -> list[_Block]:
    """Before the article's first sentence, keep field headings with what they hold and the
    heading right above that sentence; the rest is author names, roles and breadcrumbs."""
    first_sentence = next(
        (i for i, b in enumerate(blocks) if b.kind == PARAGRAPH and _ends_sentence(b.text)),
        len(blocks),
    )
    kept = []
    in_field = False
    for index, block in enumerate(blocks[:first_sentence]):
        if block.kind == HEADING:
            in_field = bool(block.field_name)
        if in_field or (block.kind == HEADING and index == first_sentence - 1):
            kept.append(block)
    return kept + blocks[first_sentence:]


def _claimed_by_faq(section: _RawSection, block: _Block) -> bool:
    # A Title Case question line inside the FAQ is a question, not a new section.
    return section.field_name == "faq" and block.field_name is None and block.text.endswith("?")


def _raw_sections(blocks: list[_Block]) -> list[_RawSection]:
    sections = [_RawSection(heading="")]  # whatever precedes the first heading: the introduction
    for block in blocks:
        if block.kind == HEADING and not _claimed_by_faq(sections[-1], block):
            sections.append(_RawSection(block.text, block.field_name, block.gap, block.promotional))
        elif block.kind == HEADING:
            sections[-1].blocks.append(_Block(PARAGRAPH, block.text))
        else:
            sections[-1].blocks.append(block)
    return sections


def _is_lead_in(block: _Block) -> bool:
    return block.kind == PARAGRAPH and block.text.endswith(":")


def _lists_pairs_as_subheadings(section: _RawSection) -> bool:
    return section.field_name in ("scenarios", "markers") and all(
        _is_lead_in(block) for block in section.blocks
    )


def _is_single_paragraph(section: _RawSection) -> bool:
    return (
        section.field_name is None
        and not section.promotional
        and len(section.blocks) == 1
        and section.blocks[0].kind == PARAGRAPH
    )


def _nest_subheadings(sections: list[_RawSection]) -> list[_RawSection]:
    """Fold sub-headings into the section they belong to, as SUBHEADING blocks.

    Two cases: variants listed as sub-headings each followed by one paragraph ("Common Variants"),
    and a heading with no text of its own whose sub-headings sit under fewer blank lines than it.
    """
    nested: list[_RawSection] = []
    parent: _RawSection | None = None
    for section in sections:
        if parent and _belongs_under(parent, section):
            parent.blocks.append(_Block(SUBHEADING, section.heading))
            parent.blocks.extend(section.blocks)
            continue
        nested.append(section)
        parent = section if _lists_pairs_as_subheadings(section) or _is_bare(section) else None
    return nested


def _is_bare(section: _RawSection) -> bool:
    return section.field_name is None and bool(section.heading) and not section.blocks


def _belongs_under(parent: _RawSection, section: _RawSection) -> bool:
    if parent.field_name:
        return _is_single_paragraph(section)
    return section.field_name is None and not section.promotional and section.gap < parent.gap


# --- Reading the fields -------------------------------------------------------------------------


def _first_sentence_split(text: str) -> tuple[str, str]:
    match = re.match(r"(.+?[.!?][\"'\u201d\u2019)]*)\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])", text)
    if not match:
        return text, ""
    return match[1], text[match.end() :]


def _pair_from_arrow(text: str) -> Pair:
    label, meaning = _ARROW.split(text, maxsplit=1)
    return Pair(label.strip(), meaning.strip())


def _read_pairs(blocks: list[_Block]) -> tuple[tuple[Pair, ...], list[_Block]]:
    """Pairs come as "label → meaning" lines, as sub-headings each followed by a paragraph
    (with an optional "Meaning:"), or as paragraphs whose first sentence is the label."""
    if any(_ARROW.search(b.text) for b in blocks if b.kind != SUBHEADING):
        pairs = [_pair_from_arrow(b.text) for b in blocks if _ARROW.search(b.text)]
        return _labelled(pairs), [b for b in blocks if not _ARROW.search(b.text)]
    if any(b.kind == SUBHEADING for b in blocks):
        return _pairs_under_subheadings(blocks)
    pairs = [Pair(*_first_sentence_split(b.text)) for b in blocks if not _is_lead_in(b)]
    return _labelled(pairs), []


def _labelled(pairs: list[Pair]) -> tuple[Pair, ...]:
    return tuple(pair for pair in pairs if pair.label)


_MEANING_PREFIX = re.compile(r"(meaning|what it means|interpretation)\s*:\s*", re.IGNORECASE)


def _pairs_under_subheadings(blocks: list[_Block]) -> tuple[tuple[Pair, ...], list[_Block]]:
    pairs, leftover = [], []
    for index, block in enumerate(blocks):
        if block.kind == SUBHEADING:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            meaning = following.text if following and following.kind == PARAGRAPH else ""
            pairs.append(Pair(block.text, _MEANING_PREFIX.sub("", meaning, count=1)))
        elif index == 0 or blocks[index - 1].kind != SUBHEADING:
            leftover.append(block)
    return _labelled(pairs), leftover


def _items_or_paragraphs(blocks: list[_Block]) -> tuple[tuple[str, ...], list[_Block]]:
    """The list items if there is a list (the prose around it stays a section), else paragraphs."""
    if any(b.kind == ITEM for b in blocks):
        return tuple(b.text for b in blocks if b.kind == ITEM), [
            b for b in blocks if b.kind != ITEM
        ]
    return tuple(b.text for b in blocks if not _is_lead_in(b)), []


# A paragraph opening like this qualifies the condition before it rather than naming a new one.
_CONTINUATION = re.compile(r"(not|but|and|or|rather|which|though|although)\b", re.IGNORECASE)


def _read_arrival_conditions(blocks: list[_Block]) -> tuple[tuple[str, ...], list[_Block]]:
    """Conditions are "arrives when … → …" lines or list items when there are any; otherwise
    paragraphs, each with the paragraphs that qualify it."""
    if any(b.kind == ITEM or _ARROW.search(b.text) for b in blocks):
        is_condition = [b.kind == ITEM or bool(_ARROW.search(b.text)) for b in blocks]
        conditions = tuple(b.text for b, yes in zip(blocks, is_condition, strict=True) if yes)
        return conditions, [b for b, yes in zip(blocks, is_condition, strict=True) if not yes]
    grouped: list[str] = []
    for block in blocks:
        if grouped and _CONTINUATION.match(block.text):
            grouped[-1] = f"{grouped[-1]} {block.text}"
        elif not _is_lead_in(block):
            grouped.append(block.text)
    return tuple(grouped), []


# The question is the first sentence when that sentence ends with "?".
_QUESTION = re.compile(r"((?:[^.!?]|[.!](?!\s))+\?)[\"'\u201d\u2019)]*(?:\s+|$)")


def _read_faq(blocks: list[_Block]) -> tuple[tuple[FaqEntry, ...], list[_Block]]:
    """Questions with their answers on the same line or on the lines that follow; an article
    with no question lines at all gives one answer per paragraph, with the question empty."""
    entries: list[tuple[str, list[str]]] = []
    has_questions = False
    for block in blocks:
        question = _QUESTION.match(block.text)
        if question:
            has_questions = True
            answer = block.text[question.end() :]
            entries.append((question[1].strip(), [answer] if answer else []))
        elif has_questions:
            entries[-1][1].append(block.text)
        elif not _is_lead_in(block):
            entries.append(("", [block.text]))
    # A question the article never answers is no entry (its answer is required).
    return tuple(
        FaqEntry(q, "\n\n".join(answer)) for q, answer in entries if "".join(answer).strip()
    ), []


def _next_stage(text: str) -> NextStage | None:
    """`If … → <dream> — <why>` or `<Dream Title> — <why>`. A title may hold its own " — ", so
    the target runs on while the dash-separated parts stay in Title Case."""
    condition, rest = _ARROW.split(text, maxsplit=1) if _ARROW.search(text) else ("", text)
    parts = [part for part in _DASH.split(rest) if part]
    if not parts or (not condition and len(parts) == 1):
        return None
    end = 1
    while end < len(parts) and _is_title_case(parts[end]):
        end += 1
    target, note = " \N{EM DASH} ".join(parts[:end]), " \N{EM DASH} ".join(parts[end:])
    return NextStage(condition, target, note)


def _read_next_stages(blocks: list[_Block]) -> tuple[tuple[NextStage, ...], list[_Block]]:
    stages, leftover = [], []
    for block in blocks:
        stage = _next_stage(block.text) if not _is_lead_in(block) else None
        if stage:
            stages.append(stage)
        else:
            leftover.append(block)
    return tuple(stages), leftover


def _read_text(blocks: list[_Block]) -> tuple[str, list[_Block]]:
    return _rendered(blocks), []


FIELD_READERS = {
    "quick_answer": _items_or_paragraphs,
    "scenarios": _read_pairs,
    "markers": _read_pairs,
    "arrival_conditions": _read_arrival_conditions,
    "faq": _read_faq,
    "next_stages": _read_next_stages,
    "key_sentence": _read_text,
    "morning_after": _read_text,
}


def _rendered(blocks: list[_Block]) -> str:
    """Paragraphs apart by a blank line; a run of list items of one kind (bullets or numbers)
    stays together, one item a line."""
    paragraphs: list[str] = []
    previous: _Block | None = None
    for block in blocks:
        if block.kind != ITEM:
            paragraphs.append(block.text)
        elif previous and previous.kind == ITEM and _same_list(previous, block):
            paragraphs[-1] += f"\n{block.bullet} {block.text}"
        else:
            paragraphs.append(f"{block.bullet} {block.text}")
        previous = block
    return "\n\n".join(paragraphs)


def _same_list(one: _Block, other: _Block) -> bool:
    return (one.bullet == "-") == (other.bullet == "-")


def _without_list_lead_ins(blocks: list[_Block]) -> list[_Block]:
    # A lead-in ("… can indicate:") means nothing once the field has taken the list it introduced.
    return [b for b in blocks if not _is_lead_in(b)]


# --- Putting it together ------------------------------------------------------------------------

_MAX_DERIVED_TITLE_CHARS = 80


def _derived_title(sections: list[Section], source: str) -> str:
    """A title for an article that has none: its first heading's main clause, else its first
    sentence, else the file name. The editor can change it."""
    headings = [s.heading for s in sections if s.heading]
    if headings:
        main_clause = re.split(r"(?<=\?)\s|:\s|" + _DASH.pattern, headings[0], maxsplit=1)[0]
        return main_clause.strip() or headings[0]
    texts = [s.text for s in sections if s.text]
    if texts:
        sentence = _first_sentence_split(texts[0].split("\n")[0])[0]
        if len(sentence) <= _MAX_DERIVED_TITLE_CHARS:
            return sentence
        return sentence[:_MAX_DERIVED_TITLE_CHARS].rsplit(" ", 1)[0] + "\N{HORIZONTAL ELLIPSIS}"
    return PurePath(source).stem or "Untitled article"


def parse_article(text: str, source: str) -> ParsedArticle:
    """Parse one article's text; `source` (usually the file name) is kept for the record."""
    lines = _normalised_lines(text)
    if not any(lines):
        raise ArticleError("the article is empty, so it has no recognisable section")
    title, site, lines = _split_off_title(lines)
    lines = _cut_at_end_of_article(lines)
    blocks = _without_header_chrome(_blocks(lines, title, _promoted_names(lines, site)))
    raw_sections = [s for s in _raw_sections(blocks) if not s.promotional]
    raw_sections = _nest_subheadings(raw_sections)

    values: dict[str, list] = {name: [] for name in FIELD_READERS}
    sections: list[Section] = []
    for raw in raw_sections:
        leftover = raw.blocks
        if raw.field_name:
            value, leftover = FIELD_READERS[raw.field_name](raw.blocks)
            # List fields give a tuple, text fields one string; both may appear more than once.
            values[raw.field_name].extend(value if isinstance(value, tuple) else [value])
            leftover = _without_list_lead_ins(leftover)
        if leftover:
            sections.append(Section(raw.heading, _rendered(leftover)))

    if not any(any(value) for value in values.values()):
        raise ArticleError(
            'no recognisable section: expected headings such as "Quick Answer", '
            '"Common Scenarios" or "FAQ" with something under them'
        )
    return ParsedArticle(
        source=source,
        title=title or _derived_title(sections, source),
        quick_answer=tuple(values["quick_answer"]),
        scenarios=tuple(values["scenarios"]),
        markers=tuple(values["markers"]),
        arrival_conditions=tuple(values["arrival_conditions"]),
        faq=tuple(values["faq"]),
        next_stages=tuple(values["next_stages"]),
        key_sentence="\n\n".join(v for v in values["key_sentence"] if v),
        morning_after="\n\n".join(v for v in values["morning_after"] if v),
        sections=tuple(sections),
    )
