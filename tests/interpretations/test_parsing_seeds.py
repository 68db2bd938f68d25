"""Unit tests for the article parser on the five seed articles in the shared folder: their
shape, their clutter removed, and their fields one by one. Pure Python, no database."""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from interpretations.article import NextStage, Pair, ParsedArticle
from tests.conftest import ARTICLE_JSON_KEYS
from tests.interpretations.test_parsing import assert_consistent, parsed_file


def _seed(shared_dir: Path, number: str) -> ParsedArticle:
    (path,) = (shared_dir / "seeds").glob(f"{number}_*.txt")
    return parsed_file(path)


@dataclass(frozen=True)
class Expected:
    title: str
    quick_answer: int
    scenarios: int
    markers: int
    arrival_conditions: int
    faq: int
    next_stages: int
    has_key_sentence: bool
    has_morning_after: bool
    section_headings: tuple[str, ...]


EXPECTED = {
    "000": Expected(
        title="Trying to Run but Staying in Place: The Kinetic Stagnation",
        quick_answer=5,
        scenarios=5,
        markers=4,
        arrival_conditions=2,
        faq=3,
        next_stages=3,
        has_key_sentence=True,
        has_morning_after=True,
        section_headings=(
            "",
            "What Traction Actually Is",
            "What the Surface Is Made Of",
            "Why Stopping Sometimes Works",
            "The Thing Behind You Isn\u2019t Getting Closer",
            "The Psychology Behind It",
        ),
    ),
    "001": Expected(
        title="Dream About Not Being Able to Run: The Kinetic Lock",
        quick_answer=5,
        scenarios=5,
        markers=4,
        arrival_conditions=2,
        faq=3,
        next_stages=3,
        has_key_sentence=True,
        has_morning_after=True,
        section_headings=(
            "",
            "What the Legs Are Telling You",
            "The Moment You Notice It Isn\u2019t Working",
            "What Is Actually Chasing You",
            "Why Turning Around Ends the Dream",
            "The Psychology Behind It",
        ),
    ),
    "002": Expected(
        title="Can't Run in a Dream: What It Means When Your Legs Won't Work",
        quick_answer=0,
        scenarios=5,
        markers=0,
        arrival_conditions=0,
        faq=0,
        next_stages=0,
        has_key_sentence=False,
        has_morning_after=False,
        section_headings=(
            "",
            "Why This Happens: The Neurological Layer",
            "What the Can't-Run Dream Represents",
            "The Chasing Variant \u2014 Being Unable to Escape",
            "What to Do With a Can't-Run Dream",
        ),
    ),
    "003": Expected(
        title="Why Can\u2019t I Run in My Dreams?",
        quick_answer=0,
        scenarios=5,
        markers=0,
        arrival_conditions=4,
        faq=0,
        next_stages=0,
        has_key_sentence=False,
        has_morning_after=False,
        section_headings=(
            "",
            "Why Can\u2019t I Run in My Dreams? The Core Meaning",
            "The Psychology Behind Heavy Legs in Dreams",
            "What Are You Running From? Identifying the Threat",
            "Physical Sensations: Why Do My Legs Feel So Heavy?",
            "The Connection to Anxiety and Stress",
            "What About Being Chased? The Threat Behind You",
            "Cultural and Spiritual Interpretations",
            "How to Break Free: Working With These Dreams",
            "When These Dreams Become Frequent: A Red Flag",
            "The Silver Lining: What These Dreams Can Teach You",
        ),
    ),
    "004": Expected(
        title="Running Away From Danger \u2014 What You\u2019re Actually Avoiding",
        quick_answer=10,
        scenarios=6,
        markers=5,
        arrival_conditions=5,
        faq=6,
        next_stages=4,
        has_key_sentence=True,
        has_morning_after=True,
        section_headings=(
            "",
            "Running Is Not the Response to the Danger \u2014 Running Is the Situation",
            "The Specific Mechanics \u2014 Why Distance Never Grows",
            "What the Body Keeps \u2014 The Somatic Record of Every Mile Away",
            "What Turning Around Actually Looks Like",
        ),
    ),
}


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_seed_has_the_expected_shape(shared_dir, number):
    article, expected = _seed(shared_dir, number), EXPECTED[number]

    assert article.title == expected.title
    assert len(article.quick_answer) == expected.quick_answer
    assert len(article.scenarios) == expected.scenarios
    assert len(article.markers) == expected.markers
    assert len(article.arrival_conditions) == expected.arrival_conditions
    assert len(article.faq) == expected.faq
    assert len(article.next_stages) == expected.next_stages
    assert bool(article.key_sentence) == expected.has_key_sentence
    assert bool(article.morning_after) == expected.has_morning_after
    assert tuple(s.heading for s in article.sections) == expected.section_headings
    assert all(section.text for section in article.sections)


