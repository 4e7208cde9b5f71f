"""Tests of geomap.maps with real folium and, where marked, a real headless Chromium.

The browser tests open saved pages from file:// with every other request aborted and
recorded, so "works offline" and "runs no injected code" are checked the way a reader's
browser would see them.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import pytest
from shapely.geometry import Point

from geomap import mapelements, maps
from geomap._assets import OfflineAssetError, basemap_geojson, inline_assets

CHROMIUM = Path("/usr/bin/chromium")

HOSTILE = (
    "<script>window.__pwned=1</script> "
    "</script><script>window.__pwned=2</script> "
    '<img src=x onerror="window.__pwned=3"> '
    'it\'s "quoted" `backticked` ${window.__pwned=4} \\u0041 \\ '
    "{{ 7*7 }} {% if true %}jinja{% endif %} <!-- -->"
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


def _elements(m: folium.Map, kind: type) -> list[Any]:
    return [c for c in m._children.values() if isinstance(c, kind)]


def test_build_map_layers() -> None:
    m = maps.build_map(make_events(), make_places(), title="Test map")
    assert not _elements(m, folium.TileLayer)
    assert len(_elements(m, folium.LayerControl)) == 1
    (events,) = _elements(m, mapelements.EventLayer)
    assert events.size == 4
    families = events.columns["families"]
    assert {f["colour"] for f in families} == {
        maps.FAMILY_COLOURS[t] for t in EVENT_COLUMNS["event_type"]
    }
    # One overlay per family, in the taxonomy's order, each with its own symbol.
    layers = _elements(m, mapelements.FamilyLayer)
    assert [layer.family for layer in layers] == [
        "battles", "explosions_remote_violence", "displacement", "diplomacy"
    ]
    assert len({f["icon"] for f in families}) == 4
    assert all(layer.count == 1 and layer.show for layer in layers)
    assert "Battles (1)" in layers[0].layer_name
    heat = _elements(m, mapelements.EventHeatMap)
    assert len(heat) == 1 and not heat[0].show
    assert len(_elements(m, mapelements.TimeSlider)) == 1
    assert len(_elements(m, mapelements.EventCluster)) == 1
    (places,) = _elements(m, mapelements.PlacesLayer)
    radius = places.columns["r"]
    assert len(radius) == 2 and radius[0] > radius[1]  # radius grows with mentions


def test_event_columns() -> None:
    data = maps.event_columns(make_events())
    n = 4
    assert all(len(data[k]) == n for k in ("lat", "lon", "fam", "t0", "t1", "evidence"))
    day = lambda s: (date.fromisoformat(s) - date(1970, 1, 1)).days  # noqa: E731
    assert data["t0"] == [day(s) for s in EVENT_COLUMNS["event_start"]]
    assert data["t1"] == [day(s) for s in EVENT_COLUMNS["event_end"]]
    assert data["fat"] == [3, -1, -1, -1] and data["inj"] == [-1, 12, -1, -1]
    assert data["strings"][data["place"][0]] == "Kyiv"
    assert data["prec"][0] == 0 and data["strings"][data["prec"][2]] == "month"
    assert data["title"] == "4 events, 2022-03-02 to 2022-03-03"
    # A month or year wholly outside the precise dates widens the range, as the slider does.
    wider = make_events(event_date=["2022-03-03", "2022-03-02", "2022-04", "2014"])
    assert maps.event_columns(wider)["title"] == "4 events, 2014 to 2022-04"
    # Without event_start/event_end the dates bound the event: month/year precision spans.
    bare = maps.event_columns(make_events().drop(columns=["event_start", "event_end"]))
    assert bare["t0"][2] == day("2022-03-01") and bare["t1"][2] == day("2022-03-31")
    assert bare["t0"][3] == day("2022-01-01") and bare["t1"][3] == day("2022-12-31")
    undated = maps.event_columns(hostile_events().assign(event_date=[None]))
    assert undated["t0"] == [None] and undated["t1"] == [None]


def test_family_symbols() -> None:
    assert set(maps.FAMILY_SHAPES) == set(maps.FAMILY_COLOURS)
    assert len(set(maps.FAMILY_SHAPES.values())) == len(maps.FAMILY_SHAPES)
    for family in [*maps.FAMILY_COLOURS, "not_a_family"]:
        svg = maps.family_symbol_svg(family, 16)
        assert svg.startswith("<svg") and maps.family_colour(family) in svg
        assert "http" not in svg and "url(" not in svg  # nothing to fetch


def test_popup_content() -> None:
    event = make_events().iloc[0].to_dict()
    html = maps.event_popup_html(event)
    for text in ("Battles", "Armed clash", "2022-03-03", "Kyiv", "Fatalities:</b> 3"):
        assert text in html
    assert "Heavy fighting was reported in Kyiv" in html
    assert 'href="https://example.com/a"' in html
    assert "Injured" not in html  # null counts are left out


def test_place_popup_lists_ten_documents_and_counts_the_rest() -> None:
    ids = [f"d{i}" for i in range(25)]
    place = {"place_name": "Kherson", "mentions": 40}
    full = maps.place_popup_html({**place, "doc_ids": ",".join(ids)})
    assert "d9 … (+15)" in full and "d10" not in full
    # A streamed run keeps the first ten ids and the count: the same popup.
    assert maps.place_popup_html({**place, "doc_ids": ",".join(ids[:10]),
                                  "documents": 25}) == full
    few = maps.place_popup_html({**place, "doc_ids": "d0,d1", "documents": 2})
    assert "d0, d1<" in few and "(+" not in few


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
    (layer,) = _elements(m, mapelements.EventLayer)
    assert layer.size == 3
    assert [layer.columns["lat"][0], layer.columns["lon"][0]] == pytest.approx(
        [50.4547, 30.5238]
    )


def test_article_text_is_not_a_template() -> None:
    """branca renders element output a second time as Jinja: article text must not run."""
    events = make_events(evidence=["{{ 7*7 }} {% for x in range(3) %}X{% endfor %}"] * 4)
    page = maps.render_page(maps.build_map(events, title="{{ 6*7 }}"))
    # Had Jinja run, the loop would have printed XXX and eaten its own text.
    assert "XXX" not in page
    assert "7*7" in page and "range(3)" in page and "6*7" in page
    assert "</script><script>" not in maps.render_page(maps.build_map(hostile_events()))


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


MAP_JS = "Object.values(window).find(v => v instanceof L.Map)"


def geomap_eval(view: OpenPage, body: str) -> Any:
    """Run *body* (JS, may use ``map`` and ``events``) once the markers are all placed."""
    return view.page.evaluate(
        f"""async () => {{
            const map = {MAP_JS};
            const events = (map.geomap || {{}}).events;
            if (events) await events.whenIdle();
            {body}
        }}"""
    )


def shown_on_screen(view: OpenPage) -> int:
    """Events the map shows: single markers plus the counts on cluster icons."""
    return geomap_eval(
        view,
        """let n = document.querySelectorAll(".geomap-event").length;
        for (const c of document.querySelectorAll(".geomap-cluster span")) n += +c.textContent;
        return n;""",
    )


@pytest.mark.browser
def test_page_renders_offline(browser: Any, tmp_path: Path) -> None:
    path = maps.save_map(maps.build_map(make_events(), make_places()), tmp_path / "map.html")
    view = OpenPage(browser, path)
    try:
        assert geomap_eval(view, "return events.markerCount();") == 4
        assert shown_on_screen(view) == 4
        assert view.count(".geomap-event.geomap-battles") == 1
        assert geomap_eval(view, "return map.geomap.places.getLayers().length;") == 2
        assert geomap_eval(view, "return map.geomap.countries.getLayers().length;") > 100
        # Canvas rendering: countries and places are drawn, not 300 DOM nodes.
        assert view.count("path.geomap-country") == 0 and view.count("canvas") >= 1
        assert view.count(".leaflet-control-layers") == 1
        legend = " ".join(view.page.inner_text(".geomap-legend").split())
        assert "Battles (1)" in legend and "Diplomacy (1)" in legend
        assert view.count(".geomap-legend svg") == 4  # one symbol per family
        attribution = view.page.inner_text(".leaflet-control-attribution")
        assert "GeoNames (CC-BY 4.0)" in attribution
        # Fitted to the data: Kyiv is in view and the zoom is regional, not world.
        zoom = geomap_eval(view, "return map.getZoom();")
        assert 4 <= zoom <= maps.FIT_MAX_ZOOM
        assert view.external == []
        assert view.errors == []
    finally:
        view.page.close()


@pytest.mark.browser
def test_popup_matches_python(browser: Any, tmp_path: Path) -> None:
    """The page builds popups from compact columns; they equal event_popup_html()."""
    events = make_events()
    path = maps.save_map(maps.build_map(events), tmp_path / "map.html")
    view = OpenPage(browser, path)
    try:
        for i, (_, row) in enumerate(events.iterrows()):
            expected = {
                "popup": maps.event_popup_html(row.to_dict()),
                "tooltip": maps.event_tooltip_html(row.to_dict()),
            }
            same = geomap_eval(
                view,
                f"""const want = {json.dumps(expected)};
                const d = events.data, div = document.createElement("div");
                const norm = (h) => {{ div.innerHTML = h; return div.innerHTML; }};
                return [norm(L.geomap.popupHtml(d, {i}, events.families)) === norm(want.popup),
                        norm(L.geomap.tooltipHtml(d, {i}, events.families))
                            === norm(want.tooltip)];""",
            )
            assert same == [True, True], i
        view.page.click(".geomap-battles")
        popup = view.page.inner_text(".leaflet-popup-content")
        assert "Heavy fighting was reported in Kyiv" in popup and "Fatalities: 3" in popup
        assert view.errors == []
    finally:
        view.page.close()


@pytest.mark.browser
def test_toggling_a_family_hides_its_markers(browser: Any, tmp_path: Path) -> None:
    path = maps.save_map(maps.build_map(make_events(), make_places()), tmp_path / "map.html")
    view = OpenPage(browser, path)
    try:
        assert view.count(".geomap-event.geomap-battles") == 1
        box = view.page.locator(".leaflet-control-layers-overlays label", has_text="Battles")
        box.locator("input").uncheck()
        assert geomap_eval(view, "return events.markerCount();") == 3
        assert view.count(".geomap-event.geomap-battles") == 0
        assert shown_on_screen(view) == 3
        box.locator("input").check()
        assert geomap_eval(view, "return events.markerCount();") == 4
        assert view.count(".geomap-event.geomap-battles") == 1
        places = view.page.locator(".leaflet-control-layers-overlays label", has_text="Places")
        places.locator("input").uncheck()
        assert geomap_eval(view, "return map.hasLayer(map.geomap.places);") is False
        assert view.errors == []
    finally:
        view.page.close()


@pytest.mark.browser
def test_time_slider_filters_events(browser: Any, tmp_path: Path) -> None:
    path = maps.save_map(maps.build_map(make_events()), tmp_path / "map.html")
    view = OpenPage(browser, path)
    try:
        assert view.count(".geomap-time") == 1
        assert "4 of 4 shown" in view.page.inner_text(".geomap-time")
        # The keyboard moves the "to" handle to the first stop: only events that have
        # begun by 2022-01-01 stay (Belarus, a year-long event).
        view.page.locator("input.geomap-time-to").press("Home")
        assert geomap_eval(view, "return events.markerCount();") == 1
        assert shown_on_screen(view) == 1
        assert view.count(".geomap-event.geomap-diplomacy") == 1
        text = " ".join(view.page.inner_text(".geomap-time").split())
        assert "1 of 4 shown" in text and "2022-01-01" in text
        assert "(0 of 1)" in " ".join(view.page.inner_text(".geomap-legend").split())
        # "From" past "to" pushes it along: the last stop is the end of the year-long
        # event, the only one still going then.
        view.page.locator("input.geomap-time-from").press("End")
        to_value = view.page.locator("input.geomap-time-to").input_value()
        assert to_value == view.page.locator("input.geomap-time-from").input_value()
        assert geomap_eval(view, "return events.markerCount();") == 1
        assert "2022-12-31" in view.page.inner_text(".geomap-time")
        # One stop back is the end of the month-long displacement in Kherson.
        view.page.locator("input.geomap-time-from").press("ArrowLeft")
        assert geomap_eval(view, "return events.markerCount();") == 2
        assert view.count(".geomap-event.geomap-displacement") == 1
        view.page.locator("input.geomap-time-from").press("Home")
        assert geomap_eval(view, "return events.markerCount();") == 4
        assert view.errors == []
    finally:
        view.page.close()


@pytest.mark.browser
def test_heat_map_layer(browser: Any, tmp_path: Path) -> None:
    path = maps.save_map(maps.build_map(make_events()), tmp_path / "map.html")
    view = OpenPage(browser, path)
    try:
        assert view.count("canvas.leaflet-heatmap-layer") == 0  # off until ticked
        label = view.page.locator(".leaflet-control-layers-overlays label", has_text="Heat")
        label.locator("input").check()
        painted = geomap_eval(
            view,
            """await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            const c = document.querySelector("canvas.leaflet-heatmap-layer");
            const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
            return [map.geomap.heat._latlngs.length, n];""",
        )
        assert painted[0] == 4 and painted[1] > 500
        assert view.errors == []
    finally:
        view.page.close()


@pytest.mark.browser
def test_many_events_cluster(browser: Any, tmp_path: Path) -> None:
    """3,000 events: every one is in the cluster group, few DOM nodes are drawn."""
    import numpy as np

    rng = np.random.default_rng(7)
    n = 3000
    families = list(maps.FAMILY_COLOURS)
    events = gpd.GeoDataFrame(
        {
            "event_type": [families[i % len(families)] for i in range(n)],
            "event_date": [f"2022-03-{1 + i % 28:02d}" for i in range(n)],
            "date_precision": ["day"] * n,
            "evidence": [f"Sentence {i}." for i in range(n)],
        },
        geometry=gpd.points_from_xy(rng.uniform(22, 40, n), rng.uniform(44, 52, n)),
        crs="EPSG:4326",
    )
    path = maps.save_map(maps.build_map(events), tmp_path / "many.html")
    view = OpenPage(browser, path)
    try:
        assert geomap_eval(view, "return events.markerCount();") == n
        assert shown_on_screen(view) == n
        assert view.count(".geomap-event") + view.count(".geomap-cluster") < 300
        assert view.errors == [] and view.external == []
    finally:
        view.page.close()


@pytest.mark.browser
def test_empty_and_undated_pages(browser: Any, tmp_path: Path) -> None:
    empty = maps.save_map(maps.build_map(make_events().iloc[0:0]), tmp_path / "empty.html")
    undated = make_events().drop(columns=["event_start", "event_end"]).assign(event_date=None)
    dateless = maps.save_map(maps.build_map(undated), tmp_path / "undated.html")
    for path, n in ((empty, 0), (dateless, 4)):
        view = OpenPage(browser, path)
        try:
            assert view.count(".geomap-time") == 0  # nothing to slide over
            count = geomap_eval(view, "return events ? events.markerCount() : 0;")
            assert count == n
            assert view.errors == [] and view.external == []
        finally:
            view.page.close()


@pytest.mark.browser
def test_hostile_text_runs_no_code(browser: Any, tmp_path: Path) -> None:
    events = hostile_events()
    events["event_type"] = [f"battles{HOSTILE}"]  # unknown family reaches the legend
    m = maps.build_map(events, title=HOSTILE)
    path = maps.save_map(m, tmp_path / "evil.html")
    view = OpenPage(browser, path)
    try:
        assert geomap_eval(view, "return events.markerCount();") == 1
        view.page.hover(".geomap-event")
        tooltip = view.page.inner_text(".leaflet-tooltip")
        view.page.click(".geomap-event")
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
    assert maps.save_png(events, tmp_path / "again.svg").read_text() == svg
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for family in set(events.event_type):
        assert maps.family_label(family) in svg or family not in maps.FAMILY_COLOURS


@pytest.mark.parametrize("data", [
    {}, [], {"a": 1}, {"lat": [1.5, -2.25], "strings": ["</script>", "é & <b>", "…"]},
    {"nested": {"x": [None, True]}, "k\"ey": "v"}, {1: "int key"}, "plain <text>",
])
def test_script_data_pieces_join_to_script_json(data):
    """The page streams data blocks piece by piece: the pieces are the same JSON."""
    pieces = list(mapelements.ScriptData(data).chunks())
    assert "".join(pieces) == mapelements.script_json(data)
    assert not any("<" in p or "&" in p for p in pieces)


def test_saved_page_is_the_rendered_page(tmp_path):
    m = maps.build_map(make_events(), make_places())
    path = maps.save_map(m, tmp_path / "map.html")
    page = path.read_text(encoding="utf-8")
    assert page == maps.render_page(m)
    assert "<!--geomap-data-" not in page
    assert page.count('type="application/json"') == 3  # countries, places, events


def test_pages_rendered_by_folium_hold_the_data(tmp_path):
    """Notebooks (_repr_html_), folium's save() and render() get the JSON itself."""
    m = maps.build_map(make_events(), make_places())
    data = mapelements.script_json(_elements(m, mapelements.EventLayer)[0].data.data)
    m.save(str(tmp_path / "folium.html"))
    for page in (m.get_root().render(), (tmp_path / "folium.html").read_text("utf-8")):
        assert "<!--geomap-data-" not in page
        assert data in page
    assert "geomap-data-" not in m._repr_html_()
