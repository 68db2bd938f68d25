"""The key of a word for the matcher: its dictionary form (simplemma: "ran" -> "run", "teeth"
-> "tooth"), stemmed by Snowball so that derived forms meet ("slowly" -> "slow").

Pure Python, no Django. Library labels and dreams are keyed the same way.
"""

from functools import lru_cache

import simplemma
import Stemmer

_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The key of a lower-case word: the stem of its dictionary form ("ran" -> "run")."""
    return _STEMMER.stemWord(simplemma.lemmatize(word, lang="en"))


def stems_of(phrase: str) -> tuple[str, ...]:
    """The keys of the words of a phrase, in order."""
    return tuple(stem(word) for word in phrase.split())
