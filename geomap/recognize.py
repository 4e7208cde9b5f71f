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
from functools import lru_cache
from importlib import resources
from itertools import compress, count
from operator import itemgetter

from gazetteer.store import Gazetteer
from gazetteer.text import fold
from geomap.model import Span

MAX_TOKENS = 6

#: Words that follow a place name after a hyphen to make an adjective of it
#: ("London-based", "Pakistan-administered", "US-led"): the place stays a token.
_HYPHEN_SUFFIXES = (
    "based born bred led backed administered controlled held occupied bound made owned "
    "run registered listed headquartered funded sponsored brokered area wide").split()
# A token: an abbreviation with dots (U.S., D.C.), or a word with inner hyphens or
# apostrophes (Saint-Denis, O'Hare) but not a possessive 's nor such a suffix.
_SUFFIX = "(?:" + "|".join(_HYPHEN_SUFFIXES) + r")\b"
_TOKEN = re.compile(r"(?:[A-Z][a-z]?\.){2,}|[^\W\d_]+(?:(?:'|’|-(?!" + _SUFFIX + r"))(?![sS]\b)"
                    r"[^\W\d_]+)*")
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
    ramadan hanukkah diwali lent mon tue tues wed thu thur thurs fri sat""".split()
)
#: Lowercase words after a place name that make it part of a disease's name
#: ("West Nile virus", "Marburg fever"), which is not a toponym.
_DISEASE = frozenset("virus viruses fever ebolavirus flu disease".split())
#: Nouns after "the <surname>" that make it a person's term of office.
_OFFICE_TERMS = frozenset("administration administrations presidency era years".split())
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
    dam gardens trail club bar inn motel guesthouse hostel market center centre""".split()
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
#: Lowercase words before a common word that make it a noun, not a name.
_DETERMINERS = frozenset("the its their our his her".split())
#: Words after which a name is a place wherever else the document uses it ("in Tyler").
_PLACE_CUES = frozenset("in of near outside downtown across throughout".split())
#: "the village of Kampungu", "the town of Portmagee": the name is a place even when
#: the gazetteer does not know it.
_SETTLEMENTS = frozenset(
    """village town city township hamlet suburb district province region county
    municipality neighborhood neighbourhood island port""".split()
)
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


class _Token:
    """A word of the text with the attributes the rules ask for, computed once."""

    __slots__ = ("start", "end", "text", "capitalised", "lower")

    def __init__(self, start: int, end: int, text: str, capitalised: bool, lower: str):
        self.start = start
        self.end = end
        self.text = text
        self.capitalised = capitalised
        self.lower = lower

    def __repr__(self) -> str:
        return f"_Token({self.start}, {self.end}, {self.text!r})"


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


#: A given name this common (per cent of the 1990 US census population) counts as one,
#: and a family name this common; rarer entries are mostly words ("Royal", "Police").
GIVEN_NAME_PERCENT = 0.005
SURNAME_PERCENT = 0.003
#: A given name that is also this frequent an English word ("Will", "Royal") counts
#: only when it is a popular name ("Mark", "Bill").
GIVEN_NAME_ZIPF = 4.6
POPULAR_NAME_PERCENT = 0.05


def _census_names(*files: str) -> dict[str, float]:
    """Lowercased names -> per cent of people, from the 1990 US Census lists in ``names``."""
    try:
        root = resources.files("names")
    except ModuleNotFoundError:
        return {}
    out: dict[str, float] = {}
    for name in files:
        path = root.joinpath(name)
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split()
            if len(cols) >= 2:
                key = cols[0].lower()
                out[key] = max(out.get(key, 0.0), float(cols[1]))
    return out


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common first names ("Tom", "Dick", "Georgia"): a place name after one is a surname."""
    return frozenset(
        n for n, pct in _census_names("dist.male.first", "dist.female.first").items()
        if pct >= GIVEN_NAME_PERCENT and (pct >= POPULAR_NAME_PERCENT
                                          or zipf(n) < GIVEN_NAME_ZIPF))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Common family names ("Stevens"): "Georgia Stevens" is a girl, not a country."""
    return frozenset(n for n, pct in _census_names("dist.all.last").items()
                     if pct >= SURNAME_PERCENT)


@lru_cache(maxsize=1)
def _non_place_heads() -> frozenset[str]:
    """First words of the non-place names, to skip the rest quickly."""
    return frozenset(name.split(" ")[0] for name in non_places())


