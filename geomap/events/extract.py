"""Extracting a document's events: each sentence read, its events placed and dated,
then merged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import cache, partial

from gazetteer.model import Place, approximate
from gazetteer.rank import contains
from gazetteer.text import fold
from geomap.dates import SMALL_NUMBERS, find_dates, shifted
from geomap.events.context import (
    _ARMED,
    _ARMED_STORY,
    _ARMED_TYPES,
    ARMED_STORY_MIN_CHARS,
    _crime_story,
)
from geomap.events.merge import _agreements, _attach_counts, _event_id, _merge, _subsume
from geomap.events.modality import _A_DAY
from geomap.events.places import (
    Placed,
    _place_for,
    _Places,
    _refine_direction,
    _sentence_place,
    _sites,
)
from geomap.events.reading import (
    _BACK_REFERENCES,
    _DEFINITE,
    _RETOLD,
    _anaphoric_type,
    _read,
    _Reading,
    _retold,
)
from geomap.events.sentences import _paragraph_sentences, _paragraphs, _Sentence
from geomap.events.subtypes import (
    _DEFAULT_KINDS,
    _Causes,
    _diplomatic,
    _explosive_kind,
    _may_be_harmless,
    _one_sided,
    _statesmen,
    _toll_by_doers,
)
from geomap.events.tolls import (
    _INCIDENTS,
    _TOLL_OF_MORE,
    _TOLL_OF_ONE,
    _TOLL_RISEN,
    _broken_down,
    _day_of,
    _detail_town,
    _included,
    _listed_with,
    _narrow_place,
    _near_day,
    _paragraph_tolls,
    _recount_list,
    _repeated_tolls,
    _retold_by_doers,
    _right_after_violence,
    _same_day,
    _split_by_day,
    _told_at_two_levels,
    _toll_as_violence,
    _toll_of,
    told_again,
)
from geomap.events.triggers import _trigger_index, _TriggerIndex, _TriggerScan
from geomap.events.vocabulary import (
    _DOCUMENT,
    MIN_CONFIDENCE,
    VIOLENT,
    Trigger,
    _generic_violent,
    load_vocabulary,
)
from geomap.ingest import DATELINE_DAY
from geomap.model import Document, Event, EventDate, Mention
from geomap.recognize import distinctive
from geomap.resolve import _SETTLEMENT_OF, LOCATED_CONFIDENCE, SETTLEMENT_AFTER


class _Reader:
    """:func:`_read` for the sentences of one document, memoised: wire copy repeats its
    lede and updates word for word, and a sentence told twice is read once."""

    __slots__ = ("published", "vocab", "scan", "dateline_end", "_memo")

    def __init__(self, text: str, published: date | None, vocab: tuple[Trigger, ...],
                 index: _TriggerIndex | None, dateline_end: int = 0):
        self.published, self.vocab = published, vocab
        self.scan = _TriggerScan(text, index)
        self.dateline_end = dateline_end
        self._memo: dict[str, _Reading] = {}

    def __call__(self, sent: _Sentence) -> _Reading:
        reading = self._memo.get(sent.text)
        if reading is None:
            positions = self.scan.positions(sent.text, sent.start)
            text = sent.text
            if sent.start < self.dateline_end:  # the day a dateline gives is the report's
                # ("JOS, Nigeria, April 17 (Reuters) - ... late on Sunday"), no event's
                cut = self.dateline_end - sent.start
                text = DATELINE_DAY.sub(lambda m: " " * len(m.group()), text[:cut]) + (
                    text[cut:])
            reading = self._memo[sent.text] = _read(
                text, self.published, self.vocab, positions,
                self.scan.index.keys if positions else ())
        return reading


#: A statement that violence killed no one: "no one was killed", "no casualties were
#: reported", "causing no casualties" (not "no word of casualties": nothing known).
_NONE_KILLED = re.compile(
    r"\b(?:no(?:\s+one|body)\s+(?:was|were|has\s+been|had\s+been)\s+(?:killed|hurt|harmed)"
    r"|no\s+(?:immediate\s+)?(?:reports?\s+of\s+)?(?:casualties|deaths|fatalities)\s+"
    r"(?:were|was|had\s+been)\s+reported|there\s+were\s+no\s+(?:casualties|deaths)"
    r"|without\s+(?:any\s+)?(?:casualties|loss\s+of\s+life)|caus(?:ed|ing)\s+no\s+"
    r"(?:casualties|deaths))\b", re.IGNORECASE)


def _dateline_day(doc: Document, dateline: str) -> EventDate | None:
    """The day the ``dateline`` of ``doc`` gives ("JOS, Nigeria, April 17 (Reuters) -"),
    as a report's day (no text: no day of an event's own), or None."""
    found = DATELINE_DAY.search(dateline)
    if found is None:
        return None
    day = next((d for _, _, d in find_dates(found.group(), doc.published)
                if d.precision == "day"), None)
    return replace(day, text=None) if day is not None else None



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
        generic = _generic_violent(trig)
        if "anaphor" in trig.needs:
            retyped = _anaphoric_type(prior)
            if retyped is None:
                continue
            event_type, sub_type = retyped
        elif (generic and sent.text[: claim.start] in _BACK_REFERENCES
              and _anaphoric_type(prior) is not None):
            # "The attack came hours after...": one told already, not a new one, which
            # may say more exactly where it was ("The attack on the police post in
            # Kulachi" after "Militants attacked a police post in Pakistan overnight")
            placed = _own_phrase_place(doc.text, sites, trig, sent.start + claim.start,
                                       sent.start + claim.end)
            last = next(e for e in reversed(prior) if e.event_type in VIOLENT)
            if _day_of(last, claim.when, sent.text, claim.start, claim.end):
                _redate(doc.id, last, claim.when)  # "The attack happened Sunday in Kazgil"
            if placed is not None:
                for told in reversed(prior[-8:]):  # the events of the sentence telling it
                    if (told.event_type in VIOLENT and told.evidence_start == last.evidence_start
                            and _near_day(claim.when, told.date)
                            and _narrow_place(doc.id, told, placed)):
                        break
            told_again(last, sent.text)
            continue
        elif event_type in _RETOLD and _retold(sent.text, claim) and (
                told := next((e for e in reversed(prior) if e.event_type == event_type and (
                    e.sub_event_type == sub_type or sub_type in _DEFAULT_KINDS)
                    or generic and e.event_type in VIOLENT), None)) and (
                event_type != "negotiations" and not _acted(sent.text, claim)
                or _same_day(claim.when, told.date)):
            # "the seriousness of the fighting": the battle told already ("The blast"
            # after "a roadside bomb", whatever kind its word says by default; "the Cali
            # attack" after a truck bomb there), which may say more exactly where it was
            # (if told of the same day; what "the rebels" did on another day is another
            # event: "on Tuesday, the rebels killed 12 people" after a Friday massacre)
            same = _same_day(claim.when, told.date)
            if same or _day_of(told, claim.when, sent.text, claim.start, claim.end):
                if not same:  # "The strikes on Saturday hit" (and the other readings
                    # of that incident in its sentence: "a missile strike")
                    alike = [e for e in prior[-_RECENT:] if e is not told
                             and e.evidence_start == told.evidence_start
                             and e.event_type == told.event_type and e.date == told.date]
                    for e in (told, *alike):
                        _redate(doc.id, e, claim.when)
                _narrow_place(doc.id, told, _sentence_place(
                    doc.text, sites, trig, sent.start + claim.start, sent.start + claim.end)[0])
                told_again(told, sent.text)
            continue
        elif "retold" in trig.needs or _OFFSET_FROM.search(sent.text, max(0, claim.start - 50),
                                                           claim.start):
            continue  # ("women marched to denounce the killings", "A day after the clash,
            # a shell hit the market": no new incident)
        t_start, t_end = sent.start + claim.start, sent.start + claim.end
        mention, place_factor = _place_for(doc, sent, places, trig, t_start, t_end, sites)
        if mention is None:
            if (event_type in _INCIDENTS or event_type == "battles" and not _DEFINITE.search(
                    sent.text, 0, claim.start)) and not generic and (
                    unplaced is None or trig.weight > unplaced[2].trigger.weight):
                unplaced = (event_type, sub_type, claim)
            continue
        mention = _refine_direction(doc.text, mention, places.literal, sent.end,
                                    doc.dateline.end if doc.dateline is not None else 0)
        confidence = round(min(1.0, trig.weight * place_factor * claim.date_factor), 3)
        if confidence < MIN_CONFIDENCE:
            continue
        when = claim.when
        if skip and (when is None or when.text is None) and (
                filed := _dateline_day(doc, sent.text[:skip])) is not None:
            when = filed  # told undated under a dated dateline: the day it was filed
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
    if told_before is not None and told_before in events and _toll_of(
            prior, told_before, _TOLL_RISEN.search(sent.text) is not None):
        # (with the sentence's other tolls there: "died" and "killed" in one toll)
        events = [e for e in events if not (e.event_type == "casualties_report"
                                            and e.place.id == told_before.place.id)]
    if listed:  # counts stay with the first place: the sentence does not split them
        kept = {(e.event_type, e.sub_event_type) for e in events}
        events += [e for e in listed if (e.event_type, e.sub_event_type) in kept]
    _recount_list(sent, events, prior)
    events = _split_by_day(doc, sent, events)
    return _broken_down(doc.id, sent, places, _included(doc.id, sent, places, events), prior)


def _acted(sentence: str, claim) -> bool:
    """Whether the claim's trigger opens with who acted ("the rebels killed", "the
    attackers struck"), so its "the" points at them, not at an event told before."""
    word = sentence[claim.start:claim.end].split(None, 1)[0].lower()
    return _ARMED.fullmatch(word) is not None or word in _ACTORS


