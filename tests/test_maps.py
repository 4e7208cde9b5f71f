"""Tests of geomap.maps with real folium and, where marked, a real headless Chromium.

The browser tests open saved pages from file:// with every other request aborted and
recorded, so "works offline" and "runs no injected code" are checked the way a reader's
browser would see them.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import pytest
from shapely.geometry import Point

from geomap import maps
from geomap._assets import OfflineAssetError, basemap_geojson, inline_assets

CHROMIUM = Path("/usr/bin/chromium")

HOSTILE = (
    "<script>window.__pwned=1</script> "
    "</script><script>window.__pwned=2</script> "
    '<img src=x onerror="window.__pwned=3"> '
    'it\'s "quoted" `backticked` ${window.__pwned=4} \\u0041 \\'
)

EVENT_COLUMNS: dict[str, list[Any]] = {
    "event_id": ["e1", "e2", "e3", "e4"],
    "doc_id": ["d1", "d1", "d2", "d2"],
    "event_type": ["battles", "explosions_remote_violence", "displacement", "diplomacy"],
    "sub_event_type": ["armed_clash", "shelling_artillery_missile_attack", None, None],
    "event_date": ["2022-03-03", "2022-03-02", "2022-03", "2022"],
    "date_precision": ["day", "day", "month", "year"],
    "event_start": ["2022-03-03", "2022-03-02", "2022-03-01", "2022-01-01"],
    "event_end": ["2022-03-03", "2022-03-02", "2022-03-31", "2022-12-31"],
    "place_name": ["Kyiv", "Mariupol", "Kherson", "Belarus"],
    "place_id": ["geonames:703448", "geonames:701822", "geonames:706448", "geonames:630336"],
    "country_code": ["UA", "UA", "UA", "BY"],
    "geo_precision": [1, 1, 1, 3],
    "fatalities": [3, None, None, None],
    "injured": [None, 12, None, None],
    "actors": ["Russian forces", None, None, None],
    "evidence": [
        "Heavy fighting was reported in Kyiv on Thursday.",
        "Shelling of Mariupol injured 12 people.",
        "Thousands fled Kherson last month.",
        "Talks were held in Belarus.",
    ],
    "source": ["https://example.com/a", "https://example.com/a", "wire", "wire"],
    "confidence": [0.9, 0.8, 0.6, 0.5],
}
POINTS = [
    Point(30.5238, 50.4547),
    Point(37.5434, 47.0971),
    Point(32.6169, 46.6354),
    Point(28.0, 53.0),
]


def make_events(**overrides: list[Any]) -> gpd.GeoDataFrame:
    columns = {**EVENT_COLUMNS, **overrides}
    n = len(next(iter(columns.values())))
    return gpd.GeoDataFrame(columns, geometry=POINTS[:n], crs="EPSG:4326")


def make_places() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "place_id": ["geonames:703448", "geonames:701822"],
            "place_name": ["Kyiv", "Mariupol"],
            "kind": ["city", "city"],
            "country_code": ["UA", "UA"],
            "admin1": ["Kyiv City", "Donetsk"],
            "population": [2797553, 440367],
            "mentions": [7, 2],
            "doc_ids": [["d1", "d2"], ["d1"]],
        },
        geometry=POINTS[:2],
        crs="EPSG:4326",
    )


def hostile_events() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "event_id": ["x1"],
            "doc_id": ["evil"],
            "event_type": ["battles"],
            "sub_event_type": ["armed_clash"],
            "event_date": ["2022-03-03"],
            "date_precision": ["day"],
            "place_name": [HOSTILE],
            "country_code": ["UA"],
            "fatalities": [1],
            "injured": [None],
            "actors": [HOSTILE],
            "evidence": [HOSTILE],
            "source": ["javascript:window.__pwned=5"],
            "confidence": [0.5],
        },
        geometry=[Point(30.5238, 50.4547)],
        crs="EPSG:4326",
    )


# --------------------------------------------------------------------------- no browser


def test_family_colours_cover_taxonomy() -> None:
    assert len(maps.FAMILY_COLOURS) == 11
    assert set(maps.FAMILY_COLOURS) == set(maps.FAMILY_LABELS)
    colours = list(maps.FAMILY_COLOURS.values())
    assert len(set(colours)) == len(colours)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
    assert maps.family_colour("not_a_family") == maps.OTHER_COLOUR


def test_basemap_is_small_and_cached() -> None:
    import json

    gj = basemap_geojson()
    assert basemap_geojson() is gj
    assert len(gj["features"]) > 200
    size = len(json.dumps(gj, separators=(",", ":")))
    assert size < 1_000_000, size


def test_build_map_layers() -> None:
    m = maps.build_map(make_events(), make_places(), title="Test map")
    children = list(m._children.values())
    assert not any(isinstance(c, folium.TileLayer) for c in children)
    assert sum(isinstance(c, folium.LayerControl) for c in children) == 1
    groups = [c for c in children if isinstance(c, folium.FeatureGroup)]
    markers = [
        marker
        for group in groups
        for marker in group._children.values()
        if isinstance(marker, folium.CircleMarker)
    ]
    events = [mk for mk in markers if "geomap-event" in mk.options["className"]]
    places = [mk for mk in markers if "geomap-place" in mk.options["className"]]
    assert len(events) == 4 and len(places) == 2
    assert {e.options["fillColor"] for e in events} == {
        maps.FAMILY_COLOURS[t] for t in EVENT_COLUMNS["event_type"]
    }
    # Radius grows with mentions.
    assert places[0].options["radius"] > places[1].options["radius"]


def test_popup_content() -> None:
    event = make_events().iloc[0].to_dict()
    html = maps.event_popup_html(event)
    for text in ("Battles", "Armed clash", "2022-03-03", "Kyiv", "Fatalities:</b> 3"):
        assert text in html
    assert "Heavy fighting was reported in Kyiv" in html
    assert 'href="https://example.com/a"' in html
    assert "Injured" not in html  # null counts are left out


def test_popup_escaping_without_browser() -> None:
    event = hostile_events().iloc[0].to_dict()
    for html in (maps.event_popup_html(event), maps.event_tooltip_html(event)):
        assert "<script" not in html and "<img" not in html
        assert "`" not in html and "${" not in html and "\\" not in html
    assert "href" not in maps.event_popup_html(event)  # javascript: is no link


def test_save_is_self_contained(tmp_path: Path) -> None:
    m = maps.build_map(make_events(), make_places())
    path = maps.save_map(m, tmp_path / "sub" / "map.html")
    assert path == tmp_path / "sub" / "map.html"
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc=", page, re.I)
    assert not re.search(r"<link[^>]*stylesheet", page, re.I)
    assert "bootstrap" not in page.lower() and "fontawesome" not in page.lower()
    assert "GeoNames (CC-BY 4.0)" in page and "Natural Earth (public domain)" in page
    assert not re.search(r"_[0-9a-f]{32}", page)  # no random folium ids left
    assert path.stat().st_size < 2_000_000
    assert [p.name for p in path.parent.iterdir()] == ["map.html"]  # no temp file left


def test_save_is_deterministic(tmp_path: Path) -> None:
    m = maps.build_map(make_events(), make_places())
    first = maps.save_map(m, tmp_path / "a.html").read_bytes()
    again = maps.save_map(m, tmp_path / "b.html").read_bytes()
    fresh = maps.save_map(
        maps.build_map(make_events(), make_places()), tmp_path / "c.html"
    ).read_bytes()
    assert first == again == fresh


def test_osm_tiles(tmp_path: Path) -> None:
    m = maps.build_map(make_events(), tiles="osm")
    assert any(isinstance(c, folium.TileLayer) for c in m._children.values())
    page = maps.save_map(m, tmp_path / "osm.html").read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" in page and "OpenStreetMap" in page
    assert "GeoNames (CC-BY 4.0)" in page
    assert "geomap-country" not in page
    with pytest.raises(ValueError):
        maps.build_map(make_events(), tiles="google")


def test_empty_events(tmp_path: Path) -> None:
    empty = make_events().iloc[0:0]
    m = maps.build_map(empty)
    assert m.location == list(maps.WORLD_CENTRE)
    page = maps.save_map(m, tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "No events" in page
    assert "fit_bounds_" not in page  # the world view stays


def test_null_geometry_and_other_crs() -> None:
    events = make_events()
    events.loc[1, "geometry"] = None
    m = maps.build_map(events.to_crs(3857))
    # The row without a point is skipped; the others are reprojected to EPSG:4326.
    groups = [c for c in m._children.values() if isinstance(c, folium.FeatureGroup)]
    markers = [
        x for g in groups for x in g._children.values() if isinstance(x, folium.CircleMarker)
    ]
    assert len(markers) == 3
    assert markers[0].location == pytest.approx([50.4547, 30.5238])


def test_unknown_asset_is_an_error() -> None:
    page = '<html><head><script src="https://cdn.example.com/x.js"></script></head></html>'
    with pytest.raises(OfflineAssetError, match="no offline copy"):
        inline_assets(page)
    with pytest.raises(OfflineAssetError, match="external resource"):
        inline_assets('<html><img src="https://example.com/a.png"></html>')


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium to run browser tests")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=maps.CHROMIUM_ARGS)
        yield b
        b.close()


class OpenPage:
    """A page loaded from file:// with non-file requests aborted and recorded."""

    def __init__(self, browser: Any, path: Path, width: int = 1000, height: int = 700) -> None:
        self.external: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.on(
            "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
        )
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.page.route("**/*", self._route)
        self.page.goto(path.resolve().as_uri(), wait_until="load")

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()


