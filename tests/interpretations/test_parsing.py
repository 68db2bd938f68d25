"""Unit tests for the article parser: pure Python, no database."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interpretations.parsing import (
    ArticleError,
    NextStage,
    Pair,
    ParsedArticle,
    decode_article,
    parse_article,
)
from tests.conftest import ARTICLE_JSON_KEYS

REPO_ROOT = Path(__file__).resolve().parents[2]
CATALOG_DIR = REPO_ROOT / "interpretations" / "catalog"


@cache
def _parsed_file(path: Path) -> ParsedArticle:
    return parse_article(decode_article(path.read_bytes()), path.name)


def _seed(shared_dir: Path, number: str) -> ParsedArticle:
    (path,) = (shared_dir / "seeds").glob(f"{number}_*.txt")
    return _parsed_file(path)


# --- The five seed articles ---------------------------------------------------------------------


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

    _assert_consistent(article)
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


# --- The bundled catalog ------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(CATALOG_DIR.glob("*.txt")), ids=lambda path: path.name)
def test_catalog_article_parses_completely(path):
    article = _parsed_file(path)

    assert article.title
    assert article.quick_answer
    assert article.scenarios
    assert article.markers
    assert article.arrival_conditions
    assert article.key_sentence
    assert article.morning_after
    assert article.faq
    assert all(entry.answer for entry in article.faq)
    assert article.next_stages
    _assert_consistent(article)


# --- Other articles in the house style ----------------------------------------------------------

HOUSE_STYLE = """\
\ufeffFalling Through the Floor: The Drop\r
\r
The floor gives way and you\u00a0fall.\r
\r
quick answer\r
\r
\t* Falling means   the ground you trusted has moved.\r
   \u2022 It is rarely about heights.\r
\r
COMMON SCENARIOS\r
\r
 - The floor tilts -> a plan you relied on is slipping\r
