"""How rare a word is in dream reports: a word most dreams contain ("see", "door") says
little about which dream this is, a rare one ("chased") a lot.

Pure Python, no Django. The counts (word-frequencies.json) are made by
`calibrate_matcher --word-frequencies` from DreamBank, less the labelled reports.
"""

import json
import math
from functools import lru_cache
from pathlib import Path

# How many dream reports use each word or concept.
WORD_FREQUENCY_FILE = Path(__file__).with_name("word-frequencies.json")
# A word in this share of dream reports or more says nothing on its own ("see", "back").
COMMON_SHARE = 0.2


@lru_cache(maxsize=1)
def _word_frequencies() -> tuple[int, dict[str, int]]:
    data = json.loads(WORD_FREQUENCY_FILE.read_text(encoding="utf-8"))
    return data["reports"], data["reports_with"]


@lru_cache(maxsize=100_000)
def distinctiveness(key: str) -> float:
    """How rare a word or concept is in dream reports, from 0 (in a share COMMON_SHARE of them
    or more) to 1 (in none)."""
    reports, reports_with = _word_frequencies()
    share = (reports_with.get(key, 0) + 1) / (reports + 1)
    return max(0.0, math.log(COMMON_SHARE / share) / math.log(COMMON_SHARE * (reports + 1)))
