"""factory_boy factories for the objects tests build: users, interpretations, library tags,
entries and entry tags. Defaults are the plainest valid object; a test names what it needs."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from interpretations.models import Interpretation, Tag, TagKind
from journal.models import Entry, EntryTag

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"dreamer{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class InterpretationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interpretation

    title = factory.Sequence(lambda n: f"Dream {n}")
    source = factory.Sequence(lambda n: f"dream-{n}.txt")


class TagFactory(factory.django.DjangoModelFactory):
    """A tag of the library: a scenario unless kind says otherwise."""

    class Meta:
        model = Tag

    interpretation = factory.SubFactory(InterpretationFactory)
    kind = TagKind.SCENARIO
    label = factory.Sequence(lambda n: f"tag {n}")


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    night = dt.date(2026, 11, 1)
    narrative = "I walked down a long grey corridor."

    @factory.post_generation
    def kept_tags(self, create, extracted, **kwargs):
        """EntryFactory(kept_tags=[tag, …]): library tags kept on the entry (accepted)."""
        for tag in extracted or ():
            EntryTagFactory(entry=self, tag=tag, accepted=True)


class EntryTagFactory(factory.django.DjangoModelFactory):
    """A tag on an entry, owned by the entry's owner."""

    class Meta:
        model = EntryTag

    entry = factory.SubFactory(EntryFactory)
    user = factory.SelfAttribute("entry.user")
    tag = factory.SubFactory(TagFactory)