\t\u2022 You land softly \u2192 the fall is survivable\r
\r
What Your Body Already Knows\r
\r
Woke up with a jolt \u2192 the body braced for impact\r
\r
When This Dream Comes Back\r
\r
When a plan you counted on starts to wobble.\r
\r
But not when it has already collapsed.\r
\r
Frequently Asked Questions\r
\r
Why Do I Wake Up Before I Land?\r
\r
Because the jolt of the fall wakes you.\r
\r
It is the most common ending.\r
\r
Is it a bad sign? No, it is a common dream.\r
\r
Next Stages\r
\r
If you started to fly \u2192 Flying Dreams\r
\r
Share this article\r
"""


def test_house_style_variations_are_tolerated():
    article = parse_article(HOUSE_STYLE, "falling.txt")

    assert article.title == "Falling Through the Floor: The Drop"
    assert article.quick_answer == (
        "Falling means the ground you trusted has moved.",
        "It is rarely about heights.",
    )
    assert article.scenarios == (
        Pair("The floor tilts", "a plan you relied on is slipping"),
        Pair("You land softly", "the fall is survivable"),
    )
    assert article.markers == (Pair("Woke up with a jolt", "the body braced for impact"),)
    assert article.arrival_conditions == (
        "When a plan you counted on starts to wobble. But not when it has already collapsed.",
    )
    assert [(e.question, e.answer) for e in article.faq] == [
        (
            "Why Do I Wake Up Before I Land?",
            "Because the jolt of the fall wakes you.\n\nIt is the most common ending.",
        ),
        ("Is it a bad sign?", "No, it is a common dream."),
    ]
    assert article.next_stages == (NextStage("If you started to fly", "Flying Dreams", ""),)
    assert article.sections[0].text == "The floor gives way and you fall."


def test_heading_suffixes_site_names_and_promotion():
    text = (
        "Photo of a staircase at night\n"
        "Falling Dreams Explained | Dream Site\n"
        "By Jane Doe\n"
        "Readers of Dream Site love this.\n"
        "Common Variations and What They Mean\n"
        "Here they are:\n"
        "Missing a Step\n"
        "Meaning: A small slip you fear will grow.\n"
        "Want more? Try Sleepo, available on Android and iOS.\n"
        "How Sleepo Reads Your Dreams\n"
        "Sleepo is great.\n"
    )

    article = parse_article(text, "falling.txt")

    assert article.title == "Falling Dreams Explained"
    assert article.scenarios == (Pair("Missing a Step", "A small slip you fear will grow."),)
    assert article.sections == ()


def test_title_is_derived_when_absent():
    text = "You fall and fall.\nWhy We Fall: The Basics\nSome reasons.\nFAQ\nWhy? Because.\n"

    article = parse_article(text, "falling.txt")

    assert article.title == "Why We Fall"


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t\n",
        "Just a diary entry.\nNothing here looks like an interpretation article.",
        "My Dream\n\nWhat Traction Actually Is\n\nSome prose.",
        "Quick Answer\n\nCommon Scenarios\n",
    ],
)
def test_text_without_house_style_is_refused(text):
    with pytest.raises(ArticleError, match="no recognisable section"):
        parse_article(text, "diary.txt")


# --- Decoding -----------------------------------------------------------------------------------


def test_decode_accepts_utf8_with_or_without_bom():
    assert decode_article("Don\u2019t".encode()) == "Don\u2019t"
    assert decode_article(b"\xef\xbb\xbfQuick Answer") == "Quick Answer"


def test_decode_falls_back_to_windows_1252():
    assert decode_article(b"Don\x92t run") == "Don\u2019t run"


def test_decode_reads_utf16_with_bom():
    assert decode_article("Quick Answer \u2192".encode("utf-16")) == "Quick Answer \u2192"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b" \r\n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\xff\xd8\xff\x81\x8d\x8f\x90\x9d", "not readable as text"),
    ],
)
def test_decode_refuses_what_is_not_text(data, message):
    with pytest.raises(ArticleError, match=message):
        decode_article(data)


# --- Any text at all ----------------------------------------------------------------------------


def _assert_consistent(article: ParsedArticle) -> None:
    single_lines = [
        article.title,
        *article.quick_answer,
        *article.arrival_conditions,
        *(
            text
            for pair in (*article.scenarios, *article.markers)
            for text in (pair.label, pair.meaning)
        ),
        *(entry.question for entry in article.faq),
        *(text for s in article.next_stages for text in (s.condition, s.target, s.note)),
        *(section.heading for section in article.sections),
    ]
    assert all(text == text.strip() and "\n" not in text for text in single_lines)
    assert article.title
    assert all(pair.label for pair in (*article.scenarios, *article.markers))
    assert all(stage.target for stage in article.next_stages)
    assert all(section.text == section.text.strip() for section in article.sections)
    json.dumps(article.as_dict())


HOUSE_STYLE_LINES = st.sampled_from(
    [
        "",
        "Quick Answer",
        "Common Scenarios",
        "Common Variants",
        "What the Body Registered",
        "Dream Timestamp",
        "When This Dream Arrives",
        "FAQ",
        "Next Stages",
        "The Morning After",
        "The Sentence This Dream Was Trying to Say",
        "A Heading In Title Case",
        "Title | Site",
        "- a bullet \u2192 its meaning",
        "\u2022 a bullet",
        "1. A Numbered Step",
        "A sentence. And another one.",
        "Is this a question? Yes it is.",
        "Meaning: this.",
        "If it changes \u2192 Another Dream \u2014 when it does",
        "Some Title \u2014 Its Subtitle \u2014 why it follows",
        "Not only that.",
        "Lead-in:",
        "Similar Posts",
        "8 min read",
        "Try Appo, available on Android",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(HOUSE_STYLE_LINES | st.text(max_size=30), max_size=30))
def test_any_house_style_jumble_parses_or_is_refused(lines):
    _parse_or_refuse("\n".join(lines))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_parses_or_is_refused(text):
    _parse_or_refuse(text)


def _parse_or_refuse(text: str) -> None:
    try:
        article = parse_article(text, "any.txt")
    except ArticleError as error:
        assert str(error)
    else:
        _assert_consistent(article)


def test_a_question_without_an_answer_is_no_faq_entry():
    text = "A Title\n\nFAQ\n\nIs it real? Quite real.\n\nIs anyone there?\n"
    article = parse_article(text, "unanswered.txt")
    assert [(entry.question, entry.answer) for entry in article.faq] == [
        ("Is it real?", "Quite real.")
    ]
