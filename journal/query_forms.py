"""Forms that read a page's query string: the journal's search and filters, the calendar's
month and the patterns page's period."""

import datetime as dt

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import Truncator

from interpretations.models import Interpretation, Tag, TagKind
from journal.date_words import day_words
from journal.models import EARLIEST_NIGHT, Entry
from journal.months import month_from_query
from journal.pattern_periods import Range, range_for


class JournalFilterForm(forms.Form):
    """Search and filters of the journal list, from the query string."""

    q = forms.CharField(
        label="Search",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Words from a dream"}),
    )
    interpretation = forms.ModelChoiceField(
        label="Interpretation",
        queryset=Interpretation.objects.none(),
        required=False,
        empty_label="Any interpretation",
        error_messages={"invalid_choice": "No dream in your journal has that interpretation."},
    )
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the interpretations this journal's entries carry: any other finds nothing.
        dreamt = Entry.objects.for_user(user).values("interpretation")
        self.fields["interpretation"].queryset = Interpretation.objects.filter(
            pk__in=dreamt
        ).order_by("title")
        # Then, for each kind, a choice of the tags the user has kept, named by the kind. The
        # lists are filled from one read of all kinds; each kind's queryset checks a choice.
        mine = Tag.objects.filter(entry_tags__user=user, entry_tags__accepted=True).distinct()
        kept = list(mine.only("kind", "label"))
        for kind in TagKind:
            empty_label = f"Any {kind.label.lower()}"
            field = forms.ModelChoiceField(
                queryset=mine.filter(kind=kind),
                required=False,
                label=kind.label,
                empty_label=empty_label,
            )
            field.choices = [("", empty_label)] + [
                (tag.pk, Truncator(tag.label).chars(60)) for tag in kept if tag.kind == kind
            ]
            self.fields[kind.value] = field

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            # Neither date is applied: either one alone would show dreams nobody asked for.
            del data["start"], data["end"]
            raise ValidationError(
                f"The dates are the wrong way round: “To” ({day_words(end)}) is before “From” "
                f"({day_words(start)}). Swap them to see the dreams between; until then no "
                "dates are applied.",
                code="reversed",
            )
        return data

    @property
    def problems(self) -> list[str]:
        """Every error, each named by its field, for the message above the results (the
        form itself is not redrawn when the results are)."""
        return [
            str(message) if name == NON_FIELD_ERRORS else f"{self.fields[name].label}: {message}"
            for name, messages in self.errors.items()
            for message in messages
        ]

    @property
    def is_filtering(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def filter(self, entries):
        """entries narrowed by every valid filter (an invalid one is reported, not applied)."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("q"):
            entries = entries.search(data["q"])
        if data.get("interpretation"):
            entries = entries.with_interpretation(data["interpretation"])
        for kind in TagKind.values:
            if data.get(kind):
                entries = entries.with_tag(data[kind])
        return entries.between(data.get("start"), data.get("end"))


class CalendarMonthForm(forms.Form):
    """The calendar's query string: ?month=YYYY-MM, sent by its links and by its month jump (an
    <input type="month">, or a text box in browsers without one); absent or empty, the month
    of `last_night` (on the first of a month, the month before: last night's dream is there)."""

    month = forms.CharField(required=False)

    def __init__(self, *args, today: dt.date, last_night: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.last_night = last_night

    def clean_month(self) -> dt.date:
        value = self.cleaned_data["month"]
        if not value:
            return self.last_night.replace(day=1)
        try:
            return month_from_query(value, earliest=EARLIEST_NIGHT, latest=self.today)
        except ValueError as bad_month:
            raise ValidationError(str(bad_month), code="invalid") from None


class PatternsQueryForm(forms.Form):
    """The patterns page's query string: the period its charts cover (a range or a year)."""

    range = forms.CharField(required=False, max_length=8)

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_range(self) -> Range | None:
        """The chosen range, or None for the journal's default."""
        if not (key := self.cleaned_data["range"]):
            return None
        try:
            return range_for(key, self.today)
        except ValueError as unknown:
            raise ValidationError(str(unknown), code="invalid_choice") from None
