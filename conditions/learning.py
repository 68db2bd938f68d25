"""For one person: which of their own conditions come before each recurring dream, how often
they confirmed the article's conditions, and what this month changes. A fixed number of
queries; the statistics are in conditions.evidence."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from conditions.evidence import (
    MIN_DREAM_NIGHTS,
    DistressChange,
    Finding,
    MonthChange,
    Night,
    distress_against_history,
    month_against_history,
    over_represented,
    what_comes_before,
)
from conditions.models import Answer, CheckIn, EntryLifeTag
from conditions.signals import lemmas
from interpretations.models import ArrivalCondition, TagKind
from journal.models import Entry, EntryTag

LIFE, CONDITION, WORD = "life", "condition", "word"
FINDINGS_SHOWN = 3


@dataclass(frozen=True)
class Learned:
    """One finding, said in the person's terms."""

    kind: str
    label: str
    finding: Finding


@dataclass(frozen=True)
class ConditionTally:
    text: str
    yes: int
    answered: int


@dataclass
class DreamConditions:
    label: str
    nights: int
    is_interpretation: bool
    before: list[Learned] = field(default_factory=list)
    confirmed: list[ConditionTally] = field(default_factory=list)
    this_month: MonthChange | None = None
    distress: DistressChange | None = None
    mix_this_month: list[Learned] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return any(tally.answered for tally in self.confirmed)

    @property
    def says_anything(self) -> bool:
        return bool(
            self.before or self.this_month or self.distress or self.mix_this_month or self.answered
        )


