"""``GazetteerGeocoder``: the embedded gazetteer behind geopy's geocoder interface.

Offline, no API key, no rate limit::

    from gazetteer.geocoder import GazetteerGeocoder
    geocoder = GazetteerGeocoder()
    geocoder.geocode("Mariupol, Donetsk Oblast")  # Mariupol, Donetska oblast, Ukraine
    geocoder.reverse((46.64, 32.61))               # the populated place there: Kherson

    import geopandas
    geopandas.tools.geocode(names, provider=GazetteerGeocoder)            # kwargs go to __init__
    geopandas.tools.reverse_geocode(points, provider=GazetteerGeocoder)

How a query is read (first step that yields a place wins):

1. the whole text as one name, folded (case, accents, hyphens: :func:`gazetteer.text.fold`)
   against every GeoNames spelling (``Kiev``, ``Київ``, ``Odessa``, ``UK``);
2. ``NAME, QUALIFIER[, QUALIFIER...]``: each qualifier is a country (name or ISO code),
   a first-level division (``Donetsk Oblast``, ``Texas``), a district or region, or an
   admin1 code (``TX``); only places inside every qualifier are kept, and the
   qualifiers' countries count as context when ranking;
3. spelling variants: ``St.`` / ``Saint``, ``Mt`` / ``Mount``, ``Ft`` / ``Fort``,
   dropped periods, apostrophes, a leading ``The`` or ``City of``, a trailing ``city``;
4. fuzzy matching (:mod:`gazetteer.fuzzy`) for typos, scored 0..100: ``Mariupl`` finds
   Mariupol with score 93.  ``min_score`` (default 80) is the threshold;
5. if a ``fallback`` geocoder is configured (off by default), it is asked, rate-limited
   and cached (:mod:`gazetteer.fallback`).

Each result's ``raw`` is the place record (:meth:`gazetteer.model.Place.to_dict`) plus
``address``, ``score`` (name similarity 0..100: 100 for an exact or alternate name),
``rank_score`` (evidence from :mod:`gazetteer.rank`; higher is better), ``match``
(``exact``, ``variant``, ``fuzzy``; ``fallback`` for online answers), ``matched``
(the folded name that matched), ``geo_precision``, ``query`` and ``source``
(``gazetteer``, or the fallback service's name).
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer.exc import (
    GazetteerConfigurationError,
    GazetteerQueryError,
    GazetteerUnavailable,
)
from gazetteer.model import KINDS, Place
from gazetteer.rank import (
    EARTH_KM,
    FEATURES,
    Context,
    contains,
    feature_rows,
    haversine_km,
    rank,
)
from gazetteer.text import fold

__all__ = ["Candidate", "GazetteerGeocoder", "ParsedQuery", "parse_query"]

#: Name similarity (0..100) a fuzzy match needs by default.
DEFAULT_MIN_SCORE = 80.0
#: A geocoder has no document to give context, so a place's size is the best prior:
#: this much rank score per tenfold population on top of :func:`gazetteer.rank.score`
#: ("Odessa" alone is the Ukrainian city of a million, not the Texan one of 114,000).
POPULATION_WEIGHT = 0.5
#: A geocoder asked for "Sankt-Peterburg" means the city, as other geocoders answer, not
#: the federal subject named after it (news text is less clear-cut: the ranker learns it).
NAMESAKE_CITY = 1.0
_NAMESAKE = FEATURES.index("namesake_city")
#: Rank score a fuzzy candidate loses per 10 points of similarity below 100.
FUZZY_WEIGHT = 2.0
#: How many similar names a fuzzy search looks up (more when filters may drop some).
FUZZY_LIMIT = 12
FUZZY_LIMIT_FILTERED = 200
#: Kinds a trailing qualifier may name.
QUALIFIER_KINDS = frozenset({"country", "admin1", "admin2", "region", "continent"})
#: How far from a region's, continent's or (when nothing larger bears the qualifier's
#: name) a city's point a place may lie to count as inside it.
QUALIFIER_RADIUS_KM = {"region": 500.0, "continent": 4000.0, "city": 30.0}
#: Common codes that are not ISO 3166-1 alpha-2.
COUNTRY_CODE_ALIASES = {"UK": "GB", "EL": "GR"}
#: How many places ``reverse(..., exactly_one=False)`` returns.
REVERSE_LIMIT = 10
#: A point this close (degrees, ~10 km) outside Natural Earth's coastline or river
#: banks still gets the nearest country, with ``raw["country"]["contains"] = False``.
COAST_TOLERANCE_DEG = 0.1

_PLACE_COLUMNS = "id, name, kind, country_code, admin1, population, lat, lon, capital"
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_EXPANSIONS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}


# --------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class ParsedQuery:
    """A query split into the name and its trailing qualifiers (``Mariupol, Ukraine``)."""

    text: str
    name: str
    qualifiers: tuple[str, ...] = ()


def parse_query(text: str) -> ParsedQuery:
    """Split ``"Name, Qualifier, ..."``; whitespace is normalised, empty parts dropped."""
    parts = [" ".join(p.split()) for p in text.split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return ParsedQuery(text, "")
    return ParsedQuery(text, parts[0], tuple(parts[1:]))


def variants(key: str) -> list[str]:
    """Other spellings of a folded name worth a lookup (abbreviations, punctuation)."""
    out: list[str] = []

    def add(v: str) -> None:
        v = " ".join(v.split())
        if v and v != key and v not in out:
            out.append(v)

    words = key.split(" ")
    for i, w in enumerate(words):
        bare = w.rstrip(".")
        if bare in _ABBREVIATIONS:
            add(" ".join(words[:i] + [_ABBREVIATIONS[bare]] + words[i + 1:]))
        elif w in _EXPANSIONS:
            short = _EXPANSIONS[w]
            add(" ".join(words[:i] + [short + "."] + words[i + 1:]))
            add(" ".join(words[:i] + [short] + words[i + 1:]))
    add(key.replace(".", ""))
    add(key.replace(".", " "))
    add(key.replace("'", ""))
    for prefix in ("the ", "city of "):
        if key.startswith(prefix):
            add(key[len(prefix):])
    for suffix in (" city",):
        if key.endswith(suffix):
            add(key[: -len(suffix)])
    return out


@dataclass
class Candidate:
    """One place a query may mean: how its name matched and how it ranks."""

    place: Place
    flags: int
    similarity: float
    match: str
    key: str
    rank_score: float = 0.0
    order: float = 0.0


# ------------------------------------------------------------ shared, lazily loaded data


class _Shared:
    """Data loaded once per gazetteer file and process: admin1 names, reverse indexes."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.RLock()
        self._con: sqlite3.Connection | None = None
        self._admin1: dict[tuple[str, str], str] | None = None
        self._countries_by_code: dict[str, Place] | None = None
        self._nearest: dict[int, _NearestPlaces] = {}
        self._countries: _CountryPolygons | None = None

    def connection(self) -> sqlite3.Connection:
        with self._lock:
            if self._con is None:
                self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True,
                                            check_same_thread=False)
            return self._con

    def admin1_name(self, cc: str | None, code: str | None) -> str | None:
        if not cc or not code:
            return None
        if self._admin1 is None:
            with self._lock:
                if self._admin1 is None:
                    rows = self.connection().execute(
                        "SELECT country_code, admin1, name, population FROM places "
                        "WHERE kind = 'admin1' ORDER BY population").fetchall()
                    self._admin1 = {(c, a): n for c, a, n, _ in rows}
        return self._admin1.get((cc, code))

    def country(self, code: str | None) -> Place | None:
        """The country place of an ISO code (all loaded with one scan, on first use)."""
        if not code:
            return None
        if self._countries_by_code is None:
            with self._lock:
                if self._countries_by_code is None:
                    rows = self.connection().execute(
                        f"SELECT {_PLACE_COLUMNS} FROM places WHERE kind = 'country' "
                        "ORDER BY population").fetchall()
                    self._countries_by_code = {r[3]: _place(r) for r in rows if r[3]}
        return self._countries_by_code.get(code)

    def places_by_rowid(self, rowids: Iterable[int]) -> dict[int, Place]:
        rowids = [int(r) for r in rowids]
        marks = ",".join("?" * len(rowids))
        rows = self.connection().execute(
            f"SELECT rowid, {_PLACE_COLUMNS} FROM places WHERE rowid IN ({marks})", rowids)
        return {r[0]: _place(r[1:]) for r in rows}

    def nearest(self, min_population: int) -> _NearestPlaces:
        with self._lock:
            if min_population not in self._nearest:
                self._nearest[min_population] = _NearestPlaces(self, min_population)
            return self._nearest[min_population]

    def countries(self) -> _CountryPolygons:
        with self._lock:
            if self._countries is None:
                self._countries = _CountryPolygons()
            return self._countries


