"""Normalise date expressions in news text against the publication date.

News rarely prints full dates: it says "Thursday", "last week" or "in March", all of
which only mean something relative to when the article was published.  Each rule here
is one regular expression plus a resolver that turns a match into an
:class:`~geomap.model.EventDate` (ISO value, precision and the inclusive interval it
covers).  Rules that need an anchor are skipped when the publication date is unknown.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import lru_cache

from geomap.model import EventDate

__all__ = ["find_dates", "publication_event_date"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

# Month names must be capitalised: "may" and "march" are common English words.
_MONTH_FULL = (r"(?:January|February|March|April|May|June|July|August|September|October"
               r"|November|December)")
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?P<year>(?:19|20)\d\d|2100)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# A year is only a year when it is not part of a bigger number or a range like 2014-15.
_YEAR_END = r"(?![\d,.]\d|\d|[-\u2013/]\d|\s*(?:%|percent|per cent))"
_TOD = r"(?:\s+(?:morning|afternoon|evening|night))?"

# Words that may follow a year after a weak preposition ("of 2014 and", but not
# "of 2000 troops"): a lowercase content word there means the number counts something.
_AFTER_YEAR_OK = frozenset(
    "and or to until till through when while after before as in on at the a an there it "
    "he she they we i that which but onward onwards during for with by alone already "
    "was were is are had has have saw marked".split()
)

Resolver = Callable[[re.Match, "date | None"], "EventDate | None"]


# --------------------------------------------------------------------------- builders

def _day(d: date, text: str | None) -> EventDate:
    return EventDate(d.isoformat(), "day", d, d, text)


def _month(year: int, month: int, text: str | None, end: date | None = None) -> EventDate:
    start = date(year, month, 1)
    last = date(year, month, monthrange(year, month)[1])
    return EventDate(f"{year:04d}-{month:02d}", "month", start, end or last, text)


def _year(year: int, text: str | None, end: date | None = None) -> EventDate:
    return EventDate(f"{year:04d}", "year", date(year, 1, 1), end or date(year, 12, 31), text)


def _week(monday: date, text: str | None, start: date | None = None,
          end: date | None = None) -> EventDate:
    """Weeks are valued by their Monday, which QGIS and pandas both parse."""
    return EventDate(monday.isoformat(), "week", start or monday,
                     end or monday + timedelta(days=6), text)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shifted(when: EventDate, n: int, unit: str, text: str | None) -> EventDate:
    """``when`` moved by ``n`` years or months ("a year later" than August 2022 is August
    2023); a day moved so is known to its month only."""
    months = n * 12 if unit.startswith("year") else n
    if when.precision == "year":  # (a year moved by months is known to its year only)
        return _year(_shift_month(when.start.year, 1, months)[0], text)
    year, month = _shift_month(when.start.year, when.start.month, months)
    return _month(year, month, text)


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


# -------------------------------------------------------------------------- resolvers

def _iso(m: re.Match, published: date | None) -> EventDate | None:
    d = date(int(m["year"]), int(m["mon"]), int(m["day"]))
    return _day(d, m.group(0))


#: How far after publication a year-less day may fall and still be this year's.
AHEAD_DAYS = 7


def _recent_year(month: int, day: int, published: date) -> date:
    """A year-less day in the latest year that puts it at most :data:`AHEAD_DAYS` after
    publication: news tells what happened ("on April 15", written in March, is last
    April, as "in May" is last May) and what is about to (Dec 30: "Jan 5" is next)."""
    for year in range(published.year + 1, published.year - 5, -1):
        try:
            d = date(year, month, day)
        except ValueError:  # Feb 29 in a non-leap year
            continue
        if (d - published).days <= AHEAD_DAYS:
            return d
    raise ValueError(f"no year has {month}/{day}")


def _month_day(m: re.Match, published: date | None) -> EventDate | None:
    month, day = _month_number(m["month"]), int(m["day"])
    if m["year"]:
        return _day(date(int(m["year"]), month, day), m.group(0))
    if published is None:
        return None
    return _day(_recent_year(month, day, published), m.group(0))


def _month_year(m: re.Match, published: date | None) -> EventDate | None:
    return _month(int(m["year"]), _month_number(m["month"]), m.group("expr"))


def _bare_month(m: re.Match, published: date | None) -> EventDate | None:
    """"in March": the most recent March not after publication."""
    if published is None:
        return None
    month = _month_number(m["month"])
    year = published.year if month <= published.month else published.year - 1
    return _month(year, month, m.group("expr"))


def _relative_month(m: re.Match, published: date | None) -> EventDate | None:
    """"last March" is strictly before the publication month, "next March" after it."""
    if published is None:
        return None
    month, rel = _month_number(m["month"]), m["rel"].lower()
    year = published.year
    if rel == "last" and month >= published.month:
        year -= 1
    elif rel == "next" and month <= published.month:
        year += 1
    return _month(year, month, m.group("expr"))


def _month_of_relative_year(m: re.Match, published: date | None) -> EventDate | None:
    """"July last year", "in March this year", "January next year"."""
    if published is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return _month(published.year + step, _month_number(m["month"]), m.group("expr"))


#: Prepositions before which a number followed by a past participle is still a year:
#: "a strike in 2022 killed five" (but "by 2000 armed men" counts men).
_IN_YEAR = frozenset("in since during until till through throughout".split())
#: Words ending in "ed" that are no past participles: "in 300 hundred", "in 2000 red".
_NOT_PARTICIPLES = frozenset("hundred need red bed seed speed feed".split())


def _counts_things(m: re.Match) -> bool:
    """Whether the number a year rule matched counts what the word after it names ("of
    2000 troops"), going by that word (group ``next``) and the preposition (``prep``)."""
    follower = m["next"] or ""
    return follower.islower() and follower not in _AFTER_YEAR_OK and not (
        follower.endswith("ed") and follower not in _NOT_PARTICIPLES
        and m["prep"].lower() in _IN_YEAR)


def _year_only(m: re.Match, published: date | None) -> EventDate | None:
    if _counts_things(m):
        return None  # "of 2000 troops": a count, not a year
    return _year(int(m["year"]), m["year"])


def _year_range(m: re.Match, published: date | None) -> EventDate | None:
    """"between 2008 and 2011", "from 2014 to 2016": the first year, ending with the
    last (not a range that runs backwards)."""
    first, last = int(m["year"]), int(m["last"])
    if not first < last <= first + 50 or _counts_things(m):
        return None  # "between 1990 and 2000 troops"
    return _year(first, m.group("expr"), end=date(last, 12, 31))


def _weekday(m: re.Match, published: date | None) -> EventDate | None:
    """A bare weekday is the most recent such day on or before publication."""
    if published is None:
        return None
    target = WEEKDAYS[m["wd"].lower()]
    back = (published.weekday() - target) % 7
    rel = (m["rel"] or "").lower()
    if rel == "last" and back == 0:
        back = 7
    if rel == "next":
        forward = (target - published.weekday()) % 7 or 7
        return _day(published + timedelta(days=forward), m.group("expr"))
    return _day(published - timedelta(days=back), m.group("expr"))


def _weekday_last_week(m: re.Match, published: date | None) -> EventDate | None:
    """"Wednesday last week", "last week, on Tuesday": that day of the calendar week
    (Monday to Sunday) before the publication's."""
    if published is None:
        return None
    target = WEEKDAYS[(m["wd"] or m["wd2"]).lower()]
    monday = published - timedelta(days=published.weekday() + 7)
    return _day(monday + timedelta(days=target), m.group("expr"))


_DAY_OFFSETS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0, "yesterday": -1, "last night": -1,
    "the day before yesterday": -2, "tomorrow": 1,
}


