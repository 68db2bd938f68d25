"""The dream matcher on real libraries: the seed articles and the bundled catalog against the
evaluation set and the dreams quoted in issue 11, and an article nobody tuned the matcher on."""

import csv
import json
import random
import shutil
from pathlib import Path

import pytest

from interpretations.matching import Matcher
from tests.conftest import REPO_ROOT, matcher_for_folder

CATALOG = REPO_ROOT / "interpretations" / "catalog"


# --- The evaluation set ---------------------------------------------------------------------


def _same_label(listed: str, suggested: str) -> bool:
    """The evaluation lists a label as it stands before the "→"; the parser may keep a tail."""

    def plain(label: str) -> str:
        return " ".join(label.replace("’", "'").casefold().rstrip(". ").split())

    return plain(suggested).startswith(plain(listed))


def _any_listed(listed: list[str], matches) -> bool:
    return any(_same_label(label, match.tag.label) for label in listed for match in matches[:3])


def evaluation_figures(matcher: Matcher, lines: list[dict]) -> dict[str, float]:
    tallies = {name: [0, 0] for name in ("top1", "scenario@3", "marker@3", "unrelated")}

    def count(name: str, hit: bool) -> None:
        tallies[name][0] += hit
        tallies[name][1] += 1

    for line in lines:
        result = matcher.match(line["text"])
        chosen = result.interpretation and result.interpretation.interpretation.source
        if line["interpretations"]:
            count("top1", chosen in line["interpretations"])
        else:
            count("unrelated", chosen is None)
        if line["scenarios"]:
            count("scenario@3", _any_listed(line["scenarios"], result.scenarios))
        if line["markers"]:
            count("marker@3", _any_listed(line["markers"], result.markers))
    return {name: hits / total for name, (hits, total) in tallies.items() if total}


def shared_evaluation_figures(shared: Path) -> dict[str, float]:
    text = (shared / "eval" / "dev-dreams.jsonl").read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    return evaluation_figures(matcher_for_folder(shared / "seeds"), lines)


def test_the_evaluation_set_meets_the_targets(shared_dir):
    figures = shared_evaluation_figures(shared_dir)
    # A smoke test: the figures that matter come from the labelled sets (match_dream --evaluate).
    # The matcher is no longer tuned on these 20 dreams (issue 11), hence top1 from 0.75.
    targets = {"scenario@3": 0.85, "marker@3": 0.75, "unrelated": 0.9}
    assert {name: figures[name] >= target for name, target in targets.items()} == dict.fromkeys(
        targets, True
    ), figures
    # No collapse, whatever the refit: two of its dreams sit at the attach line and move with
    # every refit, so a higher floor would be a test of the refit, not of the matcher.
    assert figures["top1"] >= 0.6, figures


def test_real_dreams_seldom_get_an_interpretation(shared_dir):
    """Most real dreams are not about running in place: few of a random sample may match."""
    shared = shared_dir
    with (shared / "data" / "dreambank" / "b.tsv").open(encoding="utf-8", newline="") as rows:
        dreams = [row["dream"] for row in csv.DictReader(rows, delimiter="\t")]
    sample = random.Random(7).sample(dreams, 200)
    results = matcher_for_folder(shared / "seeds").match_many(sample)
    assert sum(result.interpretation is not None for result in results) <= 0.1 * len(sample)


# --- The dreams quoted in issue 11 -----------------------------------------------------------

CHASE_DREAMS = [
    "Running down a dark road away from a man with no face. No matter how fast I ran he stayed "
    "right behind me. I woke up sweating.",
    "I was being chased.",
    "a man chased me, I ran as fast as I could",
]
COINCIDENCES = [
    "I pumped some lotion on my arms and legs.",
    "Then the scene shifts.",
    "The kitchen caught on fire.",
    "I had to catch the train.",
    "They were filming the kiss in slow motion.",
]


@pytest.fixture(scope="module")
def catalog_matcher():
    return matcher_for_folder(CATALOG)


@pytest.mark.parametrize("text", CHASE_DREAMS)
def test_the_chase_dreams_of_the_issue_get_fleeing_danger(catalog_matcher, text):
    found = catalog_matcher.match(text).interpretation
    assert found is not None and found.interpretation.source == "fleeing-danger.txt"
    assert found.matched and all(words in text for words in found.matched)


def test_a_chase_gets_the_running_away_article_among_the_seeds(shared_dir):
    found = matcher_for_folder(shared_dir / "seeds").match(CHASE_DREAMS[2]).interpretation
    assert found is not None and found.interpretation.source.startswith("004_")


