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
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Container, Iterable
from functools import cached_property, lru_cache
from importlib import resources
from itertools import accumulate, compress, count
from operator import attrgetter, itemgetter

from gazetteer.model import Place
from gazetteer.store import Gazetteer
from gazetteer.text import ARABIC_ARTICLES, fold, resembles
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


def _splitter(letter: str) -> re.Pattern[str]:
    """A regex whose ``split`` gives a text's gaps and tokens in turn (the tokens
    captured), ``letter`` being the class of a word's characters.

    The abbreviation is spelt "one, then one or more" rather than ``{2,}``: the engine
    tries it at every word, and a counted repeat costs more to set up.  Repeats are
    possessive (no backtracking state kept, ~10% faster): giving back a character could
    never make a match, since a letter is not a "." and the word may end anywhere.
    """
    word = letter + r"++(?:(?:'|’|-(?!" + _SUFFIX + r"))(?![sS]\b)" + letter + "++)*+"
    return re.compile(r"([A-Z][a-z]?+\.(?:[A-Z][a-z]?+\.)++|" + word + ")")


#: A word that is an Arabic article hyphened to a capitalised name ("al-Bab", "Sharm
#: el-Sheikh", "Deir ez-Zor") starts or ends a name as a capitalised word does.
_HYPHEN_CAPITAL = re.compile(r"-[A-Z]")
#: Likewise an elided Romance article or preposition before a capital: "Côte d'Ivoire",
#: "Cortina d'Ampezzo", "Reggio nell'Emilia".
_ELIDED = frozenset("d l dell nell dall sull all".split())
#: How each of them ends (found with str.find, several times faster than a regex scan).
_ELISIONS = ("d'", "l'", "d’", "l’")
_SPLIT = _splitter(r"[^\W\d_]")  # letters: word characters but digits and "_"
#: The same for ASCII text, where [A-Za-z] is that class and much faster to test.
_SPLIT_ASCII = _splitter("[A-Za-z]")

_CONNECTORS = frozenset(
    "of de del della delle dei di da do dos das du la le les el al es am an der den upon "
    "on sur sous vor bei im ob aan op y and the".split()
)
#: Connectors that make the name before them the head of a longer one ("Stade de
#: France"); "and" and "or" join lists of names instead.
_OF_CONNECTORS = _CONNECTORS - {"and", "the", "on", "upon", "y"}
_SHORTENED = frozenset("st ste ft mt pt".split())  # "St. Louis", "Ft. Worth", "Mt. Hood"
_TITLES = frozenset(
    """mr mrs ms dr sir lord lady president gov governor sen senator rep representative
    gen general col colonel maj lt capt sgt minister secretary prime premier king queen
    prince princess pope saint judge justice mayor chancellor ambassador adviser advisor
    spokesman spokeswoman chief director professor prof coach sheriff deputy officer
    detective sgt sergeant trooper pastor rev reverend father bishop rabbi imam dean
    commissioner councilman councilwoman councillor attorney det insp supt cpl pte pvt
    cmdr adm const constable inspector superintendent corporal""".split()
)
#: Lowercase particles between a given name and a family name.
_NAME_PARTICLES = frozenset("de del della da dos das di van von der den bin ibn".split())
#: Words of the compass that name divisions alone ("Western", Rwanda's province) but
#: before a lowercase noun are adjectives.
_COMPASS_ADJECTIVES = frozenset(
    "western eastern northern southern central north south east west".split())
_DIVISION_WORDS = frozenset(
    "province provinces region regions state states district districts division county "
    "area department governorate oblast territory zone".split())
