"""Sentence-level event extraction: what happened, where, when and how many died.

One pass per sentence: find trigger phrases from ``geomap/data/event_vocab.csv`` (the
vocabulary is data so users can extend it), drop triggers stated as negated,
hypothetical or future ("would discuss a cease-fire", "denied ... was under control"),
link each remaining event type to the best literal place mention, date it with the
nearest date expression (else the publication date), read fatality and injury counts,
and merge duplicates within the document.

Place links beyond the trigger's clause: a definite description ("the port city", "the
capital", "the town's ...") refers back to the place named earlier with that noun; "from
X" is an origin, not a location, for aid and people on the move; "in eastern Ukraine"
narrows to an earlier-named place of that country lying east; violence in a lede with no
place of its own goes to the dateline's town.  Dates across a coordinated verb ("annexed
... in 2014 and recognized ... last month") belong to the other verb.  Actors are the
noun phrases of the trigger's clause naming a group ("Russian forces", "police"), not
the speakers quoted.  Merging keeps one event per (type, place, date) with every
sentence that tells it (:func:`merge_events` does the same across documents).

Irrealis statements are left out entirely rather than kept with a flag: a map of things
that did not (yet) happen misleads more than it informs, and ``Event`` has no field to
carry the distinction.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
import warnings
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, cached_property, lru_cache, partial
from importlib import resources
from itertools import product
from typing import NamedTuple

from gazetteer.model import Place
from gazetteer.rank import contains
from gazetteer.text import fold
from geomap.dates import (
    SMALL_NUMBERS,
    WEEKDAYS,
    find_dates,
    folds_like_ascii,
    publication_event_date,
)
from geomap.model import Document, Event, EventDate, Mention
from geomap.recognize import demonyms
from geomap.resolve import FOCUS_CONFIDENCE, POSSESSIVE_GAP

__all__ = ["Trigger", "extract_events", "find_actors", "find_counts", "load_vocabulary",
           "merge_events", "split_sentences"]

#: Families whose events are still mapped at the paragraph's last place when their own
#: sentence names none ("Shelling continued overnight." after "... in Kharkiv.").
PARAGRAPH_FALLBACK = frozenset(
    {"battles", "explosions_remote_violence", "violence_against_civilians", "riots"})
#: Families that describe the conflict as a whole; with no place of their own they go to
#: the document's main country (a UN toll, a million refugees).
DOCUMENT_FALLBACK = frozenset({"casualties_report", "displacement", "humanitarian"})
#: Families that take a sentence's fatality counts ("shelling killed 12") instead of
#: leaving them to a separate casualties_report.
VIOLENT = PARAGRAPH_FALLBACK
#: Events below this confidence are dropped: a weak trigger with a distant place.
MIN_CONFIDENCE = 0.25

# Place-link factors, multiplied into the event confidence.
_SAME_CLAUSE_LOCATIVE, _SAME_CLAUSE, _LOCATIVE, _SENTENCE = 1.0, 0.85, 0.7, 0.55
_PARAGRAPH, _DOCUMENT, _ANAPHOR, _DATELINE = 0.5, 0.5, 0.7, 0.45
_DATED, _PUBLICATION, _UNDATED = 1.0, 0.85, 0.8


@dataclass(frozen=True, slots=True)
class Trigger:
    """One vocabulary row: a phrase that signals an event type."""

    event_type: str
    sub_event_type: str | None
    regex: re.Pattern
    weight: float
    needs: frozenset[str]  # "count": only with a casualty count; "locative": "in X" only
    pattern: str = ""  # the CSV pattern, whitespace-normalised, without word boundaries


# ------------------------------------------------------------------------ vocabulary

def _body(pattern: str) -> str:
    """Any run of whitespace where the CSV has a space ("air ?strikes?": optional)."""
    return pattern.strip().replace(" ?", r"\s*").replace(" ", r"\s+")


def _compile(pattern: str) -> re.Pattern:
    """Whole words only, case-insensitive."""
    return re.compile(rf"(?<![\w-])(?:{_body(pattern)})(?![\w-])", re.IGNORECASE)


def _read_vocabulary(text: str) -> tuple[Trigger, ...]:
    """Parse vocabulary CSV text; a broken row is skipped with a warning, not fatal."""
    rows = []
    for line, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        pattern = (row.get("pattern") or "").strip()
        event_type = (row.get("event_type") or "").strip()
        if not pattern or not event_type or event_type.startswith("#"):
            continue
        try:
            trigger = Trigger(event_type, (row.get("sub_event_type") or "").strip() or None,
                              _compile(pattern), float(row.get("weight") or 0.5),
                              frozenset(re.split(r"[|; ]+", (row.get("needs") or "").strip()))
                              - {""}, _body(pattern))
        except (re.error, ValueError) as exc:
            warnings.warn(f"event vocabulary line {line} skipped: {exc}", stacklevel=2)
            continue
        rows.append(trigger)
    return tuple(rows)


@lru_cache(maxsize=1)
def load_vocabulary() -> tuple[Trigger, ...]:
    """The packaged trigger vocabulary, read once per process.

    Returns
    -------
    tuple of Trigger
        One per row of ``geomap/data/event_vocab.csv`` (columns ``event_type``,
        ``sub_event_type``, ``pattern``, ``weight``, ``needs``).  ``pattern`` is a
        lowercase phrase or a Python regex, matched case-insensitively on word
        boundaries; wrap a part in ``(?-i:...)`` to make it case-sensitive.  ``needs``:
        ``count`` (only with a casualty count in the sentence), ``locative`` (only at a
        place introduced by "in/at/near..."), ``anaphor`` (a back-reference such as "a
        second raid": the event takes the type of the document's last violent event,
        and is dropped when there is none), ``people`` (only where the sentence names a
        population: "residents fled", not "the suspect fled"), ``armed`` (only where
        the sentence names armed actors: "troops raided", not "police raided"),
        ``official`` (not after a private visitor: "an aid worker who visited"),
        ``protest`` (only where the sentence names a protest or protesters),
        ``rally`` (not a rally in prices: no market without people in the sentence),
        ``nolabour`` (not talks or strikes of a labour dispute), ``victims`` (people
        named before the trigger: "pupils were seized from"), ``state`` (state forces
        named before it: "troops killed 12 militants"), ``fighters`` (armed men of no
        state named before it: "gunmen were killed by soldiers"), ``civilian`` and
        ``soldier`` (the sentence names no soldier, or one: sniper fire at a soldier is a
        battle).  A row whose
        ``event_type`` starts with ``#`` is a comment.
    """
    text = resources.files("geomap").joinpath("data/event_vocab.csv").read_text("utf-8")
    return _read_vocabulary(text)


# ------------------------------------------------------------------------- sentences

#: Abbreviations after which a period does not end a sentence (titles, months, Co.).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gov govs gen gens lt col sgt capt cpl pvt sen sens rep reps st jr sr "
    "prof rev adm maj cmdr cdr brig supt insp pres amb det no nos vs etc inc ltd co corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd rd fig approx dept "
    "est vol op cf al".split())
#: Capitalised words that start a new sentence after a dotted abbreviation ("U.S. The").
_STARTERS = frozenset(
    "the a an it he she they we i this that these those but and in on at after before "
    "meanwhile however there his her their its our officials police".split())

_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*")
_PREV_TOKEN = re.compile(r"([\w.\-']+)$")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank-line paragraphs when the text has them (hard-wrapped files), else lines."""
    sep = re.compile(r"\n[ \t]*\n\s*") if re.search(r"\n[ \t]*\n", text) else re.compile(r"\n")
    spans, pos = [], 0
    for m in sep.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [s for s in (_strip(text, a, b) for a, b in spans) if s[1] > s[0]]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _token_before(text: str, end: int) -> str:
    """The word (with dots, hyphens, apostrophes) ending at ``end``, from at most 40
    characters back.  Most are short, and a 12-character window that holds the whole
    word (it starts past the window's edge) gives the 40-character search's answer at a
    third of the cost: the pattern is tried from every position of the window."""
    short = max(0, end - 12)
    m = _PREV_TOKEN.search(text, short, end)
    if m is not None and m.start() == short > 0:
        m = _PREV_TOKEN.search(text, max(0, end - 40), end)  # the word may go on
    return m.group(1) if m else ""


def _is_boundary(text: str, punct: re.Match, limit: int) -> bool:
    """Does this run of ``.!?`` (plus closing quotes) end a sentence?"""
    after = punct.end()
    if after >= limit:
        return True
    token = _token_before(text, punct.start())
    nxt = text[after]
    if not nxt.isspace():
        # "Pentagon.It": a word, a period, then a capitalised word glued on.
        return (punct.group(0) == "." and len(token) >= 2 and token[-1].islower()
                and "." not in token and nxt.isupper()
                and after + 1 < limit and text[after + 1].islower())
    rest = text[after:min(limit, after + 80)].lstrip()
    if not rest or rest[0].islower() or rest[0] in ",;:":
        return False
    if not punct.group(0).startswith("."):
        return True
    if "." in token or (len(token) == 1 and token.isupper()):
        # U.S., U.N., a.m. or an initial: only a boundary before an obvious starter.
        word = re.match(r"[\w']+", rest)
        return bool(word) and word.group(0).lower() in _STARTERS
    return token.lower() not in ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, never crossing a paragraph break.

    Parameters
    ----------
    text : str
        Article text.

    Returns
    -------
    list of (start, end)
        Character offsets (end exclusive), stripped of surrounding whitespace.
    """
    return [s for p_start, p_end in _paragraphs(text)
            for s in _paragraph_sentences(text, p_start, p_end)]


def _paragraph_sentences(text: str, p_start: int, p_end: int) -> list[tuple[int, int]]:
    """Sentence spans of the paragraph ``text[p_start:p_end]``."""
    spans = []
    start = p_start
    for punct in _END.finditer(text, p_start, p_end):
        if _is_boundary(text, punct, p_end):
            spans.append(_strip(text, start, punct.end()))
            start = punct.end()
    if start < p_end:
        spans.append(_strip(text, start, p_end))
    return [s for s in spans if s[1] > s[0]]


# ---------------------------------------------------------------------------- counts

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
    "a hundred": 100, "one hundred": 100,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD_NUM = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in _UNITS),
                            key=len, reverse=True))
_NUMBER = re.compile(
    r"(?<![\w.,$\u20ac\u00a3-])(?:(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    rf"|(?P<word>{_WORD_NUM})(?:-(?P<unit>one|two|three|four|five|six|seven|eight|nine))?)"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion))?"
    # no count: an age or a span ("a 38-year-old died", "the 20-year war killed", "was
    # 38 years old")
    r"(?![\w]|[.,]\d|-(?!(?:plus|odd|some)\b)[a-z]|\s+(?:years?|months?)\s+old\b)",
    re.IGNORECASE)
#: Someone's age ("a 38-year-old", "an 80-year-old", "four year old son"): one person.
_AGED = re.compile(
    rf"(?<![\w.,-])(?:\d+|(?:{_WORD_NUM})(?:-[a-z]+)?)(?:-|\s+)(?:years?|months?|weeks?|days?)"
    r"(?:-|\s+)old\b", re.IGNORECASE)
_DEATH = re.compile(r"killed|dead|died|deaths?|fatalities|lives|perished|bodies|fatally",
                    re.IGNORECASE)
_INJURY = re.compile(r"wounded|injured|injuries|hurt|wounding|injuring", re.IGNORECASE)
#: Words allowed between "killed"/"death toll" and the number that follows it.
_BRIDGE = frozenset(
    "at least more than nearly about around some almost over up to rose risen climbed "
    "of reached stands stood the an estimated roughly approximately another as many "
    "a total had has have been was were is".split())
#: "no one was killed": a number right after "no".
_NO_COUNT = re.compile(r"\bno\s*$", re.IGNORECASE)
#: A piece of every casualty word above (lowercase): a sentence holding none of them (and
#: folding case like ASCII) states no count, and its numbers need not be read.
_CASUALTY_STEMS = ("kill", "toll", "dead", "died", "death", "fatal", "lives", "perished",
                   "bodies", "wound", "injur", "hurt")
assert all(any(stem in word for stem in _CASUALTY_STEMS)
           for rx in (_DEATH, _INJURY) for word in rx.pattern.split("|"))
_FORWARD_WORDS = 5
_NAME_WORDS = 3  # capitalised words past those, ahead of a count
_BACK_WORDS = 4
_STOP = re.compile(r"[.;:()\"\u201c\u201d,]")


def _number_value(m: re.Match) -> int | None:
    if m["digits"]:
        value = float(m["digits"].replace(",", "") + ("." + m["frac"] if m["frac"] else ""))
    else:
        value = float(_UNITS[re.sub(r"\s+", " ", m["word"].lower())])
        if m["unit"]:
            value += _UNITS[m["unit"].lower()]
    if m["scale"]:
        value *= _SCALES[m["scale"].lower()]
    return int(round(value))


def _count_behind(text: str, m: re.Match) -> str | None:
    """"killing 12", "death toll rose to 35": a casualty word, then only bridge words."""
    behind = _STOP.split(text[max(0, m.start() - 200):m.start()])[-1]  # only its last words count
    for word in reversed(re.findall(r"[\w'-]+", behind)[-_BACK_WORDS - 2:]):
        word = word.lower()
        if word in ("killing", "killed", "kills", "toll") or _DEATH.fullmatch(word):
            return "death"
        if _INJURY.fullmatch(word):
            return "injury"
        if word not in _BRIDGE:
            return None
    return None


#: An aside between a count and its verb: "11 people, including four monks, were killed".
_ASIDE = re.compile(r"^(\s*[\w'-]+(?:\s+[\w'-]+){0,2}),\s+(?:including|among\s+them|most\s+of"
                    r"\s+them|mostly|many\s+of\s+them)\b[^,.;:]*,", re.IGNORECASE)


def _count_ahead(text: str, m: re.Match) -> str | None:
    """"498 service members have died": a casualty word within a few words after (past
    an aside: "11 people, including four monks, were killed")."""
    rest = text[m.end():]
    if "," in rest[:40]:
        rest = _ASIDE.sub(r"\1", rest, count=1)
    ahead = _STOP.split(rest, maxsplit=1)[0]
    ahead = _NUMBER.split(ahead, maxsplit=1)[0]
    if "ld" in ahead or "LD" in ahead:  # nor past someone's age: "arrested 4 after a
        ahead = _AGED.split(ahead, maxsplit=1)[0]  # 19-year-old was killed"
    # names and peoples count less toward the distance: "25 Turkish-backed Syrian
    # militiamen have been killed"
    lowercase = 0
    for word in re.findall(r"[\w'-]+", ahead)[:_FORWARD_WORDS + _NAME_WORDS]:
        if _DEATH.fullmatch(word):
            return "death"
        if _INJURY.fullmatch(word):
            return "injury"
        if not word[0].isupper():
            lowercase += 1
            if lowercase == _FORWARD_WORDS:
                break
    return None


#: What joins the items of a list of counts: "24 civilians, 24 fighters, and 25
#: militiamen", "five officers and about a dozen militants" (an item is a number and up
#: to three words, the last of them people: see :data:`_COUNTED_PEOPLE`).
_COUNT_LIST_GAP = re.compile(
    r"(?:\s+[\w'-]+){0,2}\s+(?P<who>[a-z]+)\s*(?:,\s*(?:and\s+)?|,?\s+and\s+)"
    r"(?:(?:about|some|around|nearly|almost|at\s+least|more\s+than|over|up\s+to)\s+)?",
    re.IGNORECASE)
#: Who a count in such a list counts ("two soldiers and 16 gunmen", not "2,000 residents
#: were evacuated and 4 people died", "5 arrests and 2 deaths", "2 friends and 3 people").
_COUNTED_PEOPLE = frozenset("""soldiers troops civilians people persons officers policemen
    police militants fighters gunmen rebels insurgents children women men residents workers
    bystanders passengers members guards attackers assailants militiamen servicemen
    marines sailors pilots journalists students tourists pilgrims protesters demonstrators
    villagers staff crew firefighters medics doctors nurses employees agents deputies
    prisoners inmates hostages victims others adults teenagers boys girls infants babies
    officials peacekeepers volunteers""".split())
#: What may stand before the first count of such a list: a sentence or clause start, or a
#: word that leads a count ("with five officers and ...", "killing two soldiers and ...",
#: "says 24 civilians, ...").
_COUNT_LIST_OPENERS = frozenset(
    """at least about some around nearly almost including among with of were killing killed
    wounding wounded injuring injured leaving left that says said say reported reports
    confirmed""".split())
_LAST_TOKEN = re.compile(r"(?:[\w'-]+|[^\w\s])\s*$")


def _a_year(text: str, m: re.Match) -> bool:
    """Whether the number ``m`` is a year before a name ("Since 2014 Russian forces have
    killed 3"), which no count is."""
    digits = m["digits"]
    return (digits is not None and len(digits) == 4 and "1800" <= digits <= "2099"
            and text[m.end():m.end() + 2].strip()[:1].isupper())


def _listed(text: str, numbers: list[re.Match], k: int) -> bool:
    """Whether count ``k - 1`` is an item of a list that count ``k`` ends or goes on."""
    before, here = numbers[k - 1], numbers[k]
    gap = _COUNT_LIST_GAP.fullmatch(text, before.end(), here.start())
    return (gap is not None and gap["who"].lower() in _COUNTED_PEOPLE
            and not _DEATH.search(gap.group()) and not _INJURY.search(gap.group())
            and not _OF_THEM.match(text, here.end()))


#: A count of some of those just counted: "11 people, seven of them students".
_OF_THEM = re.compile(r"\s+(?:of|among)\s+(?:them|whom)\b", re.IGNORECASE)


def _listed_before(text: str, numbers: list[re.Match], kinds: list[str | None],
                   k: int) -> int:
    """The sum of the other counts listed with count ``k`` ("Two soldiers and 16 gunmen were
    killed": 2; "killed two soldiers and 16 gunmen": 16), 0 if none.  Only counts of
    no kind of their own, or of ``k``'s kind, join ("killed 5 and injured 3" is no list)."""
    total, i = 0, k
    while i > 0 and kinds[i - 1] in (None, kinds[k]) and _listed(text, numbers, i):
        before = numbers[i - 1]
        lead = _LAST_TOKEN.search(text, max(0, before.start() - 40), before.start())
        word = lead.group().strip() if lead else ""
        if word and word[0].isalnum() and word.lower() not in _COUNT_LIST_OPENERS \
                and kinds[i - 1] is None:
            break  # "arrested 5 people and 3 were killed" is no list
        value = _number_value(before)
        if value is None:
            break
        total += value
        i -= 1
    i = k
    while i + 1 < len(numbers) and kinds[i + 1] is None and _listed(text, numbers, i + 1):
        value = _number_value(numbers[i + 1])
        if value is None:
            break
        total += value
        i += 1
    return total


def _classify_count(text: str, m: re.Match) -> str | None:
    """"death", "injury" or None; a governing verb before the number binds tightest."""
    return _count_behind(text, m) or _count_ahead(text, m)


def _case_folded(rx: re.Pattern) -> re.Pattern:
    r"""``rx`` without IGNORECASE, for the lowercase of text that :func:`folds like
    ASCII <geomap.dates.folds_like_ascii>`: it matches there with the spans, and groups
    equal ignoring case, of ``rx`` in the text.  Lowercasing such text keeps every
    offset and what ``\w``, ``\s``, ``\d`` and punctuation match, and a character
    matches an ASCII letter ignoring case only if its lowercase is that letter
    (tests/test_scale.py checks every character); so ``rx`` must spell its letters in
    lowercase and hold no case-sensitive group.  The case-sensitive pattern runs about
    twice as fast."""
    assert rx.flags & re.IGNORECASE and "(?-i" not in rx.pattern, rx.pattern
    assert not any(ch.isupper() for ch in re.sub(r"\(\?P[<=]", "", rx.pattern)), rx.pattern
    return re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)


def _haystack(text: str, rx: re.Pattern, folded: re.Pattern) -> tuple[str, re.Pattern]:
    """Where to run ``rx`` on ``text``: the lowercase text with ``folded``, its
    :func:`_case_folded` twin, when the text folds like ASCII; else as it is."""
    return (text.lower(), folded) if folds_like_ascii(text) else (text, rx)


_NUMBER_FOLDED = _case_folded(_NUMBER)