def _sentences(text: str) -> list[_Sentence]:
    """Sentences with the start of their paragraph, split paragraph by paragraph (a
    search of the paragraphs per sentence made long articles quadratic)."""
    out: list[_Sentence] = []
    for p_start, p_end in _paragraphs(text):
        for start, end in _paragraph_sentences(text, p_start, p_end):
            before = out[-1] if out else None
            out.append(_Sentence(start, end, p_start, text[start:end],
                                 before.text if before else "", before.start if before else 0))
    return out


#: Days counted from the day of the event told before: "later the same day", "hours
#: later", "the previous day", "the next day" (and see :data:`_DAYS_APART`).
_RELATIVE_DAYS = (
    (re.compile(r"\b(?:(?:later|earlier)\s+(?:the\s+same|that)\s+(?:day|night|evening)"
                r"|(?:that|the)\s+same\s+(?:day|night|evening)|hours\s+(?:later|earlier)"
                r"|moments\s+later"
                # "Police used tear gas that night" (not "said that night raids would end")
                r"|(?<!said\s)(?<!says\s)that\s+(?:night|evening|morning|afternoon)"
                r"(?!\s+(?:raids?|curfews?|patrols?|shifts?|flights?|operations?|strikes?"
                r"|attacks?|sessions?)\b))\b", re.IGNORECASE), 0),
    (re.compile(r"\b(?:the\s+(?:previous|preceding)\s+day\b|the\s+day\s+before(?=\s*[,.;]|$))",
                re.IGNORECASE), -1),
    (re.compile(r"\b(?:the\s+(?:next|following)\s+day)\b", re.IGNORECASE), 1),
)
#: "a day earlier", "two days later", "3 days later" ("two days after X" counts from X,
#: so is left out).
_DAYS_APART = re.compile(
    rf"\b(?P<n>{'|'.join(SMALL_NUMBERS)}|[1-9]\d?)\s+days?\s+(?P<way>later|earlier)\b",
    re.IGNORECASE)


