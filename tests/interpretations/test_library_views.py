"""The public library pages: signed-in users only, published interpretations only."""

import pytest
from django.urls import reverse

from interpretations.models import Interpretation

LIBRARY = reverse("interpretations:library")


@pytest.fixture
def running_in_place(catalog):
    return catalog.get(source="running-in-place.txt")


@pytest.mark.django_db
class TestLibrary:
    def test_lists_published_interpretations(self, client, user, running_in_place):
        Interpretation.objects.filter(source="caught.txt").update(published=False)
        client.force_login(user)
        html = client.get(LIBRARY).content.decode()
        assert running_in_place.title in html
        assert "Caught at Last" not in html

    def test_anonymous_is_sent_to_log_in(self, client, running_in_place):
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
    def test_shows_every_part_and_links_next_stages(self, client, user, running_in_place):
        client.force_login(user)
        html = client.get(running_in_place.get_absolute_url()).content.decode()
        assert running_in_place.key_sentence.replace("'", "&#x27;") in html
        for tag in running_in_place.tags.all():
            assert tag.label.replace("'", "&#x27;") in html
        for stage in running_in_place.next_stages.all():
            assert stage.target.get_absolute_url() in html
        assert "When this dream arrives" in html and "The morning after" in html

    def test_unpublished_and_unknown_are_404(self, client, user, running_in_place):
        client.force_login(user)
        running_in_place.published = False
        running_in_place.save()
        assert client.get(running_in_place.get_absolute_url()).status_code == 404
        assert client.get(reverse("interpretations:detail", args=["nope"])).status_code == 404

    def test_anonymous_is_sent_to_log_in(self, client, running_in_place):
        assert client.get(running_in_place.get_absolute_url()).status_code == 302

    def test_query_count_does_not_grow_with_parts(
        self, client, user, running_in_place, django_assert_max_num_queries
    ):
        client.force_login(user)
        with django_assert_max_num_queries(12):
            client.get(running_in_place.get_absolute_url())
