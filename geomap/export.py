"""Write geomap's layers and run report to files, atomically and reproducibly.

GeoJSON is written by hand rather than through GDAL so that every property keeps one
JSON type in every feature, coordinates carry 6 decimals (about 10 cm) and two runs
over the same input give byte-identical files (RFC 7946: WGS84, longitude first, no
``crs`` member). The GeoPackage is written by GDAL (pyogrio) with typed fields, a
spatial index and QGIS styles in ``layer_styles``; CSV by the standard library with a
``.csvt`` sidecar that gives GDAL and QGIS the column types; GeoParquet by geopandas.

Every writer writes a temporary file in the target's folder and renames it over the
target, so readers never see half a file, and no writer stamps the current time into
its output (GeoPackage timestamps come from ``SOURCE_DATE_EPOCH`` or the Unix epoch).
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import geopandas as gpd

COORDINATE_DECIMALS = 6


def _file_mode() -> int:
    """Permissions a plain ``open()`` would give a new file under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success.

    A reader never sees a half-written file, and an interrupted run leaves the previous
    file in place.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _file_mode())  # mkstemp makes files private; outputs are not
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return True
    except ImportError:  # pragma: no cover
        pass
    return isinstance(value, float) and math.isnan(value)


def _json_value(value: Any) -> Any:
    """Plain JSON value of a cell: numpy/pandas scalars unwrapped, missing as null."""
    if _missing(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


#: Columns holding ISO dates (``YYYY-MM-DD``) that GIS formats store as dates.
#: ``event_date`` is not one: it may be ``2022-02`` or ``2014``.
DATE_COLUMNS = ("event_start", "event_end")


def column_kinds(gdf: gpd.GeoDataFrame, dates: Iterable[str] = ()) -> dict[str, str]:
    """One type per attribute column: integer, number, boolean, date, datetime or string.

    Decided from the dtype, or for object columns from all non-null values (mixed
    values fall back to string), so every feature of a file gets the same type.
    Columns named in ``dates`` that hold ISO date strings are ``date``.
    """
    import datetime as dt

    import pandas as pd

    dates = set(dates)
    kinds = {}
    for col in gdf.columns:
        if col == gdf.geometry.name:
            continue
        series = gdf[col]
        dtype = series.dtype
        if pd.api.types.is_bool_dtype(dtype):
            kind = "boolean"
        elif pd.api.types.is_integer_dtype(dtype):
            kind = "integer"
        elif pd.api.types.is_float_dtype(dtype):
            kind = "number"
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            kind = "datetime"
        else:
            values = [v for v in series if not _missing(v)]
            values = [v.item() if hasattr(v, "item") else v for v in values]
            if values and all(isinstance(v, bool) for v in values):
                kind = "boolean"
            elif values and all(isinstance(v, int) and not isinstance(v, bool)
                                for v in values):
                kind = "integer"
            elif values and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                for v in values):
                kind = "number"
            elif values and all(isinstance(v, dt.datetime) for v in values):
                kind = "datetime"
            elif values and all(isinstance(v, dt.date) for v in values):
                kind = "date"
            else:
                kind = "string"
        if col in dates and kind in ("string", "date"):
            kind = "date"
        kinds[col] = kind
    return kinds