#: "a year later", "two months earlier": a past event's date moved (see :func:`shifted`).
_PERIODS_APART = re.compile(
    rf"\b(?P<n>{'|'.join(SMALL_NUMBERS)}|[1-9]\d?)\s+(?P<unit>years?|months?)\s+"
    r"(?P<way>later|earlier)\b", re.IGNORECASE)


def _relative_cue(sentence: str) -> tuple[re.Match, int] | None:
    """The first cue of :data:`_RELATIVE_DAYS` or :data:`_DAYS_APART` in ``sentence``,
    and how many days it counts from the event told before."""
    cue = next(((m, days) for rx, days in _RELATIVE_DAYS if (m := rx.search(sentence))), None)
    if cue is None and (m := _DAYS_APART.search(sentence) or _DAYS_FROM_TOLD.search(sentence)):
        n = m["n"].lower()
        days = 0 if (m.groupdict().get("unit") or "day").lower().startswith("hour") else (
            1 if n in ("a", "an", "one") else SMALL_NUMBERS[n] if n in SMALL_NUMBERS else int(n))
        cue = m, days if m["way"].lower() in ("later", "after") else -days
    return cue


#: The phrase of a trigger that names a place: prepositions and the words of a noun
#: phrase, no verb or clause ("The attack on the police post in ", not "The attack
#: was condemned by the prime minister in ").
_OWN_PHRASE = re.compile(
    # where it took place: "The attack took place at around 2 p.m. on Friday in the
    # village of Fambita, in the rural commune of Kokorou in ... Tillaberi region"
    r"\s+(?:took\s+place|happened|occurred)\b(?:(?!\b(?:after|before|since|similar|earlier"
    r"|later|ago)\b)[^;]){0,160}"
    r"|\s+(?:on|against|at|in|near|outside|inside|of)\s+(?!(?:[\w'\u2019-]+\s+)*?(?:was|were"
    r"|is|are|has|had|have|been|by|said|came|began|after|before|when|which|that)\s)"
    r"[\w'\u2019 -]{0,40}")


