from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_ratelimit.core import is_ratelimited

from config.requests import HtmxRequest, SignedInRequest
from journal.forms import EntryForm
from journal.models import EARLIEST_NIGHT, Entry, Profile, entry_tags_by_kind
from journal.months import month_grid
from journal.pattern_periods import Range
from journal.pattern_regions import (
    PATTERNS_CACHE_SECONDS,
    SECTION_TEMPLATE,
    SUMMARY_TEMPLATE,
    cache_key,
    section_context,
    summary_context,
)
from journal.patterns import NotTheUsersInterpretation, gather_section, gather_summary
from journal.query_forms import CalendarMonthForm, JournalFilterForm, PatternsQueryForm
from journal.querysets import JournalSpan
from journal.tagging import NO_SUGGESTIONS, suggest, suggestion_panel, within_limits

PAGE_SIZE = 20
# Suggestions while typing: about one a second at most for a person (htmx waits for a 500 ms
# pause), more for an address, which a household or an office may share.
SUGGESTION_RATES = (("user", "60/m"), ("ip", "300/m"))
# Session key of the entry that can still be restored after a delete.
RESTORABLE_KEY = "journal_restorable_entry"
# Carried by the "saved" message (a cookie), so the next page can tell the browser to forget
# the draft without writing to the session on every save.
DRAFT_SAVED_NEW, DRAFT_SAVED_EDIT = "draft-saved-new", "draft-saved-edit"


def get_entry_for_user(request: SignedInRequest, pk: int) -> Entry:
    """The signed-in user's live entry pk, or 404 (another user's entry is simply not found)."""
    return get_object_or_404(
        Entry.objects.for_user(request.user).select_related("interpretation"), pk=pk
    )


def _library_url(interpretation) -> str:
    """The library page of an interpretation ("" when it has none: the library shows only
    published interpretations, and the slug is always filled in on save)."""
    if interpretation is None or not interpretation.published:
        return ""
    return interpretation.get_absolute_url()


def _draft_key(request: SignedInRequest, entry: Entry | None = None) -> str:
    """The browser storage key of the draft of this form (per user, so a shared browser
    never shows one person's dream to another)."""
    return f"dream-journal:draft:{request.user.pk}:{f'entry-{entry.pk}' if entry else 'new'}"


def _restorable_entry(request: SignedInRequest) -> Entry | None:
    pk = request.session.get(RESTORABLE_KEY)
    if pk is None:
        return None
    entry = request.user.entries.restorable().filter(pk=pk).first()
    if entry is None:
        del request.session[RESTORABLE_KEY]
    return entry


@vary_on_headers("HX-Request")  # a fragment or the whole page, by that header
@require_safe
def home(request: HtmxRequest) -> TemplateResponse:
    """Signed out: what this is. Signed in: the quick "log a dream" form, then the journal."""
    if not request.user.is_authenticated:
        return TemplateResponse(request, "journal/welcome.html")
    request = cast(SignedInRequest, request)  # signed in from here on
    filters = JournalFilterForm(request.GET or None, user=request.user, auto_id="filter_%s")
    if filters.is_bound:
        filters.is_valid()  # invalid filters are reported and not applied; valid ones are
    entries = filters.filter(Entry.objects.for_user(request.user)).with_tags()
    paginator = Paginator(entries, PAGE_SIZE)
    just_the_list = request.htmx and request.htmx.target == "journal-list"
    span = None if just_the_list else Entry.objects.for_user(request.user).span()
    if span is not None and not filters.is_filtering:
        paginator.count = span.count  # the same number, without counting twice
    context = {
        "filters": filters,
        "page": paginator.get_page(request.GET.get("page")),
        "restorable": _restorable_entry(request),
    }
    if just_the_list:
        return TemplateResponse(request, "journal/journal.html#journal-list", context)
    form = _entry_form(request)
    context.update(_entry_form_context(request, form))
    context.update(_span_context(form.profile, span))
    return TemplateResponse(request, "journal/journal.html", context)


def _span_context(profile: Profile, span: JournalSpan | None) -> dict:
    """The journal's span ("312 dreams, March 1912 – today") and its month jump's limits."""
    return {"span": span, "today": profile.today(), "last_night": profile.last_night()}


def _entry_form(request: SignedInRequest, entry: Entry | None = None, **kwargs) -> EntryForm:
    return EntryForm(
        request.POST if request.method == "POST" else None,
        instance=entry,
        user=request.user,
        profile=Profile.for_user(request.user),
        **kwargs,
    )


def _suggestions_paused(request: SignedInRequest) -> bool:
    """Whether this person, or this address, has asked for suggestions faster than anyone
    types. Each request costs a match: a script must not be able to keep a worker busy."""
    return any(
        is_ratelimited(request, group="suggest", key=key, rate=rate, increment=True)
        for key, rate in SUGGESTION_RATES
    )