def _cast(value: Any, kind: str) -> Any:
    """``value`` as the plain Python value of ``kind`` (ISO text for dates), or None."""
    if _missing(value):
        return None
    if kind in ("date", "datetime"):
        if hasattr(value, "isoformat"):
            text = value.isoformat()
            return text[:10] if kind == "date" else text
        return str(value)
    value = _json_value(value)
    if value is None:
        return None
    if kind == "integer":
        return int(value)
    if kind == "number":
        value = float(value)
        return value if math.isfinite(value) else None
    if kind == "boolean":
        return bool(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _records(gdf: gpd.GeoDataFrame, kinds: dict[str, str]) -> Iterator[dict[str, Any]]:
    columns = list(kinds)
    for row in gdf[columns].itertuples(index=False, name=None):
        yield {c: _cast(v, kinds[c]) for c, v in zip(columns, row, strict=True)}


def _wgs84(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        return gdf.to_crs("EPSG:4326")
    return gdf


def _xy(geom: Any) -> tuple[float, float] | None:
    """Rounded ``(lon, lat)`` of a point, None for a missing or empty one."""
    if geom is None or geom.is_empty:
        return None
    return round(geom.x, COORDINATE_DECIMALS), round(geom.y, COORDINATE_DECIMALS)


def feature_collection(gdf: gpd.GeoDataFrame) -> Iterator[str]:
    """Lines of an RFC 7946 FeatureCollection of points, one feature per line.

    Each property has one JSON type in every feature (see :func:`column_kinds`), missing
    values are ``null`` and dates are ISO 8601 strings.
    """
    gdf = _wgs84(gdf)
    kinds = column_kinds(gdf)
    yield GEOJSON_HEAD
    n = len(gdf)
    for i, feature in enumerate(feature_lines(gdf, kinds)):
        yield feature + ("," if i < n - 1 else "")
    yield GEOJSON_TAIL


#: First and last line of a FeatureCollection as :func:`feature_collection` writes it.
GEOJSON_HEAD = '{"type":"FeatureCollection","features":['
GEOJSON_TAIL = "]}"


def feature_lines(gdf: gpd.GeoDataFrame, kinds: dict[str, str]) -> Iterator[str]:
    """One compact JSON Feature per row of ``gdf`` (in EPSG:4326), properties typed by
    ``kinds`` (see :func:`column_kinds`)."""
    for geom, props in zip(gdf.geometry, _records(gdf, kinds), strict=True):
        xy = _xy(geom)
        feature = {
            "type": "Feature",
            "geometry": None if xy is None else {"type": "Point", "coordinates": list(xy)},
            "properties": props,
        }
        yield json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def write_geojson(gdf: gpd.GeoDataFrame, path: str | os.PathLike) -> Path:
    """Write point features as RFC 7946 GeoJSON, atomically."""
    with atomic_write(path) as f:
        for line in feature_collection(gdf):
            f.write(line + "\n")
    return Path(path)


def write_text(text: str, path: str | os.PathLike) -> Path:
    """Write a text file (a style, a layer definition) atomically."""
    with atomic_write(path) as f:
        f.write(text)
    return Path(path)


# -- GeoPackage -------------------------------------------------------------------------

#: GeoPackage version written: 1.2 opens without warnings in every GDAL from 2.2 on
#: (QGIS 3.22 in Debian 12 uses GDAL 3.6, which warns about 1.4 files).
GPKG_VERSION = "1.2"
GPKG_GEOMETRY_COLUMN = "geom"
#: QGIS' own ``layer_styles`` table, as QGIS creates it through GDAL.
LAYER_STYLES_SQL = """CREATE TABLE "layer_styles" ( "id" INTEGER PRIMARY KEY AUTOINCREMENT \
NOT NULL, "f_table_catalog" TEXT(256), "f_table_schema" TEXT(256), "f_table_name" \
TEXT(256), "f_geometry_column" TEXT(256), "styleName" TEXT(30), "styleQML" TEXT, \
"styleSLD" TEXT, "useAsDefault" BOOLEAN, "description" TEXT, "owner" TEXT(30), "ui" \
TEXT(30), "update_time" DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"""
_FEATURE_COUNT_TRIGGERS = (
    """CREATE TRIGGER "trigger_insert_feature_count_layer_styles" AFTER INSERT ON \
"layer_styles" BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count + 1 \
WHERE lower(table_name) = lower('layer_styles'); END""",
    """CREATE TRIGGER "trigger_delete_feature_count_layer_styles" AFTER DELETE ON \
"layer_styles" BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count - 1 \
WHERE lower(table_name) = lower('layer_styles'); END""",
)


def reproducible_timestamp() -> str:
    """The time stamped into files: ``SOURCE_DATE_EPOCH`` if set, else the Unix epoch.

    GDAL would stamp the current time into a GeoPackage; a fixed one keeps re-runs
    byte-identical (the reproducible-builds convention).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = int(epoch) if epoch.isdigit() else 0
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


@contextmanager
def gdal_config(**options: str) -> Iterator[None]:
    """Set GDAL configuration options for the duration of a block, then restore them."""
    from pyogrio import get_gdal_config_option, set_gdal_config_options

    old = {k: get_gdal_config_option(k) for k in options}
    set_gdal_config_options(options)
    try:
        yield
    finally:
        set_gdal_config_options(old)


def gis_frame(gdf: gpd.GeoDataFrame, dates: Iterable[str] = DATE_COLUMNS) -> gpd.GeoDataFrame:
    """A copy of ``gdf`` (in EPSG:4326) with GIS-ready columns: ISO date strings in
    ``dates`` as Arrow ``date32`` (GeoPackage DATE, Parquet DATE), object columns of one
    Python type each (see :func:`column_kinds`)."""
    import datetime as dt

    gdf = _wgs84(gdf).copy()
    kinds = column_kinds(gdf, dates)
    for col, kind in kinds.items():
        if kind == "date":  # Arrow date32, so GDAL writes DATE even for no rows
            import pandas as pd
            import pyarrow as pa

            values = [None if _missing(v) else
                      v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10])
                      for v in gdf[col]]
            gdf[col] = pd.array(values, dtype=pd.ArrowDtype(pa.date32()))
        elif gdf[col].dtype == object:
            gdf[col] = [_cast(v, kind) for v in gdf[col]]
            gdf[col] = gdf[col].astype("object")
    return gdf


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_layer_styles(db: Path, styles: Mapping[str, tuple[str, str]], stamp: str) -> None:
    """Store ``{layer: (qml, sld)}`` as each layer's default style, as QGIS would."""
    import sqlite3

    con = sqlite3.connect(db)
    try:
        with con:
            con.execute(LAYER_STYLES_SQL)
            con.executemany(
                'INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, '
                'f_geometry_column, "styleName", "styleQML", "styleSLD", "useAsDefault", '
                'description, owner, ui, update_time) '
                "VALUES ('', '', ?, ?, ?, ?, ?, 1, ?, '', NULL, ?)",
                [(layer, GPKG_GEOMETRY_COLUMN, layer, qml, sld, f"geomap style of {layer}",
                  stamp) for layer, (qml, sld) in styles.items()])
            con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
                        "description, last_change) VALUES "
                        "('layer_styles', 'attributes', 'layer_styles', '', ?)", (stamp,))
            has_counts = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                                     "AND name = 'gpkg_ogr_contents'").fetchone()
            if has_counts:
                con.execute("INSERT INTO gpkg_ogr_contents (table_name, feature_count) "
                            "VALUES ('layer_styles', ?)", (len(styles),))
                for trigger in _FEATURE_COUNT_TRIGGERS:
                    con.execute(trigger)
    finally:
        con.close()


