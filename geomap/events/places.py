"""Where an event happened: the place mention a trigger is linked to.

The trigger's own clause comes first, then a definite description ("the port city", "the
capital") that refers back to the place named earlier with that noun, the paragraph's
last place, the dateline's town and the document's main place.  "from X" is an origin,
not a location, for aid and people on the move; "in eastern Ukraine" narrows to an
earlier-named place of that country lying east.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cached_property, lru_cache
from typing import NamedTuple

from gazetteer.model import Place
from gazetteer.rank import contains
from gazetteer.text import fold
from geomap.dates import folds_like_ascii
from geomap.events.counts import _case_folded, _haystack
from geomap.events.sentences import _Sentence
from geomap.events.vocabulary import (
    _ANAPHOR,
    _DATELINE,
    _DOCUMENT,
    _LOCATIVE,
    _PARAGRAPH,
    _SAME_CLAUSE,
    _SAME_CLAUSE_LOCATIVE,
    _SENTENCE,
    DOCUMENT_FALLBACK,
    PARAGRAPH_FALLBACK,
    Trigger,
)
from geomap.model import Document, Mention
from geomap.recognize import demonyms
from geomap.resolve import _SENTENCE_END, COMPASS_POINT, FOCUS_CONFIDENCE

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
        if text.endswith((" a ", " an ", "of the "), max(0, start - 7), start) and (
                _WORKPLACE_OF.search(text, max(0, start - 40), start)
                or _MISSION_OF.search(text, max(0, start - 40), start)):
            continue  # where a commentator works ("a researcher at a Washington think
            # tank"), a state whose embassy it is ("outside the embassy of the United
            # States" in Kinshasa): no place of anything told
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
    officials"), not a verb ("Mariupol killed"), a function word ("Kyiv on Friday") or
    its own kind ("Yala town")."""
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and nxt.group(1) not in _FUNCTION_WORDS and not (
        nxt.group(1).endswith("ed"))


_FUNCTION_WORDS = frozenset(
    "on in at for to with and or but by from near after before during since until last "
    "this that these next early late overnight where when while as amid despite of the "
    "a an was were is are has have had said says say which who whose earlier later again "
    "today yesterday tonight "
    # a settlement noun names what the name is ("Thayet Taw village"), no other thing
    "village town township hamlet".split())


def _home(text: str, start: int, end: int) -> bool:
    """Whether the mention at ``start:end`` says where someone is from, not where
    anything happened (see :attr:`_Site.home`)."""
    return (_HOME_AFTER.match(text, end) is not None
            or text.endswith(("of ", "from "), max(0, start - 5), start)
            and _HOME_BEFORE.search(text, max(0, start - 40), start) is not None)


#: After a place: a reach ("a Canada-wide warrant"; not its people, who are often where
#: it happened: "Kherson residents said shelling killed five").
_HOME_AFTER = re.compile(r"-wide\b")
#: A state's mission abroad, which stands where the state does not: "outside the
#: embassies of the United States, France and Belgium" (in Kinshasa).
_MISSION_OF = re.compile(r"\b(?:embass(?:y|ies)|consulates?|missions?)\s+of\s+the\s+$",
                         re.IGNORECASE)
#: Where a commentator works: "said a Syria researcher at a Washington think tank".
_WORKPLACE_OF = re.compile(
    r"\b(?:researchers?|analysts?|experts?|professors?|fellows?|economists?|scholars?)"
    r"\s+(?:at|with)\s+an?\s+$", re.IGNORECASE)
#: Before a place: a person's age and "of" ("Floyd, 45, of Los Angeles"), or where a
#: visitor comes from ("a woman visiting from Canada").
_HOME_BEFORE = re.compile(
    r",\s*\d{1,3},\s+of\s+$|\b(?:visiting|travell?ing|hailing|coming)\s+from\s+$"
    # people named by where they come from: "six labourers from Punjab province"
    r"|\b(?:labou?rers|workers|migrants|pilgrims|tourists|traders|natives)\s+from\s+$")


