"""What the parser gives back: one interpretation article read into structured fields, and the
error for text that cannot be read as one."""

from __future__ import annotations

from dataclasses import dataclass


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