def write_gpkg(layers: Mapping[str, gpd.GeoDataFrame], path: str | os.PathLike, *,
               styles: Mapping[str, tuple[str, str]] | None = None) -> Path:
    """Write point layers into one GeoPackage, atomically and reproducibly.

    Fields get GeoPackage types (INTEGER, REAL, BOOLEAN, DATE for :data:`DATE_COLUMNS`,
    TEXT), every layer an R-tree spatial index. ``styles`` maps layer names to
    ``(qml, sld)`` stored in QGIS' ``layer_styles`` table as the default styles; by
    default :mod:`geomap.styles` gives the three geomap layers theirs.

    GDAL writes into a temporary folder beside ``path`` (the GPKG driver insists on a
    ``.gpkg`` name) and the finished file is renamed over ``path``. GDAL's timestamps
    are pinned with ``OGR_CURRENT_DATE`` (see :func:`reproducible_timestamp`).
    """
    import pyarrow as pa

    readers = {}
    for name, gdf in layers.items():
        table = gpkg_arrow(gdf)
        readers[name] = pa.RecordBatchReader.from_batches(table.schema, table.to_batches())
    return write_gpkg_stream(readers, path, styles=styles)


def gpkg_arrow(gdf: gpd.GeoDataFrame) -> Any:
    """The Arrow table ``pyogrio.write_dataframe(use_arrow=True)`` hands GDAL for
    ``gis_frame(gdf)``: WKB geometry in ``geometry``, all-null columns as strings, no
    schema metadata (GDAL ignores it).  Chunks of one layer share one schema."""
    import pandas as pd
    import pyarrow as pa
    from geopandas.array import to_wkb

    frame = gis_frame(gdf)
    geometry = to_wkb(frame.geometry.values)
    df = pd.DataFrame(frame, copy=False)
    df[frame.geometry.name] = geometry
    table = pa.Table.from_pandas(df, preserve_index=False)
    for i, fld in enumerate(table.schema):
        if pa.types.is_null(fld.type):
            table = table.set_column(i, fld.with_type(pa.string()), table[i].cast(pa.string()))
    name = frame.geometry.name
    gfield = table.schema.field(name)
    if not (pa.types.is_binary(gfield.type) or pa.types.is_large_binary(gfield.type)):
        idx = table.schema.get_field_index(name)
        table = table.set_column(idx, gfield.with_type(pa.binary()), table[name].cast(pa.binary()))
    return table.replace_schema_metadata(None)


