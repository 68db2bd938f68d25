"""Life tags and check-ins on the entry page: one's own entries only, with clear errors."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conditions.models import LIFE_TAGS_PER_ENTRY, Answer, CheckIn, EntryLifeTag, LifeTag
from interpretations.models import ArrivalCondition, Interpretation
from journal.models import Entry, Profile

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def interpretation(db):
    interpretation = Interpretation.objects.create(title="Running and getting nowhere")
    ArrivalCondition.objects.create(
        interpretation=interpretation, text="Effort going into something that will not move."
    )
    ArrivalCondition.objects.create(interpretation=interpretation, text="Avoiding a talk.")
    return interpretation


@pytest.fixture
def entry(user, interpretation):
    return Entry.objects.create(
        user=user,
        night=dt.date(2026, 11, 1),
        narrative="I ran and ran.",
        waking_life="Two deadlines at work and a flight on Friday.",
        interpretation=interpretation,
    )


def add_url(entry):
    return reverse("life_tag_add", args=[entry.pk])


def test_the_entry_page_shows_suggestions_and_questions(signed_in, entry):
    page = signed_in.get(entry.get_absolute_url()).content.decode()
    assert "What was going on" in page
    assert "+ deadline" in page and "you wrote “deadlines”" in page
    assert "Effort going into something that will not move." in page


def test_a_tag_is_added_once_and_the_patterns_cache_moves_on(signed_in, user, entry):
    version = Profile.for_user(user).journal_version
    for _ in range(2):
        response = signed_in.post(add_url(entry), {"name": " Deadline "}, **HTMX)
        assert response.status_code == 200
    assert list(entry.life_tags.values_list("life_tag__name", flat=True)) == ["deadline"]
    assert LifeTag.objects.filter(user=user).count() == 1
    assert Profile.objects.get(user=user).journal_version > version
    assert "+ deadline" not in response.content.decode()


def test_without_javascript_the_entry_page_comes_back(signed_in, entry):
    response = signed_in.post(add_url(entry), {"name": "exams"})
    assert response.status_code == 302
    assert response["Location"] == entry.get_absolute_url()


@pytest.mark.parametrize("name", ["", "   ", "x" * 41])
def test_bad_names_are_refused_with_a_message(signed_in, entry, name):
    response = signed_in.post(add_url(entry), {"name": name}, **HTMX)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not LifeTag.objects.exists()


def test_an_entry_holds_a_limited_number_of_tags(signed_in, entry):
    for n in range(LIFE_TAGS_PER_ENTRY):
        signed_in.post(add_url(entry), {"name": f"tag {n}"}, **HTMX)
    response = signed_in.post(add_url(entry), {"name": "one more"}, **HTMX)
    assert response.status_code == 400
    assert "at most" in response.content.decode()
    assert entry.life_tags.count() == LIFE_TAGS_PER_ENTRY


def test_removing_a_tag(signed_in, entry):
    signed_in.post(add_url(entry), {"name": "travel"}, **HTMX)
    tag = LifeTag.objects.get()
    response = signed_in.post(reverse("life_tag_remove", args=[entry.pk, tag.pk]), **HTMX)
    assert response.status_code == 200
    assert not EntryLifeTag.objects.exists()
    assert signed_in.post(reverse("life_tag_remove", args=[entry.pk, tag.pk])).status_code == 404


def test_a_check_in_is_remembered_and_changed(signed_in, entry, interpretation):
    condition = interpretation.arrival_conditions.first()
    url = reverse("check_in", args=[entry.pk, condition.pk])
    signed_in.post(url, {"answer": "yes"}, **HTMX)
    response = signed_in.post(url, {"answer": "unsure"}, **HTMX)
    assert response.status_code == 200
    assert CheckIn.objects.get().answer == Answer.UNSURE
    assert 'aria-pressed="true">Not sure' in response.content.decode()


def test_bad_answers_and_foreign_conditions(signed_in, user, entry):
    condition = entry.interpretation.arrival_conditions.first()
    url = reverse("check_in", args=[entry.pk, condition.pk])
    assert signed_in.post(url, {"answer": "maybe"}).status_code == 400
    other = Interpretation.objects.create(title="Teeth")
    foreign = ArrivalCondition.objects.create(interpretation=other, text="Something else.")
    url = reverse("check_in", args=[entry.pk, foreign.pk])
    assert signed_in.post(url, {"answer": "yes"}).status_code == 404
    plain = Entry.objects.create(user=user, night=dt.date(2026, 11, 2), narrative="A kitchen.")
    url = reverse("check_in", args=[plain.pk, condition.pk])
    assert signed_in.post(url, {"answer": "yes"}).status_code == 404
    assert not CheckIn.objects.exists()


def test_another_users_entry_is_not_found(client, other_user, entry, interpretation):
    client.force_login(other_user)
    condition = interpretation.arrival_conditions.first()
    tag = LifeTag.add_to(entry, "deadline")
    for url in (
        add_url(entry),
        reverse("life_tag_remove", args=[entry.pk, tag.pk]),
        reverse("check_in", args=[entry.pk, condition.pk]),
    ):
        assert client.post(url, {"name": "x", "answer": "yes"}).status_code == 404
    assert entry.life_tags.count() == 1
    assert not LifeTag.objects.filter(user=other_user).exists()


def test_deleted_entries_take_no_tags(signed_in, entry):
    entry.soft_delete()
    assert signed_in.post(add_url(entry), {"name": "x"}).status_code == 404


def test_csrf_is_required(user, entry):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(add_url(entry), {"name": "deadline"}, **HTMX).status_code == 403


def test_signed_out_is_sent_to_log_in(client, entry):
    response = client.post(add_url(entry), {"name": "deadline"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_get_is_not_allowed(signed_in, entry):
    assert signed_in.get(add_url(entry)).status_code == 405


def test_the_learned_page_explains_itself_when_nothing_is_known(signed_in):
    response = signed_in.get(reverse("learned_conditions"))
    assert response.status_code == 200
    assert "Once a dream has come on 5 nights or more" in response.content.decode()


def test_the_learned_page_shows_a_finding_with_its_count(signed_in, user, interpretation):
    for n in range(30):
        entry = Entry.objects.create(
            user=user,
            night=dt.date(2026, 1, 1) + dt.timedelta(days=5 * n),
            narrative="A dream.",
            interpretation=interpretation if n % 3 == 0 else None,
        )
        LifeTag.add_to(entry, "deadline" if n % 3 == 0 else "garden")
    page = signed_in.get(reverse("learned_conditions")).content.decode()
    assert "You tagged <strong>deadline</strong>:" in page
    assert "10 of its 10 nights, against 0 of your 20 other nights with notes." in page


def test_the_learned_page_needs_a_login(client):
    response = client.get(reverse("learned_conditions"))
    assert response.status_code == 302


def test_life_tags_and_check_ins_go_out_with_the_export_and_back_in(user, entry, tmp_path):
    import json
    from io import StringIO

    from django.core.management import call_command

    from journal.exporting import export_document
    from tests.factories import UserFactory

    entry.interpretation.source = "running.txt"
    entry.interpretation.save()
    entry.interpretation_origin = "user"  # chosen, so the import keeps it as it is
    entry.save()
    LifeTag.add_to(entry, "deadline")
    CheckIn.record(entry, entry.interpretation.arrival_conditions.first(), Answer.YES)
    document = export_document(user)
    (item,) = document["entries"]
    assert item["life_tags"] == ["deadline"]
    assert item["check_ins"] == [
        {"condition": "Effort going into something that will not move.", "answer": "yes"}
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    fresh = UserFactory()
    call_command("import_dreams", str(path), "--user", fresh.username, stdout=StringIO())
    assert export_document(fresh)["entries"] == document["entries"]


@pytest.mark.parametrize(
    "context",
    [
        {"life_tags": "deadline"},
        {"life_tags": ["x" * 41]},
        {"life_tags": [f"tag {n}" for n in range(LIFE_TAGS_PER_ENTRY + 1)]},
        {"check_ins": [{"condition": "Effort.", "answer": "maybe"}]},
        {"check_ins": ["yes"]},
    ],
)
def test_bad_life_context_in_an_import_is_named(user, tmp_path, context):
    import json
    from io import StringIO

    from django.core.management import CommandError, call_command

    item = {"night": "2026-11-01", "narrative": "A dream."} | context
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "dream-journal", "version": 3, "entries": [item]}))
    out = StringIO()
    try:
        call_command("import_dreams", str(path), "--user", user.username, stdout=out, stderr=out)
    except CommandError as error:
        out.write(str(error))
    assert "life_tags" in out.getvalue() or "check_ins" in out.getvalue()
    assert not Entry.objects.filter(user=user).exists()


def test_the_panel_costs_two_queries_on_the_entry_page(signed_in, entry):
    LifeTag.add_to(entry, "deadline")
    CheckIn.record(entry, entry.interpretation.arrival_conditions.first(), Answer.YES)
    signed_in.get(entry.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        signed_in.get(entry.get_absolute_url())
    panel = [q for q in queries.captured_queries if "conditions_" in q["sql"]]
    assert len(panel) == 2
