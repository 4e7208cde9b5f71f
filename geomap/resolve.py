"""Turn toponym spans into Mentions: pick each span's place in document context."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from gazetteer.model import Place
from gazetteer.rank import Context, Model, contains, feature_rows, haversine_km, rank
from gazetteer.store import Gazetteer
from gazetteer.text import fold
from geomap.model import Document, Mention, Span
from geomap.recognize import demonyms, listed_divisions

ANCHOR_MARGIN = 1.5  # a mention this far ahead of its runner-up anchors the others
LONE_MARGIN = 3.0  # how far a name's only candidate counts as ahead (its confidence)
FOCUS_CONFIDENCE = 0.2  # an unknown street or landmark placed in the story's main town
#: An unknown name placed in the town or division the text puts it in: "Hurti, a
#: village in Bokkos", "the town of Waat in Jonglei state".
LOCATED_CONFIDENCE = 0.3
CUED_CONFIDENCE = 0.8  # a name placed by the division word after its list alone
SPELT_CONFIDENCE = 0.4  # a town read as another spelling of one in its division
#: How alike, and how long, a name a settlement noun introduces must be to be read as
#: another spelling of a town in its division ("Noshki", "Nushki": 83).
SPELT_MIN_SIMILARITY = 80.0
SPELT_MIN_LENGTH = 5
#: ... and how alike to be read so anywhere in the division's country ("Bulo Burde" in
#: a Mogadishu story is "Buulobarde" only at 80: too far from certain).
SPELT_COUNTRY_SIMILARITY = 90.0
#: A settlement noun right before a name: "the town of", "the village of".
_SETTLEMENT_OF = re.compile(r"\b(?:village|town|city|hamlet|settlement|locality|community)"
                            r"\s+of\s+$", re.IGNORECASE)
#: Kinds of place a settlement noun rules out: "the town of Costa Rica" is no country.
_DIVISION_KINDS = frozenset({"country", "admin1", "admin2", "region"})
#: A state's office or people after a name's possessive: "Jordan's King Abdullah".
_A_STATES = re.compile(r"['\u2019]s\s+(?:King|Queen|Emir|President|Prime\s+Minister|Foreign"
                       r"|Defen[cs]e|Interior|government|army|military|embassy|ambassador"
                       r"|parliament|Crown)\b")
#: What makes "town of" the name of the division a town heads: "the main town of Soum".
_CHIEF_TOWN = re.compile(r"\b(?:main|largest|biggest|principal|chief|capital|administrative)"
                         r"\s+(?:town|city)\s+of\s+$", re.IGNORECASE)
#: A town known by a name only as an alternate spelling pairs with a region ("Kiev,
#: Ukraine") when it has this many people (see Resolver._pairs).
PAIR_ALTERNATE_POPULATION = 100_000
#: A place this big keeps a name known only as its alternate in any story ("Kiev").
STRAY_POPULATION = 1_000_000
#: Places this small, all in countries the story does not point at, are no reading of
#: a one-word name ("Oli" of a Nepali prime minister is neither Oli, Indonesia, nor
#: Oley, Pennsylvania; "Sissy" a poodle, "Hulu" a company).
HAMLET_POPULATION = 2_000
#: ... and only as far as this from every town the story places (km): a camp or town
#: across the border is the story's too ("Dadaab camp" in a Mogadishu story, "the
#: village of Urozhaine" in one from Moscow).
LANDMARK_ABROAD_KM = 1_500.0
#: A town abroad smaller than this, named where the story happens ("near Liwa") in a
#: story pointing at other countries only, is a place of the story the gazetteer lacks.
ABROAD_TOWN_POPULATION = 100_000
#: ... and a town of the story's country this far from all its anchors is a stray too.
STRAY_KM = 1000.0
PART_KM = 30.0  # a district said to be of a town lies this close to it at most
LOOSE_PART_KM = 300.0  # a district's own reading this close to its town stays its own
NEIGHBOUR_KM = 50.0  # another name's reading this close makes two readings neighbours
SUPPORT_READINGS = 10  # a name's likeliest readings that lend support (see _Alone.support)
FIRST_RANKS_KEPT = 50_000  # first-pass readings of names remembered across documents

# A capital or country standing for its government: "Moscow tightened its grip",
# "under Moscow's control", "instructions from Washington".
_ACTOR_VERBS = frozenset(
    """said says tightened warned wants wanted demanded demands insists insisted accused
    denied denies announced announces claimed claims rejected rejects agreed signed pledged
    vowed threatened urged responded refused blamed imposed ordered expelled recognized
    recognised annexed accepts accepted retaliated condemned welcomed stepped doubled
    insisting sanctioned""".split()
)
_GOVERNMENT_NOUNS = frozenset(
    """control terms demands position stance policy decision response government regime
    leadership grip pressure conditions ambitions allies request approval backing
    sanctions officials diplomats envoy negotiators""".split()
)
_FROM_NOUNS = frozenset("instructions orders pressure directives approval word".split())
_LOCATIVES = frozenset("in at near inside outside within across around".split())
_WORD = re.compile(r"[A-Za-z]+")
# One or two capitalised words: r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?\b", but opening on the
# capital (the lookbehind is the leading \b) lets the regex engine skip ahead to capitals
# instead of trying every position (twice as fast).
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+(?: [A-Z][a-z]+)?\b")


def is_metonymic(text: str, span: Span, place: Place) -> bool:
    """Whether a country or capital mention stands for its government, not the place."""
    if not (place.capital or place.kind == "country"):
        return False
    before = _WORD.findall(text, max(0, span.start - 30), span.start)
    if before and before[-1].lower() in _LOCATIVES:
        return False  # "officials in Doha said": the verb belongs to the officials
    possessive = text.startswith(("'s", "’s"), span.end)
    # Only the next word (within 40 characters) counts.
    word = _WORD.search(text, span.end + 2 if possessive else span.end, span.end + 40)
    if word:
        if possessive and word.group().lower() in _GOVERNMENT_NOUNS:
            return True
        if not possessive and word.group().lower() in _ACTOR_VERBS:
            return True
    return len(before) >= 2 and before[-1].lower() == "from" and before[-2].lower() in _FROM_NOUNS


class Resolver:
    """Places each span, using the whole document as context (two passes).

    The first pass ranks every span alone; clear winners then tell which countries and
    first-level divisions the document is about and anchor the map, and the second pass
    ranks again with that.  "City, Region" pairs are resolved jointly (the city must lie
    in the region), and a name keeps the place such a pair gave it everywhere in the
    document.
    """

    def __init__(self, gazetteer: Gazetteer, ranker: Model | None = None):
        self.gazetteer = gazetteer
        #: The ranker's weights (``None``: the shipped model).
        self.ranker = ranker
        self._first_ranks: dict[tuple[str, str | None, Model | None], tuple[tuple, _Alone]] = {}

    def _evidence(self, doc: Document, spans: list[Span]):
        """Each span's name key, each name's candidates, the document context, and what
        "City, Region" pairs decided."""
        keys = [self.gazetteer.key(s.text) for s in spans]
        counts = Counter(keys)  # a name is looked up and weighed once per document
        names = {key: self._candidates(key) for key in counts}
        ctx, own = self._context(doc, names, counts)
        forced = self._pairs(doc.text, spans, [names[k] for k in keys], ctx)
        for _, place in sorted(forced.items()):
            self._add_evidence(ctx, place)
        return keys, names, ctx, own, forced

    def _candidates(self, key: str) -> tuple[tuple[Place, int], ...]:
        """The places (with name flags) a folded name may stand for."""
        target = demonyms().get(key)
        return self.gazetteer.lookup(key) if target is None else self._demonym(target)

    def candidate_features(self, doc: Document, spans: list[Span]) -> list[tuple[list, list]]:
        """Per span, its candidate places and their feature rows as the ranker sees them
        (what ``geomap.learn`` fits the ranker on)."""
        keys, names, ctx, own, _ = self._evidence(doc, spans)
        return [([p for p, _ in names[key]],
                 feature_rows(names[key], self._without(ctx, own.get(key))))
                for key in keys]

    def resolve(self, doc: Document, spans: list[Span]) -> list[Mention]:
        keys, names, ctx, own, forced = self._evidence(doc, spans)
        by_name: dict[str, Place] = {}
        for k, place in sorted(forced.items()):
            by_name.setdefault(keys[k], place)
        for k, place in self._cued_divisions(doc.text, spans, keys, names, ctx).items():
            forced.setdefault(k, place)  # this mention only: "Washington state"
        for key, place in self._cued_settlements(doc.text, spans, keys, names, ctx,
                                                 own).items():
            if not any(k == key and _A_STATES.match(doc.text, span.end)
                       for span, k in zip(spans, keys, strict=True)):
                by_name.setdefault(key, place)  # "the town of Costa Rica", wherever named
                continue
            for k, span in enumerate(spans):  # (but "Jordan's King Abdullah" is the
                if keys[k] == key and _settled(doc.text, span):  # country's)
                    forced.setdefault(k, place)
        for k, place in self._cued_counties(doc.text, spans, keys, ctx).items():
            if k not in forced:  # "Douglas, Sarpy and Lancaster counties"
                forced[k] = place
                self._add_evidence(ctx, place)
        # Names read only as other spellings of places abroad are dropped (see _stray).
        grouped = _grouped(doc.text, spans, keys)
        strays = {key for key, cands in names.items() if cands and key not in by_name
                  and self._stray_name(doc.text, spans, keys, key, cands, ctx, own, grouped)}
        # ... unless a settlement noun introduces them: "the town of Nizi" in a Congo
        # story is a town the gazetteer lacks, not a misspelt Nyzy, Ukraine
        settled = {key for key in strays if _introduced(doc.text, spans, keys, key)}
        strays -= settled
        # A name before a landmark's noun read only as towns abroad ("Lido beach" in a
        # Mogadishu story) is a landmark of the story's town: placed there below.
        landmarks = settled | {
            key for key, cands in names.items() if cands and key not in by_name
            and key not in strays and key not in settled
            and self._landmark_name(doc.text, spans, keys, key, cands, ctx, own)}
        # The second pass ranks each name once.
        choices = {key: self._choose(cands, ctx, own.get(key), by_name.get(key))
                   for key, cands in names.items() if key not in strays and key not in landmarks}
        dem = demonyms()
        mentions = []
        unplaced = False
        for k, (span, key) in enumerate(zip(spans, keys, strict=True)):
            if key in strays and k not in forced:
                continue
            choice = choices.get(key)
            if choice is None:
                if k in forced:  # a name known only with its division word: "Otoe" of
                    # "Dakota, Otoe and Washington counties"
                    mentions.append(Mention(span, forced[k], CUED_CONFIDENCE, candidates=1))
                    continue
                mentions.append(Mention(span, None, 0.0))
                unplaced = True
                continue
            best, confidence, n = choice
            place = forced.get(k, best)
            mentions.append(Mention(
                span, place, confidence,
                metonymic=key in dem or is_metonymic(doc.text, span, place), candidates=n))
        self._place_parts(doc.text, mentions,  # (strays left out: keys[k] is no match)
                          [names.get(self.gazetteer.key(m.span.text), ()) for m in mentions])
        if unplaced:
            focus = self._focus(mentions)
            located: dict[str, Place] = {}  # per name, the division the text first puts
            # it in (a division holds the name wherever it recurs; a town named after a
            # street may be a crossing: "Royal Street at Washington Square")
            at_focus = []
            follows = []  # placed in the unknown name right after, itself at the focus
            for k in range(len(mentions) - 1, -1, -1):  # "X Hotel in Y Road, Z": Z first
                m = mentions[k]
                if m.place is None:
                    # A street or landmark the gazetteer does not know lies in the town
                    # named right after it ("the Ritz Hotel in Paris"), or, most likely,
                    # in the town the story is about.
                    where = _located_by(doc.text, mentions, k)
                    if where is None or where.kind == "country" and focus is not None and (
                            focus.country_code == where.country_code):
                        where = focus  # (the story's town, if it lies in that country)
                        at_focus.append(k)
                    elif where.kind in ("admin1", "admin2", "region"):
                        located[fold(m.span.text)] = where
                    if k + 1 in at_focus and k not in at_focus:
                        follows.append(k)
                    spelt = self._spelt_otherwise(doc.text, m.span, where,
                                                  stated=k not in at_focus)
                    if spelt is not None:
                        mentions[k] = Mention(m.span, spelt, SPELT_CONFIDENCE)
                        if k in at_focus:
                            at_focus.remove(k)
                    elif where is not None:
                        mentions[k] = Mention(m.span, where, FOCUS_CONFIDENCE if (
                            k in at_focus or where.kind == "country") else LOCATED_CONFIDENCE)
            for k in at_focus:  # "the town of Waat in Jonglei state ... fled Waat"
                where = located.get(fold(mentions[k].span.text))
                if where is not None:
                    mentions[k] = Mention(mentions[k].span, where, LOCATED_CONFIDENCE)
            for k in follows:  # "near Ulang, about 30 km west of Nasir": where Nasir is
                if mentions[k + 1].confidence == LOCATED_CONFIDENCE:
                    mentions[k] = Mention(mentions[k].span, mentions[k + 1].place,
                                          LOCATED_CONFIDENCE)
        _abroad_but_located(doc.text, mentions)
        return mentions

    def _spelt_otherwise(self, text: str, span: Span, where: Place | None, *,
                         stated: bool) -> Place | None:
        """The town a settlement noun introduces ("the town of Noshki") that the
        gazetteer knows under another spelling ("Nushki") inside the division ``where``
        (or the first-level division of the town ``where``), or, very alike, anywhere in
        its country unless the text ``stated`` that it lies in ``where`` (not only the
        story's focus): the most similar such town (then the largest), or None.
        Transliterated names are spelt many ways; a town far away may only look like
        one of them ("Diatagon in Lianga town" is no Datagon 330 km away)."""
        if where is None or not _SETTLEMENT_OF.search(text, max(0, span.start - 30),
                                                      span.start):
            return None
        from gazetteer.fuzzy import index_for

        key = fold(span.text)
        if len(key) < SPELT_MIN_LENGTH:
            return None
        best: tuple[bool, float, int, Place] | None = None
        for other, similarity in index_for(self.gazetteer.path).search(
                key, min_score=SPELT_MIN_SIMILARITY, limit=20):
            for place, _ in self.gazetteer.lookup(other):
                if place.kind != "city" or place.country_code != where.country_code:
                    continue
                close = _near(where, place)
                if (close or similarity >= SPELT_COUNTRY_SIMILARITY and (
                        not stated or where.kind == "country")) and (
                        best is None or (close, similarity, place.population) > best[:3]):
                    best = (close, similarity, place.population, place)
        return best[3] if best is not None else None

    def _stray_name(self, text: str, spans: list[Span], keys: list[str], key: str,
                    cands: tuple, ctx: Context, own: dict, grouped: frozenset[str]) -> bool:
        """Whether the name ``key`` is no place of the story: read only as other
        spellings of places abroad (:func:`_stray`), or a compass word or a one-word
        name read only as hamlets, all in countries the story does not point at
        (:func:`_abroad`; "Eastern traditions", "Oli" of a Nepali prime minister) unless
        a locative introduces a hamlet of that very name ("captured the village of
        Urozhaine"; but "the town of Nasir" in South Sudan is no Nasir Extension,
        Khartoum); so is a one-word name of towns abroad that the story uses as an armed
        group's (``grouped``: see :func:`_grouped`)."""
        own_name = any(flags & 3 for _, flags in cands)
        compass = key in _COMPASS
        hamlets = not compass and " " not in key and (all(
            p.kind == "city" and p.country_code and p.population < HAMLET_POPULATION
            for p, _ in cands) or key in grouped and all(p.kind == "city" for p, _ in cands))
        if own_name and not (compass or hamlets):
            return False  # (the cheap test first)
        without, named = self._others(key, ctx, own)
        if not own_name and _stray(key, cands, without, named):
            return True
        if not (compass or hamlets) or not _abroad(cands, without, named):
            return False
        return compass or not own_name or not any(
            k == key and _LOCATED.search(text, max(0, span.start - 30), span.start)
            for span, k in zip(spans, keys, strict=True))

    def _landmark_name(self, text: str, spans: list[Span], keys: list[str], key: str,
                       cands: tuple, ctx: Context, own: dict) -> bool:
        """Whether every reading of the name ``key`` lies in a country the story does not
        point at (:func:`_abroad`), and the name is a landmark's (every mention has a
        landmark's noun after it: "Lido beach", "Bakara market", "Zamzam camp") or a
        small town's that the text puts where the story happens (:data:`_NEAR`:
        "fishermen were abducted near Liwa" in a Chad story is no Liwa, Oman)."""
        landmark = all(_LANDMARK_AFTER.match(text, span.end)
                       for span, k in zip(spans, keys, strict=True) if k == key)
        if not landmark and not (
                all(p.kind == "city" and p.population < ABROAD_TOWN_POPULATION
                    for p, _ in cands)
                and any(k == key and _NEAR.search(text, max(0, span.start - 30), span.start)
                        for span, k in zip(spans, keys, strict=True))):
            return False
        without, named = self._others(key, ctx, own)
        return _abroad(cands, without, named) and bool(without.anchors) and all(
            haversine_km(p.lat, p.lon, a.lat, a.lon) > LANDMARK_ABROAD_KM
            for p, _ in cands for a in without.anchors)

    def _others(self, key: str, ctx: Context, own: dict) -> tuple[Context, set[str | None]]:
        """What the rest of the document says, without the name ``key``: the context,
        and the countries its other names point at on their own."""
        return (self._without(ctx, own.get(key)),
                {s.alone.country for k, s in own.items() if k != key})

    def _place_parts(self, text: str, mentions: list[Mention], cands: list[tuple]) -> None:
        """Put the named parts of towns in ``mentions`` (see :func:`_parts`) in their
        town; ``cands``: each mention's candidates (with name flags)."""
        parts = list(_parts(text, mentions))
        focus = None
        for k, town, reach in parts:
            part = mentions[k]
            if reach is not None and part.place is not None and town is not None and (
                    haversine_km(part.place.lat, part.place.lon, town.place.lat,
                                 town.place.lon) <= reach):
                continue  # a district of the region around: "the Ancuabe district"
            if town is None:  # "the West Side": of the story's town, unless a place has
                # this very name ("the Upper West Side") in a country the story names a
                # place of (not "the East End" of a London story as East End, Arkansas)
                sides = {j for j, _, _ in parts}
                if part.place is not None and any(
                        p.id == part.place.id and flags & 3 for p, flags in cands[k]) and any(
                        m.place is not None and m.place.country_code == part.place.country_code
                        and m.place.kind != "country"  # (an actor: "U.S. envoys")
                        for j, m in enumerate(mentions) if j not in sides):
                    continue
                if focus is None:
                    focus = self._focus([m for j, m in enumerate(mentions) if j not in sides])
                if focus is None or focus.kind != "city":
                    continue
            mentions[k] = _in_its_town(part, cands[k],
                                       town.place if town is not None else focus)

    def _choose(self, cands: tuple, ctx: Context, share: _Share | None,
                paired: Place | None) -> tuple[Place, float, int] | None:
        """A name's place, its confidence and how many candidates it had (None: it has
        none).

        A lone candidate needs no ranking: it leads by :data:`LONE_MARGIN`.  A name keeps
        the place a "City, Region" pair gave it (``paired``), trusted.
        """
        if not cands:
            return None
        if len(cands) == 1:
            best, margin = cands[0][0], LONE_MARGIN
        else:
            ranked = rank(cands, self._without(ctx, share), self.ranker)
            (best, top), runner = ranked[0], ranked[1][1]
            margin = top - runner
            if best.kind in ("city", "admin1", "admin2"):
                best = _country_of_its_name(cands, best)
        confidence = 1.0 / (1.0 + math.exp(-margin))
        if paired is not None:
            best, confidence = paired, max(confidence, 0.9)
        return best, round(confidence, 3), len(cands)

    @staticmethod
    def _focus(mentions: list[Mention]) -> Place | None:
        """The town the story is about (else its region, else its country).

        From the top down: the country the document names most (literally, and one whose
        towns or divisions it names before one it names only), then the first-level
        division of that country it names most (its towns and divisions all count),
        then the most-mentioned town there, the biggest on a tie.  A story about Ireland
        that mentions a namesake village abroad twice is still about Ireland; one about
        New Orleans, Mandeville and Louisiana is about New Orleans even if "Elysian
        Fields" makes Elysian, Minnesota, its most-mentioned town.
        """
        placed = [m.place for m in mentions if m.place is not None and not m.metonymic]
        countries = Counter(p.country_code for p in placed if p.country_code)
        inside = Counter(p.country_code for p in placed if p.kind != "country")
        # streets lie in towns: a country whose towns or divisions the story names beats
        # one it only names ("Russia said ..." in a story about Kharkiv)
        main = max(countries, key=lambda c: (inside[c] > 0, countries[c], inside[c]),
                   default=None)
        units = Counter((p.country_code, p.admin1) for p in placed
                        if p.country_code == main and p.admin1 and p.kind != "country")
        for kinds in (("city", "admin2"), ("admin1", "region"), ("country",)):
            found = [p for p in placed if p.kind in kinds and p.country_code in (main, None)]
            if found:
                counts = Counter(p.id for p in found)
                return max(found, key=lambda p: (units[p.country_code, p.admin1],
                                                 counts[p.id], p.population))
        return None

    def _demonym(self, target: str) -> tuple[tuple[Place, int], ...]:
        """The country (ISO code), region or division (place id: "Kurdish",
        "Texan") or continent (name) a demonym stands for."""
        if len(target) == 2 and target.isupper():
            country = self.gazetteer.country(target)
            return ((country, 1),) if country is not None else ()
        if ":" in target:
            place = self.gazetteer.get(target)
            return ((place, 1),) if place is not None else ()
        return tuple((p, f) for p, f in self.gazetteer.lookup(fold(target))
                     if p.kind == "continent")[:1]

    def _pairs(self, text: str, spans: list[Span], candidates: list,
               ctx: Context) -> dict[int, Place]:
        """Joint choices for "Athens, Ga." / "Paris, Texas" / "Dublin, Ireland" pairs."""
        forced: dict[int, Place] = {}
        for k in range(len(spans) - 1):
            gap = text[spans[k].end : spans[k + 1].start]
            if gap.strip() != "," or "\n" in gap or not candidates[k] or not candidates[k + 1]:
                continue
            if (k > 0 and _LIST_GAP.fullmatch(text, spans[k - 1].end, spans[k].start)
                    and k + 2 < len(spans)
                    and _LIST_GAP.fullmatch(text, spans[k + 1].end, spans[k + 2].start)
                    and any(flags & 1 and p.kind in ("admin1", "country")
                            for p, flags in candidates[k])):
                continue  # states in a list: "Georgia, Oklahoma, Pennsylvania and"
                # (not "Cordova, Tennessee, Richmond, Virginia, Orlando")
            outer = [(p, sc) for p, sc in rank(candidates[k + 1], ctx, self.ranker)
                     if p.kind in ("country", "admin1", "admin2")]
            if not outer:
                continue
            # a town the name stands for only as an alternate spelling is no pair's
            # unless big: "Washington, New York and Boston" is no Watervliet, N.Y.
            named = {p.id for p, flags in candidates[k]
                     if flags & 3 or p.population >= PAIR_ALTERNATE_POPULATION}
            inner = rank(candidates[k], ctx, self.ranker)
            best = None
            for o, so in outer:
                for i, si in inner:
                    if i.id in named and contains(o, i) and (best is None or si + so > best[0]):
                        best = (si + so, i, o)
            if best is not None:
                forced[k] = best[1]
                forced.setdefault(k + 1, best[2])
        return forced

    def _cued_divisions(self, text: str, spans: list[Span], keys: list[str],
                        names: dict[str, tuple], ctx: Context) -> dict[int, Place]:
        """The first-level division each name a word such as "state" marks as one
        takes: "a Washington state farm", "the state of Washington", "states such as
        California or Washington", "Hebei province"."""
        cued = self._countrys_regions(text, spans, keys, names)
        if not any(word in text for word in _DIVISION_STEMS):
            return cued  # most texts: no regex need run
        for k, span in enumerate(spans):
            if k in cued:
                continue
            before = None
            after = _DIVISION_AFTER.match(text, span.end)
            if after is None:
                before = _DIVISION_BEFORE.search(text, max(0, span.start - 60), span.start)
                if before is None:
                    continue
            if (before is not None and (before["listed"] or before["after_of"]) and k > 0
                    and _country_named(names[keys[k - 1]])):
                continue  # "the 32 states of Mexico and Mexico City"
            cands = names[keys[k]]
            if _country_named(cands):
                continue  # "Mexico state oil company", "Panama state media"
            if after is not None and after.group().endswith("region") and any(
                    p.kind == "region" or p.kind == "admin1" and p.country_code == "US"
                    for p, _ in cands):
                continue  # "the Sahel region" is the belt, not Burkina Faso's Sahel; no
                # US state is called a region ("the Washington region": the capital's)
            if any(p.kind == "admin1" for p, _ in cands):
                cued[k] = next(p for p, _ in rank(cands, ctx, self.ranker) if p.kind == "admin1")
        return cued

    def _cued_settlements(self, text: str, spans: list[Span], keys: list[str],
                          names: dict[str, tuple], ctx: Context,
                          own: dict[str, _Share]) -> dict[str, Place]:
        """The town a name takes throughout the story if a settlement noun introduces it
        and it is also a country's or a division's: "the town of Costa Rica, south of
        Culiacán" is a town in Sinaloa, as is the "Costa Rica" told of after it."""
        towns: dict[str, Place] = {}
        for span, key in zip(spans, keys, strict=True):
            if (key in towns or not _settled(text, span)
                    # (not "the main town of Soum province": the town is another)
                    or _DIVISION_AFTER.match(text, span.end)
                    or _CHIEF_TOWN.search(text, max(0, span.start - 40), span.start)):
                continue
            cands = names.get(key, ())
            # towns of that very name ("the port city of Durán" is the canton of that
            # name more than Eloy Alfaro, whose alias it is)
            named = {p.id for p, flags in cands if p.kind == "city" and flags & 1}
            if not named or not any(p.kind in _DIVISION_KINDS for p, _ in cands):
                continue
            told = self._without(ctx, own.get(key))  # (what the other names tell)
            town = next(p for p, _ in rank(cands, told, self.ranker) if p.id in named)
            if _in_told_division(town, told):  # (not a namesake far from the story:
                towns[key] = town  # "the city of Turkey" in Texas is no Turkey, NJ)
        return towns

    @staticmethod
    def _countrys_regions(text: str, spans: list[Span], keys: list[str],
                          names: dict[str, tuple]) -> dict[int, Place]:
        """The division of the country named in the possessive right before a name, with
        "region" or a division word after it: "Burkina Faso's Sahel region" is that
        country's Sahel, not the belt across Africa; "Ethiopia's Oromia region"."""
        cued: dict[int, Place] = {}
        if "'s " not in text and "\u2019s " not in text:
            return cued
        for k in range(1, len(spans)):
            span, before = spans[k], spans[k - 1]
            if not (_REGION_AFTER.match(text, span.end)
                    and POSSESSIVE_GAP.fullmatch(text, before.end, span.start)):
                continue
            country = next((p for p, flags in names[keys[k - 1]]
                            if flags & 1 and p.kind == "country"), None)
            if country is None:
                continue
            inside = [p for p, _ in names[keys[k]] if p.kind in ("admin1", "admin2")
                      and p.country_code == country.country_code]
            if inside:
                cued[k] = max(inside, key=lambda p: (p.kind == "admin1", p.population))
        return cued

    def _cued_counties(self, text: str, spans: list[Span], keys: list[str],
                       ctx: Context) -> dict[int, Place]:
        """The counties a list of names before "counties" or "parishes" names, all in
        the one state that has most of them ("Douglas, Sarpy and Lancaster counties"
        are Nebraska's; a tie goes to the state the document names most)."""
        cued: dict[int, Place] = {}
        if "counties" not in text and "parishes" not in text:
            return cued  # most texts
        for last, span in enumerate(spans):
            m = _COUNTIES_AFTER.match(text, span.end)
            if m is None:
                continue
            items = [last]
            while items[0] > 0:
                gap = _LIST_GAP.fullmatch(text, spans[items[0] - 1].end, spans[items[0]].start)
                if gap is None or len(items) > 1 and _CONJUNCTION.search(gap[0]):
                    break  # "and" or "or" only before the last: "Houston, Galveston, and
                    # Brazoria and Fort Bend counties" lists two counties
                items.insert(0, items[0] - 1)
            options, votes = listed_divisions(self.gazetteer, [keys[k] for k in items],
                                              m["word"])
            if not votes:
                continue
            unit = max(votes, key=lambda u: (votes[u], ctx.admin1s.get(u, 0)))
            if len(items) == 1 and not ctx.admin1s.get(unit):
                continue  # one name: only in a state the story names ("20 Texas counties"
                # are Texas's, not Texas County, Missouri)
            for k, found in zip(items, options, strict=True):
                there = [p for p in found if (p.country_code or "", p.admin1 or "") == unit]
                if there:
                    cued[k] = max(there, key=lambda p: p.population)
        return cued

    @staticmethod
    def _add_evidence(ctx: Context, place: Place) -> None:
        if place.country_code:
            ctx.countries[place.country_code] += 1
        if place.kind == "admin1" and place.admin1:
            ctx.admin1s[(place.country_code or "", place.admin1)] += 1
        elif place.kind in ("city", "admin2") and place.admin1:
            ctx.admin1s[(place.country_code or "", place.admin1)] += 1
            if all(a.id != place.id for a in ctx.anchors):
                ctx.anchors.append(place)

    @staticmethod
    def _without(ctx: Context, share: _Share | None) -> Context:
        """The document's evidence less what a name's own mentions contributed.

        "Alexandria" must not vote Egypt for itself: only the other names (Virginia,
        Van Dorn Street's neighbours) may say which Alexandria this is.
        """
        if share is None:
            return ctx
        alone, mentions = share
        anchor = alone.anchor
        return Context(
            countries=_minus(ctx.countries, {alone.country: mentions} if alone.country else {}),
            admin1s=_minus(ctx.admin1s, {alone.unit: mentions} if alone.unit else {}),
            admin1_support=_minus(ctx.admin1_support, alone.unit_support),
            country_support=_minus(ctx.country_support, alone.country_support),
            dateline_country=ctx.dateline_country,
            neighbours=ctx.neighbours,
            anchors=ctx.anchors if anchor is None else
            [a for a in ctx.anchors if a.id != anchor.id])

    def _context(self, doc: Document, names: dict[str, tuple], counts: Counter[str],
                 ) -> tuple[Context, dict[str, _Share]]:
        """Document evidence from clear first-pass winners, and each name's share of it."""
        ctx = Context(countries=self._demonym_votes(doc.text),
                      dateline_country=self._dateline_country(doc))
        first = Context(dateline_country=ctx.dateline_country)
        own: dict[str, _Share] = {}
        alones = {key: self._alone(key, cands, first) for key, cands in names.items() if cands}
        # Countries the document names outright: a town elsewhere that is only the likelier
        # reading of a name the named country also has casts no vote ("Olympia" in a story
        # about Greece is no vote for Washington State).
        named = {a.country for a in alones.values() if a.nation}
        for key, alone in alones.items():
            if named and alone.country and alone.country not in named and not alone.nation \
                    and any(p.country_code in named for p, _ in names[key]):
                alone = alone._replace(country=None, unit=None, anchor=None)
            mentions = counts[key]  # each mention of a clear winner counts
            own[key] = _Share(alone, mentions)
            if alone.country:
                ctx.countries[alone.country] += mentions
            if alone.unit:
                ctx.admin1s[alone.unit] += mentions
            if alone.anchor is not None:
                ctx.anchors.append(alone.anchor)
            _add(ctx.admin1_support, alone.unit_support)
            _add(ctx.country_support, alone.country_support)
        ctx.neighbours = _neighbours(names)
        ctx.anchors = list({a.id: a for a in ctx.anchors}.values())  # each place once
        return ctx, own

    def _dateline_country(self, doc: Document) -> str | None:
        """The country a dateline's region names ("MUKACHEVO, Ukraine -" -> UA)."""
        if doc.dateline is None or not doc.dateline.region:
            return None
        places = [p for p, _ in self.gazetteer.lookup(fold(doc.dateline.region))]
        countries = [p for p in places if p.kind == "country"]
        chosen = countries or sorted(places, key=lambda p: -p.population)
        return chosen[0].country_code if chosen else None

    def _alone(self, key: str, cands: tuple, first: Context) -> _Alone:
        """What a name says ranked alone (``rank(cands, first)``), remembered across
        documents.

        A first-pass context holds nothing but the dateline's country, so the ranking
        depends on the name and the ranker alone (``geomap.learn`` swaps rankers); it is
        reused while the gazetteer still gives the same candidates (tuples of the same
        cached places compare by identity, fast).
        """
        memo = (key, first.dateline_country, self.ranker)
        hit = self._first_ranks.get(memo)
        if hit is not None and hit[0] == cands:
            return hit[1]
        alone = _Alone.of(rank(cands, first, self.ranker))
        if len(self._first_ranks) >= FIRST_RANKS_KEPT:
            self._first_ranks.clear()
        self._first_ranks[memo] = (cands, alone)
        return alone

    def _demonym_votes(self, text: str) -> Counter[str]:
        """Countries the document's demonyms point at ("Israeli troops" -> IL)."""
        # map() over the cached fold, dict.get and filter keep the per-word work in C.
        codes = map(_country_demonyms().get, map(fold, _CAPITALISED.findall(text)))
        return Counter(filter(None, codes))


class _Alone(NamedTuple):
    """What a name says about its document when ranked alone (the first pass)."""

    #: From a clear winner: its country, first-level division and (a town) the anchor.
    country: str | None
    unit: tuple[str, str] | None
    anchor: Place | None
    #: Whether the winner is a country named outright.
    nation: bool
    #: Soft evidence from its likeliest readings (see :meth:`support`).
    unit_support: dict[tuple[str, str], float]
    country_support: dict[str, float]

    @classmethod
    def of(cls, ranked: list[tuple[Place, float]]) -> _Alone:
        """Read a first-pass ranking."""
        best, top = ranked[0]
        margin = top - ranked[1][1] if len(ranked) > 1 else ANCHOR_MARGIN
        # A country or first-level division named outright says where the story
        # is even when a namesake town keeps its margin small ("Virginia").
        broad = best.kind in ("country", "admin1")
        clear = broad or margin >= ANCHOR_MARGIN
        placed = clear and best.kind in ("city", "admin1", "admin2")
        units, countries = cls.support(ranked)
        return cls(
            country=best.country_code if clear and best.country_code else None,
            unit=(best.country_code or "", best.admin1) if placed and best.admin1 else None,
            anchor=best if placed and best.kind != "admin1" else None,
            nation=best.kind == "country",
            unit_support=units, country_support=countries)

    @staticmethod
    def support(ranked: list[tuple[Place, float]],
                ) -> tuple[dict[tuple[str, str], float], dict[str, float]]:
        """Soft evidence from every reading of a name, not just clear winners.

        "Maryville" alone could be in Tennessee or Missouri, but if "Blount County" and
        "Knoxville" could both be in Tennessee too, the Tennessee readings support each
        other.  Each name gives each first-level division (and country) the first-pass
        probability of its likeliest reading there.
        """
        top = ranked[0][1]
        weights = [math.exp(s - top) for _, s in ranked[:SUPPORT_READINGS]]
        total = sum(weights)
        units: dict[tuple[str, str], float] = {}
        countries: dict[str, float] = {}
        for (place, _), w in zip(ranked, weights, strict=False):  # top readings only
            cc = place.country_code
            if not cc:
                continue
            countries[cc] = max(countries.get(cc, 0.0), w / total)
            if place.admin1:
                units[(cc, place.admin1)] = max(units.get((cc, place.admin1), 0.0), w / total)
        return units, countries


class _Share(NamedTuple):
    """A name's share of its document's evidence (see :meth:`Resolver._without`)."""

    alone: _Alone
    mentions: int


@cache
def _country_demonyms() -> dict[str, str]:
    """Folded demonyms of countries -> ISO code (those of continents left out)."""
    return {k: code for k, code in demonyms().items() if len(code) == 2}


#: Words that mark a name as a first-level division's, after it ("Washington state",
#: "Hebei province", "Kherson region"; not "Ohio State", a team) or before it ("the state
#: of Washington", "states such as California or Washington").
_DIVISION_STEMS = ("state", "province", "oblast", "prefecture", "governorate", "region")
_LISTED = r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*,?\s+(?:and|or)\s+"
_DIVISION_WORDS = rf"(?:{'|'.join(_DIVISION_STEMS)})"
_DIVISION_AFTER = re.compile(rf"[ \t]+{_DIVISION_WORDS}\b(?![ \t]+(?:of|university|college)\b)")
#: A list follows only a plural ("the states of Colorado and Washington"; "the province of
#: Hebei and Beijing" is one province); "the 32 states of Mexico" names a country, which
#: :meth:`Resolver._cued_divisions` leaves alone.
_DIVISION_BEFORE = re.compile(
    rf"\b(?:{_DIVISION_WORDS}\s+of\s+|{_DIVISION_WORDS}s?\s+(?:such\s+as|like|including)\s+"
    rf"(?P<listed>{_LISTED})?|{_DIVISION_WORDS}s\s+of\s+(?P<after_of>{_LISTED})?)$")
_CONJUNCTION = re.compile(r"\b(?:and|or)\b")
#: A region's word after its name: "Burkina Faso's Sahel region".
_REGION_AFTER = re.compile(rf"[ \t]+(?:region|{_DIVISION_WORDS}|district|department|county)\b")
#: A list of counties' names: "Douglas, Sarpy and Lancaster counties".
_COUNTIES_AFTER = re.compile(r"[ \t]+(?P<word>counties|parishes)\b")
#: What separates the names of a list: "Georgia, Oklahoma, Pennsylvania and Wisconsin".
_LIST_GAP = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
#: A point of the compass, as in "west of", "north-east of".
COMPASS_POINT = r"(?:(?:north|south)(?:-?(?:east|west))?|east|west)"
#: What joins a street or landmark to the town it lies in: "Ritz Hotel in Paris",
#: "Hertford Road, Edmonton".
_LOCATED_IN = re.compile(
    r"(?:,|,?\s+(?:in|at|near|outside|off)(?:\s+the)?"
    # (with a word of where the holder lies: "in the southwestern Tillaberi region",
    # "in neighbouring Jonglei state")
    rf"(?:\s+(?:{COMPASS_POINT}(?:ern)?|central|neighbou?ring|nearby|restive|remote))?"
    # or its settlement noun: "Hurti, a village in", "Thayet Taw village in"
    r"|(?:,\s+an?(?:\s+[\w-]+){0,2})?\s+(?:village|town|township|hamlet|settlement|locality"
    r"|district)\s*,?\s+(?:in|near|outside)(?:\s+the)?(?:\s+(?:commune|district|municipality|county"
    r"|department|province|region|state)\s+of)?"
    # or which way it lies from it: "Um Sumeima, west of El Obeid", "Komanda, a town
    # south of Bunia"
    rf"|,\s+(?:an?\s+(?:[\w-]+\s+)?(?:town|village|city)\s+)?{COMPASS_POINT}\s+of(?:\s+the)?"
    # or how far it lies from it: "Ulang, about 30 km west of Nasir"
    r"|,?\s+(?:about\s+|some\s+|around\s+|roughly\s+)?\d+\s*(?:km|kilomet(?:re|er)s"
    r"|miles)(?:\s+\(\d+\s+(?:km|miles)\))?\s+(?:[a-z-]+\s+)?(?:of|from)(?:\s+the)?)\s+")
#: Kinds of place that may hold a street or landmark.
_HOLDERS = frozenset({"city", "admin2", "admin1", "region", "other"})


def _country_of_its_name(cands: tuple, best: Place) -> Place:
    """The country a name is the own name of, when the ranker chose a town of that
    country that has the name only as an alternate, or a division of it: "Mexico" in a
    story about Mexico City is still the country, and "Guatemala" beside Guatemala City
    is not its department."""
    flags = next(f for p, f in cands if p is best)
    if best.kind == "city" and flags & 3:
        return best
    return next((p for p, f in cands if f & 1 and p.kind == "country"
                 and p.country_code == best.country_code), best)


def _country_named(cands: tuple) -> bool:
    """Whether a name's candidates hold a country of that very name."""
    return any(flags & 1 and place.kind == "country" for place, flags in cands)


#: What a town's named part is called: "Kherson's Dniprovskyi district", "the Shejaiya
#: neighbourhood of Gaza City".
_PART_WORDS = (r"(?:district|neighbou?rhood|quarter|suburb|microdistrict|borough|township"
               r"|sector|refugee\s+camp)")
_PART_STEMS = ("district", "neighbo", "quarter", "suburb", "borough", "township", "sector",
               "camp", " Side", " End")
#: A town's part named by its side: "the South Side", "the Upper East Side", "the East End".
_SIDE = re.compile(r"(?:(?:Upper|Lower|Near|Far)\s+)?(?:North|South)?(?:[Ee]ast|[Ww]est)?"
                   r"(?<=\w)\s+(?:Side|End)")
_PART_AFTER_TOWN = re.compile(rf"\s+{_PART_WORDS}\b")
#: A town's area, told only after the town's possessive ("Dhaka's Rampura area"), and
#: near it (not Rangpur, 230 km off, for Rampura).
_AREA_AFTER = re.compile(r"\s+area\b")
#: Parts only a town has, which with no town named are the story's town's.
_TOWN_PART_AFTER = re.compile(r"\s+(?:neighbou?rhood|suburb|quarter|borough)\b")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
#: How a sentence introduces the town its districts are of: "In the southern city of
#: Kherson", "in Kherson" (not "the Federal Member for Kennedy").
_TOWN_INTRO = re.compile(r"\b(?:(?:city|town|capital)\s+of|[Ii]n)\s+$")
_PART_OF_TOWN = re.compile(rf"\s+{_PART_WORDS}\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?")
#: The "'s " between a town and its part (also read by ``geomap.events``).
POSSESSIVE_GAP = re.compile(r"['\u2019]s\s+")


def _parts(text: str, mentions: list[Mention],
           ) -> Iterator[tuple[int, Mention | None, float | None]]:
    """Each mention the text calls a part of a town: its index, the town's mention
    (None for a part named by its side alone, "the West Side": the story's town), and
    how far from the town a reading of the part may still be its own (None: only
    :data:`PART_KM`).  The town is named right before or after the part ("Kherson's
    Dniprovskyi district", "the Bani Matar district of Sanaa", "Chicago's South Side"),
    or earlier in its sentence ("In the city of Kherson, a drone hit a bus in the
    Dniprovskyi district").  A district's own reading within :data:`LOOSE_PART_KM`
    stays: a town's name may be its region's ("Kharkiv's Kupiansk district")."""
    if not any(map(text.__contains__, _PART_STEMS)) and not (
            " area" in text and ("'s " in text or "\u2019s " in text)):
        return  # (most texts: found in C; an area only after a town's possessive)
    for k, here in enumerate(mentions):
        side = _SIDE.fullmatch(here.span.text) is not None
        reach = None if side else LOOSE_PART_KM
        if k and POSSESSIVE_GAP.fullmatch(text, mentions[k - 1].span.end, here.span.start) and (
                side or _PART_AFTER_TOWN.match(text, here.span.end)
                or _AREA_AFTER.match(text, here.span.end)):
            town = mentions[k - 1]
            if not side and _AREA_AFTER.match(text, here.span.end):
                reach = None  # (an area is the town's own, no region's)
        elif side:
            yield k, None, None
            continue
        elif k + 1 < len(mentions) and _PART_OF_TOWN.fullmatch(
                text, here.span.end, mentions[k + 1].span.start):
            town = mentions[k + 1]
        elif text[max(0, here.span.start - 4):here.span.start].lower() == "the " and (
                _PART_AFTER_TOWN.match(text, here.span.end)):
            town = next((m for m in reversed(mentions[max(0, k - 8):k])
                         if m.place is not None and m.place.kind == "city"
                         and not _SENTENCE_END.search(text, m.span.end, here.span.start)
                         and _TOWN_INTRO.search(text, max(0, m.span.start - 30),
                                                m.span.start)), None)
            if town is None:
                if _TOWN_PART_AFTER.match(text, here.span.end):
                    yield k, None, None  # "the Bel Air neighborhood": of the story's town
                continue
        else:
            continue
        if town.place is not None and town.place.kind == "city" and not town.metonymic:
            yield k, town, reach


def _in_its_town(part: Mention, cands: tuple, town: Place) -> Mention:
    """``part``, a named part of ``town``, at its reading nearest the town if one lies
    within :data:`PART_KM`, else in the town itself: "Kherson's Dniprovskyi district"
    is no district of Kyiv."""
    if part.place is not None and haversine_km(
            part.place.lat, part.place.lon, town.lat, town.lon) <= PART_KM:
        return part
    near = min(((haversine_km(p.lat, p.lon, town.lat, town.lon), k, p)
                for k, (p, _) in enumerate(cands)), default=None)
    if near is not None and near[0] <= PART_KM:
        return Mention(part.span, near[2], CUED_CONFIDENCE, candidates=part.candidates)
    return Mention(part.span, town, FOCUS_CONFIDENCE, candidates=part.candidates)


def _near(where: Place, place: Place) -> bool:
    """Whether ``place`` lies in the division ``where``, or in the first-level division
    of the town ``where``."""
    if where.kind in ("admin1", "admin2", "region"):
        return contains(where, place)
    return where.kind == "city" and where.admin1 is not None and (
        (place.country_code, place.admin1) == (where.country_code, where.admin1))


#: A settlement noun after a name: "Hurti, a village", "Thayet Taw village".
SETTLEMENT_AFTER = re.compile(r"(?:,\s+an?(?:\s+[\w-]+){0,2})?\s+(?:village|town|township"
                              r"|hamlet)\b")


def _in_told_division(place: Place, ctx: Context) -> bool:
    """Whether ``place`` lies in a first-level division the document names, or in a
    country it names with none of that country's divisions."""
    if (place.country_code, place.admin1) in ctx.admin1s:
        return True
    return place.country_code in ctx.countries and not any(
        country == place.country_code for country, _ in ctx.admin1s)


def _settled(text: str, span: Span) -> bool:
    """Whether a settlement noun introduces ``span``: "the town of Kennedy", "Obama, a
    village", "Thayet Taw village"."""
    return (_SETTLEMENT_OF.search(text, max(0, span.start - 30), span.start) is not None
            or SETTLEMENT_AFTER.match(text, span.end) is not None)


def _abroad_but_located(text: str, mentions: list[Mention]) -> None:
    """Place in the division or country the text puts it in a settlement the ranker read
    as a namesake abroad: "the town of Kennedy in Ituri" is no Kennedy, Colombia, and
    "the village of Obama in Kenya's Siaya county" no Obama, Japan (a town the gazetteer
    lacks, in the place named after it)."""
    for k, m in enumerate(mentions):
        if m.place is None or m.metonymic or m.place.kind != "city" or not _settled(text, m.span):
            continue
        where = _located_by(text, mentions, k)
        if where is None or where.kind == "country" and POSSESSIVE_GAP.match(
                text, mentions[k + 1].span.end):
            continue  # ("the village of Urozhaine, Russia's defence ministry said")
        if where.country_code and m.place.country_code and (
                where.country_code != m.place.country_code):
            mentions[k] = Mention(m.span, where, LOCATED_CONFIDENCE, candidates=m.candidates)


def _introduced(text: str, spans: list[Span], keys: list[str], key: str) -> bool:
    """Whether a settlement noun introduces a mention of the name ``key``: "the town of
    Nizi" (:data:`_SETTLEMENT_OF`)."""
    return any(k == key and _SETTLEMENT_OF.search(text, max(0, span.start - 30), span.start)
               for span, k in zip(spans, keys, strict=True))


def _located_by(text: str, mentions: list[Mention], k: int) -> Place | None:
    """The place of the literal mention right after mention ``k`` if the text puts ``k``
    in it ("the Gansu Provincial Museum in Lanzhou"), or the region a country's
    possessive names ("the town of Waat in South Sudan's Jonglei state"), or else that
    country."""
    if k + 1 == len(mentions):
        return None
    here, there = mentions[k], mentions[k + 1]
    if (there.place is None or there.metonymic
            or there.place.kind not in _HOLDERS and there.place.kind != "country"
            or not _LOCATED_IN.fullmatch(text, here.span.end, there.span.start)):
        return None
    if k + 2 < len(mentions):
        after = mentions[k + 2]
        if (text[here.span.end : there.span.start].strip() == ","
                and _LIST_GAP.fullmatch(text, there.span.end, after.span.start)):
            return None  # a list goes on: "Elm Street, Oak Road, Brighton and Oxford"
        if (there.place.kind == "country" and after.place is not None
                and after.place.kind in _HOLDERS and not after.metonymic
                and after.place.country_code == there.place.country_code
                and POSSESSIVE_GAP.fullmatch(text, there.span.end, after.span.start)):
            return after.place
    return there.place


def _add(total: Counter, part: dict) -> None:
    """``total.update(part)`` for a mapping ``part``, without Counter.update's generic
    dispatch, which outweighs the additions for a name's few readings."""
    get = total.get
    for k, v in part.items():
        total[k] = v + get(k, 0)


def _minus(total: Counter, part: dict) -> Counter:
    """``total - part`` (positive counts only) for a ``part`` that is a share of
    ``total``: the total itself when there is nothing to take away, else a copy with
    only part's keys revisited."""
    if not part:
        return total
    # A bare Counter filled by dict.update: Counter(total) would take Counter.update's
    # generic path, four times slower, and a name's view is copied four times.
    out = Counter.__new__(Counter)
    dict.update(out, total)
    for k, v in part.items():
        d = out[k] - v
        if d > 0:
            out[k] = d
        else:
            out.pop(k, None)
    return out


def _stray(key: str, cands: tuple, ctx: Context, named: set[str | None]) -> bool:
    """Whether a name is most likely no place the gazetteer knows: only an alternate
    spelling of places (no own name, no curated alias), all in countries the document
    otherwise never points at, or towns far from every town it placed with confidence.
    ``named``: the countries the document's other names point at (demonyms alone are not
    enough: the attacker's nationality is no place of the story).

    "Boni" in a story about Mali is a village the gazetteer lacks, not Bonn; "Cobra" a
    committee, "Ismaili" a football club; "South Side" in a Chicago story is not
    Eltingville, New York.  Exonyms of capitals and big cities stay ("Kiev" in a story
    about Washington), as do short forms of the place's own name ("Quebec City" of
    Québec, "Clacton" of Clacton-on-Sea).
    """
    if not ctx.countries or not named - {None}:
        return False  # nothing to say where the story is: no other name placed it (a
        # people is no place: "Israeli troops raided Nuseirat")
    for place, flags in cands:
        if flags & 3 or not place.country_code:
            return False
        if place.country_code in ctx.countries and not (
                place.kind == "city" and ctx.anchors and all(
                    haversine_km(place.lat, place.lon, a.lat, a.lon) > STRAY_KM
                    for a in ctx.anchors)):
            return False
        if place.capital or place.population >= STRAY_POPULATION:
            return False
        name = f" {fold(place.name)} "
        if f" {key} " in name or name in f" {key} ":
            return False
    return True


#: Compass words that also name divisions and towns ("Eastern", Uganda; "Central",
#: Kentucky): most often an adjective ("Eastern traditions", "Western powers", "a
#: Northern state") or a time zone ("EST").
_COMPASS = frozenset(
    f"{word}{unit}"
    for word in ("north", "south", "east", "west", "northern", "southern", "eastern",
                 "western", "central", "centre", "center", "north east", "north west",
                 "south east", "south west", "northeast", "northwest", "southeast",
                 "southwest", "north eastern", "north western", "south eastern",
                 "south western", "est", "ouest", "nord", "sud")
    for unit in ("", " province", " region", " state"))


def _abroad(cands: tuple, ctx: Context, named: set[str | None]) -> bool:
    """Whether every reading of a name lies in a country the document does not point
    at, by its context or its other names (``named``, as for :func:`_stray`), when it
    points at one by a name (a people alone is no place of the story)."""
    return bool(ctx.countries) and bool(named - {None}) and all(
        place.country_code not in ctx.countries and place.country_code not in named
        for place, _ in cands)


#: What follows the name of an armed group, not a town's: "Fano militiamen", "a Fano
#: ambush" in an Ethiopian story (no Fano, Italy).
_GROUP_AFTER = re.compile(
    r"[ \t]+(?:militia\w*|militiam[ae]n|fighters|rebels|insurgents|gunmen|ambush(?:es)?"
    r"|offensive)\b")
#: A word of every :data:`_GROUP_AFTER` match: a text with none needs no search.
_GROUP_WORDS = ("militia", "fighters", "rebels", "insurgents", "gunmen", "ambush", "offensive")


def _grouped(text: str, spans: list[Span], keys: list[str]) -> frozenset[str]:
    """The keys of the names the text puts before an armed group's noun (see
    :data:`_GROUP_AFTER`)."""
    if not any(word in text for word in _GROUP_WORDS):
        return frozenset()
    return frozenset(k for span, k in zip(spans, keys, strict=True)
                     if _GROUP_AFTER.match(text, span.end))


#: Where the story happens, right before a name: "near Liwa", "the village of Mbamba"
#: (not a plain "in": "spent a week in Positano" in a story at home is a trip abroad).
_NEAR = re.compile(r"\b(?:near|outside|around|(?:village|town|hamlet|settlement|outskirts)"
                   r"\s+of)\s+(?:the\s+)?$", re.IGNORECASE)


#: A landmark's noun in lowercase right after a name: "Lido beach", "Bakara market";
#: or a local division's, which a town abroad does not have: "Kani township" in a
#: Myanmar story is no Kani, Japan.
_LANDMARK_AFTER = re.compile(
    r"[ \t]+(?:beach|market|marketplace|bazaar|camp|square|bridge|junction|roundabout"
    r"|checkpoint|crossing|neighbou?rhood|village|prison|jail"
    r"|air\s?base|airfield|harbou?r|dam|hotel|mosque|church|stadium|hospital"
    r"|township|district|sub-?district|tehsil|commune|municipality|local\s+government\s+area)s?\b")


#: A locative, or a verb taking a place, right before a name: "in Flachau", "at
#: Silverstone", "the village of", "residents of Be'eri", "had captured Robotyne".
_LOCATED = re.compile(
    r"\b(?:in|at|near|outside|around|into|(?:village|town|city|hamlet|settlement|residents"
    r"|outskirts|people)\s+of|captured|taken|took|seized|entered|reached|retook|recaptured"
    r"|overran|shelled|bombed)\s+(?:the\s+)?$", re.IGNORECASE)


_LOCAL_KINDS = frozenset({"city", "admin2", "other", "admin1"})


def _neighbours(names: dict[str, tuple]) -> dict[str, int]:
    """Per candidate place: how many of the document's other names have a reading
    within :data:`NEIGHBOUR_KM` of it.

    "Paris" and "Henry County" each have many readings, but only in Tennessee do two of
    them lie side by side: homonyms rarely cluster by chance.  Readings are bucketed in
    one-degree cells, so only pairs in neighbouring cells are measured: each cell with
    itself and the four cells after it, which visits every neighbouring pair once (the
    distance is symmetric).
    """
    if sum(1 for cands in names.values() if cands) < 2:
        return {}
    cells: dict[tuple[int, int], list[tuple[str, Place]]] = {}
    for key, cands in names.items():
        for p, _ in cands:
            if p.kind in _LOCAL_KINDS:
                cells.setdefault((math.floor(p.lat), math.floor(p.lon)), []).append((key, p))
    near: dict[tuple[str, str], set[str]] = {}  # (name, place id) -> other names near
    get = cells.get
    for (i, j), here in cells.items():
        if len(here) > 1:
            _pair_up(here, here, near)
        for there in (get((i, j + 1)), get((i + 1, j - 1)), get((i + 1, j)), get((i + 1, j + 1))):
            if there is not None:
                _pair_up(here, there, near)
    out: dict[str, int] = {}
    for (_, place_id), others in near.items():
        out[place_id] = max(out.get(place_id, 0), len(others))
    return out


def _pair_up(here: list[tuple[str, Place]], there: list[tuple[str, Place]],
             near: dict[tuple[str, str], set[str]]) -> None:
    """Record the readings of different names in two cells that are neighbours."""
    for key, p in here:
        for other, q in there:
            if other != key and haversine_km(p.lat, p.lon, q.lat, q.lon) <= NEIGHBOUR_KM:
                near.setdefault((key, p.id), set()).add(other)
                near.setdefault((other, q.id), set()).add(key)
