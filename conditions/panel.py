"""What the entry page shows of waking life: the entry's life tags, the ones its notes
suggest, and the article's arrival conditions as questions with this night's answers."""

from conditions.forms import LifeTagForm
from conditions.models import Answer, CheckIn, LifeTag
from conditions.signals import EVERYDAY_TAGS, suggest_life_tags
from journal.models import Entry


def panel_context(entry: Entry, form: LifeTagForm | None = None) -> dict:
    links = list(entry.life_tags.select_related("life_tag").order_by("life_tag__name"))
    on_entry = [link.life_tag for link in links]
    own = list(LifeTag.objects.filter(user_id=entry.user_id).values_list("name", flat=True))
    answers = dict(CheckIn.objects.filter(entry=entry).values_list("condition_id", "answer"))
    conditions = list(entry.interpretation.arrival_conditions.all()) if entry.interpretation else []
    return {
        "entry": entry,
        "life_tags": on_entry,
        "suggested_life_tags": suggest_life_tags(
            entry.waking_life, own_tags=own, already=[tag.name for tag in on_entry]
        ),
        "known_life_tags": sorted(set(own) | set(EVERYDAY_TAGS)),
        "life_tag_form": form or LifeTagForm(),
        "questions": [(condition, answers.get(condition.pk)) for condition in conditions],
        "answers": Answer.choices,
    }
