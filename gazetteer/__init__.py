"""The embedded gazetteer: build, store, search and rank places (usable without geomap).

Place data: GeoNames (CC-BY 4.0), Natural Earth (public domain), geomap's curated files.
"""

from __future__ import annotations

from gazetteer.model import KINDS, Place
from gazetteer.store import Gazetteer, default_path, load

__all__ = ["KINDS", "Gazetteer", "GazetteerGeocoder", "Place", "default_path", "load"]


def __getattr__(name: str):
    # The geocoder pulls in geopy; import it only when asked for.
    if name == "GazetteerGeocoder":
        from gazetteer.geocoder import GazetteerGeocoder

        return GazetteerGeocoder
    raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")