def find_counts(text: str, skip: list[tuple[int, int]] | None = None
                ) -> tuple[int | None, int | None]:
    """Fatalities and injured stated in ``text`` (one sentence).

    Parameters
    ----------
    text : str
        A sentence.
    skip : list of (start, end), optional
        Spans to ignore (date expressions: "in 2014" is no count).

    Returns
    -------
    (fatalities, injured)
        The largest number tied to a death word and to an injury word, or None.
        Numbers with no casualty word nearby (populations, distances) are ignored.
    """
    lower = text.lower() if folds_like_ascii(text) else None
    if lower is not None and not any(map(lower.__contains__, _CASUALTY_STEMS)):
        return None, None  # no casualty word (most sentences): no number is a count
    best: dict[str, int] = {}
    numbers = [m for m in (_NUMBER.finditer(text) if lower is None
                           else _NUMBER_FOLDED.finditer(lower))
               if not any(m.start() < e and s < m.end() for s, e in skip or ())]
    kinds: list[str | None] = []
    for m in numbers:
        j = m.start()
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if text[max(0, j - 2):j].lower() == "no" and _NO_COUNT.search(text[:m.start()]):
            kinds.append(None)  # "no one was killed"
        else:
            kinds.append(_classify_count(text, m) if not _a_year(text, m) else None)
    for k, (m, kind) in enumerate(zip(numbers, kinds, strict=True)):
        value = _number_value(m) if kind else None
        if kind and value is not None:
            value += _listed_before(text, numbers, kinds, k) + _and_one_more(text, m)
            best[kind] = max(best.get(kind, 0), value)
    aged: Counter[str] = Counter()  # each person of an age: "an 80-year-old killed",
    for m in _AGED.finditer(text) if "ld" in text or "LD" in text else ():
        kind = _classify_count(text, m)  # "killed a 38-year-old and a 40-year-old"
        if kind:
            aged[kind] += 1
    for kind, n in aged.items():
        best[kind] = max(best.get(kind, 0), n)
    return best.get("death"), best.get("injury")


def _and_one_more(text: str, m: re.Match) -> int:
    """1 when a list of people counted at ``m`` ends with one more person: "four guards
    and a woman", "two officers and a passer-by"."""
    more = _ONE_MORE.match(text, m.end())
    return int(more is not None and more["who"].lower() in _COUNTED_PEOPLE)


def _one_person(sentence: str, fatalities: int | None, injured: int | None
                ) -> tuple[int | None, int | None]:
    """The counts with one person killed or hurt where the sentence gives no number of
    that kind: "killing a police escort" (see :data:`_ONE_PERSON`)."""
    lower = sentence.lower()
    if "kill" not in lower and "dead" not in lower and "wound" not in lower and (
            "injur" not in lower):
        return fatalities, injured
    for m in _ONE_PERSON.finditer(sentence):
        if _AND_HERS.match(sentence, m.end()):
            continue  # "killing a woman and her three children": more, uncounted
        if _KILL.search(m.group()):
            fatalities = fatalities or 1
        else:
            injured = injured or 1
    return fatalities, injured


_PERSON = (r"(?:[\w-]+\s+){0,2}?(?:person|man|woman|boy|girl|child|teenager|soldier|policeman"
           r"|policewoman|officer|civilian|guard|escort|passer-by|bystander|journalist|worker"
           r"|resident|villager|farmer|driver|student|pilgrim|worshipper|protester|medic)")
#: One person killed or hurt, with no number: "killing a police escort", "a soldier was
#: wounded".  It counts the victims of a violent event the sentence tells, but makes no
#: casualty report of its own (most are ordinary crime).
_KILL = re.compile(r"kill|dead", re.IGNORECASE)
_AND_HERS = re.compile(r"\s+and\s+(?:her|his|their)\b", re.IGNORECASE)
_ONE_MORE = re.compile(rf"\s+(?:[\w-]+\s+)?(?P<who>[a-z]+)\s+and\s+(?:a|an|one)\s+{_PERSON}\b",
                       re.IGNORECASE)
_ONE_PERSON = re.compile(
    rf"\b(?:(?:killed|killing|shot\s+dead|wounded|wounding|injured|injuring)\s+(?:a|an|one)\s+"
    rf"{_PERSON}|(?:a|an|one)\s+{_PERSON}\s+(?:was|has\s+been|had\s+been)\s+(?:killed"
    rf"|shot\s+dead|wounded|injured))\b", re.IGNORECASE)


# ------------------------------------------------------------------------- modality

#: Cues that make a following trigger negated, hypothetical, future or merely demanded.
_IRREALIS = re.compile(
    r"\b(?:would|could|might|(?-i:may)|will|shall|should|must|can|cannot|can't|won't|wouldn't"
    r"|if|unless|whether|not|never|no\s+longer|n't|denied|denies|deny|denying|rejected"
    r"|plans?\s+to|planning\s+to|planned\s+to|aims?\s+to|aimed\s+to|intends?\s+to"
    r"|wants?\s+to|wanted\s+to|wish(?:es)?\s+to|hopes?\s+(?:to|of|for)|threaten(?:s|ed)?\s+to"
    r"|seeks?\s+to|ready\s+to|going\s+to|expected\s+to|likely\s+to|set\s+to|about\s+to"
    r"|prepar(?:es|ed|ing)\s+to|demand(?:s|ed|ing)?|call(?:s|ed|ing)?\s+for|urg(?:es|ed|ing)"
    r"|fear(?:s|ed|ing)?\s+(?:of|that|an?|new|more|further|another|renewed)"
    r"|propos(?:es|ed|al)|possible|possibly(?!\s+(?:\d|as\s+many|more|up\s+to))|potential"
    r"|any|without|spared|tomorrow|next\s+week"
    # a topic, not an event: "cares about issues of sexual violence" (but "the Office
    # for the Prevention of Genocide said gunmen killed 30")
    r"|issues?\s+of|awareness\s+of|(?-i:prevention)\s+of"
    # a charge or verdict: the court's news, not the event's (dated at the trial)
    r"|charged\s+(?:with|in)|accused\s+of|convicted\s+of|guilty\s+of|charges?\s+of"
    r"|pleaded\s+(?:not\s+)?guilty\s+to|trial\s+(?:of|over)"
    r"|indicted\s+(?:on|for)|sentenced\s+for|trial\s+for|conviction\s+for"
    r"|(?<!a\s)(?<!the\s)counts?\s+of"  # "three counts of assault" (not "a count of")
    # a reward's condition: "information that leads to the arrest of"; a warrant
    r"|leads?\s+to\s+(?:the|an)(?=\s*$)|warrants?\s+for"
    r")\b"
    r"|n't\b",
    re.IGNORECASE)
#: Cues that hold only in the trigger's own clause (after its last comma, relative
#: pronoun or conjunction): "Russian forces, which regularly shell the city, shelled
#: Kherson" keeps the shelling; "7.5 million now require humanitarian aid" does not.
_CLAUSE_IRREALIS = re.compile(
    # a plan, a habit, a need or an appeal: "Peres is to make an official visit",
    # "tolls are common in the aftermath of bombings", "it is imperative that ... aid"
    r"\b(?:(?:is|are)\s+to\s+(?!(?:the|a|an|be)\b)[a-z]+\b"
    r"|(?:is|are)\s+(?:common|commonplace|frequent|routine)|requir(?:e|es|ing)|needs?"
    r"|imperative|appeal(?:s|ed|ing)?\s+for"
    # a criminal record: "had previously served six years in state prison for assault",
    # "spent time in the Detention Center for his arrests", "convicted at trial of"
    r"|previously|served\s+(?:[\w-]+\s+){0,3}?(?:years?|months?|time|sentences?)"
    r"|spent\s+time|criminal\s+record|convicted\s+(?:[\w-]+\s+){0,3}?of"
    # what weapons are kept from, or made from: "protect soldiers from bullets and
    # grenades", "a neurotoxin derived from nerve agents"
    r"|(?:protect\w*|shield\w*|derived|made)\s+(?:[\w-]+\s+){0,4}?from"
    # a prospect, a rate: "the prospect of organizing peace talks", "One person a year
    # is killed on that highway"
    r"|prospects?\s+(?:of|for)"
    r"|(?:(?<=\ba\s)|(?<=\bper\s)|(?<=\beach\s)|(?<=\bevery\s))year\s+(?:is|are)"
    # habits: "regularly visits universities"
    r"|regularly|often|frequently|usually|routinely"
    # right before the trigger: a heading, a risk, advice ("headed toward negotiations",
    # "a high threat of terrorism and kidnappings", "advised to avoid demonstrations")
    r"|(?:head(?:ed|ing|s)?\s+(?:toward|towards)|(?:threat|risk|danger)s?\s+of|avoid\w*)"
    r"\s+(?:[\w-]+\s+(?:and|or)\s+)?(?:(?:the|a|an|any|more|further|new)\s+)?$)",
    re.IGNORECASE)
#: Every word a :data:`_CLAUSE_IRREALIS` match can start with (lowercase).
_CLAUSE_FIRST_WORDS = frozenset(
    "is are require requires requiring need needs imperative appeal appeals appealed "
    "appealing previously served spent criminal convicted protect protects protected "
    "protecting protection shield shields shielded shielding derived made prospect prospects "
    "year regularly often frequently usually routinely head headed heading heads threat "
    "threats risk risks danger dangers avoid avoiding avoided avoids".split())
#: What makes the trigger before it a habit, not an event: "Abductions for ransom have
#: become increasingly common on roads in Oromia", "attacks are rife".
_HABIT_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:(?:have|has)\s+(?:become|been)|are|is|remain)\s+"
    r"(?:increasingly\s+|more\s+|very\s+|fairly\s+)?(?:common(?:place)?|frequent|routine"
    r"|rife|rampant|widespread)\b", re.IGNORECASE)
#: Where a clause starts, looking back from a trigger.
_CLAUSE_START = re.compile(
    r"[,;:()\"\u201c\u201d]|\s[-\u2013\u2014]\s|\b(?:who|which|that|when|where|after|before"
    r"|since|as|but|while|whereas|although|though|because|despite|amid)\b",
    re.IGNORECASE)


def _clause_irrealis(before: str) -> bool:
    """Whether a :data:`_CLAUSE_IRREALIS` cue stands in the clause that ends at the
    trigger (``before`` is the sentence up to it)."""
    lower = before.lower()
    if _CLAUSE_FIRST_WORDS.isdisjoint(_WORDS.findall(lower)):
        return False  # most triggers: no cue word anywhere before them
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    return _CLAUSE_IRREALIS.search(before, starts[-1] if starts else 0) is not None


#: Where the scope of a modal cue ends, looking back from a trigger.
_SCOPE_BREAK = re.compile(
    r"[;:()\"\u201c\u201d]|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|although|though|as"
    r"|because|meanwhile)\b", re.IGNORECASE)
_INFINITIVE = re.compile(r"([\w'-]+)\s+to\s+$")
#: Words before "to" that make it a preposition or an aspect verb, not a goal:
#: "due to shelling", "continued to rock".
_NOT_INFINITIVE = frozenset(
    "due owing thanks according response reaction subjected exposed led lead leading leads "
    "contributed related close prior addition return returned back continued continue "
    "continues continuing began begun begin started start starts resorted".split())


