"""What the entry page shows of waking life: the entry's life tags, the ones its notes
suggest, and the article's arrival conditions as questions with this night's answers
(two queries)."""

from django.db.models import Exists, OuterRef, Subquery

from conditions.forms import LifeTagForm
from conditions.models import Answer, CheckIn, EntryLifeTag, LifeTag
from conditions.signals import EVERYDAY_TAGS, suggest_life_tags
from journal.models import Entry


def panel_context(entry: Entry, form: LifeTagForm | None = None) -> dict:
    own = list(
        LifeTag.objects.filter(user_id=entry.user_id).annotate(
            on_entry=Exists(EntryLifeTag.objects.filter(entry=entry, life_tag=OuterRef("pk")))
        )
    )
    on_entry = [tag for tag in own if tag.on_entry]
    conditions = (
        list(
            entry.interpretation.arrival_conditions.annotate(
                answer=Subquery(
                    CheckIn.objects.filter(entry=entry, condition=OuterRef("pk")).values("answer")[
                        :1
                    ]
                )
            )
        )
        if entry.interpretation
        else []
    )
    names = [tag.name for tag in own]
    return {
        "entry": entry,
        "life_tags": on_entry,
        "suggested_life_tags": suggest_life_tags(
            entry.waking_life, own_tags=names, already=[tag.name for tag in on_entry]
        ),
        "known_life_tags": sorted(set(names) | set(EVERYDAY_TAGS)),
        "life_tag_form": form or LifeTagForm(),
        "questions": [(condition, condition.answer) for condition in conditions],
        "answers": Answer.choices,
    }