def _relative_day(m: re.Match, published: date | None) -> EventDate | None:
    if published is None:
        return None
    key = re.sub(r"\s+", " ", m["rd"].lower())
    return _day(published + timedelta(days=_DAY_OFFSETS[key]), m.group("expr"))


def _relative_period(m: re.Match, published: date | None) -> EventDate | None:
    """"last week", "earlier this month", "next year"; "earlier this ..." ends at publication."""
    if published is None:
        return None
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    step = {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
    end = published if rel == "earlier this" else None
    start = published if rel == "later this" else None
    text = m.group("expr")
    if unit == "week":
        monday = _monday(published) + timedelta(weeks=step)
        return _week(monday, text, start=start, end=end)
    if unit == "month":
        year, month = _shift_month(published.year, published.month, step)
        ev = _month(year, month, text, end=end)
        return ev if start is None else EventDate(ev.value, ev.precision, start, ev.end, text)
    ev = _year(published.year + step, text, end=end)
    return ev if start is None else EventDate(ev.value, ev.precision, start, ev.end, text)


def _weekend(m: re.Match, published: date | None) -> EventDate | None:
    """The weekend on or before publication (Saturday..Sunday), valued by its Monday."""
    if published is None:
        return None
    back = (published.weekday() - 6) % 7  # days since the last Sunday
    if (m["rel"] or "").lower() == "next":
        back = -((6 - published.weekday()) % 7 or 7)
    elif (m["rel"] or "").lower() == "last" and published.weekday() >= 5:
        back += 7
    sunday = published - timedelta(days=back)
    saturday = sunday - timedelta(days=1)
    return _week(_monday(saturday), m.group("expr"), start=saturday, end=sunday)


#: Holidays on a fixed day, (month, day), as :data:`_HOLIDAY` spells them.
HOLIDAYS = {
    "orthodox christmas": (1, 7), "christmas day": (12, 25), "christmas eve": (12, 24),
    "christmas": (12, 25), "new year's day": (1, 1), "new year's eve": (12, 31),
    "boxing day": (12, 26), "valentine's day": (2, 14), "halloween": (10, 31),
}


def _holiday(m: re.Match, published: date | None) -> EventDate | None:
    """"on Christmas Day": the latest such day that is not well after publication."""
    if published is None:
        return None
    key = re.sub(r"\s+", " ", m["hol"].lower()).replace("\u2019", "'")
    return _day(_recent_year(*HOLIDAYS[key], published), m.group("expr"))


def _ago(m: re.Match, published: date | None) -> EventDate | None:
    if published is None:
        return None
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else SMALL_NUMBERS[raw]
    unit, text = m["unit"].lower(), m.group("expr")
    if unit == "day":
        return _day(published - timedelta(days=n), text)
    if unit == "week":
        return _week(_monday(published - timedelta(weeks=n)), text)
    if unit == "month":
        year, month = _shift_month(published.year, published.month, -n)
        return _month(year, month, text)
    return _year(published.year - n, text)


# ------------------------------------------------------------------------------ rules

def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags)


