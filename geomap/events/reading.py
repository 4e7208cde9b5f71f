"""Reading one sentence: its triggers, kept or dropped, with their dates, counts
and actors, before any place is linked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import NamedTuple

from geomap.dates import find_dates
from geomap.events.actors import _clause_actors, _may_name_actors
from geomap.events.context import (
    _CRIME_STEMS,
    _MINOR_OFFENCES,
    _NOT_VIOLENCE,
    _ORDINARY_CRIME,
    _PERIOD_TOLL,
    _POLITICAL,
    _UNREST,
    _WHO_FIGHT,
    _attributed_at,
    _context_allows,
    _history_aside,
    _in_a_name,
    _in_a_wars_clause,
    _past_year_modifier,
    _running_since,
    _sport,
)
from geomap.events.counts import (
    _DEATH,
    _INJURY,
    _case_folded,
    _haystack,
    _one_person,
    find_counts,
)
from geomap.events.dating import _event_date
from geomap.events.modality import _A_DAY
from geomap.events.triggers import Positions, _triggers
from geomap.events.vocabulary import VIOLENT, Trigger
from geomap.model import Event, EventDate

#: A period that makes a sentence undated by a day tell a running activity, not an
#: event: "has stepped up drone attacks in recent weeks", "more than 100 drone attacks
#: so far this year".
_RUNNING = re.compile(
    r"\b(?:in\s+recent\s+(?:weeks|months|years)|so\s+far\s+this\s+month|(?:so\s+far\s+)?this"
    r"\s+year"
    r"|(?:over|in|during)\s+the\s+(?:past|last)\s+(?:(?:few|several|two|three|four|five|six"
    r"|\d+)\s+)?(?:weeks|months|years)"
    r"|for\s+(?:many\s+|several\s+)?(?:years|decades|months)"
    # a running toll: "have been killed since then", "since the start of the invasion"
    r"|since\s+(?:then|the\s+(?:(?:start|beginning|outbreak)\s+of\s+the\s+)?(?:[\w-]+\s+)?"
    r"(?:invasion|war|conflict|coup|uprising|insurgency|offensive|operation|crisis|fighting)"
    r"|(?:early\s+|late\s+|mid-)?(?:19|20)\d\d"
    # "since the protests began", "since the movement spread from Columbia"
    r"|(?:the\s+)?(?:[\w-]+\s+){1,3}(?:began|started|erupted|broke\s+out|spread|escalated))"
    # "Over the same period, 23 Israelis have been killed"
    r"|(?:over|during|in)\s+the\s+same\s+period)\b",
    re.IGNORECASE)
#: A stretch of a year, which no single event fills, so told in any tense: "were killed
#: in the first three months of the year".
_FIRST_PART = re.compile(
    r"\b(?:in|during|over)\s+the\s+first\s+(?:[\w-]+\s+)?(?:weeks|months|half|quarter)"
    r"\s+of\s+(?:the|this|last)\s+year\b", re.IGNORECASE)
#: ... told in a perfect tense, as a running activity is: "has been the target of",
#: "have also fired", "had recorded".
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:[\w-]+\s+){0,2}?(?:been|\w+ed|\w+en)\b",
                      re.IGNORECASE)
#: ... but a superlative compares the event told with those of the period: "the
#: deadliest attack in the city in recent years" is still that attack.
_SUPERLATIVE = re.compile(
    r"\b(?:deadliest|bloodiest|biggest|largest|heaviest|fiercest|worst|most\s+\w+|one\s+of\s+the"
    r"|first|latest)\b", re.IGNORECASE)
#: Families whose undated events in a sentence naming a period (see :data:`_RUNNING`)
#: are what went on over it.
_ONGOING = VIOLENT | {"displacement", "casualties_report"}
#: A flight verb right before a violent trigger: "fleeing fighting", "fled the shelling",
#: "have sheltered from the fighting".
_FLIGHT_CAUSE = re.compile(
    r"\b(?:flee(?:ing|s)?|fled|escap(?:e|ed|es|ing)|(?:shelter(?:ed|ing|s)?|(?:took|taken"
    r"|taking|sought|seeking)\s+refuge)\s+from)\s+(?:the\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE)
_FLIGHT_CAUSE_FOLDED = _case_folded(_FLIGHT_CAUSE)

#: "the", "this" or "that" right before a trigger: an event of its family told before.
_DEFINITE = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)
#: The same with a name before a noun trigger: "the Djibo attack" (see :func:`_retold`).
_DEFINITE_NAMED = re.compile(r"\b(?:the|this)\s+(?-i:[A-Z][\w'\u2019-]*\s+){1,2}$",
                             re.IGNORECASE)


#: A war or conflict as the subject of a perfect tense before a trigger: what it has
#: done over its course ("The war, which erupted in 2023, has killed tens of thousands
#: and displaced more than 12 million").
_WAR_HAS = re.compile(r"^(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:wars?|conflicts?|insurgency|crisis)\b"
                      r"(?:,[^.;]{0,100}?,)?\s+(?:has|have)\s[^.;,]{0,80}$",
                      re.IGNORECASE)

#: A period whose other incidents a sentence lists after its own: "in a week of violence
#: that also saw mass kidnappings, an air force bombing raid and a deadly clash".
_OTHERS_OF_THE_PERIOD = re.compile(
    r"\b(?:week|month|year|days|weeks|months|period|spate|wave)\s+(?:of\s+[\w-]+\s+)?"
    r"(?:that|which)\s+(?:also\s+)?saw\b", re.IGNORECASE)
#: A perfect tense of a toll or a flight: "have been killed", "has displaced", "have
#: fled" (see :func:`_stock`).
_TOLL_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:(?:now|since|already|also|so\s+far)\s+)?(?:been\s+)?(?:killed"
    r"|displaced|fled|uprooted|forced|driven|died|claimed)\b"
    # or a state: "There are now 3.5 million people displaced", "1.2 million remain displaced"
    r"|\b(?:remain|are|were)\s+(?:now\s+|still\s+)?(?:[\w.,]+\s+){0,4}?displaced\b",
    re.IGNORECASE)
#: Tens of thousands or more: a population's number, not one incident's (nor a flight
#: of the news: "Thousands of people have fled Bocaranga").
_MYRIADS = re.compile(
    r"\b(?:\d{2,3},\d{3}|\d{1,3}(?:,\d{3}){2,}|\d{5,}|(?:tens|hundreds)\s+of\s+thousands"
    r"|millions|(?:half\s+)?a\s+million|[\w.]+\s+million)\b", re.IGNORECASE)
#: What makes such a number the whole war's: its cause or subject a war ("displaced by
#: the conflict", "The insurgency, which began in 2009, has killed"), a war's pair of
#: tolls ("killed and 600,000 displaced"), or its reach ("nationwide", "so far", "since").
_WARS_STOCK = re.compile(
    r"\b(?:(?:by|in)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:conflicts?|wars?|violence|fighting"
    r"|insurgency|crisis|unrest)\b"
    r"|(?:conflicts?|wars?|insurgency|offensive|campaign|violence|fighting|uprising|crisis)"
    r"(?:\s+in\s+(?:[\w'\u2019-]+\s+){0,2}?[\w'\u2019-]+)?(?:,[^,;]{0,100},)?\s+(?:has|have)\b"
    r"|killed\b[^;]{0,80}\band\b[^;]{0,40}\b(?:displaced|uprooted)\b"
    r"|nationwide|across\s+the\s+country|inside|so\s+far|since|in\s+total|altogether)",
    re.IGNORECASE)
#: What ties a big toll or flight to the news: "this week", "since the attack".
_THIS_WEEK = re.compile(
    r"\b(?:(?:this|last)\s+(?:week|month)|since\s+the\s+(?:start|beginning)\s+of\s+the"
    r"\s+(?:week|month)|since\s+the\s+(?:[\w-]+\s+)?(?:attacks?|raids?|assault"
    r"|strikes?|bombings?|ambush|clashes|massacre|killings))\b", re.IGNORECASE)
#: Nouns for people a flight is told of.
_PEOPLE_NOUNS = r"(?:people|persons|families|civilians|residents|children|women|villagers)"
#: "displaced" as an adjective, after a number or quantifier: "half a million displaced
#: people", "internally displaced persons" (a population, not a flight told).
_DISPLACED_PEOPLE = re.compile(
    r"(?:\d|\b(?:million|thousands?|hundreds?|many|more|other|internally|newly|the|among"
    rf"|and|all))\s+displaced\s+{_PEOPLE_NOUNS}\b", re.IGNORECASE)
#: People a flight describes rather than tells: "displaced families", "families
#: displaced from the camp" (no auxiliary: no verb), one person "who fled" ("said a
#: teacher who fled Mirebalais"), those who "had already been displaced".
_DISPLACED_WHO = re.compile(
    rf"displaced\s+(?:[A-Z][\w-]+\s+)?(?:{_PEOPLE_NOUNS}|Palestinians)\b", re.IGNORECASE)
_WHO_DISPLACED = re.compile(rf"(?<!were\s)(?<!been\s)(?<!are\s)(?<!was\s)\b{_PEOPLE_NOUNS}\s+$",
                            re.IGNORECASE)
_ONE_WHO = re.compile(r"\ban?\s+(?:[\w'-]+,?\s+){0,4}?[\w'-]*[^\Ws]\s+who\s+"
                      r"(?:had\s+|has\s+|was\s+)?$|\balready\s+been\s+$", re.IGNORECASE)
#: Counted people right before "displaced": "2,000 families", "thousands of people".
_COUNTED = re.compile(rf"(?:\d|\b(?:hundreds|thousands|millions|dozens))[\d,.]*\s+"
                      rf"(?:[\w-]+\s+)?{_PEOPLE_NOUNS}\s+$", re.IGNORECASE)


def _who_they_are(sentence: str, start: int, end: int) -> bool:
    """Whether the flight at ``start:end`` describes people, no flight of the news
    (:data:`_DISPLACED_WHO`, :data:`_WHO_DISPLACED`, :data:`_ONE_WHO`)."""
    before = max(0, start - 60)
    if sentence.startswith("displaced", start) and (
            _DISPLACED_WHO.match(sentence, start)
            or _WHO_DISPLACED.search(sentence, before, start)
            and not (_COUNTED.search(sentence, before, start) and _A_DAY.search(sentence))):
        return True  # ("2,000 families displaced by fighting arrived on Tuesday": a
        # flight told, of its day)
    return _ONE_WHO.search(sentence, before, start) is not None


def _stock(sentence: str, dates: list[tuple[int, int, EventDate]],
           published: date | None) -> bool:
    """Whether a sentence gives a conflict's running total: in myriads, a perfect tense
    and the war's (see :data:`_WARS_STOCK`), with no day nor recent date: "More than 6,000
    people have been killed and over 600,000 displaced" (but not the news of a war's
    first week: "Just over 1 million people have fled the destruction")."""
    if not _TOLL_PERFECT.search(sentence) or not _MYRIADS.search(sentence) or (
            _A_DAY.search(sentence, 0, _attributed_at(sentence))
            or _THIS_WEEK.search(sentence)
            or not _WARS_STOCK.search(sentence)):
        return False
    return published is None or all((published - d.start).days > 31 for _, _, d in dates)


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


def _running_period(sentence: str, dates: list[tuple[int, int, EventDate]]) -> re.Match | None:
    """The period (:data:`_RUNNING`) over which a sentence tells, in a perfect tense, what
    went on, if it gives no day or other date of its own: "has been the target of
    several bombings in recent years", "had recorded 100 drone attacks so far this year"
    (but not "killed 101 on Thursday in the bloodiest day in recent years", nor "the
    deadliest attack in the city in recent months").  A trigger it tells is no event
    unless a ";" parts them ("Violence has grown in recent years; in February 2023,
    rebels kidnapped a pilot")."""
    lower = sentence.lower()
    if not any(map(lower.__contains__, _RUNNING_WORDS)):
        return None  # (most sentences: no word any period starts with)
    m = _FIRST_PART.search(sentence) if "first " in lower else None
    if m is None:
        m = _RUNNING.search(sentence)
        if m is not None and not _PERFECT.search(sentence):
            return None
    if m is None or _A_DAY.search(sentence) or any(
            not m.start() <= x.start() < m.end() for x in _SUPERLATIVE.finditer(sentence)):
        return None  # (the period's own "first" compares nothing)
    return m if all(m.start() <= d_start < m.end() for d_start, _, _ in dates) else None


def _in_its_clause(sentence: str, start: int, at: int) -> bool:
    """Whether a period at ``at`` belongs to the trigger at ``start``: no clause break
    between them ("have been killed in Kherson since the start of the invasion"; not
    "..., which has been hit since the invasion", nor "Jihadists, who have fought since
    2015, killed 12 soldiers"); a period opening the sentence is the whole sentence's
    ("Over the same period, 23 Israelis have been killed")."""
    between = sentence[min(start, at):max(start, at)]
    return ";" not in between and (", " not in between or at < start
                                   and not sentence[:at].strip())


#: A span of days that sums up what went on in it, told as what came before or around
#: another thing: "deployed the army after days of clashes", "untouched by two years of
#: fighting" (not "Three days of fighting ended with 17 dead", a battle told).
#: A state a place is in, right before a trigger: "a region plagued by clashes".
_PLAGUED_BY = re.compile(
    r"\b(?:plagued|wracked|racked|riven|torn|scarred|beset|blighted|gripped|dogged|hit)\s+"
    r"by\s+(?:(?:years|decades|months|waves?|cycles?|a\s+cycle|an?\s+wave)\s+of\s+)?"
    r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_DAYS_OF = re.compile(
    r"\b(?:after|following|followed|amid|despite|by|triggering|sparking)\s+(?:[\w-]+\s+)?"
    r"(?:days|weeks|months|years)\s+of\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
#: A past year that names an event right before its word: "the 2014 protests", "the
#: 2008 war" (dates.py reads no year without a preposition; nor is it one before
#: people: "the 2000 protesters").
_YEAR_NAMED = re.compile(r"\b[Tt]he\s+((?:19|20)\d\d)\s+(?:[a-z-]+\s+)?$")
_PEOPLE_WORD = re.compile(r"[a-z]+(?:ers|ors)\b")
#: A word every :data:`_RUNNING` or :data:`_FIRST_PART` match holds (lowercase).
_RUNNING_WORDS = ("recent", "this ", "past", "last", "since", "first ", "for ", "same period")


def _needs_met(sentence: str, trig: Trigger, start: int) -> bool:
    """:func:`_context_allows` of a trigger that asks more of its sentence than a count
    (which is found later, for the triggers kept)."""
    return trig.needs == _COUNT_ONLY or _context_allows(trig, sentence, start)


_COUNT_ONLY = frozenset({"count"})


def _read(sentence: str, published: date | None, vocab: tuple[Trigger, ...],
          positions: Positions, keys: tuple[tuple, ...]) -> _Reading:
    """The sentence's realis triggers (tried at ``positions``; ``keys`` as for
    :func:`_triggers`), dated, and its casualty counts: everything about it that does
    not depend on the places and events around it."""
    if not positions:
        return _NOTHING
    found = _triggers(sentence, vocab, positions, keys, partial(_needs_met, sentence))
    if not found:
        return _NOTHING
    dates = find_dates(sentence, published)
    fatalities, injured = find_counts(sentence, [(s, e) for s, e, _ in dates])
    has_count = fatalities is not None or injured is not None
    haystack, flight = _haystack(sentence, _FLIGHT_CAUSE, _FLIGHT_CAUSE_FOLDED)
    claims = []
    metaphor: bool | None = None  # a match report's "attack" (asked once, if need be)
    period: tuple[re.Match | None] | None = None  # see _running_period (asked once)
    stock: bool | None = None  # a running total (see _stock; asked once)
    crime: bool | None = None  # an ordinary crime told, and no political side (asked once)
    years = "he 20" in sentence or "he 19" in sentence  # "the 2014 protests" (_YEAR_NAMED)
    spans = ("days of" in sentence or "weeks of" in sentence or "months of" in sentence
             or "years of" in sentence)  # "after days of clashes" (_DAYS_OF)
    others = _OTHERS_OF_THE_PERIOD.search(sentence) if " saw " in sentence else None
    for trig, start, end in found.values():
        if "count" in trig.needs and not has_count:
            continue
        if others is not None and start > others.start():
            continue  # "..., in a week of violence that also saw mass kidnappings, an
            # air force bombing raid and a deadly clash": the others, told on their own
        if trig.event_type in VIOLENT:
            if metaphor is None:
                metaphor = not has_count and _sport(sentence) and not (
                    _DEATH.search(sentence) or _INJURY.search(sentence))
            if metaphor:
                continue  # "Newcastle's rampant attack tore through the Villa defence"
        if (trig.sub_event_type == "non_violent_transfer_of_territory"
                and trig.needs <= _COUNT_ONLY and not _context_allows(trig, sentence, start)):
            # (a row with needs beyond a count was asked in _triggers, by _needs_met)
            continue
        if trig.event_type == "displacement" and _WAR_HAS.search(sentence, 0, start) and (
                not _A_DAY.search(sentence)):
            continue  # "The war, which erupted in 2023, has ... displaced 12 million"
        if trig.event_type in _ONGOING:
            if stock is None:
                stock = _stock(sentence, dates, published)
            if stock or trig.event_type == "displacement" and (_DISPLACED_PEOPLE.search(
                    sentence, max(0, start - 12), end + 12) or _who_they_are(
                    sentence, start, end)):
                continue  # "More than 250 people have been killed and some 60,000
                # displaced", "Israel's offensive has since killed more than 34,000": a
                # war's running total; "shelters half a million displaced people", "a
                # teacher who fled Mirebalais", "Many had already been displaced": who
                # they are
        if trig.event_type == "casualties_report" and (
                _NOT_VIOLENCE.search(sentence) or _in_a_wars_clause(sentence, start)
                or _PERIOD_TOLL.match(sentence, start)):
            continue  # "the outbreak has killed 61", "ducks that have died", a crash, "a
            # civil war that killed 400,000": what a war cost, told as background
        if trig.sub_event_type == "arrests" or trig.event_type in VIOLENT:
            if crime is None:
                crime = any(map(haystack.__contains__, _CRIME_STEMS)) and bool(
                    _ORDINARY_CRIME.search(sentence)) and not _POLITICAL.search(sentence)
            if crime:
                continue  # "police arrested 34 people in raids targeting a fraud ring",
                # "a guard was attacked in the jewellery robbery": police work and crime
            if trig.sub_event_type == "arrests" and "rder" in sentence and (
                    _MINOR_OFFENCES.search(sentence) and not _UNREST.search(sentence)
                    and not _POLITICAL.search(sentence)):
                continue  # "20 arrests for public order offences during Hogmanay"
        if trig.event_type in VIOLENT and flight.search(haystack, 0, start):
            continue  # "families fleeing fighting": why they fled, not an event reported
        if spans and trig.event_type in _ONGOING and (days_of := _DAYS_OF.search(
                sentence, max(0, start - 50), start)) and not _DEATH.search(
                sentence, max(0, days_of.start() - 30), days_of.start()):
            continue  # "deployed the army after days of clashes": what went on, no event
            # (but "40 people have been killed after days of clashes": their toll)
        if sentence.startswith(("fighting", "Fighting"), start) and _WHO_FIGHT.search(
                sentence, 0, start):
            continue  # who they are, not a battle: "French jihadists fighting in Syria"
        if "by " in sentence and _PLAGUED_BY.search(sentence, max(0, start - 40), start):
            continue  # what a place is like: "a region plagued by clashes between herders
            # and farmers"
        if sentence[start].isupper() and _in_a_name(sentence, start, end):
            continue  # "the Chemical Weapons Act", "North Summit School District"
        if years and published is not None and (named := _YEAR_NAMED.search(
                sentence, max(0, start - 16), start)) and int(named[1]) < published.year and (
                not _PEOPLE_WORD.match(sentence, named.end(1) + 1)):
            continue  # "referring to the 2014 protests": recalled, no event of the news
        when, date_factor = _event_date(dates, start, published, sentence)
        if trig.event_type in _ONGOING:
            if period is None:
                period = (_running_period(sentence, dates),)
            m = period[0]
            if m is not None and _in_its_clause(sentence, start, m.start()):
                continue  # "Kyiv has stepped up drone attacks on refineries in recent weeks"
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
