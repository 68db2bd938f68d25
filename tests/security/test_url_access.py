"""Every URL of the project, walked as someone who is not the owner: nothing of the owner's leaks.

The URL patterns come from the resolver, so a view added later is walked too; a pattern
whose path parameters this test does not know how to fill fails the test, which is the
point: whoever adds it must say here which of the owner's objects it takes.

Walked as three visitors: anonymous, another signed-in user, and a staff member (a content
editor, not a superuser). Each URL is requested with GET, GET with the owner's ids in the
query string, POST, and both again as htmx requests. The owner's private text must never
appear in a response, URLs naming the owner's objects must answer 404 (405 for a method the
view refuses), and views that need an account must send anonymous visitors to log in.

Left out, on purpose:
- admin/: Django's admin has its own permission checks; the entry admin's rules are tested
  in TestEntryAdmin below (explicit permission needed even by superusers).
- accounts/reset/<uidb64>/<token>/ is filled with the owner's uid and a wrong token: a
  right token is the password-reset mechanism itself (possession of it is the authority),
  so the walk checks only that a guessed one opens nothing.
"""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from conditions.models import Answer, CheckIn, LifeTag
from interpretations.models import ArrivalCondition
from journal.models import Entry
from plans.models import RehearsalPlan
from tests.factories import EntryFactory, EntryTagFactory, TagFactory, UserFactory

# The owner's private text: none of these may appear in a response to someone else.
SECRETS = {
    "narrative": "I crossed a marmalade lighthouse owner-narrative-k3j9 at dawn.",
    "title": "Owner title q8v2",
    "waking_body": "owner-body-p4x1 tight jaw",
    "waking_life": "owner-waking-life-z7m5q9x4w2 moving house",
}
PLAN_SECRET = "owner-plan-ending-r5t1"
LIFE_TAG_SECRET = "owner-life-tag-h6d3"
SECRET_MARKERS = [
    "owner-narrative-k3j9",
    "Owner title q8v2",
    "owner-body-p4x1",
    # Long enough that a random CSRF token or session key cannot hold it by chance.
    "z7m5q9x4w2",
    PLAN_SECRET,
    LIFE_TAG_SECRET,
]
DELETED_SECRET = "owner-deleted-w2c8"

# Views anyone may open (they show nothing of anyone's journal).
PUBLIC = {
    "home",  # the welcome page when signed out
    "signup",
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "favicon",  # a redirect to the icon in static files
}
# Routes that take one of the owner's objects: only 404 (or 405, or log in) is acceptable.
OWNER_OBJECT_ROUTES = {
    "entry_detail",
    "entry_edit",
    "entry_delete",
    "entry_restore",
    "plans:detail",
    "plans:edit",
    "plans:rehearse",
    "plans:status",
    "import_start",
    "import_cancel",
    "import_status",
    "export_file",
    "patterns_section",  # an interpretation only the owner has dreamt
    "life_tag_add",
    "life_tag_remove",
    "check_in",
}
SKIPPED_PREFIXES = ("admin/",)


def url_patterns():
    """(full name, {parameter: converter}) of every named view, admin left out."""
    found = []

    def walk(patterns, route="", namespace="", converters=None):
        for pattern in patterns:
            here = route + str(pattern.pattern)
            params = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
            if isinstance(pattern, URLResolver):
                if here.startswith(SKIPPED_PREFIXES):
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, here, inner, params)
            elif isinstance(pattern, URLPattern):
                if not pattern.name:
                    pytest.fail(f"URL {here!r} has no name: name it so this walk can reach it")
                found.append((f"{namespace}{pattern.name}", here, params))

    walk(get_resolver().url_patterns)
    return found


@pytest.fixture
def owner(db):
    return UserFactory(username="owner")


def objects_of(owner) -> dict:
    """One of each of the owner's objects that a URL can name, holding the secrets."""
    scenario = TagFactory(interpretation__title="Running in place", label="road stretches")
    interpretation = scenario.interpretation
    entry = EntryFactory(
        user=owner, night=dt.date(2026, 10, 12), interpretation=interpretation, **SECRETS
    )
    EntryTagFactory(entry=entry, tag=scenario, accepted=True)
    condition = ArrivalCondition.objects.create(interpretation=interpretation, text="Effort.")
    life_tag = LifeTag.add_to(entry, LIFE_TAG_SECRET)
    CheckIn.record(entry, condition, Answer.YES)
    deleted = EntryFactory(
        user=owner, night=dt.date(2026, 10, 13), narrative=f"Gone {DELETED_SECRET}."
    )
    deleted.soft_delete()
    plan = RehearsalPlan.objects.create(
        user=owner,
        interpretation=interpretation,
        dream_title=interpretation.title,
        new_ending=f"I turn round. {PLAN_SECRET}",
        starts_on=dt.date(2026, 10, 1),
    )
    import_job = owner.import_jobs.create(
        file_name="owner.json", file_format="json", data=SECRETS["narrative"].encode()
    )
    export_job = owner.export_jobs.create(
        file_format="json", status="done", data=SECRETS["narrative"].encode()
    )
    return {
        "entry": entry,
        "deleted": deleted,
        "interpretation": interpretation,
        "plan": plan,
        "import_job": import_job,
        "export_job": export_job,
        "life_tag": life_tag,
        "condition": condition,
    }


