"""The place record every part of geomap passes around."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from gazetteer.text import fold

#: Kinds of place, from most to least specific.  ``geo_precision`` follows ACLED.
KINDS = ("city", "admin2", "admin1", "region", "water", "country", "continent", "other",
         "approximate")

GEO_PRECISION = {
    "city": 1,
    "other": 1,
    "admin2": 2,
    "admin1": 2,
    "region": 2,
    "water": 3,
    "country": 3,
    "continent": 3,
    # a place the gazetteer lacks, at the point of the town or division the text puts it
    # in (see :func:`approximate`): ACLED's "near a town or in a part of a region"
    "approximate": 2,
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


def approximate(name: str, within: Place) -> Place:
    """A place the gazetteer lacks, ``name`` as the text gives it, at the point of the
    place ``within`` that the text (or the story) puts it in.

    Event data names the village an incident happened in even when no gazetteer has
    its coordinates, and marks the point approximate (ACLED's geo-precision 2); the id
    keeps the holder's, so the same name in the same holder is one place everywhere.
    """
    return Place(id=f"{within.id}/{fold(name).replace(' ', '-')}", name=name,
                 kind="approximate", country_code=within.country_code, admin1=within.admin1,
                 population=0, lat=within.lat, lon=within.lon)
