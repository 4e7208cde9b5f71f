"""Who acted: the noun phrases of a trigger's clause naming a group ("Russian forces",
"police"), not the speakers quoted.
"""

from __future__ import annotations

import re

from geomap.dates import folds_like_ascii
from geomap.events.counts import _haystack
from geomap.events.places import _CLAUSE_BREAK, _CLAUSE_BREAK_FOLDED

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
