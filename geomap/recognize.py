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
_TOKEN = re.compile(r"(?:[A-Z][a-z]?\.){2,}|[^\W\d_]+(?:[-'’](?![sS]\b)[^\W\d_]+)*")
_CONNECTORS = frozenset(
    "of de del della di da do dos das du la le les el al am an der den upon on sur "
    "y and the".split()
)
_SHORTENED = frozenset("st ste ft mt pt".split())  # "St. Louis", "Ft. Worth", "Mt. Hood"
_TITLES = frozenset(
    """mr mrs ms dr sir lord lady president gov governor sen senator rep representative
    gen general col colonel maj lt capt sgt minister secretary prime premier king queen
    prince princess pope saint judge justice mayor chancellor ambassador adviser advisor
    spokesman spokeswoman chief director professor prof coach sheriff deputy officer
    detective sgt sergeant trooper pastor rev reverend father bishop rabbi imam dean
    commissioner councilman councilwoman councillor attorney""".split()
)
_CALENDAR = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday christmas easter passover thanksgiving halloween
    ramadan hanukkah diwali lent""".split()
)
#: Tokens that mostly begin organisation names when they follow a place name.
_ORG_HEADS = frozenset(
    """airlines airways bank university college institute times post journal tribune
    herald news daily press fc united city-fc""".split()
)

KEEP, REJECT, PERSON = "keep", "reject", "person"

#: Last words of names of streets, physical features and landmarks: "Royal Street",
#: "Neches River", "Collins Ave.", "Ritz Hotel".  Such a name is a toponym whether or
#: not the gazetteer knows it; the resolver places it in the document's main town.
_FEATURE_HEADS = frozenset(
    """street st avenue ave road rd boulevard blvd lane drive highway freeway parkway
    expressway turnpike square plaza park river lake creek bay beach island islands isle
    mountain mountains valley canyon falls harbor harbour pier bridge airport station
    hotel resort museum cathedral church abbey temple mosque palace castle tower stadium
    arena zoo forest desert peninsula coast gulf sea ocean strait channel canal reservoir
    dam gardens trail""".split()
)
_ABBREVIATED = frozenset("st ave rd blvd".split())
#: First words of such names: "Lake Cunningham", "Mount Hood", "Cape Cod".
_FEATURE_PREFIXES = frozenset("lake mount mt cape".split())

#: Lowercase words before a name that say a place follows ("in Reading", "near Split").
_LOCATIVE = frozenset(
    """in at near from to into outside inside across through throughout toward towards
    around via between within beyond off onto upon downtown northern southern eastern
    western central north south east west""".split()
)
#: Words after which a name is a place wherever else the document uses it ("in Tyler").
_PLACE_CUES = frozenset("in of near outside downtown across throughout".split())
#: Verbs of saying after a bare name: "Baker said", "Welch told reporters".
_SPEECH = frozenset(
    """said says told added asked explained noted wrote argued recalled admitted replied
    stated testified declined insisted acknowledged""".split()
)
#: A place this prominent (log10 population, countries +1) keeps its name even where
#: the document also uses it for a person ("Jordan" after "Michael Jordan").
PROMINENT = 6.0

#: Zipf frequency above which a lowercase word counts as an everyday English word.
COMMON_ZIPF = 4.3
#: A sentence- or heading-initial capitalised word this frequent is just a word.
HEADLINE_ZIPF = 3.0


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


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded demonyms and adjectives of countries and continents -> ISO code or name.

    From ``geomap/data/demonyms.csv`` ("Israeli" -> IL, "Americans" -> US,
    "African" -> Africa).
    """
    path = resources.files("geomap").joinpath("data", "demonyms.csv")
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {fold(r["demonym"]): r["target"] for r in csv.DictReader(f)}


@lru_cache(maxsize=1)
def _non_place_heads() -> frozenset[str]:
    """First words of the non-place names, to skip the rest quickly."""
    return frozenset(name.split(" ")[0] for name in non_places())


