import datetime as dt

from django import forms

from journal.models import EARLIEST_NIGHT
from journal.recurrence import RECURRING_MIN_NIGHTS
from plans.dreams import Journal, JournalDream, parse_choice
from plans.models import ENDING_MAX_LENGTH, RehearsalPlan

# A plan may be set to begin a little ahead (a start on Monday), not months ahead.
LATEST_START_DAYS_AHEAD = 60
# A summary covers at most this many days: about two years of weeks on one printed page.
SUMMARY_MAX_DAYS = 2 * 366
SUMMARY_DEFAULT_WEEKS = 8


class PlanForm(forms.ModelForm):
    """The new ending and the first night of a plan (an edit keeps the dream it is for)."""

    class Meta:
        model = RehearsalPlan
        fields = ["new_ending", "starts_on"]
        labels = {
            "new_ending": "The dream, with the ending you choose",
            "starts_on": "First night",
        }
        help_texts = {
            "new_ending": (
                "Tell the dream again in your own words and change it however you like. "
                "You will read this for a few minutes before sleep."
            ),
            "starts_on": "The first night you rehearse it; the weeks before it are compared.",
        }
        widgets = {
            "new_ending": forms.Textarea(attrs={"rows": 8}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "new_ending": {
                "required": "Write the dream with its new ending, even a few lines.",
                "max_length": (
                    f"Keep the new ending under {ENDING_MAX_LENGTH:,} characters (it has "
                    "%(show_value)d): it is for a few minutes' reading at bedtime."
                ),
            },
            "starts_on": {
                "required": "Choose the first night of the plan.",
                "invalid": "Write the first night as a date, e.g. 2026-03-01.",
            },
        }

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        latest = today + dt.timedelta(days=LATEST_START_DAYS_AHEAD)
        self.fields["starts_on"].widget.attrs.update(
            min=EARLIEST_NIGHT.isoformat(), max=latest.isoformat()
        )
        # The limit is checked here; a browser's maxlength would cut a pasted text silently.
        self.fields["new_ending"].widget.attrs.pop("maxlength", None)
        if self.instance.pk is None:
            self.initial.setdefault("starts_on", today)

    def clean_starts_on(self) -> dt.date:
        starts_on = self.cleaned_data["starts_on"]
        latest = self.today + dt.timedelta(days=LATEST_START_DAYS_AHEAD)
        if starts_on < EARLIEST_NIGHT or starts_on > latest:
            raise forms.ValidationError(
                f"Choose a first night between {EARLIEST_NIGHT:%Y} and {latest.isoformat()}."
            )
        return starts_on


class NewPlanForm(PlanForm):
    """A plan for one of the user's recurring dreams."""

    dream = forms.CharField(label="Which dream?", widget=forms.RadioSelect)

    field_order = ["dream", "new_ending", "starts_on"]

    def __init__(self, *args, journal: Journal, **kwargs):
        super().__init__(*args, **kwargs)
        self.journal = journal
        self.fields["dream"].widget.choices = [
            (dream.choice, f"{dream.title} ({len(dream.recurrence.nights)} nights)")
            for dream in journal.recurring()
        ]

    def clean_dream(self) -> JournalDream:
        key = parse_choice(self.cleaned_data["dream"])
        dream = self.journal.dreams.get(key) if key else None
        if dream is None:
            raise forms.ValidationError(
                "That dream is not in your journal. A plan is for a dream you have logged."
            )
        if not dream.is_recurring:
            nights = len(dream.recurrence.nights)
            raise forms.ValidationError(
                f"“{dream.title}” has come on {nights} night{'s' if nights != 1 else ''} so "
                f"far; a rehearsal plan is for a dream that has come back at least "
                f"{RECURRING_MIN_NIGHTS} times."
            )
        return dream

    def save(self, commit: bool = True) -> RehearsalPlan:
        plan = super().save(commit=False)
        dream = self.cleaned_data["dream"]
        plan.dream_title = dream.title[: RehearsalPlan._meta.get_field("dream_title").max_length]
        if dream.kind == "interpretation":
            plan.interpretation_id = dream.pk
        else:
            plan.scenario_id = dream.pk
        if commit:
            plan.save_version()
        return plan


class SummaryForm(forms.Form):
    start = forms.DateField(
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Write the first day as a date, e.g. 2026-03-01."},
    )
    end = forms.DateField(
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Write the last day as a date, e.g. 2026-04-30."},
    )
    include_notes = forms.BooleanField(
        label="Include my notes on waking life",
        required=False,
        help_text="Left unticked, what you wrote about your waking life stays out of the summary.",
    )

    @classmethod
    def initial_for(cls, today: dt.date) -> dict:
        return {"start": today - dt.timedelta(weeks=SUMMARY_DEFAULT_WEEKS, days=-1), "end": today}

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError("The end of the range is before its start.")
            if start < EARLIEST_NIGHT:
                raise forms.ValidationError(f"Start the range in {EARLIEST_NIGHT:%Y} or later.")
            if (end - start).days + 1 > SUMMARY_MAX_DAYS:
                raise forms.ValidationError(
                    f"Choose at most {SUMMARY_MAX_DAYS} days, so the summary fits on a page."
                )
        return cleaned