_CALENDAR = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday christmas easter passover thanksgiving halloween
    ramadan hanukkah diwali lent mon tue tues wed thu thur thurs fri sat""".split()
)
#: Lowercase words after a place name that make it part of a disease's name
#: ("West Nile virus", "Marburg fever"), which is not a toponym.
_DISEASE = frozenset("virus viruses fever ebolavirus flu disease hemorrhagic haemorrhagic"
                     .split())
#: Nouns after "the <surname>" that make it a person's term of office.
_OFFICE_TERMS = frozenset("administration administrations presidency era years".split())
#: Tokens that mostly begin organisation names when they follow a place name.
_ORG_HEADS = frozenset(
    """airlines airways bank university college institute times post journal tribune
    herald news daily press fc united city-fc""".split()
)

#: Last words of a town's own name before its "Hall" ("Hanover Town Hall").
_TOWNS = frozenset("town city county village borough".split())

KEEP, REJECT, PERSON = "keep", "reject", "person"
#: A person named alone as a quote's speaker: the document's other uses of the name are
#: the person's too.
SPEAKER = "speaker"
#: A common word opening a sentence ("Reading the report", "London is"): rejected
#: unless the rest of the document settles it (see :meth:`Recognizer._one_sense`).
INITIAL = "initial"

#: Last words of names of streets, physical features and landmarks: "Royal Street",
#: "Neches River", "Collins Ave.", "Ritz Hotel".  Such a name is a toponym whether or
#: not the gazetteer knows it; the resolver places it in the document's main town.
_FEATURE_HEADS = frozenset(
    """street st avenue ave road rd boulevard blvd lane drive highway freeway parkway
    expressway turnpike square plaza park river lake creek bay beach island islands isle
    mountain mountains valley canyon falls harbor harbour pier bridge airport station
    hotel resort museum cathedral church abbey temple mosque palace castle tower stadium
    arena zoo forest desert peninsula coast gulf sea ocean strait channel canal reservoir
    dam gardens trail club bar inn motel guesthouse hostel market center centre
    township""".split()
)
_ABBREVIATED = frozenset("st ave rd blvd".split())
_POINT = r"(?:North|South|East|West|Northwest|Northeast|Southwest|Southeast)"
#: Numbered streets and roads, which no capitalised-word rule sees: "West 16th Street",
#: "40th Avenue South", "Interstate 64 West", "Highway 19", "U.S. Route 1".
_NUMBERED = re.compile(
    rf"(?<![\w.])(?:{_POINT}[ \t]+)?\d{{1,3}}(?:st|nd|rd|th)[ \t]+"
    rf"(?:Street\b|St\.|Avenue\b|Ave\.|Road\b|Boulevard\b|Drive\b|Lane\b"
    rf"|Terrace\b|Parkway\b)(?:[ \t]+{_POINT}\b)?"
    rf"|(?<![\w.])(?:(?:U\.S\.|US|State|County)[ \t]+)?(?:Interstate|Highway|Route)[ \t]+"
    rf"\d{{1,4}}[A-Z]?\b(?:[ \t]+{_POINT}\b)?")
#: The capitalised words one of which every :data:`_NUMBERED` match holds: the regex
#: reads only the text around them (its scan of a whole article cost a third as much as
#: the rest of recognition), and most texts have none.
_NUMBERED_HEADS = frozenset(
    "Interstate Highway Route Street St Avenue Ave Road Boulevard Drive Lane Terrace "
    "Parkway".split())
_NUMBERED_KEYS = frozenset(map(str.lower, _NUMBERED_HEADS))
#: First words of such names: "Lake Cunningham", "Mount Hood", "Cape Cod".
_FEATURE_PREFIXES = frozenset("lake mount mt cape".split())
#: A saint's possessive before a capitalised word names what is called after the saint
#: ("St Peter's Square", "St. John's University"), not a town called St Peter: a
#: landmark when that word is a feature head or one of these, and no place at all when
#: it is one of :data:`_SAINT_INSTITUTIONS`.
_SAINTS = frozenset({"st", "ste", "saint"})
#: A town named after a saint this big is the town in its possessive before a longer
#: name: "St. Louis' Forest Park" (but "St. Peter's Square" is no Saint Peter's).
SAINT_TOWN_POPULATION = 100_000
_SAINT_WORD = re.compile(r"^(?:saint|sainte)\b")
_SAINT_SHORT = {"saint": "st", "sainte": "ste"}
_SAINT_LANDMARKS = frozenset("chapel basilica monastery convent priory shrine".split())
_SAINT_INSTITUTIONS = frozenset(
    """university college school academy seminary hospital infirmary clinic day eve
    catholic episcopal anglican hall""".split())

#: Lowercase words before a name that say a place follows ("in Reading", "near Split").
_LOCATIVE = frozenset(
    """in at near from to into outside inside across through throughout toward towards
    around via between within beyond off onto upon downtown northern southern eastern
    western central north south east west""".split()
)
#: Lowercase words before a common word that make it a noun, not a name.
_DETERMINERS = frozenset("the its their our his her".split())
#: Words that start a noun phrase: after a sentence's first word, they make it a verb.
_ARTICLES = _DETERMINERS | {"a", "an", "this", "these", "those", "my", "your"}
#: Words that start no street or feature name, capitalised only to start a sentence
#: ("At Royal Street", "No Great Ocean Road"); directions do ("North Main Street").
_NO_NAME_START = _ARTICLES | (_LOCATIVE - {"downtown", "northern", "southern", "eastern",
                                           "western", "central", "north", "south", "east",
                                           "west"}) | frozenset(
    "no and but or for with by on as if when while after before since until under over "
    "behind beside past".split())
#: Words after which a name is a place wherever else the document uses it ("in Tyler").
_PLACE_CUES = frozenset("in of near outside downtown across throughout".split())
#: Those of them that put what follows in a place ("of" also takes people's names).
_IN_PLACE = _PLACE_CUES - {"of"}
#: "the village of Kampungu", "the town of Portmagee": the name is a place even when
#: the gazetteer does not know it.
_SETTLEMENTS = frozenset(
    """village town city township hamlet suburb district province region county
    municipality neighborhood neighbourhood island port""".split()
)
#: Plurals that make each name of the list before them such a division: "Douglas,
#: Sarpy and Lancaster counties" (with the word the gazetteer names each by).
_DIVISION_PLURALS = {"counties": "county", "parishes": "parish"}
#: Prepositions that put a town's name before "said" as where the speakers are:
#: "officials in Bakhmut said" (not "from" or "to": "a letter from Baker said").
_WHERE_SPEAKERS_ARE = frozenset("in near at outside inside across around throughout within".split())
#: Who is "of" a place: "the mayor of Bakhmut said" (but "a friend of Baker said").
#: Words after a town's name that make it the town's: "Norman police", "Tyler ISD",
#: "the Brandon Fire Department", "Ferguson Mayor James Knowles", "Tyler residents".
_TOWN_BODIES = frozenset("""police council mayor sheriff township borough isd officials
    residents authorities""".split())
#: Who is from a town, in lowercase after its name: "a Miami man", "the 60-year-old Alton
#: man" (a person's name is not followed so).
_TOWNSPEOPLE = frozenset("""man woman men women boy girl boys girls teen teens teenager
    teenagers couple resident residents native natives""".split())
#: Words that open a sentence before people as what they are, not where they live:
#: "Most residents said", "Male residents", "Local police".
_PEOPLE_MODIFIERS = frozenset("""most many some all male female young old older elderly
    local other several few more such both each every senior junior black white poor rich
    angry armed unarmed innocent dead injured single married retired former fellow foreign
    new good best top area city town rural urban nearby frightened worried""".split())
#: A town's offices, capitalised after its name: "Chicago Mayor Rahm Emanuel".
_TOWN_OFFICES = frozenset("mayor borough township sheriff".split())
#: Words that make an office, not a town, before it: "Vice Mayor", "Deputy Sheriff".
_OFFICE_MODIFIERS = frozenset(
    "vice deputy lord lady acting former interim assistant executive chief high".split())
#: A word this frequent ("Most", "Many") is no town's name, whatever follows.
FUNCTION_ZIPF = 5.5
#: The same in two words: "Norman City Council", "the Brandon Fire Department" (not
#: "Emerald City Players", "Arcade Fire").
_TOWN_BODY_HEADS = frozenset("city county fire".split())
_TOWN_BODY_TAILS = frozenset("""council hall manager commission commissioners attorney clerk
    schools police department chief rescue district station officials""".split())
#: Words before a town's name that name a part of it: "Downtown Ferguson" (directions name
#: rivers and regions too: "West Nile").
_TOWN_PARTS = frozenset("downtown uptown midtown greater".split())
#: A dash after a line's first word: "Tyler - A tornado hit".
_DASH_DATELINE = re.compile(r"[ \t]*(?:-|--|—|–|\x97)[ \t]")
#: Kin whose name follows "of": "the son of Riley and Eva Mae", "widow of Tyler".
_KIN = frozenset("""son sons daughter daughters child children wife husband widow widower
    father mother brother brothers sister sisters grandson granddaughter grandchildren
    nephew niece parents""".split())
_PEOPLE_OF = frozenset("""residents resident native natives people citizens inhabitants
    villagers mayor governor authorities officials police""".split())
#: A person's age between commas, before "of" and their town: "Mark Kitsmore, 54, of".
_AGE = re.compile(r",\s*\d{1,3},\s*")
#: Verbs of saying after a bare name: "Baker said", "Welch told reporters".
_SPEECH = frozenset(
    """said says told added asked explained noted wrote argued recalled admitted replied
    stated testified declined insisted acknowledged""".split()
)
#: Verbs after which a quote's speaker follows: '"We will stay," said Noma.'
_SAID = frozenset("said says added asked explained wrote recalled".split())
#: What ends a quote, before "said" and its speaker.
_CLOSING_QUOTES = frozenset("\"”'’")
#: A place this prominent (log10 population, countries +1) keeps its name even where
#: the document also uses it for a person ("Jordan" after "Michael Jordan").
PROMINENT = 6.0

#: A GeoNames alternate this common an English word, unlike its place's own name, lends
#: the place's population to no prominence ("Region" for Calabarzon).
STRAY_ZIPF = 4.0
#: Kinds whose every name is trusted and counts one more for prominence.
_BROAD = frozenset(("country", "continent", "region", "water"))

#: How many names' prominence a recogniser remembers (see Recognizer._prominence).
PROMINENCES_KEPT = 50_000

#: Zipf frequency above which a lowercase word counts as an everyday English word.
COMMON_ZIPF = 4.3
#: A name with a word rarer than this may be a village no gazetteer has (see
#: :func:`distinctive`): brands and famous names are all commoner.
DISTINCT_ZIPF = 2.0
#: A word this frequent inside a longer capitalised name is a word of that name, unless
#: a place so called is prominent (see Recognizer._ordinary_word).
INSIDE_ZIPF = 3.5
#: A sentence- or heading-initial capitalised word this frequent is just a word.
HEADLINE_ZIPF = 3.0


class _Token:
    """A word of the text as one object, for :func:`tokenize` (the rules themselves read
    :class:`_Words`, which builds no object per word)."""

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


def distinctive(words: Iterable[str]) -> bool:
    """Whether a name holds a word rare in English (Zipf under :data:`DISTINCT_ZIPF`), as
    the names of villages no gazetteer has do ("Banibangou", "Old Fangak") and those of
    firms and famous people do not ("Walgreens", "Tesla", "Biden", "Crocus City Hall")."""
    return any(zipf(part.lower()) < DISTINCT_ZIPF
               for word in words for part in word.split("-") if part)


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
    """Folded demonyms and adjectives of countries, continents and some regions -> ISO
    code, continent name or place id.

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


@lru_cache(maxsize=1)
def _non_place_prefixes() -> frozenset[str]:
    """Every leading part of every non-place name, to stop a search early.

    Folding a longer run of words only appends to the folded shorter run, so a run that
    folds to none of these cannot grow into a non-place name.
    """
    return frozenset(name[:k] for name in non_places() for k in range(1, len(name) + 1))


@lru_cache(maxsize=100_000)
def _heads_non_place(word: str) -> bool:
    """Whether a non-place name starts with this word (cached: words recur)."""
    return fold(word).split(" ")[0] in _non_place_heads()


