"""Frames and GeoJSON: written by us, read back by GDAL."""

from __future__ import annotations

import json

import pyogrio

from geomap.export import atomic_write, write_geojson
from geomap.frame import EVENT_COLUMNS, MENTION_COLUMNS, PLACE_COLUMNS, to_geodataframes
from geomap.pipeline import parse


def test_frames_have_the_contract_columns(geoparser):
    parsed = parse("Shelling hit Mariupol and Kherson on Thursday. Moscow said so.",
                   published="2022-03-03", geoparser=geoparser)
    frames = to_geodataframes(parsed)
    assert list(frames.events.columns) == [*EVENT_COLUMNS, "geometry"]
    assert list(frames.places.columns) == [*PLACE_COLUMNS, "geometry"]
    assert list(frames.mentions.columns) == [*MENTION_COLUMNS, "geometry"]
    for gdf in frames:
        assert gdf.crs.to_epsg() == 4326
    assert set(frames.places.place_name) == {"Mariupol", "Kherson"}  # Moscow is metonymic
    assert frames.mentions.metonymic.tolist() == [False, False, True]


def test_geojson_is_rfc7946_and_gdal_reads_it(tmp_path, geoparser):
    parsed = parse("Explosions rocked Kyiv. Refugees fled to Poland.", published="2022-03-03",
                   geoparser=geoparser)
    frames = to_geodataframes(parsed)
    path = write_geojson(frames.mentions, tmp_path / "mentions.geojson")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    kyiv = doc["features"][0]
    lon, lat = kyiv["geometry"]["coordinates"]
    assert (round(lon), round(lat)) == (31, 50)  # longitude first
    assert all(len(str(c).split(".")[-1]) <= 6 for c in kyiv["geometry"]["coordinates"])
    back = pyogrio.read_dataframe(path)
    assert back.crs.to_epsg() == 4326
    assert back.text.tolist() == frames.mentions.text.tolist()
    assert back.start.dtype.kind == "i"
    assert back.geometry.geom_equals_exact(frames.mentions.geometry, 1e-6).all()


def test_nulls_stay_null_and_types_stay_put(tmp_path):
    import geopandas as gpd
    import pandas as pd

    gdf = gpd.GeoDataFrame(
        {"fatalities": pd.array([3, None], dtype="Int64"), "actors": [None, "x"]},
        geometry=gpd.points_from_xy([30.5, 37.5], [50.4, 47.1]), crs="EPSG:4326")
    path = write_geojson(gdf, tmp_path / "e.geojson")
    props = [f["properties"] for f in json.loads(path.read_text())["features"]]
    assert props == [{"fatalities": 3, "actors": None}, {"fatalities": None, "actors": "x"}]


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    try:
        with atomic_write(target) as f:
            f.write("half")
            raise RuntimeError("disk full")
    except RuntimeError:
        pass
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
