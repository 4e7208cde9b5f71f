"""Find toponym spans in text by matching gazetteer names, then filter false friends.

Matching: capitalised token runs (with connectors such as *of* and *de* inside) are
looked up in the gazetteer in one batch; the longest known run wins, left to right
("New South Wales" before "Wales").  Filters then drop what news text makes look like
a place but is not: people (*Vladimir* Putin), organisations (Lockheed *Martin*),
institutions (the *Kremlin*), and common words at the start of a sentence.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from gazetteer.store import Gazetteer
from gazetteer.text import fold
from geomap.model import Span

MAX_TOKENS = 6

# A token: an abbreviation with dots (U.S., D.C.), or a word with inner hyphens or
# apostrophes (Saint-Denis, O'Hare) but not a possessive 's.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:[-'’](?![sS]\b)[^\W\d_]+)*")
_CONNECTORS = frozenset(
    "of de del della di da do dos das du la le les el al am an der den upon on sur "
    "y and the".split()
)
_SHORTENED = frozenset("st ste ft mt pt".split())  # "St. Louis", "Ft. Worth", "Mt. Hood"
_TITLES = frozenset(
    """mr mrs ms dr sir lord lady president gov governor sen senator rep representative
    gen general col colonel maj lt capt sgt minister secretary prime premier king queen
    prince princess pope saint judge justice mayor chancellor ambassador adviser advisor
    spokesman spokeswoman chief director professor prof coach""".split()
)
_CALENDAR = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday""".split()
)
#: Tokens that mostly begin organisation names when they follow a place name.
_ORG_HEADS = frozenset(
    """airlines airways bank university college institute times post journal tribune
    herald news daily press fc united city-fc""".split()
)

KEEP, REJECT, PERSON = "keep", "reject", "person"

#: Zipf frequency above which a lowercase word counts as an everyday English word.
COMMON_ZIPF = 4.3


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def lower(self) -> str:
        return self.text.lower()


@lru_cache(maxsize=100_000)
def zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale, 0-8)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def is_common_word(word: str) -> bool:
    return zipf(word.lower()) >= COMMON_ZIPF


@lru_cache(maxsize=1)
def non_places() -> dict[str, str]:
    """Folded names of institutions and organisations that contain or look like places.

    Maps each name to the ISO country it stands for ('' when none), from
    ``gazetteer/data/non_places.csv``.
    """
    path = resources.files("gazetteer").joinpath("data", "non_places.csv")
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {fold(r["name"]): (r.get("stands_for") or "") for r in csv.DictReader(f)}


