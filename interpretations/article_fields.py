"""Reading each field of an interpretation article from the blocks under its heading. A reader
returns the field's value and the blocks it did not take, which stay an ordinary section."""

from __future__ import annotations

import re

from interpretations.article import FaqEntry, NextStage, Pair
from interpretations.article_lines import ARROW, DASH, is_title_case
from interpretations.article_sections import (
    ITEM,
    PARAGRAPH,
    SUBHEADING,
    Block,
    is_lead_in,
    rendered,
)


def first_sentence_split(text: str) -> tuple[str, str]:
    match = re.match(r"(.+?[.!?][\"'\u201d\u2019)]*)\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])", text)
    if not match:
        return text, ""
    return match[1], text[match.end() :]


def _pair_from_arrow(text: str) -> Pair:
    label, meaning = ARROW.split(text, maxsplit=1)
    return Pair(label.strip(), meaning.strip())


def _read_pairs(blocks: list[Block]) -> tuple[tuple[Pair, ...], list[Block]]:
    """Pairs come as "label → meaning" lines, as sub-headings each followed by a paragraph
    (with an optional "Meaning:"), or as paragraphs whose first sentence is the label."""
    if any(ARROW.search(b.text) for b in blocks if b.kind != SUBHEADING):
        pairs = [_pair_from_arrow(b.text) for b in blocks if ARROW.search(b.text)]
        return _labelled(pairs), [b for b in blocks if not ARROW.search(b.text)]
    if any(b.kind == SUBHEADING for b in blocks):
        return _pairs_under_subheadings(blocks)
    pairs = [Pair(*first_sentence_split(b.text)) for b in blocks if not is_lead_in(b)]
    return _labelled(pairs), []


def _labelled(pairs: list[Pair]) -> tuple[Pair, ...]:
    return tuple(pair for pair in pairs if pair.label)


_MEANING_PREFIX = re.compile(r"(meaning|what it means|interpretation)\s*:\s*", re.IGNORECASE)


def _pairs_under_subheadings(blocks: list[Block]) -> tuple[tuple[Pair, ...], list[Block]]:
    pairs, leftover = [], []
    for index, block in enumerate(blocks):
        if block.kind == SUBHEADING:
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            meaning = following.text if following and following.kind == PARAGRAPH else ""
            pairs.append(Pair(block.text, _MEANING_PREFIX.sub("", meaning, count=1)))
        elif index == 0 or blocks[index - 1].kind != SUBHEADING:
            leftover.append(block)
    return _labelled(pairs), leftover


def _items_or_paragraphs(blocks: list[Block]) -> tuple[tuple[str, ...], list[Block]]:
    """The list items if there is a list (the prose around it stays a section), else paragraphs."""
    if any(b.kind == ITEM for b in blocks):
        return tuple(b.text for b in blocks if b.kind == ITEM), [
            b for b in blocks if b.kind != ITEM
        ]
    return tuple(b.text for b in blocks if not is_lead_in(b)), []


# A paragraph opening like this qualifies the condition before it rather than naming a new one.
_CONTINUATION = re.compile(r"(not|but|and|or|rather|which|though|although)\b", re.IGNORECASE)


def _read_arrival_conditions(blocks: list[Block]) -> tuple[tuple[str, ...], list[Block]]:
    """Conditions are "arrives when … → …" lines or list items when there are any; otherwise
    paragraphs, each with the paragraphs that qualify it."""
    if any(b.kind == ITEM or ARROW.search(b.text) for b in blocks):
        is_condition = [b.kind == ITEM or bool(ARROW.search(b.text)) for b in blocks]
        conditions = tuple(b.text for b, yes in zip(blocks, is_condition, strict=True) if yes)
        return conditions, [b for b, yes in zip(blocks, is_condition, strict=True) if not yes]
    grouped: list[str] = []
    for block in blocks:
        if grouped and _CONTINUATION.match(block.text):
            grouped[-1] = f"{grouped[-1]} {block.text}"
        elif not is_lead_in(block):
            grouped.append(block.text)
    return tuple(grouped), []


# The question is the first sentence when that sentence ends with "?".
_QUESTION = re.compile(r"((?:[^.!?]|[.!](?!\s))+\?)[\"'\u201d\u2019)]*(?:\s+|$)")


def _read_faq(blocks: list[Block]) -> tuple[tuple[FaqEntry, ...], list[Block]]:
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
        elif not is_lead_in(block):
            entries.append(("", [block.text]))
    # A question the article never answers is no entry (its answer is required).
    return tuple(
        FaqEntry(q, "\n\n".join(answer)) for q, answer in entries if "".join(answer).strip()
    ), []


def _next_stage(text: str) -> NextStage | None:
    """`If … → <dream> — <why>` or `<Dream Title> — <why>`. A title may hold its own " — ", so
    the target runs on while the dash-separated parts stay in Title Case."""
    condition, rest = ARROW.split(text, maxsplit=1) if ARROW.search(text) else ("", text)
    parts = [part for part in DASH.split(rest) if part]
    if not parts or (not condition and len(parts) == 1):
        return None
    end = 1
    while end < len(parts) and is_title_case(parts[end]):
        end += 1
    target, note = " \N{EM DASH} ".join(parts[:end]), " \N{EM DASH} ".join(parts[end:])
    return NextStage(condition, target, note)


def _read_next_stages(blocks: list[Block]) -> tuple[tuple[NextStage, ...], list[Block]]:
    stages, leftover = [], []
    for block in blocks:
        stage = _next_stage(block.text) if not is_lead_in(block) else None
        if stage:
            stages.append(stage)
        else:
            leftover.append(block)
    return tuple(stages), leftover


def _read_text(blocks: list[Block]) -> tuple[str, list[Block]]:
    return rendered(blocks), []


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


def without_list_lead_ins(blocks: list[Block]) -> list[Block]:
    # A lead-in ("… can indicate:") means nothing once the field has taken the list it introduced.
    return [b for b in blocks if not is_lead_in(b)]
