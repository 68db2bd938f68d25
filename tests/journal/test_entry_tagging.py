"""Re-scoring saved entries when the library changes, and the rescore command."""

import datetime as dt

from django.core.management import call_command

from interpretations.models import Interpretation, Tag, TagKind, library_changed
from journal.models import Entry, EntryTag, Origin
from journal.tagging import rescore_entries, suggest
from tests.factories import EntryFactory, TagFactory

NARRATIVE = (
    "I was running from something in a dark street but my legs felt like concrete. "
    "The road kept stretching out the faster I ran and I got nowhere."
)


def saved_entry(user, narrative=NARRATIVE, **kwargs) -> Entry:
    entry = EntryFactory(user=user, narrative=narrative)
    result = suggest(narrative)
    entry.set_interpretation(result, kwargs.pop("choice", "auto"))
    entry.save()
    entry.replace_tags(result, **({"accepted": []} | kwargs))
    return entry


def changed_everywhere() -> None:
    """Bulk updates of the library are announced like any change."""
    library_changed(Interpretation.objects.values_list("pk", flat=True))


def test_rescore_replaces_open_suggestions_and_keeps_what_the_user_kept(user, catalog):
    added = Tag.objects.filter(kind=TagKind.SCENARIO).exclude(label__icontains="run").first()
    entry = saved_entry(user, accepted=[added.pk])
    suggested_ids = set(
        entry.tags.filter(accepted=False, tag__kind=TagKind.SCENARIO).values_list("tag", flat=True)
    )
    assert suggested_ids
    # The library changes: every suggested scenario is rewritten out of recognition.
    Tag.objects.filter(pk__in=suggested_ids).update(label="Juggling pineapples", meaning="")
    changed_everywhere()

    assert rescore_entries() == 1
    entry.refresh_from_db()
    assert not entry.tags.filter(tag__in=suggested_ids).exists()
    kept = entry.tags.get(tag=added)
    assert kept.accepted and kept.origin == Origin.USER


def test_rescore_never_changes_an_interpretation_the_user_chose(user, catalog):
    chosen = Interpretation.objects.order_by("title").first()
    entry = saved_entry(user, choice=str(chosen.pk))
    Tag.objects.filter(kind=TagKind.SCENARIO).update(label="Juggling pineapples", meaning="")
    changed_everywhere()
    rescore_entries()
    entry.refresh_from_db()
    assert entry.interpretation == chosen and entry.interpretation_origin == Origin.USER


def test_rescore_moves_a_suggested_interpretation(user, catalog):
    entry = saved_entry(user)
    assert entry.interpretation is not None
    # The matcher reads titles as well as scenarios and markers: rewrite them all.
    Interpretation.objects.update(title="Juggling pineapples")
    Tag.objects.update(label="Juggling pineapples", meaning="")
    changed_everywhere()
    rescore_entries(Entry.objects.filter(pk=entry.pk))
    entry.refresh_from_db()
    assert entry.interpretation is None and not entry.tags.exists()


def test_rescore_skips_deleted_entries_and_command_reports(user, catalog, capsys):
    entry = saved_entry(user)
    entry.soft_delete()
    EntryTag.objects.filter(entry=entry).delete()
    call_command("rescore_entries")
    assert "Re-scored 0 entries" in capsys.readouterr().out
    assert not entry.tags.exists()


def test_rescore_command_for_one_user(user, other_user, catalog, capsys):
    saved_entry(user)
    saved_entry(other_user)
    call_command("rescore_entries", user=user.username)
    assert "Re-scored 1 entries" in capsys.readouterr().out
    call_command("rescore_entries", user="nobody-here")
    assert "No entries for user 'nobody-here'" in capsys.readouterr().out


def test_display_title_is_derived_from_the_narrative(user, db):
    entry = Entry(user=user, night=dt.date(2026, 1, 1), narrative="The stairs went down. Then up.")
    assert entry.display_title == "The stairs went down"
    entry.title = "Stairs"
    assert entry.display_title == "Stairs"


