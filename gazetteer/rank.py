"""Score a name's candidate places in the context of one document.

The score is a linear model over evidence a reader would use: how big and important a
place is, how exactly its name matched, which countries the document is about (dateline,
other mentions) and how close it lies to the other places the document names.  The
weights are fitted on annotated news (``geomap.learn``) and shipped as
``gazetteer/data/ranker.json``; :data:`FEATURES` names what each weight multiplies.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import mul
from pathlib import Path

from gazetteer.model import Place
from gazetteer.text import fold, resembles

#: What the ranker looks at, in the order of a model's weights.
FEATURES = (
    "log_population",  # log10(population + 10); seas and regions count as a million
    "kind_continent", "kind_country", "kind_region", "kind_water",
    "kind_admin1", "kind_admin2", "kind_city", "kind_other",
    "own_name",  # the place's own name, not an alternate spelling
    "curated_alias",  # an alias from our curated list
    "capital",
    "in_doc_country",  # in a country the document names (or its demonyms point at)
    "doc_country_share",  # that country's share of the document's country evidence
    "in_dateline_country",
    "in_doc_admin1",  # "Athens" in a story that also names Texas towns
    "near_anchor",  # exp(-km / 400) to the nearest confidently placed town
    "near_anchor_local",  # exp(-km / 50): the same, for neighbouring towns
    "namesake_city",  # "Kherson": the city, not the oblast named after it
    "alternate_only",  # known by the name only as an alternate, when a country owns it
    "alternate_unlike",  # a town known by it only as an alternate unlike its own name,
    # when another town owns it ("Berea": Berea, Kentucky, not Aleppo)
    "anchors_near_share",  # share of the document's anchors within 300 km
    "admin1_mentions",  # log(1 + mentions of its first-level division in the document)
    "admin1_support",  # other names' likely readings in the same first-level division
    "country_support",  # other names' likely readings in the same country
    "named_neighbours",  # log(1 + other names with a reading within 50 km)
)
_INDEX = {name: k for k, name in enumerate(FEATURES)}
_KIND_INDEX = {name[5:]: k for name, k in _INDEX.items() if name.startswith("kind_")}
_POP = _INDEX["log_population"]
_OWN = _INDEX["own_name"]
_ALIAS = _INDEX["curated_alias"]
_CAPITAL = _INDEX["capital"]
_IN_COUNTRY = _INDEX["in_doc_country"]
_COUNTRY_SHARE = _INDEX["doc_country_share"]
_IN_DATELINE = _INDEX["in_dateline_country"]
_IN_ADMIN1 = _INDEX["in_doc_admin1"]
_NEAR = _INDEX["near_anchor"]
_LOCAL = _INDEX["near_anchor_local"]
_NAMESAKE = _INDEX["namesake_city"]
_ALTERNATE = _INDEX["alternate_only"]
_UNLIKE = _INDEX["alternate_unlike"]
_SHARE = _INDEX["anchors_near_share"]
_UNIT_COUNT = _INDEX["admin1_mentions"]
_UNIT_SUPPORT = _INDEX["admin1_support"]
_COUNTRY_SUPPORT = _INDEX["country_support"]
_NEIGHBOURS = _INDEX["named_neighbours"]
_WIDTH = len(FEATURES)
#: Kinds measured against the document's anchors.
_ANCHORED_KINDS = frozenset({"city", "admin1", "admin2", "other"})
#: log10 population assumed for seas, rivers and regions, which have no population:
#: the Red Sea is as well known as a city of a million, not as a hamlet.
UNCOUNTED = {"water": 6.0, "region": 6.0}
#: Not learned (no annotated text has them): a place the user taught us outranks any
#: namesake.
USER_PLACE = 20.0
NEAR_KM = 400.0
LOCAL_KM = 50.0
#: Shipped weights.
MODEL_PATH = Path(__file__).with_name("data") / "ranker.json"

EARTH_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Model:
    """A linear ranker: one weight per name in :data:`FEATURES`."""

    weights: tuple[float, ...]
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES):
            raise ValueError(f"ranker model has {len(self.weights)} weights, "
                             f"{len(FEATURES)} features expected")
        if not all(map(math.isfinite, self.weights)):  # inf * a zero feature is NaN
            raise ValueError("ranker model weights must be finite numbers")

    def score(self, row: Sequence[float]) -> float:
        return self.scores((row,))[0]

    def scores(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """:meth:`score` of each row, with one method call for a name's candidates."""
        weights = self.weights
        for row in rows:
            if len(row) != len(weights):
                raise ValueError(f"row has {len(row)} features, {len(weights)} expected")
        # map(mul) runs in C; the zero terms it adds leave a float sum unchanged.
        return [sum(map(mul, weights, row)) for row in rows]

    @classmethod
    def read(cls, path: str | Path) -> Model:
        """A model saved by :meth:`write` (features matched by name)."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        named = dict(zip(data["features"], data["weights"], strict=True))
        missing = set(FEATURES) - set(named)
        if missing:
            raise ValueError(f"{path}: ranker model lacks weights for {sorted(missing)}")
        meta = {k: v for k, v in data.items() if k not in ("features", "weights")}
        return cls(tuple(float(named[f]) for f in FEATURES), meta)

    def to_json(self) -> str:
        return json.dumps({**self.meta, "features": list(FEATURES),
                           "weights": [round(w, 4) for w in self.weights]}, indent=1) + "\n"


@cache
def default_model() -> Model:
    """The shipped model."""
    return Model.read(MODEL_PATH)


@dataclass
class Context:
    """What the document tells about where it is."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[tuple[str, str]] = field(default_factory=Counter)
    dateline_country: str | None = None
    anchors: list[Place] = field(default_factory=list)
    #: Soft support: per first-level division / country, summed over the document's
    #: names, the probability of each name's likeliest reading there.
    #: (Counters of float sums, not of counts.)
    admin1_support: dict[tuple[str, str], float] = field(default_factory=Counter)
    country_support: dict[str, float] = field(default_factory=Counter)
    #: Per place id, how many other names of the document have a reading near it.
    neighbours: dict[str, int] = field(default_factory=dict)
    _points: tuple = field(default=(), repr=False, compare=False)

    def anchor_points(self) -> tuple[tuple[str, float, float, float], ...]:
        """Anchors as (id, lat and lon in radians, cos lat), recomputed when they change."""
        if len(self._points) != len(self.anchors) or (
                self.anchors and self._points[-1][0] != self.anchors[-1].id):
            self._points = tuple(
                (a.id, math.radians(a.lat), math.radians(a.lon), math.cos(math.radians(a.lat)))
                for a in self.anchors)
        return self._points


