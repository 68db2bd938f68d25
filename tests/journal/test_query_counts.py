"""How many queries the journal's pages and a save make: the same for one entry as for dozens,
and within the target every page in `bench` is held to (issue 14)."""

import datetime as dt
import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interpretations.models import TagKind
from journal.models import Entry
from tests.factories import EntryTagFactory
from tests.journal.test_entry_views import entry_for, post_data


class TestQueryCounts:
    def count(self, client, url) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def test_pages_do_not_grow_with_the_journal(self, signed_in, user, catalog):
        signed_in.post(reverse("entry_create"), post_data())
        tagged = Entry.objects.get()
        tagged.tags.update(accepted=True)
        urls = [reverse("home"), reverse("calendar"), tagged.get_absolute_url()]
        for url in urls:  # the first visit after saving also updates the session
            signed_in.get(url)
        small = [self.count(signed_in, url) for url in urls]
        for day in range(1, 29):
            entry = entry_for(user, night=dt.date(2026, 11, day))
            for entry_tag in tagged.tags.filter(tag__kind=TagKind.SCENARIO):
                EntryTagFactory(entry=entry, tag=entry_tag.tag, accepted=True)
        large = [self.count(signed_in, url) for url in urls]
        assert small == large
        assert max(large) <= 8  # the target of every page in `bench`

    def test_saving_does_not_grow_with_the_journal(self, signed_in, user, catalog):
        def save_count(night: dt.date) -> int:
            data = post_data(night=night.isoformat(), submission_token=str(uuid.uuid4()))
            with CaptureQueriesContext(connection) as queries:
                assert signed_in.post(reverse("entry_create"), data).status_code == 302
            return len(queries)

        save_count(dt.date(2026, 10, 1))  # the first save creates the profile
        small = save_count(dt.date(2026, 10, 2))
        for day in range(1, 29):
            entry_for(user, night=dt.date(2026, 11, day))
        assert save_count(dt.date(2026, 10, 3)) == small
        assert small <= 8
