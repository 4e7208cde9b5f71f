"""Score a name's candidate places in the context of one document.

The score adds evidence a reader would use: how big and important a place is, how
exactly its name matched, which countries the document is about (dateline, other
mentions) and how close it lies to the other places the document names.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from gazetteer.model import Place

#: Prior by kind: a bare name of a country or region usually means that, not a
#: namesake village; a city beats the admin1 unit it gives its name to.
KIND_PRIOR = {
    "continent": 3.0,
    "country": 3.0,
    "region": 2.5,
    "water": 2.5,
    "admin1": 0.8,
    "city": 1.2,
    "admin2": 0.5,
    "other": 0.5,
}
#: log10 population assumed for seas, rivers and regions, which have no population:
#: the Red Sea is as well known as a city of a million, not as a hamlet.
UNCOUNTED = {"water": 6.0, "region": 6.0}
OWN_NAME = 1.0  # the place's own name (not an alternate spelling)
CURATED_ALIAS = 1.5
USER_PLACE = 20.0  # a place the user taught us outranks any namesake
CAPITAL = 1.5
IN_DOC_COUNTRY = 2.5
IN_DATELINE_COUNTRY = 1.5
IN_DOC_ADMIN1 = 2.0  # "Athens" in a story that also names Texas towns
NEAR_ANCHOR = 2.0
NEAR_KM = 400.0
NAMESAKE_CITY = 2.0  # "Kherson": the city, not the oblast named after it
ALTERNATE_ONLY = 5.0  # known by the name only as an alternate, when a country owns it


EARTH_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Context:
    """What the document tells about where it is."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[tuple[str, str]] = field(default_factory=Counter)
    dateline_country: str | None = None
    anchors: list[Place] = field(default_factory=list)
    _points: tuple = field(default=(), repr=False, compare=False)

    def anchor_points(self) -> tuple[tuple[str, float, float, float], ...]:
        """Anchors as (id, lat and lon in radians, cos lat), recomputed when they change."""
        if len(self._points) != len(self.anchors) or (
                self.anchors and self._points[-1][0] != self.anchors[-1].id):
            self._points = tuple(
                (a.id, math.radians(a.lat), math.radians(a.lon), math.cos(math.radians(a.lat)))
                for a in self.anchors)
        return self._points


def _nearest_km(place: Place, points: tuple) -> float | None:
    """Distance to the nearest anchor other than ``place`` itself (haversine, km)."""
    lat, lon = math.radians(place.lat), math.radians(place.lon)
    cos_lat = math.cos(lat)
    best = None
    for pid, alat, alon, acos in points:
        if pid == place.id:
            continue
        a = math.sin((alat - lat) / 2) ** 2 + cos_lat * acos * math.sin((alon - lon) / 2) ** 2
        if best is None or a < best:
            best = a
    if best is None:
        return None
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(best)))


def score(place: Place, flags: int, ctx: Context) -> float:
    """Evidence for ``place`` being meant; higher is better."""
    if place.population or place.kind not in UNCOUNTED:
        s = math.log10(place.population + 10)
    else:
        s = UNCOUNTED[place.kind]
    s += KIND_PRIOR.get(place.kind, 0.0)
    if flags & 1:
        s += OWN_NAME
    if flags & 2:
        s += CURATED_ALIAS
    if flags & 4:
        s += USER_PLACE
    if place.capital:
        s += CAPITAL
    cc = place.country_code
    if cc and place.kind != "country":
        if ctx.countries.get(cc):
            s += IN_DOC_COUNTRY
        if cc == ctx.dateline_country:
            s += IN_DATELINE_COUNTRY
        if place.admin1 and place.kind != "admin1" and ctx.admin1s.get((cc, place.admin1)):
            s += IN_DOC_ADMIN1
    if ctx.anchors and place.kind in ("city", "admin1", "admin2", "other"):
        nearest = _nearest_km(place, ctx.anchor_points())
        if nearest is not None:
            s += NEAR_ANCHOR * math.exp(-nearest / NEAR_KM)
    return s


def rank(candidates: Sequence[tuple[Place, int]], ctx: Context) -> list[tuple[Place, float]]:
    """Candidates best first, each with its score."""
    named_units = {(p.country_code, p.admin1) for p, _ in candidates
                   if p.kind in ("admin1", "admin2")}
    # "Mexico" is the country's own name and only an alternate of Mexico City: a
    # country or continent called exactly this beats places merely also called so.
    own_broad = any(flags & 3 and p.kind in ("country", "continent") for p, flags in candidates)
    scored = [
        (p, score(p, flags, ctx)
         + (NAMESAKE_CITY if p.kind == "city" and (p.country_code, p.admin1) in named_units
            else 0.0)
         - (ALTERNATE_ONLY if own_broad and not flags & 3 else 0.0))
        for p, flags in candidates
    ]
    scored.sort(key=lambda ps: (-ps[1], -ps[0].population, ps[0].id))
    return scored


def contains(outer: Place, inner: Place) -> bool:
    """Whether ``inner`` lies in the country or first-level division ``outer``.

    Second-level divisions only know their first-level parent, so "Springfield, Sangamon
    County" is checked at that level.
    """
    if outer.id == inner.id or not inner.country_code or outer.country_code != inner.country_code:
        return False
    if outer.kind == "country":
        return inner.kind != "country"
    if outer.kind in ("admin1", "admin2"):
        return inner.kind in ("city", "admin2", "other") and inner.admin1 == outer.admin1
    return False