def learn_conditions(user, today: dt.date) -> list[DreamConditions]:
    """What the journal has taught about each dream that came on at least MIN_DREAM_NIGHTS
    nights, most frequent first."""
    entries = list(
        Entry.objects.filter(user=user, deleted_at__isnull=True).values_list(
            "pk", "night", "interpretation_id", "waking_life", "distress", "interpretation__title"
        )
    )
    if not entries:
        return []
    labels: dict[tuple[str, int], str] = {
        ("interpretation", entry[2]): entry[5] for entry in entries if entry[2] is not None
    }
    scenarios_of = defaultdict(set)
    for entry_id, tag_id, label in EntryTag.objects.filter(
        user=user,  # the tag's own owner column: indexed, unlike a join through the entries
        entry__deleted_at__isnull=True,
        accepted=True,
        tag__kind=TagKind.SCENARIO,
    ).values_list("entry_id", "tag_id", "tag__label"):
        scenarios_of[entry_id].add(tag_id)
        labels[("scenario", tag_id)] = label
    life_of = defaultdict(set)
    for entry_id, name in EntryLifeTag.objects.filter(entry__user=user).values_list(
        "entry_id", "life_tag__name"
    ):
        life_of[entry_id].add(name)
    answers = list(
        CheckIn.objects.filter(entry__user=user, entry__deleted_at__isnull=True).values_list(
            "entry_id", "condition_id", "answer"
        )
    )
    confirmed_of = defaultdict(set)
    for entry_id, condition_id, answer in answers:
        if answer == Answer.YES:
            confirmed_of[entry_id].add(condition_id)

    dreams_by_night: dict[dt.date, set] = defaultdict(set)
    signals_by_night: dict[dt.date, set[str]] = defaultdict(set)
    nights_of: dict[tuple[str, int], set[dt.date]] = defaultdict(set)
    ratings_of: dict[tuple[str, int], list[tuple[dt.date, int]]] = defaultdict(list)
    entries_of: dict[int, set[int]] = defaultdict(set)  # an interpretation's entries
    for entry_id, night, interpretation_id, notes, distress, _ in entries:
        dreams = {("scenario", tag_id) for tag_id in scenarios_of[entry_id]}
        if interpretation_id is not None:
            dreams.add(("interpretation", interpretation_id))
            entries_of[interpretation_id].add(entry_id)
        dreams_by_night[night] |= dreams
        for dream in dreams:
            nights_of[dream].add(night)
            if distress is not None:
                ratings_of[dream].append((night, distress))
        signals_by_night[night] |= {f"{LIFE}:{name}" for name in life_of[entry_id]}
        signals_by_night[night] |= {f"{CONDITION}:{pk}" for pk in confirmed_of[entry_id]}
        signals_by_night[night] |= {f"{WORD}:{word}" for word in lemmas(notes)}
    nights = {
        night: Night(frozenset(dreams_by_night[night]), frozenset(signals_by_night[night]))
        for night in dreams_by_night
    }

    recurring = sorted(
        (
            dream
            for dream, dream_nights in nights_of.items()
            if len(dream_nights) >= MIN_DREAM_NIGHTS
        ),
        key=lambda dream: (-len(nights_of[dream]), dream),
    )
    if not recurring:
        return []
    conditions_of: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, interpretation_id, text in ArrivalCondition.objects.filter(
        interpretation_id__in=[pk for kind, pk in recurring if kind == "interpretation"]
    ).values_list("pk", "interpretation_id", "text"):
        conditions_of[interpretation_id].append((pk, text))
    condition_texts = {pk: text for conditions in conditions_of.values() for pk, text in conditions}
    first_night = min(nights)
    findings = what_comes_before(nights, recurring)
    month_start = today.replace(day=1)
    learned = []
    for dream in recurring:
        kind, pk = dream
        before = _without_echoes([_said(finding, condition_texts) for finding in findings[dream]])[
            :FINDINGS_SHOWN
        ]
        this_month_nights = [n for n in nights_of[dream] if month_start <= n <= today]
        earlier_nights = [n for n in nights_of[dream] if n < month_start]
        mix = over_represented(
            [_scenario_signals(nights[n]) for n in this_month_nights],
            [_scenario_signals(nights[n]) for n in earlier_nights],
        )
        learned.append(
            DreamConditions(
                label=labels.get(dream, ""),
                nights=len(nights_of[dream]),
                is_interpretation=kind == "interpretation",
                before=before,
                confirmed=_tallies(conditions_of[pk], entries_of[pk], answers)
                if kind == "interpretation"
                else [],
                this_month=month_against_history(nights_of[dream], first_night, today),
                distress=distress_against_history(
                    [rating for night, rating in ratings_of[dream] if month_start <= night],
                    [rating for night, rating in ratings_of[dream] if night < month_start],
                ),
                mix_this_month=[
                    Learned("scenario", labels.get(("scenario", int(f.signal)), ""), f)
                    for f in mix[:FINDINGS_SHOWN]
                ],
            )
        )
    return learned


def _scenario_signals(night: Night) -> frozenset[str]:
    dreams: frozenset[tuple[str, int]] = night.dreams  # type: ignore[assignment]  # as built above
    return frozenset(str(pk) for kind, pk in dreams if kind == "scenario")


def _said(finding: Finding, condition_texts: dict[int, str]) -> Learned | None:
    kind, _, value = finding.signal.partition(":")
    if kind == CONDITION:
        text = condition_texts.get(int(value))
        return Learned(kind, text, finding) if text else None
    return Learned(kind, value, finding)


def _without_echoes(learned: list[Learned | None]) -> list[Learned]:
    """The findings, less a word of the notes that repeats a life tag found too (the tag
    "deadline" and the word "deadline" are one finding)."""
    found = [item for item in learned if item is not None]
    tags = {item.label for item in found if item.kind == LIFE}
    return [item for item in found if not (item.kind == WORD and item.label in tags)]


def _tallies(conditions, dream_entries, answers) -> list[ConditionTally]:
    """How often the person said yes to each of the article's conditions, on the nights the
    dream came."""
    yes: dict[int, int] = defaultdict(int)
    answered: dict[int, int] = defaultdict(int)
    for entry_id, condition_id, answer in answers:
        if entry_id in dream_entries:
            answered[condition_id] += 1
            yes[condition_id] += answer == Answer.YES
    return [ConditionTally(text, yes[pk], answered[pk]) for pk, text in conditions]
