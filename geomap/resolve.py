"""Turn toponym spans into Mentions: pick each span's place in document context."""

from __future__ import annotations

import math
import re
from collections import Counter

from gazetteer.model import Place
from gazetteer.rank import Context, contains, rank
from gazetteer.store import Gazetteer
from gazetteer.text import fold
from geomap.model import Document, Mention, Span
from geomap.recognize import demonyms

ANCHOR_MARGIN = 1.5  # a mention this far ahead of its runner-up anchors the others
FOCUS_CONFIDENCE = 0.2  # an unknown street or landmark placed in the story's main town

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
    words = _WORD.findall(after[2:] if possessive else after)
    if words:
        if possessive and words[0].lower() in _GOVERNMENT_NOUNS:
            return True
        if not possessive and words[0].lower() in _ACTOR_VERBS:
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

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def resolve(self, doc: Document, spans: list[Span]) -> list[Mention]:
        keys = [fold(s.text) for s in spans]
        dem = demonyms()
        candidates = [self._demonym(dem[k]) if k in dem else self.gazetteer.lookup(k)
                      for k in keys]
        ctx, own = self._context(doc, keys, candidates)
        forced = self._pairs(doc.text, spans, candidates, ctx)
        by_name: dict[str, Place] = {}
        for k, place in sorted(forced.items()):
            by_name.setdefault(keys[k], place)
            self._add_evidence(ctx, place)
        mentions = []
        ranked_by_key: dict[str, list] = {}
        for k, (span, cands) in enumerate(zip(spans, candidates, strict=True)):
            if not cands:
                mentions.append(Mention(span, None, 0.0))
                continue
            ranked = ranked_by_key.get(keys[k])
            if ranked is None:
                ranked = rank(cands, self._without(ctx, own.get(keys[k])))
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
            inner = rank(candidates[k], ctx)
            outer = [(p, sc) for p, sc in rank(candidates[k + 1], ctx)
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
        return Context(countries=ctx.countries - own.countries,
                       admin1s=ctx.admin1s - own.admin1s,
                       dateline_country=ctx.dateline_country,
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
                ranked = first_ranks[key] = rank(cands, first)
            best, top = ranked[0]
            margin = top - ranked[1][1] if len(ranked) > 1 else ANCHOR_MARGIN
            mine = own.setdefault(key, Context())
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
        ctx.anchors = list({a.id: a for a in ctx.anchors}.values())  # each place once
        return ctx, own

    def _demonym_votes(self, text: str) -> Counter[str]:
        """Countries the document's demonyms point at ("Israeli troops" -> IL)."""
        dem = demonyms()
        votes: Counter[str] = Counter()
        for m in _CAPITALISED.finditer(text):
            target = dem.get(fold(m.group()))
            if target and len(target) == 2:
                votes[target] += 1
        return votes
