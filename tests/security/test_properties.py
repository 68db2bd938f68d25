"""Property tests: any text, any unicode, huge and empty input never crash the parsers, the
matcher or the entry form, and never give an inconsistent result.

Kept fast for CI (both databases): modest example counts, no deadline (CI machines vary)."""

import datetime as dt
import uuid
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from interpretations.article import ArticleError
from interpretations.matching import Matcher
from interpretations.parsing import parse_article
from journal.dreambank import EARLIEST_YEAR, DreamBankError, parse_dream_date, read_dreambank_tsv
from journal.forms import EntryForm
from journal.models import NARRATIVE_MAX_LENGTH, Entry, EntryTag, Profile
from tests.conftest import ARTICLE_JSON_KEYS, matcher_for_folder

CATALOG = Path(__file__).resolve().parents[2] / "interpretations" / "catalog"
TODAY = dt.date(2026, 11, 21)
FAST = settings(max_examples=60, deadline=None)

# Any unicode (controls, surrogates left out: they cannot reach us through UTF-8 forms).
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)
article_lines = st.sampled_from(
    [
        "Quick Answer",
        "Common Scenarios",
        "What the Body Registered",
        "When This Dream Arrives",
        "FAQ",
        "Next Stages",
        "The Morning After",
        "The Sentence This Dream Was Trying to Say",
        "  • I ran and ran → you feel stuck",
        "  • → nothing before the arrow",
        "  • nothing after the arrow →",
        "If you turn → Turning Round — facing it",
        "Woke up with heavy legs → tiredness",
        "What does it mean? It means you are tired.",
        "",
        "<script>alert(1)</script>",
        "Ωμέγα 🌙 \u200b\u202e",
        "→ → →",
        "8 min read",
    ]
)


# --- The article parser -------------------------------------------------------------------


def _assert_article_consistent(article, source: str) -> None:
    data = article.as_dict()
    assert list(data) == ARTICLE_JSON_KEYS
    assert data["source"] == source
    assert article.title.strip()
    for pair in (*article.scenarios, *article.markers):
        assert pair.label.strip(), "a scenario or marker with an empty label"
        assert "→" not in pair.label.strip()[:1]
    assert all(point.strip() for point in article.quick_answer)
    assert all(text.strip() for text in article.arrival_conditions)
    assert all(entry.answer.strip() for entry in article.faq)
    assert all(stage.target.strip() for stage in article.next_stages)


@FAST
@given(st.lists(article_lines | any_text, max_size=40).map("\n".join))
def test_parser_reads_or_refuses_any_text(text):
    try:
        article = parse_article(text, "any.txt")
    except ArticleError as error:
        assert str(error)
        return
    _assert_article_consistent(article, "any.txt")
    assert parse_article(text, "any.txt") == article  # deterministic


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(sorted(CATALOG.glob("*.txt"))), any_text, st.integers(0, 5_000))
def test_parser_survives_noise_spliced_into_a_real_article(path, noise, at):
    text = path.read_text(encoding="utf-8")
    at = min(at, len(text))
    spliced = text[:at] + noise + text[at:]
    try:
        _assert_article_consistent(parse_article(spliced, path.name), path.name)
    except ArticleError as error:
        assert str(error)


def test_parser_on_empty_and_huge_input():
    for text in ("", " ", "\n" * 1000, "\x00", "→" * 10_000):
        with pytest.raises(ArticleError):
            parse_article(text, "x.txt")
    huge = (CATALOG / "caught.txt").read_text(encoding="utf-8") * 25  # about 200,000 chars
    try:
        _assert_article_consistent(parse_article(huge, "huge.txt"), "huge.txt")
    except ArticleError as error:
        assert str(error)


# --- The DreamBank date parser --------------------------------------------------------------