#: Memory GDAL may use to build a GeoPackage layer's spatial index.
RTREE_RAM_BYTES = 100_000_000


def write_gpkg_stream(layers: Mapping[str, Any], path: str | os.PathLike, *,
                      styles: Mapping[str, tuple[str, str]] | None = None) -> Path:
    """:func:`write_gpkg` from Arrow streams: ``{layer: RecordBatchReader}`` of
    :func:`gpkg_arrow` batches, so a layer never has to fit in memory.  Writes the same
    bytes as :func:`write_gpkg` given the same rows."""
    import pyogrio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if styles is None:
        from geomap import styles as qgis_styles

        styles = {name: (qgis_styles.qml(name), qgis_styles.sld(name))
                  for name in layers if name in qgis_styles.LAYERS}
    stamp = reproducible_timestamp()
    tmpdir = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    tmp = tmpdir / path.name
    try:
        # GDAL builds the spatial index in memory by default (about 33 bytes a feature,
        # 600 MB for 18 million mentions); capped, it builds it in SQLite instead.
        with gdal_config(OGR_CURRENT_DATE=stamp, OGR_GPKG_ALLOW_THREADED_RTREE="NO",
                         OGR_GPKG_MAX_RAM_USAGE_RTREE=str(RTREE_RAM_BYTES)):
            for i, (name, reader) in enumerate(layers.items()):
                pyogrio.write_arrow(
                    reader, tmp, layer=name, driver="GPKG", geometry_name="geometry",
                    geometry_type="Point", crs="EPSG:4326",
                    dataset_options={"VERSION": GPKG_VERSION} if i == 0 else None,
                    layer_options={"SPATIAL_INDEX": "YES", "FID": "fid",
                                   "GEOMETRY_NAME": GPKG_GEOMETRY_COLUMN})
        if styles:
            _write_layer_styles(tmp, styles, stamp)
        _fsync(tmp)
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return path


# -- CSV and GeoParquet -----------------------------------------------------------------

#: GDAL's ``.csvt`` names of :func:`column_kinds` kinds.
CSVT_TYPES = {"integer": "Integer64", "number": "Real", "boolean": "Integer(Boolean)",
              "date": "Date", "datetime": "DateTime", "string": "String"}


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if not isinstance(value, float) else repr(value)


def write_csv(gdf: gpd.GeoDataFrame, path: str | os.PathLike) -> list[Path]:
    """Write points as CSV with ``lat``, ``lon`` and ``WKT`` columns, plus a ``.csvt``.

    UTF-8 without BOM, comma-separated, quoted where needed, ``\\n`` line ends, empty
    cells for nulls, coordinates with 6 decimals (WGS84). The ``.csvt`` sidecar (one
    line of GDAL type names) makes GDAL and QGIS read integers, reals and dates as such
    and the ``WKT`` column as the geometry. Returns both paths.
    """
    import csv

    path = Path(path)
    gdf = _wgs84(gdf)
    kinds = column_kinds(gdf, DATE_COLUMNS)
    with atomic_write(path) as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(csv_header(kinds))
        writer.writerows(csv_rows(gdf, kinds))
    return [path, write_csvt(kinds, path)]


