"""GIS outputs: every file read back with GDAL (pyogrio) and, where installed, real QGIS."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from geomap import styles
from geomap.export import (
    DATE_COLUMNS,
    GPKG_VERSION,
    reproducible_timestamp,
    write_geojson,
    write_gis,
    write_gpkg,
)
from geomap.frame import EVENT_COLUMNS, MENTION_COLUMNS, PLACE_COLUMNS, to_geodataframes
from geomap.maps import FAMILY_COLOURS, FAMILY_LABELS, OTHER_COLOUR
from geomap.pipeline import parse
from geomap.run import DEFAULT_FORMATS, FORMATS, map_files
from tests.conftest import ROOT

GIS_FORMATS = [f for f in FORMATS if f != "html"]
COLUMNS = {"events": EVENT_COLUMNS, "places": PLACE_COLUMNS, "mentions": MENTION_COLUMNS}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
QGIS_PYTHON = "/usr/bin/python3"
PROBE = ROOT / "tests" / "qgis_probe.py"


@pytest.fixture(scope="module")
def frames(geoparser, seed_text):
    parsed = parse(seed_text, published="2022-03-03", geoparser=geoparser)
    frames = to_geodataframes(parsed)
    assert len(frames.events) and len(frames.places) and len(frames.mentions)
    return frames._asdict()


@pytest.fixture(scope="module")
def out(frames, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gis")
    write_gis(frames, folder, GIS_FORMATS)
    return folder


def _expected(gdf: pd.DataFrame, col: str) -> list:
    """A column's values as plain Python, missing as None."""
    return [None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in gdf[col]]


def _read(series: pd.Series) -> list:
    values = []
    for v in series:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            values.append(None)
        elif isinstance(v, pd.Timestamp):
            values.append(v.date().isoformat())
        else:
            values.append(v.item() if hasattr(v, "item") else v)
    return values


def _assert_same_layer(back, gdf, columns):
    assert back.crs.to_epsg() == 4326
    assert len(back) == len(gdf)
    assert back.geometry.geom_type.eq("Point").all()
    assert back.geometry.geom_equals_exact(gdf.geometry.reset_index(drop=True), 1e-6).all()
    for col in columns:
        got, want = _read(back[col]), _expected(gdf, col)
        if col == "confidence":
            assert got == pytest.approx(want), col
        else:
            assert got == want, col


# -- GeoJSON ----------------------------------------------------------------------------


@pytest.mark.parametrize("layer", ["events", "places", "mentions"])
def test_geojson_reads_back_with_gdal(out, frames, layer):
    path = out / f"{layer}.geojson"
    back = pyogrio.read_dataframe(path)
    _assert_same_layer(back, frames[layer], COLUMNS[layer])
    info = pyogrio.read_info(path)
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    for col in COLUMNS[layer]:
        if col in ("geo_precision", "fatalities", "injured", "population", "mentions",
                   "start", "end"):
            assert types[col] == "int32" or types[col] == "int64", col
    if layer == "events":
        assert types["event_start"].startswith("datetime64")  # GDAL sees ISO dates