def tokenize(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _joined(text: str, a: _Token, b: _Token) -> bool:
    """Whether two tokens belong to one name: only spaces (or "St. ") between them."""
    gap = text[a.end : b.start]
    if gap == " " or (gap.isspace() and "\n" not in gap):
        return True
    return a.lower in _SHORTENED and gap.strip() == "." and a.capitalised


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n:;" or before.endswith(" -")


def _candidate_runs(text: str, tokens: list[_Token]) -> list[tuple[int, int]]:
    """(first, last) token index pairs worth looking up: capitalised at both ends."""
    runs = []
    for i, tok in enumerate(tokens):
        if not tok.capitalised:
            continue
        j = i
        while j < len(tokens) and j - i < MAX_TOKENS:
            if j > i and not _joined(text, tokens[j - 1], tokens[j]):
                break
            if tokens[j].capitalised:
                runs.append((i, j))
            elif tokens[j].lower not in _CONNECTORS:
                break
            j += 1
    return runs


class Recognizer:
    """Gazetteer-driven toponym recogniser.

    Parameters
    ----------
    gazetteer : Gazetteer
        Where names are looked up.
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def __call__(self, text: str) -> list[Span]:
        return self.recognize(text)

    def recognize(self, text: str) -> list[Span]:
        """Toponym spans in ``text``, in order, never overlapping."""
        tokens = tokenize(text)
        runs = _candidate_runs(text, tokens)
        keys = {(i, j): fold(text[tokens[i].start : tokens[j].end]) for i, j in runs}
        known = self.gazetteer.known(keys.values())
        blocked = self._blocked_tokens(text, tokens)
        spans: list[Span] = []
        i = 0
        while i < len(tokens):
            best = None
            for j in range(min(len(tokens) - 1, i + MAX_TOKENS - 1), i - 1, -1):
                if keys.get((i, j)) in known:
                    best = j
                    break
            if best is None or any(k in blocked for k in range(i, best + 1)):
                i += 1
                continue
            verdict = self._verdict(text, tokens, i, best, keys[(i, best)])
            if verdict == KEEP:
                spans.append(Span(tokens[i].start, tokens[best].end,
                                  text[tokens[i].start : tokens[best].end]))
            i = best + 1
            if verdict == PERSON:
                # The rest of the name goes too: "Paris Hilton" is not Hilton either.
                while i < len(tokens) and tokens[i].capitalised and _joined(
                        text, tokens[i - 1], tokens[i]):
                    i += 1
        return spans

    def _blocked_tokens(self, text: str, tokens: list[_Token]) -> set[int]:
        """Token indices inside a known institution or organisation name."""
        names = non_places()
        blocked: set[int] = set()
        for i in range(len(tokens)):
            if not tokens[i].capitalised:
                continue
            for j in range(i, min(len(tokens), i + MAX_TOKENS)):
                if j > i and not _joined(text, tokens[j - 1], tokens[j]):
                    break
                if fold(text[tokens[i].start : tokens[j].end]) in names:
                    blocked.update(range(i, j + 1))
        return blocked

    def _prominence(self, key: str) -> float:
        """log10 population of the most prominent place with this name (countries +1)."""
        best = 0.0
        for place, _ in self.gazetteer.lookup(key):
            bonus = 1.0 if place.kind in ("country", "continent", "region", "water") else 0.0
            best = max(best, math.log10(place.population + 1) + bonus)
        return best

    def _ordinary_word(self, token: _Token, key: str) -> bool:
        """A common English word more than a place name: "Split", "Nice", "Reading".

        wordfreq does not separate proper nouns, so a frequent word still counts as a
        place when a place of that name is prominent enough (Moscow, China, Georgia).
        """
        z = zipf(token.lower)
        return z >= COMMON_ZIPF and self._prominence(key) < 2 * (z - 3) + 3

    def _verdict(self, text: str, tokens: list[_Token], i: int, j: int, key: str) -> str:
        """KEEP a gazetteer match, or say why its context rejects it."""
        first, last = tokens[i], tokens[j]
        prev = tokens[i - 1] if i > 0 and _joined(text, tokens[i - 1], first) else None
        nxt = tokens[j + 1] if j + 1 < len(tokens) and _joined(text, last, tokens[j + 1]) else None
        single = i == j
        if single and first.lower in _CALENDAR:
            return REJECT
        if not first.capitalised or (len(first.text) < 3 and not first.text.isupper()):
            return REJECT
        if prev is not None and prev.lower.rstrip(".") in _TITLES:
            return PERSON  # President Lincoln, Gov. Kherson-like surnames
        if prev is not None and prev.capitalised and not is_common_word(prev.text):
            return PERSON  # Lockheed Martin, Steve Jordan
        if nxt is not None and nxt.capitalised:
            if nxt.lower in _ORG_HEADS:
                return REJECT  # Texas Instruments-like organisation names
            if single and not nxt.text.isupper() and not is_common_word(nxt.text):
                return PERSON  # Vladimir Putin, Paris Hilton
        if single and self._ordinary_word(first, key):
            # A common word at a sentence start, in all caps, or inside a longer
            # capitalised name is most likely just the word ("Split decisions",
            # "READING LIST", "United Launch Alliance").
            if _sentence_initial(text, first.start) or first.text.isupper():
                return REJECT
            if (prev is not None and prev.capitalised) or (nxt is not None and nxt.capitalised):
                return REJECT
        if single and first.text.isupper() and len(first.text) <= 4 and not any(
            flags & 2 or (flags & 1 and (place.population >= 100_000
                                         or place.kind in ("country", "admin1")))
            for place, flags in self.gazetteer.lookup(key)
        ):
            return REJECT  # acronyms (NATO, EU) unless a curated short form or a real city
        return KEEP
