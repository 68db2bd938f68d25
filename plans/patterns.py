"""What the patterns page adds from the plans: the gentle flag, and for each dream its
rehearsal nights and a link to its plan (or to make one, when the dream is recurring).

Five queries, whatever the size of the journal: the dreams (2), the plans with their
rehearsals (2) and the flag's dismissal (1).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.http import urlencode

from plans.dreams import INTERPRETATION, SCENARIO, journal_of
from plans.flag import GentleFlag, gentle_flag
from plans.models import FlagDismissal, RehearsalPlan, Status


@dataclass(frozen=True)
class DreamPlans:
    """One dream's part in the plans: its open plan, if any, and its rehearsal nights."""

    plan: RehearsalPlan | None
    rehearsal_nights: tuple[dt.date, ...]
    new_plan_url: str  # "" when the dream is not recurring (yet)


@dataclass(frozen=True)
class PatternsAdditions:
    flag: GentleFlag | None = None
    dreams: dict[tuple[str, int], DreamPlans] = field(default_factory=dict)
    # A scenario's tag id by its label and interpretation, as the patterns page names it.
    scenario_ids: dict[tuple[str, int | None], int] = field(default_factory=dict)

    def for_interpretation(self, interpretation_id: int) -> DreamPlans | None:
        return self.dreams.get((INTERPRETATION, interpretation_id))

    def for_scenario(self, label: str, interpretation_id: int | None) -> DreamPlans | None:
        tag_id = self.scenario_ids.get((label, interpretation_id))
        return self.dreams.get((SCENARIO, tag_id)) if tag_id is not None else None


def patterns_additions(user, today: dt.date) -> PatternsAdditions:
    journal = journal_of(user, today)
    if not journal.dreams:
        return PatternsAdditions()
    dismissal = FlagDismissal.objects.filter(user=user).values_list("dismissed_on", flat=True)
    recurring = journal.recurring()
    flag = gentle_flag(
        ((dream.title, dream.dreams) for dream in recurring), today, dismissal.first()
    )
    plans = RehearsalPlan.objects.for_user(user).prefetch_related("rehearsals")
    open_plan: dict[tuple[str, int], RehearsalPlan] = {}
    nights: dict[tuple[str, int], set[dt.date]] = {}
    for plan in plans.order_by("starts_on", "pk"):
        key = plan.dream_key
        if key is None:
            continue
        nights.setdefault(key, set()).update(r.night for r in plan.rehearsals.all())
        if plan.status != Status.ENDED:
            open_plan.setdefault(key, plan)
    recurring_keys = {dream.key for dream in recurring}
    return PatternsAdditions(
        flag=flag,
        dreams={
            key: DreamPlans(
                plan=open_plan.get(key),
                rehearsal_nights=tuple(sorted(nights.get(key, ()))),
                new_plan_url=(
                    f"{reverse('plans:create')}?{urlencode({key[0]: key[1]})}"
                    if key in recurring_keys
                    else ""
                ),
            )
            for key in journal.dreams
        },
        scenario_ids={
            (dream.title, dream.interpretation_id): dream.pk
            for dream in journal.dreams.values()
            if dream.kind == SCENARIO
        },
    )