#: Places named only as where the wounded were taken ("airlifted to Nairobi for
#: treatment"), or as where a road from a place named before it leads ("near Adaytu, a
#: town on the highway linking Addis Ababa with the port of Djibouti"; see
#: :func:`_elsewhere`).
_TAKEN_TO = re.compile(
    r"\b(?:airlifted|flown|taken|rushed|evacuated|transferred|brought)\s+to\s+(?:a\s+"
    r"hospital\s+in\s+)?$", re.IGNORECASE)
_ROAD_TO = re.compile(
    r"\b(?:linking|connecting|links|connects|leading\s+to|road\s+to|highway\s+to)\s+"
    r"(?:[\w'\u2019-]+\s+){0,5}?(?:(?:with|and|to)\s+)?(?:the\s+)?(?:(?:port|city|town)\s+of\s+"
    r"|capital\s+)?$", re.IGNORECASE)
#: Where a source speaks from: "according to a military source in Bangui".
_SOURCE_IN = re.compile(
    r"\b(?:sources?|spokes(?:man|woman|person)|correspondents?|diplomats?)\s+in\s+(?:the\s+)?$",
    re.IGNORECASE)
#: A word every :data:`_TAKEN_TO`, :data:`_SOURCE_IN` or :data:`_ROAD_TO` match holds (in
#: lowercase, as in running text), found once in a document (see :func:`_cue_starts`).
_ELSEWHERE_WORDS = ("airlifted", "flown", "taken", "rushed", "evacuated", "transferred",
                    "brought", "link", "connect", "leading", "road", "highway", "source",
                    "spokes", "correspondent", "diplomat")


def _elsewhere(text: str, mentions: list[Mention], starts: list[int]) -> frozenset[int]:
    """The starts (of the sorted literal ``mentions``, whose ``starts`` these are) of
    places named only as where the wounded were taken or where a source speaks from
    ("according to a military source in Bangui"), or where a road leads from a
    place the sentence named before or from "a town on the highway" (the road's ends
    are then no places of what happened there; but "shelling hit the bridge linking
    Kherson with the left bank" hit Kherson).  Only the mentions within 60 characters
    after one of the cue words are asked about."""
    found = set()
    for cue in _cue_starts(text, _ELSEWHERE_WORDS):
        k = bisect_right(starts, cue)
        while k < len(starts) and starts[k] <= cue + 60:
            start = starts[k]
            lo = max(0, start - 60)
            if _TAKEN_TO.search(text, lo, start) or _SOURCE_IN.search(text, lo, start) or (
                    _ROAD_TO.search(text, lo, start) and (
                        _TOWN_ON_ROAD.search(text, max(0, cue - 40), cue)
                        or _named_before(text, mentions, starts, cue))):
                found.add(start)
            k += 1
    return frozenset(found)


def _named_before(text: str, mentions: list[Mention], starts: list[int], at: int) -> bool:
    """Whether the sentence names a place before ``at`` (within 200 characters; not a
    dateline's capitals)."""
    for k in range(bisect_left(starts, at) - 1, -1, -1):
        m = mentions[k]
        if at - m.span.end > 200 or _SENTENCE_END.search(text, m.span.end, at):
            return False
        if not m.span.text.isupper():
            return True
    return False


#: A town told by the road it lies on (its name may be one no gazetteer has).
_TOWN_ON_ROAD = re.compile(r"\b(?:town|village|city|junction)\s+on\s+the\s+(?:main\s+)?"
                           r"(?:road|highway|route)\s+$", re.IGNORECASE)


