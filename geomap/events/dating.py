"""Which of a sentence's date expressions dates its event.

Dates across a coordinated verb ("annexed ... in 2014 and recognized ... last month")
belong to the other verb, and a date right after a speech verb ("said on Monday") is when
the news was told, not when it happened.
"""

from __future__ import annotations

import re
from datetime import date

from geomap.dates import publication_event_date
from geomap.events.vocabulary import _DATED, _PUBLICATION, _UNDATED
from geomap.model import EventDate

#: Coordinated clauses: "annexed Crimea in 2014 and recognized the republics last month".
_COORDINATION = re.compile(r"\band\s+(?:then\s+|later\s+|also\s+)?[a-z]+ed\b|;")


#: A relative clause between commas (or ending the sentence): "The war, which erupted
#: in 1972 when ..., has claimed 70,000 lives".
_RELATIVE_CLAUSE = re.compile(r",\s+(?:which|who|whose|when)\b[^,;]*(?:[,;]|$)")


#: A speech verb right before a date: the day the news was told ("said on Monday").
_TOLD_ON = re.compile(r"\b(?:said|says|told\s+[\w-]+|announced|reported|added|confirmed|stated"
                      r"|declared)\s+(?:(?:late|early)\s+)?(?:on\s+)?$", re.IGNORECASE)

_SINCE = re.compile(r"\b(?:ever\s+)?since\s+(?:(?:early|late|mid)[\s-]+)?$", re.IGNORECASE)


#: What a remembered day follows: "the anniversary of the July 7, 1990 rally", "the
#: anniversary of the "Saba Saba" uprising of July 7, 1990".
_ANNIVERSARY_OF = re.compile(
    r"\banniversar(?:y|ies)\s+of\s+(?:the\s+)?(?:[\w'\"\u201c\u201d\u2019-]+\s+){0,5}$",
    re.IGNORECASE)


def _event_date(dates: list[tuple[int, int, EventDate]], t_start: int,
                published: date | None, sentence: str = "") -> tuple[EventDate | None, float]:
    """The date expression nearest the trigger, else the publication day.  A date
    across a coordinated verb ("... in 2014 and recognized ...") belongs to the other
    verb, so it is taken only when no date shares the trigger's side; one inside a
    relative clause the trigger is not in dates what that clause tells ("the war, which
    began with the invasion in March 2003")."""
    if dates and "anniversar" in sentence:  # the day remembered is no day of the news
        # ("protests on the anniversary of the July 7, 1990 rally"), if a calendar date
        # (not "the anniversary of the war in Gaza on Monday") told after the news (not
        # "the anniversary of the Black January of 1990, when troops killed 130")
        dates = [d for d in dates if not (
            t_start < d[0] and d[2].text is not None and any(map(str.isdigit, d[2].text))
            and _ANNIVERSARY_OF.search(sentence, max(0, d[0] - 80), d[0]))]
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
