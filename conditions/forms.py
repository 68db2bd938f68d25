from django import forms

from conditions.models import Answer
from conditions.signals import LIFE_TAG_MAX_LENGTH, normalise_tag_name


class LifeTagForm(forms.Form):
    name = forms.CharField(
        label="Add what was going on",
        max_length=LIFE_TAG_MAX_LENGTH,
        help_text="A few words: deadline, a move, night shifts…",
    )

    def clean_name(self) -> str:
        name = normalise_tag_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("Give the tag a name.")
        return name


class CheckInForm(forms.Form):
    answer = forms.ChoiceField(choices=Answer.choices)
