"""The place record every part of geomap passes around."""

from __future__ import annotations

from dataclasses import asdict, dataclass

#: Kinds of place, from most to least specific.  ``geo_precision`` follows ACLED.
KINDS = ("city", "admin2", "admin1", "region", "water", "country", "continent", "other")

GEO_PRECISION = {
    "city": 1,
    "other": 1,
    "admin2": 2,
    "admin1": 2,
    "region": 2,
    "water": 3,
    "country": 3,
    "continent": 3,
}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    ``id`` is stable across builds and names its source (``geonames:706448``,
    ``curated:donbas``, ``ne:UKR``).
    """

    id: str
    name: str
    kind: str
    country_code: str | None
    admin1: str | None
    population: int
    lat: float
    lon: float
    capital: bool = False  # national capital: ranks higher and often stands for a government

    @property
    def geo_precision(self) -> int:
        return GEO_PRECISION.get(self.kind, 1)

    @property
    def geonameid(self) -> int | None:
        """The GeoNames id where the place comes from GeoNames."""
        prefix, _, num = self.id.partition(":")
        return int(num) if prefix == "geonames" and num.isdigit() else None

    def to_dict(self) -> dict:
        return asdict(self)