def _place(row: tuple) -> Place:
    return Place(id=row[0], name=row[1], kind=row[2], country_code=row[3], admin1=row[4],
                 population=row[5], lat=row[6], lon=row[7], capital=bool(row[8]))


_SHARED: dict[Path, _Shared] = {}
_SHARED_LOCK = threading.Lock()


def _shared(path: Path) -> _Shared:
    with _SHARED_LOCK:
        if path not in _SHARED:
            _SHARED[path] = _Shared(path)
        return _SHARED[path]


def reach_km(population):
    """Rough radius of a populated place: 1 km plus sqrt(population) / 150 km.

    Kyiv (2.9M) reaches ~12 km, Berlin ~13 km, a town of 20,000 ~2 km, a village ~1 km;
    the equal-area radii of Kyiv's and Berlin's city limits are ~16-17 km.
    """
    import numpy as np

    return 1.0 + np.sqrt(np.maximum(population, 0)) / 150.0


class _NearestPlaces:
    """Populated places in a shapely STRtree; exact great-circle neighbours.

    The tree is planar in degrees, so its nearest point only bounds the search: every
    place within the great-circle radius of that point lies in a lon/lat box widened by
    1/cos(latitude), and those few candidates are measured exactly (haversine).
    """

    def __init__(self, shared: _Shared, min_population: int):
        import numpy as np
        import shapely

        rows = shared.connection().execute(
            "SELECT rowid, lat, lon, population FROM places "
            "WHERE kind = 'city' AND population >= ?", (min_population,)).fetchall()
        data = np.array(rows, dtype=float).reshape(-1, 4)
        self.rowids = data[:, 0].astype(np.int64)
        self.lat = data[:, 1]
        self.lon = data[:, 2]
        self.population = data[:, 3]
        self.reach = reach_km(self.population)
        self.max_reach = float(self.reach.max()) if len(self.reach) else 1.0
        self.tree = shapely.STRtree(shapely.points(self.lon, self.lat))

    def __len__(self) -> int:
        return len(self.rowids)

    def query(self, lat: float, lon: float, k: int = 1, by: str = "extent",
              ) -> list[tuple[int, float]]:
        """(rowid, km) of ``k`` places around the point, best first.

        ``by="distance"``: the nearest places.  ``by="extent"``: the places whose rough
        extent (:func:`reach_km`) covers the point, smallest distance/reach first, so a
        point in central Kyiv gives Kyiv rather than the quarter it lies in; then the
        others, nearest first (at sea or in the wild: the nearest place).
        """
        import numpy as np
        import shapely

        if not len(self.rowids):
            return []
        k = min(k, len(self.rowids))
        first = int(self.tree.query_nearest(shapely.Point(lon, lat), all_matches=False)[0])
        radius = float(self._km(lat, lon, np.array([first]))[0])
        while True:  # grow until the k nearest are certainly inside the radius
            idx = self._within_box(lat, lon, radius)
            km = self._km(lat, lon, idx)
            if (km <= radius).sum() >= k or radius > 20_100:
                break
            radius = radius * 2 + 1.0
        if by == "extent":
            nearest = int(np.argmin(km))
            ratio0 = km[nearest] / self.reach[idx[nearest]]
            # a place can beat the nearest one only within this distance
            bound = min(ratio0 * self.max_reach, km[nearest] + self.max_reach)
            if bound > radius:
                idx = self._within_box(lat, lon, bound)
                km = self._km(lat, lon, idx)
            ratio = km / self.reach[idx]
            # places whose extent covers the point, best covering first; then by distance
            key = np.where(ratio <= 1.0, ratio, 1.0 + km)
            order = np.lexsort((km, key))[:k]
        else:
            order = np.argsort(km, kind="stable")[:k]
        return [(int(self.rowids[idx[i]]), float(km[i])) for i in order]

    def _within_box(self, lat: float, lon: float, radius_km: float):
        import numpy as np
        import shapely

        deg = math.degrees(radius_km / EARTH_KM) * 1.001 + 1e-6
        south, north = max(lat - deg, -90.0), min(lat + deg, 90.0)
        coslat = min(math.cos(math.radians(south)), math.cos(math.radians(north)))
        if north >= 90.0 or south <= -90.0 or coslat <= 1e-6 or deg / coslat >= 180.0:
            boxes = [shapely.box(-180.0, south, 180.0, north)]
        else:
            half = deg / coslat
            boxes = [shapely.box(lon - half + shift, south, lon + half + shift, north)
                     for shift in (-360.0, 0.0, 360.0)]
        hits = self.tree.query(boxes)[1]
        return np.unique(hits)

    def _km(self, lat: float, lon: float, idx):
        import numpy as np

        p1, p2 = math.radians(lat), np.radians(self.lat[idx])
        dl = np.radians(self.lon[idx] - lon)
        a = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
        return 2 * EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