class _Words:
    """The words of a text as parallel lists, each built for all words at once in C.

    An article has hundreds of words, and one Python object or call per word made
    tokenising a third of recognition.  Most words are lowercase ones the rules skip, so
    the rules loop over ``caps`` (or :meth:`indices` of cue words), not over every word,
    and look up their neighbours by index.
    """

    def __init__(self, text: str):
        parts = (_SPLIT_ASCII if text.isascii() else _SPLIT).split(text)  # gap, word, ..., gap
        offsets = list(accumulate(map(len, parts)))  # where each part ends
        self.text = text
        self.words: list[str] = parts[1::2]
        #: gaps[k]: the text between word k - 1 and word k (gaps[0] and gaps[-1] are
        #: the text before the first word and after the last).
        self.gaps: list[str] = parts[::2]
        self.starts: list[int] = offsets[:-1:2]
        self.ends: list[int] = offsets[1::2]
        self.lowers: list[str] = list(map(str.lower, self.words))
        self.capitalised: list[bool] = list(map(str.isupper, map(itemgetter(0), self.words)))
        if "-" in text:  # "al-Bab", "Deir al-Balah": names behind an Arabic article
            for m in _HYPHEN_CAPITAL.finditer(text):  # few: a literal first is found fast
                k = bisect_right(self.starts, m.start()) - 1
                if k >= 0 and self.words[k][: m.start() - self.starts[k]] in ARABIC_ARTICLES:
                    self.capitalised[k] = True
        for elision in _ELISIONS:
            at = text.find(elision)
            while at >= 0:  # few: d'Ivoire (but also "could've", "'d'")
                end = at + 2
                if end < len(text) and text[end].isupper():
                    k = bisect_right(self.starts, at) - 1
                    if k >= 0 and self.words[k][: end - 1 - self.starts[k]].lower() in _ELIDED:
                        self.capitalised[k] = True
                at = text.find(elision, end)
        #: Indices of the capitalised words, where every name starts.
        self.caps: list[int] = list(compress(count(), self.capitalised))

    def span(self, i: int, j: int) -> str:
        """The text from word ``i`` to word ``j``, both included."""
        return self.text[self.starts[i] : self.ends[j]]

    def joined(self, k: int) -> bool:
        """Whether word ``k`` belongs to one name with the word before it: only spaces
        (or "St. ") between them."""
        gap = self.gaps[k]
        if gap == " " or (gap.isspace() and "\n" not in gap):
            return True
        before = self.words[k - 1]
        if gap == ". " and len(before) == 1 and before.isupper():
            return True  # a middle initial: "Bryon S. Baker"
        return self.lowers[k - 1] in _SHORTENED and gap.strip() == "." and self.capitalised[k - 1]

    def possessive(self, k: int) -> bool:
        """Whether word ``k`` takes a possessive "'s" (a word of its own here)."""
        return (k + 1 < len(self.words) and self.gaps[k + 1] in ("'", "’")
                and self.lowers[k + 1] == "s")

    def indices(self, vocabulary: Container[str]) -> list[int]:
        """Indices of the words that are in ``vocabulary`` once lowercased (found in C)."""
        return list(compress(count(), map(vocabulary.__contains__, self.lowers)))

    @cached_property
    def located(self) -> frozenset[str]:
        """Capitalised words right after a place cue ("in Tyler", but not a possessive:
        "in Noma's case"); only capitalised words start names, so only they are asked
        about."""
        n = len(self.words)
        return frozenset(self.words[k + 1] for k in self.indices(_PLACE_CUES)
                         if k + 1 < n and self.capitalised[k + 1] and self.joined(k + 1)
                         and not self.possessive(k + 1))


def listed_divisions(gazetteer: Gazetteer, keys: Iterable[str], plural: str,
                     ) -> tuple[list[list[Place]], Counter[tuple[str, str]]]:
    """Per folded name of a list before ``plural`` ("counties"), the second-level
    divisions called so ("Douglas County"), and how many of the names each first-level
    division (country, admin1) has one of: the list's state is the one most have."""
    unit = _DIVISION_PLURALS[plural]
    options = [[p for p, _ in gazetteer.lookup(f"{key} {unit}") if p.kind == "admin2"]
               for key in keys]
    votes = Counter(state for found in options
                    for state in {(p.country_code or "", p.admin1 or "") for p in found})
    return options, votes


def tokenize(text: str) -> list[_Token]:
    """The words of ``text``."""
    w = _Words(text)
    return list(map(_Token, w.starts, w.ends, w.words, w.capitalised, w.lowers))


def _after_comma(text: str, start: int) -> bool:
    """Whether a name follows "Word, " (the region of a "City, Region" pair)."""
    before = text[max(0, start - 3) : start]
    return before.endswith(", ") and before[0].isalpha()


_DATELINE_END = re.compile(r"\s*(?:,|\(|-|--|—|–|\x97)")
#: The same after a word in mixed case, where a comma or dash may start any sentence
#: ("Nice — but not for long"): an agency in brackets, or a region and a dash
#: ("London (CNN) --", "Kyiv, Ukraine (Reuters) -", "Reading, England —").
_MIXED_DATELINE_END = re.compile(
    r"[ \t]*\([A-Z][\w .&/-]*\)"
    r"|,[ \t]+[A-Z][\w.' ]{1,30}?[ \t]*(?:\([A-Z][\w .&/-]*\)|--|—|–|\x97|-(?=[ \t]))")
_LEADING_SPACE = re.compile(r"\s*")


#: A news agency in brackets, which marks an all-caps dateline after a byline on the
#: same line: "By Matthew Daly, Associated Press WASHINGTON (AP) -".
_AGENCY = re.compile(r"[ \t]*\([A-Z][A-Za-z]{1,11}\)")


def _dateline(text: str, start: int, end: int) -> bool:
    """Whether a common word opens a line as a dateline ("READING, England (Reuters) -",
    "Reading (CNN) --"), or follows a byline in capitals ("By Jo Bell, AP READING (AP)")."""
    line_start = (start == 0 or text[start - 1] == "\n"
                  or start <= _LEADING_SPACE.match(text).end())
    if not line_start:
        return text[start:end].isupper() and _AGENCY.match(text, end) is not None
    ending = _DATELINE_END if text[start:end].isupper() else _MIXED_DATELINE_END
    return ending.match(text, end) is not None


def _numbered(w: _Words, spans: list[Span], keys: Iterable[str]) -> list[Span]:
    """``spans`` with the numbered streets and roads of the text that overlap none of
    them, or only names inside the road's ("West" and "U.S." of "U.S. Route 1 West").
    ``keys``: the folded capitalised words of the text, at least (hashed already)."""
    if _NUMBERED_KEYS.isdisjoint(keys):
        return spans
    text, words, starts = w.text, w.words, w.starts
    found: dict[tuple[int, int], re.Match] = {}
    for k in w.caps:
        if words[k] in _NUMBERED_HEADS:  # a match starts at most 4 words before its head
            lo = starts[max(0, k - 4)]
            hi = starts[k + 3] if k + 3 < len(starts) else len(text)
            for m in _NUMBERED.finditer(text, lo, hi):
                found[m.span()] = m
    # one sweep (spans neither overlap nor are out of order, so their ends are sorted)
    ends = [s.end for s in spans]
    firsts = [s.start for s in spans]
    dropped: set[int] = set()
    roads: list[Span] = []
    for (start, end), m in sorted(found.items()):
        holds_last = False
        if roads and start < roads[-1].end:  # matches around different heads overlap
            if not start <= roads[-1].start:
                continue
            holds_last = True  # "West 16th Street" holds "16th Street"
        lo, hi = bisect_right(ends, start), bisect_left(firsts, end)
        if all(start <= s.start and s.end <= end for s in spans[lo:hi]):
            if holds_last:
                roads.pop()
            dropped.update(range(lo, hi))
            roads.append(Span(start, end, m.group()))
    if not roads:
        return spans
    kept = [s for k, s in enumerate(spans) if k not in dropped]
    return sorted([*kept, *roads], key=attrgetter("start"))


def _sentence_initial(text: str, start: int) -> bool:
    # closing quotes too: 'damage.” Most'; only the last characters are read (the whole
    # text before would make a long document's cost grow with its square)
    lo = max(0, start - 64)
    before = text[lo:start].rstrip(" \t\"'“‘(”’")
    if not before and lo:
        before = text[:start].rstrip(" \t\"'“‘(”’")  # a long run of spaces: look further
    return not before or before[-1] in ".!?\n:;—–" or before.endswith(" -")


def _after_saints_possessive(w: _Words, i: int) -> int | None:
    """The capitalised word after "St Peter's" (a saint's name in its possessive, at
    word ``i``), if a name follows it: "St Peter's Square", "St James' Park"."""
    n = len(w.words)
    if w.lowers[i] not in _SAINTS or i + 2 >= n or not w.joined(i + 1):
        return None
    name = i + 1
    if w.lowers[name] not in given_names():
        return None  # "St. Petersburg's Pulkovo": a town's possessive
    if w.possessive(name):
        after = name + 2
        if after >= n or w.gaps[after] != " ":
            return None
    elif w.gaps[name + 1] in ("' ", "\u2019 ") and w.lowers[name].endswith("s"):
        after = name + 1
    else:
        return None
    return after if w.capitalised[after] else None


def _candidates(w: _Words) -> dict[tuple[int, int], str]:
    """Runs worth looking up, (first, last) word index -> folded name, in order of first
    then last: capitalised at both ends, with only connectors ("of", "de") between."""
    found = {}
    n, gaps, capitalised, lowers = len(w.words), w.gaps, w.capitalised, w.lowers
    for i in w.caps:
        found[i, i] = fold(w.words[i])
        j = i + 1
        # One space, the usual gap, needs no call to joined.
        while j < n and j - i < MAX_TOKENS and (gaps[j] == " " or w.joined(j)):
            if capitalised[j]:
                found[i, j] = fold(w.span(i, j))
            elif lowers[j] not in _CONNECTORS:
                break
            j += 1
    return found