# Site chrome, bylines, promotion and links to other articles, one phrase from each.
CLUTTER = (
    "min read",
    "Found this helpful",
    "Save this guide",
    "Continue Reading",
    "Related reading",
    "Similar Posts",
    "Leave a Reply",
    "Your email address",
    "Ron Junior van Cann",
    "Ron van Cann",
    "Dream Interpreter",
    "Dream Interpretation\n",
    "Person running on a track",
    "Hypnos",
    "Dreamly",
    "Android",
    "maps the full architecture",
    "This Fear Is Following You maps",
)


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_seed_loses_its_clutter(shared_dir, number):
    dumped = json.dumps(_seed(shared_dir, number).as_dict(), ensure_ascii=False)

    assert [phrase for phrase in CLUTTER if phrase in dumped] == []


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_seed_text_is_tidy(shared_dir, number):
    article = _seed(shared_dir, number)

    assert_consistent(article)
    for section in article.sections:
        assert "\n\n\n" not in section.text
        assert "  " not in section.text


def test_000_scenarios_markers_and_faq(shared_dir):
    article = _seed(shared_dir, "000")

    assert [p.label for p in article.scenarios] == [
        "Ground turns to ice or tar, feet lose grip",
        "Road extends as fast as you run",
        "You\u2019re running but your feet barely touch the ground",
        "Others are watching you run without moving",
        "You stop running and something shifts",
    ]
    assert article.scenarios[1].meaning == (
        "the destination is receding; the goal keeps moving away at the exact pace of your approach"
    )
    assert article.markers[0] == Pair(
        "The specific tired \u2014 not muscle fatigue but the exhaustion of full-output-no-result",
        "the body ran the complete effort loop and the body knows it went nowhere",
    )
    assert [entry.question for entry in article.faq] == [
        "What does it mean to try to run but stay in place in a dream?",
        "Why does the destination keep moving away in some versions?",
        "Why does stopping sometimes work in this dream?",
    ]
    assert article.faq[1].answer.startswith("Because the goal itself is in motion.")
    assert article.quick_answer[0].startswith("A dream about trying to run but staying in place")


def test_000_arrival_next_stages_and_closing(shared_dir):
    article = _seed(shared_dir, "000")

    # The "Not at the beginning …" paragraph qualifies the first condition.
    assert article.arrival_conditions[0].startswith("When the running strategy has been running")
    assert "Not at the beginning of applying effort" in article.arrival_conditions[0]
    assert article.arrival_conditions[1].startswith("It also appears during periods when")
    assert article.next_stages[0] == NextStage(
        "If the running finally stopped and what remained was the encounter with what was behind "
        "you \u2014 if traction failure ended in confrontation",
        "dream about being chased by a killer meaning",
        "when the running strategy exhausts itself and the thing being run from becomes the "
        "thing being faced",
    )
    assert [s.target for s in article.next_stages][1:] == [
        "repeating the same situation again and again",
        "dream about losing control of your body meaning",
    ]
    assert article.key_sentence == (
        "\u201cI\u2019ve been running full speed for long enough to know that the problem "
        "isn\u2019t how hard I\u2019m running \u2014 it\u2019s what I\u2019m running on.\u201d"
    )
    assert article.morning_after.startswith("The specific exhaustion of it is still present.")
    assert article.morning_after.count("\n\n") == 3
    assert article.sections[0].text.startswith("The ground isn\u2019t cooperating.")


def test_001_reads_headings_without_blank_lines(shared_dir):
    article = _seed(shared_dir, "001")

    assert article.quick_answer[3] == (
        "The quality of the air or ground in the dream tells you what\u2019s creating the "
        "resistance."
    )
    assert article.scenarios[4] == Pair(
        "You finally turn and face what was chasing you",
        "the avoidance has ended; the running stops when you stop running",
    )
    assert article.markers[1] == Pair(
        "The particular exhaustion that isn\u2019t from exertion but from futility",
        "burning the fuel without the movement",
    )
    assert article.faq[2].question == "Does this dream mean something is wrong with me physically?"
    assert article.next_stages[0] == NextStage(
        "If the running became stillness \u2014 if the legs stopped being the problem and "
        "everything became entirely fixed",
        "dream about not being able to move meaning",
        "when the failure stops being about traction and becomes about the body refusing to move "
        "at all",
    )
    assert article.sections[0].text.startswith("Your legs are working.")
    assert article.sections[0].text.endswith("That moment is what the dream came to show you.")


