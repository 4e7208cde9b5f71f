"""Sentence-level event extraction: what happened, where, when and how many died.

One pass per sentence: find trigger phrases from ``geomap/data/event_vocab.csv`` (the
vocabulary is data so users can extend it), drop triggers stated as negated,
hypothetical or future ("would discuss a cease-fire", "denied ... was under control"),
link each remaining event type to the best literal place mention, date it with the
nearest date expression (else the publication date), read fatality and injury counts,
and merge duplicates within the document.

Irrealis statements are left out entirely rather than kept with a flag: a map of things
that did not (yet) happen misleads more than it informs, and ``Event`` has no field to
carry the distinction.
"""

from __future__ import annotations

import csv
import hashlib
import re
import warnings
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from gazetteer.model import Place
from geomap.dates import find_dates, publication_event_date
from geomap.model import Document, Event, EventDate, Mention

__all__ = ["Trigger", "extract_events", "find_counts", "load_vocabulary", "split_sentences"]

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
_PARAGRAPH, _DOCUMENT = 0.5, 0.5
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
        boundaries; wrap a part in ``(?-i:...)`` to make it case-sensitive.
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


def _is_boundary(text: str, punct: re.Match, limit: int) -> bool:
    """Does this run of ``.!?`` (plus closing quotes) end a sentence?"""
    after = punct.end()
    if after >= limit:
        return True
    token_m = _PREV_TOKEN.search(text[max(0, punct.start() - 40):punct.start()])
    token = token_m.group(1) if token_m else ""
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
    spans = []
    for p_start, p_end in _paragraphs(text):
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
    r"(?:\s+(?P<scale>hundred|thousand|million|billion))?(?![\w]|[.,]\d)",
    re.IGNORECASE)
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
_FORWARD_WORDS = 5
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
    behind = _STOP.split(text[:m.start()])[-1]
    for word in reversed(re.findall(r"[\w'-]+", behind)[-_BACK_WORDS - 2:]):
        word = word.lower()
        if word in ("killing", "killed", "kills", "toll") or _DEATH.fullmatch(word):
            return "death"
        if _INJURY.fullmatch(word):
            return "injury"
        if word not in _BRIDGE:
            return None
    return None


def _count_ahead(text: str, m: re.Match) -> str | None:
    """"498 service members have died": a casualty word within a few words after."""
    ahead = _STOP.split(text[m.end():], maxsplit=1)[0]
    ahead = _NUMBER.split(ahead, maxsplit=1)[0]
    for word in re.findall(r"[\w'-]+", ahead)[:_FORWARD_WORDS]:
        if _DEATH.fullmatch(word):
            return "death"
        if _INJURY.fullmatch(word):
            return "injury"
    return None


def _classify_count(text: str, m: re.Match) -> str | None:
    """"death", "injury" or None; a governing verb before the number binds tightest."""
    return _count_behind(text, m) or _count_ahead(text, m)


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
    best: dict[str, int] = {}
    for m in _NUMBER.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in skip or ()):
            continue
        j = m.start()
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if text[max(0, j - 2):j].lower() == "no" and _NO_COUNT.search(text[:m.start()]):
            continue  # "no one was killed"
        kind = _classify_count(text, m)
        value = _number_value(m) if kind else None
        if kind and value is not None:
            best[kind] = max(best.get(kind, 0), value)
    return best.get("death"), best.get("injury")


# ------------------------------------------------------------------------- modality