class _CountryPolygons:
    """Natural Earth 10m admin-0 polygons (prepared, in an STRtree) for point-in-polygon."""

    def __init__(self):
        import numpy as np
        import pyogrio
        import shapely

        from gazetteer.sources import natural_earth_countries_path

        frame = pyogrio.read_dataframe(natural_earth_countries_path(),
                                       columns=["ISO_A2_EH", "ISO_A2", "NAME", "ADM0_A3"])
        self.geoms = np.asarray(frame.geometry.values, dtype=object)
        shapely.prepare(self.geoms)
        self.area = shapely.area(self.geoms)
        self.codes = [
            next((c for c in (eh, a2) if isinstance(c, str) and len(c) == 2 and c.isalpha()),
                 None)
            for eh, a2 in zip(frame["ISO_A2_EH"], frame["ISO_A2"], strict=True)
        ]
        self.names = list(frame["NAME"])
        self.tree = shapely.STRtree(self.geoms)

    def at(self, lat: float, lon: float) -> tuple[str | None, str, bool] | None:
        """(ISO alpha-2 or None, Natural Earth name, contains?) of the country at the point."""
        import shapely

        point = shapely.Point(lon, lat)
        idx = [i for i in self.tree.query(point) if shapely.intersects(self.geoms[i], point)]
        if idx:
            best = min(idx, key=lambda i: self.area[i])  # an enclave over its surroundings
            return self.codes[best], self.names[best], True
        # Just outside every polygon (a river mouth, a coastline simplified at 1:10m):
        # the nearest country within COAST_TOLERANCE_DEG, marked as not containing it.
        near = self.tree.query_nearest(point, max_distance=COAST_TOLERANCE_DEG,
                                       all_matches=False)
        if len(near):
            best = int(near[0])
            return self.codes[best], self.names[best], False
        return None


