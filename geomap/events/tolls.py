"""Counts told apart from their violence: tolls broken down by town, counts told day
by day, and tolls that belong to the violence told right before them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from gazetteer.rank import contains, finer
from geomap.dates import WEEKDAYS, find_dates
from geomap.events.counts import _NUMBER, _WORD_NUM, _a_year, _classify_count, _number_value
from geomap.events.dating import _TOLD_ON
from geomap.events.merge import _event_id
from geomap.events.places import Placed, _modifies, _Places
from geomap.events.reading import _Reading
from geomap.events.sentences import _Sentence
from geomap.events.vocabulary import VIOLENT
from geomap.model import Document, Event, EventDate, Mention
from geomap.resolve import POSSESSIVE_GAP

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
    # (past an aside on the item before, and its preposition again: "in Sokode, the
    # country's second city, and in Kpalime")
    r"(?:\s*,\s*(?:(?:the|a|an)\s+[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,4}\s*,\s*(?=and\s))?"
    r"(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:(?<=and\s)(?:in|at)\s+)?"
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


def _near_day(when: EventDate | None, told: EventDate | None) -> bool:
    """:func:`_same_day`, or the day before or after: "overnight" in a lede and "late on
    Tuesday" in its retelling."""
    if _same_day(when, told):
        return True
    return (when.precision == told.precision == "day"
            and abs((when.start - told.start).days) <= 1)


def _narrow_place(doc_id: str, event: Event, placed: Placed | None) -> bool:
    """Move ``event`` to the place a retelling gives it (``placed``: the retelling's
    strong sentence place) when that lies inside the event's own, more exactly: "A
    suicide bomber blew himself up in Pakistan ... The blast ripped through the prayer
    hall in the town of Jamrud".  Whether it moved."""
    if placed is None:
        return False
    place = placed[0].place
    if not (finer(place, event.place) and contains(event.place, place)):
        return False
    event.place, event.place_text = place, placed[0].span.text
    event.event_id = _event_id(doc_id, event.event_type, place, event.date,
                               event.evidence_start)
    return True


#: A locative right before a town's name that says where something happened: "near the
#: town of Gebre Guracha", "in the village of", "outside" (not a plain "in": "the wounded
#: were taken to a hospital in Gusau").
_AT_TOWN = re.compile(r"\b(?:(?:in|near|at|outside|around)\s+the\s+(?:[\w-]+\s+)?(?:town|village"
                      r"|settlement)\s+of|near|outside|on\s+the\s+outskirts\s+of)\s+$",
                      re.IGNORECASE)
#: What points at another time or incident than the one told before.
_ELSEWHEN = re.compile(r"\b(?:after|before|similar|earlier|previous|another|last|ago|since)\b",
                       re.IGNORECASE)
#: Types whose region a sentence telling no event of its own may narrow to a town.
_NARROWED = frozenset({*VIOLENT, "protests", "riots"})


def _detail_town(doc_id: str, sent: _Sentence, places: _Places, told: list[Event]) -> None:
    """Move the events ``told`` in the sentence before, placed only at a region, to the
    one town this sentence (which tells no event of its own) puts them in: "Gunmen
    abducted more than 100 students in Ethiopia's Oromia region on Wednesday. ... armed
    men stopped the vehicles near the town of Gebre Guracha"."""
    coarse = [e for e in told if e.event_type in _NARROWED
              and e.place.kind in ("admin1", "region")]
    if not coarse or _ELSEWHEN.search(sent.text):
        return  # ("... a week after a similar raid near Zaria": another time's town)
    towns = {m.place.id: m for m in places.within(sent.start, sent.end)
             if m.place.kind == "city" and _AT_TOWN.search(
                 sent.text, max(0, m.span.start - sent.start - 40), m.span.start - sent.start)}
    for e in coarse:
        inside = [m for m in towns.values() if contains(e.place, m.place)]
        if len(inside) == 1:
            _narrow_place(doc_id, e, (inside[0], 1.0))


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


#: A sentence that refers back to violence told before it: "the deaths occurred ...".
_REFERS_BACK = re.compile(
    r"\b(?:the|these|those)\s+(?:deaths|dead|killings|violence|attacks?|fighting|clashes"
    r"|unrest|riots?|rioting|bombings?|blasts?|victims|toll|casualties"
    # or retells its incident: "The strike hit the vehicle", "The improvised explosive
    # device went off under an armored vehicle", "The bomber detonated explosives"
    r"|(?:[\w-]+\s+){0,2}?(?:strikes?|explosions?|device|bombs?|raid|ambush|shelling|shooting"
    r"|gunbattle|assault|bombers?|gunmen|attackers|assailants))\b", re.IGNORECASE)