def tokenize(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _joined(text: str, a: _Token, b: _Token) -> bool:
    """Whether two tokens belong to one name: only spaces (or "St. ") between them."""
    gap = text[a.end : b.start]
    if gap == " " or (gap.isspace() and "\n" not in gap):
        return True
    if gap == ". " and len(a.text) == 1 and a.text.isupper():
        return True  # a middle initial: "Bryon S. Baker"
    return a.lower in _SHORTENED and gap.strip() == "." and a.capitalised


def _after_comma(text: str, start: int) -> bool:
    """Whether a name follows "Word, " (the region of a "City, Region" pair)."""
    before = text[max(0, start - 3) : start]
    return before.endswith(", ") and before[0].isalpha()


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
    demonyms : bool
        Whether adjectives and demonyms of countries ("Israeli", "Americans") are
        toponym spans.  Corpora disagree: LGL, TR-News and GeoWebNews annotate them,
        GeoVirus and TUD-Loc do not.  Either way they never match a namesake town
        ("English", Indiana) and the resolver counts them as country evidence.
    """

    def __init__(self, gazetteer: Gazetteer, *, demonyms: bool = False):
        self.gazetteer = gazetteer
        self.demonyms = demonyms

    def __call__(self, text: str) -> list[Span]:
        return self.recognize(text)

    def recognize(self, text: str) -> list[Span]:
        """Toponym spans in ``text``, in order, never overlapping."""
        tokens = tokenize(text)
        runs = _candidate_runs(text, tokens)
        keys = {(i, j): fold(text[tokens[i].start : tokens[j].end]) for i, j in runs}
        # Abbreviations end in a dot the token leaves out: "Springfield, Ill."
        dotted = {(i, j): keys[(i, j)] + "." for i, j in runs
                  if text[tokens[j].end : tokens[j].end + 1] == "."
                  and not tokens[j].text.endswith(".")}
        dem = demonyms()
        known = self.gazetteer.known([*keys.values(), *dotted.values()]) | (
            set(keys.values()) & dem.keys())
        for run, key in dotted.items():
            if key in known and _after_comma(text, tokens[run[0]].start):
                keys[run] = key
        blocked = self._blocked_tokens(text, tokens)
        spans: list[Span] = []
        people: set[str] = set()  # tokens the document uses in people's names
        kept: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            best = None
            for j in range(min(len(tokens) - 1, i + MAX_TOKENS - 1), i - 1, -1):
                if keys.get((i, j)) in known:
                    best = j
                    break
            feature = self._feature(text, tokens, i) if tokens[i].capitalised else None
            if feature is not None and (best is None or feature > best) and not any(
                    k in blocked for k in range(i, feature + 1)):
                end = tokens[feature].end
                if text[end : end + 1] == "." and tokens[feature].lower in _ABBREVIATED:
                    end += 1  # "Collins Ave."
                kept.append((i, feature, end))
                i = feature + 1
                continue
            if best is None or any(k in blocked for k in range(i, best + 1)):
                i += 1
                continue
            key = keys[(i, best)]
            if key in dem:
                verdict = KEEP if self.demonyms and tokens[i].capitalised else REJECT
            else:
                verdict = self._verdict(text, tokens, i, best, key)
            if verdict == KEEP:
                kept.append((i, best, tokens[best].end
                             + (1 if keys[(i, best)].endswith(".")
                                and not tokens[best].text.endswith(".") else 0)))
            first = i
            i = best + 1
            if verdict == PERSON:
                # The rest of the name goes too: "Paris Hilton" is not Hilton either.
                while first > 0 and tokens[first - 1].capitalised and _joined(
                        text, tokens[first - 1], tokens[first]):
                    first -= 1
                while i < len(tokens) and tokens[i].capitalised and _joined(
                        text, tokens[i - 1], tokens[i]):
                    i += 1
                name = [tokens[k] for k in range(first, i)]
                titled = [k for k, t in enumerate(name) if t.lower.rstrip(".") in _TITLES]
                if titled:
                    name = name[titled[-1] + 1 :]  # "Indianapolis Mayor Greg Ballard"
                name = name[-3:]  # "Director of Pupil Personnel Rhonda Welch"
                if len(name) >= 2 or titled and name:
                    if not any(t.text.isupper() or t.lower in _FEATURE_HEADS for t in name):
                        # Later mentions use the surname, sometimes the given name
                        # (unless that is a town's name: "Dresden Zoo", "Ghent Altarpiece").
                        people.update(t.text for t in name[1:])
                        if self._prominence(fold(name[0].text)) < 5:
                            people.add(name[0].text)
        located = {tokens[k + 1].text for k in range(len(tokens) - 1)
                   if tokens[k].lower in _PLACE_CUES and _joined(text, tokens[k], tokens[k + 1])}
        for i, j, end in kept:
            if (i == j and tokens[i].text in people and tokens[i].text not in located
                    and not self._prominent(keys[(i, j)])):
                continue  # "Baker said" after "Sheriff Tom Baker"
            spans.append(Span(tokens[i].start, end, text[tokens[i].start : end]))
        return spans

    @staticmethod
    def _feature(text: str, tokens: list[_Token], i: int) -> int | None:
        """Last token of a street or feature name starting at token ``i``, if any.

        "Royal Street", "Van Dorn Street", "Lake Cunningham", "Mount Hood": capitalised
        words ending in (or, for lakes and mountains, starting with) a feature word.
        A bare head ("the Street") or a sentence-initial "The" does not count.
        """
        first = tokens[i]
        if not first.capitalised or first.lower in _CALENDAR or first.lower in _TITLES:
            return None
        if first.lower == "the" or first.text.isupper() and len(first.text) > 1:
            return None
        j = i
        while j + 1 < len(tokens) and j - i < 4 and tokens[j + 1].capitalised and _joined(
                text, tokens[j], tokens[j + 1]):
            j += 1
            if tokens[j].lower in _FEATURE_HEADS and j + 1 < len(tokens) and not (
                    tokens[j + 1].capitalised and _joined(text, tokens[j], tokens[j + 1])):
                return j
            if tokens[j].lower in _FEATURE_HEADS and j + 1 == len(tokens):
                return j
        if first.lower in _FEATURE_PREFIXES and j > i and j - i <= 2:
            return j
        return None

    def _blocked_tokens(self, text: str, tokens: list[_Token]) -> set[int]:
        """Token indices inside a known institution or organisation name."""
        names = non_places()
        heads = _non_place_heads()
        blocked: set[int] = set()
        for i in range(len(tokens)):
            if not tokens[i].capitalised or fold(tokens[i].text).split(" ")[0] not in heads:
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

    def _nation(self, key: str) -> bool:
        """Whether this is the own name of a country or continent ("Ecuador Tours")."""
        return any(flags & 3 and place.kind in ("country", "continent")
                   for place, flags in self.gazetteer.lookup(key))

    def _prominent(self, key: str) -> bool:
        """A country, first-level region, capital or big city by this name."""
        return any(
            place.kind in ("country", "continent", "admin1", "region", "water")
            or place.capital or place.population >= 10**PROMINENT
            for place, flags in self.gazetteer.lookup(key) if flags & 3
        )

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
        if not first.capitalised or (len(first.text) < 3 and not first.text.isupper()
                                     and not key.endswith(".")):
            return REJECT  # "Ga." after a comma is Georgia, a bare "Ga" nothing
        k = i
        while k > 0 and tokens[k - 1].capitalised and _joined(text, tokens[k - 1], tokens[k]):
            k -= 1
            if tokens[k].lower.rstrip(".") in _TITLES:
                return PERSON  # President Lincoln, Sheriff Tom Baker
        # A capitalised word before the name is part of it ("Lockheed Martin"), unless
        # it is an English word capitalised only because a sentence or heading starts
        # with it ("Introducing Mongolia", "In London").
        prev_name = prev is not None and prev.capitalised and not (
            _sentence_initial(text, prev.start) and zipf(prev.lower) >= HEADLINE_ZIPF)
        if prev_name and not is_common_word(prev.text):
            return PERSON  # Lockheed Martin, Steve Jordan
        if nxt is not None and nxt.capitalised:
            if nxt.lower in _ORG_HEADS:
                return REJECT  # Texas Instruments-like organisation names
            if (single and not nxt.text.isupper() and not is_common_word(nxt.text)
                    and not self._ordinary_word(first, key) and not self._nation(key)):
                return PERSON  # Vladimir Putin, Paris Hilton (not "South Arlington")
        if single and self._ordinary_word(first, key):
            # A common word at a sentence start, in all caps, or inside a longer
            # capitalised name is most likely just the word ("Split decisions",
            # "READING LIST", "United Launch Alliance"); elsewhere too unless a
            # preposition says a place follows ("the University", but "in Reading").
            if _sentence_initial(text, first.start) or first.text.isupper():
                return REJECT
            if prev_name or (nxt is not None and nxt.capitalised):
                return REJECT
            if (prev is None or prev.lower not in _LOCATIVE) and self._prominence(key) < 5:
                return REJECT
        if single and nxt is not None and nxt.lower in _SPEECH and not self._prominent(key):
            return PERSON  # "Baker said": people speak, towns rarely do
        if single and first.text.isupper() and len(first.text) <= 4 and not any(
            flags & 2 or (flags & 1 and (place.population >= 100_000
                                         or place.kind in ("country", "admin1")))
            for place, flags in self.gazetteer.lookup(key)
        ):
            return REJECT  # acronyms (NATO, EU) unless a curated short form or a real city
        return KEEP
