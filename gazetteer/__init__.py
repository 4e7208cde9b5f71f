"""The embedded gazetteer: build, store, search and rank places (usable without geomap).

Place data: GeoNames (CC-BY 4.0), Natural Earth (public domain), geomap's curated files.
"""

from __future__ import annotations

from gazetteer.model import KINDS, Place
from gazetteer.store import Gazetteer, default_path, load

__all__ = ["KINDS", "Gazetteer", "Place", "default_path", "load"]
