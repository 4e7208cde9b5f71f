"""Write geomap's layers and run report to files, atomically and reproducibly.

GeoJSON is written by hand rather than through GDAL so that every property keeps one
JSON type in every feature, coordinates carry 6 decimals (about 10 cm) and two runs
over the same input give byte-identical files (RFC 7946: WGS84, longitude first, no
``crs`` member).
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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


def _json_value(value: Any) -> Any:
    """Plain JSON value of a cell: numpy/pandas scalars unwrapped, missing as null."""
    if value is None:
        return None
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def feature_collection(gdf: gpd.GeoDataFrame) -> Iterator[str]:
    """Lines of an RFC 7946 FeatureCollection of points, one feature per line."""
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    yield '{"type":"FeatureCollection","features":['
    n = len(gdf)
    for i, (geom, row) in enumerate(zip(gdf.geometry, gdf[columns].itertuples(index=False),
                                        strict=True)):
        props = {c: _json_value(v) for c, v in zip(columns, row, strict=True)}
        feature = {
            "type": "Feature",
            "geometry": None if geom is None else {
                "type": "Point",
                "coordinates": [round(geom.x, COORDINATE_DECIMALS),
                                round(geom.y, COORDINATE_DECIMALS)],
            },
            "properties": props,
        }
        yield json.dumps(feature, ensure_ascii=False, separators=(",", ":")) + (
            "," if i < n - 1 else "")
    yield "]}"


def write_geojson(gdf: gpd.GeoDataFrame, path: str | os.PathLike) -> Path:
    """Write point features as RFC 7946 GeoJSON, atomically."""
    with atomic_write(path) as f:
        for line in feature_collection(gdf):
            f.write(line + "\n")
    return Path(path)


def write_json(obj: Any, path: str | os.PathLike) -> Path:
    """Write a JSON document (the run report), atomically and with stable key order."""
    with atomic_write(path) as f:
        json.dump(obj, f, ensure_ascii=False, indent=2, default=str)
        f.write("\n")
    return Path(path)
