from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from config.requests import SignedInRequest
from interpretations.models import NextStage
from journal.models import Profile
from plans.dreams import journal_of, parse_choice
from plans.forms import NewPlanForm, PlanForm, SummaryForm
from plans.models import FlagDismissal, RehearsalPlan, Status, bedtime_night
from plans.patterns import patterns_additions
from plans.summary import summary_csv, summary_for

# The status each action on a plan's page moves it to.
STATUS_ACTIONS = {"pause": Status.PAUSED, "resume": Status.RUNNING, "end": Status.ENDED}


def _get_plan_for_user(request: SignedInRequest, pk: int) -> RehearsalPlan:
    """The signed-in user's plan pk, or 404 (another user's plan is simply not found)."""
    return get_object_or_404(RehearsalPlan.objects.for_user(request.user), pk=pk)


def _plans_changed(request: SignedInRequest) -> None:
    # The patterns page is cached per journal version and shows rehearsal nights and the flag.
    Profile.journal_changed([request.user.id])


@login_required
@require_safe
def plan_list(request: SignedInRequest) -> TemplateResponse:
    today = Profile.for_user(request.user).today()
    journal = journal_of(request.user, today)
    plans = list(RehearsalPlan.objects.for_user(request.user).prefetch_related("rehearsals"))
    planned = {plan.dream_key for plan in plans if plan.status != Status.ENDED}
    context = {
        "plans": [(plan, plan.progress(journal, today)) for plan in plans],
        "unplanned": [dream for dream in journal.recurring() if dream.key not in planned],
    }
    return TemplateResponse(request, "plans/plan_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: SignedInRequest):
    today = Profile.for_user(request.user).today()
    journal = journal_of(request.user, today)
    form = NewPlanForm(
        request.POST if request.method == "POST" else None, journal=journal, today=today
    )
    if request.method == "POST" and form.is_valid():
        plan = form.instance
        plan.user = request.user
        form.save()
        _plans_changed(request)
        messages.success(request, "Your plan is ready. Read it tonight before you sleep.")
        return redirect(plan)
    chosen = form.data.get("dream") if form.is_bound else _chosen_in_query(request)
    if chosen:
        form.initial["dream"] = chosen
    key = parse_choice(chosen or "")
    dream = journal.dreams.get(key) if key else None
    context = {"form": form, "prompts": _prompts(dream.interpretation_id if dream else None)}
    return TemplateResponse(request, "plans/plan_form.html", context)


def _chosen_in_query(request: SignedInRequest) -> str:
    """The dream named by ?interpretation=ID or ?scenario=ID (links from the patterns page)."""
    for kind in ("interpretation", "scenario"):
        if value := request.GET.get(kind):
            return f"{kind}:{value}"
    return ""


def _prompts(interpretation_id: int | None) -> list:
    """The interpretation's next stages: where this dream may go, offered as ideas."""
    if interpretation_id is None:
        return []
    return list(NextStage.objects.filter(interpretation_id=interpretation_id).order_by("position"))


@login_required
@require_safe
def plan_detail(request: SignedInRequest, pk: int) -> TemplateResponse:
    plan = _get_plan_for_user(request, pk)
    profile = Profile.for_user(request.user)
    today = profile.today()
    tonight = bedtime_night(profile.local_now())
    context = {
        "plan": plan,
        "progress": plan.progress(journal_of(request.user, today), today),
        "tonight": tonight,
        "rehearsed_tonight": plan.rehearsed_on(tonight),
        "rehearsals": list(plan.rehearsals.order_by("-night")),
        "versions": list(plan.versions.all()),
    }
    return TemplateResponse(request, "plans/plan_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: SignedInRequest, pk: int):
    plan = _get_plan_for_user(request, pk)
    today = Profile.for_user(request.user).today()
    form = PlanForm(request.POST if request.method == "POST" else None, instance=plan, today=today)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            form.instance.save_version()
            _plans_changed(request)
            messages.success(request, "Plan saved; the earlier version is kept below.")
        return redirect(plan)
    context = {"form": form, "plan": plan, "prompts": _prompts(plan.dream_interpretation_id)}
    return TemplateResponse(request, "plans/plan_form.html", context)


@login_required
@vary_on_headers("HX-Request")
@require_POST
def plan_rehearse(request: SignedInRequest, pk: int):
    """Tonight's rehearsal, noted once however often it is tapped."""
    plan = _get_plan_for_user(request, pk)
    if plan.status != Status.RUNNING:
        messages.error(request, "This plan is not running: resume it to note rehearsals.")
        return redirect(plan)
    tonight = bedtime_night(Profile.for_user(request.user).local_now())
    if plan.rehearse(tonight):
        _plans_changed(request)
    if request.htmx:
        context = {"plan": plan, "tonight": tonight, "rehearsed_tonight": True}
        return TemplateResponse(request, "plans/plan_detail.html#rehearse", context)
    messages.success(request, "Noted: rehearsed tonight.")
    return redirect(plan)


@login_required
@require_POST
def plan_status(request: SignedInRequest, pk: int):
    plan = _get_plan_for_user(request, pk)
    status = STATUS_ACTIONS.get(request.POST.get("action", ""))
    if status is None:
        messages.error(request, "Choose to pause, resume or end the plan.")
        return redirect(plan)
    plan.set_status(status, Profile.for_user(request.user).today())
    _plans_changed(request)
    messages.success(request, f"Plan {plan.get_status_display().lower()}.")
    return redirect(plan)


@login_required
@require_safe
def patterns_flag(request: SignedInRequest) -> TemplateResponse:
    """The gentle flag, loaded into the patterns page once it is shown: its queries are its
    own, not the page's."""
    additions = patterns_additions(request.user, Profile.for_user(request.user).today())
    return TemplateResponse(request, "plans/_patterns_flag.html", {"flag": additions.flag})


@login_required
@require_safe
def dream_plans(request: SignedInRequest) -> HttpResponse:
    """An interpretation's rehearsal nights and the link to its plan (or to make one), loaded
    into its section of the patterns page."""
    try:
        interpretation_id = int(request.GET.get("interpretation", ""))
    except ValueError:
        return HttpResponseBadRequest("Name an interpretation: ?interpretation=<id>.")
    additions = patterns_additions(request.user, Profile.for_user(request.user).today())
    return TemplateResponse(
        request,
        "plans/_dream_plans.html",
        {"dream_plans": additions.for_interpretation(interpretation_id)},
    )


@login_required
@require_POST
def flag_dismiss(request: SignedInRequest):
    today = Profile.for_user(request.user).today()
    FlagDismissal.objects.update_or_create(user=request.user, defaults={"dismissed_on": today})
    _plans_changed(request)
    if request.htmx:
        return HttpResponse("")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("patterns")
    return redirect(back)


@login_required
@require_safe
def summary(request: SignedInRequest) -> TemplateResponse:
    """A chosen range of the journal on one printable page, for an appointment."""
    today = Profile.for_user(request.user).today()
    form = SummaryForm(request.GET or None, initial=SummaryForm.initial_for(today))
    data = None
    if form.is_bound and form.is_valid():
        data = summary_for(request.user, today, **form.cleaned_data)
    return TemplateResponse(request, "plans/summary.html", {"form": form, "summary": data})


@login_required
@require_safe
def summary_download(request: SignedInRequest) -> HttpResponse:
    today = Profile.for_user(request.user).today()
    form = SummaryForm(request.GET)
    if not form.is_valid():
        problems = [str(problem) for problems in form.errors.values() for problem in problems]
        return HttpResponseBadRequest(
            "The summary cannot be made: " + " ".join(problems),
            content_type="text/plain; charset=utf-8",
        )
    data = summary_for(request.user, today, **form.cleaned_data)
    response = HttpResponse(summary_csv(data), content_type="text/csv; charset=utf-8")
    name = f"dream-summary-{data.start.isoformat()}-to-{data.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
