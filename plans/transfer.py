"""Rehearsal plans in the account's JSON export, each with its versions and rehearsals, and
back again on import."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from interpretations.models import TagKind
from journal.dreambank import EARLIEST_YEAR, shown
from journal.import_files import check_storable, interpretation_names, text_field
from plans.forms import LATEST_START_DAYS_AHEAD
from plans.models import PlanVersion, Rehearsal, RehearsalPlan, Status

if TYPE_CHECKING:
    from journal.importing import LibraryNames

# Far more than anyone keeps (10,000 nights is a plan rehearsed every night for 27 years);
# they also bound the work of reading a file in the request: about half a second at most.
PLANS_PER_FILE = 200
VERSIONS_PER_PLAN = 200
REHEARSALS_PER_PLAN = 10_000


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


@dataclass(frozen=True)
class ImportedPlan:
    """One plan of an export, checked by the model's own validation and not yet saved."""

    number: str  # its position in the file's list of plans, from 1
    plan: RehearsalPlan
    # The interpretation as the export names it, by file name and title (either may be "").
    interpretation: tuple[str, str]
    scenario: str | None
    versions: tuple[PlanVersion, ...]
    rehearsals: tuple[dt.date, ...]

    @property
    def key(self) -> tuple[str, dt.date, str]:
        """What makes two plans the same one: importing a file again adds none twice."""
        return (self.plan.dream_title, self.plan.starts_on, self.plan.new_ending)


def read_plans(records, today: dt.date) -> tuple[list[ImportedPlan], list[tuple[str, str]]]:
    """The plans of an export's "rehearsal_plans" list (absent in older exports), and the
    (number, problem) of each one that cannot be kept. ValueError for a list that is none."""
    if records is None:
        return [], []
    if not isinstance(records, list) or len(records) > PLANS_PER_FILE:
        raise ValueError(f"rehearsal_plans must be a list of at most {PLANS_PER_FILE:,} plans")
    plans, problems = [], []
    for position, record in enumerate(records, start=1):
        try:
            plans.append(_plan_from_record(str(position), record, today))
        except ValueError as problem:
            problems.append((str(position), str(problem)))
    return plans, problems


def _plan_from_record(number: str, record, today: dt.date) -> ImportedPlan:
    if not isinstance(record, dict):
        raise ValueError("not an object")
    status = record.get("status", Status.RUNNING)
    latest_start = today + dt.timedelta(days=LATEST_START_DAYS_AHEAD)  # as the plan form allows
    plan = RehearsalPlan(
        dream_title=text_field(record, "dream_title"),
        new_ending=text_field(record, "new_ending"),
        starts_on=_date(record.get("starts_on"), "starts_on", latest_start),
        status=status,
        ended_on=(
            _date(record.get("ended_on"), "ended_on", today)
            if status == Status.ENDED and record.get("ended_on") is not None
            else None
        ),
    )
    _check(plan, exclude=["user", "interpretation", "scenario"])
    if plan.status == Status.ENDED and plan.ended_on is None:
        plan.ended_on = today
    if plan.ended_on is not None and plan.ended_on < plan.starts_on:
        raise ValueError("ended_on is before starts_on")
    versions = record.get("versions") or []
    if not isinstance(versions, list) or len(versions) > VERSIONS_PER_PLAN:
        raise ValueError(f"versions must be a list of at most {VERSIONS_PER_PLAN:,}")
    nights = record.get("rehearsals") or []
    if not isinstance(nights, list) or len(nights) > REHEARSALS_PER_PLAN:
        raise ValueError(f"rehearsals must be a list of at most {REHEARSALS_PER_PLAN:,} nights")
    names = interpretation_names(record.get("interpretation")) or ("", "")
    scenario = record.get("scenario") or ""
    if not isinstance(scenario, str):
        raise ValueError(f"a dream is named by text or null, not {shown(scenario)}")
    for name in (*names, scenario):
        check_storable("the dream's name", name)
    return ImportedPlan(
        number=number,
        plan=plan,
        interpretation=names,
        scenario=scenario or None,
        versions=tuple(_version(version, today, latest_start) for version in versions),
        rehearsals=tuple(sorted({_date(night, "a rehearsal night", today) for night in nights})),
    )


def _version(record, today: dt.date, latest_start: dt.date) -> PlanVersion:
    if not isinstance(record, dict):
        raise ValueError('each version must be {"saved_at", "new_ending", "starts_on"}')
    try:
        saved_at = dt.datetime.fromisoformat(record.get("saved_at"))  # type: ignore[arg-type]
        saved_at.astimezone(dt.UTC)  # a time at the very edge of the calendar has no UTC
    except (TypeError, ValueError, OverflowError):
        raise ValueError(
            f"a version's saved_at {shown(record.get('saved_at'))} is no time"
        ) from None
    if saved_at.tzinfo is None:
        raise ValueError("a version's saved_at must say its time zone, as the export writes it")
    version = PlanVersion(
        new_ending=text_field(record, "new_ending"),
        starts_on=_date(record.get("starts_on"), "a version's starts_on", latest_start),
        saved_at=saved_at,
    )
    _check(version, exclude=["plan", "saved_at"])
    return version


def _date(value, name: str, latest: dt.date) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a date like 2024-03-12, not {shown(value)}") from None
    if not dt.date(EARLIEST_YEAR, 1, 1) <= day <= latest:
        raise ValueError(f"{name} {day.isoformat()} is not between {EARLIEST_YEAR} and {latest}")
    return day


def _check(instance, exclude: list[str]) -> None:
    """The model's own validation, its messages as one ValueError."""
    try:
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        raise ValueError(
            "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
        ) from None


def new_plans(user, plans: Iterable[ImportedPlan]) -> list[ImportedPlan]:
    """The plans not already among the user's (same dream, first night and ending)."""
    plans = list(plans)
    if not plans:
        return []
    existing = set(
        RehearsalPlan.objects.for_user(user).values_list("dream_title", "starts_on", "new_ending")
    )
    fresh: dict[tuple[str, dt.date, str], ImportedPlan] = {}
    for plan in plans:
        if plan.key not in existing:
            fresh.setdefault(plan.key, plan)
    return list(fresh.values())


def restore_plans(user, plans: Iterable[ImportedPlan], library: "LibraryNames") -> int:
    """Write the user's new plans with their versions and rehearsals; how many. Each plan finds
    its dream among the published ones, by the names the entries' are found by
    (journal.importing): by scenario, else by interpretation file name, else by title; a dream
    that left the library keeps its title, as a plan does whose dream is deleted."""
    plans = new_plans(user, plans)
    for imported in plans:
        plan = imported.plan
        plan.user = user
        file, title = imported.interpretation
        interpretation = library.interpretation(file) if file else None
        if interpretation is None and title:
            interpretation = library.interpretation(title)
        if imported.scenario:
            plan.scenario_id = library.tag(TagKind.SCENARIO, imported.scenario, interpretation)
        if plan.scenario_id is None:
            plan.interpretation_id = interpretation
        plan.save()
        written = [version.saved_at for version in imported.versions]
        for version in imported.versions:
            version.plan = plan
        PlanVersion.objects.bulk_create(imported.versions)
        # Creating stamps a version with the time now; it keeps the time it was written.
        for version, saved_at in zip(imported.versions, written, strict=True):
            version.saved_at = saved_at
        PlanVersion.objects.bulk_update(imported.versions, ["saved_at"])
        Rehearsal.objects.bulk_create(
            Rehearsal(plan=plan, night=night) for night in imported.rehearsals
        )
    return len(plans)