@lru_cache(maxsize=100_000)
def _heads_non_place(word: str) -> bool:
    """Whether a non-place name starts with this word (cached: words recur)."""
    return fold(word).split(" ")[0] in _non_place_heads()


def tokenize(text: str) -> list[_Token]:
    """The words of ``text``."""
    return _scan(text)[0]


def _scan(text: str) -> tuple[list[_Token], list[int], list[str]]:
    """The words of ``text``, the indices of the capitalised ones, and the words
    lowercased.

    Each attribute is computed for all words at once by ``map`` over C methods: an
    article has hundreds of words, and per-word Python calls made tokenising a third of
    recognition.  Most words are lowercase ones the rules skip, so the rules loop over
    the capitalised indices (or :func:`_indices` of cue words), not over every word.
    """
    matches = list(_TOKEN.finditer(text))
    words = list(map(re.Match.group, matches))
    capitalised = list(map(str.isupper, map(itemgetter(0), words)))
    lowers = list(map(str.lower, words))
    tokens = list(map(_Token, map(re.Match.start, matches), map(re.Match.end, matches), words,
                      capitalised, lowers))
    return tokens, list(compress(count(), capitalised)), lowers


def _indices(lowers: list[str], words: frozenset[str]) -> list[int]:
    """Indices of the lowercased words that are in ``words`` (found in C)."""
    return list(compress(count(), map(words.__contains__, lowers)))


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


_DATELINE_END = re.compile(r"\s*(?:,|\(|-|--|—|–|\x97)")


def _dateline(text: str, start: int, end: int) -> bool:
    """Whether an all-caps name opens a line as a dateline: "WASHINGTON (AP) -"."""
    line_start = start == 0 or text[start - 1] == "\n" or not text[:start].strip()
    return line_start and _DATELINE_END.match(text, end) is not None


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n:;" or before.endswith(" -")


