"""The public library pages: signed-in users only, published interpretations only."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from interpretations.models import Interpretation

LIBRARY = reverse("interpretations:library")


@pytest.fixture
def catalog(db):
    call_command("import_interpretations", stdout=None)
    return Interpretation.objects.get(source="running-in-place.txt")


@pytest.mark.django_db
class TestLibrary:
    def test_lists_published_interpretations(self, client, user, catalog):
        Interpretation.objects.filter(source="caught.txt").update(published=False)
        client.force_login(user)
        html = client.get(LIBRARY).content.decode()
        assert catalog.title in html
        assert "Caught at Last" not in html

    def test_anonymous_is_sent_to_log_in(self, client, catalog):
        response = client.get(LIBRARY)
        assert response.status_code == 302 and reverse("login") in response.url

    def test_wrong_method(self, client, user):
        client.force_login(user)
        assert client.post(LIBRARY).status_code == 405

    def test_empty_library_has_a_friendly_state(self, client, user):
        client.force_login(user)
        assert "The library is empty" in client.get(LIBRARY).content.decode()


@pytest.mark.django_db
class TestDetail:
    def test_shows_every_part_and_links_next_stages(self, client, user, catalog):
        client.force_login(user)
        html = client.get(catalog.get_absolute_url()).content.decode()
        assert catalog.key_sentence.replace("'", "&#x27;") in html
        for tag in catalog.tags.all():
            assert tag.label.replace("'", "&#x27;") in html
        for stage in catalog.next_stages.all():
            assert stage.target.get_absolute_url() in html
        assert "When this dream arrives" in html and "The morning after" in html

    def test_unpublished_and_unknown_are_404(self, client, user, catalog):
        client.force_login(user)
        catalog.published = False
        catalog.save()
        assert client.get(catalog.get_absolute_url()).status_code == 404
        assert client.get(reverse("interpretations:detail", args=["nope"])).status_code == 404

    def test_anonymous_is_sent_to_log_in(self, client, catalog):
        assert client.get(catalog.get_absolute_url()).status_code == 302

    def test_query_count_does_not_grow_with_parts(
        self, client, user, catalog, django_assert_max_num_queries
    ):
        client.force_login(user)
        with django_assert_max_num_queries(12):
            client.get(catalog.get_absolute_url())