#: Cues that make a following trigger negated, hypothetical, future or merely demanded.
_IRREALIS = re.compile(
    r"\b(?:would|could|might|(?-i:may)|will|shall|should|must|can|cannot|can't|won't|wouldn't"
    r"|if|unless|whether|not|never|no\s+longer|n't|denied|denies|deny|denying|rejected"
    r"|plans?\s+to|planning\s+to|planned\s+to|aims?\s+to|aimed\s+to|intends?\s+to"
    r"|wants?\s+to|wanted\s+to|wish(?:es)?\s+to|hopes?\s+(?:to|of|for)|threaten(?:s|ed)?\s+to"
    r"|seeks?\s+to|ready\s+to|going\s+to|expected\s+to|likely\s+to|set\s+to|about\s+to"
    r"|prepar(?:es|ed|ing)\s+to|demand(?:s|ed|ing)?|call(?:s|ed|ing)?\s+for|urg(?:es|ed|ing)"
    r"|propos(?:es|ed|al)|possible|potential|any|without|tomorrow|next\s+week)\b"
    r"|n't\b",
    re.IGNORECASE)
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


#: "no shelling", "no casualties": a determiner negation right before the trigger.
_NO_BEFORE = re.compile(r"\bno\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
#: A modal right after a subject trigger: "Talks will resume", "shelling could hit".
_MODAL_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,4}?\s+(?:will|would|could|might|shall|should|(?-i:may)|won't"
    r"|(?:is|are|was|were)\s+(?:expected|set|planned|scheduled|due|likely|unlikely))\b",
    re.IGNORECASE)


#: Every word an :data:`_IRREALIS` match can start with (lowercase): a scope holding none
#: of them (and no "n't") cannot match, so the big alternation is skipped.  Checked
#: against the regex by tests/test_events_speed.py.
_IRREALIS_FIRST_WORDS = frozenset(
    "would could might may will shall should must can cannot won wouldn if unless whether "
    "not never no denied denies deny denying rejected plan plans planning planned aim aims "
    "aimed intend intends want wants wanted wish wishes hope hopes threaten threatens "
    "threatened seek seeks ready going expected likely set about prepares prepared preparing "
    "demand demands demanded demanding call calls called calling urges urged urging proposes "
    "proposed proposal possible potential any without tomorrow next".split())
_WORDS = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def _maybe_irrealis(scope: str) -> bool:
    """False only when :data:`_IRREALIS` cannot match ``scope`` (ASCII text)."""
    if not scope.isascii():
        return True
    lower = scope.lower()
    return "n't" in lower or not _IRREALIS_FIRST_WORDS.isdisjoint(_WORDS.findall(lower))


def _infinitive_before(before: str) -> bool:
    """"volunteered to fight", "aims to take control": an infinitive goal."""
    if not (before[-1:].isspace() and before.rstrip().endswith("to")):
        return False  # cheap test first: _INFINITIVE needs "to" and spaces at the end
    inf = _INFINITIVE.search(before)
    return bool(inf) and inf.group(1).lower() not in _NOT_INFINITIVE


def _no_before(before: str) -> bool:
    """"no shelling", "no heavy fighting"."""
    if not before[-1:].isspace():
        return False  # _NO_BEFORE ends in whitespace; "no" ends one of the last two words
    if not any(w.lower().endswith("no") for w in before.rsplit(None, 2)[-2:]):
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
    return _maybe_irrealis(scope) and bool(_IRREALIS.search(scope))


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
            else:
                scope = sentence[self._scope_start(start):start]
                hit = _maybe_irrealis(scope) and bool(_IRREALIS.search(scope))
        self._memo[key] = hit
        return hit


# --------------------------------------------------------------------------- places

#: A preposition, then up to three words that can sit between it and a place name
#: ("in southwestern Belarus", "in the Black Sea port of Kherson").  Capitalised words
#: are allowed because they are part of a name; the rest are lowercase by design.
_LOCATIVE_PREP = re.compile(
    r"\b(?P<prep>(?i:in|at|near|outside|inside|into|across|around|throughout|within|of|over"
    r"|toward|towards|off|from|along|between|beyond|to))\s+"
    r"(?P<mods>(?:(?:the|a|an|[A-Z][\w'-]*|[a-z]+-?[a-z]*ern|central|capital|city|town"
    r"|village|port|region|province|district|oblast|area|outskirts|suburbs?|centre|center"
    r"|key|besieged|strategic|occupied|embattled|nearby|neighbou?ring|coastal)\s+){0,3})$")
