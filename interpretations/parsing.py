"""Read one dream-interpretation article (plain text in the house style) into structured fields.

Pure Python on purpose, so the import command, the admin form and the tests can all call it
without Django. The articles are copied from the web, so the parser expects clutter (site chrome,
bylines, promotion for other apps) and several spellings of the same structure; see the
"interpretation documents" table in PRODUCT.md.

This module holds the two entry points; the steps live beside it: `article_lines` (headings,
clutter, the title), `article_sections` (blocks grouped under headings), `article_fields` (one
reader per field) and `article` (the result).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from interpretations.article import ArticleError, ParsedArticle, Section
from interpretations.article_fields import (
    FIELD_READERS,
    first_sentence_split,
    without_list_lead_ins,
)
from interpretations.article_lines import (
    DASH,
    cut_at_end_of_article,
    normalised_lines,
    promoted_names,
    split_off_title,
)
from interpretations.article_sections import (
    blocks_from_lines,
    grouped_into_sections,
    nest_subheadings,
    rendered,
    without_header_chrome,
)

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


# --- Putting it together ------------------------------------------------------------------------

_MAX_DERIVED_TITLE_CHARS = 80


def _derived_title(sections: list[Section], source: str) -> str:
    """A title for an article that has none: its first heading's main clause, else its first
    sentence, else the file name. The editor can change it."""
    headings = [s.heading for s in sections if s.heading]
    if headings:
        main_clause = re.split(r"(?<=\?)\s|:\s|" + DASH.pattern, headings[0], maxsplit=1)[0]
        return main_clause.strip() or headings[0]
    texts = [s.text for s in sections if s.text]
    if texts:
        sentence = first_sentence_split(texts[0].split("\n")[0])[0]
        if len(sentence) <= _MAX_DERIVED_TITLE_CHARS:
            return sentence
        return sentence[:_MAX_DERIVED_TITLE_CHARS].rsplit(" ", 1)[0] + "\N{HORIZONTAL ELLIPSIS}"
    return PurePath(source).stem or "Untitled article"


def parse_article(text: str, source: str) -> ParsedArticle:
    """Parse one article's text; `source` (usually the file name) is kept for the record."""
    lines = normalised_lines(text)
    if not any(lines):
        raise ArticleError("the article is empty, so it has no recognisable section")
    title, site, lines = split_off_title(lines)
    lines = cut_at_end_of_article(lines)
    blocks = without_header_chrome(blocks_from_lines(lines, title, promoted_names(lines, site)))
    raw_sections = [s for s in grouped_into_sections(blocks) if not s.promotional]
    raw_sections = nest_subheadings(raw_sections)

    values: dict[str, list] = {name: [] for name in FIELD_READERS}
    sections: list[Section] = []
    for raw in raw_sections:
        leftover = raw.blocks
        if raw.field_name:
            value, leftover = FIELD_READERS[raw.field_name](raw.blocks)
            # List fields give a tuple, text fields one string; both may appear more than once.
            values[raw.field_name].extend(value if isinstance(value, tuple) else [value])
            leftover = without_list_lead_ins(leftover)
        if leftover:
            sections.append(Section(raw.heading, rendered(leftover)))

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
