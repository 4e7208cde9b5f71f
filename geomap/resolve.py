"""Turn toponym spans into Mentions: pick each span's place in document context."""

from __future__ import annotations

import math
import re
from collections import Counter

from gazetteer.model import Place
from gazetteer.rank import Context, rank
from gazetteer.store import Gazetteer
from gazetteer.text import fold
from geomap.model import Document, Mention, Span

ANCHOR_MARGIN = 1.5  # a mention this far ahead of its runner-up anchors the others

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
_WORD = re.compile(r"[A-Za-z]+")


def is_metonymic(text: str, span: Span, place: Place) -> bool:
    """Whether a country or capital mention stands for its government, not the place."""
    if not (place.capital or place.kind == "country"):
        return False
    after = text[span.end : span.end + 40]
    possessive = after.startswith(("'s", "’s"))
    words = _WORD.findall(after[2:] if possessive else after)
    if words:
        if possessive and words[0].lower() in _GOVERNMENT_NOUNS:
            return True
        if not possessive and words[0].lower() in _ACTOR_VERBS:
            return True
    before = _WORD.findall(text[max(0, span.start - 30) : span.start])
    return len(before) >= 2 and before[-1].lower() == "from" and before[-2].lower() in _FROM_NOUNS


class Resolver:
    """Places each span, using the whole document as context (two passes).

    The first pass ranks every span alone; clear winners then tell which countries the
    document is about and anchor the map, and the second pass ranks again with that.
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def resolve(self, doc: Document, spans: list[Span]) -> list[Mention]:
        candidates = [self.gazetteer.lookup(fold(s.text)) for s in spans]
        ctx = self._context(doc, candidates)
        mentions = []
        for span, cands in zip(spans, candidates, strict=True):
            if not cands:
                mentions.append(Mention(span, None, 0.0))
                continue
            ranked = rank(cands, ctx)
            best, top = ranked[0]
            runner = ranked[1][1] if len(ranked) > 1 else top - 3.0
            confidence = round(1.0 / (1.0 + math.exp(-(top - runner))), 3)
            mentions.append(Mention(span, best, confidence,
                                    metonymic=is_metonymic(doc.text, span, best),
                                    candidates=len(ranked)))
        return mentions

    def _context(self, doc: Document, candidates: list) -> Context:
        ctx = Context()
        if doc.dateline is not None and doc.dateline.region:
            places = [p for p, _ in self.gazetteer.lookup(fold(doc.dateline.region))]
            countries = [p for p in places if p.kind == "country"]
            chosen = countries or sorted(places, key=lambda p: -p.population)
            if chosen:
                ctx.dateline_country = chosen[0].country_code
        first = Context(dateline_country=ctx.dateline_country)
        votes: Counter[str] = Counter()
        for cands in candidates:
            if not cands:
                continue
            ranked = rank(cands, first)
            best, top = ranked[0]
            margin = top - ranked[1][1] if len(ranked) > 1 else ANCHOR_MARGIN
            if best.country_code and (best.kind == "country" or margin >= ANCHOR_MARGIN):
                votes[best.country_code] += 1
            if margin >= ANCHOR_MARGIN and best.kind in ("city", "admin1"):
                ctx.anchors.append(best)
        ctx.countries = votes
        return ctx