#: "no shelling", "no casualties", "no reports of shelling": a determiner negation
#: right before the trigger.
_NO_BEFORE = re.compile(r"\bno\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
#: A modal right after a subject trigger: "Talks will resume", "shelling could hit"; or
#: what says it did not happen: "Shelling was not reported", "talks were called off";
#: in the trigger's own clause ("shelling resumed after talks were called off").
_MODAL_AFTER = re.compile(
    r"(?:\s+(?!(?:after|when|while|before|as|because|since|but|though|although|until"
    r"|once|whereas)\b)[\w-]+){0,4}?\s+(?:will|would|could|might|shall|should|(?-i:may)|won't"
    r"|(?:is|are|was|were)\s+(?:expected|set|planned|scheduled|due|likely|unlikely)"
    r"|(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:(?:not|never)\s+"
    r"(?:reported|confirmed|recorded|held|carried\s+out)|cancell?ed|called\s+off|postponed"
    r"|averted|foiled|thwarted)"
    r"|(?:did\s+not|didn't|never)\s+(?:take\s+place|happen|occur)"
    # habits, not events: "Clashes are frequent in Dagestan", "... is one of the most
    # common reasons for"
    r"|(?:is|are)\s+(?:one\s+of\s+the\s+most\s+|very\s+|quite\s+|more\s+|less\s+)?"
    r"(?:common|commonplace|frequent|rare|routine)"
    r"|(?:occur|happen|take\s+place|tend\s+to))\b",
    re.IGNORECASE)


#: Every word an :data:`_IRREALIS` match can start with (lowercase): a scope holding none
#: of them (and no "n't") cannot match, so the big alternation is skipped.  Checked
#: against the regex by tests/test_scale.py (test_irrealis_shortcuts_agree_with_the_regexes).
_IRREALIS_FIRST_WORDS = frozenset(
    "would could might may will shall should must can cannot won wouldn if unless whether "
    "not never no denied denies deny denying rejected plan plans planning planned aim aims "
    "aimed intend intends want wants wanted wish wishes hope hopes threaten threatens "
    "threatened seek seeks ready going expected likely set about prepares prepared preparing "
    "demand demands demanded demanding call calls called calling urges urged urging proposes "
    "fear fears feared fearing "
    "proposed proposal possible possibly potential any without spared tomorrow next "
    "issue issues awareness prevention "
    "charged accused convicted guilty charge charges indicted sentenced trial conviction "
    "pleaded "
    "count counts lead leads warrant warrants".split())
_WORDS = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def _maybe_irrealis(scope: str) -> bool:
    """False only when :data:`_IRREALIS` cannot match ``scope`` (text that
    :func:`folds like ASCII <geomap.dates.folds_like_ascii>`)."""
    if not folds_like_ascii(scope):
        return True
    lower = scope.lower()
    return "n't" in lower or not _IRREALIS_FIRST_WORDS.isdisjoint(_WORDS.findall(lower))


def _irrealis_cue(scope: str) -> bool:
    """Does :data:`_IRREALIS` match in ``scope``?  In text that folds like ASCII a match
    can only start at a word of :data:`_IRREALIS_FIRST_WORDS` or at "n't", so it is
    tried there alone: a few anchored matches instead of a search trying the big
    alternation everywhere."""
    if not folds_like_ascii(scope):
        return _IRREALIS.search(scope) is not None
    lower = scope.lower()
    starts = [w.start() for w in _WORDS.finditer(lower) if w.group() in _IRREALIS_FIRST_WORDS]
    at = lower.find("n't")
    while at >= 0:
        starts.append(at)
        at = lower.find("n't", at + 1)
    return any(_IRREALIS.match(scope, at) for at in starts)


def _infinitive_before(before: str) -> bool:
    """"volunteered to fight", "aims to take control": an infinitive goal."""
    if not (before[-1:].isspace() and before.rstrip().endswith("to")):
        return False  # cheap test first: _INFINITIVE needs "to" and spaces at the end
    inf = _INFINITIVE.search(before)
    return bool(inf) and inf.group(1).lower() not in _NOT_INFINITIVE


def _no_before(before: str) -> bool:
    """"no shelling", "no heavy fighting", "no reports of shelling"."""
    if not before[-1:].isspace():
        return False  # _NO_BEFORE ends in whitespace; "no" ends one of the last three words
    if not any(w.lower().endswith("no") for w in before.rsplit(None, 3)[-3:]):
        return False
    return bool(_NO_BEFORE.search(before))


def _irrealis(sentence: str, start: int, end: int | None = None) -> bool:
    """Is the trigger at ``start`` negated, hypothetical, future or an infinitive goal?"""
    before = sentence[:start]
    if _infinitive_before(before) or _no_before(before):
        return True
    if end is not None and _MODAL_AFTER.match(sentence, end):
        return True
    scope = _SCOPE_BREAK.split(before)[-1]
    return _irrealis_cue(scope) or _clause_irrealis(before)


class _Modality:
    """:func:`_irrealis` for the triggers of one sentence, sharing the scope breaks."""

    __slots__ = ("sentence", "_breaks", "_memo")

    def __init__(self, sentence: str):
        self.sentence = sentence
        self._breaks: list[int] | None = None
        self._memo: dict[tuple[int, int], bool] = {}

    def _scope_start(self, start: int) -> int:
        """Where the scope of a cue before ``start`` begins: the last break's end.

        Breaks found in the whole sentence end before ``start`` exactly as in
        ``sentence[:start]``: a trigger follows a character that is neither a word
        character nor "-" and (the caller checks) starts with a word character, so no
        break can straddle ``start``."""
        if self._breaks is None:
            self._breaks = [m.end() for m in _SCOPE_BREAK.finditer(self.sentence)]
        i = bisect_right(self._breaks, start)
        return self._breaks[i - 1] if i else 0

    def irrealis(self, start: int, end: int) -> bool:
        key = (start, end)
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        sentence = self.sentence
        if not _WORD_CHAR.match(sentence, start) or (
                start and (sentence[start - 1] == "-" or _WORD_CHAR.match(sentence, start - 1))):
            hit = _irrealis(sentence, start, end)  # a trigger not starting a word
        else:
            before = sentence[:start]
            if _infinitive_before(before) or _no_before(before):
                hit = True
            elif _MODAL_AFTER.match(sentence, end):
                hit = True
            elif not _maybe_irrealis(before):
                # No cue anywhere before the trigger, so none in its scope (whose words
                # are words of ``before``): most triggers, and the breaks need not be found.
                hit = _clause_irrealis(before)
            else:
                scope = sentence[self._scope_start(start):start]
                hit = _irrealis_cue(scope) or _clause_irrealis(before)
        self._memo[key] = hit
        return hit


# --------------------------------------------------------------------------- places

#: A preposition, then up to three words that can sit between it and a place name
#: ("in southwestern Belarus", "in the Black Sea port of Kherson").  Capitalised words
#: are allowed because they are part of a name; the rest are lowercase by design.
_LOCATIVE_PREP = re.compile(
    r"\b(?P<prep>(?i:in|at|near|outside|inside|into|across|around|throughout|within|of|over"
    r"|toward|towards|off|from|along|between|beyond|to|through|via"
    r"|reach(?:ed|es|ing)?|enter(?:ed|s|ing)?))\s+"
    r"(?P<mods>(?:(?:the|a|an|[A-Z][\w'-]*|[a-z]+-?[a-z]*ern|central|capital|city|town"
    r"|village|port|region|province|district|oblast|area|outskirts|suburbs?|centre|center"
    r"|key|besieged|strategic|occupied|embattled|nearby|neighbou?ring|coastal)\s+){0,3})$")
_APPOSITIVE = re.compile(
    r"\b(?:capital|city|town|village|port|region|province|district|hub|oblast|state"
    r"|county|governorate)\s*,\s*$", re.IGNORECASE)
_TOWN_NOUNS = ("capital", "city", "town", "village", "port")
_TOWN_NOUN_BEFORE = re.compile(r"\b(?:capital|city|town|village|port)\s+$", re.IGNORECASE)
#: A town named as where another lies from: "160km south of the Sri Lankan capital Colombo".
_REFERENCE_TOWN = re.compile(r"\b(?:of|from|outside)\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}"
                             r"(?:capital|city|town|village|port)\s+$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r"[,;:()\"\u201c\u201d]|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|although|though"
    r"|because)\b", re.IGNORECASE)
_CLAUSE_BREAK_FOLDED = _case_folded(_CLAUSE_BREAK)


def _appositive(before: str) -> bool:
    """:data:`_APPOSITIVE` at the end of ``before``; it ends in a comma and spaces, which
    most text does not, so that is tested first; or a town's noun right before the name
    ("Ukraine's second-largest city Kharkiv", "the capital Sanaa")."""
    tail = before.rstrip()
    if tail.endswith(","):
        return _APPOSITIVE.search(before) is not None
    return tail.endswith(_TOWN_NOUNS) and _TOWN_NOUN_BEFORE.search(before) is not None and (
        _REFERENCE_TOWN.search(before) is None)


def _last_words_start(before: str, words: int) -> int:
    """An offset in ``before`` at or before its last ``words`` whitespace-separated words.

    :data:`_LOCATIVE_PREP` matches a preposition and at most three words (none holding
    whitespace) at the end of the text, so searching from here finds the same match
    without trying every word of the 80 characters before a mention."""
    parts = before.rsplit(None, words)
    return len(parts[0]) if len(parts) > words else 0


_ON = re.compile(r"\s+on\s+(?:the\s+)?")


def _lead_in(text: str, start: int) -> tuple[bool, str | None, str | None]:
    """What precedes a mention at ``start``: an appositive ("the capital,"), the
    locative a preposition (or a verb of arrival: "reached X", "entered X") makes of it
    ("strong", "weak" or None), and the preposition."""
    return _lead_in_of(_lead(text, start))


def _lead(text: str, start: int) -> str:
    r"""The text :func:`_lead_in` reads before a mention at ``start``: of the 80
    characters before it, the last four words and the character before them.  Both
    patterns end at the mention and span at most four words (:data:`_APPOSITIVE` two),
    and their ``\b`` looks one character further back."""
    before = text[max(0, start - 80):start]
    return before[max(0, _last_words_start(before, 4) - 1):]


@lru_cache(maxsize=1024)
def _lead_in_of(before: str) -> tuple[bool, str | None, str | None]:
    """:func:`_lead_in` from its :func:`_lead`: the same for every trigger of the
    sentence, and for every telling of a sentence repeated word for word, so computed
    once."""
    if _appositive(before):
        return True, "strong", None
    lm = _LOCATIVE_PREP.search(before, _last_words_start(before, 4))
    if not lm:
        return False, None, None
    prep = lm["prep"].lower()
    return False, "weak" if prep in _WEAK_PREPS else "strong", prep


#: Prepositions that make a weak locative: a direction or an origin, not a location.
_WEAK_PREPS = frozenset({"from", "to", "between", "through", "via"})
#: Families whose events move people or goods: "from X" is where they came from, so X is
#: no candidate location ("Aid convoys from N'Djamena reached Adre": Adre).
MOVEMENT = frozenset({"humanitarian", "displacement"})


def _locative(before: str, after_trigger: str | None, movement: bool = False,
              precision: int = 1) -> str | None:
    """"strong" for "in/at/near/of X" or "the capital, X"; "weak" for "from X".
    ``before``: the mention's :func:`_lead`; ``after_trigger``: the text from the
    trigger to the mention when the mention follows it, a town or region (``precision``
    below 3) right after it its object ("visited Kyiv", not "the shelling Russia has
    carried out").  "Through X" is where a march
    or an advance went ("marched through central Belgrade"), but only the way people or
    goods on the move (``movement``) took ("aid entered Gaza through Rafah")."""
    appositive, prep, word = _lead_in_of(before)
    if appositive:
        return "strong"
    if after_trigger is not None and (
            _ON.fullmatch(after_trigger)
            or after_trigger.isspace() and not movement and precision < 3):
        return "strong"  # "shelling on Kharkiv", "visited Kyiv" (but "fled Iraq": whence)
    if word == "through" and not movement:
        return "strong"
    return prep


def _clause_breaks(between: str, follows: bool = True) -> int:
    """Clause boundaries in the text between trigger and place; "the capital, Kyiv" is
    one when the place ``follows`` the trigger (before it, "the Puno region, protesters
    set fire" ends a phrase)."""
    haystack, breaks = _haystack(between, _CLAUSE_BREAK, _CLAUSE_BREAK_FOLDED)
    count = len(breaks.findall(haystack))
    if follows and between.rstrip().endswith(",") and _APPOSITIVE.search(between):
        count -= 1
    return max(count, 0)


_POSSESSIVE = re.compile(r"['\u2019]s?\b")


class _Site(NamedTuple):
    """A literal mention as a candidate location of its sentence's events: what
    :func:`_link` reads around it, found once for all the sentence's triggers."""

    mention: Mention
    start: int
    end: int
    lead: str  # its :func:`_lead`
    after: str  # the 3 characters after it
    precision: int
    origin: bool  # introduced by "from" ("convoys from N'Djamena")
    #: where someone is from, not where anything happened: "a woman visiting from
    #: Canada", "Floyd, 45, of Los Angeles", "a Canada-wide warrant"
    home: bool
    #: a modifier of the noun after it ("a visiting U.S. delegation"), no object
    modifier: bool = False
    #: a town in a locative phrase that opens the sentence ("In the state capital
    #: Imphal, thousands held a sit-in"): where all of it happened (not a region: "In the
    #: West Bank, troops raided the Jenin refugee camp")
    opening: bool = False


def _sites(doc: Document, mentions: list[Mention], homes: frozenset[int] = frozenset(),
           sent_start: int = 0) -> list[_Site]:
    """The sentence's ``mentions`` as candidate locations: all but the dateline's
    (where the reporter was).  ``homes``: the starts of the mentions of where someone is
    from (:attr:`_Places.homes`); ``sent_start``: where the sentence starts."""
    text, sites = doc.text, []
    for m in mentions:
        if _in_dateline(doc, m):
            continue
        start, end = m.span.start, m.span.end
        lead = _lead(text, start)
        opening = (m.place.geo_precision <= 1 and text.startswith(",", end)
                   and _OPENING_LOCATIVE.fullmatch(text, sent_start, start) is not None)
        sites.append(_Site(m, start, end, lead, text[end:end + 3], m.place.geo_precision,
                           _lead_in_of(lead)[2] == "from", start in homes, _modifies(text, end),
                           opening))
    return sites


#: A locative phrase that opens a sentence, up to the name that ends it: "In the state
#: capital Imphal, ...", "Near Kharkiv, ...".
_OPENING_LOCATIVE = re.compile(r"\s*(?:In|At|Near|Outside|Inside)\s+(?:[\w'\u2019-]+\s+){0,5}")


#: The lowercase word right after a mention, and the words after which it is still the
#: object of the word before it ("visited Kyiv on Friday"), not a modifier ("a visiting
#: U.S. delegation", "Kherson residents").
_NEXT_WORD = re.compile(r" ([a-z]+)\b")


def _modifies(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` modifies the lowercase noun after it ("Kharkiv
    officials"), not a verb ("Mariupol killed") or a function word ("Kyiv on Friday")."""
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and nxt.group(1) not in _FUNCTION_WORDS and not (
        nxt.group(1).endswith("ed"))
_FUNCTION_WORDS = frozenset(
    "on in at for to with and or but by from near after before during since until last "
    "this that these next early late overnight where when while as amid despite of the "
    "a an was were is are has have had said says say which who whose earlier later again "
    "today yesterday tonight".split())


def _home(text: str, start: int, end: int) -> bool:
    """Whether the mention at ``start:end`` says where someone is from, not where
    anything happened (see :attr:`_Site.home`)."""
    return (_HOME_AFTER.match(text, end) is not None
            or text.endswith(("of ", "from "), max(0, start - 5), start)
            and _HOME_BEFORE.search(text, max(0, start - 40), start) is not None)


#: After a place: a reach ("a Canada-wide warrant"; not its people, who are often where
#: it happened: "Kherson residents said shelling killed five").
_HOME_AFTER = re.compile(r"-wide\b")
#: Before a place: a person's age and "of" ("Floyd, 45, of Los Angeles"), or where a
#: visitor comes from ("a woman visiting from Canada").
_HOME_BEFORE = re.compile(
    r",\s*\d{1,3},\s+of\s+$|\b(?:visiting|travell?ing|hailing|coming)\s+from\s+$"
    # people named by where they come from: "six labourers from Punjab province"
    r"|\b(?:labou?rers|workers|migrants|pilgrims|tourists|traders|natives)\s+from\s+$")


def _site_link(text: str, site: _Site, t_start: int, t_end: int, movement: bool = False,
               opening: bool = False) -> tuple[float, float, bool, bool]:
    """:func:`_link` of a site as the location of the trigger at ``t_start:t_end``
    (``opening``: the site's phrase opens the sentence, so the trigger's clause follows
    it directly)."""
    if site.start >= t_end:
        between, follows = text[t_end:site.start], True
    else:  # (a phrase opening the sentence has the trigger's clause after it)
        between = text[site.end:t_start] if site.end <= t_start and not opening else ""
        follows = False
    return _link(site.lead, between, site.after, site.precision, follows,
                 movement or site.modifier)


@lru_cache(maxsize=4096)
def _link(before: str, between: str, after: str, precision: int, follows: bool,
          movement: bool = False) -> tuple[float, float, bool, bool]:
    """Score, place factor, locative and same clause of a mention (of ``precision``) as
    the location of a trigger, from the text around it: its :func:`_lead` ``before``
    it, the text ``between`` it and the trigger (which it ``follows`` or not) and the 3
    characters ``after`` it.  A sentence told twice word for word is scored once."""
    loc = _locative(before, between if follows else None, movement, precision)
    breaks = _clause_breaks(between, follows)
    same, strong = breaks == 0, loc == "strong"
    # the trigger's object: "an attack on Israel", "visited Washington"
    adjacent = follows and not movement and (
        between.isspace() and precision < 3 or _ON.fullmatch(between) is not None)
    score = (2.0 * same + 1.5 * strong + 0.2 * (loc == "weak") + 1.0 * adjacent
             + 0.4 * (3 - precision) - 0.3 * breaks - min(len(between), 300) / 300
             - 0.5 * bool(_POSSESSIVE.match(after)))
    if same:
        factor = _SAME_CLAUSE_LOCATIVE if strong else _SAME_CLAUSE
    else:
        factor = _LOCATIVE if strong else _SENTENCE
    return score, factor, strong, same


def _literal(m: Mention) -> bool:
    return m.place is not None and not m.metonymic


def _in_dateline(doc: Document, m: Mention) -> bool:
    return doc.dateline is not None and doc.dateline.start <= m.span.start < doc.dateline.end


#: A place for an event: the mention and the factor its link puts on the confidence.
Placed = tuple[Mention, float]


def _sentence_place(text: str, sites: list[_Site], trigger: Trigger, t_start: int,
                    t_end: int) -> tuple[Placed | None, Placed | None, Placed | None]:
    """Best (strong, weak, home) candidate among the sentence's :func:`_sites`, the
    first of the best scored.  Home: a place someone is from ("a woman visiting from
    Canada"), the last resort after the paragraph's and the story's places.

    Strong: in the trigger's clause, or introduced by a locative.  For people and goods
    on the move (:data:`MOVEMENT`), "from X" is the origin: only a last resort.  A country, sea or
    continent with no locative is an actor ("Russia intensified its attacks"), not a
    location, and is never a candidate.
    """
    movement, locative_only = trigger.event_type in MOVEMENT, "locative" in trigger.needs
    best: dict[str, tuple[float, Placed]] = {}  # "strong", "weak", "origin", "home"
    links = [_site_link(text, site, t_start, t_end, movement) for site in sites]
    if any(site.opening for site in sites) and not any(
            link[2] and link[3] for site, link in zip(sites, links, strict=True)
            if not site.opening and site.end <= t_start):
        # the town of a phrase opening the sentence, unless the trigger's clause opens
        # with its own: "In Mombasa, hundreds marched, while in Nakuru police arrested
        # 45" (but "In Yerevan, thousands rallied against handing villages in Tavush")
        links = [_site_link(text, site, t_start, t_end, movement, opening=True)
                 if site.opening else link for site, link in zip(sites, links, strict=True)]
    for site, (score, factor, locative, same) in zip(sites, links, strict=True):
        if site.mention.confidence <= FOCUS_CONFIDENCE:
            score -= 3.0  # a guess (an unknown name put in the story's main town) yields
            # to a place the sentence names: "the town of Paletwa in Chin state"
        if site.home:
            kind = "home"  # only when neither the sentence nor the story names another
        elif movement and site.origin:
            kind = "origin"  # only when the sentence names no other place
        elif (locative_only or site.precision >= 3) and not locative:
            continue
        else:
            kind = "strong" if same or locative else "weak"
        held = best.get(kind)
        if held is None or score > held[0]:
            best[kind] = score, (site.mention, factor)
    home = (best["home"][1][0], _DOCUMENT) if "home" in best else None
    if "strong" not in best and "weak" not in best and "origin" in best:
        return None, (best["origin"][1][0], _SENTENCE), home
    return (best["strong"][1] if "strong" in best else None,
            best["weak"][1] if "weak" in best else None, home)


#: "the port city", "the capital", "the town's coke plant": a definite description that
#: refers back to a place named earlier.  Group 1 is the head noun.
_ANAPHOR_NP = re.compile(
    r"\bthe\s+(?:[a-z-]+\s+){0,2}?(capital|city|town|village|port|region|province|district"
    r"|oblast|governorate|area|neighbou?rhood)\b(?!\s+of\b|\s*,)")
#: How many earlier mentions a back-reference looks through (bounds the cost per event).
_LOOKBACK = 60
_HEAD_PRECISION = {"capital": 1, "city": 1, "town": 1, "village": 1, "port": 1, "region": 2,
                   "province": 2, "district": 2, "oblast": 2, "governorate": 2, "area": 1,
                   "neighborhood": 1, "neighbourhood": 1}


def _anaphor_place(nouns: _Introductions, sent: _Sentence, literal: list[Mention],
                   t_start: int, focus: Mention | None = None) -> Mention | None:
    """The place a definite description in the sentence refers back to: the latest
    earlier mention introduced with the same noun ("the eastern town of Avdiivka" for
    "the town"; "the capital, Kyiv" for "the capital"), else the paragraph's latest
    place of that kind (a town, a region; a capital from any paragraph).  The
    description nearest the trigger wins; "the city of X" names X itself and is no
    anaphor."""
    found = [m for m in _ANAPHOR_NP.finditer(sent.text)]
    if not found:
        return None
    np = min(found, key=lambda m: abs(sent.start + m.start() - t_start))
    head, at = np.group(1), sent.start + np.start()
    i = bisect_right(literal, at, key=lambda m: m.span.end)
    introduced = nouns.latest(head, i)
    if introduced is not None and introduced >= i - _LOOKBACK:
        return literal[introduced]
    for m in reversed(literal[max(0, i - _LOOKBACK):i]):
        if head == "capital":
            if m.place.capital and (m.span.start >= sent.paragraph_start or (
                    focus is not None and m.place.country_code == focus.place.country_code)):
                return m  # the latest capital named, of the story's country beyond the
                # paragraph: "NAIROBI - ... Dozens were arrested in the capital overnight."
        elif m.span.start < sent.paragraph_start:
            break
        elif m.place.geo_precision == _HEAD_PRECISION[head]:
            return m
    return None


def _is_word(ch: str) -> bool:
    r"""Is ``ch`` a ``\w`` character (what ``\b`` looks at)?"""
    return ch.isalnum() or ch == "_"


class _Introductions:
    """Which literal mentions of a document each head noun stands just before ("the
    eastern town of Avdiivka": town), found once per noun from where it stands, not
    once per back-reference for each of the :data:`_LOOKBACK` mentions before it."""

    __slots__ = ("text", "starts", "_lower", "_marked")

    def __init__(self, text: str, starts: list[int]):
        self.text, self.starts = text, starts  # where the mentions start, in order
        self._lower: str | None = None
        self._marked: dict[str, list[int]] = {}

    def latest(self, head: str, end: int) -> int | None:
        """The last of the first ``end`` mentions introduced with ``head``, if any."""
        marked = self._marked.get(head)
        if marked is None:
            marked = self._marked[head] = self._mark(head)
        i = bisect_left(marked, end)
        return marked[i - 1] if i else None

    def _mark(self, head: str) -> list[int]:
        r"""The mentions (indexes, in order) where ``\bhead\b`` matches in the 40
        characters before them (a search of ``text`` with ``pos`` and ``endpos``: ``\b``
        sees the character before ``pos``, and ``endpos`` ends the text)."""
        text, starts, marked = self.text, self.starts, set()
        for at, after in self._occurrences(head):
            end = at + len(head)  # case-insensitive matching folds char by char
            open_ended = after < len(text) and _is_word(text[after])  # no \b after it
            for i in range(bisect_left(starts, end), bisect_right(starts, at + 40)):
                if starts[i] == end or not open_ended:
                    marked.add(i)
        return sorted(marked)

    def _occurrences(self, head: str) -> Iterator[tuple[int, int]]:
        r"""Start and end of each match of ``\bhead`` (a lowercase ASCII word) in the
        text, ignoring case.  In text that :func:`folds like ASCII
        <geomap.dates.folds_like_ascii>` those are the places of ``head`` in the
        lowercase text after a non-word character: found by ``str.find``, several
        times faster than the case-insensitive search."""
        text = self.text
        if not folds_like_ascii(text):
            for m in re.finditer(rf"\b{head}", text, re.IGNORECASE):
                yield m.span()
            return
        if self._lower is None:
            self._lower = text.lower()
        at = self._lower.find(head)
        while at >= 0:
            if at == 0 or not _is_word(text[at - 1]):
                yield at, at + len(head)
            at = self._lower.find(head, at + 1)


def _dateline_place(doc: Document, literal: list[Mention], sent: _Sentence
                    ) -> Mention | None:
    """The dateline's town: the last resort for violence told in the lede of a story
    filed from it (a toll paragraphs later is no longer about the reporter's town)."""
    if doc.dateline is None or sent.paragraph_start > doc.dateline.end:
        return None
    for m in literal:
        if _in_dateline(doc, m) and m.place.geo_precision < 3:
            return m
    return None


def _paragraph_place(places: _Places, p_start: int, s_start: int) -> Mention | None:
    """The paragraph's last literal place before this sentence, towns before countries."""
    before = places.lived_in(places.within(p_start, s_start))
    local = [m for m in before if m.place.geo_precision < 3]
    return (local or before or [None])[-1]


#: "in eastern Ukraine": a compass adjective before a country, and its bearing (degrees).
_COMPASS = re.compile(
    r"\b(north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+$",
    re.IGNORECASE)
_BEARINGS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180,
             "southwest": 225, "west": 270, "northwest": 315}


def _toward(origin: Place, place: Place, bearing: float) -> bool:
    """Does ``place`` lie within 50 degrees of ``bearing`` seen from ``origin``?"""
    dy = place.lat - origin.lat
    dx = (place.lon - origin.lon) * math.cos(math.radians(origin.lat))
    if abs(dx) + abs(dy) < 0.5:
        return False  # the country's own point: no direction
    angle = math.degrees(math.atan2(dx, dy)) % 360
    return min(abs(angle - bearing), 360 - abs(angle - bearing)) <= 50


def _refine_direction(text: str, mention: Mention, literal: list[Mention],
                      until: int) -> Mention:
    """"the separatist republics in eastern Ukraine", after "the Donbas region": the
    country narrowed to the most recent earlier place within it lying that way."""
    if mention.place.geo_precision < 3 or not mention.place.country_code:
        return mention
    compass = _COMPASS.search(text[max(0, mention.span.start - 20):mention.span.start])
    if not compass:
        return mention
    bearing = _BEARINGS[compass.group(1).lower().replace("-", "")]
    i = bisect_right(literal, until, key=lambda m: m.span.start)
    for m in reversed(literal[max(0, i - _LOOKBACK):i]):
        if m.span.start >= until or m.place.geo_precision >= 3:
            continue
        if m.place.country_code == mention.place.country_code and _toward(
                mention.place, m.place, bearing):
            return m
    return mention


def _document_focus(mentions: list[Mention]) -> Mention | None:
    """The most mentioned literal country, one whose towns or divisions the document
    names before one it only names (ties: first mentioned), else the top place.

    A Baghdad car bomb story that quotes "the U.S. military" three times is about Iraq.
    """
    pool = [m for m in mentions if m.place.kind == "country"] or mentions
    if not pool:
        return None
    inside = {m.place.country_code for m in mentions
              if m.place.kind != "country" and m.place.country_code}
    counts: dict[str, int] = {}
    for m in pool:
        counts[m.place.id] = counts.get(m.place.id, 0) + 1
    top = max((m.place.country_code in inside, counts[m.place.id]) for m in pool)
    return next(m for m in pool if (m.place.country_code in inside, counts[m.place.id]) == top)


# --------------------------------------------------------------------------- actors

#: Who acted: a name or demonym (capitalised words, or a possessive: "Russia's"), then
#: an optional service word and a group noun ("Russian forces", "Ukrainian troops",
#: "Turkish police", "Israeli air strikes", "the White Helmets civil defence group");
#: or a bare group noun that is an actor on its own ("police", "protesters").
_HEAD_NOUNS = (
    "forces", "troops", "soldiers", "servicemen", "police", "army", "military", "officials",
    "protesters", "demonstrators", "militants", "rebels", "insurgents", "separatists",
    "fighters", "militias?", "gunmen", "artillery", r"air\s+strikes", "warplanes", "jets",
    "drones", "delegations?", "authorities", "ministry", "government", r"coast\s+guard",
    "guards?", "group", "navy", r"air\s+force", "negotiators", "officers", "prosecutors")
_BARE_NOUNS = (r"(?:riot\s+)?police", "protesters", "demonstrators", "rioters", "gunmen",
               "militants", "rebels")
_ACTOR_HEADS = "(?i:" + "|".join(_HEAD_NOUNS) + ")"
_ACTOR = re.compile(
    r"(?<![\w-])(?P<named>(?:[A-Z][\w'\u2019.-]*\s+(?:and\s+)?){0,2}[A-Z][\w'\u2019.-]*\s+"
    r"(?:(?i:riot|security|ground|armed|special|defen[cs]e|interior|foreign|health|civil"
    r"|defen[cs]e|coast|border|national|presidential|state)\s+){0,2}" + _ACTOR_HEADS + r")\b"
    r"|(?<![\w-])(?P<bare>" + "|".join(_BARE_NOUNS) + r")\b")
#: A piece of every head and bare noun above (lowercase): a clause holding none of them
#: (and folding case like ASCII) names no actor, and the big pattern need not run.
_ACTOR_STEMS = (
    "force", "troop", "soldier", "servicemen", "police", "army", "military", "official",
    "protester", "demonstrator", "militant", "rebel", "insurgent", "separatist", "fighter",
    "militia", "gunmen", "artillery", "strikes", "warplane", "jets", "drone", "delegation",
    "authorities", "ministry", "government", "guard", "group", "navy", "negotiator",
    "officer", "prosecutor", "rioter")
assert all(any(stem in noun.replace(r"\s+", " ") for stem in _ACTOR_STEMS)
           for noun in (*_HEAD_NOUNS, *_BARE_NOUNS))
#: An actor right before a speech verb is the source of the report, not a party to it.
_SPEAKER = re.compile(r"\s+(?:\w+\s+)?(?:said|says|say|told|reported|announced|denied"
                      r"|confirmed|claimed|added|warned|recorded|insists?)\b")
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)
_ARTICLES = re.compile(r"^(?:The|A|An|Meanwhile|But|And|Then)\s+")


def _may_name_actors(clause: str) -> bool:
    """False only when :data:`_ACTOR` cannot match in ``clause`` (cheap test first)."""
    if not folds_like_ascii(clause):
        return True  # case folding unlike ASCII: let the pattern decide
    lower = clause.lower()
    return any(map(lower.__contains__, _ACTOR_STEMS))


def find_actors(text: str, start: int = 0, end: int | None = None) -> str | None:
    """The actors a sentence (or a clause of it) names, as text ("Russian forces").

    Parameters
    ----------
    text : str
        A sentence.
    start, end : int
        The span to read (a clause; past a dateline heading the sentence).

    Returns
    -------
    str or None
        Up to three distinct noun phrases, in text order, joined by "; "; None when the
        sentence names no one.  Speakers ("the interior ministry said") are left out.
    """
    found: list[str] = []
    end = len(text) if end is None else end
    if not _may_name_actors(text[start:end]):
        return None
    for m in _ACTOR.finditer(text, start, end):
        if _SPEAKER.match(text, m.end()) or _ACCORDING.search(text, 0, m.start()):
            continue
        phrase = _ARTICLES.sub("", re.sub(r"\s+", " ", m.group(0)))
        if not phrase or phrase[0].islower() and m["named"]:
            continue
        low = phrase.lower()
        if any(low in f.lower() for f in found):
            continue
        found = [f for f in found if f.lower() not in low]
        found.append(phrase)
    return "; ".join(found[:3]) or None


def _clause_actors(sentence: str, t_start: int, t_end: int, skip: int) -> str | None:
    """The actors named in the trigger's clause: "police detained 14" names police,
    not the protesters of the clause before."""
    start = skip
    haystack, breaks = _haystack(sentence, _CLAUSE_BREAK, _CLAUSE_BREAK_FOLDED)
    for m in breaks.finditer(haystack, skip, t_start):
        start = m.end()
    after = breaks.search(haystack, t_end)
    return find_actors(sentence, start, after.start() if after else len(sentence))


# ---------------------------------------------------------------------------- dates

#: Coordinated clauses: "annexed Crimea in 2014 and recognized the republics last month".
_COORDINATION = re.compile(r"\band\s+(?:then\s+|later\s+|also\s+)?[a-z]+ed\b|;")


#: A relative clause between commas (or ending the sentence): "The war, which erupted
#: in 1972 when ..., has claimed 70,000 lives".
_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whose|when)\b[^,;]*(?:[,;]|$)")


#: A speech verb right before a date: the day the news was told ("said on Monday").
_TOLD_ON = re.compile(r"\b(?:said|says|told\s+[\w-]+|announced|reported|added|confirmed|stated"
                      r"|declared)\s+(?:(?:late|early)\s+)?(?:on\s+)?$", re.IGNORECASE)


def _event_date(dates: list[tuple[int, int, EventDate]], t_start: int,
                published: date | None, sentence: str = "") -> tuple[EventDate | None, float]:
    """The date expression nearest the trigger, else the publication day.  A date
    across a coordinated verb ("... in 2014 and recognized ...") belongs to the other
    verb, so it is taken only when no date shares the trigger's side; one inside a
    relative clause the trigger is not in dates what that clause tells ("the war, which
    began with the invasion in March 2003")."""
    if dates and "," in sentence:
        clauses = [(m.start(), m.end()) for m in _RELATIVE_CLAUSE.finditer(sentence)]
        if clauses:
            dates = [d for d in dates if not any(
                lo <= d[0] < hi and not lo <= t_start < hi for lo, hi in clauses)]
    if dates:
        def key(d: tuple[int, int, EventDate]) -> tuple[bool, bool, int]:
            lo, hi = (d[1], t_start) if d[1] <= t_start else (t_start, d[0])
            crossed = lo < hi and any(
                m.start() < hi for m in _COORDINATION.finditer(sentence, lo, hi + 30))
            # when it was told, not when it happened: "..., officials said on Monday"
            told = (_TOLD_ON.search(sentence, max(0, d[0] - 30), d[0]) is not None
                    or _SINCE.search(sentence, max(0, d[0] - 16), d[0]) is not None)
            return (crossed, told,
                    min(abs(d[0] - t_start), abs(d[1] - t_start)))
        # A lone date needs no ranking (the key's coordination search is the cost).
        nearest = dates[0] if len(dates) == 1 else min(dates, key=key)
        return nearest[2], _DATED
    if published is not None:
        return publication_event_date(published), _PUBLICATION
    return None, _UNDATED


# --------------------------------------------------------------------------- events

def _event_id(doc_id: str, event_type: str, place: Place, when: EventDate | None,
              start: int) -> str:
    key = "|".join((doc_id, event_type, place.id, when.value if when else "", str(start)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    paragraph_start: int
    text: str


def _first_chars(items) -> tuple[frozenset[str] | None, bool]:
    """Lowercase ASCII characters a parsed regex can start with (None: any), and
    whether it can match the empty string.  A superset is always safe."""
    from re import _constants as c

    first: set[str] = set()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width
        if op is c.LITERAL:
            ch = chr(av)
            if not ch.isascii():
                return None, False
            chars, nullable = {ch.lower()}, False
        elif op is c.IN:
            chars, nullable = set(), False
            for iop, iav in av:
                if iop is c.LITERAL and chr(iav).isascii():
                    chars.add(chr(iav).lower())
                elif iop is c.RANGE and iav[1] < 128:
                    chars.update(chr(x).lower() for x in range(iav[0], iav[1] + 1))
                else:
                    return None, False
        elif op is c.SUBPATTERN:
            chars, nullable = _first_chars(av[3])
        elif op is c.ATOMIC_GROUP:
            chars, nullable = _first_chars(av)
        elif op is c.BRANCH:
            chars, nullable = set(), False
            for alt in av[1]:
                sub, sub_null = _first_chars(alt)
                if sub is None:
                    return None, False
                chars |= sub
                nullable = nullable or sub_null
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            chars, nullable = _first_chars(av[2])
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if chars is None:
            return None, False
        first |= chars
        if not nullable:
            return frozenset(first), False
    return frozenset(first), True


def _row_first_chars(trig: Trigger) -> frozenset[str] | None:
    from re import _parser  # the regex parser's internals

    try:
        chars, nullable = _first_chars(_parser.parse(trig.regex.pattern, trig.regex.flags))
    except Exception:  # an unusual pattern: try the row everywhere
        return None
    return None if nullable else chars


#: Characters of a row's start read by :func:`_prefixes` (more: a sharper scan).
_PREFIX_LEN = 6
#: Above this many distinct starts a row's prefixes are not worth spelling out.
_MAX_PREFIXES = 400
_ASCII = frozenset(map(chr, range(128)))
#: What ``\w``, ``\s`` and ``\d`` match in ASCII text (lowercase).
_CATEGORIES = {
    "CATEGORY_WORD": frozenset(ch.lower() for ch in _ASCII if ch.isalnum() or ch == "_"),
    "CATEGORY_SPACE": frozenset(ch for ch in _ASCII if ch.isspace()),
    "CATEGORY_DIGIT": frozenset("0123456789"),
}
_ANY = frozenset(ch.lower() for ch in _ASCII)

Prefix = tuple[frozenset[str], ...]


def _char_class(items) -> frozenset[str] | None:
    """The lowercase ASCII characters a parsed literal or ``[...]`` matches, ignoring
    case (None: it is negated or names a category not handled)."""
    from re import _constants as c

    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            chars |= _ascii_folds(chr(av))
        elif op is c.RANGE and av[1] - av[0] < 1024:
            for x in range(av[0], av[1] + 1):
                chars |= _ascii_folds(chr(x))
        elif op is c.CATEGORY and str(av) in _CATEGORIES:
            chars |= _CATEGORIES[str(av)]
        else:
            return None
    return frozenset(chars)


@cache
def _ascii_folds(ch: str) -> frozenset[str]:
    """The ASCII characters (lowercase) that ``ch`` matches ignoring case: its own
    lowercase, or for a few others the letter they fold to (the Kelvin sign: k)."""
    if ch.isascii():
        return frozenset(ch.lower())
    return frozenset(x.lower() for x in _ASCII if re.fullmatch(re.escape(ch), x, re.IGNORECASE))


def _prefixes(items, k: int = _PREFIX_LEN) -> set[Prefix] | None:
    """How a parsed regex can start in ASCII text: each prefix is a tuple of up to ``k``
    character sets (shorter: the match can end there), and every match starts with one
    of them.  None when that cannot be spelled out cheaply."""
    from re import _constants as c

    result: set[Prefix] = {()}
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: a superset is safe
        step: set[Prefix] | None
        if op is c.LITERAL or op is c.IN:
            chars = _char_class([(op, av)] if op is c.LITERAL else av)
            step = None if chars is None else {(chars,)}
        elif op in (c.ANY, c.NOT_LITERAL):
            step = {(_ANY,)}
        elif op is c.SUBPATTERN:
            step = _prefixes(av[3], k)
        elif op is c.BRANCH:
            alts = [_prefixes(alt, k) for alt in av[1]]
            step = None if None in alts else set().union(*alts)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            step = _repeat(av[0], av[1], _prefixes(av[2], k), k)
        else:
            step = None
        if step is None:
            return None
        result = _concat(result, step, k)
        if len(result) > _MAX_PREFIXES:
            return None
        if all(len(p) == k for p in result):
            break
    return result


def _concat(left: set[Prefix], right: set[Prefix], k: int) -> set[Prefix]:
    return {p if len(p) == k else (p + q)[:k] for p in left for q in right}


def _repeat(lo: int, hi: int, item: set[Prefix] | None, k: int) -> set[Prefix] | None:
    """Prefixes of ``item{lo,hi}``: past ``lo + k`` repetitions nothing new can start."""
    if item is None:
        return None
    result: set[Prefix] = set()
    current: set[Prefix] = {()}
    for n in range(min(hi, lo + k) + 1):
        if n >= lo:
            result |= current
        current = _concat(current, item, k)
        if len(current) > _MAX_PREFIXES:
            return None
    return result


def _row_prefixes(trig: Trigger) -> set[Prefix] | None:
    from re import _parser

    try:
        prefixes = _prefixes(_parser.parse(trig.regex.pattern, trig.regex.flags))
    except Exception:  # an unusual pattern: no prefixes, the exact scan is used
        return None
    return None if not prefixes or () in prefixes else prefixes


def _class_regex(chars: frozenset[str]) -> str:
    """``chars`` (lowercase) as a literal, or a class when there are several."""
    if len(chars) == 1:
        return re.escape(next(iter(chars)))
    return "[" + "".join(map(re.escape, sorted(chars))) + "]"


def _prefix_scan(all_prefixes: list[set[Prefix]]) -> re.Pattern:
    """A case-sensitive scan for lowercased ASCII sentences: every word start where some
    row's first characters stand.  Its branches each start with a plain letter, which
    the regex engine tests without entering them, so it runs several times faster than
    the exact scan, at the cost of some hits where no row matches."""
    trie: dict = {}
    for prefixes in all_prefixes:
        for prefix in prefixes:
            if not all(prefix):
                continue  # a character ASCII text cannot hold
            node = trie
            for chars in prefix:
                node = node.setdefault(chars, {})
            node[None] = {}  # a row can start with just this

    def alternation(node: dict) -> str:
        if None in node:
            return ""
        if not node:
            return "(?!)"  # no row can match ASCII text
        return "(?:" + "|".join(_class_regex(chars) + alternation(child)
                                for chars, child in node.items()) + ")"

    return re.compile(rf"(?<![\w-]){alternation(trie)}")


#: How many characters of lowercased ASCII text choose the rows to try at a position
#: (three leave about one row per word where any row may start; two left four).
_LEAD_LEN = 3


def _lead_rows(all_prefixes: list[set[Prefix]]) -> dict[str, tuple[int, ...]]:
    """Rows by the first :data:`_LEAD_LEN` characters (lowercase) of the ASCII text
    where they may start."""
    leads: dict[str, list[int]] = {}
    for i, prefixes in enumerate(all_prefixes):
        keys = {"".join(chars) for p in prefixes for chars in product(
            *(p[j] if j < len(p) else _ANY for j in range(_LEAD_LEN)))}
        for key in sorted(keys):
            leads.setdefault(key, []).append(i)
    return {key: tuple(rows) for key, rows in leads.items()}


@dataclass(frozen=True, slots=True)
class _TriggerIndex:
    """Where a sentence can hold a trigger, and which rows to try there."""

    scan: re.Pattern  # finds every position where some row may match
    ascii_scan: re.Pattern | None  # the same for ASCII text, faster; more hits
    lead_rows: dict[str, tuple[int, ...]]  # ASCII text: first characters (lowercase) -> rows
    rows: dict[str, tuple[int, ...]]  # first character (lowercase ASCII) -> rows, in order
    anywhere: tuple[int, ...]  # rows to try at any other ASCII character
    everywhere: tuple[int, ...]  # every row: for a non-ASCII character
    keys: tuple[tuple, ...]  # each row's :func:`_row_key`


def _row_key(trig: Trigger) -> tuple:
    """What :func:`_triggers` keeps one trigger of: event type, sub-event type and
    whether it refers back ("a second raid")."""
    return trig.event_type, trig.sub_event_type, "anaphor" in trig.needs


_INDEX_MEMO: list[tuple[tuple[Trigger, ...], _TriggerIndex | None]] = []


def _trigger_index(vocab: tuple[Trigger, ...]) -> _TriggerIndex | None:
    """One scan per sentence finds where to try the rows; the first character there
    narrows 105 rows down to the few that can start with it.  Memoised by identity
    (hashing 105 rows per document costs more than the lookup saves)."""
    for known, index in _INDEX_MEMO:
        if known is vocab:
            return index
    index = _build_trigger_index(vocab)
    _INDEX_MEMO[:] = [*_INDEX_MEMO[-7:], (vocab, index)]
    return index


def _build_trigger_index(vocab: tuple[Trigger, ...]) -> _TriggerIndex | None:
    if not vocab:
        return None
    firsts = [_row_first_chars(t) for t in vocab]
    anywhere = [i for i, f in enumerate(firsts) if f is None]
    chars = sorted(set().union(*(f for f in firsts if f is not None)))
    rows = {ch: tuple(i for i, f in enumerate(firsts) if f is None or ch in f) for ch in chars}

    def body(i: int) -> str:
        return f"(?:{vocab[i].pattern or vocab[i].regex.pattern})"

    groups = [f"(?={re.escape(ch)})(?:{'|'.join(body(i) for i in idx if firsts[i])})"
              for ch, idx in rows.items() if any(firsts[i] for i in idx)]
    if anywhere:
        groups.append("|".join(body(i) for i in anywhere))
    # One word-start check per position, not one per row: most positions are mid-word.
    scan = re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})", re.IGNORECASE)
    prefixes = [_row_prefixes(t) for t in vocab]
    if None in prefixes:
        ascii_scan, lead_rows = None, {}
    else:
        ascii_scan, lead_rows = _prefix_scan(prefixes), _lead_rows(prefixes)
    return _TriggerIndex(scan, ascii_scan, lead_rows, rows, tuple(anywhere),
                         tuple(range(len(vocab))), tuple(map(_row_key, vocab)))


def _rows_at(text: str, at: int, index: _TriggerIndex, lower: str | None
             ) -> tuple[int, ...]:
    """The rows that can match at ``at``, in vocabulary order; ``lower``: the text
    lowercased, when its characters from ``at`` on that choose the rows are ASCII."""
    if lower is not None and at + _LEAD_LEN <= len(lower):
        return index.lead_rows.get(lower[at:at + _LEAD_LEN], ())
    ch = text[at]
    return index.rows.get(ch.lower(), index.anywhere) if ch.isascii() else index.everywhere


Positions = list[tuple[int, tuple[int, ...]]]


def _triggers(sentence: str, vocab: tuple[Trigger, ...], positions: Positions,
              keys: tuple[tuple, ...]) -> dict[tuple, tuple[Trigger, int, int]]:
    """Best realis trigger per :func:`_row_key` (``keys``: of each row) in one sentence
    (offsets relative to it), trying the rows at the ``positions`` :class:`_TriggerScan`
    gives: "annexed Crimea ... and recognized the republics as independent" is two
    strategic developments, at their own places."""
    best: dict[tuple, tuple[Trigger, int, int]] = {}
    modality = _Modality(sentence)
    for at, rows in positions:
        for i in rows:
            trig, key = vocab[i], keys[i]
            held = best.get(key)
            if held is not None and trig.weight <= held[0].weight:
                continue  # the first of the heaviest stays, here and at later positions
            m = trig.regex.match(sentence, at)
            if m is None:
                continue
            start, end = m.span()
            if modality.irrealis(start, end) or _inside_heavier(trig, start, end, best):
                continue  # (the "attack" of "a missile attack": see _outermost)
            if "year" in sentence and _RECALLED.search(sentence, max(0, start - 60), start):
                continue  # "last year's deadly protests": recalled, and no lighter
                # trigger of this sentence's own event should yield to it
            if _HABIT_AFTER.match(sentence, end):
                continue  # "Kidnappings have become common in Kaduna": a habit (and a
                # later "gunmen kidnapped 20 pupils" still tells one)
            best[key] = (trig, start, end)
    return _outermost(best, sentence) if len(best) > 1 else best


#: A trigger's modifier that makes it an event of last year: "last year's protests".
_RECALLED = re.compile(r"\b(?:last|previous)\s+year['\u2019]s\s+(?:[\w-]+\s+){0,3}$",
                       re.IGNORECASE)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class _TriggerScan:
    """Where triggers may start in a document: one prefix scan of the whole text, its
    hits handed out to the sentences by offset (a scan per sentence cost more in calls
    than in scanning).

    The hits in a sentence are a superset of those the scan of the sentence alone
    finds, which is all :func:`_triggers` needs (extra positions and rows match
    nothing): the scan has no lookahead, so text after the sentence only adds hits;
    its lookbehind sees before a sentence a space or closing punctuation, as good as
    the start of the text; and the rows chosen by the characters at a hit are a
    superset of those that can match there, whatever follows the match."""

    __slots__ = ("index", "hits", "rows", "near")

    def __init__(self, text: str, index: _TriggerIndex | None):
        self.index = index
        self.hits: list[int] = []
        self.rows: list[tuple[int, ...]] = []  # to try at each hit
        self.near: list[int] = []
        if index is None or index.ascii_scan is None:
            return
        # The fast prefix scan reads the text lowercased, every character beyond ASCII
        # as "?"; where it may have read one, the exact scan of the sentence decides.
        near = _near_non_ascii(text)
        lower = (text.encode("ascii", "replace").decode("ascii") if near else text).lower()
        self.hits = [hit.start() for hit in _overlapping(index.ascii_scan, lower)
                     if hit.start() not in near]
        # ASCII from each hit on; the lookup of :func:`_rows_at` inlined, but at the end
        leads, last = index.lead_rows, len(lower) - _LEAD_LEN
        self.rows = [leads.get(lower[at:at + _LEAD_LEN], ()) if at <= last
                     else _rows_at(lower, at, index, lower) for at in self.hits]
        self.near = sorted(near)

    def positions(self, sentence: str, start: int) -> Positions:
        """Each position of ``sentence`` (at ``start`` in the text) where a trigger may
        start, with the vocabulary rows to try there (a superset of the rows whose
        regex matches there), in order; offsets relative to the sentence."""
        index = self.index
        if index is None:
            return []
        if index.ascii_scan is None:  # a vocabulary the prefix scan cannot spell out
            return [(hit.start(), _rows_at(sentence, hit.start(), index, None))
                    for hit in _overlapping(index.scan, sentence)]
        end = start + len(sentence)
        i, j = bisect_left(self.hits, start), bisect_left(self.hits, end)
        found = [(at - start, rows)
                 for at, rows in zip(self.hits[i:j], self.rows[i:j], strict=True)]
        near = self.near[bisect_left(self.near, start):bisect_left(self.near, end)]
        if near:
            found += [(at - start, _rows_at(sentence, at - start, index, None))
                      for at in near if index.scan.match(sentence, at - start)]
            found.sort()
        return found


def _trigger_positions(sentence: str, index: _TriggerIndex | None) -> Positions:
    """:meth:`_TriggerScan.positions` of a text that is one sentence."""
    return _TriggerScan(sentence, index).positions(sentence, 0)


def _near_non_ascii(text: str) -> set[int]:
    """The positions where the prefix scan reads a character beyond ASCII: the one
    before the position or one of the :data:`_PREFIX_LEN` from it (none in ASCII text)."""
    if text.isascii():
        return set()
    return {at for ch in _NON_ASCII.finditer(text)
            for at in range(max(0, ch.start() - _PREFIX_LEN + 1),
                            min(ch.start() + 2, len(text)))}


def _overlapping(scan: re.Pattern, text: str) -> Iterator[re.Match]:
    """Every match of ``scan`` in ``text``, each searched from one past the last start
    (a trigger may start inside the prefix another one starts with)."""
    pos = 0
    while hit := scan.search(text, pos):
        yield hit
        pos = hit.start() + 1


def _span_start(m: Mention) -> int:
    return m.span.start


def _place_for(doc: Document, sent: _Sentence, places: _Places, trig: Trigger,
               t_start: int, t_end: int, sites: list[_Site]) -> tuple[Mention | None, float]:
    """Fallback chain: strong sentence place (of its ``sites``), weak one, paragraph,
    document focus, and last where someone in the sentence is from."""
    literal = places.literal
    strong, weak, home = _sentence_place(doc.text, sites, trig, t_start, t_end)
    if strong:
        return strong
    if "locative" in trig.needs:
        return None, 0.0
    m = _anaphor_place(places.nouns, sent, literal, t_start, places.focus)
    if m:
        return m, _ANAPHOR
    if weak:
        return weak
    if trig.event_type in PARAGRAPH_FALLBACK:
        m = _paragraph_place(places, sent.paragraph_start, sent.start)
        if m:
            return m, _PARAGRAPH
        m = _dateline_place(doc, literal, sent)
        if m:
            return m, _DATELINE
    if trig.event_type in DOCUMENT_FALLBACK:
        m = places.focus
        if m:
            return m, _DOCUMENT
    if home:
        return home
    return None, 0.0


class _Places:
    """A document's literal mentions in text order, with what placing its events looks
    up in them again and again."""

    def __init__(self, text: str, mentions: list[Mention]):
        self.literal = sorted((m for m in mentions if _literal(m)), key=_span_start)
        self.starts = [m.span.start for m in self.literal]
        self.nouns = _Introductions(text, self.starts)
        #: Mentions of where someone is from ("Floyd, 45, of Los Angeles"): no place to
        #: fall back on for a sentence that names none.
        self.homes = frozenset(m.span.start for m in self.literal
                               if _home(text, m.span.start, m.span.end))

    def lived_in(self, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` but those of where someone is from."""
        return [m for m in mentions if m.span.start not in self.homes] if self.homes \
            else mentions

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions starting in ``start:end``, found by bisection."""
        return self.literal[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    @cached_property
    def focus(self) -> Mention | None:
        """:func:`_document_focus` of the document, found once."""
        return _document_focus(self.lived_in(self.literal))


#: A flight verb right before a violent trigger: "fleeing fighting", "fled the shelling",
#: "have sheltered from the fighting".
_FLIGHT_CAUSE = re.compile(
    r"\b(?:flee(?:ing|s)?|fled|escap(?:e|ed|es|ing)|(?:shelter(?:ed|ing|s)?|(?:took|taken"
    r"|taking|sought|seeking)\s+refuge)\s+from)\s+(?:the\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE)
_FLIGHT_CAUSE_FOLDED = _case_folded(_FLIGHT_CAUSE)


#: Triggers lighter than this are generic words ("attack", "offensive", "assault").
GENERIC_WEIGHT = 0.5
#: "the", "this" or "that" right before a trigger: an event of its family told before.
_DEFINITE = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)
#: The same with a name before a noun trigger: "the Djibo attack" (see :func:`_retold`).
_DEFINITE_NAMED = re.compile(r"\b(?:the|this)\s+(?-i:[A-Z][\w'\u2019-]*\s+){1,2}$",
                             re.IGNORECASE)
def _retold(sentence: str, claim: _Claim) -> bool:
    """Whether the claim's trigger is a definite noun phrase, an event told before: "the
    fighting", "the Djibo attack" (a name between only before a noun: "On Tuesday the
    Taliban attacked" tells a new one)."""
    lo = max(0, claim.start - 80)  # (both end at the trigger: no need to scan from 0)
    if _DEFINITE.search(sentence, lo, claim.start):
        return True
    word = sentence[claim.start:claim.end].split()[0].lower()
    return not word.endswith(("ed", "ing")) and _DEFINITE_NAMED.search(
        sentence, lo, claim.start) is not None


#: Families whose event "the ..." retells when one was told before ("the fighting", "The
#: talks came a day after ..."; talks only of the same day: "resumed the talks in Geneva"
#: on another is a new round).
_RETOLD = VIOLENT | {"negotiations"}
#: What opens a sentence whose generic trigger names a violent event told before.
_BACK_REFERENCES = frozenset({"The ", "This ", "That "})


def _anaphoric_type(prior: Sequence[Event]) -> tuple[str, str | None] | None:
    """"A second raid": the type of the document's last violent event, if any."""
    for e in reversed(prior):
        if e.event_type in VIOLENT:
            return e.event_type, e.sub_event_type
    return None


class _Claim(NamedTuple):
    """A trigger its sentence states as having happened, with the date it gets there."""

    trigger: Trigger
    start: int  # offsets in the sentence
    end: int
    when: EventDate | None
    date_factor: float


@dataclass(slots=True)
class _Reading:
    """What a sentence's own words state, wherever it stands in the document."""

    claims: list[_Claim]
    fatalities: int | None
    injured: int | None
    sentence: str
    actors: dict[tuple[int, int, int], str | None]  # memo of :func:`_clause_actors`
    names_actors: bool | None = None  # :func:`_may_name_actors` of the sentence

    def clause_actors(self, start: int, end: int, skip: int) -> str | None:
        """:func:`_clause_actors` of the trigger at ``start:end``, found once."""
        if self.names_actors is None:
            self.names_actors = _may_name_actors(self.sentence)
        if not self.names_actors:
            return None  # none in the sentence, so none in the clause: no need to find it
        key = (start, end, skip)
        if key not in self.actors:
            self.actors[key] = _clause_actors(self.sentence, start, end, skip)
        return self.actors[key]


_NOTHING = _Reading([], None, None, "", {})


def _read(sentence: str, published: date | None, vocab: tuple[Trigger, ...],
          positions: Positions, keys: tuple[tuple, ...]) -> _Reading:
    """The sentence's realis triggers (tried at ``positions``; ``keys`` as for
    :func:`_triggers`), dated, and its casualty counts: everything about it that does
    not depend on the places and events around it."""
    if not positions:
        return _NOTHING
    found = _triggers(sentence, vocab, positions, keys)
    if not found:
        return _NOTHING
    dates = find_dates(sentence, published)
    fatalities, injured = find_counts(sentence, [(s, e) for s, e, _ in dates])
    has_count = fatalities is not None or injured is not None
    haystack, flight = _haystack(sentence, _FLIGHT_CAUSE, _FLIGHT_CAUSE_FOLDED)
    claims = []
    for trig, start, end in found.values():
        if "count" in trig.needs and not has_count:
            continue
        if (trig.needs or trig.sub_event_type == "non_violent_transfer_of_territory") and (
                not _context_allows(trig, sentence, start)):
            continue
        if trig.event_type == "casualties_report" and (
                _NOT_VIOLENCE.search(sentence) or _in_a_wars_clause(sentence, start)
                or _PERIOD_TOLL.match(sentence, start)):
            continue  # "the outbreak has killed 61", "ducks that have died", a crash, "a
            # civil war that killed 400,000": what a war cost, told as background
        if trig.event_type in VIOLENT and flight.search(haystack, 0, start):
            continue  # "families fleeing fighting": why they fled, not an event reported
        if sentence.startswith(("fighting", "Fighting"), start) and _WHO_FIGHT.search(
                sentence, 0, start):
            continue  # who they are, not a battle: "French jihadists fighting in Syria"
        if sentence[start].isupper() and _in_a_name(sentence, start, end):
            continue  # "the Chemical Weapons Act", "North Summit School District"
        when, date_factor = _event_date(dates, start, published, sentence)
        if when is not None and published is not None and when.start > published:
            continue  # dated after publication: announced, not happened
        if (trig.event_type == "casualties_report" and when is not None
                and when.precision == "year" and published is not None
                and when.end < published):
            continue  # a past year's total: "more than 5,600 people were killed in 2024"
        if when is not None and published is not None and (
                _past_year_modifier(sentence, dates, when, start, published)
                or _running_since(sentence, dates, when, published, start)
                or _history_aside(sentence, start, when, published)):
            continue  # "fighting the government since 2006", "200 killed since May 2023":
            # a running total or an ongoing war, no event
        claims.append(_Claim(trig, start, end, when, date_factor))
    if (fatalities is None or injured is None) and any(
            c.trigger.event_type in VIOLENT for c in claims):
        fatalities, injured = _one_person(sentence, fatalities, injured)
    return _Reading(claims, fatalities, injured, sentence, {})


#: A plural noun right before "fighting", which it qualifies ("the coalition fighting
#: in Yemen", "jihadists fighting in Iraq"; not "heavy fighting", "as fighting raged").
_WHO_FIGHT = re.compile(
    r"\b(?:(?!(?:was|has|as|its|thus|yes|does|whereas|says|reports|sees|saw|faces|warns"
    r"|claims|denies|fears|expects|ends|begins|continues|resumes|stops|halts|sparks|triggers"
    r"|follows|means|describes|shows|blames|condemns|includes|involves|marks)\b)"
    r"[a-z]*[^\Wsiu]s|coalition|army|militia|group)\s+$", re.IGNORECASE)


#: Last words of the names of bodies, laws and places that hold a trigger's word.
_NAME_HEADS = frozenset("""act acts convention treaty office district school committee
    commission department agency center centre association council foundation institute
    ministry bureau party service union court university college organisation
    organization prohibition program programme project fund trust society club league
    museum memorial hospital award prize""".split())
_NAME_CONNECTORS = frozenset("of for and the on de".split())
_RUN_AFTER = re.compile(r"(?:\s+(?:(?:of|for|and|the|on|de)\s+)?[A-Z][\w'’-]*)+")
_RUN_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|on|de)\s+)?)+$")


def _in_a_name(sentence: str, start: int, end: int) -> bool:
    """Whether the capitalised trigger at ``start:end`` is a word of a longer name
    holding a body's or a law's word ("the Chemical Weapons Act", "the Office for Trade
    Negotiations"), in running text (not a headline in title case)."""
    after = _RUN_AFTER.match(sentence, end)
    before = _RUN_BEFORE.search(sentence, max(0, start - 120), start)
    if after is not None and after.group().split()[0].lower() in _NAME_CONNECTORS:
        after = None  # "Shelling of Kherson University": what was hit, not a name
    name = (before.group() if before else "").split() + (after.group() if after else "").split()
    if not any(word.lower().strip("'’,.") in _NAME_HEADS for word in name):
        return False
    words = sentence.split()
    return sum(w[:1].islower() for w in words) * 3 >= len(words)  # not "Blast Injures Three"


#: Who flees in a displacement: a population, not a suspect or a car ("the suspect fled
#: the scene"): people or a number of them (or a people, see :func:`_has_population`).
_POPULATION = re.compile(
    r"\b(?:people|persons|residents|civilians|famil(?:y|ies)|villagers|refugees|thousands"
    r"|hundreds|millions|dozens|children|women|inhabitants|migrants|households|population"
    r"|evacuees|citizens|locals|minorit(?:y|ies)|communit(?:y|ies))\b", re.IGNORECASE)
#: Endings of peoples the demonym list lacks ("Gazans", "Donetskians"; not "-is" or
#: "-ers": Memphis, Rogers).
_PEOPLE_ENDINGS = ("ians", "ans", "ese")
#: Capitalised plurals, which may be a people ("Ukrainians", "Somalis", "Chinese").
_PLURAL_NAME = re.compile(r"\b[A-Z][a-z]+(?:s|ese)\b")


def _has_population(sentence: str) -> bool:
    """Whether the sentence names a population: people, or a people ("Ukrainians";
    not "Memphis" or "Davis", which only look like one)."""
    if _POPULATION.search(sentence):
        return True
    peoples = demonyms()
    return any(fold(m.group()) in peoples or m.group().endswith(_PEOPLE_ENDINGS)
               for m in _PLURAL_NAME.finditer(sentence))


#: Words that open a phrase before a sentence's subject: "Amid a flood of migrants, the
#: minister visited Lampedusa" (but "A group of tourists, mostly retirees, arrived").
_OPENING_PHRASE = re.compile(
    r"\s*(?:amid|after|before|during|despite|following|with|while|as|in|on|since|although"
    r"|though|because|unlike|like)\b", re.IGNORECASE)
#: Visitors who are no envoys: "an aid worker who visited the hospital", "the family
#: arrived in Greece".
_PRIVATE_VISITORS = re.compile(
    r"\b(?:tourists?|visitors?|children|students?|patients?|workers?|famil(?:y|ies)|fans"
    r"|migrants|refugees|smugglers?|customers|travell?ers|passengers|pilgrims|wife|husband"
    r"|son|daughter|mother|(?<!holy\s)father|boy|girl|police|officers|detectives|soldiers"
    r"|my|our|(?-i:I|we|We))\b",
    re.IGNORECASE)
#: People in general, private visitors as the subject itself: "people who took the tour
#: visited", "A New Jersey woman ... visiting" (not "A couple of days later, Blinken
#: arrived", "the leader of 1.3 billion people arrived", "the first woman to").
_PRIVATE_SUBJECT = re.compile(
    r"\s*(?:[\w.-]+\s+){0,3}?(?:man|men|woman|women|couple|residents?|people|person|friends"
    r"|relatives|volunteers|parents|kids|teens?|teenagers?)\b(?!['’]s|\s+of\b)",
    re.IGNORECASE)
#: Deaths that are no violence: disease ("91 cases", not "in some cases"), animals,
#: accidents and disasters (not cattle, whose raids kill herders).
_NOT_VIOLENCE = re.compile(
    r"\b(?:outbreaks?(?!\s+of\s+(?:civil\s+)?(?:war|violence|fighting|hostilities|clashes))"
    r"|gas\s+(?:explosions?|blasts?|leaks?)|(?<!land\s)mine\s+(?:explosions?|blasts?|collapses?)"
    r"|virus|viral|diseases?|infect\w*|flu"
    r"|(?<!some\s)(?<!many\s)(?<!other\s)(?<!most\s)(?<!such\s)(?<!both\s)(?<!these\s)cases"
    r"|influenza|plague|cholera"
    r"|ebola|measles|malaria|epidemics?|pandemics?|illness|sick|birds|ducks|poultry"
    r"|(?:house|home|trailer|apartment|building|wild|brush|grass|forest|bush)\s*fires?"
    r"|(?:due\s+to|because\s+of)\s+injur(?:y|ies)|liquor|alcohol"
    r"|sheep|pigs|fish|animals|dogs|horses|geese|chickens|swans|wildlife"
    r"|heat ?waves?|floods?|flooding|earthquakes?|storms?|hurricanes?|typhoons?|cyclones?"
    r"|tornado(?:es)?|blizzards?|snow|avalanches?|lightning|drown\w*|trees?"
    r"|landslides?|crash(?:es|ed)?|accidents?|overdoses?|cancer"
    # bodies handed over in a swap: "to return the bodies of 6,000 dead soldiers each"
    r"|(?:return(?:ed|ing)?|repatriat\w+|exchang\w+|swap\w*|hand(?:ed|ing)?\s+over)\s+"
    r"(?:the\s+)?(?:remains|bodies))\b", re.IGNORECASE)


#: Harm whose cause is no violence, in the sentences around a toll or an evacuation
#: (the sentence itself is tested against :data:`_NOT_VIOLENCE`): "killed after crashing
#: his car", "carbon monoxide", "food poisoning", a gas leak, a power outage.
_HARMLESS_CAUSE = re.compile(
    r"\b(?:crashing|poison\w*|tainted|blaze|leak(?:s|ed|ing)?|hazmat|white\s+powder"
    r"|carbon\s+monoxide|collaps\w*|derail\w*|fever|outages?|blackouts?|hypoglyc\w*"
    r"|swine|bird\s+flu|h\dn\d|collisions?|wreck(?:s|ed)?|heart\s+attacks?)\b",
    re.IGNORECASE)
#: What makes harm violence: weapons, armed actors, attacks and crimes against people.
_VIOLENCE_CUE = re.compile(
    r"\b(?:(?<!heart\s)attack\w*|shootings?|gunm[ae]n|gunfire|gunshots?|shot\s+dead|stabb\w*"
    r"|bomb\w*|explosives?|militan\w*|insurgen\w*|rebels?|troops|soldiers|army|military"
    r"|forces|air\s?strikes?|air\s+raids?|shell(?:ing|ed|s)|artillery|missiles?|rockets?"
    r"|mortars?|murder\w*|massacre\w*|war|clash\w*|fighting|terror\w*|assault\w*"
    r"|ambush\w*|riot\w*|violen\w*|homicides?|slain|killers?|hostages?|kidnap\w*"
    r"|abduct\w*|raids?|gunned|drones?|shaheds?|strikes?|shot|shooting|warplanes?"
    r"|grenades?|landmines?|ieds?)\b", re.IGNORECASE)
_VIOLENCE_CUE_FOLDED = _case_folded(_VIOLENCE_CUE)
#: Either of them, in one pass.
_HARM_CAUSE = re.compile(f"{_NOT_VIOLENCE.pattern}|{_HARMLESS_CAUSE.pattern}", re.IGNORECASE)
_HARM_CAUSE_FOLDED = _case_folded(_HARM_CAUSE)
#: Event types whose harm may have a cause that is no violence (a toll, an evacuation,
#: aid, a blast): kept only if the story around them says violence caused it.
_HARM_TYPES = frozenset({"casualties_report", "displacement", "humanitarian",
                         "explosions_remote_violence"})
#: How many sentences before the event's own are read for its cause (with the lead).
CAUSE_SENTENCES = 2


def _may_be_harmless(event: Event) -> bool:
    """Whether ``event`` could be harm with a cause that is no violence: a toll, an
    evacuation, aid, or an explosion only a generic word told ("the blast")."""
    if event.event_type == "explosions_remote_violence":
        cue = _KIND_CUE.get(event.sub_event_type or "")
        return cue is not None and not cue.search(event.evidence)
    return event.event_type in _HARM_TYPES


class _Causes:
    """What each sentence of a document says caused harm, read once per sentence and
    only as far as needed (violence first: most stories that have tolls have it)."""

    __slots__ = ("sentences", "_violent", "_harmless", "_kinds", "_near")

    def __init__(self, sentences: list[_Sentence]):
        self.sentences = sentences
        self._violent: dict[int, bool] = {}
        self._harmless: dict[int, bool] = {}
        self._kinds: dict[int, tuple[str, ...]] = {}
        self._near: dict[int, str | None] = {}

    def violent(self, k: int) -> bool:
        hit = self._violent.get(k)
        if hit is None:
            text, rx = _haystack(self.sentences[k].text, _VIOLENCE_CUE, _VIOLENCE_CUE_FOLDED)
            hit = self._violent[k] = rx.search(text) is not None
        return hit

    def harmful(self, k: int) -> bool:
        hit = self._harmless.get(k)
        if hit is None:
            text = self.sentences[k].text
            rx = _HARM_CAUSE
            if folds_like_ascii(text):
                text, rx = text.lower(), _HARM_CAUSE_FOLDED
            hit = self._harmless[k] = rx.search(text) is not None
        return hit

    def kinds(self, k: int) -> tuple[str, ...]:
        """The kinds of explosion sentence ``k`` has the cues of, in the order tried."""
        found = self._kinds.get(k)
        if found is None:
            text = self.sentences[k].text
            kinds, any_kind = _EXPLOSIVE_KINDS, _ANY_KIND
            if folds_like_ascii(text):
                text, kinds, any_kind = text.lower(), _EXPLOSIVE_KINDS_FOLDED, _ANY_KIND_FOLDED
            found = self._kinds[k] = tuple(kind for kind, rx in kinds if rx.search(text)) \
                if any_kind.search(text) else ()  # most sentences: none, found in one pass
        return found

    def kind_near(self, k: int) -> str | None:
        """The kind of explosion the sentences nearest ``k`` tell (itself, then out from
        it, then the lead), if any."""
        if k not in self._near:
            near = sorted(range(max(0, k - CAUSE_SENTENCES),
                                min(len(self.sentences), k + CAUSE_SENTENCES + 1)),
                          key=lambda i: (abs(i - k), i > k))
            self._near[k] = next((self.kinds(i)[0] for i in (*near, 0) if self.kinds(i)),
                                 None)
        return self._near[k]

    def harmless(self, k: int) -> bool:
        """Whether the story around sentence ``k`` (the lead, the sentences just before
        it and itself) tells a cause of harm that is no violence, and no violence: "An
        explosion ripped through a noodle restaurant ... caused by a gas leak", cholera
        deaths, a flood evacuation."""
        window = {0, *range(max(1, k - CAUSE_SENTENCES), k + 1)}
        return not any(map(self.violent, window)) and any(map(self.harmful, window))


#: What says which kind of explosion a generic word ("the blast", "the bombing") was,
#: in the order tried; a default kind whose own cue the sentence lacks gives way to them.
_EXPLOSIVE_KINDS = (
    ("suicide_bomb", re.compile(r"\bsuicide\b", re.IGNORECASE)),
    ("remote_explosive_landmine_ied", re.compile(
        r"\b(?:(?:car|truck|roadside|parcel|letter)\s+bombs?|ieds?|improvised|explosive"
        r"\s+devices?|land\s?mines?|(?:by|on|hit|struck)\s+an?\s+(?:[\w-]+\s+)?mine"
        r"|anti-(?:tank|personnel)\s+mines?|mine\s+(?:blast|explosion)s?|trip-?wires?"
        r"|remote(?:ly)?[\s-]+(?:control(?:led)?|detonated)|bomb\s+(?:blasts?|explosions?)"
        r"|bombs?\s+(?:exploded|went\s+off|detonated)|planted)\b", re.IGNORECASE)),
    ("shelling_artillery_missile_attack", re.compile(
        r"\b(?:shell(?:s|ing|ed)?|artillery|rockets?|mortars?|missiles?|bombard\w*"
        r"|howitzers?)\b", re.IGNORECASE)),
    ("air_drone_strike", re.compile(
        r"\b(?:air\s?strikes?|air\s?raids?|air\s?force|warplanes?|(?:fighter|war)\s?jets?"
        r"|drones?|bombers|helicopter\s+gunships?|aerial\s+(?:bombardment|attacks?|bombs?)"
        r"|(?:military|army|its|their)\s+(?:aircraft|planes|jets))\b",
        re.IGNORECASE)),
)


def _explosive_kind(causes: _Causes, k: int, event: Event) -> Event:
    """``event`` with the kind of explosion the story tells when its sentence lacks the
    cue of the default kind a generic word gave it: "blown up by a second mine" is a
    landmine, "The blast" after "A suicide car bomb ..." a suicide bombing (the nearest
    sentences first, then the lead)."""
    if (event.event_type != "explosions_remote_violence"
            or event.sub_event_type not in _DEFAULT_KINDS
            or _KIND_CUE[event.sub_event_type].search(causes.sentences[k].text)):
        return event  # most: "shelling hit the city"
    kind = causes.kind_near(k)
    return event if kind is None or kind == event.sub_event_type else replace(
        event, sub_event_type=kind)


#: What makes an attack a battle: two armed sides ("clashes", "a gun battle", troops).
_TWO_SIDED = re.compile(
    r"\b(?:clash\w*|fight\w*|fought|battles?|firefights?|gunfights?|exchanges?\s+of\s+fire"
    r"|skirmish\w*|offensives?|counter-?attack\w*|front\s?lines?|shoot-?outs?|sieges?)\b",
    re.IGNORECASE)
def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause of ``text`` that holds ``start:end`` (commas, semicolons,
    "while" and the like end clauses)."""
    breaks = list(_CLAUSE_BREAK.finditer(text))
    lo = max((m.end() for m in breaks if m.end() <= start), default=0)
    hi = min((m.start() for m in breaks if m.start() >= end), default=len(text))
    return lo, hi


#: Taking a place, and (after it) the battle it was taken in ("seized the headquarters
#: after a five-week siege"; not "fighting for autonomy", nor the fighting of another
#: clause before it: "after months of fierce fighting, ... since it captured Bakhmut").
_TAKEN = re.compile(r"\b(?:seiz|captur|took\s+control|taken\s+control|overr[au]n|fell\s+to)",
                    re.IGNORECASE)
_TAKEN_IN_BATTLE = re.compile(
    r"\b(?:sieges?|clash\w*|battles?|fighting|fought|offensives?|assaults?|firefights?"
    r"|gunfights?)\b(?!\s+for\b)", re.IGNORECASE)
#: Armed men an attack meets: police, soldiers at a post.
_SECURITY = re.compile(
    r"\b(?:police\s+(?:stations?|posts?|officers?|patrols?|headquarters)|policem[ae]n"
    r"|checkpoints?|barracks|military\s+(?:bases?|posts?|camps?)|army\s+(?:bases?|posts?"
    r"|camps?))\b", re.IGNORECASE)
_PROTESTERS = re.compile(r"\b(?:protesters?|demonstrators?|rioters?)\b", re.IGNORECASE)
#: The words at which protesters make a riot of a battle: "clashes with police", "stormed".
_CLASH_OR_STORM = re.compile(r"\b(?:clash(?:es|ed)?|stormed)\b", re.IGNORECASE)
#: Armed groups that are no state's.
_NON_STATE = re.compile(
    r"\b(?:rebels?|militants?|insurgents?|separatists?|jihadists?|militias?|militiamen"
    r"|guerrillas?|gangs?|(?-i:[A-Z]\w+\s+Army))\b", re.IGNORECASE)
_ATTACK_WORD = re.compile(r"\battack(?:s|ed)?\b", re.IGNORECASE)
#: People or places that make an attack one on civilians.
_CIVILIAN_TARGET = re.compile(
    r"\b(?:people|civilians?|children|women|men|man|woman|passengers|worshippers|shoppers"
    r"|students|tourists|residents|workers|families|family|crowds?|markets?|shops?|stores?"
    r"|malls?|schools?|hospitals?|churche?s?|mosques?|synagogues?|temples?|restaurants?"
    r"|hotels?|bus(?:es)?|cars?|homes?|houses?|ambassador|envoy|journalists?|knife|knives"
    r"|stabb\w*|walmart|dead|killed|killing)\b", re.IGNORECASE)

#: Unarmed people an armed side attacks (no "people", who may be soldiers, nor places).
_VICTIMS = re.compile(
    r"\b(?:civilians|villagers|residents|worshippers|passengers|farmers|herders|shoppers"
    r"|pupils|schoolchildren|mourners|pilgrims|displaced\s+people)\b", re.IGNORECASE)


def _one_sided(causes: _Causes, k: int, event: Event) -> Event:
    """A battle read from a bare "attack" whose sentence names no two armed sides is
    an attack on people: an explosion if the story around tells a bomb ("44 people were
    killed in a PKK attack in Istanbul" after "twin bombings"), else violence against
    civilians ("a knife attack at a Walmart", an envoy shot dead)."""
    text = causes.sentences[k].text
    taken = _TAKEN.search(text) if event.sub_event_type == (
        "non_violent_transfer_of_territory") else None
    if taken is not None and _TAKEN_IN_BATTLE.search(text, taken.end()):
        # "seized a battalion headquarters after a five-week siege": taken in battle
        sub = ("non_state_actor_overtakes_territory" if _NON_STATE.search(text)
               else "armed_clash")
        return replace(event, event_type="battles", sub_event_type=sub)
    if event.event_type != "battles":
        return event
    if event.sub_event_type == "armed_clash" and any(
            _PROTESTERS.search(text, *_clause_around(text, m.start(), m.end()))
            for m in _CLASH_OR_STORM.finditer(text)):
        # "a protester was killed during clashes with police", "protesters stormed the
        # police station": a riot (ACLED)
        return replace(event, event_type="riots", sub_event_type="violent_demonstration")
    if not _ATTACK_WORD.search(text) or _TWO_SIDED.search(text) or _SECURITY.search(text):
        return event  # (an attack on a police station or a checkpoint meets armed men)
    armed = {m.group().lower().rstrip("s") for m in _ARMED.finditer(text)}
    if armed:  # one armed side and its victims: "jihadists killed 20 villagers in an
        # attack on the village" (but "militants attacked an army post": two sides)
        if len(armed) == 1 and _VICTIMS.search(text):
            return replace(event, event_type="violence_against_civilians",
                           sub_event_type="attack")
        return event
    bombed = replace(event, event_type="explosions_remote_violence",
                     sub_event_type="shelling_artillery_missile_attack")
    kind = _explosive_kind(causes, k, bombed)
    if kind is not bombed and kind.sub_event_type in ("suicide_bomb",
                                                      "remote_explosive_landmine_ied"):
        return kind
    if not _CIVILIAN_TARGET.search(text):
        return event  # "Russia attacked Ukrainian positions", "the Taliban attacked a
        # police checkpoint": a side whose name is no armed word is still armed
    return replace(event, event_type="violence_against_civilians", sub_event_type="attack")


#: Who makes a visit or a meeting diplomacy: a state's leaders, ministers and envoys.
_STATE_TITLES = (r"President|Prime\s+Minister|(?:Foreign\s+|Defen[cs]e\s+)?Minister|Premier"
                 r"|Chancellor|Secretary(?:\s+of\s+State|-General)?|Ambassador|Envoy|King"
                 r"|Queen|Prince|Princess|Emir|Sheikh|Pope|Crown\s+Prince|Vice\s+President"
                 r"|Foreign\s+Secretary")
_STATE_TITLED = re.compile(
    rf"(?-i:\b(?:{_STATE_TITLES})\.?\s+(?:[A-Z][\w'’-]*\s+){{0,2}}(?P<surname>[A-Z][\w'’-]+))")
_DIPLOMATS = re.compile(
    rf"(?-i:\b(?:{_STATE_TITLES})\b)|\b(?:president|prime\s+minister|ministers?|premier"
    r"|chancellor|secretary\s+of\s+state|ambassadors?|envoys?|diplomats?|delegations?"
    r"|heads?\s+of\s+state|leaders?|foreign\s+minist\w+|king|queen|emir|pope"
    r"|holy\s+father)\b",
    re.IGNORECASE)


#: A title in lowercase and the name after it: "Ukraine's president, Volodymyr Zelensky".
_STATE_APPOSITIVE = re.compile(
    r"\b(?:president|prime\s+minister|(?:foreign\s+|defen[cs]e\s+)?minister|premier"
    r"|chancellor|secretary\s+of\s+state|ambassador|envoy|king|queen|emir)\s*,?\s+"
    r"(?-i:(?:[A-Z][\w'’-]*\s+){0,2}(?P<surname>[A-Z][\w'’-]+))", re.IGNORECASE)


def _statesmen(text: str) -> frozenset[str]:
    """Surnames the document gives a state title ("Secretary of State Hillary Clinton"
    makes a later "Clinton's first visit" an envoy's, as does "Ukraine's president,
    Volodymyr Zelensky")."""
    return frozenset(m["surname"] for rx in (_STATE_TITLED, _STATE_APPOSITIVE)
                     for m in rx.finditer(text))


def _diplomatic(event: Event, statesmen: Callable[[], frozenset[str]]) -> bool:
    """Whether a visit or a meeting is between states: its sentence names a leader,
    minister or envoy, or a person the story titled so ("Tillerson, who met with
    Trump", a board that "visited residents", a patient who "visited a GP clinic" are
    not)."""
    if event.event_type != "diplomacy" or event.sub_event_type not in ("visit", "summit"):
        return True
    text = event.evidence
    if event.sub_event_type == "summit" and re.search(r"\bsummits?\b", text, re.IGNORECASE):
        return True
    if _DIPLOMATS.search(text):
        return True
    known = statesmen()  # the document's titled names, read only when needed
    return any(name in known for name in re.findall(r"\b[A-Z][\w'’-]+", text))


_EXPLOSIVE_KINDS_FOLDED = tuple((kind, _case_folded(rx)) for kind, rx in _EXPLOSIVE_KINDS)
_ANY_KIND = re.compile("|".join(rx.pattern for _, rx in _EXPLOSIVE_KINDS), re.IGNORECASE)
_ANY_KIND_FOLDED = _case_folded(_ANY_KIND)
_KIND_CUE = dict(_EXPLOSIVE_KINDS)
#: The kinds generic words default to (see :func:`_explosive_kind`).
_DEFAULT_KINDS = frozenset({"shelling_artillery_missile_attack", "air_drone_strike"})


#: Armed actors, whose raids are battles ("Israeli forces killed five during a raid"),
#: where a police raid on a house is none.
_ARMED = re.compile(
    r"\b(?:troops|soldiers|forces|army|military|militants?|fighters|gunmen|rebels"
    r"|insurgents|militia\w*|commandos|paratroopers|marines|jihadists)\b", re.IGNORECASE)


#: A war's or a siege's whole toll, told in a clause about it: "a civil war that killed
#: some 400,000", "the 1992-1995 siege, in which more than 11,000 people were killed".
_A_WARS_TOLL = re.compile(
    r"\b(?:wars?|conflicts?|insurgency|siege|genocide|uprising|revolution|occupation"
    r"|massacres?)(?:\s*,\s*|\s+)(?:that|which|in\s+which|during\s+which)\b"
    # or has taken it: "The conflict has killed more than 6,000 people"
    r"|\b(?:wars?|conflicts?|insurgency|uprising)\s+(?:has|have|had)\s+"
    r"(?:so\s+far\s+|already\s+)?$",
    re.IGNORECASE)
#: A toll of months or years: "500 people were killed in the months of protests".
_PERIOD_TOLL = re.compile(
    r"(?:killed|died|dead)\s+(?:in|over|during)\s+the\s+(?:(?:past|last|following|ensuing)"
    r"\s+)?(?:\w+\s+)?(?:months|years)\b", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:ever\s+)?since\s+(?:(?:early|late|mid)[\s-]+)?$", re.IGNORECASE)
_SINCE_WORD = re.compile(r"\bsince\b", re.IGNORECASE)


def _history_aside(sentence: str, start: int, when: EventDate, published: date) -> bool:
    """Whether the trigger at ``start`` tells, in an aside about someone, what they did
    over a month before publication: "The army, which seized power in February 2021, has
    relied on air power" (a story's main clause keeps its history: "Russia annexed
    Crimea in 2014")."""
    if "," not in sentence or when.text is None or (published - when.start).days <= 31:
        return False
    return any(m.start() < start < m.end() for m in _RELATIVE_CLAUSE.finditer(sentence))


#: What lies between a date that modifies a trigger and the trigger: "last year's
#: deadly anti-tax protests", "2022's bombing" (not "In 2014 Russia annexed").
_BEFORE_ITS_NOUN = re.compile(r"['\u2019]s\s+(?:[\w-]+\s+){0,3}")


def _past_year_modifier(sentence: str, dates: list[tuple[int, int, EventDate]],
                        when: EventDate, start: int, published: date) -> bool:
    """Whether ``when`` is a past year that modifies the trigger at ``start``: "marking
    the anniversary of last year's deadly protests" recalls them, it tells no event."""
    if when.precision != "year" or when.end >= published:
        return False
    at = next((hi for _, hi, d in dates if d is when), None)
    return at is not None and at <= start and _BEFORE_ITS_NOUN.fullmatch(
        sentence, at, start) is not None


def _running_since(sentence: str, dates: list[tuple[int, int, EventDate]], when: EventDate,
                   published: date, start: int = 0) -> bool:
    """Whether ``when`` is where a running total or an ongoing war starts, over a month
    before publication: "since May 2023", or in a clause opened by "since" after the
    trigger at ``start`` ("have been killed since Russia launched its invasion in
    February 2022"); but "since Monday" is this week's news."""
    if (published - when.start).days <= 31:
        return False
    at = next((lo for lo, _, d in dates if d is when), None)
    return at is not None and (_SINCE.search(sentence, max(0, at - 16), at) is not None
                               or start < at and _SINCE_WORD.search(sentence, start, at)
                               is not None)


def _in_a_wars_clause(sentence: str, start: int) -> bool:
    """Whether the toll at ``start`` is told in a clause about a war (see
    :data:`_A_WARS_TOLL`), not after it: "The civil war, which erupted in 1972, has so
    far claimed 70,000 lives" is a report of its toll."""
    ends = [m.end() for m in _A_WARS_TOLL.finditer(sentence, 0, start)]
    return bool(ends) and "," not in sentence[ends[-1]:start]


#: A protest or its people, what makes a scuffle that "turned violent" a riot.
_PROTEST = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|(?-i:march(?:es|ers)?)"
                      r"|sit-ins?)\b", re.IGNORECASE)
#: An election, where towns and seats are won with votes.
_ELECTION = re.compile(r"\b(?:elections?|electoral|votes?|voters|ballots?|polls|seats"
                       r"|mayoral|parliamentary|landslide)\b", re.IGNORECASE)


#: A soldier or fighter among the victims or the targets.
_SOLDIER = re.compile(r"\b(?:soldiers?|troops|servicem[ae]n|fighters?|militants?|combatants?"
                      r"|police(?:m[ae]n)?|officers?)\b", re.IGNORECASE)
#: Armed men of no state, told before state forces kill them.
_FIGHTERS = re.compile(r"\b(?:militants|insurgents|gunmen|rebels|jihadists|fighters|terrorists"
                       r"|bandits|attackers|assailants|militiamen)\b", re.IGNORECASE)
#: State forces, told before they kill armed men.
_STATE_FORCES = re.compile(r"\b(?:troops|soldiers|security\s+forces|police|policemen|army"
                           r"|forces|commandos|paratroopers|marines)\b", re.IGNORECASE)
#: People taken, told before "seized from".
_SEIZED_PEOPLE = re.compile(
    r"\b(?:people|pupils|students|schoolchildren|villagers|passengers|worshippers|children"
    r"|women|men|girls|boys|farmers|residents|teachers|travell?ers|civilians|hostages"
    r"|workers)\b", re.IGNORECASE)
#: What rallies in markets, not streets, and the people who rally in streets.
_MARKET = re.compile(r"\b(?:prices?|shares|stocks?|futures|markets?|bonds?|yields?|dollar|euro"
                     r"|yen|index|indices|currenc(?:y|ies)|equities|crude|commodit(?:y|ies)"
                     r"|investors)\b", re.IGNORECASE)
_CROWD = re.compile(r"\b(?:thousands|hundreds|dozens|protesters|demonstrators|supporters"
                    r"|people|crowds?|traders|workers|students|farmers|residents|activists"
                    r"|opposition)\b", re.IGNORECASE)


#: What makes talks a labour dispute's, not a conflict's.
_LABOUR = re.compile(r"(?<!african\s)(?<!european\s)(?<!soviet\s)\b(?:unions?|union's|wages"
                     r"|wage\s+(?:rise|increase|demands?|dispute|deal|talks)|pay\s+(?:rise|deal"
                     r"|talks)|salar(?:y|ies)|employers?|bargaining|dockworkers|labou?r\s+"
                     r"(?:dispute|talks|ministry))\b", re.IGNORECASE)


#: Needs met by what the sentence names: armed actors ("troops raided", not "police
#: raided"), a protest, a soldier among the victims.
_NEEDS_NAMED = {"armed": _ARMED, "protest": _PROTEST, "soldier": _SOLDIER}
#: ... by what it names before the trigger: armed men of no state ("two gunmen were
#: killed by soldiers"), state forces ("troops killed 12 militants"), people taken
#: ("pupils were seized from a school", not "cocaine was seized from").
_NEEDS_NAMED_BEFORE = {"fighters": _FIGHTERS, "state": _STATE_FORCES,
                       "victims": _SEIZED_PEOPLE}
#: ... by what it does not name: a soldier ("A soldier was killed by sniper fire" is a
#: battle's victim), a labour dispute ("the union's leader said after talks").
_NEEDS_UNNAMED = {"civilian": _SOLDIER, "nolabour": _LABOUR}


def _context_allows(trig: Trigger, sentence: str, start: int) -> bool:
    """Whether the sentence has what the trigger's ``needs`` ask of it beyond a count
    (see :func:`load_vocabulary`): what it must name (:data:`_NEEDS_NAMED`), name before
    the trigger (:data:`_NEEDS_NAMED_BEFORE`) or not name (:data:`_NEEDS_UNNAMED`);
    ``people``, a population that flees; ``rally``, no market without people;
    ``official``, no private visitor in the clause before a visit ("the aid worker who
    visited the hospital"; but "Amid a flood of migrants, the minister visited
    Lampedusa")."""
    needs = trig.needs
    if "people" in needs and not _has_population(sentence):
        return False
    if "rally" in needs and _MARKET.search(sentence) and not _CROWD.search(sentence):
        return False  # "extending a rally that has seen prices double" (but "Thousands
        # rallied against rising food prices")
    for need in needs:
        rx = _NEEDS_NAMED.get(need)
        if rx is not None and not rx.search(sentence):
            return False
        rx = _NEEDS_NAMED_BEFORE.get(need)
        if rx is not None and not rx.search(sentence, 0, start):
            return False
        rx = _NEEDS_UNNAMED.get(need)
        if rx is not None and rx.search(sentence):
            return False
    if (trig.sub_event_type == "non_violent_transfer_of_territory"
            and _ELECTION.search(sentence) and not _ARMED.search(sentence)):
        return False  # "the alliance won the election, capturing Porto and Braga"
    if "official" not in trig.needs:
        return True
    clause = 0  # the subject's clause, after an opening phrase if there is one
    if _OPENING_PHRASE.match(sentence):
        clause = sentence.find(",", 0, start) + 1
    return not (_PRIVATE_VISITORS.search(sentence, clause, start)
                or _PRIVATE_SUBJECT.match(sentence, clause, start))


def _outermost(found: dict[tuple, tuple[Trigger, int, int]], sentence: str
               ) -> dict[tuple, tuple[Trigger, int, int]]:
    """``found`` without the triggers inside a heavier one: the "attack" of "a missile
    attack" or "attack drones" is part of that event, not a battle of its own.  Nor is
    a generic violent word after a specific one ("..., one of the deadliest attacks of
    the war", "a drone strike hit the city, the latest attack on it"), or before one in
    its own clause, which tells how it was done ("attacked the city, shelling homes";
    but "Rebels attacked a post, and a missile attack hit the city" is two)."""
    specific = [start for trig, start, _ in found.values()
                if trig.event_type in VIOLENT and not _generic_violent(trig)]

    def told_by_specific(start: int, end: int) -> bool:
        return any(at < start or not _NEW_CLAUSE.search(sentence, end, at) for at in specific)

    return {key: (trig, start, end) for key, (trig, start, end) in found.items()
            if not _inside_heavier(trig, start, end, found)
            and not (specific and _generic_violent(trig) and told_by_specific(start, end))}


#: What opens a clause of its own between two triggers: "and", "while", a semicolon.
_NEW_CLAUSE = re.compile(r"\b(?:and|while|but|as|then|before|after)\b|;", re.IGNORECASE)


def _inside_heavier(trig: Trigger, start: int, end: int,
                    found: dict[tuple, tuple[Trigger, int, int]]) -> bool:
    """Whether ``start:end`` lies inside a match of a heavier trigger in ``found``."""
    return any(o_start <= start and end <= o_end and other.weight > trig.weight
               for other, o_start, o_end in found.values())


def _generic_violent(trig: Trigger) -> bool:
    """A generic word for violence ("attack", "offensive"), not a kind of it."""
    return trig.weight < GENERIC_WEIGHT and trig.event_type in VIOLENT


class _Reader:
    """:func:`_read` for the sentences of one document, memoised: wire copy repeats its
    lede and updates word for word, and a sentence told twice is read once."""

    __slots__ = ("published", "vocab", "scan", "_memo")

    def __init__(self, text: str, published: date | None, vocab: tuple[Trigger, ...],
                 index: _TriggerIndex | None):
        self.published, self.vocab = published, vocab
        self.scan = _TriggerScan(text, index)
        self._memo: dict[str, _Reading] = {}

    def __call__(self, sent: _Sentence) -> _Reading:
        reading = self._memo.get(sent.text)
        if reading is None:
            positions = self.scan.positions(sent.text, sent.start)
            reading = self._memo[sent.text] = _read(
                sent.text, self.published, self.vocab, positions,
                self.scan.index.keys if positions else ())
        return reading


def _sentence_events(doc: Document, sent: _Sentence, places: _Places,
                     reading: _Reading, prior: Sequence[Event] = ()) -> list[Event]:
    """The events of one sentence of ``doc``: its ``reading``'s claims, placed."""
    if not reading.claims:
        return []
    skip = (doc.dateline.end - sent.start
            if doc.dateline is not None and sent.start <= doc.dateline.start < sent.end else 0)
    skip = max(skip, 0)
    sites = _sites(doc, places.within(sent.start, sent.end), places.homes, sent.start)
    events = []
    told_before: Event | None = None  # a toll of an event told before (see _toll_of)
    unplaced = None  # the heaviest incident no place was found for
    bare_toll: Event | None = None  # a toll placed nowhere of its own
    listed: list[Event] = []  # the same events at the other places of a list
    for claim in reading.claims:
        trig = claim.trigger
        event_type, sub_type = trig.event_type, trig.sub_event_type
        if "anaphor" in trig.needs:
            retyped = _anaphoric_type(prior)
            if retyped is None:
                continue
            event_type, sub_type = retyped
        elif (_generic_violent(trig) and sent.text[: claim.start] in _BACK_REFERENCES
              and _anaphoric_type(prior) is not None):
            continue  # "The attack came hours after...": one told already, not a new one
        elif event_type in _RETOLD and _retold(sent.text, claim) and (
                told := next((e for e in reversed(prior) if e.event_type == event_type and (
                    e.sub_event_type == sub_type or sub_type in _DEFAULT_KINDS)), None)) and (
                event_type != "negotiations" or _same_day(claim.when, told.date)):
            # "the seriousness of the fighting": the battle told already ("The blast"
            # after "a roadside bomb", whatever kind its word says by default), which may
            # say more exactly where it was (if told of the same day)
            if _same_day(claim.when, told.date):
                _narrow_place(doc.id, told, _sentence_place(
                    doc.text, sites, trig, sent.start + claim.start, sent.start + claim.end)[0])
            continue
        t_start, t_end = sent.start + claim.start, sent.start + claim.end
        mention, place_factor = _place_for(doc, sent, places, trig, t_start, t_end, sites)
        if mention is None:
            if (event_type in _INCIDENTS or event_type == "battles" and not _DEFINITE.search(
                    sent.text, 0, claim.start)) and not _generic_violent(trig) and (
                    unplaced is None or trig.weight > unplaced[2].trigger.weight):
                unplaced = (event_type, sub_type, claim)
            continue
        mention = _refine_direction(doc.text, mention, places.literal, sent.end)
        confidence = round(min(1.0, trig.weight * place_factor * claim.date_factor), 3)
        if confidence < MIN_CONFIDENCE:
            continue
        when = claim.when
        events.append(Event(
            event_id=_event_id(doc.id, event_type, mention.place, when, sent.start),
            doc_id=doc.id, event_type=event_type, sub_event_type=sub_type,
            date=when, place=mention.place, place_text=mention.span.text,
            evidence=sent.text, source=doc.source, confidence=confidence,
            actors=reading.clause_actors(claim.start, claim.end, skip),
            evidence_start=sent.start))
        if event_type == "casualties_report" and place_factor <= _DOCUMENT:
            if _TOLL_OF_ONE.search(sent.text) and not _TOLL_OF_MORE.search(sent.text):
                told_before = events[-1]  # "Two soldiers and 16 gunmen were killed in the
                # battle."
            else:
                bare_toll = events[-1]  # told right after one, "At least five were killed."
        elif event_type != "casualties_report" and sent.start <= mention.span.start < sent.end:
            event = events[-1]
            listed += [replace(event, place=m.place, place_text=m.span.text, event_id=_event_id(
                doc.id, event_type, m.place, when, sent.start))
                for m in _listed_with(doc.text, places, mention, sent.end)]
    if unplaced is not None:
        events = _toll_as_violence(events, unplaced, reading, skip, told_before)
    elif (told_before is None and bare_toll is not None and _right_after_violence(prior, sent)
          and not _TOLL_OF_MORE.search(sent.text)):
        told_before = bare_toll
    events = _attach_counts(_subsume(_agreements(events)), reading.fatalities, reading.injured)
    if told_before is not None and told_before in events and _toll_of(prior, told_before):
        events.remove(told_before)
    if listed:  # counts stay with the first place: the sentence does not split them
        kept = {(e.event_type, e.sub_event_type) for e in events}
        events += [e for e in listed if (e.event_type, e.sub_event_type) in kept]
    _recount_list(sent, events, prior)
    events = _split_by_day(doc, sent, events)
    return _broken_down(doc.id, sent, places, _included(doc.id, sent, places, events), prior)


_WEEKDAYS = "|".join(WEEKDAYS)
#: A toll told day by day: "killed nine people on Monday and five more on Tuesday".
_DAY_BY_DAY = re.compile(
    rf"(?<![\w.,-])(?P<n1>\d+|{_WORD_NUM})\b[^.;]{{0,40}}?\bon\s+(?P<d1>{_WEEKDAYS})\b"
    rf"[^.;]{{0,12}}?\band\s+(?:another\s+|a\s+further\s+)?(?P<n2>\d+|{_WORD_NUM})\b"
    rf"[^.;]{{0,30}}?\bon\s+(?P<d2>{_WEEKDAYS})\b", re.IGNORECASE)


def _split_by_day(doc: Document, sent: _Sentence, events: list[Event]) -> list[Event]:
    """``events`` with the violence of a toll told day by day split into one event a day,
    each with its count ("Shelling on the camp killed nine people on Monday and five more
    on Tuesday" is two shellings, as ACLED codes them)."""
    if not events or sent.text.count("day") < 2:  # two weekdays at least (most: none)
        return events
    m = _DAY_BY_DAY.search(sent.text)
    if m is None or m["d1"].lower() == m["d2"].lower():
        return events
    days = {}
    for start, end, when in find_dates(sent.text, doc.published):
        for group in ("d1", "d2"):
            if start <= m.start(group) < end and when.precision == "day":
                days[group] = when
    if len(days) < 2:
        return events
    n1, n2 = (_number_value(hit) if (hit := _NUMBER.match(sent.text, m.start(g))) else None
              for g in ("n1", "n2"))
    out = []
    for e in events:
        field = "fatalities" if e.fatalities is not None else "injured"
        if e.event_type not in VIOLENT or getattr(e, field) is None or None in (n1, n2):
            out.append(e)
            continue
        first = replace(e, date=days["d1"], **{field: n1}, event_id=_event_id(
            doc.id, e.event_type, e.place, days["d1"], e.evidence_start))
        second = replace(e, date=days["d2"], **{field: n2}, event_id=_event_id(
            doc.id, e.event_type, e.place, days["d2"], e.evidence_start))
        out += [first, second]
    return out


#: What joins the items of a list of places: "Mombasa, Kisumu and Nakuru", "Sanaa and
#: the port city of Hodeidah".
_LIST_GAP = re.compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
    r"(?:the\s+(?:[\w-]+\s+){0,2}?(?:city|cities|towns?|villages?|ports?|capital|provinces?"
    r"|regions?|districts?|states?)(?:\s+of)?\s+)?", re.IGNORECASE)
_LIST_KINDS = frozenset({"city", "admin2", "other"})
#: A possessive or a capitalised word right after a name: it names someone or something
#: of the place ("Lviv Governor Maksym Kozytskyi", "Kharkiv's mayor").
_NAME_GOES_ON = re.compile(r"['\u2019]s\b| [A-Z]")


def _listed_with(text: str, places: _Places, first: Mention, limit: int) -> list[Mention]:
    """The places listed after ``first`` in its sentence (which ends at ``limit``):
    "demonstrations in Mombasa, Kisumu and Nakuru" took place in all three, as ACLED
    codes them, one event each.  A place that holds the one before is its region, no
    item ("Springfield, Illinois"), and items are of one level (towns, or first-level
    regions: countries are too coarse for an event's place)."""
    out: list[Mention] = []
    literal = places.literal
    last = first
    for k in range(bisect_right(places.starts, first.span.start), len(literal)):
        m = literal[k]
        if m.span.start >= limit or _LIST_GAP.fullmatch(text, last.span.end, m.span.start) is None:
            break
        if _modifies(text, m.span.end) or _NAME_GOES_ON.match(text, m.span.end):
            break  # a modifier, no item: "struck Kyiv, Kharkiv officials said"
        a, b = last.place, m.place
        level = (a.kind in _LIST_KINDS) == (b.kind in _LIST_KINDS) and (
            a.kind in _LIST_KINDS or a.kind == b.kind == "admin1")
        if not level or contains(b, a) or contains(a, b) or b.id == first.place.id:
            break
        if all(b.id != o.place.id for o in out):
            out.append(m)
        last = m
    return out


def _same_day(when: EventDate | None, told: EventDate | None) -> bool:
    """Whether a retelling's date (the publication day if it gives none) allows it to be
    the event told before: "The explosions in Idlib on Tuesday" tell no Monday strike."""
    return when is None or when.text is None or told is None or when.value == told.value


def _narrow_place(doc_id: str, event: Event, placed: Placed | None) -> None:
    """Move ``event`` to the place a retelling gives it (``placed``: the retelling's
    strong sentence place) when that lies inside the event's own, more exactly: "A
    suicide bomber blew himself up in Pakistan ... The blast ripped through the prayer
    hall in the town of Jamrud"."""
    if placed is None:
        return
    place = placed[0].place
    if place.geo_precision < event.place.geo_precision and contains(event.place, place):
        event.place, event.place_text = place, placed[0].span.text
        event.event_id = _event_id(doc_id, event.event_type, place, event.date,
                                   event.evidence_start)


#: Violence told as one incident (a bombing, a massacre), whose toll is its own; so is a
#: battle's told as one ("Heavy fighting broke out on Sunday ..., leaving 15 dead"), not
#: "the fighting", which may be a war's ("498 service members have died in the fighting").
_INCIDENTS = frozenset({"explosions_remote_violence", "violence_against_civilians"})


#: A toll of more than the event before: a separate one, or a running total ("In a
#: separate incident, five other soldiers were killed", "10,000 killed since the invasion").
_TOLL_OF_MORE = re.compile(
    r"\b(?:separate(?:ly)?|another\s+(?:incident|attack)|elsewhere|since|so\s+far|to\s+date"
    r"|in\s+total|in\s+all|altogether|overall|this\s+year|the\s+(?:war|conflict|invasion))\b",
    re.IGNORECASE)


def _right_after_violence(prior: Sequence[Event], sent: _Sentence) -> bool:
    """Whether the sentence before ``sent`` told a violent event (the toll that follows,
    placed nowhere of its own, counts its victims)."""
    return _violence_right_before(prior, sent) is not None


def _recount_list(sent: _Sentence, events: list[Event], prior: Sequence[Event]) -> None:
    """Give the events of a list told just before (one event per place, the sentence's
    toll on the first) the counts this sentence tells at their places: "Missiles struck
    Kharkiv and Odesa, killing 12. Nine people were killed in Kharkiv, where bombs hit
    ..." leaves Kharkiv nine, not the list's twelve."""
    if not events or _TOLL_OF_MORE.search(sent.text):
        return  # (not "In a separate attack, two were killed in Kharkiv")
    told = _violence_told_right_before(prior, sent)
    for e in events:
        same = [t for t in told if t.event_type == e.event_type]
        if len(same) < 2 or e.event_type not in VIOLENT:
            continue  # no list
        for t in same:
            if t.place.id == e.place.id and _same_day(e.date, t.date):
                for field in ("fatalities", "injured"):
                    count, listed = getattr(e, field), getattr(t, field)
                    if count is not None and listed is not None and count < listed:
                        setattr(t, field, count)


def _violence_right_before(prior: Sequence[Event], sent: _Sentence) -> Event | None:
    """The last violent event the sentence before ``sent`` told, if any."""
    for e in reversed(prior[-4:]):
        gap = sent.start - (e.evidence_start + len(e.evidence))
        if 0 <= gap <= 3 and e.event_type in VIOLENT:
            return e
    return None


def _violence_told_right_before(prior: Sequence[Event], sent: _Sentence) -> list[Event]:
    """Every violent event the sentence before ``sent`` told (a list: one per place)."""
    last = _violence_right_before(prior, sent)
    return [] if last is None else [e for e in prior[-8:] if e.event_type in VIOLENT
                                    and e.evidence_start == last.evidence_start]


def _at(event: Event, m: Mention, doc_id: str, sent: _Sentence, field: str,
        count: int | None, **changes) -> Event:
    """A copy of ``event`` at the place of mention ``m`` of ``sent``, with ``count`` its
    only count (of ``field``)."""
    return replace(event, place=m.place, place_text=m.span.text,
                   event_id=_event_id(doc_id, event.event_type, m.place, event.date,
                                      sent.start),
                   **{"fatalities": None, "injured": None, field: count}, **changes)


def _broken_down(doc_id: str, sent: _Sentence, places: _Places, events: list[Event],
                 prior: Sequence[Event]) -> list[Event]:
    """``events``, or where they are only tolls that spread the violence the sentence
    before told over its places, or over places inside its country or region, that
    violence at each with the count told before each: "Air strikes killed nine people
    in Yemen on Monday. Six were killed in Hodeidah and three in Sanaa." is a strike in
    Hodeidah (six dead) and one in Sanaa (three), as ACLED codes them; so is "Strikes
    hit Hodeidah and Sanaa, killing nine. Six were killed in Hodeidah and three in
    Sanaa."  An event at a country or region moves to the first place inside it; the
    tolls are no reports of their own."""
    if not events or any(e.event_type != "casualties_report" for e in events) or (
            _TOLL_OF_MORE.search(sent.text)):
        return events  # (not "In a separate attack, ...", "since the war began")
    told = [e for e in _violence_told_right_before(prior, sent)
            if all(_same_day(t.date, e.date) for t in events)]
    if not told:
        return events
    at = {e.place.id: e for e in told}
    targets: dict[str, tuple[Mention, Event]] = {}  # place id -> its mention, its event
    end = 0  # where the mention before ends
    for m in places.within(sent.start, sent.end):
        start, end, before = m.span.start - sent.start, m.span.end - sent.start, end
        if m.place.id in targets or POSSESSIVE_GAP.fullmatch(sent.text, before, start):
            continue  # a part of the place before: "three in Sanaa's Bani Matar district"
        if any(contains(m.place, e.place) for e in told):
            continue  # the country again: "..., Ukraine's emergency service said"
        event = at.get(m.place.id)
        if event is None:
            event = next((e for e in told if m.place.geo_precision < e.place.geo_precision
                          and contains(e.place, m.place)), None)
            if event is None:
                return events  # a place elsewhere: a toll of its own
        targets[m.place.id] = (m, event)
    spread = [(m, e) for m, e in targets.values() if m.place.id not in at or len(told) > 1]
    if not spread:
        return events  # "..., Yemen's health ministry said": the same place again
    counts, kind = _counts_before(sent, [m for m, _ in spread])
    if counts is None:
        return events
    field = "injured" if kind == "injury" else "fatalities"
    if any(getattr(e, field) is None and (e.fatalities, e.injured) != (None, None)
           for _, e in spread):
        return events  # other counts: "killed five ... Three were injured in Kharkiv"
    copies = []
    moved: set[int] = set()
    for (m, event), n in zip(spread, counts, strict=True):
        own = event.place.id == m.place.id
        if own or id(event) not in moved and all(x.place.id != event.place.id
                                                 for x, _ in spread):
            moved.add(id(event))  # its own place, or the first place inside its broad one
            if not own:
                event.place, event.place_text = m.place, m.span.text
                event.event_id = _event_id(doc_id, event.event_type, m.place, event.date,
                                           event.evidence_start)
            if n is not None:
                setattr(event, field, n)
        else:
            copies.append(_at(event, m, doc_id, sent, field, n, evidence=sent.text,
                              evidence_start=sent.start, more_evidence=()))
    return copies


def _included(doc_id: str, sent: _Sentence, places: _Places, events: list[Event],
              ) -> list[Event]:
    """``events`` and, for violence at a country or region whose toll the sentence goes
    on to break down by places inside it, that violence at each of them with its count
    ("Air strikes killed 27 across the Gaza Strip, including 12 people in Khan Younis
    and nine in Gaza City"); what no place accounts for stays where it was told."""
    text = sent.text
    including = _INCLUDING.search(text) if "includ" in text or "among" in text else None
    if including is None:
        return events
    mentions = places.within(sent.start + including.end(), sent.end)
    extra: list[Event] = []
    for e in events:
        if e.event_type not in VIOLENT or e.fatalities is None and e.injured is None:
            continue
        inside = {m.place.id: m for m in mentions
                  if m.place.geo_precision < e.place.geo_precision
                  and contains(e.place, m.place)}
        if not inside:
            continue
        field = "fatalities" if e.fatalities is not None else "injured"
        counts, _ = _counts_before(sent, list(inside.values()), including.end(),
                                   "death" if field == "fatalities" else "injury")
        if counts is None or None in counts:
            continue
        extra += [_at(e, m, doc_id, sent, field, n)
                  for m, n in zip(inside.values(), counts, strict=True)]
        rest = getattr(e, field) - sum(counts)
        if rest > 0:
            setattr(e, field, rest)
        else:  # all told: the event is at its places
            events = [x for x in events if x is not e]
    return events + extra


#: What opens the places a sentence's toll is broken down by.
_INCLUDING = re.compile(r",?\s+(?:including|among\s+them)\b", re.IGNORECASE)


def _counts_before(sent: _Sentence, mentions: list[Mention], lo: int = 0,
                   kind: str | None = None) -> tuple[list[int | None] | None, str | None]:
    """The count told before each of ``mentions`` (the first after the one before it,
    and after ``lo`` in ``sent``: "nine members of one family ... in Gaza City" is
    nine), and their kind ("death" or "injury"; a count without a casualty word of its
    own, "and three in Sanaa", is of the kind before it, or ``kind``).  None when the
    kinds differ or no count has a kind."""
    text = sent.text
    counts: list[int | None] = []
    for m in mentions:
        hi = m.span.start - sent.start
        value = None
        for n in _NUMBER.finditer(text, lo, hi):
            if _a_year(text, n):
                continue
            told = _classify_count(text, n)
            if told is not None and kind is not None and told != kind:
                return None, None
            kind = kind or told
            value = _number_value(n)
            break
        counts.append(value)
        lo = m.span.end - sent.start
    return (counts, kind) if kind is not None else (None, None)


def _toll_as_violence(events: list[Event], unplaced: tuple, reading: _Reading, skip: int,
                      told_before: Event | None) -> list[Event]:
    """The sentence's toll, placed where the story is, as the violence it tells when
    that violence found no place of its own: "a roadside bomb struck a convoy between
    two villages the gazetteer lacks, wounding five soldiers" is a bombing in the
    story's country, not a casualty report."""
    if any(e.event_type in VIOLENT for e in events):
        return events
    event_type, sub_type, claim = unplaced
    return [replace(e, event_type=event_type, sub_event_type=sub_type,
                    actors=reading.clause_actors(claim.start, claim.end, skip))
            if e.event_type == "casualties_report" and e is not told_before else e
            for e in events]


#: A toll that points back at one event told before: "killed in the battle", "wounded in
#: the attack" (not a war's toll: "498 service members have died in the fighting").
_TOLL_OF_ONE = re.compile(
    r"\b(?:the|that|this)\s+(?:[\w-]+\s+)?(?:attack|battle|blast|bombing|explosion|shooting"
    r"|clash|raid|ambush|assault|strike|incident|firefight|gun\s?battle|shoot-?out"
    r"|gun-?fight|exchange\s+of\s+fire)\b"
    # or goes on counting its victims: "Nine other soldiers were wounded", "Among the
    # dead were two workers"
    r"|\b(?:\w+\s+other\s+(?:\w+\s+)?(?:soldiers|people|civilians|officers|fighters"
    r"|troops|policemen)|among\s+the\s+(?:dead|injured|wounded|victims))\b", re.IGNORECASE)


def _toll_of(prior: Sequence[Event], toll: Event) -> bool:
    """Give ``toll``, a toll that names no place of its own and points back at one event,
    to the document's last violent event of its date, and say whether there was one
    (the largest count told wins).  A toll dated otherwise ("In 2014, 298 people were
    killed in the attack") stays a report of its own."""
    dated = toll.date is not None and toll.date.text is not None  # not the publication's
    event = next((e for e in reversed(prior) if e.event_type in VIOLENT and (
        not dated or e.date is not None and e.date.value == toll.date.value)), None)
    if event is None:
        return False
    for field in ("fatalities", "injured"):
        count = getattr(toll, field)
        if count is not None and (getattr(event, field) or 0) < count:
            setattr(event, field, count)
    return True


def _agreements(events: list[Event]) -> list[Event]:
    """Talks that ended in an agreement ("agreed to a truce in talks mediated by
    Qatar") are the agreement, a strategic development: the sentence's negotiations at
    the same place are dropped."""
    agreed = {e.place.id for e in events
              if e.event_type == "strategic_developments" and e.sub_event_type == "agreement"}
    if not agreed:
        return events
    return [e for e in events if not (e.event_type == "negotiations" and e.place.id in agreed)]


def _protesters_act(sentence: str) -> bool:
    """Whether protesters act in ``sentence``, not only suffer ("Soldiers torched the
    homes of opposition protesters")."""
    return any(_OF_SOMEONE.search(sentence, max(0, m.start() - 30), m.start()) is None
               for m in _PROTESTERS.finditer(sentence))


_OF_SOMEONE = re.compile(r"\b(?:of|against|on|at)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)


def _subsume(events: list[Event]) -> list[Event]:
    """A demonstration that turned violent is a riot (ACLED), not also a protest, and
    what the rioters set on fire is part of it: the sentence's protests and property
    destruction at a riot's place are dropped.  Likewise civilians killed by the shelling
    or bombing the sentence tells are that explosion's victims, not a second event; a
    town taken after fighting was taken in that battle; and arrests at a protest make
    it a protest with intervention."""
    shelled = {e.place.id for e in events if e.event_type == "explosions_remote_violence"}
    if shelled:  # "civilians were killed as a result of army shelling": one shelling
        events = [e for e in events if not (e.event_type == "violence_against_civilians"
                                            and e.place.id in shelled)]
    victims = {e.place.id for e in events if e.event_type == "violence_against_civilians"}
    if victims and not _TWO_SIDED.search(events[0].evidence):
        # "Gunmen abducted 35 villagers in a raid": the raid is how, not a battle too
        events = [e for e in events if not (e.event_type == "battles" and e.place.id in victims)]
    fought = {e.place.id for e in events if e.event_type == "battles"}
    if fought:  # "captured the town after weeks of fighting": the battle took it
        events = [e for e in events if not (e.place.id in fought and e.sub_event_type
                                            == "non_violent_transfer_of_territory")]
    protested = {e.place.id for e in events if e.event_type == "protests"}
    if protested:  # "police detained 30 protesters": a protest with intervention (ACLED)
        held = {e.place.id for e in events if e.sub_event_type == "arrests"} & protested
        events = [e for e in events if not (e.sub_event_type == "arrests" and e.place.id in held)]
        for e in events:
            if e.place.id in held and e.sub_event_type == "peaceful_protest":
                e.sub_event_type = "protest_with_intervention"
    if any(e.sub_event_type == "looting_property_destruction" for e in events) and (
            _protesters_act(events[0].evidence)):
        # "where a police station was torched" told of protesters: a riot (ACLED)
        events = [replace(e, event_type="riots", sub_event_type="violent_demonstration",
                          event_id=_event_id(e.doc_id, "riots", e.place, e.date,
                                             e.evidence_start))
                  if e.sub_event_type == "looting_property_destruction" else e
                  for e in events]
    rioted = {e.place.id for e in events if e.event_type == "riots"}
    if not rioted:
        return events
    return [e for e in events if not (e.place.id in rioted and (
        e.event_type == "protests" or e.sub_event_type == "looting_property_destruction"))]


def _attach_counts(events: list[Event], fatalities: int | None,
                   injured: int | None) -> list[Event]:
    """Counts go to the sentence's violent events (force used on protesters too); a bare
    toll stays a casualties_report."""
    if fatalities is None and injured is None:
        return events
    violent = [e for e in events if e.event_type in VIOLENT
               or e.sub_event_type == "excessive_force_against_protesters"]
    for e in violent or [e for e in events if e.event_type == "casualties_report"]:
        e.fatalities, e.injured = fatalities, injured
    if violent:
        events = [e for e in events if e.event_type != "casualties_report"]
    return events


def _merge(events: list[Event]) -> list[Event]:
    """One event per (type, place, date) in a document: the same event told twice."""
    return merge_events(events)


class MergeRule(NamedTuple):
    """What reports of one event become when merged (see :func:`merge_rule`)."""

    best: int
    sources: int
    fatalities: int | None
    injured: int | None
    actors: str | None


def merge_rule(reports: Sequence[tuple[float, int, int | None, int | None, str | None]]
               ) -> MergeRule:
    """The rule for merging reports of one event, given in reading order as
    (confidence, sources, fatalities, injured, actors): the most confident report wins
    (ties: the first told), sources add up, the largest counts win, and actors come from
    the winner or else the first report that names any.  Shared by
    :func:`merge_events` (Event objects) and ``geomap.stream`` (output records)."""
    best = max(range(len(reports)), key=lambda k: reports[k][0])  # first of ties
    deaths = [r[2] for r in reports if r[2] is not None]
    hurt = [r[3] for r in reports if r[3] is not None]
    return MergeRule(best, sum(r[1] for r in reports), max(deaths) if deaths else None,
                     max(hurt) if hurt else None,
                     reports[best][4] or next((r[4] for r in reports if r[4]), None))


def merge_events(events: list[Event]) -> list[Event]:
    """Merge reports of the same event: one per (event type, place, date).

    Within a document (``extract_events`` does this) or across a corpus ("many articles
    tell the same shelling").  The most confident report gives the type, sub-type,
    confidence and id (ties: the first told); ``evidence`` is the first sentence
    telling it, ``more_evidence`` the other distinct sentences, ``sources`` how many
    reports there were (a report already merged counts its own sources); missing counts
    and actors are filled from the other reports (largest counts win).

    Parameters
    ----------
    events : list of Event
        In reading order (document order, then text order).

    Returns
    -------
    list of Event
        New or updated events, ordered by document of first report then text offset.
    """
    groups: dict[tuple, list[Event]] = {}
    for e in events:
        groups.setdefault((e.event_type, e.place.id, e.date.value if e.date else None),
                          []).append(e)
    order = {e.doc_id: i for i, e in reversed(list(enumerate(events)))}
    merged = []
    for group in groups.values():
        if len(group) == 1:
            merged.append(group[0])
            continue
        rule = merge_rule([(e.confidence, e.sources, e.fatalities, e.injured, e.actors)
                           for e in group])
        first = group[0]
        texts: list[str] = []
        for e in group:
            for t in (e.evidence, *e.more_evidence):
                if t not in texts:
                    texts.append(t)
        merged.append(replace(
            group[rule.best], evidence=first.evidence, evidence_start=first.evidence_start,
            doc_id=first.doc_id, more_evidence=tuple(texts[1:]), sources=rule.sources,
            fatalities=rule.fatalities, injured=rule.injured, actors=rule.actors))
    return sorted(merged, key=lambda e: (order[e.doc_id], e.evidence_start, e.event_type))


def _sentences(text: str) -> list[_Sentence]:
    """Sentences with the start of their paragraph, split paragraph by paragraph (a
    search of the paragraphs per sentence made long articles quadratic)."""
    return [_Sentence(start, end, p_start, text[start:end])
            for p_start, p_end in _paragraphs(text)
            for start, end in _paragraph_sentences(text, p_start, p_end)]


#: Days counted from the day of the event told before: "later the same day", "hours
#: later", "the previous day", "the next day" (and see :data:`_DAYS_APART`).
_RELATIVE_DAYS = (
    (re.compile(r"\b(?:(?:later|earlier)\s+(?:the\s+same|that)\s+(?:day|night|evening)"
                r"|(?:that|the)\s+same\s+(?:day|night|evening)|hours\s+(?:later|earlier)"
                r"|moments\s+later)\b", re.IGNORECASE), 0),
    (re.compile(r"\b(?:the\s+(?:previous|preceding)\s+day\b|the\s+day\s+before(?=\s*[,.;]|$))",
                re.IGNORECASE), -1),
    (re.compile(r"\b(?:the\s+(?:next|following)\s+day)\b", re.IGNORECASE), 1),
)
#: "a day earlier", "two days later", "3 days later" ("two days after X" counts from X,
#: so is left out).
_DAYS_APART = re.compile(
    rf"\b(?P<n>{'|'.join(SMALL_NUMBERS)}|[1-9]\d?)\s+days?\s+(?P<way>later|earlier)\b",
    re.IGNORECASE)


def _relative_cue(sentence: str) -> tuple[re.Match, int] | None:
    """The first cue of :data:`_RELATIVE_DAYS` or :data:`_DAYS_APART` in ``sentence``,
    and how many days it counts from the event told before."""
    cue = next(((m, days) for rx, days in _RELATIVE_DAYS if (m := rx.search(sentence))), None)
    if cue is None and (m := _DAYS_APART.search(sentence)):
        n = m["n"].lower()
        days = SMALL_NUMBERS[n] if n in SMALL_NUMBERS else int(n)
        cue = m, days if m["way"].lower() == "later" else -days
    return cue


#: Event types whose details a story tells after its lead (see :func:`_dated_as_before`).
_DETAILED = VIOLENT | {"protests", "riots", "casualties_report"}
#: How many of the last events the story told a sentence's dating looks back through.
_RECENT = 12


def _dated_as_before(doc_id: str, found: list[Event], prior: list[Event], previous: int,
                     sentence: str, published: date | None = None) -> list[Event]:
    """``found`` with its undated events (publication day) dated from the story: "later
    the same day" or "a day earlier" counts from the last event told with a day; an
    event that goes on telling the dated event of the sentence before (``previous``, its
    start), of the same type, takes its date: "Two bomb blasts killed 28 on Wednesday.
    The first blast struck in Pishin, killing 16."; and violence or unrest at a place
    inside the country or region of the last event told with a day is a detail of it
    ("At least 15 were killed in Kenya on Wednesday. ... Eight died in Nairobi").  Only a
    day or a week passes on: a year is history ("annexed in 2014. Fighting goes on")."""
    recent = prior[-_RECENT:]  # the sentence before's events are the last ones
    told = {e.event_type: e.date for e in recent if e.evidence_start == previous
            and e.date is not None and e.date.text is not None
            and e.date.precision in ("day", "week")}
    relative = cue = None
    low = sentence.lower()
    if "day" in low or "hour" in low or "moment" in low or "night" in low or (
            "evening" in low):  # rarely: look
        cue = _relative_cue(sentence)
    if cue is not None:
        last = next((e.date for e in reversed(recent) if e.date is not None
                     and e.date.text is not None and e.date.precision == "day"), None)
        if last is not None:
            d = last.start + timedelta(days=cue[1])
            if published is None or d <= published:  # not news of tomorrow
                relative = EventDate(d.isoformat(), "day", d, d, cue[0].group())
    # the last day told, if told of violence or unrest in a country or region: the
    # events told since inside it are its details ("At least 15 people were killed in
    # Kenya on Wednesday. ... Eight people died in Nairobi")
    lead = next((e for e in reversed(recent) if e.date is not None
                 and e.date.text is not None and e.date.precision == "day"), None)
    broad = [] if lead is None else [
        e.place for e in recent if e.date == lead.date and e.event_type in _DETAILED
        and e.place.kind in ("country", "admin1")]
    for e in found:
        if e.date is None or e.date.text is not None:
            continue
        when = relative or told.get(e.event_type)
        if when is None and lead is not None and e.event_type in _DETAILED and any(
                contains(b, e.place) for b in broad):
            when = lead.date
        if when is not None:
            e.date = when
            e.event_id = _event_id(doc_id, e.event_type, e.place, when, e.evidence_start)
    return found


def extract_events(doc: Document, mentions: list[Mention]) -> list[Event]:
    """Events stated in ``doc``, each at a resolved place.

    Parameters
    ----------
    doc : Document
        The article; ``published`` anchors relative dates and dates undated events.
    mentions : list of Mention
        Resolved toponyms.  Only literal ones (placed, not metonymic) can locate events.

    Returns
    -------
    list of Event
        In text order, one per (event type, place, date) after merging.  Negated,
        hypothetical and future statements yield nothing; nor does an event type whose
        sentence, paragraph (violent types) or document (tolls, displacement,
        humanitarian) offers no usable place.
    """
    text = doc.text or ""
    places = _Places(text, mentions)
    vocab = load_vocabulary()
    read = _Reader(text, doc.published, vocab, _trigger_index(vocab))
    events: list[Event] = []
    sentences = _sentences(text)
    causes = _Causes(sentences)
    statesmen = cache(partial(_statesmen, text))
    for k, sent in enumerate(sentences):
        found = _sentence_events(doc, sent, places, read(sent), events)
        if found and any(map(_may_be_harmless, found)) and causes.harmless(k):
            found = [e for e in found if not _may_be_harmless(e)]
        found = [_explosive_kind(causes, k, _one_sided(causes, k, e)) for e in found]
        if k and events and any(e.date is not None and e.date.text is None for e in found):
            found = _dated_as_before(doc.id, found, events, sentences[k - 1].start, sent.text,
                                     doc.published)
        if any(e.event_type == "diplomacy" for e in found):
            found = [e for e in found if _diplomatic(e, statesmen)]
        events.extend(found)
    return _merge(events)