date_parts = st.one_of(
    st.integers(0, 3000).map(str),
    st.integers(0, 99).map(lambda n: f"{n:02d}"),
    st.sampled_from(["??", "?", "--", "-", "", "0", "00", "1e3", "١٢"]),
)
date_shaped = st.builds(
    lambda a, sep1, b, sep2, c, wrap: wrap.format(f"{a}{sep1}{b}{sep2}{c}"),
    date_parts,
    st.sampled_from(["-", "/", ".", " ", ""]),
    date_parts,
    st.sampled_from(["-", "/", ".", " ", ""]),
    date_parts,
    st.sampled_from(["({})", "{}", "( {} )", "({} (12))", "({} [?])", "[{}]"]),
)


@FAST
@given(st.one_of(date_shaped, any_text))
def test_a_date_gives_a_night_xor_a_problem(raw):
    reading = parse_dream_date(raw, TODAY)
    assert (reading.night is None) != (reading.problem == "")
    if reading.night is not None:
        assert dt.date(EARLIEST_YEAR, 1, 1) <= reading.night <= TODAY
    assert parse_dream_date(raw, TODAY) == reading


@FAST
@given(st.lists(st.tuples(any_text, date_shaped, any_text), max_size=8), st.booleans())
def test_a_tsv_reads_or_says_why(rows, with_header):
    lines = (["n\tdate\tdream"] if with_header else []) + ["\t".join(row) for row in rows]
    try:
        records = read_dreambank_tsv("\n".join(lines), TODAY)
    except DreamBankError as error:
        assert str(error)
        return
    for record in records:
        assert (record.night is None) == bool(record.problem)


# --- The matcher --------------------------------------------------------------------------


@cache
def catalog_matcher() -> Matcher:
    return matcher_for_folder(CATALOG)


DREAM_WORDS = (
    "I was running my legs heavy like concrete could not move road stretched chased "
    "didn't escape never caught woke breathless chest tight frozen syrup treadmill "
    "NOT Running LEGS naïve 走る 🏃 — , . ! ? ' \" ( )"
)
dream_words = st.sampled_from(DREAM_WORDS.split())
dream_text = st.lists(st.one_of(dream_words, any_text), max_size=60).map(" ".join)


def _assert_match_consistent(narrative: str, body: str) -> None:
    matcher = catalog_matcher()
    result = matcher.match(narrative, body, limit=5)
    for matches in (result.scenarios, result.markers):
        assert len(matches) <= 5
        scores = [match.score for match in matches]
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= score <= 1 for score in scores)
        for match in matches:
            assert match.matched
            assert all(words in narrative or words in body for words in match.matched)
    if result.interpretation is not None:
        assert 0 <= result.interpretation.score <= 1
        # Every attached interpretation shows the dreamer's own words behind it.
        assert result.interpretation.matched
        assert all(words in narrative or words in body for words in result.interpretation.matched)
    assert matcher.match(narrative, body, limit=5) == result  # deterministic


@FAST
@given(dream_text, dream_text)
def test_matcher_on_any_text(narrative, body):
    _assert_match_consistent(narrative, body)


