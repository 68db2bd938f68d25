"""Rehearsal plans in the account's JSON export: each plan with its versions and rehearsals."""

from plans.models import RehearsalPlan


def plan_records(user) -> list[dict]:
    """The user's plans, oldest first (3 queries)."""
    plans = (
        RehearsalPlan.objects.for_user(user)
        .select_related("interpretation", "scenario__interpretation")
        .prefetch_related("versions", "rehearsals")
        .order_by("created_at", "pk")
    )
    return [_plan_record(plan) for plan in plans]


def _plan_record(plan: RehearsalPlan) -> dict:
    interpretation = plan.interpretation or (
        plan.scenario.interpretation if plan.scenario else None
    )
    return {
        "dream_title": plan.dream_title,
        # Named as the entries name theirs (journal.exporting).
        "interpretation": (
            {"title": interpretation.title, "file": interpretation.source}
            if interpretation
            else None
        ),
        "scenario": plan.scenario.label if plan.scenario else None,
        "new_ending": plan.new_ending,
        "starts_on": plan.starts_on.isoformat(),
        "status": plan.status,
        "ended_on": plan.ended_on.isoformat() if plan.ended_on else None,
        "rehearsals": [rehearsal.night.isoformat() for rehearsal in plan.rehearsals.all()],
        "versions": [
            {
                "saved_at": version.saved_at.isoformat(),
                "new_ending": version.new_ending,
                "starts_on": version.starts_on.isoformat(),
            }
            # The prefetched versions come newest first; the export lists them in order.
            for version in reversed(list(plan.versions.all()))
        ],
    }
