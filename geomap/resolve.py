"""Turn toponym spans into Mentions: pick each span's place in document context."""

from __future__ import annotations

import math
import re
from collections import Counter

from gazetteer.model import Place
from gazetteer.rank import Context, Model, contains, feature_rows, haversine_km, rank
from gazetteer.store import Gazetteer
from gazetteer.text import fold
from geomap.model import Document, Mention, Span
from geomap.recognize import demonyms

ANCHOR_MARGIN = 1.5  # a mention this far ahead of its runner-up anchors the others
FOCUS_CONFIDENCE = 0.2  # an unknown street or landmark placed in the story's main town
NEIGHBOUR_KM = 50.0  # another name's reading this close makes two readings neighbours
SUPPORT_READINGS = 10  # a name's likeliest readings that lend support (see _add_support)
FIRST_RANKS_KEPT = 50_000  # first-pass rankings remembered across documents

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
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?\b")


def is_metonymic(text: str, span: Span, place: Place) -> bool:
    """Whether a country or capital mention stands for its government, not the place."""
    if not (place.capital or place.kind == "country"):
        return False
    before = _WORD.findall(text[max(0, span.start - 30) : span.start])
    if before and before[-1].lower() in _LOCATIVES:
        return False  # "officials in Doha said": the verb belongs to the officials
    after = text[span.end : span.end + 40]
    possessive = after.startswith(("'s", "’s"))
    word = _WORD.search(after[2:] if possessive else after)  # only the next word counts
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
        self._first_ranks: dict[tuple[str, str | None, Model | None], tuple[tuple, list]] = {}

    def _evidence(self, doc: Document, spans: list[Span]):
        """Each span's name key and candidates, the document context, and what
        "City, Region" pairs decided."""
        keys = [fold(s.text) for s in spans]
        dem = demonyms()
        candidates = [self._demonym(dem[k]) if k in dem else self.gazetteer.lookup(k)
                      for k in keys]
        ctx, own = self._context(doc, keys, candidates)
        forced = self._pairs(doc.text, spans, candidates, ctx)
        for _, place in sorted(forced.items()):
            self._add_evidence(ctx, place)
        return keys, candidates, ctx, own, forced

    def candidate_features(self, doc: Document, spans: list[Span]) -> list[tuple[list, list]]:
        """Per span, its candidate places and their feature rows as the ranker sees them
        (what ``geomap.learn`` fits the ranker on)."""
        keys, candidates, ctx, own, _ = self._evidence(doc, spans)
        return [([p for p, _ in cands], feature_rows(cands, self._without(ctx, own.get(key))))
                for key, cands in zip(keys, candidates, strict=True)]

    def resolve(self, doc: Document, spans: list[Span]) -> list[Mention]:
        keys, candidates, ctx, own, forced = self._evidence(doc, spans)
        dem = demonyms()
        by_name: dict[str, Place] = {}
        for k, place in sorted(forced.items()):
            by_name.setdefault(keys[k], place)
        mentions = []
        ranked_by_key: dict[str, list] = {}
        for k, (span, cands) in enumerate(zip(spans, candidates, strict=True)):
            if not cands:
                mentions.append(Mention(span, None, 0.0))
                continue
            ranked = ranked_by_key.get(keys[k])
            if ranked is None:
                ranked = rank(cands, self._without(ctx, own.get(keys[k])), self.ranker)
                ranked_by_key[keys[k]] = ranked
            best, top = ranked[0]
            runner = ranked[1][1] if len(ranked) > 1 else top - 3.0
            confidence = 1.0 / (1.0 + math.exp(-(top - runner)))
            chosen = forced.get(k) or by_name.get(keys[k])
            if chosen is not None:
                best, confidence = chosen, max(confidence, 0.9)
            literal = keys[k] not in dem
            mentions.append(Mention(
                span, best, round(confidence, 3),
                metonymic=not literal or is_metonymic(doc.text, span, best),
                candidates=len(ranked)))
        focus = self._focus(mentions)
        if focus is not None:
            for k, m in enumerate(mentions):
                if m.place is None:
                    # A street or landmark the gazetteer does not know lies, most
                    # likely, in the town the story is about.
                    mentions[k] = Mention(m.span, focus, FOCUS_CONFIDENCE)
        return mentions

    @staticmethod
    def _focus(mentions: list[Mention]) -> Place | None:
        """The most-mentioned literal town of the document (else region, else country)."""
        for kinds in (("city", "admin2"), ("admin1", "region"), ("country",)):
            counts = Counter(m.place.id for m in mentions
                             if m.place is not None and not m.metonymic
                             and m.place.kind in kinds)
            if counts:
                best = counts.most_common(1)[0][0]
                return next(m.place for m in mentions if m.place and m.place.id == best)
        return None

    def _demonym(self, target: str) -> tuple[tuple[Place, int], ...]:
        """The country (ISO code) or continent (name) a demonym stands for."""
        if len(target) == 2 and target.isupper():
            country = self.gazetteer.country(target)
            return ((country, 1),) if country is not None else ()
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
            inner = rank(candidates[k], ctx, self.ranker)
            outer = [(p, sc) for p, sc in rank(candidates[k + 1], ctx, self.ranker)
                     if p.kind in ("country", "admin1", "admin2")]
            best = None
            for o, so in outer:
                for i, si in inner:
                    if contains(o, i) and (best is None or si + so > best[0]):
                        best = (si + so, i, o)
            if best is not None:
                forced[k] = best[1]
                forced.setdefault(k + 1, best[2])
        return forced

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
    def _without(ctx: Context, own: Context | None) -> Context:
        """The document's evidence less what a name's own mentions contributed.

        "Alexandria" must not vote Egypt for itself: only the other names (Virginia,
        Van Dorn Street's neighbours) may say which Alexandria this is.
        """
        if own is None:
            return ctx
        mine = {a.id for a in own.anchors}
        return Context(countries=_minus(ctx.countries, own.countries),
                       admin1s=_minus(ctx.admin1s, own.admin1s),
                       admin1_support=_minus(ctx.admin1_support, own.admin1_support),
                       country_support=_minus(ctx.country_support, own.country_support),
                       dateline_country=ctx.dateline_country,
                       neighbours=ctx.neighbours,
                       anchors=[a for a in ctx.anchors if a.id not in mine])

    def _context(self, doc: Document, keys: list[str],
                 candidates: list) -> tuple[Context, dict[str, Context]]:
        """Document evidence from clear first-pass winners, and each name's share of it."""
        ctx = Context()
        if doc.dateline is not None and doc.dateline.region:
            places = [p for p, _ in self.gazetteer.lookup(fold(doc.dateline.region))]
            countries = [p for p in places if p.kind == "country"]
            chosen = countries or sorted(places, key=lambda p: -p.population)
            if chosen:
                ctx.dateline_country = chosen[0].country_code
        first = Context(dateline_country=ctx.dateline_country)
        ctx.countries.update(self._demonym_votes(doc.text))
        own: dict[str, Context] = {}
        first_ranks: dict[str, list] = {}
        for key, cands in zip(keys, candidates, strict=True):
            if not cands:
                continue
            ranked = first_ranks.get(key)
            if ranked is None:
                ranked = first_ranks[key] = self._first_rank(key, cands, first)
            best, top = ranked[0]
            margin = top - ranked[1][1] if len(ranked) > 1 else ANCHOR_MARGIN
            mine = own.get(key)
            if mine is None:  # not setdefault: a Context is four Counters to build
                mine = own[key] = Context()
            # A country or first-level division named outright says where the story
            # is even when a namesake town keeps its margin small ("Virginia").
            broad = best.kind in ("country", "admin1")
            if best.country_code and (broad or margin >= ANCHOR_MARGIN):
                ctx.countries[best.country_code] += 1
                mine.countries[best.country_code] += 1
            if (margin >= ANCHOR_MARGIN or broad) and best.kind in ("city", "admin1", "admin2"):
                if best.admin1:
                    unit = (best.country_code or "", best.admin1)
                    ctx.admin1s[unit] += 1
                    mine.admin1s[unit] += 1
                if best.kind != "admin1":
                    ctx.anchors.append(best)
                    mine.anchors.append(best)
        for key, ranked in first_ranks.items():
            self._add_support(ctx, own[key], ranked)
        ctx.neighbours = _neighbours(keys, candidates)
        ctx.anchors = list({a.id: a for a in ctx.anchors}.values())  # each place once
        return ctx, own

    def _first_rank(self, key: str, cands: tuple, first: Context) -> list:
        """``rank(cands, first)``, remembered across documents.

        A first-pass context holds nothing but the dateline's country, so the ranking
        depends on the name and the ranker alone (``geomap.learn`` swaps rankers); it is
        reused while the gazetteer still gives the same candidates (tuples of the same
        cached places compare by identity, fast).
        """
        memo = (key, first.dateline_country, self.ranker)
        hit = self._first_ranks.get(memo)
        if hit is not None and hit[0] == cands:
            return hit[1]
        ranked = rank(cands, first, self.ranker)
        if len(self._first_ranks) >= FIRST_RANKS_KEPT:
            self._first_ranks.clear()
        self._first_ranks[memo] = (cands, ranked)
        return ranked

    @staticmethod
    def _add_support(ctx: Context, mine: Context, ranked: list) -> None:
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
        for target in (ctx, mine):
            target.admin1_support.update(units)
            target.country_support.update(countries)

    def _demonym_votes(self, text: str) -> Counter[str]:
        """Countries the document's demonyms point at ("Israeli troops" -> IL)."""
        # map() over the cached fold and dict.get keeps the per-word work in C.
        targets = map(demonyms().get, map(fold, _CAPITALISED.findall(text)))
        return Counter(t for t in targets if t and len(t) == 2)