def _own_phrase_place(text: str, sites: list, trig: Trigger, t_start: int,
                      t_end: int) -> Placed | None:
    """The strong place of a trigger's sentence when it lies in the trigger's own
    phrase (:data:`_OWN_PHRASE`): "The attack on the police post in Kulachi"."""
    placed = _sentence_place(text, sites, trig, t_start, t_end)[0]
    if placed is None or not _OWN_PHRASE.fullmatch(text, t_end, placed[0].span.start):
        return None
    return placed


#: Who may open a trigger besides the armed (:data:`_ARMED`): "the assailants killed".
_ACTORS = frozenset("assailants attackers bandits militiamen herders settlers police "
                    "policemen gangs gang".split())
#: Event types whose details a story tells after its lead (see :func:`_dated_as_before`).
_DETAILED = VIOLENT | {"protests", "riots", "casualties_report"}
#: Days counted from an incident told before: "A day after the clash", "Hours after the
#: strikes" (the last one told with a day).
_DAYS_FROM_TOLD = re.compile(
    r"\b(?P<n>an?|one|two|three|four|five|\d+)\s+(?P<unit>days?|hours?)\s+(?P<way>after|before)"
    r"\s+(?:the|that|this)\s+(?:[\w-]+\s+)?(?:clash\w*|attacks?|raids?|strikes?|air\s?strikes?"
    r"|bombings?|ambush|fighting|assault|killings?|massacre|shelling|explosions?|blasts?)\b",
    re.IGNORECASE)
#: A time counted from an incident told before: "A day after the clash", "Hours after
#: the strikes".
_OFFSET_FROM = re.compile(r"\b(?:an?|one|two|three|several|few|\d+)\s+(?:days?|hours?|weeks?)\s+"
                          r"(?:after|before)\s+(?:the|that|this|its|their)\s+(?:[\w-]+\s+)?$",
                          re.IGNORECASE)