_SHARE_A = math.sin(300.0 / EARTH_KM / 2) ** 2


def _nearest_km(place: Place, points: tuple) -> tuple[float | None, float]:
    """Distance to the nearest anchor other than ``place`` itself (haversine, km), and
    the share of those anchors within 300 km."""
    lat, lon = math.radians(place.lat), math.radians(place.lon)
    cos_lat = math.cos(lat)
    sin, own = math.sin, place.id
    best = None
    near = total = 0
    for pid, alat, alon, acos in points:
        if pid == own:
            continue
        a = sin((alat - lat) / 2) ** 2 + cos_lat * acos * sin((alon - lon) / 2) ** 2
        total += 1
        near += a <= _SHARE_A
        if best is None or a < best:
            best = a
    if best is None:
        return None, 0.0
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(best))), near / total


def features(place: Place, flags: int, ctx: Context, country_total: int | None = None,
             points: tuple | None = None) -> list[float]:
    """The evidence for ``place`` on its own, as a row over :data:`FEATURES`.

    The two features that compare a candidate with its rivals (``namesake_city``,
    ``alternate_only``) are left 0 here; :func:`feature_rows` sets them, and passes
    ``country_total`` (the sum of ``ctx.countries``) and ``points``
    (``ctx.anchor_points()``) so they are found once per name.  Features that are 0
    are left at the row's 0.0 (``log1p(0)`` is 0.0 too).
    """
    row = [0.0] * _WIDTH
    kind = place.kind
    if place.population or kind not in UNCOUNTED:
        row[_POP] = math.log10(place.population + 10)
    else:
        row[_POP] = UNCOUNTED[kind]
    k = _KIND_INDEX.get(kind)
    if k is not None:
        row[k] = 1.0
    if flags & 1:
        row[_OWN] = 1.0
    if flags & 2:
        row[_ALIAS] = 1.0
    if place.capital:
        row[_CAPITAL] = 1.0
    if ctx.neighbours:
        neighbours = ctx.neighbours.get(place.id)
        if neighbours:
            row[_NEIGHBOURS] = math.log1p(neighbours)
    cc = place.country_code
    if cc:
        _country_features(row, cc, place.admin1, kind, ctx, country_total)
    if ctx.anchors and kind in _ANCHORED_KINDS:
        nearest, share = _nearest_km(place, ctx.anchor_points() if points is None else points)
        row[_SHARE] = share
        if nearest is not None:
            row[_NEAR] = math.exp(-nearest / NEAR_KM)
            row[_LOCAL] = math.exp(-nearest / LOCAL_KM)
    return row


