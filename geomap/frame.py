"""Parsed documents to GeoDataFrames with the output schema of DESIGN.md section 3."""

from __future__ import annotations

from collections.abc import Iterable
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


def event_record(e: Event) -> dict:
    d = e.date
    return {
        "event_id": e.event_id, "doc_id": e.doc_id, "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "event_date": d.value if d else None,
        "date_precision": d.precision if d else None,
        "event_start": d.start.isoformat() if d else None,
        "event_end": d.end.isoformat() if d else None,
        "place_name": e.place.name, "place_id": e.place.id,
        "country_code": e.place.country_code, "geo_precision": e.place.geo_precision,
        "fatalities": e.fatalities, "injured": e.injured, "actors": e.actors,
        "evidence": e.evidence, "source": e.source, "confidence": round(e.confidence, 3),
        "sources": e.sources,
        "lon": e.place.lon, "lat": e.place.lat,
    }


def mention_record(doc_id: str, m: Mention) -> dict:
    p = m.place
    assert p is not None
    return {
        "doc_id": doc_id, "start": m.span.start, "end": m.span.end, "text": m.span.text,
        "place_id": p.id, "place_name": p.name, "kind": p.kind,
        "country_code": p.country_code, "confidence": m.confidence,
        "metonymic": m.metonymic, "lon": p.lon, "lat": p.lat,
    }


def _frame(records: list[dict] | list[tuple], columns: list[str]) -> gpd.GeoDataFrame:
    """A frame of ``columns`` from record dicts, or from tuples in the order
    ``(*columns, lon, lat)``.

    Built column by column: ``DataFrame.from_records`` goes through a two-dimensional
    object array and takes about seven times the memory (100,000 events: 260 MB).
    """
    import geopandas as gpd
    import pandas as pd

    names = [*columns, "lon", "lat"]
    if not records:
        values: dict[str, list] = {name: [] for name in names}
    elif isinstance(records[0], dict):
        values = {name: [r.get(name) for r in records] for name in names}
    else:
        values = dict(zip(names, map(list, zip(*records, strict=True)), strict=True))
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
        events += [event_record(e) for e in doc.events]
        for m in doc.mentions:
            if m.place is None:
                continue
            mentions.append(mention_record(doc.document.id, m))
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