#: Violence or unrest told of many places of a country at once.
_MANY_PLACES = re.compile(
    r"\b(?:across|around|throughout)\s+the\s+country\b|\bnationwide\b"
    r"|\b(?:several|many|other|some|dozens\s+of)\s+(?:other\s+)?(?:towns|cities|regions"
    r"|provinces|counties|districts)\b", re.IGNORECASE)
#: How many of the last events the story told a sentence's dating looks back through.
_RECENT = 12


def _dated_as_before(doc_id: str, found: list[Event], prior: list[Event], previous: int,
                     sentence: str, published: date | None = None,
                     told_day: tuple[int, EventDate] | None = None) -> list[Event]:
    """``found`` with its undated events (publication day) dated from the story: "later
    the same day" or "a day earlier" counts from the last event told with a day (or from
    ``told_day``, where the last event a sentence told with a day starts and that day, if
    it comes later: an event placed nowhere still dates the next one), "a year
    later" from the last event told with any date; an
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
            "evening" in low or "morning" in low or "afternoon" in low):  # rarely: look
        cue = _relative_cue(sentence)
    if cue is not None:
        dated = next((e for e in reversed(recent) if e.date is not None
                      and e.date.text is not None and e.date.precision == "day"), None)
        last = None if dated is None else dated.date
        if told_day is not None and (dated is None or told_day[0] > dated.evidence_start):
            last = told_day[1]
        if last is not None:
            d = last.start + timedelta(days=cue[1])
            if published is None or d <= published:  # not news of tomorrow
                relative = EventDate(d.isoformat(), "day", d, d, cue[0].group())
    if cue is None and ("year" in low or "month" in low) and (
            apart := _PERIODS_APART.search(sentence)) and (
            not sentence[:apart.start()].strip() or sentence[:apart.start()].rstrip()[-1] in ",;"):
        # (opening its sentence or clause: not "The group, founded 15 years earlier, ...")
        # "In August 2022, clashes killed 32. A year later, fighting killed 55."
        last = next((e.date for e in reversed(recent) if e.date is not None
                     and e.date.text is not None), None)
        if last is not None:
            n = apart["n"].lower()
            n = SMALL_NUMBERS[n] if n in SMALL_NUMBERS else int(n)
            moved = shifted(last, n if apart["way"].lower() == "later" else -n,
                            apart["unit"].lower(), apart.group())
            if published is None or moved.start <= published:
                relative = moved
    # the last day told, if told of violence or unrest in a country or region: the
    # events told since inside it are its details ("At least 15 people were killed in
    # Kenya on Wednesday. ... Eight people died in Nairobi")
    lead = next((e for e in reversed(recent) if e.date is not None
                 and e.date.text is not None and e.date.precision == "day"), None)
    broad = [] if lead is None else [
        e.place for e in recent if e.date == lead.date and e.event_type in _DETAILED
        and e.place.kind in ("country", "admin1")]
    # ... or told of it in several towns: "in the capital and several other towns on
    # Monday, leaving 31 people dead across the country"
    spread = set() if lead is None else {
        e.place.country_code for e in recent if e.date == lead.date
        and e.event_type in _DETAILED and _MANY_PLACES.search(e.evidence)}
    for e in found:
        if e.date is None or e.date.text is not None:
            continue
        when = relative or told.get(e.event_type)
        if when is None and lead is not None and e.event_type in _DETAILED and (
                any(contains(b, e.place) for b in broad)
                or e.place.country_code in spread):
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
    read = _Reader(text, doc.published, vocab, _trigger_index(vocab),
                   doc.dateline.end if doc.dateline is not None else 0)
    events: list[Event] = []
    sentences = _sentences(text)
    causes = _Causes(sentences)
    statesmen = cache(partial(_statesmen, text))
    told_day: tuple[int, EventDate] | None = None  # see _dated_as_before
    for k, sent in enumerate(sentences):
        reading = read(sent)
        found = _sentence_events(doc, sent, places, reading, events)
        if not reading.claims and k and events:  # (no trigger: "The attack took place a
            # week after a similar raid near Zaria" narrows nothing)
            _detail_town(doc.id, sent, places, [
                e for e in events[-_RECENT:] if e.evidence_start == sentences[k - 1].start])
        if found and any(map(_may_be_harmless, found)) and causes.harmless(k):
            found = [e for e in found if not _may_be_harmless(e)]
        found = [_explosive_kind(causes, k, _one_sided(causes, k, _toll_by_doers(e)))
                 for e in found]
        if k and (events or told_day) and any(
                e.date is not None and e.date.text is None for e in found):
            found = _dated_as_before(doc.id, found, events, sentences[k - 1].start, sent.text,
                                     doc.published, told_day)
        told_day = next(((sent.start, c.when) for c in reversed(reading.claims)
                         if c.when is not None and c.when.text is not None
                         and c.when.precision == "day"), told_day)
        if any(e.event_type == "diplomacy" for e in found):
            found = [e for e in found if _diplomatic(e, statesmen)]
        if k and found and sent.text.startswith("Th"):
            found = _retold_by_doers(doc.id, sent, found, events)
        if ("no " in sent.text or "No " in sent.text or "without" in sent.text) and (
                _NONE_KILLED.search(sent.text)):
            # "..., but no one was killed", or said next: "No one was killed."
            for e in found or [e for e in events[-_RECENT:] if k
                               and e.evidence_start == sentences[k - 1].start]:
                if e.event_type in VIOLENT and e.fatalities is None:
                    e.fatalities = 0
        events.extend(found)
    if sentences and any(e.sub_event_type == "arrests" for e in events) and (
            _crime_story(sentences[0].text)) and not any(
            e.event_type in VIOLENT or e.event_type == "riots" for e in events):
        # a story whose lead tells a robbery or a fraud (and no violence): its arrests
        # are police work
        events = [e for e in events if e.sub_event_type != "arrests"]
    if len(text) >= ARMED_STORY_MIN_CHARS and not _armed_story(text, events):
        # no soldier, gunman, police or weapon anywhere: "Munster then launched their
        # final assault", "investors bombed a plan", "fought large blazes"
        events = [e for e in events if e.event_type not in _ARMED_TYPES
                  or e.fatalities is not None or e.injured is not None
                  # "after clashes broke out near the Sharara oilfield in Libya on
                  # Wednesday": an incident of a day and a place, in a story of oil
                  or _A_DAY.search(e.evidence) and _LOCATED.search(e.evidence)]
    events = _repeated_tolls(_paragraph_tolls(text, events))
    _named_as_told(text, events, mentions)
    return _merge(_told_at_two_levels(events))


#: A place named after a locative: "near the Sharara oilfield in Libya" (not "in its
#: first three days", "on Wednesday").
_LOCATED = re.compile(r"\b(?:in|near|around|outside|at)\s+(?:the\s+)?[A-Z]")


def _armed_story(text: str, events: list[Event]) -> bool:
    """Whether a story with battles or explosions among ``events`` names armed men or
    arms (:data:`_ARMED_STORY`), or has none of those events: their own sentences are
    read first (the whole story, 20 times longer, only when they name none, and then
    one of its commonest words or two others)."""
    armed = [e for e in events if e.event_type in _ARMED_TYPES]
    if not armed or any(_ARMED_STORY.search(e.evidence) for e in armed):
        return True
    lower = text.lower()
    for stem in _ARMED_STEMS:  # the commonest words, found in C and checked in place
        at = lower.find(stem)
        if at >= 0 and _ARMED_STORY.search(text, max(0, at - 12), at + 40):
            return True
    # else two words of war at least: one alone is as often a figure of speech ("the
    # crowd exploded", "a ceasefire in the price war")
    return len({m.group().lower() for m in _ARMED_STORY.finditer(text)}) >= 2


#: Stems of the commonest :data:`_ARMED_STORY` words: a story is found armed by one of
#: them at a glance far more often than by a scan of the whole pattern.
_ARMED_STEMS = ("police", "soldier", "troop", "military", "militan", "army", "rebel",
                "gunm", "forces", "militia")


def _redate(doc_id: str, event: Event, when: EventDate | None) -> None:
    """Give ``event`` the day a retelling tells (see :func:`_day_of`)."""
    event.date = when
    event.event_id = _event_id(doc_id, event.event_type, event.place, when,
                               event.evidence_start)


#: The last word of a name, or a lowercase noun right after it, that makes it a part of
#: a town or a landmark in one, which event data codes to the town itself ("the Bel Air
#: neighborhood", "Bakara market", "the Ritz Hotel", "the city's West Side").
_TOWNS_OWN = re.compile(
    r"(?i:street|road|avenue|boulevard|lane|square|market|marketplace|bazaar|mall|hotel"
    r"|mosque|church|cathedral|temple|stadium|hospital|clinic|school|university|college"
    r"|prison|jail|roundabout|junction|bridge|park|airport|station|port|harbou?r"
    r"|district|neighbou?rhood|quarter|suburb|microdistrict|borough|sector|camp|side|end"
    r"|tower|hall|plaza|arena|theat(?:re|er)|cinema|museum|palace|embassy|building"
    r"|cent(?:re|er)|headquarters|st|ave|rd|blvd|hwy)s?")
_TOWNS_OWN_AFTER = re.compile(rf"[ \t]+(?=[a-z]){_TOWNS_OWN.pattern}\b")




def _settlement_named(text: str, name: str) -> bool:
    """Whether a settlement noun introduces ``name`` somewhere in ``text``."""
    at = text.find(name)
    while at >= 0:
        if _SETTLEMENT_OF.search(text, max(0, at - 30), at) or SETTLEMENT_AFTER.match(
                text, at + len(name)):
            return True
        at = text.find(name, at + len(name))
    return False


def _named_as_told(text: str, events: list[Event], mentions: list[Mention]) -> None:
    """Place the events that lie at a guess (a name the gazetteer lacks, put in the
    town or division around it: "Thayet Taw village" in Sagaing) at that name, on the
    holder's point (:func:`gazetteer.model.approximate`), as event data names the
    village it cannot locate more closely, if the name is a village's: introduced by a
    settlement noun, or rare in English (:func:`geomap.recognize.distinctive`; "Walmart"
    is no village).  Parts of a town and its landmarks stay the town's, as event data
    codes them; a guess at a country says too little to keep."""
    guessed: dict[str, Place] = {}
    towns_own: set[str] = set()
    for m in mentions:
        if (m.place is None or m.confidence > LOCATED_CONFIDENCE or m.metonymic
                or m.place.kind == "country" or fold(m.span.text) == fold(m.place.name)):
            continue
        guessed.setdefault(m.span.text, m.place)
        if (_TOWNS_OWN.fullmatch(m.span.text.rsplit(None, 1)[-1].rstrip("."))
                or _TOWNS_OWN_AFTER.match(text, m.span.end)):
            towns_own.add(m.span.text)
    for name in guessed:
        if not (distinctive(name.split()) or _settlement_named(text, name)):
            towns_own.add(name)  # a shop or a landmark ("a Walmart in El Paso")
    named: dict[tuple[int, str], Event] = {}  # (sentence, holder id) -> event so named
    for e in events:
        holder = guessed.get(e.place_text)
        if holder is not None and e.place.id == holder.id and e.place_text not in towns_own:
            named.setdefault((e.evidence_start, holder.id), e)
            e.place = approximate(e.place_text, holder)
            e.event_id = _event_id(e.doc_id, e.event_type, e.place, e.date, e.evidence_start)
    for e in events:  # the battle that took the village, told at the holder in the same
        # sentence: "seized the mining town of Rubaya in North Kivu after heavy fighting"
        told = named.get((e.evidence_start, e.place.id))
        if told is not None and e.event_type == told.event_type == "battles":
            e.place, e.place_text = told.place, told.place_text
            e.event_id = _event_id(e.doc_id, e.event_type, e.place, e.date, e.evidence_start)