#: Words that introduce a name the gazetteer may lack: settlement nouns ("the village
#: of Kampungu", "Hurti, a village") and locatives ("ambushed near Banibangou").
#: Of them, the locatives ("in" only before a known place: "in Old Fangak in
#: Jonglei state").
_LOCATIVE_CUES = frozenset({"near", "in", "at"})
_NAME_CUES = _SETTLEMENTS | _LOCATIVE_CUES
#: Settlement nouns that introduce a name the gazetteer may lack after it ("Hurti, a
#: village in Bokkos") or before it ("Thayet Taw village").
_VILLAGE_NOUNS = frozenset({"village", "town", "hamlet", "township"})
#: Words that may stand between "a" and such a noun: "a small farming village".
_VILLAGE_ADJECTIVES = frozenset(
    """small tiny remote farming fishing mining market border frontier nearby neighbouring
    neighboring rural hilltop mountain desert riverside coastal little dusty sleepy
    predominantly mostly largely christian muslim""".split())
#: What follows an appositive settlement noun, so that the noun heads its own phrase
#: and is no modifier ("Smith, a town councillor"): where it lies, or whose it is.
_AFTER_SETTLEMENT_NOUN = frozenset(
    """in on at near of north south east west northeast northwest southeast southwest about
    some roughly around just close held controlled located situated that which where whose
    home along by from to and with after before during late early last this""".split())
#: Words right before "Name village": a locative, or a verb that takes a place.
_BEFORE_SETTLEMENT_NAME = frozenset(
    """in on at near into from to outside around entered attacked raided stormed struck hit
    bombed shelled reached captured""".split())


#: Words before "at" that make what follows a workplace or a firm, not a place.
_AT_WORK = frozenset(
    """strike strikes walkout workers employees staff miners jobs job shares stake analyst
    analysts executives executive managers manager union work worked works working
    production output operations plant mine factory company investment investors""".split())


def _in_known_division(w: _Words, j: int, known_ends: dict[int, int]) -> bool:
    """Whether the name ending at word ``j`` is followed by ", in" and a known place
    with a division's noun: "at Mansila, in Yagha province"."""
    k = j + 2
    if k >= len(w.words) or w.lowers[j + 1] != "in" or w.gaps[j + 1] != ", ":
        return False
    end = known_ends.get(k)
    return (end is not None and end + 1 < len(w.words) and w.gaps[end + 1] == " "
            and w.lowers[end + 1] in _DIVISION_WORDS)