@pytest.mark.parametrize("text", COINCIDENCES)
def test_the_coincidences_of_the_issue_get_nothing(catalog_matcher, shared_dir, text):
    for matcher in (catalog_matcher, matcher_for_folder(shared_dir / "seeds")):
        result = matcher.match(text)
        assert (result.interpretation, result.scenarios, result.markers) == (None, (), ())


@pytest.mark.parametrize(
    "text",
    [
        "The cat ran after a mouse while I watched from the sofa.",
        "I watched a film where a man was chased through the streets.",
        "I was running late for work and ran into an old friend.",
        "I chased the dog around the garden to get my shoe back.",
        "A character called Chase Unter lent me his vacuum.",
    ],
)
def test_someone_else_running_an_idiom_or_the_dreamer_chasing_is_not_a_chase(catalog_matcher, text):
    assert catalog_matcher.match(text).interpretation is None


def test_words_from_different_episodes_do_not_add_up_to_one_scenario(catalog_matcher):
    together = catalog_matcher.match("My legs felt like concrete as I tried to run.")
    apart = catalog_matcher.match(
        "My legs were tired after the hike. Later, in another scene, I was pouring concrete "
        "for a garden path with my uncle."
    )
    assert "Legs like lead or concrete" in [m.tag.label for m in together.scenarios]
    assert "Legs like lead or concrete" not in [m.tag.label for m in apart.scenarios]


def test_match_strength_is_a_probability_and_markers_only_support(catalog_matcher):
    narrative = "A man chased me and my legs felt like concrete."
    plain = catalog_matcher.match(narrative).interpretation
    supported = catalog_matcher.match(narrative, "woke with legs too heavy to lift").interpretation
    assert plain is not None and 0.5 <= plain.score <= 1
    assert supported is not None and supported.score >= plain.score
    assert catalog_matcher.match("A quiet picnic.", "legs too heavy to lift").interpretation is None


# --- A library nobody tuned the matcher on -----------------------------------------------------

DATA = Path(__file__).parent / "data"


def found_with_the_catalog(tmp_path, folder: Path, name: str) -> tuple[list[str], list[str]]:
    """An article joins the catalog: the dreams of its kind (folder/dreams.jsonl) that get it,
    and the near misses that get anything."""
    for article in [*CATALOG.glob("*.txt"), folder / name]:
        shutil.copy(article, tmp_path)
    matcher = matcher_for_folder(tmp_path)
    lines = [json.loads(line) for line in (folder / "dreams.jsonl").read_text().splitlines()]
    assert [line["fits"] for line in lines] == [True] * 10 + [False] * 6
    found = {
        line["text"]: getattr(matcher.match(line["text"]).interpretation, "interpretation", None)
        for line in lines
    }
    return (
        [line["text"] for line in lines[:10] if getattr(found[line["text"]], "source", "") == name],
        [line["text"] for line in lines[10:] if found[line["text"]] is not None],
    )


def test_an_article_an_editor_adds_is_found_from_its_own_words(tmp_path):
    """An article about another recurring dream (written for this test, in the catalog's house
    style) joins the catalog: dreams of its kind get it, near misses do not."""
    kind, near_misses = found_with_the_catalog(tmp_path, DATA / "teeth", "teeth-crumbling.txt")
    assert len(kind) >= 8, kind
    assert near_misses == []


def test_a_second_article_written_blind_leaves_its_near_misses_alone(tmp_path):
    """Another article in the house style, with its dreams, written by a reader who saw neither
    the matcher nor its output: near misses get nothing."""
    _, near_misses = found_with_the_catalog(tmp_path, DATA / "lost", "lost-in-a-building.txt")
    assert near_misses == []


@pytest.mark.xfail(
    strict=True,
    reason="0 of 10 found: its dreams tell the building in other words than the article's "
    "(hallway, elevator, stairwell) and 'stuck in some huge hotel' is read as the family's "
    "frozen; where a scenario is found ('every door I opened was a different classroom') the "
    "evidence stays under the attach line, the article's words not standing for events since "
    "one label, 'Stairs that lead nowhere', names one the lexicon knows (getting nowhere)",
)
def test_a_second_article_written_blind_is_found_from_its_own_words(tmp_path):
    kind, _ = found_with_the_catalog(tmp_path, DATA / "lost", "lost-in-a-building.txt")
    assert len(kind) >= 8, kind


def test_the_attach_decision_says_why_at_debug_level(catalog_matcher, caplog):
    with caplog.at_level("DEBUG", logger="interpretations.attaching"):
        catalog_matcher.match("I was being chased down a dark road.")
        catalog_matcher.match("We ate cake in the kitchen.")
    messages = [record.getMessage() for record in caplog.records]
    assert any(message.startswith("Attached fleeing-danger") for message in messages), messages
    assert any(message.startswith("No interpretation") for message in messages), messages