def _minus(total: Counter, part: Counter) -> Counter:
    """``total - part`` (positive counts only), as one dict comprehension: Counter's
    own subtraction runs a Python loop with a method call per key."""
    get = part.get
    return Counter({k: d for k, v in total.items() if (d := v - get(k, 0)) > 0})


_LOCAL_KINDS = frozenset({"city", "admin2", "other", "admin1"})


def _neighbours(keys: list[str], candidates: list) -> dict[str, int]:
    """Per candidate place: how many of the document's other names have a reading
    within :data:`NEIGHBOUR_KM` of it.

    "Paris" and "Henry County" each have many readings, but only in Tennessee do two of
    them lie side by side: homonyms rarely cluster by chance.  Readings are bucketed in
    one-degree cells, so only nearby pairs are measured.
    """
    cells: dict[tuple[int, int], list[tuple[str, Place]]] = {}
    readings: list[tuple[str, Place, int, int]] = []
    seen: set[str] = set()
    for key, cands in zip(keys, candidates, strict=True):
        if key in seen or not cands:
            continue
        seen.add(key)
        for p, _ in cands:
            if p.kind in _LOCAL_KINDS:
                i, j = math.floor(p.lat), math.floor(p.lon)
                cells.setdefault((i, j), []).append((key, p))
                readings.append((key, p, i, j))
    if len(seen) < 2:
        return {}
    out: dict[str, int] = {}
    for key, p, i, j in readings:
        names: set[str] = set()
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for other, q in cells.get((i + di, j + dj), ()):
                    if other != key and other not in names and haversine_km(
                            p.lat, p.lon, q.lat, q.lon) <= NEIGHBOUR_KM:
                        names.add(other)
        if names:
            out[p.id] = max(out.get(p.id, 0), len(names))
    return out