def _cue_starts(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each of ``words`` occurs in ``text``, sorted (str.find runs in C; a regex of
    many alternatives scans every position)."""
    starts = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            starts.append(at)
            at = text.find(word, at + 1)
    starts.sort()
    return starts


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


#: A place something is measured from, not where it is: "220 km north of the capital
#: Mogadishu", "30 miles from Kyiv".
_MEASURED_FROM = re.compile(
    r"\b(?:km|kilomet(?:re|er)s|miles)\b[^.;]{0,30}?\b(?:of|from)\s+(?:the\s+)?(?:[\w-]+\s+)?$")


#: A place another is measured from: "about 80 kilometers west of", ", a town south of",
#: ", southeast of".
_MEASURED_FROM_NAMED = re.compile(
    r",\s+(?:(?:about|some|around|roughly)\s+)?(?:\d[\d,.]*\s*(?:km|kilomet(?:re|er)s|miles)"
    r"(?:\s+\(\d+\s+(?:km|miles)\))?\s+|an?\s+(?:[\w-]+\s+)?(?:town|village|city)\s+)?"
    rf"{COMPASS_POINT}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
#: The text from a country to a place in it that says where in it the same thing
#: happened: "Afghanistan's Dand-e-Patan district, in " (not "Pakistan overnight, ...,
#: a day after gunmen in the province of ").
_SAME_TELLING = re.compile(
    r"(?:(?!\b(?:after|before|when|while|since|whereas|days?|weeks?|months?|years?|including"
    r"|said|says|told|according|officials?|police|spokes\w+|ministry|authorities)\b)[^;])"
    r"{0,60}")


#: A country all over which something happened, whose places are its parts: "across
#: Ukraine, including five in Kharkiv".
_ACROSS = re.compile(r"\b(?:across|throughout|all\s+over)\s+(?:the\s+)?$", re.IGNORECASE)
#: The country's possessive before a place of its own: "Nigeria's north-central ".
_ITS_OWN = re.compile(r"['\u2019]s\s+(?:[\w-]+\s+){0,2}")


def _first_score(scored: tuple[float, Placed]) -> float:
    return scored[0]


#: A division's noun after its name: "Feni district", "Anka local government area".
_DIVISION_NOUN_AFTER = re.compile(
    r"\s+(?:district|province|region|state|county|municipality|regency|department"
    r"|governorate|prefecture|township|division|zone|local\s+government\s+area)\b")
#: What stands between a place and the division it lies in: "Chhagalnaiya, in Feni".
_IN_ITS_DIVISION = re.compile(r",\s+in\s+(?:the\s+)?(?:[\w-]+\s+)?")


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
    kept: list[tuple[float, Placed, bool]] = []  # candidates, and if a locative leads in
    links = [_site_link(text, site, t_start, t_end, movement) for site in sites]
    if any(site.opening for site in sites) and not any(
            link[2] and link[3] for site, link in zip(sites, links, strict=True)
            if not site.opening and site.end <= t_start):
        # the town of a phrase opening the sentence, unless the trigger's clause opens
        # with its own: "In Mombasa, hundreds marched, while in Nakuru police arrested
        # 45" (but "In Yerevan, thousands rallied against handing villages in Tavush")
        links = [_site_link(text, site, t_start, t_end, movement, opening=True)
                 if site.opening else link for site, link in zip(sites, links, strict=True)]
    for k, (site, (score, factor, locative, same)) in enumerate(zip(sites, links,
                                                                    strict=True)):
        if site.mention.confidence <= FOCUS_CONFIDENCE:
            score -= 3.0  # a guess (an unknown name put in the story's main town) yields
            # to a place the sentence names: "the town of Paletwa in Chin state"
        if k and _MEASURED_FROM_NAMED.search(text, max(0, site.start - 50), site.start):
            score -= 3.0  # where a place named before it is measured from: "near
            # Ginchi, about 80 kilometers west of Addis Ababa"
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
        if kind in ("strong", "weak"):
            kept.append((score, (site.mention, factor), locative))
    strong = best.get("strong")
    if strong is not None and strong[1][0].place.kind == "country" and not _ACROSS.search(
            text, max(0, strong[1][0].span.start - 20), strong[1][0].span.start):
        # a place the sentence names inside that country says where in it: "in
        # Afghanistan's Dand-e-Patan district, in Paktia province" is in Paktia
        named = strong[1][0]
        inner = [(score, placed) for score, placed, locative in kept
                 if placed[0].confidence > FOCUS_CONFIDENCE  # (no guess)
                 and contains(named.place, placed[0].place)
                 and _SAME_TELLING.fullmatch(text, named.span.end, placed[0].span.start)
                 and (locative or _ITS_OWN.fullmatch(text, named.span.end,
                                                     placed[0].span.start))
                 and not _MEASURED_FROM.search(text, max(0, placed[0].span.start - 40),
                                               placed[0].span.start)]
        if inner:
            best["strong"] = max(inner, key=_first_score)
    strong = best.get("strong")
    if strong is not None and _DIVISION_NOUN_AFTER.match(text, strong[1][0].span.end):
        # the division a place named just before lies in: "a school in Chhagalnaiya, in
        # Feni district, was torched" is in Chhagalnaiya
        named = strong[1][0]
        inner = [(score, placed) for score, placed, _ in kept
                 if _IN_ITS_DIVISION.fullmatch(text, placed[0].span.end, named.span.start)]
        if inner:
            best["strong"] = inner[-1]
    home = (best["home"][1][0], _DOCUMENT) if "home" in best else None
    if "strong" not in best and "weak" not in best and "origin" in best:
        return None, (best["origin"][1][0], _SENTENCE), home
    return (best["strong"][1] if "strong" in best else None,
            best["weak"][1] if "weak" in best else None, home)


#: "the port city", "the capital", "the town's coke plant": a definite description that
#: refers back to a place named earlier (not one a name follows: "the city of Kharkiv",
#: "the capital, Kyiv"; but "In the capital, police ...").  Group 1 is the head noun.
_ANAPHOR_NP = re.compile(
    r"\bthe\s+(?:[a-z-]+\s+){0,2}?(capital|city|town|village|port|region|province|district"
    r"|oblast|governorate|area|neighbou?rhood)\b(?!\s+of\b|\s*,\s*[^a-z\s])")
#: What measures from a description, which is then no place of the event: "the town,
#: about 50 km northeast of the capital", "south of the city".
_MEASURED_BEFORE = re.compile(
    rf"(?:\b(?:km|kilomet(?:re|er)s|miles)\b[^.;]{{0,30}}?\b(?:of|from)|\b{COMPASS_POINT}"
    r"\s+of)\s+$", re.IGNORECASE)
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
    found = [m for m in _ANAPHOR_NP.finditer(sent.text)
             if not _MEASURED_BEFORE.search(sent.text, max(0, m.start() - 50), m.start())]
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


#: A people's word before the weapons it strikes with from afar: "an Israeli strike",
#: "Russian missiles", "Pakistani air strikes".
_STRIKERS = re.compile(
    r"\b([A-Z][\w.]*[a-z.])\s+(?:(?:air|drone|missile|artillery|military)\s+)?"
    r"(?:(?:air)?strikes?|missiles?|rockets?|shelling|bombardments?|warplanes?|jets?|drones?)\b")


def _actor_countries(sentence: str) -> frozenset[str]:
    """The countries whose weapons the sentence says struck ("an Israeli strike")."""
    table = demonyms()
    return frozenset(code for word in _STRIKERS.findall(sentence)
                     if (code := table.get(fold(word))) and len(code) == 2)


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
                      until: int, after: int = 0) -> Mention:
    """"the separatist republics in eastern Ukraine", after "the Donbas region": the
    country narrowed to the most recent earlier place within it lying that way, told
    from ``after`` on (past the dateline: "NIAMEY - ... in southwestern Niger" tells
    where the reporter is, not the attack)."""
    if mention.place.geo_precision < 3 or not mention.place.country_code:
        return mention
    compass = _COMPASS.search(text[max(0, mention.span.start - 20):mention.span.start])
    if not compass:
        return mention
    bearing = _BEARINGS[compass.group(1).lower().replace("-", "")]
    i = bisect_right(literal, until, key=lambda m: m.span.start)
    for m in reversed(literal[max(0, i - _LOOKBACK):i]):
        if m.span.start >= until or m.span.start < after or m.place.geo_precision >= 3:
            continue
        if m.place.country_code == mention.place.country_code and _toward(
                mention.place, m.place, bearing):
            return m
    return mention


def _document_focus(mentions: list[Mention]) -> Mention | None:
    """The literal country the document names most, itself or by its towns and
    divisions, one whose towns or divisions it names before one it only names (ties:
    first mentioned), else the top place.

    A Baghdad car bomb story that quotes "the U.S. military" three times is about Iraq;
    a story of campus protests in Los Angeles, New York and Providence, with "Free
    Palestine" chanted once, is about the United States.
    """
    pool = [m for m in mentions if m.place.kind == "country"] or mentions
    if not pool:
        return None
    inside: dict[str, int] = {}  # country -> mentions of places in it
    for m in mentions:
        if m.place.kind != "country" and m.place.country_code:
            inside[m.place.country_code] = inside.get(m.place.country_code, 0) + 1
    counts: dict[str, int] = {}
    for m in pool:
        counts[m.place.id] = counts.get(m.place.id, 0) + 1

    def weight(m: Mention) -> tuple[bool, int]:
        within = inside.get(m.place.country_code or "", 0) if m.place.kind == "country" else 0
        return within > 0, counts[m.place.id] + within

    top = max(map(weight, pool))
    return next(m for m in pool if weight(m) == top)


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
        if m and m.place.kind == "country" and doc.dateline is not None and (
                m.place.country_code in (actors := _actor_countries(sent.text))):
            # the story's main country struck from afar ("an Israeli strike ... killed
            # two", in a story from Beirut that names Israel most): the next one, unless
            # the story is told from there (its army strikes at home)
            told_from = next((x.place.country_code for x in places.literal
                              if _in_dateline(doc, x)), None)
            if told_from is not None and told_from not in actors:
                m = _document_focus([x for x in places.lived_in(places.literal)
                                     if x.place.country_code not in actors])
        if m:
            return m, _DOCUMENT
    if home:
        return home
    return None, 0.0


def _span_start(m: Mention) -> int:
    return m.span.start


#: Members of an armed group after its name: "Fano militiamen", "Wagner fighters".
_MEMBERS = re.compile(r"\s+(?:fighters|militiamen|militias?|rebels|insurgents|gunmen"
                      r"|forces|troops|commanders)\b")


def _but_group_names(text: str, literal: list[Mention]) -> list[Mention]:
    """``literal`` without the mentions of a town whose name the document gives an
    armed group ("fighting between federal troops and Fano militiamen" in a story that
    names no other place in Italy): the group's name, no place of its events.  A region
    is its people's too ("Tigray forces"), and stays."""
    named = {m.place.id for m in literal
             if m.place.kind == "city" and _MEMBERS.match(text, m.span.end)}
    if not named:
        return literal
    countries = {m.place.country_code for m in literal if m.place.id not in named}
    groups = {m.place.id for m in literal
              if m.place.id in named and m.place.country_code not in countries}
    return [m for m in literal if m.place.id not in groups] if groups else literal


class _Places:
    """A document's literal mentions in text order, with what placing its events looks
    up in them again and again."""

    def __init__(self, text: str, mentions: list[Mention]):
        self.literal = _but_group_names(
            text, sorted((m for m in mentions if _literal(m)), key=_span_start))
        self.starts = [m.span.start for m in self.literal]
        self.nouns = _Introductions(text, self.starts)
        #: Mentions of where someone is from ("Floyd, 45, of Los Angeles"): no place to
        #: fall back on for a sentence that names none.
        self.homes = frozenset(m.span.start for m in self.literal
                               if _home(text, m.span.start, m.span.end)
                               ) | _elsewhere(text, self.literal, self.starts)

    def lived_in(self, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` but those of where someone is from."""
        return [m for m in mentions if m.span.start not in self.homes] if self.homes \
            else mentions

    def within(self, start: int, end: int) -> list[Mention]:
        """The mentions starting in ``start:end``, found by bisection."""
        return self.literal[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    @cached_property
    def focus(self) -> Mention | None:
        """:func:`_document_focus` of the document, found once (of all its places if
        it names none but where someone is from: "The wounded were flown to Kabul")."""
        return _document_focus(self.lived_in(self.literal)) or _document_focus(self.literal)