def _named_before_settlement(w: _Words, k: int) -> int | None:
    """The last word of a capitalised name that settlement noun ``k`` tells the kind of,
    as an appositive ("Timirshe, a small village in the foothills") or right after it
    ("Thayet Taw village"), if any."""
    if w.lowers[k] not in _VILLAGE_NOUNS:
        return None
    n, lowers = len(w.words), w.lowers
    after = w.gaps[k + 1] if k + 1 < n else ""
    # the noun ends its phrase, or a word of where or whose it is follows it
    ends = after.strip() in (",", ".", ";")
    told = k + 1 < n and lowers[k + 1] in _AFTER_SETTLEMENT_NOUN
    if w.gaps[k] == " " and k > 0 and w.capitalised[k - 1]:
        return k - 1 if ends or not after.strip() and told else None
    a = k - 1
    for _ in range(2):  # "a small farming village"
        if a > 0 and lowers[a] in _VILLAGE_ADJECTIVES and w.gaps[a + 1] == " ":
            a -= 1
    if a < 1 or lowers[a] not in ("a", "an") or w.gaps[a] != ", " or not w.capitalised[a - 1]:
        return None
    return a - 1 if ends or after == " " and told else None


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
        self._prominences: dict[str, tuple[tuple, float]] = {}  # see _prominence
        if ner:
            from geomap import ner as _ner

            _ner._model()  # fail now, with the install hint, not on the first document

    def __call__(self, text: str) -> list[Span]:
        return self.recognize(text)

    def recognize(self, text: str) -> list[Span]:
        """Toponym spans in ``text``, in order, never overlapping."""
        w = _Words(text)
        keys, known = self._known_runs(w)
        blocked, bodies = self._blocked_tokens(w)
        kept, people, named = self._matches(w, keys, known, blocked)
        # "Union shares fell": the body's short name, as a surname would be (not a
        # people's or a big town's: "Palestinian Authority", "The Boston Globe")
        people |= {word for word in bodies if fold(word) not in demonyms()
                   and self._prominence(fold(word)) < 5}
        kept = self._cued(w, kept, blocked, w.indices(_NAME_CUES))
        spans = [Span(w.starts[i], end, text[w.starts[i] : end]) for i, j, end in kept
                 # a one-word name may be one the document uses for a person
                 if i != j or not self._person_here(w, i, end, keys[i, i], people, named, known)]
        if "-" in text:
            compounds = self._compounds(w, kept, blocked, keys, known)
            if compounds:
                spans = sorted([*spans, *compounds], key=attrgetter("start"))
        if "counties" in text or "parishes" in text:
            listed = self._listed_counties(w, spans, blocked)
            if listed:
                spans = sorted([*spans, *listed], key=attrgetter("start"))
        spans = _numbered(w, spans, keys.values())
        if self.ner:
            spans = self._ner_vote(text, spans)
        return spans

    def _known_runs(self, w: _Words) -> tuple[dict[tuple[int, int], str], set[str]]:
        """The folded names of the candidate runs (see :func:`_candidates`), and those of
        them the gazetteer or the demonyms know."""
        keys = _candidates(w)
        # Abbreviations end in a dot the token leaves out: "Springfield, Ill."
        dotted = {(i, j): key + "." for (i, j), key in keys.items()
                  if w.gaps[j + 1][:1] == "." and not w.words[j].endswith(".")}
        known = self.gazetteer.known([*keys.values(), *dotted.values()]) | (
            set(keys.values()) & demonyms().keys())
        for run, key in dotted.items():
            if key in known and _after_comma(w.text, w.starts[run[0]]):
                keys[run] = key
        if "-" in w.text:  # "Pétion-Ville", which the gazetteer writes Pétionville
            for run, key in keys.items():
                if key not in known and "-" in (span := w.span(*run)):
                    closed = self.gazetteer.key(span)
                    if closed != key:
                        keys[run] = closed
                        known.add(closed)
        return keys, known

    def _matches(self, w: _Words, keys: dict[tuple[int, int], str], known: set[str],
                 blocked: set[int]) -> tuple[list[tuple[int, int, int]], set[str], set[str]]:
        """Names taken left to right, each the longest known run or feature name at a
        capitalised word, as (first word, last word, end offset).

        Also returns the words the document uses in people's names and the prominent
        places' names it uses as given names (see :meth:`_remember_person`).
        """
        # First word -> last of its longest known run (keys are in order of i, then j).
        longest = {i: j for (i, j), key in keys.items() if key in known}
        kept: list[tuple[int, int, int]] = []
        people: set[str] = set()
        named: set[str] = set()
        dem = demonyms()
        n, capitalised = len(w.words), w.capitalised
        resume = 0  # the first word after the last name taken
        initial: list[tuple[int, str]] = []  # words the INITIAL verdict set aside
        for i in w.caps:  # every name starts with a capital
            if i < resume:
                continue
            best = longest.get(i)
            feature = self._feature(w, i) if i + 1 < n and capitalised[i + 1] else None
            if feature is not None and (best is None or feature > best) and blocked.isdisjoint(
                    range(i, feature + 1)):
                end = w.ends[feature]
                if w.gaps[feature + 1][:1] == "." and w.lowers[feature] in _ABBREVIATED:
                    end += 1  # "Collins Ave."
                kept.append((i, feature, end))
                resume = feature + 1
                continue
            if best is not None and not blocked.isdisjoint(range(i, best + 1)):
                # the longest known run ending before the body's name: "Dublin" of
                # "Dublin City Council", or through its first word if that makes the
                # name of a bigger town: "Kansas City" of "Kansas City Council" (but
                # "Boulder City Council" is Boulder's, not Boulder City's)
                body = min(blocked.intersection(range(i, best + 1)))
                best = next((j for j in range(body - 1, i - 1, -1)
                             if keys.get((i, j)) in known), None)
                if body > i and self._town_population(keys.get((i, body))) > (
                        -1 if best is None else self._town_population(keys[i, best])):
                    best = body
            if best is None:
                continue
            after = self._saints(w, i) if best == i + 1 else None
            if after is not None and w.lowers[after] in _SAINT_INSTITUTIONS:
                resume = after + 1  # "St. John's University": no place called St. John
                continue
            key = keys[i, best]
            if key in dem:
                verdict = KEEP if self.demonyms and capitalised[i] else REJECT
            else:
                verdict = self._verdict(w, i, best, key)
            if verdict == KEEP:
                dot = key.endswith(".") and not w.words[best].endswith(".")
                kept.append((i, best, w.ends[best] + (1 if dot else 0)))
            elif verdict == INITIAL:
                initial.append((i, key))
            resume = best + 1
            if verdict == PERSON:
                resume = self._remember_person(w, i, resume, people, named)
            elif verdict == SPEAKER:
                people.add(w.words[i])
        if initial:
            kept = self._one_sense(w, kept, initial, keys)
        return kept, people, named

    @staticmethod
    def _one_sense(w: _Words, kept: list[tuple[int, int, int]], initial: list[tuple[int, str]],
                   keys: dict[tuple[int, int], str]) -> list[tuple[int, int, int]]:
        """``kept`` plus the sentence-initial common words of ``initial`` (index, key)
        that the document puts on its own after "in" (or "near"...) elsewhere and never
        writes in lowercase (one sense per discourse): "... in London. London's murder
        tally fell" (but "Reading the report, ... in Reading" keeps the verb)."""
        n, lowers, capitalised = len(w.words), w.lowers, w.capitalised
        places = {keys[i, i] for i, j, _ in kept
                  if i == j and i > 0 and lowers[i - 1] in _IN_PLACE and w.joined(i)
                  and not (i + 1 < n and capitalised[i + 1] and w.joined(i + 1))}
        lowercase = None
        extra = []
        for i, key in initial:
            if key not in places or i + 1 < n and lowers[i + 1] in _ARTICLES:
                continue  # "Reading the report": a verb and its object
            if lowercase is None:
                lowercase = {word for word in w.words if word.islower()}
            if lowers[i] not in lowercase:
                extra.append((i, i, w.ends[i]))
        return sorted([*kept, *extra]) if extra else kept

    def _remember_person(self, w: _Words, first: int, resume: int, people: set[str],
                         named: set[str]) -> int:
        """Note in ``people`` and ``named`` the words of the person's name that words
        ``first`` to ``resume - 1`` are part of, and return the word after the name.

        The rest of the name goes too: "Paris Hilton" is not Hilton either.
        """
        capitalised, lowers, words = w.capitalised, w.lowers, w.words
        while first > 0 and capitalised[first - 1] and w.joined(first):
            first -= 1
        while resume < len(w.words) and capitalised[resume] and w.joined(resume):
            resume += 1
        name = range(first, resume)
        titled = [k for k in name if lowers[k].rstrip(".") in _TITLES]
        if titled:
            name = range(titled[-1] + 1, resume)  # "Indianapolis Mayor Greg Ballard"
        # "Director of Pupil Personnel Rhonda Welch"; a middle initial is no word of it
        name = [k for k in name if len(words[k]) > 1][-3:]  # ("Ashley L. Evans")
        if (len(name) >= 2 or titled and name) and not any(
                words[k].isupper() or lowers[k] in _FEATURE_HEADS for k in name):
            # Later mentions use the surname, sometimes the given name
            # (unless that is a town's name: "Dresden Zoo", "Ghent Altarpiece").
            people.update(words[k] for k in name[1:])
            if self._prominence(fold(words[name[0]])) < 5:
                people.add(words[name[0]])
            named.update(  # "Georgia Stevens" ... "Georgia began skating"
                words[a] for a, b in zip(name, name[1:], strict=False)
                if lowers[a] in given_names() and lowers[b] in surnames())
        return resume

    def _person_here(self, w: _Words, i: int, end: int, key: str, people: set[str],
                     named: set[str], known: set[str]) -> bool:
        """Whether the one-word name at word ``i`` is a person's, going by the rest of the
        document, which never puts it after "in" or "near" (:attr:`_Words.located`)."""
        word = w.words[i]
        if word not in people and word not in named and w.lowers[i] not in given_names():
            return False  # most names: nothing else in the document is a person's name
        before = w.lowers[i - 1] if i > 0 else ""
        person = (
            (word in people and not self._prominent(key))  # "Baker said" after "Tom Baker"
            # "Georgia Stevens" ... "Georgia began skating", "to Georgia's credit" (but
            # "in Georgia's capital")
            or (word in named and not (
                _after_comma(w.text, w.starts[i]) and not w.possessive(i)
                or before in _LOCATIVE and w.gaps[i] == " "
                and (before in _PLACE_CUES or not w.possessive(i))))
            or self._given_name_alone(w, i, end, key, known))
        if self._prominence(key) < 5 and self._listed_before_a_person(w, i):
            return True  # even after "of": "the deaths of Helen, ... and Randy Kunz"
        return person and word not in w.located and not self._before_its_region(w, i, end)

    def _listed_before_a_person(self, w: _Words, i: int) -> bool:
        """Whether the given name at word ``i`` starts or continues a list of given names
        that ends in a full name: "the deaths of Helen, Clarence, Irene, Marie and Randy
        Kunz", "Brent and Lynnette Hain" (a list of towns ends in none)."""
        n, words, lowers, gaps, capitalised = (len(w.words), w.words, w.lowers, w.gaps,
                                               w.capitalised)
        names = given_names()
        if lowers[i] not in names:
            return False
        k = i
        for _ in range(8):
            m = k + 1
            last = m < n and lowers[m] == "and" and gaps[m] in (" ", ", ")
            if last:
                m += 1
            elif not (m < n and gaps[m] == ", "):
                return False  # "the mayor of Sligo, Veronica Cawley" is no list
            if not (m < n and capitalised[m] and lowers[m] in names):
                return False
            if last:  # "... and Randy Kunz" (not "Troy and Allen Park")
                return (m + 1 < n and capitalised[m + 1] and gaps[m + 1] == " "
                        and not words[m + 1].isupper() and lowers[m + 1] not in _FEATURE_HEADS
                        and (lowers[m + 1] in surnames() or self._surname_like(w, m + 1))
                        and not self.gazetteer.lookup(fold(w.span(m, m + 1))))
            k = m
        return False

    def _given_name_alone(self, w: _Words, i: int, end: int, key: str, known: set[str]) -> bool:
        """A given name used on its own, not a big place's: "their first child, Hailey,"
        "his wife, Dora" (but "in Austin", "Austin, Texas")."""
        before = w.lowers[i - 1] if i > 0 else ""
        return (w.lowers[i] in given_names() and not w.words[i].isupper()
                and self._prominence(key) < 5
                and before not in _LOCATIVE and before not in _SHORTENED
                and not (_after_comma(w.text, w.starts[i]) and w.capitalised[i - 1])
                and not (i + 1 < len(w.words) and w.gaps[i + 1] == " "
                         and w.lowers[i + 1] in _TOWNSPEOPLE
                         and w.words[i + 1].islower())  # "the Alton man"
                and not (w.text[end : end + 2] == ", " and i + 1 < len(w.words)
                         and w.capitalised[i + 1] and fold(w.words[i + 1]) in known))

    def _before_its_region(self, w: _Words, i: int, end: int) -> bool:
        """Whether the one-word name at word ``i`` (ending at ``end``) is followed by a
        comma and the name of a state or country alone: "Tyler, Texas, was hit" (but
        not "Freeland, U.S. Trade Representative Robert Lighthizer" nor "Abbott,
        Texas's governor")."""
        k = i + 1
        if not (w.text[end : end + 2] == ", " and k < len(w.words) and w.capitalised[k]
                and not (k + 1 < len(w.words) and w.capitalised[k + 1] and w.joined(k + 1))
                and not w.possessive(k)):
            return False
        region = fold(w.words[k])
        return self._nation(region, "admin1") or (  # "Tyler, Tex., was hit"
            w.gaps[k + 1][:1] == "." if k + 1 < len(w.words) else w.text.endswith(".")
        ) and self._nation(region + ".", "admin1")

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

    def _cued(self, w: _Words, kept: list[tuple[int, int, int]], blocked: set[int],
              settlements: list[int]) -> list[tuple[int, int, int]]:
        """``kept`` plus names a settlement noun introduces ("the village of Kampungu")
        that the gazetteer rules passed over, and the document's other uses of them.

        ``settlements`` are the indices of the words that are such nouns.
        """
        taken: set[int] = set()
        for i, j, _ in kept:
            taken.update(range(i, j + 1))
        known_ends = {i: j for i, j, _ in kept}
        known_starts = known_ends.keys()
        found: dict[tuple[str, ...], int] = {}
        n, words, capitalised, lowers = len(w.words), w.words, w.capitalised, w.lowers
        for k in settlements:
            if capitalised[k]:
                continue
            if k < n - 2 and words[k + 1] == "of" and capitalised[k + 2] and w.joined(k + 2):
                i = j = k + 2  # "the village of Kampungu"
                while j + 1 < n and j - i < 3 and capitalised[j + 1] and w.joined(j + 1):
                    j += 1
            elif lowers[k] in _LOCATIVE_CUES:
                i = j = k + 1  # "clashed with militiamen in hills near Fataki", "a
                # hospital in Old Fangak in Jonglei state"
                if j >= n or not capitalised[j] or not w.joined(j) or w.possessive(j):
                    continue
                while j + 1 < n and j - i < 2 and capitalised[j + 1] and w.joined(j + 1):
                    j += 1
                if lowers[k] == "at" and k > 0 and lowers[k - 1] in _AT_WORK:
                    continue  # a firm: "the strike at Sibanye-Stillwater, in North West
                    # province", "workers at Mopani, in Copperbelt province"
                if lowers[k] != "near" and not (
                        lowers[k] == "in" and j + 2 < n and lowers[j + 1] in ("in", "near")
                        and w.gaps[j + 1] == " " and j + 2 in known_starts and w.joined(j + 2)
                        or _in_known_division(w, j, known_ends)):
                    continue  # "in" only before a known place it lies in ("at X in Y" is
                    # as often a firm: "an analyst at Mirae Asset Securities in Seoul"),
                    # "at" only before a division: "at Mansila, in Yagha province"
                if not distinctive(words[i:j + 1]) or w.possessive(j) or (
                        lowers[i] in given_names() or lowers[i] in surnames()):
                    continue  # (firms and famous people are common words: "near
                    # Walgreens", "in Tesla in California")
            elif (named := _named_before_settlement(w, k)) is not None:
                i = j = named  # "Sakoira, a farming village on the Niger", "Thayet Taw
                # village in Myinmu township"
                while i > 0 and j - i < 3 and capitalised[i - 1] and w.joined(i):
                    i -= 1
                if i > 0 and capitalised[i - 1] or all(map(is_common_word, words[i:j + 1])):
                    continue  # (a longer run, or ordinary words: "Olympic village")
                if j == k - 1 and not (i > 0 and w.gaps[i] == " "
                                       and w.lowers[i - 1] in _BEFORE_SETTLEMENT_NAME):
                    continue  # right before its noun, a name needs a locative before it
            else:
                continue
            run = range(i, j + 1)
            if (not taken.isdisjoint(run) or not blocked.isdisjoint(run)
                    or w.lowers[i] in _CALENDAR or w.lowers[i] in _TITLES or w.lowers[i] == "the"
                    or fold(w.span(i, j)) in demonyms()):
                continue
            found[tuple(words[i : j + 1])] = j - i + 1
        if not found:
            return kept
        extra = []
        heads = {name[0] for name in found}
        for i in compress(count(), map(heads.__contains__, words)):
            if i in taken:
                continue
            for name, size in found.items():
                j = i + size - 1
                if (name[0] == words[i] and j < n and tuple(words[i : j + 1]) == name
                        and taken.isdisjoint(range(i, j + 1))
                        and (j + 1 == n or not (capitalised[j + 1] and w.joined(j + 1)))):
                    extra.append((i, j, w.ends[j]))
                    taken.update(range(i, j + 1))
                    break
        return sorted([*kept, *extra])

    def _compounds(self, w: _Words, kept: list[tuple[int, int, int]], blocked: set[int],
                   keys: dict[tuple[int, int], str], known: set[str]) -> list[Span]:
        """The places a hyphen joins into one word that no name of the document takes:
        prominent places or peoples ("Russia-Turkey ties", "the India-Pakistan border",
        "Egyptian-US relations"; towns so joined are as often people and firms:
        "Zeta-Jones", "Harley-Davidson"), and a legislator's town after the party,
        "Rep. Ford, D-Charleston"."""
        hyphened = [i for i in w.caps if "-" in w.words[i]]
        if not hyphened:
            return []
        taken = {k for i, j, _ in kept for k in range(i, j + 1)}
        words: list[tuple[bool, list[tuple[int, str]]]] = []  # (party?, [(offset, part)])
        for i in hyphened:
            word = w.words[i]
            if i in taken or i in blocked or keys.get((i, i)) in known:
                continue
            parts, at = [], w.starts[i]
            for part in word.split("-"):
                parts.append((at, part))
                at += len(part) + 1
            party = len(parts) == 2 and parts[0][1] in ("D", "R", "I") and (
                w.gaps[i][-2:] in (", ", " ("))
            if party:
                parts = parts[1:]
            if all(part[:1].isupper() and len(part) > 1 and part.lower() not in _SHORTENED
                   for _, part in parts):  # (not "Minneapolis-St. Paul")
                words.append((party, parts))
        if not words:
            return []
        dem = demonyms()
        places = self.gazetteer.known([fold(p) for _, parts in words for _, p in parts])
        spans = []
        for party, parts in words:
            keys_ = [fold(part) for _, part in parts]
            if not all(key in places or key in dem for key in keys_):
                continue
            if party or all(key in dem or self._prominent(key) for key in keys_):
                spans += [Span(at, at + len(part), part)
                          for (at, part), key in zip(parts, keys_, strict=True)
                          if key not in dem]
        return spans

    def _listed_counties(self, w: _Words, spans: list[Span], blocked: set[int]) -> list[Span]:
        """The names of a list before "counties" or "parishes" that the rules passed over
        but that name such a division ("Dakota, Otoe and Washington counties", "Muscogee
        and Harris counties"): the plural says what each name is, surname or not.

        Only lists of two or more names; the resolver places them all in one state.
        """
        lowers, capitalised, gaps = w.lowers, w.capitalised, w.gaps
        starts = [s.start for s in spans]
        extra = []
        for k in w.indices(_DIVISION_PLURALS):
            items: list[tuple[int, int]] = []
            end = k - 1
            conjunction = False
            while end >= 0 and capitalised[end] and gaps[end + 1] in (" ", ", "):
                first = end
                while (first > 0 and end - first < 2 and capitalised[first - 1]
                       and gaps[first] == " "):
                    first -= 1  # "Fort Bend"
                items.insert(0, (first, end))
                gap = gaps[first]
                if gap == ", " and first > 0:
                    end = first - 1
                elif (not conjunction and first >= 2 and lowers[first - 1] in ("and", "or")
                      and gap == " " and gaps[first - 1] in (" ", ", ")):
                    conjunction = True
                    end = first - 2
                else:
                    break
            if len(items) < 2:
                continue
            options, votes = listed_divisions(
                self.gazetteer, [fold(w.span(i, j)) for i, j in items], lowers[k])
            ranked = votes.most_common(2)
            if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
                continue  # no state most of them share: "Brown, Green and Otoe counties"
            state = ranked[0][0]  # the state most of them are in
            for (i, j), found in zip(items, options, strict=True):
                start, stop = w.starts[i], w.ends[j]
                if all((p.country_code or "", p.admin1 or "") != state for p in found) or (
                        not blocked.isdisjoint(range(i, j + 1))):
                    continue  # "Brown, Green and White counties in Wisconsin": no White
                at = bisect_left(starts, start)
                if at < len(spans) and spans[at].start < stop or at and spans[at - 1].end > start:
                    continue  # overlaps a name the rules took: "Small Hitchcock"
                extra.append(Span(start, stop, w.text[start:stop]))
        return extra

    def _feature(self, w: _Words, i: int) -> int | None:
        """Last word of a street or feature name starting at word ``i``, if any:
        :meth:`_plain_feature`, or a landmark after a saint ("St Peter's Square")."""
        after = self._saints(w, i)
        if after is not None and (w.lowers[after] in _FEATURE_HEADS
                                  or w.lowers[after] in _SAINT_LANDMARKS):
            return after
        return Recognizer._plain_feature(w, i)

    def _saints(self, w: _Words, i: int) -> int | None:
        """:func:`_after_saints_possessive`, unless a longer name follows the possessive
        of a big town's name ("St. Louis' Forest Park", "St. Paul's University Avenue":
        the town's; but "St. Paul's Hospital", "St. Paul's Cathedral": the saint's)."""
        after = _after_saints_possessive(w, i)
        if after is None:
            return None
        longer = after + 1 < len(w.words) and w.capitalised[after + 1] and w.joined(after + 1)
        if longer and self._saint_town_population(fold(w.span(i, i + 1))) >= (
                SAINT_TOWN_POPULATION):
            return None
        return after

    def _saint_town_population(self, key: str) -> int:
        """The population of the biggest town whose own name, with "Saint" shortened,
        is the folded ``key`` ("st. louis": Saint Louis, Missouri; not St. John's of
        "st john")."""
        short = _SAINT_WORD.sub(lambda m: _SAINT_SHORT[m.group()], key.replace(".", ""))
        return max((place.population for place, _ in self.gazetteer.lookup(key)
                    if place.kind == "city" and _SAINT_WORD.sub(
                        lambda m: _SAINT_SHORT[m.group()], fold(place.name)) == short),
                   default=-1)

    @staticmethod
    def _plain_feature(w: _Words, i: int) -> int | None:
        """Last word of a street or feature name starting at word ``i``, if any.

        "Royal Street", "Van Dorn Street", "Lake Cunningham", "Mount Hood": capitalised
        words ending in (or, for lakes and mountains, starting with) a feature word.
        A bare head ("the Street") or a sentence-initial "The" or "At" does not count.  All such
        names have two capitalised words, so the caller asks only when word ``i + 1`` is
        capitalised (most words stop there).
        """
        first, lower = w.words[i], w.lowers[i]
        if not w.capitalised[i] or lower in _CALENDAR or lower in _TITLES:
            return None
        if first.isupper() and len(first) > 1 or lower == "the" or lower in _NO_NAME_START and (
                _sentence_initial(w.text, w.starts[i])):
            return None  # "At Royal Street", "No Great Ocean Road": the name starts next
            # (but "My Dinh Stadium", "the To Lich River")
        n, capitalised, lowers = len(w.words), w.capitalised, w.lowers
        j = i
        while j + 1 < n and j - i < 4 and capitalised[j + 1] and w.joined(j + 1):
            j += 1
            if lowers[j] in _FEATURE_HEADS and j + 1 < n and not (
                    capitalised[j + 1] and w.joined(j + 1)):
                return j
            if lowers[j] in _FEATURE_HEADS and j + 1 == n:
                return j
        if lower in _FEATURE_PREFIXES and j > i and j - i <= 2:
            return j
        return None

    def _blocked_tokens(self, w: _Words) -> tuple[set[int], set[str]]:
        """Word indices inside a known institution or organisation name, and the first
        words of those of two words or more: the document may go on to call the body by
        it ("Delta Air Lines ... Delta has been flying")."""
        names, prefixes = non_places(), _non_place_prefixes()
        blocked: set[int] = set()
        heads: set[str] = set()
        n = len(w.words)
        for i in w.caps:  # where such names start
            if not _heads_non_place(w.words[i]):
                continue
            for j in range(i, min(n, i + MAX_TOKENS)):
                if j > i and not w.joined(j):
                    break
                name = fold(w.span(i, j))
                if name not in prefixes:
                    break  # no longer run is one either ("The government said")
                if name in names:
                    blocked.update(range(i, j + 1))
                    if j > i:
                        heads.add(w.words[i])
        return blocked, heads

    def _prominence(self, key: str) -> float:
        """log10 population of the most prominent place with this name (countries +1).

        Remembered while the gazetteer answers the same for the name (user places make
        a new answer): names such as "China" or "India", also given names, are asked
        about in most documents and have many places.
        """
        places = self.gazetteer.lookup(key)
        held = self._prominences.get(key)
        if held is not None and held[0] is places:
            return held[1]
        best = 0.0
        common = zipf(key) >= STRAY_ZIPF
        for place, flags in places:
            broad = place.kind in _BROAD
            if not (flags & 3 or broad or place.id.startswith("curated:")) and common and (
                    not resembles(key, fold(place.name))):
                continue  # a stray alternate: "Region" (Calabarzon), "York" (Warner Robins)
            best = max(best, math.log10(place.population + 1) + broad)
        if len(self._prominences) >= PROMINENCES_KEPT:
            self._prominences.clear()
        self._prominences[key] = (places, best)
        return best

    def _town_population(self, key: str | None) -> int:
        """The population of the biggest town of this very name, -1 if none (Kansas
        City; not Dublin City, an admin2 and an alias of Dublin)."""
        if key is None:
            return -1
        return max((place.population for place, _ in self.gazetteer.lookup(key)
                    if place.kind == "city" and fold(place.name) == key), default=-1)

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

    def _ordinary_word(self, lower: str, key: str, floor: float = COMMON_ZIPF) -> bool:
        """A common English word more than a place name: "Split", "Nice", "Reading".

        wordfreq does not separate proper nouns, so a frequent word still counts as a
        place when a place of that name is prominent enough (Moscow, China, Georgia).
        ``floor``: how frequent the word must be at least.
        """
        z = zipf(lower)
        return z >= floor and self._prominence(key) < 2 * (z - 3) + 3

    @staticmethod
    def _partner(w: _Words, i: int, j: int) -> bool:
        """Whether the name is one of two family names joined by "&" (a firm's name)."""
        if i > 0 and w.gaps[i] == " & ":
            other = i - 1
        elif j + 1 < len(w.words) and w.gaps[j + 1] == " & ":
            other = j + 1
        else:
            return False
        return w.capitalised[other] and w.lowers[other] in surnames()

    @staticmethod
    def _surname_like(w: _Words, k: int) -> bool:
        """Whether word ``k``, after a given name, reads as a surname the lists lack
        ("Sofia Petrov", "Diana Krall"): no common word, and it ends the name without
        a plural's "s" ("Jordan Juniors", "Alberta Liquor Store Association" are teams
        and bodies of a place)."""
        return (not is_common_word(w.words[k]) and not w.lowers[k].endswith("s")
                and not (k + 1 < len(w.words) and w.capitalised[k + 1] and w.joined(k + 1)))

    @staticmethod
    def _speakers_there(w: _Words, i: int) -> bool:
        """Whether a preposition puts the speakers in the place named at word ``i``:
        "officials in Bakhmut said", "the mayor of Bakhmut said", "Mark Kitsmore, 54, of
        Tyler said", or before a list of names joined by commas and a last "and" before
        it ("officials in Sloviansk and Druzhkivka said")."""
        start = i  # first word of the list item
        while True:
            k = start - 1
            if k < 0:
                return False
            if w.lowers[k] in _WHERE_SPEAKERS_ARE or w.lowers[k] == "of" and (
                    k >= 1 and w.lowers[k - 1] in _PEOPLE_OF or _AGE.fullmatch(w.gaps[k])):
                return True
            if w.lowers[k] in ("and", "or") and k >= 1 and w.capitalised[k - 1]:
                start = k - 1
            elif w.gaps[start] == ", " and w.capitalised[k] and start != i:
                start = k  # "in Boston, Tyler said" is no list: it ends in "and"
            else:
                return False
            while start >= 1 and w.capitalised[start - 1] and w.gaps[start] == " ":
                start -= 1  # "Chasiv Yar"

    def _verdict(self, w: _Words, i: int, j: int, key: str) -> str:
        """KEEP a gazetteer match of words ``i`` to ``j``, or say why its context
        rejects it."""
        text, words, lowers, capitalised, gaps = w.text, w.words, w.lowers, w.capitalised, w.gaps
        first, start = words[i], w.starts[i]
        # The words before and after, in one name (a single space needs no call to joined).
        prev = i - 1 if i > 0 and (gaps[i] == " " or w.joined(i)) else None
        nxt = j + 1 if j + 1 < len(words) and (gaps[j + 1] == " " or w.joined(j + 1)) else None
        if nxt is not None and gaps[nxt + 1][:1].isdigit():
            nxt = None  # a code, not a name's next word: "London W1D 4HT", "Kyiv M06"
        single = i == j
        if single and lowers[i] in _CALENDAR:
            return REJECT
        if (single and lowers[i] in _COMPASS_ADJECTIVES and nxt is not None
                and words[nxt].islower() and lowers[nxt] not in _DIVISION_WORDS):
            return REJECT  # an adjective: "accusing Western powers", "Northern leaders"
            # (not "Western province", nor "in the Western Province")
        if single and lowers[i] in _TITLES and nxt is not None and capitalised[nxt]:
            return REJECT  # a title before a name: "State Trooper David Lavoice"
        after = gaps[j + 1][:1]  # the character after the name ('' if a word)
        if single and after == "." and lowers[i] in _TITLES:
            return REJECT  # "Sen. Rand Paul", "Rev. Al Green"
        if (w.possessive(j) and j + 2 < len(words) and words[j + 2] == "Day"
                and not (j + 3 < len(words) and lowers[j + 3] == "of")
                and not self._nation(key, "admin1")):
            return REJECT  # feasts and holidays: "St. Patrick's Day", "St George's Day"
            # (not "Russia's Day of National Unity")
        if after == "$" or gaps[i][-1:] == "$":
            return REJECT  # currencies: US$10, $US4.5 billion
        if key.endswith(".") and text[max(0, start - 3) : start].rstrip()[-1:].isdigit():
            return REJECT  # eras: "300 B.C."
        if self._partner(w, i, j):
            return REJECT  # firms: "Stevens & Wilkinson"
        if nxt is not None and lowers[nxt] in _DISEASE:
            return REJECT  # "West Nile virus", "Marburg fever"
        if not capitalised[i] or (len(first) < 3 and not first.isupper()
                                  and not key.endswith(".")
                                  and single):
            return REJECT  # "Ga." after a comma is Georgia, a bare "Ga" nothing;
            # a longer name may start short (El Paso, La Paz, St. Louis, Da Nang)
        k = i
        while k > 0 and capitalised[k - 1] and w.joined(k):
            k -= 1
            if lowers[k].rstrip(".") in _TITLES:
                return PERSON  # President Lincoln, Sheriff Tom Baker
        if k > 0 and lowers[k - 1] in _TITLES and gaps[k] == ". ":
            return PERSON  # Sen. Rand Paul, Gov. Jerry Brown
        if (prev is not None and len(words[prev]) == 1 and words[prev].isupper()
                and gaps[i] == ". "):
            return PERSON  # a middle initial: "Ashley L. Evans"
        if (i >= 2 and lowers[i - 1] in _NAME_PARTICLES and gaps[i] == " "
                and gaps[i - 1] == " " and capitalised[i - 2]
                and lowers[i - 2] in given_names()):
            return PERSON  # a family name after its particle: "Eduardo del Castillo",
            # "Andre De Grasse" (whole names such as "Santiago de Chile" match first)
        if (single and nxt is not None and lowers[nxt] in _OFFICE_TERMS and i > 0
                and lowers[i - 1] == "the" and not self._prominent(key)):
            return PERSON  # "the Bush administration", "the Lincoln years"
        # A capitalised word before the name is part of it ("Lockheed Martin"), unless
        # it is an English word capitalised only because a sentence or heading starts
        # with it ("Introducing Mongolia", "In London").
        prev_name = prev is not None and capitalised[prev] and not (
            _sentence_initial(text, w.starts[prev]) and zipf(lowers[prev]) >= HEADLINE_ZIPF)
        if prev_name and not is_common_word(words[prev]) and not (
                words[prev].isupper() and "." not in words[prev] and not first.isupper()
                and not self._ordinary_word(lowers[i], key) and self._prominence(key) >= 5):
            return PERSON  # Lockheed Martin, Steve Jordan (but CTV Edmonton, BBC Scotland)
        if (prev is not None and capitalised[prev] and lowers[prev] in given_names()
                and not self._prominent(fold(words[prev]))):
            return PERSON  # Dick Cheney, Kevin George Baker
        if (single and i >= 2 and lowers[i - 1] == "of" and lowers[i - 2] in _KIN
                and lowers[i] in given_names() and gaps[i] == " " and gaps[i - 1] == " "
                and not self._prominent(key)):
            return PERSON  # "the son of Riley and Eva Mae Mitchell"
        if single and prev is not None and capitalised[prev] and lowers[i] in _ORG_HEADS:
            return REJECT  # the paper's name, not Herald, California: "New Zealand Herald"
        if nxt is not None and capitalised[nxt]:
            if lowers[nxt] in _ORG_HEADS or lowers[nxt] == "hall" and lowers[j] not in _TOWNS:
                return REJECT  # Texas Instruments-like organisation names, a building
                # called after someone: "Hamilton Hall" (but "Hanover Town Hall")
            if (single and lowers[i] in given_names()
                    and (lowers[nxt] in surnames() or self._surname_like(w, nxt))
                    and not words[nxt].isupper() and not self._prominent(fold(words[nxt]))):
                return PERSON  # Georgia Stevens, Jordan Smith, Sofia Petrov
            if (single and not words[nxt].isupper()
                    and (not is_common_word(words[nxt]) or lowers[nxt] in given_names())
                    and not self._ordinary_word(lowers[i], key)
                    and not self._nation(key, "admin1")
                    and not self._nation(fold(words[nxt]), "admin1")):
                return PERSON  # Vladimir Putin, Paris Hilton (not "South Arlington", nor
                # a town before its region: "Maiduguri Borno State", "Paris Texas")
        # what marks a mid-frequency word as a town: its region after a comma ("Tyler,
        # Texas"), a body or people of the town after it ("Norman police", "Tyler ISD",
        # "Ferguson Mayor"), a direction before it ("East Tyler", "Downtown Tyler")
        townish = (nxt is not None and (
                       lowers[nxt] in _TOWN_BODIES
                       or lowers[nxt] in _TOWNSPEOPLE and words[nxt].islower()
                       or lowers[nxt] in _TOWN_BODY_HEADS and nxt + 1 < len(words)
                       and lowers[nxt + 1] in _TOWN_BODY_TAILS
                       or len(words[nxt]) == 2 and words[nxt].isupper()  # "Tyler TX"
                       and gaps[nxt + 1][:1] != ".")
                   or prev is not None and lowers[prev] in _TOWN_PARTS
                   or single and self._before_its_region(w, i, w.ends[j])
                   # a dateline: "Tyler - A tornado ..."
                   or (start == 0 or text[start - 1] == "\n")
                   and _DASH_DATELINE.match(text, w.ends[j]) is not None)
        if (single and not first.isupper() and _sentence_initial(text, start)
                and not townish and not self._ordinary_word(lowers[i], key)
                and self._ordinary_word(lowers[i], key, INSIDE_ZIPF)
                and not _dateline(text, start, w.ends[j]) and not self._nation(key)):
            return INITIAL  # "Needle exchange programs", "Visa requirements": kept only
            # if the document puts the word after "in" elsewhere
        if (single and not first.isupper() and nxt is not None and capitalised[nxt]
                and (lowers[nxt] in _TOWN_OFFICES or lowers[nxt] in ("city", "county")
                     and nxt + 1 < len(words) and lowers[nxt + 1] in ("council", "commission"))
                and lowers[i] not in _OFFICE_MODIFIERS and zipf(lowers[i]) < FUNCTION_ZIPF):
            return KEEP  # its mayor or council: "former Atlanta Mayor Kasim Reed",
            # "Chicago Mayor Rahm Emanuel", "Reading Borough Council", "Tyler City Council"
        if single and self._ordinary_word(lowers[i], key):
            # A common word at a sentence start, in all caps, or inside a longer
            # capitalised name is most likely just the word ("Split decisions",
            # "READING LIST", "United Launch Alliance"); elsewhere too unless a
            # preposition says a place follows ("the University", but "in Reading").
            if _sentence_initial(text, start) or first.isupper():
                if _dateline(text, start, w.ends[j]):
                    return KEEP  # "READING, England (Reuters) -"
                if (nxt is not None and words[nxt].islower() and (
                        lowers[nxt] in _TOWNSPEOPLE or lowers[nxt] in _TOWN_BODIES)
                        and lowers[i] not in _PEOPLE_MODIFIERS
                        and self._prominence(key) >= 5):
                    return KEEP  # a big town's people or bodies: "Miami man gets 17
                    # years", "London residents can reach", "Boston police said"
                return REJECT if first.isupper() else INITIAL
            if prev_name or (nxt is not None and capitalised[nxt]):
                return REJECT
            if (prev is None or lowers[prev] not in _LOCATIVE) and self._prominence(key) < 5:
                return REJECT
            if prev is not None and lowers[prev] in _DETERMINERS and self._only_divisions(key):
                return REJECT  # "the Centre said", "the North's peace process"
        if (single and j + 2 < len(words) and gaps[j + 1] == " " and gaps[j + 2] == " "
                and lowers[j + 1] in _OF_CONNECTORS and capitalised[j + 2]
                and self._prominence(key) < 5):
            return REJECT  # the head of a longer name: "Stade de France", "Bank of Ireland"
        if single and not townish and (
                prev_name or nxt is not None and capitalised[nxt]
                or i >= 3 and lowers[i - 1] == "the" and lowers[i - 2] == "of"
                and capitalised[i - 3] and gaps[i] == gaps[i - 1] == " ") and (
                self._ordinary_word(lowers[i], key, INSIDE_ZIPF)):
            return REJECT  # a less common word inside a longer name: "Island Cottage"
            # (a restaurant), "Continental Real Estate", "Naval Criminal Investigative",
            # "the Volunteers for the Defence of the Homeland"
        if (single and nxt is not None and lowers[nxt] in _SPEECH and not self._prominent(key)
                and not self._speakers_there(w, i)):
            return PERSON  # "Baker said": people speak, towns rarely do (but "officials
            # in Bakhmut said": the speakers are there)
        if (single and i > 1 and lowers[i - 1] in _SAID and gaps[i] == " "
                and gaps[i - 1].rstrip()[-1:] in _CLOSING_QUOTES
                and not self._prominent(key) and (gaps[j + 1][:1] in (".", "") or (
                    gaps[j + 1][:1] == "," and not (j + 1 < len(words) and capitalised[j + 1])))):
            return SPEAKER  # '"...," said Noma.' (but "said Tyler, Texas, was hit")
        if single and first.isupper() and len(first) <= 4 and not any(
            flags & 2 or ((flags & 1 or "." in key and not (nxt is not None and capitalised[nxt]))
                          and (place.population >= 100_000
                               or place.kind in ("country", "admin1")))
            for place, flags in self.gazetteer.lookup(key)
        ):
            return REJECT  # acronyms (NATO, EU) unless a curated short form, a real city
            # or a big place's dotted short form ("L.A.")
        return KEEP