def test_tag_rows_keep_suggestions_and_what_the_user_added():
    from interpretations.matching import Tag, TagMatch
    from journal.models import tag_rows

    def match(key):
        return TagMatch(Tag(key, "scenario", f"label {key}", "", 1), 0.8, ("ran",))

    rows = tag_rows([match(1), match(2)], accepted={2, 7, 9}, origins={9: Origin.SUGGESTED})
    assert [(r.tag_id, r.origin, r.accepted) for r in rows] == [
        (1, Origin.SUGGESTED, False),
        (2, Origin.SUGGESTED, True),
        (7, Origin.USER, True),
        (9, Origin.SUGGESTED, True),  # suggested once, kept since: still says so
    ]
    assert rows[1].matched == ["ran"] and rows[2].score is None


def test_a_withdrawn_interpretation_the_user_chose_can_still_be_kept(user, catalog):
    from journal.forms import EntryForm
    from journal.models import Profile

    chosen = Interpretation.objects.first()
    entry = saved_entry(user, choice=str(chosen.pk))
    Interpretation.objects.filter(pk=chosen.pk).update(published=False)
    entry.refresh_from_db()
    form = EntryForm(
        {
            "narrative": entry.narrative,
            "night": "2026-11-01",
            "intensity": "3",
            "revision": str(entry.revision),
            "interpretation_choice": str(chosen.pk),
        },
        instance=entry,
        user=user,
        profile=Profile.for_user(user),
    )
    assert form.is_valid(), form.errors
    assert form.save_entry().interpretation == chosen


def entry_form(user, entry=None, **data):
    from journal.forms import EntryForm
    from journal.models import Profile

    fields = {"narrative": NARRATIVE, "night": "2026-11-01", "intensity": "3"}
    if entry is not None:
        fields["revision"] = str(entry.revision)
    return EntryForm(
        fields | data,
        instance=entry or Entry(),
        user=user,
        profile=Profile.for_user(user),
    )


def test_a_drafts_scenario_cannot_be_put_on_an_entry(client, user, catalog):
    secret = TagFactory(
        interpretation__title="Unpublished draft",
        interpretation__published=False,
        label="a label still in review",
    )
    client.force_login(user)
    response = client.post(
        "/entries/new/",
        {
            "narrative": NARRATIVE,
            "night": "2026-11-01",
            "intensity": "3",
            "interpretation_choice": "auto",
            "scenarios": [str(secret.pk)],
        },
    )
    assert response.status_code == 200
    assert f"Scenario {secret.pk} is not in the library" in response.content.decode()
    assert "a label still in review" not in response.content.decode()
    assert not Entry.objects.filter(user=user).exists()


def test_a_withdrawn_interpretations_tag_already_on_the_entry_can_be_kept(user, catalog):
    entry = saved_entry(user)
    entry_tag = entry.tags.filter(tag__kind=TagKind.SCENARIO).select_related("tag").first()
    Interpretation.objects.filter(pk=entry_tag.tag.interpretation_id).update(published=False)
    entry.refresh_from_db()
    form = entry_form(user, entry, scenarios=[str(entry_tag.tag_id)])
    assert form.is_valid(), form.errors
    form.save_entry()
    assert entry.tags.get(tag_id=entry_tag.tag_id).accepted
    # The same scenario is still refused on an entry that never carried it.
    assert not entry_form(user, scenarios=[str(entry_tag.tag_id)]).is_valid()


def test_rescore_leaves_alone_an_entry_its_owner_saved_meanwhile(user, catalog, monkeypatch):
    from django.db.models import F

    from journal import tagging

    entry = saved_entry(user)
    chosen = Interpretation.objects.exclude(pk=entry.interpretation_id).first()
    matcher = tagging.current_matcher()

    class OwnerSavesDuringMatching:
        """The owner picks an interpretation while the re-scoring is matching."""

        def match(self, *args, **kwargs):
            Entry.objects.filter(pk=entry.pk).update(
                interpretation=chosen,
                interpretation_origin=Origin.USER,
                revision=F("revision") + 1,
            )
            return matcher.match(*args, **kwargs)

    monkeypatch.setattr(tagging, "current_matcher", OwnerSavesDuringMatching)
    assert rescore_entries() == 0
    entry.refresh_from_db()
    assert entry.interpretation == chosen and entry.interpretation_origin == Origin.USER