def distinct_colours(browser: Any, png: bytes) -> int:
    """Distinct RGB colours in a PNG, decoded by the browser (no Pillow needed)."""
    page = browser.new_page()
    try:
        page.set_content("<canvas></canvas>")
        return page.evaluate(
            """async (src) => {
                const img = new Image();
                img.src = src;
                await img.decode();
                const c = document.querySelector("canvas");
                c.width = img.width; c.height = img.height;
                const ctx = c.getContext("2d");
                ctx.drawImage(img, 0, 0);
                const d = ctx.getImageData(0, 0, c.width, c.height).data;
                const seen = new Set();
                for (let i = 0; i < d.length; i += 4) {
                    seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
                }
                return seen.size;
            }""",
            "data:image/png;base64," + base64.b64encode(png).decode(),
        )
    finally:
        page.close()


@pytest.fixture(params=["markers", "geojson"])
def drawing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with both ways of drawing circles (see maps._add_circles)."""
    if request.param == "geojson":
        monkeypatch.setattr(maps, "MARKER_LIMIT", 0)
    return request.param


@pytest.mark.browser
def test_page_renders_offline(browser: Any, tmp_path: Path, drawing: str) -> None:
    path = maps.save_map(maps.build_map(make_events(), make_places()), tmp_path / "map.html")
    view = OpenPage(browser, path)
    try:
        assert view.external == []
        assert view.errors == []
        assert view.count("path.geomap-event") == 4
        assert view.count("path.geomap-place") == 2
        assert view.count("path.geomap-country") > 100
        assert view.count(".leaflet-control-layers") == 1
        legend = view.page.inner_text(".geomap-legend")
        assert "Battles (1)" in legend and "Diplomacy (1)" in legend
        attribution = view.page.inner_text(".leaflet-control-attribution")
        assert "GeoNames (CC-BY 4.0)" in attribution
        # Fitted to the data: Kyiv is in view and the zoom is regional, not world.
        zoom = view.page.evaluate(
            "() => { for (const k in window) { const v = window[k];"
            " if (v instanceof L.Map) return v.getZoom(); } }"
        )
        assert 4 <= zoom <= maps.FIT_MAX_ZOOM
    finally:
        view.page.close()


@pytest.mark.browser
def test_hostile_text_runs_no_code(browser: Any, tmp_path: Path, drawing: str) -> None:
    events = hostile_events()
    events["event_type"] = [f"battles{HOSTILE}"]  # unknown family reaches the legend
    m = maps.build_map(events, title=HOSTILE)
    path = maps.save_map(m, tmp_path / "evil.html")
    view = OpenPage(browser, path)
    try:
        assert view.count("path.geomap-event") == 1
        view.page.hover("path.geomap-event")
        tooltip = view.page.inner_text(".leaflet-tooltip")
        view.page.click("path.geomap-event")
        popup = view.page.inner_text(".leaflet-popup-content")
        view.page.wait_for_timeout(200)  # an injected <img onerror> would have fired by now
        assert view.page.evaluate("() => typeof window.__pwned") == "undefined"
        assert view.count("img") == 0  # the <img> is text, not an element
        shown = " ".join(HOSTILE.split())
        for text in (popup, tooltip, view.page.inner_text(".geomap-title")):
            assert shown in " ".join(text.split())
        label = " ".join(maps.family_label(events["event_type"][0]).split())
        assert "<script>" in label  # the unknown family is shown, humanised but literal
        for selector in (".geomap-legend", ".leaflet-control-layers"):
            assert label in " ".join(view.page.inner_text(selector).split())
        assert "javascript:window.__pwned=5" in popup
        assert view.count(".leaflet-popup-content a") == 0
        assert view.external == [] and view.errors == []
    finally:
        view.page.close()


@pytest.mark.browser
def test_screenshot_is_not_blank(browser: Any, tmp_path: Path) -> None:
    path = maps.save_map(maps.build_map(make_events(), make_places()), tmp_path / "map.html")
    png = maps.screenshot(
        path, tmp_path / "shots" / "map.png", width=800, height=500, browser=browser
    )
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    blank = tmp_path / "blank.html"
    blank.write_text("<html><body style='margin:0;background:#fff'></body></html>")
    blank_png = maps.screenshot(
        blank, tmp_path / "blank.png", width=800, height=500, browser=browser
    )
    assert len(data) > 5 * len(blank_png.read_bytes())
    assert distinct_colours(browser, data) > 50


def test_screenshot_standalone(tmp_path: Path) -> None:
    """Without a browser given, screenshot() starts (and stops) its own Chromium."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium to run browser tests")
    path = maps.save_map(maps.build_map(make_events()), tmp_path / "map.html")
    png = maps.screenshot(path, tmp_path / "map.png", width=400, height=300)
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_static_png_and_svg(tmp_path: Path) -> None:
    events = make_events()
    png = maps.save_png(events, tmp_path / "map.png", title="Seed events")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 900)
    again = maps.save_png(events, tmp_path / "again.png", title="Seed events")
    assert again.read_bytes() == data  # no timestamps: same data, same bytes
    svg = maps.save_png(events, tmp_path / "map.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for family in set(events.event_type):
        assert maps.family_label(family) in svg or family not in maps.FAMILY_COLOURS