_APPOSITIVE = re.compile(
    r"\b(?:capital|city|town|village|port|region|province|district|hub|oblast|state"
    r"|county|governorate)\s*,\s*$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r"[,;:()\"\u201c\u201d]|\s[-\u2013\u2014]\s|\b(?:but|while|whereas|although|though"
    r"|because)\b", re.IGNORECASE)


@dataclass(slots=True)
class _Candidate:
    mention: Mention
    score: float
    factor: float
    locative: bool
    same_clause: bool


_ON = re.compile(r"\s+on\s+(?:the\s+)?")


@lru_cache(maxsize=1024)
def _lead_in(text: str, start: int) -> tuple[bool, str | None]:
    """What precedes a mention at ``start``: an appositive ("the capital,"), and the
    locative a preposition makes of it ("strong", "weak" or None).  The same for every
    trigger of the sentence, so computed once (``text`` hashes once per string)."""
    before = text[max(0, start - 80):start]
    if _APPOSITIVE.search(before):
        return True, "strong"
    lm = _LOCATIVE_PREP.search(before)
    if not lm:
        return False, None
    return False, "weak" if lm["prep"].lower() in ("from", "to", "between") else "strong"


def _locative(text: str, m: Mention, trigger_end: int) -> str | None:
    """"strong" for "in/at/near/of X" or "the capital, X"; "weak" for "from X"."""
    appositive, prep = _lead_in(text, m.span.start)
    if appositive:
        return "strong"
    if trigger_end <= m.span.start and _ON.fullmatch(text, trigger_end, m.span.start):
        return "strong"  # "shelling on Kharkiv"
    return prep


def _clause_breaks(between: str) -> int:
    """Clause boundaries in the text between trigger and place; "the capital, Kyiv" is one."""
    count = len(_CLAUSE_BREAK.findall(between))
    if _APPOSITIVE.search(between):
        count -= 1
    return max(count, 0)


_POSSESSIVE = re.compile(r"['\u2019]s?\b")


def _possessive(text: str, m: Mention) -> bool:
    return bool(_POSSESSIVE.match(text[m.span.end:m.span.end + 3]))


def _candidate(text: str, m: Mention, t_start: int, t_end: int) -> _Candidate:
    """Score a mention as the location of the trigger at ``t_start:t_end``."""
    loc = _locative(text, m, t_end)
    if m.span.start >= t_end:
        between = text[t_end:m.span.start]
    else:
        between = text[m.span.end:t_start] if m.span.end <= t_start else ""
    breaks = _clause_breaks(between)
    same, strong = breaks == 0, loc == "strong"
    distance = len(between)
    score = (2.0 * same + 1.5 * strong + 0.2 * (loc == "weak")
             + 0.4 * (3 - m.place.geo_precision) - 0.3 * breaks - min(distance, 300) / 300
             - 0.5 * _possessive(text, m))
    if same:
        factor = _SAME_CLAUSE_LOCATIVE if strong else _SAME_CLAUSE
    else:
        factor = _LOCATIVE if strong else _SENTENCE
    return _Candidate(m, score, factor, strong, same)


def _literal(m: Mention) -> bool:
    return m.place is not None and not m.metonymic


def _in_dateline(doc: Document, m: Mention) -> bool:
    return doc.dateline is not None and doc.dateline.start <= m.span.start < doc.dateline.end


def _sentence_place(doc: Document, mentions: list[Mention], trigger: Trigger,
                    t_start: int, t_end: int) -> tuple[_Candidate | None, _Candidate | None]:
    """Best (strong, weak) candidate in the sentence.

    Strong: in the trigger's clause, or introduced by a locative.  A country, sea or
    continent with no locative is an actor ("Russia intensified its attacks"), not a
    location, and is never a candidate; nor is the dateline (where the reporter was).
    """
    strong: list[_Candidate] = []
    weak: list[_Candidate] = []
    for m in mentions:
        if _in_dateline(doc, m):
            continue
        c = _candidate(doc.text, m, t_start, t_end)
        if "locative" in trigger.needs and not c.locative:
            continue
        if m.place.geo_precision >= 3 and not c.locative:
            continue
        (strong if c.same_clause or c.locative else weak).append(c)
    return _best(strong), _best(weak)


def _best(candidates: list[_Candidate]) -> _Candidate | None:
    return max(candidates, key=lambda c: c.score) if candidates else None


def _paragraph_place(mentions: list[Mention], p_start: int, s_start: int) -> Mention | None:
    """The paragraph's last literal place before this sentence, towns before countries."""
    before = [m for m in mentions if p_start <= m.span.start < s_start]
    local = [m for m in before if m.place.geo_precision < 3]
    return (local or before or [None])[-1]


def _document_focus(mentions: list[Mention]) -> Mention | None:
    """The most mentioned literal country (ties: first mentioned), else the top place."""
    pool = [m for m in mentions if m.place.kind == "country"] or mentions
    if not pool:
        return None
    counts: dict[str, int] = {}
    for m in pool:
        counts[m.place.id] = counts.get(m.place.id, 0) + 1
    top = max(counts.values())
    return next(m for m in pool if counts[m.place.id] == top)


# ---------------------------------------------------------------------------- dates

def _event_date(dates: list[tuple[int, int, EventDate]], t_start: int,
                doc: Document) -> tuple[EventDate | None, float]:
    """The date expression nearest the trigger, else the publication day."""
    if dates:
        nearest = min(dates, key=lambda d: min(abs(d[0] - t_start), abs(d[1] - t_start)))
        return nearest[2], _DATED
    if doc.published is not None:
        return publication_event_date(doc.published), _PUBLICATION
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
    from re import _parser

    try:
        chars, nullable = _first_chars(_parser.parse(trig.regex.pattern, trig.regex.flags))
    except Exception:  # an unusual pattern: try the row everywhere
        return None
    return None if nullable else chars


@dataclass(frozen=True, slots=True)
class _TriggerIndex:
    """Where a sentence can hold a trigger, and which rows to try there."""

    scan: re.Pattern  # finds every position where some row may match
    rows: dict[str, tuple[int, ...]]  # first character (lowercase ASCII) -> rows, in order
    anywhere: tuple[int, ...]  # rows to try at any other ASCII character
    everywhere: tuple[int, ...]  # every row: for a non-ASCII character


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
    return _TriggerIndex(scan, rows, tuple(anywhere), tuple(range(len(vocab))))


def _triggers(sentence: str, vocab: tuple[Trigger, ...], index: _TriggerIndex | None
              ) -> dict[str, tuple[Trigger, int, int]]:
    """Best realis trigger per event type in one sentence (offsets relative to it)."""
    best: dict[str, tuple[Trigger, int, int]] = {}
    seen: set[int] = set()  # rows already matched realis once
    modality = _Modality(sentence)
    pos = 0
    while index is not None and (hit := index.scan.search(sentence, pos)):
        at = hit.start()
        ch = sentence[at]
        rows = index.rows.get(ch.lower(), index.anywhere) if ch.isascii() else index.everywhere
        for i in rows:
            if i in seen:
                continue
            trig = vocab[i]
            m = trig.regex.match(sentence, at)
            if m is None:
                continue
            span = m.span()
            if modality.irrealis(*span):
                continue
            seen.add(i)
            held = best.get(trig.event_type)
            if held is None or trig.weight > held[0].weight:
                best[trig.event_type] = (trig, span[0], span[1])
        pos = at + 1
    return best


def _place_for(doc: Document, sent: _Sentence, literal: list[Mention], trig: Trigger,
               t_start: int, t_end: int) -> tuple[Mention | None, float]:
    """Fallback chain: strong sentence place, weak one, paragraph, document focus."""
    inside = [m for m in literal if sent.start <= m.span.start < sent.end]
    strong, weak = _sentence_place(doc, inside, trig, t_start, t_end)
    if strong:
        return strong.mention, strong.factor
    if "locative" in trig.needs:
        return None, 0.0
    if weak:
        return weak.mention, weak.factor
    if trig.event_type in PARAGRAPH_FALLBACK:
        m = _paragraph_place(literal, sent.paragraph_start, sent.start)
        if m:
            return m, _PARAGRAPH
    if trig.event_type in DOCUMENT_FALLBACK:
        m = _document_focus(literal)
        if m:
            return m, _DOCUMENT
    return None, 0.0


def _sentence_events(doc: Document, sent: _Sentence, literal: list[Mention],
                     vocab: tuple[Trigger, ...], index: _TriggerIndex | None) -> list[Event]:
    found = _triggers(sent.text, vocab, index)
    if not found:
        return []
    dates = find_dates(sent.text, doc.published)
    fatalities, injured = find_counts(sent.text, [(s, e) for s, e, _ in dates])
    has_count = fatalities is not None or injured is not None
    events = []
    for event_type, (trig, rel_start, rel_end) in found.items():
        if "count" in trig.needs and not has_count:
            continue
        t_start, t_end = sent.start + rel_start, sent.start + rel_end
        mention, place_factor = _place_for(doc, sent, literal, trig, t_start, t_end)
        if mention is None:
            continue
        when, date_factor = _event_date(dates, rel_start, doc)
        if when is not None and doc.published is not None and when.start > doc.published:
            continue  # dated after publication: announced, not happened
        confidence = round(min(1.0, trig.weight * place_factor * date_factor), 3)
        if confidence < MIN_CONFIDENCE:
            continue
        events.append(Event(
            event_id=_event_id(doc.id, event_type, mention.place, when, sent.start),
            doc_id=doc.id, event_type=event_type, sub_event_type=trig.sub_event_type,
            date=when, place=mention.place, place_text=mention.span.text,
            evidence=sent.text, source=doc.source, confidence=confidence,
            evidence_start=sent.start))
    return _attach_counts(events, fatalities, injured)


def _attach_counts(events: list[Event], fatalities: int | None,
                   injured: int | None) -> list[Event]:
    """Counts go to the sentence's violent events; a bare toll stays a casualties_report."""
    if fatalities is None and injured is None:
        return events
    violent = [e for e in events if e.event_type in VIOLENT]
    for e in violent or [e for e in events if e.event_type == "casualties_report"]:
        e.fatalities, e.injured = fatalities, injured
    if violent:
        events = [e for e in events if e.event_type != "casualties_report"]
    return events


def _merge(events: list[Event]) -> list[Event]:
    """One event per (type, place, date): the most confident report of it wins."""
    kept: dict[tuple, Event] = {}
    for e in events:
        key = (e.event_type, e.place.id, e.date.value if e.date else None)
        held = kept.get(key)
        if held is None or e.confidence > held.confidence:
            kept[key] = e
    return sorted(kept.values(), key=lambda e: (e.evidence_start, e.event_type))


def _sentences(text: str) -> list[_Sentence]:
    paragraphs = _paragraphs(text)
    out = []
    for start, end in split_sentences(text):
        p_start = max((p for p, _ in paragraphs if p <= start), default=0)
        out.append(_Sentence(start, end, p_start, text[start:end]))
    return out


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
    literal = sorted((m for m in mentions if _literal(m)), key=lambda m: m.span.start)
    vocab = load_vocabulary()
    index = _trigger_index(vocab)
    events: list[Event] = []
    for sent in _sentences(text):
        events.extend(_sentence_events(doc, sent, literal, vocab, index))
    return _merge(events)