def _candidate_runs(text: str, tokens: list[_Token], caps: list[int]) -> list[tuple[int, int]]:
    """(first, last) token index pairs worth looking up: capitalised at both ends.

    ``caps`` are the indices of the capitalised tokens.
    """
    runs = []
    n = len(tokens)
    for i in caps:
        runs.append((i, i))
        prev = tokens[i]
        for j in range(i + 1, min(n, i + MAX_TOKENS)):
            tok = tokens[j]
            # One space, the usual gap, needs no call to _joined.
            if text[prev.end : tok.start] != " " and not _joined(text, prev, tok):
                break
            if tok.capitalised:
                runs.append((i, j))
            elif tok.lower not in _CONNECTORS:
                break
            prev = tok
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

    #: spaCy labels whose entities the NER option adds when the rules missed them
    #: (FAC added nothing measurable; unknown names cost more precision than they
    #: gave recall on the dev corpora).
    NER_PLACES = frozenset({"GPE", "LOC"})
    #: spaCy labels whose entities veto a gazetteer match inside them.
    NER_VETO = frozenset({"PERSON"})
    #: Whether an NER place the gazetteer does not know is added (placed in the
    #: story's main town) or only names the gazetteer knows.
    NER_ADD_UNKNOWN = False
    #: Whether the veto needs an entity longer than the match ("Tom Baker", not a bare
    #: "Baker", which the model often tags PERSON when it is a town).
    NER_VETO_LONGER = True

    def __init__(self, gazetteer: Gazetteer, *, demonyms: bool = False, ner: bool = False):
        self.gazetteer = gazetteer
        self.demonyms = demonyms
        self.ner = ner
        if ner:
            from geomap import ner as _ner

            _ner._model()  # fail now, with the install hint, not on the first document

    def __call__(self, text: str) -> list[Span]:
        return self.recognize(text)

    def recognize(self, text: str) -> list[Span]:
        """Toponym spans in ``text``, in order, never overlapping."""
        tokens, caps, lowers = _scan(text)
        runs = _candidate_runs(text, tokens, caps)
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
        blocked = self._blocked_tokens(text, tokens, caps)
        spans: list[Span] = []
        people: set[str] = set()  # tokens the document uses in people's names
        named: set[str] = set()  # prominent places' names it uses as given names
        kept: list[tuple[int, int]] = []
        longest: dict[int, int] = {}  # first token -> last of its longest known run
        for i, j in runs:  # in order of i, then j
            if keys[(i, j)] in known:
                longest[i] = j
        resume = 0  # the first token after the last name taken
        for i in caps:  # every name starts with a capital
            if i < resume:
                continue
            best = longest.get(i)
            feature = self._feature(text, tokens, i)
            if feature is not None and (best is None or feature > best) and not any(
                    k in blocked for k in range(i, feature + 1)):
                end = tokens[feature].end
                if text[end : end + 1] == "." and tokens[feature].lower in _ABBREVIATED:
                    end += 1  # "Collins Ave."
                kept.append((i, feature, end))
                resume = feature + 1
                continue
            if best is None or any(k in blocked for k in range(i, best + 1)):
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
            first, resume = i, best + 1
            if verdict == PERSON:
                # The rest of the name goes too: "Paris Hilton" is not Hilton either.
                while first > 0 and tokens[first - 1].capitalised and _joined(
                        text, tokens[first - 1], tokens[first]):
                    first -= 1
                while resume < len(tokens) and tokens[resume].capitalised and _joined(
                        text, tokens[resume - 1], tokens[resume]):
                    resume += 1
                name = [tokens[k] for k in range(first, resume)]
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
                        named.update(  # "Georgia Stevens" ... "Georgia began skating"
                            a.text for a, b in zip(name, name[1:], strict=False)
                            if a.lower in given_names() and b.lower in surnames())
        located = {tokens[k + 1].text for k in _indices(lowers, _PLACE_CUES)
                   if k + 1 < len(tokens) and _joined(text, tokens[k], tokens[k + 1])}
        kept = self._cued(text, tokens, kept, blocked, _indices(lowers, _SETTLEMENTS))
        given = given_names()
        for i, j, end in kept:
            if i == j and tokens[i].text not in located:
                if tokens[i].text in people and not self._prominent(keys[(i, j)]):
                    continue  # "Baker said" after "Sheriff Tom Baker"
                if tokens[i].text in named and not _after_comma(text, tokens[i].start) and not (
                        i > 0 and tokens[i - 1].lower in _LOCATIVE):
                    continue
                if (tokens[i].lower in given and not tokens[i].text.isupper()
                        and self._prominence(keys[(i, j)]) < 5
                        and not (i > 0 and (tokens[i - 1].lower in _LOCATIVE
                                            or tokens[i - 1].lower in _SHORTENED))
                        and not (_after_comma(text, tokens[i].start) and tokens[i - 1].capitalised)
                        and not (text[end : end + 2] == ", " and j + 1 < len(tokens)
                                 and tokens[j + 1].capitalised
                                 and fold(tokens[j + 1].text) in known)):
                    continue  # "their first child, Hailey," "his wife, Dora"
            spans.append(Span(tokens[i].start, end, text[tokens[i].start : end]))
        if self.ner:
            spans = self._ner_vote(text, spans)
        return spans

    def _ner_vote(self, text: str, spans: list[Span]) -> list[Span]:
        """Let the spaCy model veto people and add the place names the rules missed."""
        from geomap.ner import entities

        ents = entities(text)
        veto = [e for e in ents if e.label in self.NER_VETO]
        longer = self.NER_VETO_LONGER
        out = [s for s in spans if not any(
            e.start <= s.start and s.end <= e.end
            and (not longer or e.end - e.start > s.end - s.start) for e in veto)
            or self._prominent(fold(s.text))]
        taken = [(s.start, s.end) for s in spans]
        for e in ents:
            if e.label not in self.NER_PLACES:
                continue
            start, end = e.start, e.end
            name = text[start:end]
            if name.lower().startswith("the "):
                start, name = start + 4, name[4:]
            name = name.rstrip(".,;:'’s") if name.endswith(("'s", "’s")) else name
            end = start + len(name)
            if (end <= start or not name[:1].isupper()
                    or any(a < end and start < b for a, b in taken)
                    or fold(name) in demonyms()):
                continue
            if not self.NER_ADD_UNKNOWN and not self.gazetteer.known([fold(name)]):
                continue
            out.append(Span(start, end, name))
        out.sort(key=lambda s: s.start)
        return out

    def _cued(self, text: str, tokens: list[_Token], kept: list[tuple[int, int, int]],
              blocked: set[int], settlements: list[int]) -> list[tuple[int, int, int]]:
        """``kept`` plus names a settlement noun introduces ("the village of Kampungu")
        that the gazetteer rules passed over, and the document's other uses of them.

        ``settlements`` are the indices of the tokens that are such nouns.
        """
        taken = set()
        for i, j, _ in kept:
            taken.update(range(i, j + 1))
        found: dict[tuple[str, ...], int] = {}
        n = len(tokens)
        for k in settlements:
            if (k >= n - 2 or tokens[k].capitalised
                    or tokens[k + 1].text != "of" or not tokens[k + 2].capitalised
                    or not _joined(text, tokens[k + 1], tokens[k + 2])):
                continue
            i = j = k + 2
            while j + 1 < n and j - i < 3 and tokens[j + 1].capitalised and _joined(
                    text, tokens[j], tokens[j + 1]):
                j += 1
            words = [t.lower for t in tokens[i : j + 1]]
            if (any(m in taken or m in blocked for m in range(i, j + 1))
                    or words[0] in _CALENDAR or words[0] in _TITLES or words[0] == "the"
                    or fold(text[tokens[i].start : tokens[j].end]) in demonyms()):
                continue
            found[tuple(t.text for t in tokens[i : j + 1])] = j - i + 1
        if not found:
            return kept
        extra = []
        heads = {name[0] for name in found}
        for i in range(n):
            if tokens[i].text not in heads or i in taken:
                continue
            for name, size in found.items():
                j = i + size - 1
                if (name[0] == tokens[i].text and j < n
                        and tuple(t.text for t in tokens[i : j + 1]) == name
                        and not any(m in taken for m in range(i, j + 1))
                        and (j + 1 == n or not (tokens[j + 1].capitalised and _joined(
                            text, tokens[j], tokens[j + 1])))):
                    extra.append((i, j, tokens[j].end))
                    taken.update(range(i, j + 1))
                    break
        return sorted([*kept, *extra])

    @staticmethod
    def _feature(text: str, tokens: list[_Token], i: int) -> int | None:
        """Last token of a street or feature name starting at token ``i``, if any.

        "Royal Street", "Van Dorn Street", "Lake Cunningham", "Mount Hood": capitalised
        words ending in (or, for lakes and mountains, starting with) a feature word.
        A bare head ("the Street") or a sentence-initial "The" does not count.
        """
        if i + 1 >= len(tokens) or not tokens[i + 1].capitalised:
            return None  # all such names have two capitalised words (most tokens stop here)
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

    def _blocked_tokens(self, text: str, tokens: list[_Token], caps: list[int]) -> set[int]:
        """Token indices inside a known institution or organisation name (``caps``: the
        capitalised tokens, where such names start)."""
        names = non_places()
        blocked: set[int] = set()
        for i in caps:
            if not _heads_non_place(tokens[i].text):
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

    def _nation(self, key: str, *kinds: str) -> bool:
        """Whether this is the own name of a country or continent ("Ecuador Tours"), or
        of a place of one of ``kinds`` ("Manitoba Underdogs Rescue")."""
        kinds = ("country", "continent", *kinds)
        return any(flags & 3 and place.kind in kinds
                   for place, flags in self.gazetteer.lookup(key))

    def _only_divisions(self, key: str) -> bool:
        """Whether this names divisions and villages only, no town (Centre, North)."""
        return all(place.kind in ("admin1", "admin2")
                   or place.kind == "city" and place.population < 10_000
                   for place, _ in self.gazetteer.lookup(key))

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

    @staticmethod
    def _partner(text: str, tokens: list[_Token], i: int, j: int) -> bool:
        """Whether the name is one of two family names joined by "&" (a firm's name)."""
        if i > 0 and text[tokens[i - 1].end : tokens[i].start] == " & ":
            other = tokens[i - 1]
        elif j + 1 < len(tokens) and text[tokens[j].end : tokens[j + 1].start] == " & ":
            other = tokens[j + 1]
        else:
            return False
        return other.capitalised and other.lower in surnames()

    def _verdict(self, text: str, tokens: list[_Token], i: int, j: int, key: str) -> str:
        """KEEP a gazetteer match, or say why its context rejects it."""
        first, last = tokens[i], tokens[j]
        prev = tokens[i - 1] if i > 0 and _joined(text, tokens[i - 1], first) else None
        nxt = tokens[j + 1] if j + 1 < len(tokens) and _joined(text, last, tokens[j + 1]) else None
        single = i == j
        if single and first.lower in _CALENDAR:
            return REJECT
        after = text[last.end : last.end + 2]
        if single and after[:1] == "." and first.lower in _TITLES:
            return REJECT  # "Sen. Rand Paul", "Rev. Al Green"
        if after[:1] == "$" or text[first.start - 1 : first.start] == "$":
            return REJECT  # currencies: US$10, $US4.5 billion
        if key.endswith(".") and text[max(0, first.start - 3) : first.start].rstrip()[
                -1:].isdigit():
            return REJECT  # eras: "300 B.C."
        if self._partner(text, tokens, i, j):
            return REJECT  # firms: "Stevens & Wilkinson"
        if j + 1 < len(tokens) and tokens[j + 1].lower in _DISEASE and _joined(
                text, last, tokens[j + 1]):
            return REJECT  # "West Nile virus", "Marburg fever"
        if not first.capitalised or (len(first.text) < 3 and not first.text.isupper()
                                     and not key.endswith(".")
                                     and single):
            return REJECT  # "Ga." after a comma is Georgia, a bare "Ga" nothing;
            # a longer name may start short (El Paso, La Paz, St. Louis, Da Nang)
        k = i
        while k > 0 and tokens[k - 1].capitalised and _joined(text, tokens[k - 1], tokens[k]):
            k -= 1
            if tokens[k].lower.rstrip(".") in _TITLES:
                return PERSON  # President Lincoln, Sheriff Tom Baker
        if (k > 0 and tokens[k - 1].lower in _TITLES
                and text[tokens[k - 1].end : tokens[k].start] == ". "):
            return PERSON  # Sen. Rand Paul, Gov. Jerry Brown
        if (prev is not None and len(prev.text) == 1 and prev.text.isupper()
                and text[prev.end : first.start] == ". "):
            return PERSON  # a middle initial: "Ashley L. Evans"
        if (single and nxt is not None and nxt.lower in _OFFICE_TERMS and i > 0
                and tokens[i - 1].lower == "the" and not self._prominent(key)):
            return PERSON  # "the Bush administration", "the Lincoln years"
        # A capitalised word before the name is part of it ("Lockheed Martin"), unless
        # it is an English word capitalised only because a sentence or heading starts
        # with it ("Introducing Mongolia", "In London").
        prev_name = prev is not None and prev.capitalised and not (
            _sentence_initial(text, prev.start) and zipf(prev.lower) >= HEADLINE_ZIPF)
        if prev_name and not is_common_word(prev.text) and not (
                prev.text.isupper() and not first.text.isupper() and self._prominent(key)):
            return PERSON  # Lockheed Martin, Steve Jordan (but CTV Edmonton, BBC Scotland)
        if (prev is not None and prev.capitalised and prev.lower in given_names()
                and not self._prominent(fold(prev.text))):
            return PERSON  # Dick Cheney, Kevin George Baker
        if nxt is not None and nxt.capitalised:
            if nxt.lower in _ORG_HEADS:
                return REJECT  # Texas Instruments-like organisation names
            if (single and first.lower in given_names() and nxt.lower in surnames()
                    and not nxt.text.isupper() and not self._prominent(fold(nxt.text))):
                return PERSON  # Georgia Stevens, Jordan Smith
            if (single and not nxt.text.isupper() and not is_common_word(nxt.text)
                    and not self._ordinary_word(first, key) and not self._nation(key, "admin1")):
                return PERSON  # Vladimir Putin, Paris Hilton (not "South Arlington")
        if single and self._ordinary_word(first, key):
            # A common word at a sentence start, in all caps, or inside a longer
            # capitalised name is most likely just the word ("Split decisions",
            # "READING LIST", "United Launch Alliance"); elsewhere too unless a
            # preposition says a place follows ("the University", but "in Reading").
            if (_sentence_initial(text, first.start) or first.text.isupper()) and not (
                    first.text.isupper() and _dateline(text, first.start, last.end)):
                return REJECT
            if prev_name or (nxt is not None and nxt.capitalised):
                return REJECT
            if (prev is None or prev.lower not in _LOCATIVE) and self._prominence(key) < 5:
                return REJECT
            if prev is not None and prev.lower in _DETERMINERS and self._only_divisions(key):
                return REJECT  # "the Centre said", "the North's peace process"
        if single and nxt is not None and nxt.lower in _SPEECH and not self._prominent(key):
            return PERSON  # "Baker said": people speak, towns rarely do
        if single and first.text.isupper() and len(first.text) <= 4 and not any(
            flags & 2 or (flags & 1 and (place.population >= 100_000
                                         or place.kind in ("country", "admin1")))
            for place, flags in self.gazetteer.lookup(key)
        ):
            return REJECT  # acronyms (NATO, EU) unless a curated short form or a real city
        return KEEP