# --------------------------------------------------------------------------- geocoder


class GazetteerGeocoder(Geocoder):
    """Offline geocoder over the embedded gazetteer, in geopy's family of geocoders.

    Parameters
    ----------
    gazetteer : Gazetteer, path-like or None
        The store to search; by default the process-wide one (built on first use).
    country_codes, kinds, min_score :
        Defaults for :meth:`geocode` (handy with ``geopandas.tools.geocode``, which
        passes its keyword arguments here).
    fuzzy : bool
        Match misspelt names (default True).
    min_population : int
        Smallest populated place :meth:`reverse` answers with (default 0: any).
    fallback : geopy Geocoder, ``"nominatim"`` or None
        Asked only for names the gazetteer cannot place; off by default.  A service name
        is built with ``user_agent`` (Nominatim refuses geopy's default one).
    fallback_delay : float
        Least seconds between two fallback requests (geopy ``RateLimiter``).
    cache : bool or path-like
        On-disk cache of fallback answers: True (the geomap cache folder), a path, False.
    user_agent, timeout, proxies, ssl_context, adapter_factory :
        As for every geopy geocoder; they only matter for the fallback.
    """

    def __init__(self, gazetteer=None, *, country_codes: str | Iterable[str] | None = None,
                 kinds: str | Iterable[str] | None = None,
                 min_score: float = DEFAULT_MIN_SCORE, fuzzy: bool = True,
                 min_population: int = 0, fallback=None, fallback_delay: float = 1.0,
                 cache: bool | str | os.PathLike = True, user_agent: str | None = None,
                 timeout=DEFAULT_SENTINEL, proxies=DEFAULT_SENTINEL,
                 ssl_context=DEFAULT_SENTINEL, adapter_factory=None):
        super().__init__(timeout=timeout, proxies=proxies, user_agent=user_agent,
                         ssl_context=ssl_context, adapter_factory=adapter_factory)
        self._gazetteer = gazetteer
        self._gaz_lock = threading.Lock()
        try:
            self.country_codes = _country_codes(country_codes)
            self.kinds = _kinds(kinds)
        except GazetteerQueryError as exc:
            raise GazetteerConfigurationError(str(exc)) from None
        if not 0 <= float(min_score) <= 100:
            raise GazetteerConfigurationError(f"min_score must be in 0..100, not {min_score!r}")
        self.min_score = float(min_score)
        self.fuzzy = bool(fuzzy)
        self.min_population = int(min_population)
        self.fallback = self._make_fallback(fallback, fallback_delay, cache, user_agent)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._gazetteer!r})"

    # -- plumbing

    def _make_fallback(self, fallback, delay, cache, user_agent):
        if fallback is None or fallback is False:
            return None
        from gazetteer.fallback import OnlineFallback

        if isinstance(fallback, OnlineFallback):
            return fallback
        if isinstance(fallback, str):
            from geopy.geocoders import get_geocoder_for_service

            try:
                cls = get_geocoder_for_service(fallback)
            except Exception as exc:
                raise GazetteerConfigurationError(f"unknown fallback geocoder {fallback!r}"
                                                  ) from exc
            fallback = cls(user_agent=user_agent, timeout=self.timeout)
        if not callable(getattr(fallback, "geocode", None)):
            raise GazetteerConfigurationError(
                f"fallback must be a geopy geocoder or a service name, not {fallback!r}")
        return OnlineFallback(fallback, min_delay_seconds=delay, cache=cache)

    @property
    def gazetteer(self):
        """The opened store (opened, or built, on first use)."""
        if self._gazetteer is None or isinstance(self._gazetteer, (str, os.PathLike)):
            with self._gaz_lock:
                if self._gazetteer is None or isinstance(self._gazetteer, (str, os.PathLike)):
                    from gazetteer.store import load

                    try:
                        self._gazetteer = load(self._gazetteer)
                    except (OSError, sqlite3.Error) as exc:
                        raise GazetteerUnavailable(f"cannot open the gazetteer: {exc}"
                                                   ) from exc
        return self._gazetteer

    @property
    def _data(self) -> _Shared:
        data = self.__dict__.get("_shared_data")
        if data is None:
            data = self._shared_data = _shared(Path(self.gazetteer.path))
        return data

    def _fuzzy_index(self):
        from gazetteer.fuzzy import index_for

        return index_for(self.gazetteer.path)

    # -- forward

    def geocode(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL,
                country_codes: str | Iterable[str] | None = None,
                kinds: str | Iterable[str] | None = None, min_score: float | None = None,
                fuzzy: bool | None = None):
        """Places named by ``query``, best first.

        Parameters
        ----------
        query : str
            A place name, optionally followed by qualifiers: ``"Kherson, Ukraine"``.
        exactly_one : bool
            Return the best :class:`geopy.location.Location` (or None) instead of a list
            of all candidates (or None).
        timeout :
            Only used by the online fallback.
        country_codes : str or list of str
            Keep only places in these countries (ISO 3166-1 alpha-2, ``UK`` = ``GB``).
        kinds : str or list of str
            Keep only these kinds (:data:`gazetteer.model.KINDS`: city, admin1, country...).
        min_score : float
            Least name similarity (0..100) a fuzzy match needs; 100 turns fuzzy matching off.
        fuzzy : bool
            Override the geocoder's ``fuzzy`` setting for this call.

        Raises
        ------
        GazetteerQueryError
            The query is not a non-empty string, or a filter value is unknown.
        """
        text = _query_text(query)
        codes = self.country_codes if country_codes is None else _country_codes(country_codes)
        kinds_ = self.kinds if kinds is None else _kinds(kinds)
        threshold = self.min_score if min_score is None else float(min_score)
        use_fuzzy = self.fuzzy if fuzzy is None else bool(fuzzy)
        found = self.search(text, country_codes=codes, kinds=kinds_, min_score=threshold,
                            fuzzy=use_fuzzy)
        if found:
            locations = [self._location(c, text) for c in (found[:1] if exactly_one else found)]
        elif self.fallback is not None and not kinds_:
            locations = self.fallback.geocode(
                text, country_codes=tuple(sorted(codes)),
                timeout=None if timeout is DEFAULT_SENTINEL else timeout)
        else:
            locations = []
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def search(self, query: str, *, country_codes: Iterable[str] = (),
               kinds: Iterable[str] = (), min_score: float = DEFAULT_MIN_SCORE,
               fuzzy: bool = True) -> list[Candidate]:
        """Ranked candidates for a query (what :meth:`geocode` and ``gazetteer search`` show).

        Each candidate has ``place``, ``similarity``, ``match``, ``key`` and
        ``rank_score``; best first.
        """
        codes = frozenset(country_codes)
        kinds_ = frozenset(kinds)

        def keep(p: Place) -> bool:
            return (not kinds_ or p.kind in kinds_) and (not codes or p.country_code in codes)

        whole = fold(query)
        found, known = self._name_candidates(whole, keep, min_score, fuzzy=False)
        ctx = Context()
        parsed = parse_query(query)
        if not known and parsed.qualifiers:
            admits = []
            for q in parsed.qualifiers:
                admit, q_ctx = self._qualifier(q, min_score, fuzzy)
                if admit is None:
                    return []
                admits.append(admit)
                ctx.countries.update(q_ctx.countries)
                ctx.admin1s.update(q_ctx.admin1s)
            found, _ = self._name_candidates(
                fold(parsed.name), lambda p: keep(p) and all(a(p) for a in admits),
                min_score, fuzzy=fuzzy, filtered=True)
        elif not known and fuzzy:
            found, _ = self._name_candidates(whole, keep, min_score, fuzzy=True,
                                             filtered=bool(codes or kinds_), exact=False)
        return self._rank(found, ctx)

    def _name_candidates(self, key: str, keep, min_score: float, *, fuzzy: bool,
                         filtered: bool = False, exact: bool = True,
                         ) -> tuple[list[Candidate], bool]:
        """Candidates for one folded name that pass ``keep``, and whether the name is known.

        A known name (exactly or as a variant) is never fuzzy-matched, even when
        ``keep`` rejects all its places: "Black Sea" with kinds=city is no typo of
        Blackshear, Georgia.
        """
        if not key:
            return [], False
        lookup = self.gazetteer.lookup
        if exact:
            hits = lookup(key)
            if hits:
                return [Candidate(p, f, 100.0, "exact", key) for p, f in hits if keep(p)], True
            seen: dict[str, Candidate] = {}
            known = False
            for v in variants(key):
                for p, f in lookup(v):
                    known = True
                    if keep(p) and p.id not in seen:
                        seen[p.id] = Candidate(p, f, 100.0, "variant", v)
            if known:
                return list(seen.values()), True
        if not fuzzy or min_score >= 100:
            return [], False
        best: dict[str, Candidate] = {}
        limit = FUZZY_LIMIT_FILTERED if filtered else FUZZY_LIMIT
        for k, sim in self._fuzzy_index().search(key, min_score=min_score, limit=limit):
            for p, f in lookup(k):
                if keep(p) and (p.id not in best or best[p.id].similarity < sim):
                    best[p.id] = Candidate(p, f, sim, "fuzzy", k)
        return list(best.values()), False

    def _rank(self, found: list[Candidate], ctx: Context) -> list[Candidate]:
        if not found:
            return []
        pairs = [(c.place, c.flags) for c in found]
        namesake = {c.place.id for c, row in zip(found, feature_rows(pairs, ctx), strict=True)
                    if row[_NAMESAKE]}
        by_id = {c.place.id: c for c in found}
        for place, s in rank(pairs, ctx):
            c = by_id[place.id]
            c.rank_score = s
            c.order = (s + POPULATION_WEIGHT * math.log10(place.population + 10)
                       + (NAMESAKE_CITY if place.id in namesake else 0.0)
                       - FUZZY_WEIGHT * (100.0 - c.similarity) / 10.0)
        return sorted(found, key=lambda c: (-c.order, -c.place.population, c.place.id))

    def _qualifier(self, text: str, min_score: float, fuzzy: bool):
        """A predicate "lies in the place named ``text``" and the ranking context it gives.

        None when ``text`` names nothing a place could lie in.
        """
        key = fold(text)
        named, known = self._name_candidates(key, lambda p: True, min_score, fuzzy=False)
        places = [c.place for c in named if c.place.kind in QUALIFIER_KINDS]
        if not places:  # "Pechersk, Kyiv City", "Manhattan, New York City": near that city
            places = [c.place for c in self._rank(named, Context()) if c.place.kind == "city"][:5]
        code = text.strip().upper()
        if len(code) == 2 and code.isalpha():
            country = self._data.country(COUNTRY_CODE_ALIASES.get(code, code))
            if country is not None and all(p.id != country.id for p in places):
                places.insert(0, country)
        admin_code = code if 1 <= len(code) <= 3 and code.isalnum() else None
        if not places and not known and fuzzy:
            places = [c.place for c in self._rank(self._name_candidates(
                key, lambda p: p.kind in QUALIFIER_KINDS, min_score, fuzzy=True,
                filtered=True, exact=False)[0], Context())[:3]]
        if not places and admin_code is None:
            return None, Context()
        ctx = Context()
        for p in places:
            if p.country_code:
                ctx.countries[p.country_code] += 1
            if p.kind == "admin1" and p.country_code and p.admin1:
                ctx.admin1s[(p.country_code, p.admin1)] += 1

        def admit(p: Place) -> bool:
            if admin_code is not None and p.admin1 == admin_code:
                return True
            return any(_inside(q, p) for q in places)

        return admit, ctx

    # -- results

    def address(self, place: Place) -> str:
        """A readable address: ``Kherson, Khersonska oblast, Ukraine``."""
        parts = [place.name]
        if place.kind in ("city", "admin2", "other"):
            admin1 = self._data.admin1_name(place.country_code, place.admin1)
            if admin1 and admin1 != place.name:
                parts.append(admin1)
        if place.kind != "country" and place.country_code:
            country = self._data.country(place.country_code)
            if country is not None and country.name not in parts:
                parts.append(country.name)
        return ", ".join(parts)

    def _location(self, c: Candidate, query: str) -> Location:
        address = self.address(c.place)
        raw = _record(c.place)
        raw.update(address=address, score=round(c.similarity, 2),
                   rank_score=round(c.rank_score, 3), match=c.match, matched=c.key,
                   geo_precision=c.place.geo_precision, query=query, source="gazetteer")
        return Location(address, (c.place.lat, c.place.lon), raw)

    # -- reverse

    def reverse(self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL,
                min_population: int | None = None, by: str = "extent"):
        """The populated place nearest to a point, and the country the point lies in.

        Parameters
        ----------
        query : (lat, lon), ``"lat, lon"`` or :class:`geopy.point.Point`
        exactly_one : bool
            The nearest place, or a list of the nearest :data:`REVERSE_LIMIT` places.
        min_population : int
            Skip places smaller than this (default: the geocoder's ``min_population``).
        by : ``"extent"`` or ``"distance"``
            ``extent`` (default) prefers the place whose rough extent best covers the
            point, by distance/reach (central Kyiv is Kyiv, not its Stare Misto quarter;
            see :func:`reach_km`), else the nearest; ``distance``: the plainly nearest.

        Each result's ``raw`` holds the place record, ``distance_km`` from the point,
        and ``country``: ``{"code", "name"}`` of the Natural Earth country containing
        the point (None at sea; ``contains`` False when the point lies just outside the
        1:10m coastline).  Its point is the place's, as with other geocoders.
        """
        try:
            point = query if isinstance(query, Point) else Point(query)
        except (ValueError, TypeError) as exc:
            raise GazetteerQueryError(f"not a point: {query!r} ({exc})") from None
        lat, lon = point.latitude, point.longitude
        if not (math.isfinite(lat) and math.isfinite(lon)):
            raise GazetteerQueryError(f"not a point: {query!r}")
        floor = self.min_population if min_population is None else int(min_population)
        data = self._data
        if by not in ("extent", "distance"):
            raise GazetteerQueryError(f"by must be 'extent' or 'distance', not {by!r}")
        hits = data.nearest(floor).query(lat, lon, k=1 if exactly_one else REVERSE_LIMIT,
                                         by=by)
        if not hits:
            return None
        places = data.places_by_rowid(r for r, _ in hits)
        found = data.countries().at(lat, lon)
        country = None
        if found is not None:
            code, ne_name, inside = found
            gaz_country = data.country(code)
            country = {"code": code, "name": gaz_country.name if gaz_country else ne_name,
                       "id": gaz_country.id if gaz_country else None, "contains": inside}
        locations = []
        for rowid, km in hits:
            place = places[rowid]
            address = self.address(place)
            raw = _record(place)
            raw.update(address=address, distance_km=round(km, 3), country=country,
                       match="nearest", geo_precision=place.geo_precision,
                       query=(lat, lon), source="gazetteer")
            locations.append(Location(address, (place.lat, place.lon), raw))
        return locations[0] if exactly_one else locations