_I = re.IGNORECASE
_NUMWORD = "|".join(SMALL_NUMBERS)

#: (pattern, resolver); every pattern names the expression itself ``expr`` when the
#: match carries context (a preposition) that is not part of the date.
RULES: tuple[tuple[re.Pattern, Resolver], ...] = (
    (_rx(r"(?<![\w.\-/])(?P<year>\d{4})(?P<sep>[-/])(?P<mon>[01]\d)(?P=sep)(?P<day>[0-3]\d)"
         r"(?![\w/]|-\d)"), _iso),
    (_rx(rf"(?<![\w.])(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}(?![\d:])"
         rf"(?:,?\s+{_YEAR}{_YEAR_END})?(?!\w)"), _month_day),
    (_rx(rf"(?<![\w.,])(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}"
         rf"(?:,?\s+{_YEAR}{_YEAR_END})?(?!\w)"), _month_day),
    (_rx(rf"(?<![\w.])(?P<expr>{_MONTH}\s+(?:of\s+)?{_YEAR}){_YEAR_END}(?!\w)"), _month_year),
    (_rx(rf"(?<![\w-])(?P<expr>(?P<rel>(?i:last|this|next))\s+"
         rf"(?:(?i:early|late|mid)[- ]?)?(?P<month>{_MONTH_FULL}))(?!\w)"), _relative_month),
    (_rx(rf"(?<![\w-])(?P<expr>(?:(?i:early|late|mid)[- ]?)?(?P<month>{_MONTH_FULL})\s+"
         rf"(?:of\s+)?(?P<rel>(?i:last|this|next))\s+(?i:year))(?!\w)"), _month_of_relative_year),
    (_rx(rf"(?<![\w-])(?i:in|since|until|till|by|during|through|throughout|before|after"
         rf"|from|of|around)\s+(?:(?i:early|late|mid)[- ]?)?(?P<expr>(?P<month>{_MONTH_FULL}))"
         rf"(?!\w|\s+\d|\s+of\s+\d)"), _bare_month),
    (_rx(rf"(?<![\w-])(?P<prep>(?i:between|from))\s+(?P<expr>{_YEAR}\s+"
         rf"(?i:and|to|until|till|through)\s+(?P<last>(?:19|20)\d\d|2100)){_YEAR_END}(?!\w)"
         r"(?:\s+(?P<next>[A-Za-z]+))?"), _year_range),
    (_rx(r"(?<![\w-])(?P<prep>(?i:in|since|until|till|by|during|through|throughout|before"
         r"|after|from|of|around|circa))\s+(?:(?i:early|late|mid)[- ]?)?"
         r"(?:(?i:the\s+(?:spring|summer|autumn|fall|winter|end|start|beginning|middle)"
         rf"\s+of)\s+)?(?P<expr>{_YEAR}){_YEAR_END}(?!\w)"
         r"(?:\s+(?P<next>[A-Za-z]+))?"), _year_only),
    (_rx(rf"(?<![\w-])(?P<expr>(?P<wd>{_WEEKDAY})(?:\s+of)?\s+(?i:last|the\s+previous)"
         rf"\s+week|(?i:last|the\s+previous)\s+week,?\s+(?:on\s+)?(?P<wd2>{_WEEKDAY}))(?!\w)"),
     _weekday_last_week),
    (_rx(rf"(?<![\w-])(?P<expr>(?:(?P<rel>(?i:last|next|this))\s+)?"
         rf"(?P<wd>{_WEEKDAY}){_TOD})(?!\w)"), _weekday),
    (_rx(r"(?<![\w-])(?P<expr>(?P<rd>the\s+day\s+before\s+yesterday|yesterday|today|tonight"
         r"|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night"
         r"|(?:earlier|later)\s+today)"
         r"(?:(?<=yesterday)\s+(?:morning|afternoon|evening))?)(?!\w)", _I), _relative_day),
    (_rx(r"(?<![\w-])(?P<expr>(?P<rel>earlier\s+this|later\s+this|last|this|next|previous)"
         r"\s+(?P<unit>week|month|year))(?!\w|-)", _I), _relative_period),
    (_rx(r"(?<![\w-])(?:over\s+)?(?P<expr>(?:(?P<rel>last|this|next|the)\s+)weekend)(?!\w)",
         _I), _weekend),
    (_rx(rf"(?<![\w-])(?P<expr>(?P<n>\d{{1,3}}|{_NUMWORD})\s+(?P<unit>day|week|month|year)s?"
         r"\s+ago)(?!\w)", _I), _ago),
    # A named day; "Christmas" or "Halloween" alone only after "on" ("Christmas
    # shopping", "Halloween costumes" are no dates).
    (_rx(r"(?<![\w-])(?P<expr>(?P<hol>Orthodox\s+Christmas|Christmas\s+(?:Day|Eve)"
         r"|New\s+Year['\u2019]s\s+(?:Day|Eve)|Boxing\s+Day|Valentine['\u2019]s\s+Day"
         r"|(?<=\b[Oo]n\s)(?:Christmas|Halloween)))(?!\w)"), _holiday),
)


