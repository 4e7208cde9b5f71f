"""Places users bring: a factory, a checkpoint, a district that GeoNames lacks.

Read from CSV (``name,aliases,lat,lon,kind,country``; optional ``id``, ``admin1``,
``population``) or GeoJSON (Point features with the same properties).  A row whose
``id`` is an existing gazetteer id (``geonames:706448``) overrides that place.
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from gazetteer.model import KINDS, Place

#: A name-match flag of user places (1: own name, 2: curated alias, 4: user place).
USER_FLAG = 4


class UserPlacesError(ValueError):
    """A user places file that cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class UserPlace:
    place: Place
    aliases: tuple[str, ...]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "place"


def _place(rec: dict, where: str) -> UserPlace:
    name = str(rec.get("name") or "").strip()
    if not name:
        raise UserPlacesError(f"{where}: no name")
    try:
        lat, lon = float(rec["lat"]), float(rec["lon"])
    except (KeyError, TypeError, ValueError):
        raise UserPlacesError(f"{where}: lat and lon must be numbers") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise UserPlacesError(f"{where}: lat/lon {lat}, {lon} out of range")
    kind = str(rec.get("kind") or "other").strip().lower()
    if kind not in KINDS:
        raise UserPlacesError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    country = str(rec.get("country") or rec.get("country_code") or "").strip().upper() or None
    if country is not None and not re.fullmatch(r"[A-Z]{2}", country):
        raise UserPlacesError(f"{where}: country {country!r} is not an ISO alpha-2 code")
    try:
        population = int(float(rec.get("population") or 0))
    except ValueError:
        raise UserPlacesError(f"{where}: population must be a number") from None
    aliases = rec.get("aliases") or ""
    if isinstance(aliases, str):
        aliases = aliases.split("|")
    place = Place(
        id=str(rec.get("id") or "").strip() or f"user:{_slug(name)}", name=name, kind=kind,
        country_code=country, admin1=(str(rec.get("admin1") or "").strip() or None),
        population=population, lat=lat, lon=lon)
    return UserPlace(place, tuple(a.strip() for a in aliases if str(a).strip()))


def read_user_places(path: str | os.PathLike) -> list[UserPlace]:
    """User places from a CSV or GeoJSON file, or a UserPlacesError saying what is wrong."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserPlacesError(f"{path}: cannot read ({exc})") from None
    if path.suffix.lower() in (".geojson", ".json"):
        try:
            features = json.loads(raw)["features"]
        except (ValueError, KeyError, TypeError):
            raise UserPlacesError(f"{path}: not a GeoJSON FeatureCollection") from None
        out = []
        for i, f in enumerate(features, start=1):
            geom = (f or {}).get("geometry") or {}
            if geom.get("type") != "Point":
                raise UserPlacesError(f"{path}: feature {i} is not a Point")
            lon, lat = geom["coordinates"][:2]
            out.append(_place({**(f.get("properties") or {}), "lat": lat, "lon": lon},
                              f"{path}: feature {i}"))
        return out
    rows = list(csv.DictReader(raw.splitlines()))
    if rows and not {"name", "lat", "lon"} <= set(rows[0]):
        raise UserPlacesError(f"{path}: needs columns name, lat, lon "
                              f"(found {', '.join(rows[0])})")
    return [_place(r, f"{path}:{i}") for i, r in enumerate(rows, start=2)]