def csv_header(kinds: dict[str, str]) -> list[str]:
    return [*kinds, "lat", "lon", "WKT"]


def csv_rows(gdf: gpd.GeoDataFrame, kinds: dict[str, str]) -> Iterator[list[str]]:
    """CSV cells of each row of ``gdf`` (in EPSG:4326): properties, lat, lon, WKT."""
    for geom, props in zip(gdf.geometry, _records(gdf, kinds), strict=True):
        xy = _xy(geom)
        coords = ["", "", ""] if xy is None else [
            repr(xy[1]), repr(xy[0]), f"POINT ({xy[0]!r} {xy[1]!r})"]
        yield [_csv_cell(v) for v in props.values()] + coords


def write_csvt(kinds: dict[str, str], csv_path: str | os.PathLike) -> Path:
    """The ``.csvt`` sidecar of a CSV written with ``kinds``."""
    types = [CSVT_TYPES[k] for k in kinds.values()] + ["Real", "Real", "WKT"]
    return write_text(",".join(f'"{t}"' for t in types) + "\n",
                      Path(csv_path).with_suffix(".csvt"))


def write_parquet(gdf: gpd.GeoDataFrame, path: str | os.PathLike) -> Path:
    """Write GeoParquet (WKB points, EPSG:4326, dates as Parquet DATE), atomically.

    Needs ``pyarrow``. Reads back with ``geopandas.read_parquet`` or DuckDB's spatial
    extension.
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise ValueError("GeoParquet output needs pyarrow: pip install pyarrow") from exc
    frame = gis_frame(gdf)
    with atomic_write(path, "wb") as f:
        frame.to_parquet(f, index=False, compression="zstd")
    return Path(path)


# -- everything for ``geomap map --format`` ---------------------------------------------

#: What each GIS format writes (``html`` is :mod:`geomap.maps`' job).
FORMAT_FILES = {
    "geojson": "events/places/mentions.geojson with .qml QGIS styles beside them",
    "gpkg": "events.gpkg: layers events, places, mentions with QGIS styles",
    "csv": "events.csv with lat, lon and WKT columns (+ events.csvt column types)",
    "parquet": "events.parquet (GeoParquet)",
    "qgis": "geomap.qlr: a QGIS layer definition opening all layers styled, with the "
            "temporal controller on event_start/event_end",
}


def write_gis(frames: Mapping[str, gpd.GeoDataFrame], out: str | os.PathLike,
              formats: Iterable[str]) -> list[Path]:
    """Write the layers ``frames`` (``events``, ``places``, ``mentions``) in ``formats``.

    Returns the paths written, in a stable order. ``qgis`` points its layer definition
    at the GeoPackage when ``gpkg`` is among ``formats``, else at the GeoJSON files.
    """
    from geomap import styles

    out = Path(out)
    formats = tuple(formats)
    written: list[Path] = []
    if "geojson" in formats:
        for name, gdf in frames.items():
            written.append(write_geojson(gdf, out / f"{name}.geojson"))
            if name in styles.LAYERS:
                written.append(write_text(styles.qml(name), out / f"{name}.qml"))
    if "gpkg" in formats:
        written.append(write_gpkg(frames, out / "events.gpkg"))
    if "csv" in formats:
        written += write_csv(frames["events"], out / "events.csv")
    if "parquet" in formats:
        written.append(write_parquet(frames["events"], out / "events.parquet"))
    if "qgis" in formats:
        if "gpkg" in formats:
            sources = [f"./events.gpkg|layername={name}" for name in frames]
        elif "geojson" in formats:
            sources = [f"./{name}.geojson" for name in frames]
        else:
            raise ValueError("format qgis needs gpkg or geojson: its layer definition "
                             "opens those files")
        layers = [styles.LayerSource(name, src, visible=name != "mentions")
                  for name, src in zip(frames, sources, strict=True)
                  if name in styles.LAYERS]
        written.append(write_text(styles.layer_definition(layers), out / "geomap.qlr"))
    return written