#: For each rule in :data:`RULES`, a cheap search that must hit for the rule to match:
#: most sentences name no month, weekday or relative period and skip most rules.
_NEEDS_DIGIT = re.compile(r"\d")
_NEEDS_MONTH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_NEEDS_MONTH_FULL = re.compile(_MONTH_FULL)
_NEEDS_WEEKDAY = re.compile(_WEEKDAY)
_NEEDS_DAY_WORD = re.compile(r"yesterday|today|tonight|tomorrow|morning|afternoon|evening"
                             r"|night", _I)
_NEEDS_UNIT = re.compile(r"week|month|year", _I)
_NEEDS_WEEKEND = re.compile(r"weekend", _I)
_NEEDS_AGO = re.compile(r"ago", _I)
_NEEDS_YEAR = re.compile(r"19|20|2100")  # how every _YEAR starts
_NEEDS_DATE_SEP = re.compile(r"[-/]")
_NEEDS_HOLIDAY = re.compile(r"(?:Christmas|Year|Boxing|Valentine|Halloween)")
_RULE_NEEDS: tuple[tuple[re.Pattern, ...], ...] = (
    (_NEEDS_DIGIT, _NEEDS_DATE_SEP),              # 2022-03-03
    (_NEEDS_MONTH, _NEEDS_DIGIT),                 # March 3
    (_NEEDS_MONTH, _NEEDS_DIGIT),                 # 3 March
    (_NEEDS_MONTH, _NEEDS_DIGIT, _NEEDS_YEAR),    # March 2022
    (_NEEDS_MONTH, _NEEDS_MONTH_FULL),            # last March (March holds Mar)
    (_NEEDS_MONTH, _NEEDS_MONTH_FULL, _NEEDS_UNIT),  # March last year
    (_NEEDS_MONTH, _NEEDS_MONTH_FULL),            # in March
    (_NEEDS_DIGIT, _NEEDS_YEAR),                  # between 2008 and 2011
    (_NEEDS_DIGIT, _NEEDS_YEAR),                  # in 2014
    (_NEEDS_WEEKDAY, _NEEDS_UNIT),                # Wednesday last week
    (_NEEDS_WEEKDAY,),                            # Thursday
    (_NEEDS_DAY_WORD,),                           # yesterday
    (_NEEDS_UNIT,),                               # last week
    (_NEEDS_UNIT, _NEEDS_WEEKEND),                # the weekend (weekend holds week)
    (_NEEDS_AGO,),                                # three days ago
    (_NEEDS_HOLIDAY,),                            # on Christmas Day
)
assert len(_RULE_NEEDS) == len(RULES)
#: The rules (indexes, in order) by their first need: a text without it skips them all
#: after one test, and most sentences hold none of the first needs.
_BY_FIRST_NEED: tuple[tuple[re.Pattern, tuple[int, ...]], ...] = tuple(
    (first, tuple(k for k, needs in enumerate(_RULE_NEEDS) if needs[0] is first))
    for first in dict.fromkeys(needs[0] for needs in _RULE_NEEDS))