@pytest.mark.parametrize("layer", ["events", "places", "mentions"])
def test_geojson_properties_have_one_type_each(out, layer):
    doc = json.loads((out / f"{layer}.geojson").read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    seen: dict[str, set[str]] = {}
    for feature in doc["features"]:
        assert list(feature["properties"]) == COLUMNS[layer]
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert all(len(repr(c).split(".")[-1]) <= 6 for c in (lon, lat))
        for key, value in feature["properties"].items():
            if value is not None:
                seen.setdefault(key, set()).add(type(value).__name__)
        for key in DATE_COLUMNS:
            if key in feature["properties"] and feature["properties"][key] is not None:
                assert ISO_DATE.match(feature["properties"][key])
    assert all(len(kinds) == 1 for kinds in seen.values()), seen


def test_geojson_gives_mixed_columns_one_type(tmp_path):
    import datetime as dt

    import geopandas as gpd
    import numpy as np

    gdf = gpd.GeoDataFrame(
        {
            "mixed": [1, "two", None],
            "ints": pd.array([1, None, 3], dtype="Int64"),
            "floats": [0.5, np.nan, 2.0],
            "flags": [np.bool_(True), False, None],
            "when": [dt.date(2022, 3, 3), None, dt.date(2014, 1, 1)],
            "stamp": pd.to_datetime(["2022-03-03T10:00:00", None, "2022-03-04T00:00:00"]),
        },
        geometry=gpd.points_from_xy([30.5, 31.0, 32.0], [50.4, 49.0, 48.0]), crs="EPSG:4326")
    path = write_geojson(gdf, tmp_path / "mixed.geojson")
    props = [f["properties"] for f in json.loads(path.read_text())["features"]]
    assert [p["mixed"] for p in props] == ["1", "two", None]
    assert [p["ints"] for p in props] == [1, None, 3]
    assert [p["floats"] for p in props] == [0.5, None, 2.0]
    assert [p["flags"] for p in props] == [True, False, None]
    assert [p["when"] for p in props] == ["2022-03-03", None, "2014-01-01"]
    assert props[0]["stamp"] == "2022-03-03T10:00:00" and props[1]["stamp"] is None
    assert '"floats":2.0' in path.read_text()  # a real number stays a real number


# -- GeoPackage -------------------------------------------------------------------------


def _declared_types(db: Path, table: str) -> dict[str, str]:
    with sqlite3.connect(db) as con:
        return {row[1]: row[2] for row in con.execute(f'PRAGMA table_info("{table}")')}


def test_gpkg_has_the_three_layers_and_the_styles_table(out):
    layers = {name: kind for name, kind in pyogrio.list_layers(out / "events.gpkg")}
    assert layers == {"events": "Point", "places": "Point", "mentions": "Point",
                      "layer_styles": None}
    with sqlite3.connect(out / "events.gpkg") as con:
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # "GPKG"
        major, minor = (int(x) for x in GPKG_VERSION.split("."))
        assert con.execute("PRAGMA user_version").fetchone()[0] == major * 10000 + minor * 100
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rtrees = {r[0] for r in con.execute(
            "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'")}
        assert rtrees == {"events", "places", "mentions"}
        for layer in ("events", "places", "mentions"):
            n = con.execute(f'SELECT count(*) FROM "rtree_{layer}_geom"').fetchone()[0]
            assert n == con.execute(f'SELECT count(*) FROM "{layer}"').fetchone()[0]
        srs = con.execute("SELECT DISTINCT srs_id FROM gpkg_geometry_columns").fetchall()
        assert srs == [(4326,)]


@pytest.mark.parametrize("layer", ["events", "places", "mentions"])
def test_gpkg_layers_read_back_with_gdal(out, frames, layer):
    back = pyogrio.read_dataframe(out / "events.gpkg", layer=layer)
    assert list(back.columns) == [*COLUMNS[layer], "geometry"]
    _assert_same_layer(back, frames[layer], COLUMNS[layer])


def test_gpkg_fields_have_proper_types(out):
    db = out / "events.gpkg"
    events = _declared_types(db, "events")
    assert events["geom"] == "POINT"
    assert events["event_start"] == events["event_end"] == "DATE"
    assert events["event_date"] == "TEXT"  # '2022-03', '2014' are not dates
    for col in ("geo_precision", "fatalities", "injured"):
        assert events[col] == "INTEGER"
    assert events["confidence"] == "REAL"
    assert events["evidence"] == events["event_type"] == "TEXT"
    places = _declared_types(db, "places")
    assert places["population"] == places["mentions"] == "INTEGER"
    mentions = _declared_types(db, "mentions")
    assert mentions["start"] == mentions["end"] == "INTEGER"
    assert mentions["metonymic"] == "BOOLEAN"
    info = pyogrio.read_info(db, layer="events")
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["event_start"] == "datetime64[D]" or types["event_start"].startswith(
        "datetime64")
    assert types["fatalities"] == "int64" and types["confidence"] == "float64"
    assert info["crs"] == "EPSG:4326" and info["geometry_type"] == "Point"
    assert pyogrio.read_info(db, layer="mentions")["dtypes"][
        list(pyogrio.read_info(db, layer="mentions")["fields"]).index("metonymic")] == "bool"


def test_gpkg_layer_styles_is_qgis_own_table(out):
    db = out / "events.gpkg"
    assert list(_declared_types(db, "layer_styles").items()) == [
        ("id", "INTEGER"), ("f_table_catalog", "TEXT(256)"), ("f_table_schema", "TEXT(256)"),
        ("f_table_name", "TEXT(256)"), ("f_geometry_column", "TEXT(256)"),
        ("styleName", "TEXT(30)"), ("styleQML", "TEXT"), ("styleSLD", "TEXT"),
        ("useAsDefault", "BOOLEAN"), ("description", "TEXT"), ("owner", "TEXT(30)"),
        ("ui", "TEXT(30)"), ("update_time", "DATETIME"),
    ]
    rows = pyogrio.read_dataframe(db, layer="layer_styles")  # GDAL sees it as a table
    assert rows.f_table_name.tolist() == ["events", "places", "mentions"]
    assert rows.f_geometry_column.unique().tolist() == ["geom"]
    assert rows.useAsDefault.all()
    assert rows.f_table_catalog.unique().tolist() == [""]
    for row in rows.itertuples():
        assert row.styleQML == styles.qml(row.f_table_name)
        assert row.styleSLD == styles.sld(row.f_table_name)
    with sqlite3.connect(db) as con:
        stamps = {r[0] for r in con.execute("SELECT update_time FROM layer_styles")}
        stamps |= {r[0] for r in con.execute("SELECT last_change FROM gpkg_contents")}
        counts = dict(con.execute("SELECT table_name, feature_count FROM gpkg_ogr_contents"))
    assert stamps == {reproducible_timestamp()}
    assert counts["layer_styles"] == 3


def test_gpkg_write_is_atomic(tmp_path, frames, monkeypatch):
    target = tmp_path / "events.gpkg"
    write_gpkg(frames, target)
    before = target.read_bytes()
    real = pyogrio.write_arrow
    calls = []

    def failing(data, path, **kw):  # the second layer's write fails half-way
        calls.append(path)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(data, path, **kw)

    monkeypatch.setattr(pyogrio, "write_arrow", failing)
    with pytest.raises(RuntimeError):
        write_gpkg(frames, target)
    assert Path(calls[0]).parent != target.parent  # GDAL never writes the target itself
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["events.gpkg"]


# -- CSV and GeoParquet -----------------------------------------------------------------


def test_csv_has_lat_lon_and_wkt_and_reads_back_typed(out, frames):
    events = frames["events"]
    with open(out / "events.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == [*EVENT_COLUMNS, "lat", "lon", "WKT"]
    for row, geom in zip(rows, events.geometry, strict=True):
        assert float(row["lat"]) == pytest.approx(geom.y, abs=1e-6)
        assert float(row["lon"]) == pytest.approx(geom.x, abs=1e-6)
        assert row["WKT"] == f"POINT ({row['lon']} {row['lat']})"
    assert (out / "events.csvt").read_text().count(",") == len(EVENT_COLUMNS) + 2
    # .csvt gives the types, WKT the geometry; an empty cell is a null
    back = pyogrio.read_dataframe(out / "events.csv", EMPTY_STRING_AS_NULL="YES")
    back = back.set_crs(4326)
    # CSV has no null apart from the empty cell, so an empty string reads back as null
    _assert_same_layer(back, events.replace({"": None}), EVENT_COLUMNS)
    info = pyogrio.read_info(out / "events.csv")
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["fatalities"] == "int64" and types["confidence"] == "float64"
    assert types["event_start"].startswith("datetime64") and types["event_date"] == "object"
    plain = pd.read_csv(out / "events.csv")  # and pandas users get the same table
    assert plain.event_id.tolist() == events.event_id.tolist()


def test_geoparquet_reads_back(out, frames):
    import geopandas as gpd
    import pyarrow.parquet as pq

    events = frames["events"]
    back = gpd.read_parquet(out / "events.parquet")
    _assert_same_layer(back, events, [c for c in EVENT_COLUMNS if c not in DATE_COLUMNS])
    assert [None if v is None else v.isoformat() for v in back.event_start] == \
        _expected(events, "event_start")
    schema = pq.read_schema(out / "events.parquet")
    assert str(schema.field("event_start").type) == "date32[day]"
    assert str(schema.field("fatalities").type) == "int64"
    assert str(schema.field("event_date").type) == "string"
    geo = json.loads(schema.metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    assert geo["columns"]["geometry"]["encoding"] == "WKB"
    assert geo["columns"]["geometry"]["geometry_types"] == ["Point"]


# -- styles -----------------------------------------------------------------------------


def test_qml_categorises_events_with_the_web_map_colours():
    root = ET.fromstring(styles.qml("events").split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    assert renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "event_type"
    cats = {c.get("value"): c for c in renderer.find("categories")}
    assert list(cats) == [*FAMILY_COLOURS, ""]
    symbols = {s.get("name"): s for s in renderer.find("symbols")}
    for family, colour in [*FAMILY_COLOURS.items(), ("", OTHER_COLOUR)]:
        assert cats[family].get("label") == FAMILY_LABELS.get(family, "Other")
        layer = symbols[cats[family].get("symbol")].find("layer")
        rgb = layer.find("Option/Option[@name='color']").get("value").split(",")[:3]
        assert "#" + "".join(f"{int(c):02x}" for c in rgb) == colour
    temporal = root.find("temporal")
    assert (temporal.get("enabled"), temporal.get("mode")) == ("1", "4")  # expressions
    assert (temporal.get("startField"), temporal.get("endField")) == ("event_start",
                                                                       "event_end")
    assert (temporal.get("startExpression"), temporal.get("endExpression")) == (
        'to_datetime("event_start")', 'to_datetime("event_end") + make_interval(days:=1)')


def test_qml_sizes_and_labels_places():
    root = ET.fromstring(styles.qml("places").split("\n", 1)[1])
    assert root.get("labelsEnabled") == "1"
    assert root.find("labeling/settings/text-style").get("fieldName") == "place_name"
    size = root.find(".//layer/data_defined_properties//Option[@name='size']")
    expression = size.find("Option[@name='expression']").get("value")
    assert expression == styles.place_size_expression() and '"mentions"' in expression


def test_sld_is_symbology_encoding():
    for layer in styles.LAYERS:
        root = ET.fromstring(styles.sld(layer).split("\n", 1)[1])
        assert root.tag == "{http://www.opengis.net/sld}StyledLayerDescriptor"
    ns = {"se": "http://www.opengis.net/se", "ogc": "http://www.opengis.net/ogc"}
    events = ET.fromstring(styles.sld("events").split("\n", 1)[1])
    literals = [e.text for e in events.findall(".//ogc:PropertyIsEqualTo/ogc:Literal", ns)]
    assert literals == list(FAMILY_COLOURS)
    fills = [e.text for e in events.findall(".//se:Fill/se:SvgParameter[@name='fill']", ns)]
    assert fills == [*FAMILY_COLOURS.values(), OTHER_COLOUR]
    places = ET.fromstring(styles.sld("places").split("\n", 1)[1])
    assert places.find(".//se:TextSymbolizer/se:Label/ogc:PropertyName", ns).text == \
        "place_name"


def test_qml_sidecars_and_layer_definition(out):
    for layer in styles.LAYERS:
        assert (out / f"{layer}.qml").read_text(encoding="utf-8") == styles.qml(layer)
    root = ET.fromstring((out / "geomap.qlr").read_text(encoding="utf-8").split("\n", 1)[1])
    nodes = root.findall(".//layer-tree-layer")
    assert [n.get("name") for n in nodes] == ["events", "places", "mentions"]
    assert [n.get("source") for n in nodes] == [
        f"./events.gpkg|layername={n}" for n in ("events", "places", "mentions")]
    assert [n.get("checked") for n in nodes] == ["Qt::Checked"] * 2 + ["Qt::Unchecked"]
    events = root.find("maplayers/maplayer")
    assert events.find("temporal").get("startField") == "event_start"


# -- determinism and --format -----------------------------------------------------------


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_rerun_writes_byte_identical_files(frames, out, tmp_path):
    first = _tree(out)
    assert set(first) == {
        "events.geojson", "places.geojson", "mentions.geojson", "events.qml", "places.qml",
        "mentions.qml", "events.gpkg", "events.csv", "events.csvt", "events.parquet",
        "geomap.qlr"}
    again = tmp_path / "again"
    write_gis(frames, again, GIS_FORMATS)
    write_gis(frames, again, GIS_FORMATS)  # over existing files, too
    second = _tree(again)
    assert [n for n in first if first[n] != second[n]] == []
    assert oct((again / "events.gpkg").stat().st_mode & 0o777) == oct(
        (again / "events.csv").stat().st_mode & 0o777)


def test_timestamps_follow_source_date_epoch(frames, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1646265600")
    assert reproducible_timestamp() == "2022-03-03T00:00:00.000Z"
    write_gpkg(frames, tmp_path / "events.gpkg")
    with sqlite3.connect(tmp_path / "events.gpkg") as con:
        stamps = {r[0] for r in con.execute("SELECT last_change FROM gpkg_contents")}
    assert stamps == {"2022-03-03T00:00:00.000Z"}


def test_empty_layers_keep_their_schema(tmp_path):
    frames = to_geodataframes([])._asdict()
    write_gis(frames, tmp_path, GIS_FORMATS)
    info = pyogrio.read_info(tmp_path / "events.gpkg", layer="events")
    assert info["features"] == 0 and list(info["fields"]) == EVENT_COLUMNS
    assert json.loads((tmp_path / "events.geojson").read_text())["features"] == []
    assert (tmp_path / "events.csv").read_text().splitlines() == [
        ",".join([*EVENT_COLUMNS, "lat", "lon", "WKT"])]


def test_default_formats_are_the_contract():
    assert {"geojson", "gpkg", "csv", "html"} <= set(DEFAULT_FORMATS) <= set(FORMATS)
    assert "parquet" in FORMATS and "qgis" in DEFAULT_FORMATS


def test_format_chooses_the_outputs(tmp_path, geoparser):
    seed = ROOT / "seeds" / "000_62c23869d16e3724.txt"
    report = map_files([seed], tmp_path / "a", formats=["csv", "parquet"],
                       geoparser=geoparser)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [
        "events.csv", "events.csvt", "events.parquet", "report.json"]
    assert report.outputs == ["events.csv", "events.csvt", "events.parquet", "report.json"]
    map_files([seed], tmp_path / "b", formats=["geojson", "qgis"], geoparser=geoparser)
    qlr = (tmp_path / "b" / "geomap.qlr").read_text(encoding="utf-8")
    assert 'source="./events.geojson"' in qlr and "gpkg" not in qlr
    with pytest.raises(ValueError, match="qgis needs gpkg or geojson"):
        map_files([seed], tmp_path / "c", formats=["qgis"], geoparser=geoparser)
    with pytest.raises(ValueError, match="unknown output format"):
        map_files([seed], tmp_path / "c", formats=["shapefile"], geoparser=geoparser)


# -- real QGIS --------------------------------------------------------------------------


def _qgis_missing() -> str | None:
    if not Path(QGIS_PYTHON).exists():
        return f"{QGIS_PYTHON} missing"
    res = subprocess.run([QGIS_PYTHON, "-c", "import qgis.core"], capture_output=True)
    if res.returncode:
        return ("QGIS Python bindings missing: `make qgis` (or apt-get install "
                "python3-qgis) installs them")
    return None


@pytest.mark.qgis
def test_qgis_opens_the_layers_styled_and_temporal(out, frames, tmp_path):
    reason = _qgis_missing()
    if reason:
        pytest.skip(reason)
    basemap = tmp_path / "countries.geojson"
    from geomap._assets import basemap_geojson

    basemap.write_text(json.dumps(basemap_geojson()), encoding="utf-8")
    png = tmp_path / "qgis.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_RUNTIME_DIR": str(tmp_path / "xdg")}
    (tmp_path / "xdg").mkdir(mode=0o700)
    res = subprocess.run([QGIS_PYTHON, str(PROBE), str(out), "--png", str(png),
                          "--basemap", str(basemap)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    seen = json.loads(res.stdout)
    expected_categories = [*FAMILY_COLOURS, ""]
    for how in ("gpkg", "geojson"):
        assert set(seen[how]) == {"events", "places", "mentions"}, how
        for layer, info in seen[how].items():
            assert info["valid"], (how, layer)
            assert info["features"] == len(frames[layer]), (how, layer)
            assert info["crs"] == "EPSG:4326"
        events = seen[how]["events"]
        assert events["renderer"] == "categorizedSymbol" and events["attr"] == "event_type"
        assert [c["value"] for c in events["categories"]] == expected_categories
        assert [c["colour"] for c in events["categories"]] == [
            *FAMILY_COLOURS.values(), OTHER_COLOUR]
        assert events["fields"]["event_start"] == events["fields"]["event_end"] == "Date"
        # QGIS reads a default style's temporal setup but, on opening a layer whose
        # provider has no time of its own, switches it off and guesses the mode from
        # the field names; the layer definition below switches it on.
        temporal = events["temporal"]
        assert (temporal["start"], temporal["end"]) == ("event_start", "event_end")
        assert (temporal["start_expression"], temporal["end_expression"]) == \
            styles.temporal_expressions()
        places = seen[how]["places"]
        assert places["size_expression"] == styles.place_size_expression()
        assert places["labels"] and places["label_field"] == "place_name"
    gpkg_fields = seen["gpkg"]["events"]["fields"]
    assert gpkg_fields["fatalities"] == "Integer64" and gpkg_fields["confidence"] == "Real"
    assert gpkg_fields["event_date"] == "String"
    assert seen["gpkg"]["mentions"]["fields"]["metonymic"] == "Boolean"

    qlr = seen["qlr"]
    assert qlr["loaded"], qlr["error"]
    assert set(qlr["layers"]) == {"events", "places", "mentions"}
    for layer, info in qlr["layers"].items():
        assert info["valid"] and info["features"] == len(frames[layer]), layer
        assert info["source"] == f"{out / 'events.gpkg'}|layername={layer}"
    temporal = qlr["layers"]["events"]["temporal"]
    assert temporal["active"] and temporal["mode"] == 4  # start and end from expressions
    assert (temporal["start_expression"], temporal["end_expression"]) == \
        styles.temporal_expressions()
    # the temporal controller shows an event on every day from event_start to event_end
    events = frames["events"]
    shown = qlr["layers"]["events"]["shown_on_day"]
    assert len(shown) >= 3 and any(shown.values())
    for day, n in shown.items():
        on = (events.event_start.isna() | (events.event_start <= day)) & (
            events.event_end.isna() | (events.event_end >= day))
        assert n == int(on.sum()), day
    assert qlr["layers"]["events"]["renderer"] == "categorizedSymbol"
    assert qlr["layers"]["places"]["label_field"] == "place_name"
    assert not qlr["layers"]["mentions"]["visible"]
    assert png.stat().st_size > 20_000

    # without the GeoPackage, the layer definition opens the GeoJSON files
    geojson_only = tmp_path / "geojson"
    write_gis(frames, geojson_only, ["geojson", "qgis"])
    res = subprocess.run([QGIS_PYTHON, str(PROBE), str(geojson_only)],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    layers = json.loads(res.stdout)["qlr"]["layers"]
    for layer, info in layers.items():
        assert info["valid"] and info["features"] == len(frames[layer]), layer
        assert info["source"] == str(geojson_only / f"{layer}.geojson")
    assert layers["events"]["temporal"]["active"]
    assert layers["events"]["shown_on_day"] == shown


def test_qgis_probe_is_plain_python():
    """The probe runs under Debian's python3; it must not import geomap or its deps."""
    source = PROBE.read_text(encoding="utf-8")
    imports = set(re.findall(r"^\s*(?:from|import) (\w+)", source, flags=re.M))
    assert imports <= {"__future__", "argparse", "json", "os", "sys", "pathlib", "qgis"}
    assert shutil.which("python3") is not None