@pytest.fixture
def owners_things(owner):
    return objects_of(owner)


def fill(name: str, route: str, params: dict, things: dict, owner) -> dict:
    """The owner's value for each path parameter of a route; fails on one it does not know."""
    values = {}
    for param in params:
        if param == "pk" and name == "entry_restore":
            values[param] = things["deleted"].pk
        elif param == "pk" and name.startswith(("entry_", "life_tag_", "check_in")):
            values[param] = things["entry"].pk
        elif param == "tag_pk" and name == "life_tag_remove":
            values[param] = things["life_tag"].pk
        elif param == "condition_pk" and name == "check_in":
            values[param] = things["condition"].pk
        elif param == "pk" and name.startswith("entry_"):
            values[param] = things["entry"].pk
        elif param == "pk" and name.startswith("plans:"):
            values[param] = things["plan"].pk
        elif param == "slug" and name == "interpretations:detail":
            values[param] = things["interpretation"].slug
        elif param == "pk" and name.startswith("import_"):
            values[param] = things["import_job"].pk
        elif param == "pk" and name == "export_file":
            values[param] = things["export_job"].pk
        elif param == "pk" and name == "patterns_section":
            values[param] = things["interpretation"].pk
        elif param == "file_format" and name in ("export_download", "export_prepare"):
            values[param] = "json"
        elif param == "uidb64" and name == "password_reset_confirm":
            values[param] = urlsafe_base64_encode(force_bytes(owner.pk))
        elif param == "token" and name == "password_reset_confirm":
            values[param] = "set-password"  # a wrong token (see the module's docstring)
        else:
            pytest.fail(
                f"tests/security/test_url_access.py does not know how to fill <{param}> of "
                f"{name} ({route}): add which of the owner's objects it takes to fill()"
            )
    return values


def visitor_client(kind: str):
    client = Client()
    if kind == "other user":
        client.force_login(UserFactory())
    elif kind == "staff":
        staff = UserFactory(is_staff=True)
        staff.groups.add(*Group.objects.all())  # every group, e.g. the content editors
        client.force_login(staff)
    return client


REQUESTS = [
    ("GET", {}, False),
    ("GET", "owner-query", False),
    ("POST", {}, False),
    ("GET", {}, True),
    ("GET", "owner-query", True),
    ("POST", {}, True),
]


@pytest.mark.slow
@pytest.mark.parametrize("visitor", ["anonymous", "other user", "staff"])
def test_nothing_of_the_owner_leaks_from_any_url(owner, owners_things, visitor):
    entry = owners_things["entry"]
    owner_query = {
        "q": "marmalade lighthouse",
        "interpretation": owners_things["interpretation"].pk,
        "scenario": entry.tags.get().tag_id,
        "month": "2026-10",
        "range": "all",
        "start": "2026-10-01",
        "page": "1",
    }
    owner_post = {
        "pk": entry.pk,
        "entry": entry.pk,
        "revision": entry.revision,
        "action": "suggest",
        "narrative": "a visitor's own words",
    }
    patterns = url_patterns()
    assert len(patterns) >= 20, "the walk found too few URLs: has the resolver changed?"
    problems = []
    for name, route, params in patterns:
        url = reverse(name, kwargs=fill(name, route, params, owners_things, owner))
        for method, data, htmx in REQUESTS:
            client = visitor_client(visitor)
            headers = {"HX-Request": "true", "HX-Target": "journal-list"} if htmx else {}
            if data == "owner-query":
                data = owner_query
            if method == "POST":
                response = client.post(url, owner_post, headers=headers)
            else:
                response = client.get(url, data, headers=headers)
            label = f"{visitor} {method}{' htmx' if htmx else ''} {url} ({name})"
            body = response.content.decode(errors="replace")
            for secret in [*SECRET_MARKERS, DELETED_SECRET]:
                if secret in body:
                    problems.append(f"{label}: the owner's {secret!r} is in the response")
            status = response.status_code
            to_login = status == 302 and response.url.startswith(reverse("login"))
            if status >= 500:
                problems.append(f"{label}: server error {status}")
            if name in OWNER_OBJECT_ROUTES and not (to_login or status in (404, 405)):
                problems.append(f"{label}: answered {status} for the owner's object")
            if visitor == "anonymous" and name not in PUBLIC and not (to_login or status == 405):
                problems.append(f"{label}: anonymous got {status}, not a redirect to log in")
    assert not problems, "\n".join(problems)
    # And nothing of the owner's changed: not edited, not deleted, not restored.
    entry.refresh_from_db()
    assert entry.narrative == SECRETS["narrative"] and entry.deleted_at is None
    assert entry.revision == 1
    owners_things["deleted"].refresh_from_db()
    assert owners_things["deleted"].deleted_at is not None
    owners_things["import_job"].refresh_from_db()
    assert owners_things["import_job"].status == "preview"
    assert owner.__class__.objects.filter(pk=owner.pk).exists()