def _country_features(row: list[float], cc: str, admin1: str | None, kind: str,
                      ctx: Context, country_total: int | None) -> None:
    """Fill in what the document says about the place's country and first-level
    division."""
    mentions = ctx.countries.get(cc)
    if mentions:
        row[_IN_COUNTRY] = 1.0
        if country_total is None:
            country_total = sum(ctx.countries.values())
        row[_COUNTRY_SHARE] = mentions / country_total
    if cc == ctx.dateline_country:
        row[_IN_DATELINE] = 1.0
    support = ctx.country_support.get(cc)
    if support:
        row[_COUNTRY_SUPPORT] = math.log1p(support)
    if admin1:
        unit = (cc, admin1)
        support = ctx.admin1_support.get(unit)
        if support:
            row[_UNIT_SUPPORT] = math.log1p(support)
        count = ctx.admin1s.get(unit)
        if count:
            row[_UNIT_COUNT] = math.log1p(count)
            if kind != "admin1":
                row[_IN_ADMIN1] = 1.0


def feature_rows(candidates: Sequence[tuple[Place, int]], ctx: Context) -> list[list[float]]:
    """One row per candidate, including how it compares with the other candidates."""
    named_units = {(p.country_code, p.admin1) for p, _ in candidates
                   if p.kind in ("admin1", "admin2")}
    # "Mexico" is the country's own name and only an alternate of Mexico City: a
    # country or continent called exactly this beats places merely also called so.
    own_broad = any(flags & 3 and p.kind in ("country", "continent") for p, flags in candidates)
    owned = next((fold(p.name) for p, flags in candidates if flags & 1 and p.kind == "city"),
                 None)
    total = sum(ctx.countries.values())
    points = ctx.anchor_points()
    rows = []
    for p, flags in candidates:
        row = features(p, flags, ctx, total, points)
        if p.kind == "city" and (p.country_code, p.admin1) in named_units:
            row[_NAMESAKE] = 1.0
        if not flags & 3:
            if own_broad:
                row[_ALTERNATE] = 1.0
            if owned is not None and p.kind == "city" and not resembles(owned, fold(p.name)):
                row[_UNLIKE] = 1.0
        rows.append(row)
    return rows


def rank(candidates: Sequence[tuple[Place, int]], ctx: Context,
         model: Model | None = None) -> list[tuple[Place, float]]:
    """Candidates best first, each with its score."""
    model = model or default_model()
    scores = model.scores(feature_rows(candidates, ctx))
    scored = [(p, score + (USER_PLACE if flags & 4 else 0.0))
              for (p, flags), score in zip(candidates, scores, strict=True)]
    scored.sort(key=lambda ps: (-ps[1], -ps[0].population, ps[0].id))
    return scored


#: How much ground a kind of place covers among places of one geo_precision.
_BREADTH = {"admin1": 1, "region": 1}


def finer(place: Place, than: Place) -> bool:
    """Whether ``place`` tells more exactly where than ``than`` does: a town than a
    division, a second-level division (or a village named within one) than a first-level
    one or a region."""
    if place.geo_precision != than.geo_precision:
        return place.geo_precision < than.geo_precision
    return _BREADTH.get(place.kind, 0) < _BREADTH.get(than.kind, 0)


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
        return inner.kind in ("city", "admin2", "other", "approximate") and (
            inner.admin1 == outer.admin1)
    return False
