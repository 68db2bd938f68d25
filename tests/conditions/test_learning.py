"""What a journal teaches about its recurring dreams, in a fixed number of queries."""

import datetime as dt

import pytest

from conditions.learning import learn_conditions
from conditions.models import Answer, CheckIn, LifeTag
from interpretations.models import ArrivalCondition, Interpretation
from journal.models import Entry

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def interpretation(db):
    interpretation = Interpretation.objects.create(title="Running and getting nowhere")
    ArrivalCondition.objects.create(interpretation=interpretation, text="Effort without result.")
    return interpretation


def log(user, night, interpretation=None, notes="", tags=()):
    entry = Entry.objects.create(
        user=user,
        night=night,
        narrative="A dream.",
        waking_life=notes,
        interpretation=interpretation,
    )
    for name in tags:
        LifeTag.add_to(entry, name)
    return entry


def every(days, count, start=dt.date(2026, 1, 5)):
    return [start + dt.timedelta(days=days * n) for n in range(count)]


def test_a_condition_that_comes_before_a_dream_is_learned(user, interpretation):
    nights = every(5, 30)
    for n, night in enumerate(nights):
        if n % 3 == 0:
            entry = log(user, night, interpretation, "Deadline again.", tags=["deadline"])
            CheckIn.objects.create(
                entry=entry,
                condition=interpretation.arrival_conditions.get(),
                answer=Answer.YES if n % 2 == 0 else Answer.NO,
            )
        else:
            log(user, night, notes="A quiet week, the garden.", tags=["garden"])

    (learned,) = learn_conditions(user, TODAY)
    assert learned.label == "Running and getting nowhere"
    assert learned.nights == 10
    signals = {(item.kind, item.label) for item in learned.before}
    assert ("life", "deadline") in signals
    assert ("word", "deadline") not in signals  # the same finding as the tag
    deadline = next(item for item in learned.before if item.label == "deadline")
    assert (deadline.finding.nights_with, deadline.finding.nights) == (10, 10)
    (tally,) = learned.confirmed
    assert (tally.text, tally.yes, tally.answered) == ("Effort without result.", 5, 10)


def test_too_few_nights_teach_nothing(user, interpretation):
    for night in every(5, 4):
        log(user, night, interpretation, tags=["deadline"])
    for night in every(5, 20, start=dt.date(2026, 6, 1)):
        log(user, night)
    assert learn_conditions(user, TODAY) == []


def test_an_empty_journal(user):
    assert learn_conditions(user, TODAY) == []


def test_another_users_journal_is_not_read(user, other_user, interpretation):
    for night in every(5, 10):
        log(other_user, night, interpretation, tags=["deadline"])
    assert learn_conditions(user, TODAY) == []


def test_a_fixed_number_of_queries(user, interpretation, django_assert_max_num_queries):
    for n, night in enumerate(every(3, 60)):
        log(user, night, interpretation if n % 2 else None, f"note {n}", tags=[f"t{n % 7}"])
    with django_assert_max_num_queries(5):
        learn_conditions(user, TODAY)


def test_a_more_upsetting_month_is_said(user, interpretation):
    november = [dt.date(2026, 11, day) for day in (1, 4, 7, 10)]
    for night in every(7, 40, start=dt.date(2026, 1, 1)) + november:
        entry = log(user, night, interpretation)
        entry.distress = 4 if night in november else 1
        entry.save()
    (learned,) = learn_conditions(user, TODAY)
    assert learned.distress is not None
    assert (learned.distress.mean_this_month, learned.distress.mean_before) == (4, 1)
