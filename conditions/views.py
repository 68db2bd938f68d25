from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from conditions.evidence import LOOKBACK_DAYS, MIN_DREAM_NIGHTS
from conditions.forms import CheckInForm, LifeTagForm
from conditions.learning import learn_conditions
from conditions.models import CheckIn, LifeTag
from conditions.panel import panel_context
from config.requests import SignedInRequest
from journal.models import Entry, Profile
from journal.views import get_entry_for_user


def _answered(request: SignedInRequest, entry: Entry, form: LifeTagForm | None = None):
    """The panel again for htmx (400 when the form has errors); back to the entry otherwise."""
    if not request.htmx:
        return redirect(entry)
    status = 400 if form is not None and form.errors else 200
    return TemplateResponse(
        request,
        "conditions/entry_panel.html",
        panel_context(entry, form),
        status=status,
    )


@login_required
@vary_on_headers("HX-Request")
@require_POST
def life_tag_add(request: SignedInRequest, pk: int) -> HttpResponse:
    entry = get_entry_for_user(request, pk)
    form: LifeTagForm | None = LifeTagForm(request.POST)
    if form is not None and form.is_valid():
        try:
            LifeTag.add_to(entry, form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error)
        else:
            Profile.journal_changed([request.user.id])
            form = None
    return _answered(request, entry, form)


@login_required
@vary_on_headers("HX-Request")
@require_POST
def life_tag_remove(request: SignedInRequest, pk: int, tag_pk: int) -> HttpResponse:
    entry = get_entry_for_user(request, pk)
    link = get_object_or_404(entry.life_tags, life_tag_id=tag_pk)
    link.delete()
    Profile.journal_changed([request.user.id])
    return _answered(request, entry)


@login_required
@vary_on_headers("HX-Request")
@require_POST
def check_in(request: SignedInRequest, pk: int, condition_pk: int) -> HttpResponse:
    entry = get_entry_for_user(request, pk)
    if entry.interpretation is None:
        return HttpResponse("This dream has no interpretation to check in with.", status=404)
    condition = get_object_or_404(entry.interpretation.arrival_conditions, pk=condition_pk)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Answer yes, no or not sure.", status=400)
    CheckIn.record(entry, condition, form.cleaned_data["answer"])
    Profile.journal_changed([request.user.id])
    return _answered(request, entry)


@login_required
@require_safe
def learned(request: SignedInRequest) -> TemplateResponse:
    """What comes before each recurring dream. Cached like the patterns page: until the
    journal (its tags and check-ins included) or the date changes."""
    profile = Profile.for_user(request.user)
    today = profile.today()

    def render() -> str:
        learned = learn_conditions(request.user, today)
        shown = [dream for dream in learned if dream.says_anything]
        return render_to_string(
            "conditions/learned.html#findings",
            {
                "shown": shown,
                "quiet": len(learned) - len(shown),
                "recurring": len(learned),
                "min_nights": MIN_DREAM_NIGHTS,
                "lookback_days": LOOKBACK_DAYS,
            },
            request=request,
        )

    key = f"learned:{profile.user_id}:{profile.journal_version}:{today.isoformat()}"
    return TemplateResponse(
        request, "conditions/learned.html", {"findings": cache.get_or_set(key, render)}
    )