def test_002_variants_under_subheadings_and_chrome(shared_dir):
    article = _seed(shared_dir, "002")

    assert [p.label for p in article.scenarios] == [
        "Running in Slow Motion (Moving Through Thick Air or Syrup)",
        "Legs That Simply Collapse",
        "Running Hard But Going Nowhere",
        "Feet Stuck to the Ground",
        "Running Well at First, Then Slowing",
    ]
    assert article.scenarios[3].meaning.startswith("Your feet won't lift")
    # The only "key takeaway" is an advertisement for the site's own app.
    assert article.quick_answer == ()
    assert article.sections[0].text.startswith("You need to run. Something is behind you")
    represents = article.sections[2].text
    assert represents.startswith("Helplessness and Inefficacy\n\nThe core experience")
    assert "\n\n- A situation where you're trying hard and getting nowhere\n- Relationships" in (
        represents
    )
    assert "Fear of Inadequacy" in represents
    chasing = article.sections[3].text
    assert "\n\n1. Something threatening is approaching" in chasing
    assert "\n2. Your capacity to respond" in chasing


def test_003_variations_with_meaning_lines_and_derived_title(shared_dir):
    article = _seed(shared_dir, "003")

    assert [p.label for p in article.scenarios] == [
        "Running in Slow Motion",
        "Legs Won\u2019t Move at All",
        "Running But Getting Nowhere",
        "Legs Feel Like Jelly or Rubber",
        "Running Uphill or Through Water",
    ]
    assert article.scenarios[0].meaning == (
        "Feeling like you\u2019re making effort but seeing no results. Common during periods of "
        "stagnation or when working toward goals that feel impossibly far away."
    )
    assert article.arrival_conditions == (
        "Chronic anxiety disorder",
        "Burnout or exhaustion",
        "Unprocessed trauma",
        "Deep-seated feelings of helplessness",
    )
    # The prose around that list stays readable under its own heading.
    red_flag = article.sections[9].text
    assert red_flag.startswith("Occasional paralysis dreams are normal")
    assert red_flag.endswith("desperately trying to show you.")
    assert "can indicate:" not in red_flag
    assert article.sections[0].text.endswith("and how to break free.")
    assert "4. Rewrite the Dream" in article.sections[8].text


def test_004_paragraph_scenarios_and_answers_without_questions(shared_dir):
    article = _seed(shared_dir, "004")

    assert [p.label for p in article.scenarios] == [
        "You are running and the danger is behind you but the distance isn\u2019t increasing.",
        "You are running through a familiar place that has become wrong.",
        "You are running and you don\u2019t know what you\u2019re running from.",
        "The danger catches up \u2014 not dramatically, but gradually, inevitably.",
        "You turn around.",
        "You run toward something rather than away.",
    ]
    assert article.scenarios[4].meaning.startswith("The rarest version and the one that changes")
    assert article.markers[1].label == (
        "Woke up with the weight in the chest that is not fear exactly \u2014 heavier, more "
        "settled, less acute"
    )
    assert article.markers[1].meaning.startswith("because this weight is the somatic record")
    assert article.arrival_conditions[0].startswith(
        "The running-away dream arrives when avoidance has been running long enough to "
        "accumulate a somatic cost \u2192 not the first day"
    )
    assert {entry.question for entry in article.faq} == {""}
    assert article.faq[5].answer.startswith("By changing the direction of movement")
    assert article.next_stages[0] == NextStage(
        "",
        "Being Chased by Something You Can\u2019t See \u2014 What Has No Face Has Been Behind "
        "You the Longest",
        "the version where the running has dissolved the specific form of what was being run "
        "from \u2014 when the thing behind you loses its face entirely",
    )
    assert [s.target for s in article.next_stages][1:] == [
        "Hiding From Someone \u2014 Fear You Don\u2019t Want to Face",
        "Being Trapped \u2014 Pressure You Can\u2019t Escape",
        "Why You Keep Having Anxiety Dreams \u2014 And Why They Don\u2019t Stop",
    ]
    assert article.key_sentence.startswith("\u201cYou have been working very hard")
    assert article.sections[0].text.startswith("It wasn\u2019t behind you.")


def test_as_dict_has_exactly_the_documented_keys(shared_dir):
    result = _seed(shared_dir, "000").as_dict()

    assert list(result) == ARTICLE_JSON_KEYS
    assert result["source"] == "000_e732cb230e8bdb5e.txt"
    assert set(result["scenarios"][0]) == {"label", "meaning"}
    assert set(result["markers"][0]) == {"label", "meaning"}
    assert set(result["faq"][0]) == {"question", "answer"}
    assert set(result["next_stages"][0]) == {"condition", "target", "note"}
    assert set(result["sections"][0]) == {"heading", "text"}
    assert isinstance(result["quick_answer"], list)
    assert json.loads(json.dumps(result)) == result
