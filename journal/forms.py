"""Logging or editing a dream: the entry form and the fields of its tag chips."""

import uuid
from functools import partial
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import QueryDict
from django.utils.choices import CallableChoiceIterator
from django.utils.functional import cached_property
from django.utils.text import Truncator

from interpretations.library import current_matcher
from interpretations.models import Interpretation, Tag, TagKind
from journal.date_words import day_words
from journal.models import (
    DISTRESS_MAX,
    EARLIEST_NIGHT,
    NARRATIVE_MAX_LENGTH,
    Emotion,
    Entry,
    EntryTag,
    Profile,
    shortened,
)
from journal.tagging import SUGGESTION_LIMIT, kept_by_default


class StaleEntryError(Exception):
    """The entry was saved elsewhere after this form was opened."""


def _library_choices(tags) -> list[tuple[str, list[tuple[int, str]]]]:
    """Tags grouped under their interpretation's title, for a <select>."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for pk, label, title in tags.values_list("pk", "label", "interpretation__title"):
        groups.setdefault(title, []).append((pk, Truncator(label).chars(90)))
    return list(groups.items())


# The largest id a database row can have (a 64-bit primary key).
LARGEST_ID = 2**63 - 1


def row_id(value: str) -> int | None:
    """The row id written in value (ASCII digits), or None when value cannot be one: no row has
    a larger id, and SQLite overflows on one where PostgreSQL finds nothing."""
    if not (value.isascii() and value.isdecimal()) or len(value) > len(str(LARGEST_ID)):
        return None
    number = int(value)
    return number if number <= LARGEST_ID else None


class TagsField(forms.ModelMultipleChoiceField):
    """Tag ids; one too large for any row is unknown like any missing id, checked before
    the query."""

    def clean(self, value):
        for pk in value or ():
            if str(pk).isdecimal() and row_id(str(pk)) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": Truncator(str(pk)).chars(24)},
                )
        return super().clean(value)


def add_field_name(kind: TagKind) -> str:
    """The <select> of the library's tags of this kind (kind.plural holds the chips)."""
    return f"add_{kind.plural}"


def tag_fields(kind: TagKind, chips) -> dict[str, TagsField]:
    """The form fields of one kind of tag: the chips ticked (hidden inputs, any of the tags
    chips) and the tags added from the library."""
    not_an_id = f"“%(pk)s” is not a {kind.label.lower()} id."
    return {
        kind.plural: TagsField(
            queryset=chips,
            required=False,
            widget=forms.MultipleHiddenInput,
            error_messages={
                "invalid_choice": f"{kind.label} %(value)s is not in the library (it may just "
                "have been removed). Reload the page to see the current suggestions.",
                "invalid_pk_value": not_an_id,
            },
        ),
        add_field_name(kind): TagsField(
            label=f"Add {kind.plural_label.lower()}",
            queryset=Tag.objects.filter(kind=kind).published(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "invalid_choice": f"{kind.label} %(value)s is not in the library.",
                "invalid_pk_value": not_an_id,
            },
        ),
    }


# More chip ids than a panel ever shows are ignored.
SHOWN_LIMIT = 50


