"""Tags for the patterns page: a dream's rehearsal nights and the link to its plan, and the
before-and-after chart of a plan (see plans.svg)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from plans import svg
from plans.patterns import DreamPlans, PatternsAdditions
from plans.progress import BeforeAfter

register = template.Library()


def _dream_plans(
    additions: PatternsAdditions | None, interpretation=None, scenario=None
) -> DreamPlans | None:
    """The plans of an interpretation, or of a scenario as the patterns page lists it (an
    item with `label` and `interpretation`, and `kind`: a body sensation has no plan)."""
    if additions is None:
        return None
    if interpretation is not None:
        return additions.for_interpretation(interpretation.pk)
    if scenario is not None and getattr(scenario, "kind", "scenario") == "scenario":
        owner = scenario.interpretation.pk if scenario.interpretation else None
        return additions.for_scenario(scenario.label, owner)
    return None


@register.inclusion_tag("plans/_rehearsal_nights.html")
def rehearsal_nights(additions, interpretation=None, scenario=None) -> dict:
    return {"dream_plans": _dream_plans(additions, interpretation, scenario)}


@register.inclusion_tag("plans/_plan_link.html")
def rehearsal_plan_link(additions, interpretation=None, scenario=None) -> dict:
    return {"dream_plans": _dream_plans(additions, interpretation, scenario)}


@register.simple_tag
def before_after_chart(progress: BeforeAfter, name: str) -> SafeString:
    if not progress.weeks:
        return SafeString("")
    label = f"Nights a week with {name} and how upsetting they were, before the plan and since"
    # svg.before_after_svg escapes every piece of text it writes.
    return mark_safe(svg.before_after_svg(progress, label))  # noqa: S308


@register.filter
def per_week(value: float) -> str:
    """A rate as "2.5 nights a week"."""
    shown = f"{value:.1f}".removesuffix(".0")
    return f"{shown} night{'' if shown == '1' else 's'} a week"


@register.filter
def distress(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