def _entry_form_context(
    request: SignedInRequest, form: EntryForm, entry: Entry | None = None, *, paused: bool = False
):
    """The form and its suggestions panel, as the form's data (or the saved entry) has them."""
    if form.is_bound:
        narrative = form.data.get("narrative", "")
        body = form.data.get("waking_body", "")
        form.is_valid()  # cleans the accepted tag ids; an unknown one is reported
        accepted = form.accepted_tags()
        shown = form.cleaned_data.get("shown") or []
    elif entry is not None:
        narrative, body = entry.narrative, entry.waking_body
        # The tags saved with the entry, ticked or not, were all seen by its owner.
        saved = list(entry.tags.select_related("tag").order_by("pk"))
        accepted = [entry_tag.tag for entry_tag in saved if entry_tag.accepted]
        shown = [entry_tag.tag_id for entry_tag in saved]
    else:
        narrative = body = ""
        accepted, shown = [], []
    result = NO_SUGGESTIONS if paused else suggest(narrative, body)
    panel = suggestion_panel(
        result,
        accepted,
        shown=shown,
        has_text=bool(narrative.strip()),
        too_long=not within_limits(narrative, body),
        paused=paused,
    )
    form.suggested_title = panel.interpretation.title if panel.interpretation else ""
    return {
        "form": form,
        "entry": entry,
        "panel": panel,
        "form_action": reverse("entry_edit", args=[entry.pk]) if entry else reverse("entry_create"),
        "draft_key": _draft_key(request, entry),
    }


def _render_entry_form(request: SignedInRequest, form: EntryForm, entry: Entry | None = None):
    suggesting = request.POST.get("action") == "suggest"
    # Every POST shown again costs a match: a save sent back with an error counts like a
    # request for suggestions (a save that succeeds never gets here).
    paused = request.method == "POST" and _suggestions_paused(request)
    context = _entry_form_context(request, form, entry, paused=paused)
    status = 429 if paused else 200
    if request.htmx and suggesting:
        return TemplateResponse(
            request, "journal/entry_form.html#suggestions-update", context, status=status
        )
    return TemplateResponse(request, "journal/entry_form.html", context, status=status)


def _saved(request: SignedInRequest, entry: Entry, message: str, *, edited: bool):
    messages.success(request, message, extra_tags=DRAFT_SAVED_EDIT if edited else DRAFT_SAVED_NEW)
    return redirect(entry)


def _saved_draft_key(request: SignedInRequest, entry: Entry) -> str:
    """The draft to forget because it has just been saved as this entry, if any."""
    tags = {message.extra_tags for message in messages.get_messages(request)}
    if DRAFT_SAVED_EDIT in tags:
        return _draft_key(request, entry)
    if DRAFT_SAVED_NEW in tags:
        return _draft_key(request)
    return ""


@login_required
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def entry_create(request: SignedInRequest):
    """Log a dream. POST with action=suggest (htmx while typing, or the Suggest button
    without JavaScript) only refreshes the suggestions; any other POST saves."""
    form = _entry_form(request, with_library=not request.htmx)
    if request.method == "POST" and request.POST.get("action") != "suggest" and form.is_valid():
        entry = form.save_entry()
        if entry is not None:
            return _saved(request, entry, "Dream saved.", edited=False)
    return _render_entry_form(request, form)


@login_required
@require_safe
def entry_detail(request: SignedInRequest, pk: int) -> TemplateResponse:
    entry = get_entry_for_user(request, pk)
    grouped = entry_tags_by_kind(entry.tags.select_related("tag__interpretation").order_by("pk"))
    tags = [entry_tag for entry_tags in grouped.values() for entry_tag in entry_tags]
    next_stages = (
        entry.interpretation.next_stages.select_related("target") if entry.interpretation else []
    )
    context = {
        "entry": entry,
        "library_url": _library_url(entry.interpretation),
        "next_stages": [(stage, _library_url(stage.target)) for stage in next_stages],
        "accepted_tags": [tag for tag in tags if tag.accepted],
        "open_suggestions": [tag for tag in tags if not tag.accepted],
        "clear_draft": _saved_draft_key(request, entry),
    }
    return TemplateResponse(request, "journal/entry_detail.html", context)


@login_required
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
def entry_edit(request: SignedInRequest, pk: int):
    entry = get_entry_for_user(request, pk)
    form = _entry_form(request, entry, with_library=not request.htmx)
    if request.method == "POST" and request.POST.get("action") != "suggest" and form.is_valid():
        saved = form.save_entry()
        if saved is not None:
            return _saved(request, saved, "Changes saved.", edited=True)
    return _render_entry_form(request, form, entry)


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request: SignedInRequest, pk: int):
    """GET asks first; POST hides the entry, which can be restored for UNDO_WINDOW."""
    entry = get_entry_for_user(request, pk)
    if request.method == "POST":
        entry.soft_delete()
        # The journal's undo banner names the dream: no message repeats it (the message
        # cookie is signed, not encrypted, so it never carries a dream's words either).
        request.session[RESTORABLE_KEY] = entry.pk
        return redirect("home")
    return TemplateResponse(request, "journal/entry_delete.html", {"entry": entry})