class ShownTagsField(forms.Field):
    """The ids of the chips on the page when the form was sent, in their order: chips keep
    their places, and a suggestion the user has seen keeps the tick they left it with. Only
    the panel's layout follows from it, so anything that is not an id is ignored."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[int]:
        if not isinstance(value, list | tuple):
            return []
        ids = (row_id(str(item)) for item in value[:SHOWN_LIMIT])
        return [pk for pk in ids if pk is not None]


class EntryForm(forms.ModelForm):
    """Log or edit a dream, with the tags accepted from the suggestions or the library."""

    narrative = forms.CharField(
        label="What did you dream?",
        widget=forms.Textarea(attrs={"rows": 7, "autocomplete": "off", "spellcheck": "true"}),
        error_messages={"required": "Write down the dream before saving it, even a few words."},
    )
    emotions = forms.MultipleChoiceField(
        label="Emotions",
        choices=Emotion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "“%(value)s” is not one of the emotions offered."},
    )
    intensity = forms.TypedChoiceField(
        label="Intensity",
        # Unset unless the dreamer sets it: a dream nobody rated is not a middling one.
        choices=[("", "Skip"), *((n, str(n)) for n in range(1, 6))],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Intensity goes from 1 (faint) to 5 (overwhelming)."},
    )
    # Not a Meta field: the form's choices already hold it to 0-4, and as a model field the
    # database check constraint on it would cost every save a query to validate.
    distress = forms.TypedChoiceField(
        label="How upsetting was it?",
        # Not said unless the dreamer says: an unrated dream is not a calm one.
        choices=[("", "Skip"), *((n, str(n)) for n in range(DISTRESS_MAX + 1))],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": f"How upsetting it was goes from 0 (not at all) to {DISTRESS_MAX}."
        },
    )
    interpretation_choice = forms.CharField(
        label="Interpretation", initial="auto", required=False, widget=forms.Select
    )
    submission_token = forms.UUIDField(required=False, widget=forms.HiddenInput)
    revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    shown = ShownTagsField(required=False)

    class Meta:
        model = Entry
        fields = [
            "narrative",
            "night",
            "title",
            "waking_body",
            "emotions",
            "intensity",
            "lucid",
            "recurring",
            "waking_life",
        ]
        labels = {
            "night": "Night",
            "title": "Title (optional)",
            "waking_body": "How did your body feel on waking?",
            "lucid": "Lucid: I knew I was dreaming",
            "recurring": "I've had this dream before",
            "waking_life": "What is going on in your waking life?",
        }
        help_texts = {
            "night": "The evening the night began.",
            "title": "Left blank, the first sentence of the dream is used.",
        }
        widgets = {
            "night": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "waking_body": forms.Textarea(attrs={"rows": 2}),
            "waking_life": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, profile: Profile, with_library: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.profile = profile
        self.with_library = with_library
        # The title of the interpretation the suggestions panel shows, named in the menu.
        self.suggested_title = ""
        # The limit is checked on the server: a browser's maxlength would silently cut a
        # pasted dream short.
        self.fields["narrative"].widget.attrs.pop("maxlength", None)
        self.fields["night"].widget.attrs["max"] = profile.today().isoformat()
        self.fields["night"].widget.attrs["min"] = EARLIEST_NIGHT.isoformat()
        # The library is listed only when the form is shown: saving costs no query for it.
        self.fields["interpretation_choice"].widget.choices = CallableChoiceIterator(
            lambda: self._interpretation_choices
        )
        if self.instance.pk is None:
            self.initial.setdefault("night", profile.last_night())
            self.initial.setdefault("submission_token", uuid.uuid4())
            # Woken from a dream, the first thing to do is write it down.
            self.fields["narrative"].widget.attrs["autofocus"] = True
        else:
            self.initial.setdefault("revision", self.instance.revision)
            self.initial.setdefault("interpretation_choice", self.instance.interpretation_choice)
            self.initial.setdefault("distress", self.instance.distress)
        # Chips may name any published tag, or one this entry already carries (its
        # interpretation may have been withdrawn since); never a draft's, whose label
        # would then show on the entry.
        on_this_entry = EntryTag.objects.filter(entry_id=self.instance.pk).values("tag")
        for kind in TagKind:
            of_kind = Tag.objects.filter(kind=kind)
            chips = of_kind.published() | of_kind.filter(pk__in=on_this_entry)
            self.fields.update(tag_fields(kind, chips))
            if with_library:
                add = cast(TagsField, self.fields[add_field_name(kind)])
                add.widget.choices = CallableChoiceIterator(
                    partial(_library_choices, add.queryset.order_by("interpretation__title"))  # type: ignore[union-attr]  # given above
                )

    @cached_property
    def _interpretation_choices(self) -> list[tuple[str, str]]:
        suggested = self.suggested_title or "none fits so far"
        choices = [("auto", f"Suggested: {shortened(suggested, 60)}"), ("none", "None")]
        choices += [
            (str(pk), title)
            for pk, title in Interpretation.objects.published().values_list("pk", "title")
        ]
        current = self.instance.interpretation
        if current is not None and not current.published:  # chosen before it was withdrawn
            choices.append((str(current.pk), current.title))
        return choices

    def clean_interpretation_choice(self) -> str:
        choice = self.cleaned_data["interpretation_choice"] or "auto"
        if choice in ("auto", "none"):
            return choice
        chosen = row_id(choice)
        if chosen is not None and (
            chosen == self.instance.interpretation_id
            or Interpretation.objects.published().filter(pk=chosen).exists()
        ):
            return choice
        raise ValidationError(
            "Interpretation %(value)s is not in the library.",
            code="invalid_choice",
            params={"value": choice[:40]},
        )

    def clean_narrative(self) -> str:
        narrative = self.cleaned_data["narrative"]
        if len(narrative) > NARRATIVE_MAX_LENGTH:
            raise ValidationError(
                f"A dream can be up to {NARRATIVE_MAX_LENGTH:,} characters long; this one has "
                f"{len(narrative):,}. Shorten it, or split it into two entries.",
                code="max_length",
            )
        return narrative

    def clean_night(self):
        night = self.cleaned_data["night"]
        if night > self.profile.today():
            raise ValidationError(
                f"That night has not happened yet: today is {day_words(self.profile.today())} "
                f"in your time zone ({self.profile.time_zone}).",
                code="future",
            )
        if night < EARLIEST_NIGHT:
            raise ValidationError("Nights before 1900 cannot be logged.", code="too_early")
        return night

    def clean_revision(self):
        revision = self.cleaned_data.get("revision")
        if self.instance.pk is not None and revision is None:
            raise ValidationError("This form is missing its revision; reload the page.")
        return revision

    @property
    def chip_errors(self) -> list:
        """The errors of the chips of each kind, if any has some."""
        errors = [self[kind.plural].errors for kind in TagKind]
        return errors if any(errors) else []

    @property
    def library_pickers(self) -> list[tuple[TagKind, forms.BoundField, list]]:
        """For each kind, its "add from the library" field and its checkboxes grouped by
        interpretation: (title, options) with Django's option dicts."""
        pickers = []
        for kind in TagKind:
            field = self[add_field_name(kind)]
            widget = field.field.widget
            groups = widget.optgroups(
                field.html_name, widget.format_value(field.value()), {"id": field.auto_id}
            )
            pickers.append((kind, field, [(title, options) for title, options, _ in groups]))
        return pickers

    def accepted_tags(self) -> list[Tag]:
        """The tags the user accepted from the suggestions or added, kind by kind."""
        chosen = [
            tag
            for kind in TagKind
            for name in (kind.plural, add_field_name(kind))
            for tag in self.cleaned_data.get(name, ())
        ]
        return list({tag.pk: tag for tag in chosen}.values())

    def save_entry(self) -> Entry | None:
        """Save the entry and its tags in one transaction; None (with a form error) when the
        entry changed elsewhere meanwhile. A second submission of one form returns the entry
        the first one saved."""
        entry = self.instance
        data = self.cleaned_data
        entry.distress = data.get("distress")
        token = data.get("submission_token")
        # A second submission of the same form is caught by the unique token when it is saved
        # (below), not looked up first: a query every save would pay for a rare double tap.
        result = current_matcher().match(entry.narrative, entry.waking_body, limit=SUGGESTION_LIMIT)
        entry.set_interpretation(result, data.get("interpretation_choice") or "auto")
        is_new = entry.pk is None
        try:
            with transaction.atomic():
                if is_new:
                    entry.user = self.user
                    entry.submission_token = token
                else:
                    bumped = Entry.objects.filter(pk=entry.pk, revision=data["revision"]).update(
                        revision=F("revision") + 1
                    )
                    if not bumped:
                        raise StaleEntryError
                    entry.revision = data["revision"] + 1
                entry.save()
                # Suggestions never shown (saved before the panel caught up, or without
                # JavaScript) are kept or left open by the rule the panel ticks them by.
                accepted = {tag.pk for tag in self.accepted_tags()}
                accepted |= kept_by_default(result, set(data.get("shown") or ()))
                entry.replace_tags(result, accepted=accepted, is_new=is_new)
        except StaleEntryError:
            self.add_error(
                None,
                "This dream was changed somewhere else (another tab or device) after you "
                "opened it. Your text is still below: copy what you need, then reload the "
                "page to see the saved version.",
            )
            return None
        except IntegrityError:
            earlier = Entry.objects.filter(user=self.user, submission_token=token).first()
            if earlier is not None:
                return self._resubmission_of(earlier)
            raise
        return entry

    def _resubmission_of(self, earlier: Entry) -> Entry | None:
        """What a second submission of this form answers: the entry the first one saved; or,
        when that entry has been deleted since, None with the reason, and a fresh token so that
        saving again keeps the text as a new dream."""
        if earlier.deleted_at is None:
            return earlier
        self.add_error(
            None,
            "You saved this dream before, then deleted it. Your text is still below: undo the "
            "delete from your journal to get the saved one back, or save again to keep this "
            "as a new dream.",
        )
        data = cast(QueryDict, self.data).copy()
        data[self.add_prefix("submission_token")] = str(uuid.uuid4())
        self.data = data
        return None