def test_matcher_on_empty_and_huge_text():
    _assert_match_consistent("", "")
    _assert_match_consistent(" \n\t", "")
    running = "I was running but my legs felt like concrete and the road stretched. "
    _assert_match_consistent(running * (NARRATIVE_MAX_LENGTH // len(running)), "heavy " * 300)
    _assert_match_consistent("🏃" * NARRATIVE_MAX_LENGTH, "")
    _assert_match_consistent("not " * 5_000, "never " * 400)


# --- The entry form -----------------------------------------------------------------------


field_text = st.one_of(st.just(""), any_text, dream_text)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    narrative=field_text,
    title=st.one_of(field_text, st.text(min_size=190, max_size=220)),
    waking_body=field_text,
    waking_life=field_text,
    night=st.one_of(
        st.dates(dt.date(1900, 1, 1), dt.date(2026, 1, 1)).map(str),
        st.dates(dt.date(1850, 1, 1), dt.date(2100, 1, 1)).map(str),
        any_text,
    ),
    intensity=st.one_of(st.integers(1, 5).map(str), st.integers(-2, 8).map(str), any_text),
    emotions=st.lists(st.sampled_from(["fear", "joy", "calm", "bogus", ""]), max_size=2),
    scenarios=st.lists(st.one_of(st.integers(1, 40).map(str), any_text), max_size=2),
    interpretation_choice=st.sampled_from(["auto", "none", "999999", "x", ""]),
)
def test_entry_form_is_valid_or_says_why_and_never_half_writes(
    user,
    catalog,
    narrative,
    title,
    waking_body,
    waking_life,
    night,
    intensity,
    emotions,
    scenarios,
    interpretation_choice,
):
    assume("\x00" not in narrative + title + waking_body + waking_life)  # PostgreSQL refuses NUL
    data = {
        "narrative": narrative,
        "title": title,
        "waking_body": waking_body,
        "waking_life": waking_life,
        "night": night,
        "intensity": intensity,
        "emotions": emotions,
        "scenarios": scenarios,
        "interpretation_choice": interpretation_choice,
        "submission_token": str(uuid.uuid4()),
    }
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    before = (Entry.objects.count(), EntryTag.objects.count())
    form = EntryForm(query, user=user, profile=Profile.for_user(user))
    if not form.is_valid():
        assert form.errors
        assert all(message.strip() for errors in form.errors.values() for message in errors)
        assert (Entry.objects.count(), EntryTag.objects.count()) == before
        return
    event("valid")
    entry = form.save_entry()
    assert entry is not None and entry.pk
    entry.refresh_from_db()
    assert entry.user_id == user.pk
    assert entry.narrative == form.cleaned_data["narrative"]
    assert entry.waking_life == form.cleaned_data["waking_life"]
    assert entry.intensity is None or 1 <= entry.intensity <= 5
    assert dt.date(1900, 1, 1) <= entry.night
    accepted = set(entry.tags.filter(accepted=True).values_list("tag_id", flat=True))
    ticked = {tag.pk for tag in form.cleaned_data["scenarios"]}
    # Besides the ticked ones, only confident suggestions nobody was shown (keeps_by_default).
    by_default = set(entry.tags.filter(origin="suggested").values_list("tag_id", flat=True))
    assert ticked <= accepted and accepted - ticked <= by_default
    assert Entry.objects.count() == before[0] + 1


def _form(user, **fields) -> EntryForm:
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data.update(
        {
            "night": "2026-10-01",
            "intensity": "3",
            "interpretation_choice": "auto",
            "submission_token": str(uuid.uuid4()),
        }
    )
    for key, value in fields.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return EntryForm(data, user=user, profile=Profile.for_user(user))


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    narrative=st.one_of(dream_text, any_text).filter(lambda text: text.strip()),
    waking_body=st.one_of(dream_text, any_text).map(lambda text: text[:2_000]),
    waking_life=any_text,
    title=any_text.map(lambda text: text[:200]),
)
def test_any_text_in_a_well_formed_entry_saves_whole(
    user, catalog, narrative, waking_body, waking_life, title
):
    assume("\x00" not in narrative + title + waking_body + waking_life)  # PostgreSQL refuses NUL
    form = _form(
        user, narrative=narrative, waking_body=waking_body, waking_life=waking_life, title=title
    )
    assert form.is_valid(), form.errors
    entry = form.save_entry()
    entry.refresh_from_db()
    # Stored as the form cleaned it (Django's CharField strips the ends).
    assert entry.narrative == narrative.strip()
    assert entry.title == title.strip() and entry.waking_life == waking_life.strip()
    suggested = entry.tags.exclude(score=None).count()
    assert suggested == entry.tags.filter(origin="suggested").count()


def test_a_failure_while_tagging_writes_nothing(user, catalog, monkeypatch):
    """Saving is one transaction: if the tags cannot be written, the entry is not either."""

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(EntryTag.objects, "bulk_create", fail)
    form = _form(user, narrative="I ran but my legs were concrete.")
    assert form.is_valid()
    with pytest.raises(RuntimeError):
        form.save_entry()
    assert not Entry.objects.filter(user=user).exists()
    assert not EntryTag.objects.exists()
