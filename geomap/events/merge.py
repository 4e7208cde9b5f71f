"""Event ids, and merging duplicates: one event per (type, place, date) with every
sentence that tells it, within a document and across documents.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from gazetteer.model import Place
from geomap.events.context import _ARMED_OR_UNNAMED, _FIGHTERS, _attributed_at
from geomap.events.counts import _DEATH, _INJURY
from geomap.events.subtypes import _PROTESTERS, _TWO_SIDED, _VICTIMS
from geomap.events.vocabulary import VIOLENT
from geomap.model import Event, EventDate


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


#: Fire exchanged or met: "exchanging fire with gunmen", "came under fire", "a shootout".
_FIRE = re.compile(r"\b(?:(?:exchang|trad)\w*\s+fire|under\s+fire|fired\s+(?:on|at|back)"
                   r"|gunfire|gun-?battles?|shoot-?outs?|firefights?)\b", re.IGNORECASE)
#: A crowd that burns or loots, and no armed men or police between them: "crowds defied
#: a curfew and set fire to the parliament building".
_CROWD_BURNS = re.compile(
    r"\b(?:crowds?|mobs?|(?:hundreds|thousands)\s+of\s+(?:people|residents|youths|young\s+men"
    r"|villagers|supporters)|angry\s+(?:residents|youths|villagers))\b(?:(?!\b(?:police|soldiers"
    r"|troops|gunmen|militants|officers)\b)[^.;]){0,80}?\b(?:set\s+fire|torched|burned|burnt"
    r"|ransacked|looted)\b", re.IGNORECASE)
#: A crowd as the subject of the sentence's first verb: "crowds in Imphal attacked".
_MOB_ACTS = re.compile(
    r"^(?:.{0,40}?\b)?(?:crowds?|mobs?|rioters)\b(?:\s+(?:of|in|at|from|near)\s+"
    r"(?:[\w'\u2019-]+\s+){1,3}?)?\s*(?:\w+ly\s+)?(?:attacked|stormed|torched|burned"
    r"|set\s+fire|ransacked|beat|lynched|killed|hacked)\b", re.IGNORECASE)


def _an_attack(e: Event) -> bool:
    return e.sub_event_type == "attack" or e.sub_event_type == "armed_clash"


def _mob_acts(sentence: str) -> bool:
    """Whether a crowd or a mob does the violence of ``sentence`` (see
    :data:`_MOB_ACTS`; the crowd of "police fired on the crowd" suffers it)."""
    return ("rowd" in sentence or "mob" in sentence or "ioter" in sentence) and bool(
        _MOB_ACTS.search(sentence))


_OF_SOMEONE = re.compile(r"\b(?:of|against|on|at)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)


def _event_id(doc_id: str, event_type: str, place: Place, when: EventDate | None,
              start: int) -> str:
    key = "|".join((doc_id, event_type, place.id, when.value if when else "", str(start)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


#: Deaths caused by fighting: "were killed during Wednesday's fighting", "died in the
#: clashes".
_IN_THE_FIGHTING = re.compile(
    r"\b(?:(?:were|was|been)\s+killed|died)\b[^.;]{0,60}?\b(?:in|during|amid)\s+(?:the\s+)?"
    r"(?:[\w'\u2019-]+\s+){0,2}?(?:fighting|clashes|battles?|crossfire|gunfights?)\b",
    re.IGNORECASE)
#: ... unless someone is told to have killed them on purpose: "gunmen massacred 30
#: villagers as two soldiers died in clashes nearby".
_ONE_SIDED = re.compile(r"\b(?:massacr\w*|executed|shot\s+dead|gunned\s+down|slaughtered)\b",
                        re.IGNORECASE)


#: Words of a ground assault, a battle of its own beside a strike in the same sentence.
_ASSAULT = re.compile(r"\b(?:attack\w*|raid\w*|ambush\w*|assault\w*|stormed)\b",
                      re.IGNORECASE)


def _subsume_pairs(events: list[Event]) -> list[Event]:
    """The part of :func:`_subsume` that weighs a sentence's events against each other
    (a sentence of one event has none to weigh)."""
    shelled = {e.place.id for e in events if e.event_type == "explosions_remote_violence"}
    if shelled:  # "civilians were killed as a result of army shelling": one shelling
        events = [e for e in events if not (e.event_type == "violence_against_civilians"
                                            and e.sub_event_type == "attack"
                                            and e.place.id in shelled)]
        if not _TWO_SIDED.search(events[0].evidence) and not _ASSAULT.search(
                events[0].evidence):
            # "a drone strike killed three U.S. soldiers at a base": soldiers killed by
            # the strike, no battle (but "clashes and shelling", "rebels attacked a post,
            # and a missile hit the city" are both)
            events = [e for e in events if not (e.event_type == "battles"
                                                and e.sub_event_type == "armed_clash"
                                                and e.place.id in shelled)]
    fought = {e.place.id for e in events if e.event_type == "battles"}
    if fought and _IN_THE_FIGHTING.search(events[0].evidence) and not _ONE_SIDED.search(
            events[0].evidence):
        # "12 civilians were killed in Spin Boldak during Wednesday's fighting": the
        # battle's toll, not an attack on them
        events = [e for e in events if not (e.event_type == "violence_against_civilians"
                                            and e.place.id in fought)]
    forced = {e.place.id for e in events
              if e.sub_event_type == "excessive_force_against_protesters"}
    if forced:  # "police opened fire on protesters and residents, killing three": force
        # used on a protest, not also an attack on civilians
        events = [e for e in events if not (e.event_type == "violence_against_civilians"
                                            and e.sub_event_type == "attack"
                                            and e.place.id in forced)]
    taken = {e.place.id for e in events
             if e.sub_event_type == "abduction_forced_disappearance"}
    if taken:  # "Gunmen stormed a church service and kidnapped 30 worshippers": one
        # abduction, the storming how it was done
        events = [e for e in events if not (e.sub_event_type == "attack"
                                            and e.place.id in taken)]
    victims = {e.place.id for e in events if e.event_type == "violence_against_civilians"}
    if victims and not _TWO_SIDED.search(events[0].evidence):
        # "Gunmen abducted 35 villagers in a raid": the raid is how, not a battle too
        events = [e for e in events if not (e.event_type == "battles" and e.place.id in victims)]
    if victims and _TWO_SIDED.search(events[0].evidence) and not _VICTIMS.search(
            events[0].evidence, 0, _attributed_at(events[0].evidence)):
        # "insurgents stormed the town, fighting soldiers for several hours, residents
        # said": the storming is the battle, no attack on civilians besides
        fought = {e.place.id for e in events if e.event_type == "battles"}
        events = [e for e in events if not (e.event_type == "violence_against_civilians"
                                            and e.sub_event_type == "attack"
                                            and e.place.id in fought)]
    violence = {e.place.id for e in events if e.event_type in VIOLENT}
    if violence and not _protesters_act(events[0].evidence):
        # "stormed the village, killing six men and looting livestock": the looting is
        # part of the attack (what protesters burn makes a riot: see _subsume)
        events = [e for e in events if not (e.sub_event_type == "looting_property_destruction"
                                            and e.place.id in violence)]
    held = {e.place.id for e in events if e.sub_event_type == "arrests"}
    if held and not _TWO_SIDED.search(events[0].evidence) and not _FIRE.search(
            events[0].evidence) and not _DEATH.search(events[0].evidence) and not (
            _INJURY.search(events[0].evidence)):
        # "troops detained at least 20 people in raids on homes": the raids are how
        # they were held, no battle (but "killed two gunmen and arrested five in a raid")
        events = [e for e in events if not (e.event_type == "battles" and e.place.id in held)]
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
    return events


def _subsume(events: list[Event]) -> list[Event]:
    """A demonstration that turned violent is a riot (ACLED), not also a protest, and
    what the rioters set on fire is part of it: the sentence's protests and property
    destruction at a riot's place are dropped.  Likewise civilians (and, with no assault
    told, soldiers) killed by the shelling or bombing the sentence tells are that
    explosion's victims, not a second event, as are the attack by which people were
    abducted and the crowd of a protest police fired at; a town taken after fighting was
    taken in that battle; and arrests at a protest make it a protest with intervention."""
    if len(events) > 1:
        events = _subsume_pairs(events)
    if any(map(_an_attack, events)) and _mob_acts(events[0].evidence):
        # "crowds in Imphal attacked and set fire to the homes of ministers": mob
        # violence (ACLED), neither an armed attack nor a battle
        events = [replace(e, event_type="riots", sub_event_type="mob_violence",
                          event_id=_event_id(e.doc_id, "riots", e.place, e.date,
                                             e.evidence_start))
                  if _an_attack(e) else e for e in events]
    if any(e.sub_event_type == "looting_property_destruction" for e in events) and (
            _protesters_act(events[0].evidence) or _CROWD_BURNS.search(events[0].evidence)):
        # "where a police station was torched" told of protesters, "hundreds of people
        # set fire to two government vehicles": a riot (ACLED)
        events = [replace(e, event_type="riots", sub_event_type="violent_demonstration",
                          event_id=_event_id(e.doc_id, "riots", e.place, e.date,
                                             e.evidence_start))
                  if e.sub_event_type == "looting_property_destruction" else e
                  for e in events]
    elif any(e.sub_event_type == "looting_property_destruction" for e in events) and (
            _KILLING_BY_IT.search(events[0].evidence)) and not any(
            e.event_type in VIOLENT for e in events) and (
            _FIGHTERS.search(events[0].evidence) or _ARMED_OR_UNNAMED.search(events[0].evidence)):
        # "gunmen set fire to a parked bus, killing the driver's assistant": an arson by
        # armed men that killed is an attack on the people it killed (ACLED; not "an
        # arsonist set fire to a building, killing 10")
        events = [replace(e, event_type="violence_against_civilians", sub_event_type="attack",
                          event_id=_event_id(e.doc_id, "violence_against_civilians", e.place,
                                             e.date, e.evidence_start))
                  if e.sub_event_type == "looting_property_destruction" else e
                  for e in events]
    rioted = {e.place.id for e in events if e.event_type == "riots"}
    if not rioted:
        return events
    crowd = _CROWD.search(events[0].evidence) is not None
    return [e for e in events if not (e.place.id in rioted and (
        e.event_type == "protests" or e.sub_event_type == "looting_property_destruction"
        # "police opened fire on a crowd that tried to storm a party office, killing one
        # protester": the riot's toll, no attack on civilians besides
        or crowd and e.event_type == "violence_against_civilians"
        and e.sub_event_type == "attack"))]


#: The people an arson killed, told after it: ", killing the driver's assistant", ",
#: burning two children to death".
_KILLING_BY_IT = re.compile(r",\s+(?:killing|burning\s+(?:[\w'\u2019-]+\s+){0,4}?(?:to\s+death"
                            r"|alive))\b", re.IGNORECASE)
#: The rioters as victims: the crowd, the protesters.
_CROWD = re.compile(rf"{_PROTESTERS.pattern}|\b(?:crowds?|mobs?)\b", re.IGNORECASE)


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
