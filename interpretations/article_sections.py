"""An article's lines as blocks (headings, paragraphs, list items) grouped into sections under
their headings, with sub-headings folded into the section they belong to; and blocks rendered
back into a section's text."""

from __future__ import annotations

from dataclasses import dataclass, field

from interpretations.article_lines import (
    LIST_ITEM,
    PROMOTION,
    ends_sentence,
    field_for_heading,
    heading_shaped,
    is_clutter,
    is_cross_reference,
    looks_like_heading,
    mentions,
    title_echoes,
)

# --- Blocks and sections ------------------------------------------------------------------------

HEADING, PARAGRAPH, ITEM, SUBHEADING = "heading", "paragraph", "item", "subheading"


@dataclass(frozen=True)
class Block:
    kind: str
    text: str
    bullet: str = ""  # "-" or "1." for list items
    field_name: str | None = None  # for headings that carry a field
    gap: int = 0  # blank lines above a heading: the only hint of heading levels in plain text
    promotional: bool = False


@dataclass
class RawSection:
    heading: str
    field_name: str | None = None
    gap: int = 0
    promotional: bool = False
    blocks: list[Block] = field(default_factory=list)


def _block_for(
    line: str, echoes: frozenset[str], promoted: frozenset[str], gap: int
) -> Block | None:
    if PROMOTION.search(line) or is_cross_reference(line):
        return None
    if mentions(line, promoted):
        # A promotional heading still opens its section, so the whole section can be dropped.
        return Block(HEADING, line, gap=gap, promotional=True) if heading_shaped(line) else None
    if line.casefold() in echoes:
        return Block(HEADING, "", gap=gap)  # the title again: the introduction starts here
    field_name = field_for_heading(line)
    if field_name:
        return Block(HEADING, line, field_name=field_name, gap=gap)
    item = LIST_ITEM.match(line)
    if item:
        bullet = item["bullet"] if item["bullet"][0].isdigit() else "-"
        return Block(ITEM, line[item.end() :], bullet=bullet)
    if looks_like_heading(line):
        return Block(HEADING, line, gap=gap)
    return Block(PARAGRAPH, line)


def blocks_from_lines(lines: list[str], title: str, promoted: frozenset[str]) -> list[Block]:
    echoes = title_echoes(title)
    blocks: list[Block] = []
    gap = 0
    for line in lines:
        if not line:
            gap += 1
        elif not is_clutter(line):
            block = _block_for(line, echoes, promoted, gap)
            if block:
                blocks.append(block)
            gap = 0
    return blocks


def without_header_chrome(blocks: list[Block]) -> list[Block]:
    """Before the article's first sentence, keep field headings with what they hold and the
    heading right above that sentence; the rest is author names, roles and breadcrumbs."""
    first_sentence = next(
        (i for i, b in enumerate(blocks) if b.kind == PARAGRAPH and ends_sentence(b.text)),
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


def _claimed_by_faq(section: RawSection, block: Block) -> bool:
    # A Title Case question line inside the FAQ is a question, not a new section.
    return section.field_name == "faq" and block.field_name is None and block.text.endswith("?")


def grouped_into_sections(blocks: list[Block]) -> list[RawSection]:
    sections = [RawSection(heading="")]  # whatever precedes the first heading: the introduction
    for block in blocks:
        if block.kind == HEADING and not _claimed_by_faq(sections[-1], block):
            sections.append(RawSection(block.text, block.field_name, block.gap, block.promotional))
        elif block.kind == HEADING:
            sections[-1].blocks.append(Block(PARAGRAPH, block.text))
        else:
            sections[-1].blocks.append(block)
    return sections


def is_lead_in(block: Block) -> bool:
    return block.kind == PARAGRAPH and block.text.endswith(":")


def _lists_pairs_as_subheadings(section: RawSection) -> bool:
    return section.field_name in ("scenarios", "markers") and all(
        is_lead_in(block) for block in section.blocks
    )


def _is_single_paragraph(section: RawSection) -> bool:
    return (
        section.field_name is None
        and not section.promotional
        and len(section.blocks) == 1
        and section.blocks[0].kind == PARAGRAPH
    )


def nest_subheadings(sections: list[RawSection]) -> list[RawSection]:
    """Fold sub-headings into the section they belong to, as SUBHEADING blocks.

    Two cases: variants listed as sub-headings each followed by one paragraph ("Common Variants"),
    and a heading with no text of its own whose sub-headings sit under fewer blank lines than it.
    """
    nested: list[RawSection] = []
    parent: RawSection | None = None
    for section in sections:
        if parent and _belongs_under(parent, section):
            parent.blocks.append(Block(SUBHEADING, section.heading))
            parent.blocks.extend(section.blocks)
            continue
        nested.append(section)
        parent = section if _lists_pairs_as_subheadings(section) or _is_bare(section) else None
    return nested


def _is_bare(section: RawSection) -> bool:
    return section.field_name is None and bool(section.heading) and not section.blocks


def _belongs_under(parent: RawSection, section: RawSection) -> bool:
    if not section.heading:
        return False  # the title again opens a section of its own, never a sub-heading
    if parent.field_name:
        return _is_single_paragraph(section)
    return section.field_name is None and not section.promotional and section.gap < parent.gap


# --- Rendering ----------------------------------------------------------------------------------


def rendered(blocks: list[Block]) -> str:
    """Paragraphs apart by a blank line; a run of list items of one kind (bullets or numbers)
    stays together, one item a line."""
    paragraphs: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if block.kind != ITEM:
            paragraphs.append(block.text)
        elif previous and previous.kind == ITEM and _same_list(previous, block):
            paragraphs[-1] += f"\n{block.bullet} {block.text}"
        else:
            paragraphs.append(f"{block.bullet} {block.text}")
        previous = block
    return "\n\n".join(paragraphs)


def _same_list(one: Block, other: Block) -> bool:
    return (one.bullet == "-") == (other.bullet == "-")
