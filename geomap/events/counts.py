"""Casualty counts: how many a sentence says were killed or injured.

Numbers in words or digits ("27", "twenty-seven", "a dozen") next to a death or injury
word, with lists ("three soldiers and two civilians") summed and ages ("a 45-year-old")
left out.
"""

from __future__ import annotations

import re
from collections import Counter

from geomap.dates import folds_like_ascii

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
    r"(?![\w]|[.,]\d|-(?!(?:plus|odd|some)\b)[a-z]|\s+(?:years?|months?)\s+old\b"
    # nor the number in a unit's name: "the 444 Brigade"
    r"|\s+(?:brigades?|battalions?|regiments?|division|corps|squadrons?)\b)",
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


#: A toll named with what caused it, then how it grew: "The death toll from a suicide
#: bombing at a rally in northwest Pakistan rose to" (the number follows).
_TOLL_FROM_ROSE = re.compile(
    r"(?<!financial\s)(?<!economic\s)(?<!human\s)(?<!emotional\s)(?<!environmental\s)"
    r"\btoll\s+(?!of\s+(?:the\s+)?(?:wounded|injured|injuries)\b)(?:from|of|in|after)\s"
    r"[^.;:()\"\u201c\u201d]{0,120}?\s(?:rose|has\s+risen"
    r"|climbed|has\s+climbed|jumped|increased|reached|has\s+reached|stood|stands)"
    r"(?:\s+to)?(?:\s+at\s+least|\s+more\s+than|\s+nearly|\s+about)?\s*$", re.IGNORECASE)


_PERCENT = re.compile(r"\s*(?:%|per\s?cent|(?:[mb]illion|bn|trillion)\b|dollars|euros|pounds)",
                      re.IGNORECASE)


def _count_behind(text: str, m: re.Match) -> str | None:
    """"killing 12", "death toll rose to 35": a casualty word, then only bridge words
    (or a toll, its cause and how it grew: "the death toll from the bombing rose to 54")."""
    behind = _STOP.split(text[max(0, m.start() - 200):m.start()])[-1]  # only its last words count
    for word in reversed(re.findall(r"[\w'-]+", behind)[-_BACK_WORDS - 2:]):
        word = word.lower()
        if word in ("killing", "killed", "kills", "toll") or _DEATH.fullmatch(word):
            return "death"
        if _INJURY.fullmatch(word):
            return "injury"
        if word not in _BRIDGE:
            if word in _OTHER_COUNT_VERBS:
                return "other"  # "abducted around 50 people and killed three"
            return "death" if ("toll" in behind and _TOLL_FROM_ROSE.search(behind)
                               and not _PERCENT.match(text, m.end())) else None
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


#: A share of the casualties told elsewhere: "23 of the dead were children", "five of
#: those killed" (but "three of the hostages were killed" is a toll).
_SHARE_OF_TOLL = re.compile(
    r"\s+of\s+(?:the|those)\s+(?:[\w-]+\s+)?(?:dead|killed|victims|fatalities|deceased"
    r"|wounded|injured|casualties|who\s+died)\b", re.IGNORECASE)


#: Verbs whose number counts people not killed or hurt: "abducted around 50 people".
_OTHER_COUNT_VERBS = frozenset(
    "abducted kidnapped arrested detained rescued freed released displaced evacuated "
    "captured seized held hosted sheltered".split())


def _classify_count(text: str, m: re.Match) -> str | None:
    """"death", "injury" or None; a governing verb before the number binds tightest."""
    if text.startswith(" of ", m.end()) and _SHARE_OF_TOLL.match(text, m.end()):
        return None
    behind = _count_behind(text, m)
    if behind == "other":
        return None
    return behind or _count_ahead(text, m)


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


#: A clause after the sentence's own toll about another stretch of time or incident,
#: whose toll is not the event's: "killed nine people ..., capping a week in which
#: attacks killed at least 30", "a week after an ambush that killed 12".
_OTHER_TOLL = re.compile(
    r"\b(?:capping|ending|closing|after|before|following|amid|since|latest\s+in)\s+"
    r"(?:(?:a|an|the|twin)\s+)?(?:[\w-]+\s+){0,3}?(?:week|month|year|days|weeks|months"
    r"|attacks?|raids?|bombings?|bombs?|blasts?|explosions?|air\s?strikes?|strikes?|shelling"
    r"|assault|offensive|campaign|spate|wave|series|ambush|massacre)(?:\s+of\s+[\w-]+)?\s+"
    r"(?:in\s+which|that|which|(?=(?:killed|left|claimed)\b))", re.IGNORECASE)


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
    if any(kinds) and ("which" in text or "that" in text or "after" in text):
        other = _OTHER_TOLL.search(text)
        if other is not None and any(kind and m.start() < other.start()
                                     for m, kind in zip(numbers, kinds, strict=True)):
            kinds = [None if m.start() > other.start() else kind
                     for m, kind in zip(numbers, kinds, strict=True)]
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
