"""The home page, the base template and the error pages."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error


@pytest.mark.django_db
class TestHome:
    def test_signed_out_sees_the_explanation_and_sign_up(self, client):
        response = client.get(reverse("home"))
        assert response.status_code == 200
        assert reverse("signup") in response.content.decode()
        assert "Start your journal" in response.content.decode()

    def test_signed_in_sees_the_journal(self, client, user):
        client.force_login(user)
        response = client.get(reverse("home"))
        assert "Your journal" in response.content.decode()

    def test_wrong_method(self, client):
        assert client.post(reverse("home")).status_code == 405

    def test_base_template_sends_csrf_with_htmx_and_loads_htmx_locally(self, client, user):
        client.force_login(user)
        html = client.get(reverse("home")).content.decode()
        token = client.cookies["csrftoken"].value
        assert token
        assert 'hx-headers=\'{"X-CSRFToken": "' in html
        assert "/static/django_htmx/htmx" in html
        # nothing loaded from another site (a CDN); not a search for "cdn" in the page, which
        # the random CSRF token now and then contains
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
        assert '<main id="main"' in html and 'aria-label="Main"' in html

    def test_every_response_carries_security_headers(self, client):
        response = client.get(reverse("home"))
        policy = response.headers["Content-Security-Policy"]
        assert "script-src 'self' 'nonce-" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_unknown_url_gets_the_styled_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "SECRET_KEY" not in response.content.decode()


@pytest.mark.django_db
def test_server_error_gets_the_styled_500_without_leaking_settings():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "Traceback" not in html and "SECRET_KEY" not in html
