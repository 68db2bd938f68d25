"""The key of a word for the matcher: its dictionary form (simplemma: "ran" -> "run", "teeth"
-> "tooth"), stemmed by Snowball so that derived forms meet ("slowly" -> "slow").

Pure Python, no Django. Library labels and dreams are keyed the same way. A word the
lemmatiser does not know is first read as the commonest slips of phone typing would have it:
a dropped g ("runnin"), a consonant not doubled ("runing") or tripled ("runnning"), "ie" for
"ei" ("wierd"), when that spelling is a word it knows. "paralyzed", "paralysed" and
"paralysis" share a key.
"""

import re
from functools import lru_cache

import simplemma
import Stemmer

_STEMMER = Stemmer.Stemmer("english")
_TRIPLED = re.compile(r"(\w)\1\1+")
_UNDOUBLED = re.compile(r"([aeiou])([bdgklmnprt])(ing|ed|er)$")
# The stems Snowball leaves apart for one word: British and American spellings and the noun
# ("paralys", "paralyz", "paralysi"; "analys", "analyz", "analysi")
_LYSE = re.compile(r"y(?:z|si)$")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The key of a lower-case word: the stem of its dictionary form ("ran" -> "run")."""
    return _LYSE.sub("ys", _STEMMER.stemWord(simplemma.lemmatize(_spelled(word), lang="en")))


def _spelled(word: str) -> str:
    """The word, or the spelling it was most likely typed for when it is no word."""
    if len(word) < 4 or simplemma.is_known(word, lang="en"):
        return word
    for guess in _guesses(word):
        if simplemma.is_known(guess, lang="en"):
            return guess
    return word


def _guesses(word: str) -> list[str]:
    guesses = []
    if word.endswith("in"):
        guesses.append(word + "g")  # "runnin", "chasin"
    guesses.append(_TRIPLED.sub(r"\1\1", word))  # "runnning"
    guesses.append(_UNDOUBLED.sub(r"\1\2\2\3", word))  # "runing", "draged"
    if "ie" in word:
        guesses.append(word.replace("ie", "ei", 1))  # "wierd"
    return [guess for guess in guesses if guess != word]


def stems_of(phrase: str) -> tuple[str, ...]:
    """The keys of the words of a phrase, in order."""
    return tuple(stem(word) for word in phrase.split())