def _literals(need: re.Pattern) -> tuple[str, ...]:
    """The words of a need that is an alternation of plain words ("(?:Monday|...)")."""
    body = need.pattern
    if body.startswith("(?:") and body.endswith(")"):
        body = body[3:-1]
    words = tuple(body.split("|"))
    assert all(w.isalnum() for w in words), need.pattern
    return words


#: Each need as substrings, and whether they are matched case-insensitively: in text
#: that folds case like ASCII (:func:`folds_like_ascii`; for digits, ASCII text, where
#: ``\d`` is [0-9]) a substring test gives the regex's answer several times faster.
#: Not for the capitalised names (months, weekdays): their own pattern is faster still,
#: as the engine skips straight to the capitals instead of scanning once per name.
_NEED_WORDS: dict[re.Pattern, tuple[tuple[str, ...], bool]] = {
    need: (tuple("0123456789") if need is _NEEDS_DIGIT
           else ("-", "/") if need is _NEEDS_DATE_SEP else _literals(need),
           bool(need.flags & re.IGNORECASE))
    for needs in _RULE_NEEDS for need in needs
    if need not in (_NEEDS_MONTH, _NEEDS_MONTH_FULL, _NEEDS_WEEKDAY)
}


#: The characters beyond ASCII that case-insensitive patterns take for ASCII letters
#: (dotted and dotless i, long s, the Kelvin sign); they are also the only ones whose
#: lowercase is longer (İ) or ASCII (the Kelvin sign).
_ASCII_LOOKALIKES = frozenset("\u0130\u0131\u017f\u212a")
_LOOKALIKE_CHARS = tuple(sorted(_ASCII_LOOKALIKES))


def folds_like_ascii(text: str) -> bool:
    """Whether ``text`` holds none of :data:`_ASCII_LOOKALIKES`: then ``str.lower`` keeps
    every offset, and a case-insensitive pattern's letters match only ASCII letters, so
    finding them in the lowercase text is exact (accents and curly quotes are common
    in news; these four are not)."""
    # A substring test per look-alike: a set's isdisjoint would hash every character.
    return text.isascii() or not any(map(text.__contains__, _LOOKALIKE_CHARS))


