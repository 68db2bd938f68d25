import datetime as dt
import random
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from interpretations.library import current_matcher
from interpretations.models import Interpretation, Tag, TagKind
from journal.import_files import ImportedDream, ReadFile
from journal.importing import import_dreams
from journal.models import Emotion

USERNAME_PREFIX = "demo-user-"
SETTINGS = [
    "in my old school",
    "on a motorway at night",
    "in a supermarket that went on for ever",
    "at my grandmother's house",
    "on a beach under a green sky",
    "in an office with no windows",
    "in a forest I did not recognise",
    "on a train that never stopped",
    "in the flat where I grew up",
    "at a wedding full of strangers",
]
OPENINGS = [
    "It started {setting}.",
    "I was {setting} with people I half knew.",
    "The dream began {setting}, late in the evening.",
    "I found myself {setting}.",
]
PLAIN_EVENTS = [
    "We were looking for a lost cat and calling its name.",
    "My sister was cooking something that smelled of oranges.",
    "There was a party and I could not find my shoes.",
    "I was flying low over rooftops and it felt easy.",
    "An old teacher handed back an exam I did not remember sitting.",
    "The phone rang but every number I dialled was wrong.",
    "I was showing a friend around a house I had never seen.",
    "A dog followed me politely from room to room.",
    "The lights kept going out and coming back on.",
    "I was late for a flight and the gate kept moving.",
]
ENDINGS = [
    "Then I woke up.",
    "I woke before it ended.",
    "The alarm went off in the middle of it.",
    "It faded and I slept on.",
]
BODY_NOTES = [
    "Heart pounding when I woke.",
    "Legs aching as if I had really run.",
    "Tired, like I hadn't slept at all.",
    "Sweaty and tense in the shoulders.",
    "Calm, a bit groggy.",
    "",
    "",
]
LIFE_CONTEXT = [
    "Deadline at work on Friday.",
    "Moving house next month.",
    "Argument with my partner last night.",
    "Exams coming up.",
    "Nothing special, a quiet week.",
    "Started a new job.",
    "Worried about my dad's health.",
    "",
    "",
    "",
]


class Command(BaseCommand):
    help = (
        "Fill the database with deterministic, realistic demo journals: users whose dreams "
        "come in gaps and clusters, narratives built from varied sentences and the library's "
        "own scenarios and markers, tagged by the real matcher."
    )

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=10)
        parser.add_argument("--nights", type=int, default=365, help="nights of history per user")
        parser.add_argument("--heavy-user", help="also give this user --heavy-nights entries")
        parser.add_argument("--heavy-nights", type=int, default=3650)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, users, nights, heavy_user, heavy_nights, seed, **options):
        if users < 0 or nights < 1 or heavy_nights < 1:
            raise CommandError("--users must be 0 or more, --nights and --heavy-nights 1 or more.")
        if not Interpretation.objects.exists():
            call_command("import_interpretations", verbosity=0, stdout=self.stdout)
        started = time.perf_counter()
        writer = DreamWriter(random.Random(seed))  # noqa: S311 - reproducible demo data
        matcher = current_matcher()
        accounts = self._accounts(users, seed)
        today = dt.date.today()
        total = 0
        for user in accounts:
            total += self._fill(user, writer, matcher, nights, today)
        if heavy_user:
            user, _ = get_user_model().objects.get_or_create(username=heavy_user)
            total += self._fill(user, writer, matcher, heavy_nights, today, every_night=True)
        self.stdout.write(
            f"Seeded {total:,} entries for {len(accounts) + bool(heavy_user):,} users "
            f"in {time.perf_counter() - started:.1f} s."
        )

    def _accounts(self, count: int, seed: int) -> list:
        user_model = get_user_model()
        # One hash for all: these accounts are for load and benchmarks, never for logging in.
        unusable = make_password(None)
        names = [f"{USERNAME_PREFIX}{seed}-{n}" for n in range(1, count + 1)]
        existing = set(
            user_model.objects.filter(username__in=names).values_list("username", flat=True)
        )
        with transaction.atomic():
            user_model.objects.bulk_create(
                [
                    user_model(username=name, password=unusable)
                    for name in names
                    if name not in existing
                ],
                batch_size=1000,
            )
        return list(user_model.objects.filter(username__in=names).order_by("pk"))

    def _fill(self, user, writer, matcher, nights, today, *, every_night=False) -> int:
        dreams = writer.series(nights, today, every_night=every_night)
        report = import_dreams(user, ReadFile(dreams=dreams, skipped=[]), matcher)
        return report.imported


class DreamWriter:
    """Writes plausible dream series from a seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        labels = Tag.objects.values_list("label", flat=True)
        self.scenario_labels = list(labels.filter(kind=TagKind.SCENARIO))
        self.marker_labels = list(labels.filter(kind=TagKind.MARKER))

    def series(self, nights: int, today: dt.date, *, every_night: bool) -> list[ImportedDream]:
        """One dream series: quiet spells and stressful clusters in which the anxiety dream
        returns, like real recurring dreams."""
        rng = self.rng
        dreams: list[ImportedDream] = []
        stressed = False
        theme = rng.sample(self.scenario_labels, k=min(2, len(self.scenario_labels)))
        for offset in range(nights, 0, -1):
            # A stressful spell starts now and then and lasts a few weeks.
            if rng.random() < (0.08 if stressed else 0.02):
                stressed = not stressed
            logged = every_night or rng.random() < (0.7 if stressed else 0.3)
            if not logged:
                continue
            night = today - dt.timedelta(days=offset)
            anxious = rng.random() < (0.6 if stressed else 0.1)
            dreams.append(self._dream(str(len(dreams) + 1), night, anxious, theme))
        return dreams

    def _dream(self, number: str, night: dt.date, anxious: bool, theme: list[str]) -> ImportedDream:
        rng = self.rng
        sentences = [rng.choice(OPENINGS).format(setting=rng.choice(SETTINGS))]
        sentences += rng.sample(PLAIN_EVENTS, k=rng.randint(1, 3))
        if anxious and theme:
            sentences.append(_as_sentence(rng.choice(theme)))
            if self.marker_labels and rng.random() < 0.5:
                sentences.append(_as_sentence(rng.choice(self.marker_labels)))
        sentences.append(rng.choice(ENDINGS))
        emotions = rng.sample([e.value for e in Emotion], k=rng.randint(0, 3))
        return ImportedDream(
            number=number,
            night=night,
            narrative=" ".join(sentences),
            waking_body=rng.choice(BODY_NOTES),
            waking_life=rng.choice(LIFE_CONTEXT),
            emotions=tuple(emotions),
            intensity=rng.randint(2, 5) if anxious else rng.randint(1, 3),
            lucid=rng.random() < 0.05,
            recurring=anxious and rng.random() < 0.5,
        )


def _as_sentence(label: str) -> str:
    text = label.strip().rstrip(".")
    return f"{text[:1].upper()}{text[1:]}."
