"""A journal with one recurring dream (an interpretation and its scenario) and one that came
once, for the plans' tests."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from interpretations.models import Interpretation, NextStage, TagKind
from journal.models import Profile
from tests.factories import EntryFactory


def text_of(response) -> str:
    """A response's text with its white space run together."""
    return re.sub(r"\s+", " ", response.content.decode())


def dream(user, night, interpretation=None, *, distress=None, scenarios=(), waking_life=""):
    return EntryFactory(
        user=user,
        night=night,
        narrative="I ran along a corridor that never ended.",
        interpretation=interpretation,
        distress=distress,
        waking_life=waking_life,
        kept_tags=scenarios,
    )


@pytest.fixture
def library(db):
    running = Interpretation.objects.create(
        title="Running Hard but Going Nowhere", source="going-nowhere.txt"
    )
    turning = Interpretation.objects.create(title="Turning to Face It", source="turning.txt")
    NextStage.objects.create(
        interpretation=running,
        target_title="Turning to Face It",
        target=turning,
        condition="If you stopped and looked back",
        note="the chase ends when you face it",
    )
    corridor = running.tags.create(kind=TagKind.SCENARIO, label="the corridor stretched as I ran")
    return SimpleNamespace(running=running, turning=turning, corridor=corridor)


@pytest.fixture
def today(user):
    return Profile.for_user(user).today()


@pytest.fixture
def journal(user, library, today):
    """Running came on four nights (the last three weeks), Turning once."""
    for days, distress in ((20, 4), (13, 3), (6, 4), (2, None)):
        dream(
            user,
            today - dt.timedelta(days=days),
            library.running,
            distress=distress,
            scenarios=[library.corridor],
            waking_life=f"Deadline, {days} days ago",
        )
    dream(user, today - dt.timedelta(days=1), library.turning, distress=1)
    return user
