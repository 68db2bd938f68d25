"""Security headers on every response, and CSRF on every state change (htmx included)."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from tests.security.test_url_access import SECRETS, fill, objects_of, url_patterns

HTMX = {"HX-Request": "true"}


@pytest.fixture
def things(user):
    return objects_of(user)


def every_url(things, user) -> list[str]:
    return [
        reverse(name, kwargs=fill(name, route, params, things, user))
        for name, route, params in url_patterns()
    ]


def assert_secure_headers(response, label: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    assert csp, f"{label}: no Content-Security-Policy"
    directives = dict(
        [*part.strip().split(" ", 1), ""][:2] for part in csp.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, label
    # The nonce appears only when the page used it (Django's lazy nonce).
    assert re.fullmatch(r"'self'( 'nonce-[^']+')?", directives["script-src"]), label
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'", label
    assert directives["frame-ancestors"] == "'none'", label
    assert response.headers.get("X-Frame-Options") == "DENY", label
    assert response.headers.get("X-Content-Type-Options") == "nosniff", label
    assert response.headers.get("Referrer-Policy") == "same-origin", label
    assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin", label


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "owner"])
def test_every_page_redirect_and_error_has_the_headers(client, user, things, signed_in):
    if signed_in:
        client.force_login(user)
    for url in every_url(things, user):
        for headers in ({}, HTMX):
            response = client.get(url, headers=headers)
            assert_secure_headers(response, f"GET {url} {headers} → {response.status_code}")


def test_partials_downloads_404_and_405_have_the_headers(client, user, things):
    client.force_login(user)
    responses = {
        "journal partial": client.get(
            reverse("home"), headers={**HTMX, "HX-Target": "journal-list"}
        ),
        "calendar partial": client.get(
            reverse("calendar"), headers={**HTMX, "HX-Target": "calendar"}
        ),
        "patterns partial": client.get(reverse("patterns"), {"range": "all"}, headers=HTMX),
        "suggestions partial": client.post(
            reverse("entry_create"), {"narrative": "running", "action": "suggest"}, headers=HTMX
        ),
        "export": client.get(reverse("export_download", args=["csv"])),
        "404": client.get("/no/such/page/"),
        "404 of another's entry": client.get(reverse("entry_detail", args=[10**9])),
        "405": client.post(reverse("calendar")),
        "admin login": Client().get(reverse("admin:login")),
        "static-looking": client.get("/robots.txt"),
    }
    for label, response in responses.items():
        assert_secure_headers(response, label)
    assert responses["journal partial"].status_code == 200
    assert b"<html" not in responses["suggestions partial"].content


def test_no_inline_script_without_the_nonce(client, user, things):
    """Every <script> the app writes is either external or carries this response's nonce."""
    client.force_login(user)
    for url in every_url(things, user):
        response = client.get(url)
        html = response.content.decode(errors="replace")
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or (nonce and f'nonce="{nonce.group(1)}"' in tag), (url, tag)
        assert not re.search(r"\son[a-z]+\s*=", html.split("</head>")[-1]), url  # no onclick=…


# --- CSRF -------------------------------------------------------------------------------------


def csrf_client(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["anonymous", "owner", "staff"])
def test_every_state_change_without_a_token_is_refused(user, things, who):
    staff = UserFactory(is_staff=True, is_superuser=True)
    staff.groups.add(*Group.objects.all())
    client = csrf_client({"anonymous": None, "owner": user, "staff": staff}[who])
    entry = things["entry"]
    urls = [
        *every_url(things, user),
        reverse("admin:login"),
        reverse("admin:logout"),
        reverse("admin:interpretations_interpretation_import_text"),
        reverse("admin:interpretations_interpretation_add"),
        reverse("admin:interpretations_interpretation_change", args=[things["interpretation"].pk]),
        reverse("admin:auth_user_password_change", args=[user.pk]),
    ]
    data = {
        "narrative": "Overwritten by a forged request.",
        "night": "2026-10-01",
        "intensity": "3",
        "revision": str(entry.revision),
        "password": "correct-horse-battery-staple",
        "time_zone": "Asia/Tokyo",
    }
    for url in urls:
        for headers in ({}, HTMX, {**HTMX, "X-CSRFToken": "forged-token-value"}):
            for method in ("post", "put", "patch", "delete"):
                response = getattr(client, method)(url, data, headers=headers)
                assert response.status_code == 403, f"{method} {url} {headers}"
                assert b"CSRF" in response.content or b"forged" in response.content.lower()
    entry.refresh_from_db()
    assert entry.narrative == SECRETS["narrative"] and entry.deleted_at is None
    things["deleted"].refresh_from_db()
    assert things["deleted"].deleted_at is not None
    assert user.__class__.objects.filter(pk=user.pk).exists()


def test_htmx_requests_with_the_token_from_the_page_pass(user, things):
    """The token the base template puts in hx-headers is what htmx sends: it works."""
    client = csrf_client(user)
    page = client.get(reverse("entry_create")).content.decode()
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    response = client.post(
        reverse("entry_create"),
        {"narrative": "running", "action": "suggest"},
        headers={**HTMX, "X-CSRFToken": token},
    )
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["home", "entry_create", "calendar", "patterns"])
def test_pages_that_answer_htmx_with_a_fragment_vary_on_that_header(signed_in, name):
    assert "HX-Request" in signed_in.get(reverse(name)).headers.get("Vary", "")
