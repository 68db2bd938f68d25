"""The entries' chainable queries (`Entry.objects.for_user(user).with_tags()`), and the
journal span one of them counts."""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

if TYPE_CHECKING:
    from journal.models import Entry  # noqa: F401  # named by EntryQuerySet's base, in quotes

# A deleted entry can be brought back for this long; after that it is gone for good.
UNDO_WINDOW = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class JournalSpan:
    """The entries of a journal, counted, and the first and last nights they cover."""

    count: int
    first: dt.date | None
    last: dt.date | None


class EntryQuerySet(models.QuerySet["Entry"]):
    def for_user(self, user):
        return self.alive().filter(user=user)

    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def search(self, text: str):
        """Entries whose title, narrative, body or waking-life notes match the words of text
        (journal.search: any text is accepted, and never fails a query)."""
        from journal.search import matching_entries

        return matching_entries(self, text)

    def with_tags(self, order_by=("pk",)):
        """Prefetch the accepted entry tags with their tags, as entry.accepted_tags (one
        query for a page), best suggestion first unless ordered otherwise."""
        from journal.models import EntryTag  # not at the top: journal.models imports this module

        return self.select_related("interpretation").prefetch_related(
            models.Prefetch(
                "tags",
                EntryTag.objects.filter(accepted=True).select_related("tag").order_by(*order_by),
                to_attr="accepted_tags",
            )
        )

    def span(self) -> JournalSpan:
        """How many entries there are and the first and last nights they cover (one query)."""
        found = self.aggregate(
            count=models.Count("pk"), first=models.Min("night"), last=models.Max("night")
        )
        return JournalSpan(**found)

    def in_month(self, year: int, month: int):
        first = dt.date(year, month, 1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return self.filter(night__gte=first, night__lt=following)

    def restorable(self):
        return self.filter(deleted_at__gte=timezone.now() - UNDO_WINDOW)

    def purge_deleted(self) -> int:
        """Delete for good the entries whose undo window has passed."""
        count, _ = self.filter(deleted_at__lt=timezone.now() - UNDO_WINDOW).delete()
        return count

    def with_interpretation(self, interpretation):
        return self.filter(interpretation=interpretation)

    def with_tag(self, tag):
        return self.filter(tags__tag=tag, tags__accepted=True)

    def between(self, start=None, end=None):
        if start:
            self = self.filter(night__gte=start)
        if end:
            self = self.filter(night__lte=end)
        return self
