"""The whole run on the seed article, through the real CLI, read back with GDAL."""

from __future__ import annotations

import json
import subprocess
import sys

import geopandas as gpd
import pyogrio
import pytest
from shapely import box

from gazetteer.rank import haversine_km
from gazetteer.sources import natural_earth_countries_path
from tests.conftest import SEED

# GeoNames points of the seed's towns (geonames.org, the records our ids name).
TOWNS = {
    "geonames:700646": ("Mukachevo", 48.44248, 22.71800),
    "geonames:706448": ("Kherson", 46.63695, 32.61458),
    "geonames:701822": ("Mariupol", 47.09514, 37.54131),
    "geonames:703448": ("Kyiv", 50.45466, 30.52380),
}
COUNTRIES = {"Ukraine": "UA", "Russia": "RU", "Belarus": "BY"}
# Rough extents of the seed's regions and sea (lon/lat boxes around their areas).
AREAS = {
    "Crimea": box(32.4, 44.3, 36.7, 46.3),
    "Donbas": box(36.5, 46.8, 40.3, 50.2),
    "Black Sea": box(27.4, 40.9, 41.8, 46.7),
}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    res = subprocess.run([sys.executable, "-m", "geomap.cli", "map", str(SEED), "-o", str(out),
                          "--quiet"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    return out


def test_outputs_exist(out):
    for name in ("events.geojson", "places.geojson", "mentions.geojson", "map.html",
                 "report.json"):
        assert (out / name).stat().st_size > 0, name


def test_places(out):
    places = pyogrio.read_dataframe(out / "places.geojson")
    assert places.crs.to_epsg() == 4326
    by_id = {r.place_id: r for r in places.itertuples()}
    for pid, (name, lat, lon) in TOWNS.items():
        assert pid in by_id, name
        g = by_id[pid].geometry
        assert haversine_km(g.y, g.x, lat, lon) < 50, name
    ne = gpd.read_file(natural_earth_countries_path(), columns=["ISO_A2_EH"])
    land = ne.union_all()
    for name, iso in COUNTRIES.items():
        row = places[(places.kind == "country") & (places.country_code == iso)]
        assert len(row) == 1, name
        assert ne[ne.ISO_A2_EH == iso].union_all().contains(row.geometry.iloc[0]), name
    names = " ".join(places.place_name).lower()
    for name, area in AREAS.items():
        hits = places[places.geometry.within(area)]
        assert len(hits), f"no place inside the area of {name}"
    sea = places[places.kind == "water"]
    assert any(AREAS["Black Sea"].contains(g) and not land.contains(g) for g in sea.geometry)
    for wrong in ("vladimir", "martin", "grumman", "kremlin", "pentagon"):
        assert wrong not in names, wrong
    assert places.mentions.min() >= 1


def _event(events, place_id, types):
    rows = events[(events.place_id == place_id) & events.event_type.isin(types)]
    assert len(rows), f"no {types} event at {place_id}"
    return rows.iloc[0]


def test_events(out):
    events = pyogrio.read_dataframe(out / "events.geojson", datetime_as_string=True)
    seizure = _event(events, "geonames:706448", ["strategic_developments", "battles"])
    shelling = _event(events, "geonames:701822", ["explosions_remote_violence"])
    blasts = _event(events, "geonames:703448", ["explosions_remote_violence"])
    talks = _event(events, "geonames:630336", ["negotiations"])
    for e in (seizure, shelling, blasts, talks):
        assert e.event_date == "2022-03-03"
        assert e.event_start == e.event_end == "2022-03-03"
    assert "shelling" in shelling.evidence
    assert "Kyiv" in blasts.evidence
    assert not events[(events.event_type == "negotiations")
                      & events.country_code.isin(["UA", "RU"])].shape[0]


def test_report(out):
    report = json.loads((out / "report.json").read_text())
    assert report["totals"]["read"] == 1 and report["totals"]["mapped"] == 1
    assert report["inputs"][0]["status"] == "mapped"
    assert "GeoNames" in report["attribution"]