# --------------------------------------------------------------------------- helpers


def _record(place: Place) -> dict:
    """``place.to_dict()`` without dataclasses.asdict's deep copy (a flat record)."""
    return {f: getattr(place, f) for f in _PLACE_FIELDS}


_PLACE_FIELDS = tuple(f.name for f in fields(Place))


def _inside(outer: Place, inner: Place) -> bool:
    if contains(outer, inner):
        return True
    if outer.kind == "admin2":  # a district knows only its admin1: stay near it too
        return (inner.country_code == outer.country_code and inner.admin1 == outer.admin1
                and haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) <= 100.0)
    radius = QUALIFIER_RADIUS_KM.get(outer.kind)
    if radius is None or outer.id == inner.id:
        return False
    if outer.country_code and inner.country_code != outer.country_code:
        return False
    return haversine_km(outer.lat, outer.lon, inner.lat, inner.lon) <= radius


def _query_text(query) -> str:
    if not isinstance(query, str):
        raise GazetteerQueryError(f"a place name must be a string, not {type(query).__name__}")
    text = " ".join(query.split())
    if not text.strip(" ,"):
        raise GazetteerQueryError("empty query")
    if len(text) > 500:
        raise GazetteerQueryError("query longer than 500 characters")
    return text


@lru_cache(maxsize=256)
def _country_codes_cached(codes: tuple[str, ...]) -> frozenset[str]:
    out = set()
    for c in codes:
        cc = c.strip().upper()
        cc = COUNTRY_CODE_ALIASES.get(cc, cc)
        if not re.fullmatch(r"[A-Z]{2}", cc):
            raise GazetteerQueryError(f"not an ISO 3166-1 alpha-2 country code: {c!r}")
        out.add(cc)
    return frozenset(out)


def _country_codes(codes) -> frozenset[str]:
    if codes is None:
        return frozenset()
    if isinstance(codes, str):
        codes = codes.split(",")
    return _country_codes_cached(tuple(str(c) for c in codes if str(c).strip()))


def _kinds(kinds) -> frozenset[str]:
    if kinds is None:
        return frozenset()
    if isinstance(kinds, str):
        kinds = kinds.split(",")
    out = frozenset(k.strip().lower() for k in kinds if k.strip())
    unknown = out - set(KINDS)
    if unknown:
        raise GazetteerQueryError(f"unknown kind(s) {', '.join(sorted(unknown))}; "
                                  f"choose from {', '.join(KINDS)}")
    return out
