"""Unit tests for the article parser: pure Python, no database. The five seed articles have
their own module, test_parsing_seeds.py."""

import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interpretations.article import ArticleError, NextStage, Pair, ParsedArticle, Section
from interpretations.parsing import decode_article, parse_article

REPO_ROOT = Path(__file__).resolve().parents[2]
CATALOG_DIR = REPO_ROOT / "interpretations" / "catalog"


@cache
def parsed_file(path: Path) -> ParsedArticle:
    return parse_article(decode_article(path.read_bytes()), path.name)


# --- The bundled catalog ------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(CATALOG_DIR.glob("*.txt")), ids=lambda path: path.name)
def test_catalog_article_parses_completely(path):
    article = parsed_file(path)

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
    assert_consistent(article)


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


def assert_consistent(article: ParsedArticle) -> None:
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


def test_the_title_again_after_a_bare_heading_is_no_sub_heading():
    """Found by the test above: the title repeated under a heading with no text of its own
    was folded into it as an empty sub-heading."""
    lines = ["A Title — Its Subtitle", "Quick Answer", "A sentence.", "\r0", "Title Case Heading",
             "A Title — Its Subtitle"]  # fmt: skip
    article = parse_article("\n".join(lines), "repeated.txt")
    assert article.sections == (Section("0", "Title Case Heading"),)
    assert_consistent(article)


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
        assert_consistent(article)


def test_a_question_without_an_answer_is_no_faq_entry():
    text = "A Title\n\nFAQ\n\nIs it real? Quite real.\n\nIs anyone there?\n"
    article = parse_article(text, "unanswered.txt")
    assert [(entry.question, entry.answer) for entry in article.faq] == [
        ("Is it real?", "Quite real.")
    ]