def test_the_owner_does_see_them(client, owner, owners_things):
    """The markers are real: the same requests made by the owner do show the dream."""
    client.force_login(owner)
    entry = owners_things["entry"]
    for url in (reverse("entry_detail", args=[entry.pk]), reverse("home")):
        body = client.get(url).content.decode()
        assert all(secret in body for secret in SECRET_MARKERS[:2]), url
    export = client.get(reverse("export_download", args=["json"])).content.decode()
    assert all(secret in export for secret in SECRET_MARKERS)


def test_the_walk_fails_on_a_parameter_it_cannot_fill(owner, owners_things):
    with pytest.raises(pytest.fail.Exception, match="does not know how to fill <moon>"):
        fill("new_view", "moons/<int:moon>/", {"moon": None}, owners_things, owner)


def test_the_walk_covers_the_known_views():
    names = {name for name, _, _ in url_patterns()}
    assert {
        "home",
        "entry_detail",
        "entry_edit",
        "entry_delete",
        "entry_restore",
        "export_download",
        "account_delete",
        "patterns",
        "calendar",
        "interpretations:detail",
    } <= names


class TestEntryAdmin:
    """Dreams are private even from superusers, unless one is given the permission on purpose."""

    def urls(self, entry):
        return [
            reverse("admin:journal_entry_changelist"),
            reverse("admin:journal_entry_change", args=[entry.pk]),
            reverse("admin:journal_entry_history", args=[entry.pk]),
            reverse("admin:journal_entry_delete", args=[entry.pk]),
        ]

    def test_superuser_without_the_explicit_permission_sees_no_entries(self, client, owners_things):
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
        for url in self.urls(owners_things["entry"]):
            response = client.get(url)
            assert response.status_code in (302, 403, 404), url
            assert not any(s in response.content.decode() for s in SECRET_MARKERS), url
        index = client.get(reverse("admin:index")).content.decode()
        assert reverse("admin:journal_entry_changelist") not in index

    def test_staff_editor_sees_no_entries(self, client, owners_things):
        client.force_login(visitor_client_user_staff())
        for url in self.urls(owners_things["entry"]):
            assert client.get(url).status_code in (302, 403, 404), url

    @pytest.mark.parametrize("through_group", [False, True])
    def test_explicit_permission_opens_the_list_without_narratives(
        self, client, owners_things, through_group
    ):
        superuser = UserFactory(is_staff=True, is_superuser=True)
        permission = Permission.objects.get(
            codename="view_entry", content_type__app_label="journal"
        )
        if through_group:
            group = Group.objects.create(name="support")
            group.permissions.add(permission)
            superuser.groups.add(group)
        else:
            superuser.user_permissions.add(permission)
        client.force_login(superuser)
        listing = client.get(reverse("admin:journal_entry_changelist"))
        assert listing.status_code == 200
        html = listing.content.decode()
        assert f"/{owners_things['entry'].pk}/change/" in html
        for secret in [*SECRET_MARKERS, "marmalade"]:
            assert secret not in html
        # The change page may show the dream, read-only: the permission was granted for that.
        change = client.get(reverse("admin:journal_entry_change", args=[owners_things["entry"].pk]))
        assert change.status_code == 200
        assert (
            client.post(
                reverse("admin:journal_entry_change", args=[owners_things["entry"].pk]), {}
            ).status_code
            == 403
        )
        assert client.get(reverse("admin:journal_entry_add")).status_code == 403

    def test_an_entrys_owner_cannot_be_changed_even_with_the_change_permission(
        self, rf, owners_things
    ):
        editor = UserFactory(is_staff=True)
        editor.user_permissions.add(
            Permission.objects.get(codename="change_entry", content_type__app_label="journal")
        )
        request = rf.get("/")
        request.user = editor
        entry = owners_things["entry"]
        entry_admin = admin.site.get_model_admin(Entry)
        assert entry_admin.has_change_permission(request, entry)
        assert "user" not in entry_admin.get_form(request, entry).base_fields
        assert "user" in entry_admin.get_readonly_fields(request, entry)


def visitor_client_user_staff():
    staff = UserFactory(is_staff=True)
    staff.groups.add(*Group.objects.all())
    return staff