def _harmful(e: Event) -> bool:
    """Whether ``e`` is violence whose toll a later sentence may tell: the violent
    families, and force used on protesters ("police opened fire on protesters. Three
    people were shot dead there.")."""
    return e.event_type in VIOLENT or e.sub_event_type == "excessive_force_against_protesters"


def _violence_right_before(prior: Sequence[Event], sent: _Sentence) -> Event | None:
    """The last violent event the sentence before ``sent`` told, if any, or the one
    before that when the sentence between tells no event and refers back to it ("At
    least 21 were killed in rioting across Mozambique. The minister said the deaths
    occurred on Monday. He said nine had died in Maputo, ...")."""
    for e in reversed(prior[-4:]):
        gap = sent.start - (e.evidence_start + len(e.evidence))
        if (0 <= gap <= 3 or sent.before and sent.before in e.more_evidence[-2:]) and (
                _harmful(e)):
            return e  # (or told again right before, see told_again; this sentence may
            # have retold it too: "died in the fighting")
    if prior and _harmful(prior[-1]) and sent.before and (
            _REFERS_BACK.search(sent.before)):
        e = prior[-1]
        if 0 <= sent.before_start - (e.evidence_start + len(e.evidence)) <= 3:
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
            event = next((e for e in told if finer(m.place, e.place)
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
                  if finer(m.place, e.place)
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
    r"|gun-?fight|exchange\s+of\s+fire"
    # or at its end: "had been killed before the attackers withdrew"
    r"|(?:attackers|assailants|raiders|gunmen|insurgents|militants)\s+(?:had\s+)?(?:withdrew"
    r"|withdrawn|retreated|fled|escaped))\b"
    # or goes on counting its victims: "Nine other soldiers were wounded", "Among the
    # dead were two workers"
    r"|\b(?:\w+\s+other\s+(?:\w+\s+)?(?:soldiers|people|civilians|officers|fighters"
    r"|troops|policemen)|among\s+the\s+(?:dead|injured|wounded|victims)"
    r"|identified\s+the\s+(?:dead|victims|bodies))\b"
    # or says how its toll grew (see _TOLL_RISEN)
    r"|\b(?:bringing|raising|taking|pushing)\s+(?:the\s+(?:death\s+)?toll|it)\s+to\b"
    r"|\bthe\s+(?:death\s+)?toll\s+(?:had|has)\s+(?:risen|climbed)\s+to\b", re.IGNORECASE)
#: How the toll of an event told before grew, on a later day than the event: "a woman
#: died on Monday, bringing the toll to four", "by Monday, the toll had risen to 17".
_TOLL_RISEN = re.compile(
    r"\b(?:(?:bringing|raising|taking|pushing)\s+(?:the\s+(?:death\s+)?toll|it)\s+to"
    r"|the\s+(?:death\s+)?toll\s+(?:had|has)\s+(?:risen|climbed)\s+to)\b", re.IGNORECASE)


def _repeated_tolls(events: list[Event]) -> list[Event]:
    """``events`` without the tolls that repeat the count of a violent event told
    before at the same place (and date, if the toll tells one): "The toll has reached
    54" after "The death toll from a suicide bombing ... rose to 54" is that bombing's
    toll, told again."""
    if not any(e.event_type == "casualties_report" for e in events):
        return events
    kept: list[Event] = []
    seen: dict[tuple[str, int], set[str | None]] = {}  # (place, deaths) -> dates
    for e in events:
        if e.fatalities is not None and e.event_type in VIOLENT:
            seen.setdefault((e.place.id, e.fatalities), set()).add(
                e.date.value if e.date else None)
        elif e.event_type == "casualties_report" and e.fatalities is not None:
            dates = seen.get((e.place.id, e.fatalities))
            if dates is not None and (e.date is None or e.date.text is None
                                      or e.date.value in dates):
                continue
        kept.append(e)
    return kept


def _paragraph_tolls(text: str, events: list[Event]) -> list[Event]:
    """``events`` without the tolls that name no place of their own and follow violence
    told in their paragraph, given to it by :func:`_toll_of` ("A bomb hit the market in
    Bannu on Sunday. 'It was chaos,' a trader said. Six people were wounded and taken to
    the city's hospital."): the sentence counts that incident's victims."""
    kept: list[Event] = []
    for e in events:
        if (e.event_type == "casualties_report" and e.place_text not in e.evidence
                and not _TOLL_OF_MORE.search(e.evidence)):
            last = next((p for p in reversed(kept[-8:]) if _harmful(p)), None)
            if (last is not None and last.evidence_start < e.evidence_start
                    and _in_paragraph(text, last, e.evidence_start)
                    and not _told_otherwise(text, last, e)
                    and _toll_of(kept, e, _TOLL_RISEN.search(e.evidence) is not None)):
                continue
        kept.append(e)
    return kept


def _told_at_two_levels(events: list[Event]) -> list[Event]:
    """``events`` without the violence a lead tells at a region or a country that a
    sentence tells again at a town in it, with the same toll and day (if the lead gives
    one) ("Gunmen killed 52 people in Nigeria's Plateau state" then "The attackers
    killed 52 people in Hurti"): one incident, kept at its town, if of one kind and not
    told as another ("In a separate attack ...", "five more").  The events of one
    sentence that names both places share its toll and are two ("Militants attacked a
    post in Ukraine, a day after gunmen in Kyiv killed seven"), unless a retelling moved
    one to its town.  A lead whose day is given is also the one incident of its kind
    told at a town there that day, whatever the town's toll ("Militants killed 17
    civilians in central Mali on Saturday" then "Gunmen surrounded Djiguibombo, a village
    in the Bandiagara area ... put the toll at 14")."""
    violent = [e for e in events if e.event_type in VIOLENT and e.fatalities is not None
               and e.fatalities >= MIN_TWO_LEVEL_TOLL]
    if not violent:
        return events
    dropped: set[int] = set()
    for broad in violent:
        if broad.place.kind not in ("admin1", "country"):
            continue  # (a second-level division knows only its first-level parent)

        def told_at_its_town(e: Event, broad: Event = broad) -> bool:
            return (e is not broad and id(e) not in dropped
                    and e.fatalities == broad.fatalities
                    and finer(e.place, broad.place)
                    and contains(broad.place, e.place)
                    # another sentence of the same kind, or one a retelling moved there
                    and (e.evidence_start != broad.evidence_start
                         and e.event_type == broad.event_type
                         or e.place_text not in e.evidence)
                    and (broad.date is None or broad.date.text is None
                         or _same_day(e.date, broad.date))
                    and not _ANOTHER.search(e.evidence))

        fine = next(filter(told_at_its_town, violent), None)
        if fine is not None:
            _joined(fine, broad, broad.evidence)
            dropped.add(id(broad))
        elif broad.date is not None and broad.date.text is not None and not (
                _SUMMED.search(broad.evidence)):
            # told with another toll or none, the day given: the one incident of its
            # kind that day in that region or country, which keeps its own toll (the
            # lead's may sum others: "strikes killed 21 people across Gaza")
            alike = [e for e in events if e is not broad and id(e) not in dropped
                     and e.event_type == broad.event_type
                     and e.evidence_start != broad.evidence_start
                     and finer(e.place, broad.place)
                     and contains(broad.place, e.place) and e.date is not None
                     and e.date.value == broad.date.value and not _ANOTHER.search(e.evidence)]
            if len(alike) == 1:
                told_again(alike[0], broad.evidence)
                dropped.add(id(broad))
    return [e for e in events if id(e) not in dropped] if dropped else events


#: A toll of several incidents: "Israeli strikes killed 21 people across the Gaza Strip",
#: "Airstrikes killed 30 in Tigray", "Shelling killed eight civilians in Donetsk region".
_SUMMED = re.compile(
    r"\b(?:strikes|airstrikes|attacks|raids|bombings|shelling|clashes)\b[^,;]{0,60}?\bkill"
    r"|\bkill\w*\b[^,;]{0,60}?\b(?:across|throughout)\s+(?!(?:the\s+)?(?:border|frontier"
    r"|river|street|road)\b)", re.IGNORECASE)
#: Words that make a sentence's violence another incident: "In a separate attack",
#: "killed five more", "a second strike".
_ANOTHER = re.compile(
    r"\b(?:separate(?:ly)?|another|elsewhere)\b|(?:\d|\b(?:two|three|four|five|six|seven"
    r"|eight|nine|ten|dozens?|several))\s+more\b|\ba\s+second\s+(?:attack|strike|blast"
    r"|bombing|raid|incident)\b", re.IGNORECASE)
#: The least toll that makes two tellings of violence one incident by their count.
MIN_TWO_LEVEL_TOLL = 3


#: Harm of another cause, between an incident and a toll or in the toll itself: "A bus
#: overturned near Basra. Twelve people died", floods, hunger, a collapse.
_OTHER_HARM = re.compile(
    r"\b(?:overturn\w*|floods?|flooding|landslides?|earthquakes?|storms?|cyclones?"
    r"|hurricanes?|typhoons?|hypotherm\w*|malnutrition|starv\w*|famine|drown\w*|accidents?"
    r"|crash\w*|collaps\w*|tankers?|heat\s?waves?|diseases?|cholera|outbreaks?)\b",
    re.IGNORECASE)


def _told_otherwise(text: str, event: Event, toll: Event) -> bool:
    """Whether what lies between ``event`` and ``toll`` (or the toll itself) tells
    another incident or cause: "Separately, ...", a bus that overturned."""
    between = text[event.evidence_start + len(event.evidence):toll.evidence_start]
    return bool(_TOLL_OF_MORE.search(between) or _OTHER_HARM.search(between)
                or _OTHER_HARM.search(toll.evidence))


def _in_paragraph(text: str, event: Event, at: int) -> bool:
    """Whether ``event`` is told, or told again, in the paragraph of offset ``at``: a
    retelling noted, or a paragraph that opens referring back to it ("The bomb, hidden
    in a drainage pipe, detonated as a patrol passed")."""
    if "\n" not in text[event.evidence_start:at]:
        return True
    paragraph = text[text.rfind("\n", 0, at) + 1:at]
    return any(told in paragraph for told in event.more_evidence) or (
        _REFERS_BACK.match(paragraph) is not None)


def _toll_of(prior: Sequence[Event], toll: Event, risen: bool = False) -> bool:
    """Give ``toll``, a toll that names no place of its own and points back at one event,
    to the document's last violent event of its date, and say whether there was one
    (the largest count told wins).  A toll dated otherwise ("In 2014, 298 people were
    killed in the attack") stays a report of its own, unless it tells how the toll
    ``risen`` since (:data:`_TOLL_RISEN`), a day or more after the event.  A death
    toll is none of a rape told between ("... had raped a girl. Amnesty said 41 people
    had been killed in the violence")."""
    dated = (toll.date is not None and toll.date.text is not None  # not the publication's
             and not (risen and toll.date.precision == "day")
             and not _told_on(toll.evidence, toll.date.text))  # nor the day it was said
    event = next((e for e in reversed(prior) if _harmful(e) and (
        e.sub_event_type != "sexual_violence" or toll.fatalities is None) and (
        not dated or e.date is not None and e.date.value == toll.date.value)), None)
    if event is None:
        return False
    _joined(event, toll, toll.evidence)
    return True


def _joined(event: Event, other: Event, sentence: str) -> None:
    """``other``, told in ``sentence``, is ``event`` told again: its counts join it
    (the largest told wins)."""
    for field in ("fatalities", "injured"):
        count = getattr(other, field)
        if count is not None and (getattr(event, field) or 0) < count:
            setattr(event, field, count)
    told_again(event, sentence)


#: A sentence whose subject is the doers of an incident told before: "The attackers
#: stormed Ocholonya, a community in the Agatu area, late Friday".
_DOERS_AGAIN = re.compile(
    r"^(?:The|These|Those)\s+(?:[\w-]+\s+){0,2}?(?:attackers|gunmen|assailants|raiders"
    r"|bombers?|bandits)\b(?![^,;]{0,60}\b(?:then|later|also|again|another|next|second)\b)")


def _retold_by_doers(doc_id: str, sent: _Sentence, found: list[Event],
                     prior: Sequence[Event]) -> list[Event]:
    """``found`` without the events of a sentence that tells, through their doers, the
    incident told just before, more exactly: the earlier event moves to the town inside
    its place and takes the day, if it had none of its own ("Gunmen killed 43 people in
    an attack in Benue state, authorities said. The attackers stormed Ocholonya, in the
    Agatu area, late Friday")."""
    if not found or not prior or not _DOERS_AGAIN.match(sent.text):
        return found
    kept = []
    for e in found:
        told = next((t for t in reversed(prior[-8:]) if t.event_type == e.event_type
                     and t.sub_event_type == e.sub_event_type), None)
        if told is None and e.event_type == "battles":  # the doers' act in a fight's
            # word ("The attackers struck Zike"): the violence told, whatever its kind
            told = next((t for t in reversed(prior[-8:]) if t.event_type in VIOLENT), None)
        if told is None or e.event_type not in VIOLENT or not (
                told.place.id == e.place.id or contains(told.place, e.place)) or (
                told.date is not None and told.date.text is not None
                and not _told_on(told.evidence, told.date.text)
                and not _same_day(told.date, e.date)):
            kept.append(e)
            continue
        if told.place.id != e.place.id:
            told.place, told.place_text = e.place, e.place_text
        if e.date is not None and e.date.text is not None:
            told.date = e.date
        told.event_id = _event_id(doc_id, told.event_type, told.place, told.date,
                                  told.evidence_start)
        _joined(told, e, sent.text)
    return kept


def _day_of(told: Event, when: EventDate | None, sentence: str, start: int,
            end: int) -> bool:
    """Whether ``when``, the day a retelling (its trigger at ``start:end`` of
    ``sentence``) gives right by its trigger, is the day of ``told``, an event dated
    only by its publication or by the day someone said it ("Gunmen killed 21 people,
    a doctors' group said Wednesday. The attack happened Sunday in Kazgil"): a day
    before that.  A day of something else between them stays its own ("The air raids
    follow the fall last Tuesday of a garrison").  A day inside the week or month the
    event was told in is its day wherever the retelling gives it ("killed dozens ...
    late last month" then "The killings in Merawi ... took place on Monday last week")."""
    if when is None or when.text is None or when.precision != "day" or told.date is None:
        return False
    at = sentence.find(when.text)
    if at < 0:
        return False
    between = sentence[end:at] if at >= end else sentence[at + len(when.text):start]
    beside = len(between) <= 40 and not _OTHER_THING.search(between)
    if (told.date.text is not None and told.date.precision in ("week", "month")
            and told.date.start <= when.start <= told.date.end):
        # (unless it is what another act was done about, on that day: "arrested two
        # suspects in the killings on March 14")
        return (_ACTED_ON.search(sentence, 0, start) is None
                and _TIME_LINK.search(between) is None)
    if (not (told.date.text is None or _SAID_ON.search(
            told.evidence, 0, max(0, told.evidence.find(told.date.text))))
            or when.start > told.date.start):
        return False
    return beside


#: Acts done about an incident, whose day a retelling of it may give: "arrested two
#: suspects in the killings", "condemned the attack".
_ACTED_ON = re.compile(r"\b(?:arrest\w*|detain\w*|charg\w*|sentenc\w*|convict\w*|tried"
                       r"|trial|investigat\w*|condemn\w*|protest\w*|mourn\w*|buried|funerals?"
                       r"|commemorat\w*|marked|anniversar\w*)\b", re.IGNORECASE)
#: Words that put a day on another time than the incident's.
_TIME_WORDS = r"after|before|since|follow\w*|preced\w*|ago|earlier|later"
_TIME_LINK = re.compile(rf"\b(?:{_TIME_WORDS})\b", re.IGNORECASE)
#: A speech verb right before a day: the day it was said ("a doctors' group said
#: Wednesday"; not "bombing was reported on Sunday", the day it happened).
_SAID_ON = re.compile(r"\b(?:said|says|told\s+[\w-]+)\s+(?:(?:late|early)\s+)?(?:on\s+)?$",
                      re.IGNORECASE)
#: What puts a day on another thing than the trigger next to it.
_OTHER_THING = re.compile(rf"[,;]|\b(?:{_TIME_WORDS}|of)\b", re.IGNORECASE)


def _told_on(sentence: str, when: str) -> bool:
    """Whether the date ``when`` of ``sentence`` is the day it was told ("the minister
    said on Saturday that four soldiers had been killed"), not the day of a toll."""
    at = sentence.find(when)
    return at >= 0 and _TOLD_ON.search(sentence, max(0, at - 30), at) is not None


def told_again(event: Event, sentence: str) -> None:
    """Note that ``sentence`` tells ``event`` again (a toll of it, a retelling), so a
    bare toll right after it counts the same event's victims (see
    :func:`_violence_right_before`)."""
    if sentence != event.evidence and sentence not in event.more_evidence:
        event.more_evidence = (*event.more_evidence, sentence)