def _present(need: re.Pattern, text: str, lower: str | None) -> bool:
    """Whether ``need`` occurs in ``text``; ``lower`` is its lowercase form when it
    :func:`folds like ASCII <folds_like_ascii>`."""
    tests = _NEED_WORDS.get(need) if lower is not None else None
    if tests is None or (need is _NEEDS_DIGIT and not text.isascii()):
        return need.search(text) is not None  # beyond ASCII, \d is more than 0-9
    words, ignore_case = tests
    haystack = lower if ignore_case else text
    return any(map(haystack.__contains__, words))


def _rules_to_run(text: str, lower: str | None) -> list[int]:
    """The rules whose needs all occur in ``text`` (indexes, in order); ``lower`` as
    for :func:`_present`.  Each need is tested at most once."""
    present: dict[re.Pattern, bool] = {}
    chosen = []
    for first, rules in _BY_FIRST_NEED:
        if not _present(first, text, lower):
            continue
        present[first] = True
        for k in rules:
            for need in _RULE_NEEDS[k][1:]:
                hit = present.get(need)
                if hit is None:
                    hit = present[need] = _present(need, text, lower)
                if not hit:
                    break
            else:
                chosen.append(k)
    chosen.sort()
    return chosen


# ---------------------------------------------------------------------------- public

@lru_cache(maxsize=4096)  # every undated event of an article asks for the same day
def publication_event_date(published: date) -> EventDate:
    """The publication day as an event date, for events the text does not date.

    Parameters
    ----------
    published : datetime.date
        Publication date of the article.

    Returns
    -------
    EventDate
        Day precision, ``text`` None (marks it as a fallback, not read from the text).
    """
    published = _as_date(published)
    return _day(published, None)


def find_dates(text: str, published: date | None) -> list[tuple[int, int, EventDate]]:
    """Every date expression in ``text``, normalised against ``published``.

    Parameters
    ----------
    text : str
        Any text; never raises on malformed input.
    published : datetime.date or None
        Publication date, the anchor for relative expressions ("Thursday", "last
        month", "in March").  When None only absolute dates ("3 March 2022",
        "2022-03-03", "in 2014") are returned.

    Returns
    -------
    list of (start, end, EventDate)
        Character offsets of the expression in ``text`` (end exclusive) and its
        normalisation, sorted by start; overlapping matches keep the longest.

    Examples
    --------
    >>> [(s, e, d.value) for s, e, d in find_dates("said Thursday", date(2022, 3, 3))]
    [(5, 13, '2022-03-03')]
    """
    if not isinstance(text, str) or not text:
        return []
    try:
        anchor = _as_date(published) if published is not None else None
    except (TypeError, ValueError):
        anchor = None
    found = []
    for k in _rules_to_run(text, text.lower() if folds_like_ascii(text) else None):
        pattern, resolver = RULES[k]
        for m in pattern.finditer(text):
            hit = _resolve(m, resolver, anchor)
            if hit is not None:
                found.append(hit)
    return _without_overlaps(found)


def _as_date(value: date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"not a date: {value!r}")


def _resolve(m: re.Match, resolver: Resolver, published: date | None
             ) -> tuple[int, int, EventDate] | None:
    """Run one resolver; impossible dates (Feb 30, year 0) are skipped, not raised."""
    try:
        ev = resolver(m, published)
    except (ValueError, OverflowError, KeyError, IndexError):
        return None
    if ev is None:
        return None
    group = "expr" if "expr" in m.re.groupindex and m.group("expr") is not None else 0
    start, end = m.span(group)
    return start, end, EventDate(ev.value, ev.precision, ev.start, ev.end, m.group(group))


def _without_overlaps(found: list[tuple[int, int, EventDate]]
                      ) -> list[tuple[int, int, EventDate]]:
    """Keep the longest of overlapping expressions ("Thursday, March 3" over "Thursday")."""
    kept: list[tuple[int, int, EventDate]] = []
    for hit in sorted(found, key=lambda h: (h[0] - h[1], h[0])):
        if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h[0])
