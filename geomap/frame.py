"""Parsed documents to GeoDataFrames with the output schema of DESIGN.md section 3."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat
from typing import TYPE_CHECKING, NamedTuple

from geomap.model import Event, Mention, Parsed

if TYPE_CHECKING:
    import geopandas as gpd

CRS = "EPSG:4326"

EVENT_COLUMNS = [
    "event_id", "doc_id", "event_type", "sub_event_type", "event_date", "date_precision",
    "event_start", "event_end", "place_name", "place_id", "country_code", "geo_precision",
    "fatalities", "injured", "actors", "evidence", "source", "confidence", "sources",
]
PLACE_COLUMNS = [
    "place_id", "place_name", "kind", "country_code", "admin1", "population", "mentions",
    "doc_ids",
]
MENTION_COLUMNS = [
    "doc_id", "start", "end", "text", "place_id", "place_name", "kind", "country_code",
    "confidence", "metonymic",
]
#: Nullable integer columns (pandas "Int64"), so a missing count stays null, not NaN.
INTEGER_COLUMNS = {"geo_precision", "fatalities", "injured", "population", "mentions", "sources",
                   "start", "end", "documents"}


#: Document ids a place's map popup lists before "… (+N)".
MAP_DOC_IDS = 10


def split_doc_ids(text: str) -> list[str]:
    """The ids in a places ``doc_ids`` cell (joined with commas), blanks dropped: how
    the map reads the cell back."""
    return [part for part in map(str.strip, text.split(",")) if part]


class GeoFrames(NamedTuple):
    """The three layers geomap writes."""

    events: gpd.GeoDataFrame
    places: gpd.GeoDataFrame
    mentions: gpd.GeoDataFrame


def event_row(e: Event) -> tuple:
    """An event as a row of ``(*EVENT_COLUMNS, lon, lat)``, the order :func:`_frame`
    reads tuples in (a tuple: cheaper to build, and to send from a worker, than a dict)."""
    d, p = e.date, e.place
    return (
        e.event_id, e.doc_id, e.event_type, e.sub_event_type,
        d.value if d else None, d.precision if d else None,
        d.start.isoformat() if d else None, d.end.isoformat() if d else None,
        p.name, p.id, p.country_code, p.geo_precision,
        e.fatalities, e.injured, e.actors, e.evidence, e.source, round(e.confidence, 3),
        e.sources, p.lon, p.lat,
    )


def mention_row(doc_id: str, m: Mention) -> tuple:
    """A mention with a place as a row of ``(*MENTION_COLUMNS, lon, lat)``."""
    p = m.place
    assert p is not None
    return (doc_id, m.span.start, m.span.end, m.span.text, p.id, p.name, p.kind,
            p.country_code, m.confidence, m.metonymic, p.lon, p.lat)


def column_values(records: list[dict] | list[tuple], names: list[str]) -> dict[str, list]:
    """The ``names`` columns of record dicts, or of tuples holding them in that order."""
    if not records:
        return {name: [] for name in names}
    if isinstance(records[0], dict):
        # map(dict.get, ...): one C call per cell, not a Python-level r.get(c).
        return {name: list(map(dict.get, records, repeat(name, len(records))))
                for name in names}
    return dict(zip(names, map(list, zip(*records, strict=True)), strict=True))


def _frame(records: list[dict] | list[tuple], columns: list[str]) -> gpd.GeoDataFrame:
    """A frame of ``columns`` from record dicts, or from tuples in the order
    ``(*columns, lon, lat)``.

    Built column by column: ``DataFrame.from_records`` goes through a two-dimensional
    object array and takes about seven times the memory (100,000 events: 260 MB).
    """
    import geopandas as gpd
    import pandas as pd

    values = column_values(records, [*columns, "lon", "lat"])
    data = {}
    for col in columns:
        if col in INTEGER_COLUMNS:
            data[col] = pd.Series(values.pop(col), dtype="Float64").astype("Int64")
        elif col == "confidence":
            data[col] = pd.Series(values.pop(col), dtype="float64")
        elif col == "metonymic":
            data[col] = pd.Series(values.pop(col), dtype="object").astype("bool")
        else:
            series = pd.Series(values.pop(col), dtype="object")
            data[col] = series.where(series.notna(), None)
    geometry = gpd.points_from_xy(pd.Series(values["lon"], dtype="float64"),
                                  pd.Series(values["lat"], dtype="float64"), crs=CRS)
    return gpd.GeoDataFrame(pd.DataFrame(data, columns=list(columns)), geometry=geometry,
                            crs=CRS)


def to_geodataframes(parsed: Parsed | Iterable[Parsed]) -> GeoFrames:
    """Events, places and mentions of one or many parsed documents (EPSG:4326).

    Only literal mentions count for places; metonymic ones ("Moscow said") stay in the
    mentions layer with ``metonymic`` true.
    """
    docs = [parsed] if isinstance(parsed, Parsed) else list(parsed)
    events, mentions = [], []
    places: dict[str, dict] = {}
    for doc in docs:
        events += [event_row(e) for e in doc.events]
        for m in doc.mentions:
            if m.place is None:
                continue
            mentions.append(mention_row(doc.document.id, m))
            if m.metonymic:
                continue
            p = m.place
            rec = places.setdefault(p.id, {
                "place_id": p.id, "place_name": p.name, "kind": p.kind,
                "country_code": p.country_code, "admin1": p.admin1,
                "population": p.population, "mentions": 0, "doc_ids": [],
                "lon": p.lon, "lat": p.lat,
            })
            rec["mentions"] += 1
            if doc.document.id not in rec["doc_ids"]:
                rec["doc_ids"].append(doc.document.id)
    for rec in places.values():
        rec["doc_ids"] = ",".join(rec["doc_ids"])
    return GeoFrames(
        events=_frame(events, EVENT_COLUMNS),
        places=_frame(list(places.values()), PLACE_COLUMNS),
        mentions=_frame(mentions, MENTION_COLUMNS),
    )