@login_required
@require_POST
def entry_restore(request: SignedInRequest, pk: int):
    entry = get_object_or_404(request.user.entries.restorable(), pk=pk)
    entry.restore()
    request.session.pop(RESTORABLE_KEY, None)
    messages.success(request, "The dream is back in your journal.")
    return redirect(entry)


@login_required
@vary_on_headers("HX-Request")
@require_safe
def journal_calendar(request: SignedInRequest) -> TemplateResponse:
    """A month of nights: ?month=YYYY-MM, last night's month when absent; a month that is not
    one, or is outside the nights a journal can hold, is a 400 showing last night's month."""
    profile = Profile.for_user(request.user)
    today, last_night = profile.today(), profile.last_night()
    query = CalendarMonthForm(request.GET, today=today, last_night=last_night)
    if query.is_valid():
        month, error = query.cleaned_data["month"], ""
    else:
        month, error = last_night.replace(day=1), " ".join(map(str, query.errors["month"]))
    entries = (
        Entry.objects.for_user(request.user)
        .in_month(month.year, month.month)
        .select_related("interpretation")
        .order_by("night", "created_at")
    )
    context = {
        "month": month_grid(month, entries, today, EARLIEST_NIGHT),
        "error": error,
        **_span_context(profile, Entry.objects.for_user(request.user).span()),
    }
    status = 400 if error else 200
    if request.htmx and request.htmx.target == "calendar":
        return TemplateResponse(request, "journal/calendar.html#calendar", context, status=status)
    return TemplateResponse(request, "journal/calendar.html", context, status=status)


@login_required
@vary_on_headers("HX-Request")
@require_safe
def patterns(request: SignedInRequest) -> HttpResponse:
    """Which dreams come back and when, for the signed-in user: a light summary, each
    interpretation's full section opened on demand (`patterns_section`).

    `?range=3m|1y|all|<year>` picks the period the charts cover (anything else is a 400 that
    says which exist). htmx range switches get only the #patterns region."""
    profile = Profile.for_user(request.user)
    return _patterns_region(
        request,
        profile,
        lambda chosen: summary_context(gather_summary(request.user, chosen, profile.today())),
        summary_context,
        SUMMARY_TEMPLATE,
        page=("journal/patterns.html", "patterns_region"),
    )


@login_required
@vary_on_headers("HX-Request")
@require_safe
def patterns_section(request: SignedInRequest, pk: int) -> HttpResponse:
    """One interpretation's full section: its figures, calendar, notes beside its arrival
    conditions, scenarios and body sensations. htmx (opening it on the patterns page) gets
    the section alone; without JavaScript it is a page of its own. An interpretation the
    user has not dreamt is a 404; a bad range a 400."""
    profile = Profile.for_user(request.user)

    def gathered(chosen) -> dict:
        try:
            return section_context(gather_section(request.user, chosen, profile.today(), pk))
        except NotTheUsersInterpretation:
            raise Http404("No such interpretation in your journal.") from None

    return _patterns_region(
        request,
        profile,
        gathered,
        section_context,
        SECTION_TEMPLATE,
        page=("journal/patterns_section.html", "section_html"),
        focus=pk,
    )


def _patterns_region(
    request: SignedInRequest,
    profile: Profile,
    gathered: Callable[[Range], dict],
    context_of: Callable[..., dict],
    template: str,
    *,
    page: tuple[str, str],
    focus: int | None = None,
) -> HttpResponse:
    """A region of the patterns page for the chosen range, rendered from `gathered` and
    cached until the journal or the date changes; a bad range is a 400 with the form's
    message. htmx gets the region alone; otherwise (a History restore included) the page
    template shows it as `page`'s context name."""
    query = PatternsQueryForm(request.GET, today=profile.today())
    if query.is_valid():
        chosen = query.cleaned_data["range"]

        def render() -> str:
            return render_to_string(template, gathered(chosen), request=request)

        status = 200
        region = cache.get_or_set(cache_key(profile, chosen, focus), render, PATTERNS_CACHE_SECONDS)
    else:
        status = 400
        context = context_of(None, error=" ".join(map(str, query.errors["range"])))
        region = render_to_string(template, context, request=request)
    if request.htmx and not request.htmx.history_restore_request:
        return HttpResponse(region, status=status)
    page_template, name = page
    return TemplateResponse(request, page_template, {name: region}, status=status)
