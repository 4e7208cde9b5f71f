"""Interactive Folium maps of events and places, saved as self-contained HTML, and PNGs.

The page works offline by default: the basemap is Natural Earth country polygons drawn
as vector data (no tiles), and :func:`save_map` inlines folium's JS/CSS from the
``folium-offline`` package. All text that came from articles is HTML-escaped (and made
safe for the JavaScript template literals folium wraps popups and tooltips in) before it
enters the page.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import html
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import folium
from branca.element import Element, Figure, MacroElement
from folium.template import Template
from folium.utilities import JsCode

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "ATTRIBUTION",
    "FAMILY_COLOURS",
    "FAMILY_LABELS",
    "OTHER_COLOUR",
    "build_map",
    "event_popup_html",
    "family_colour",
    "family_label",
    "place_popup_html",
    "render_page",
    "save_map",
    "save_png",
    "screenshot",
]

#: One colour per event family (DESIGN.md section 2): import it wherever geomap draws
#: events (e.g. QGIS styles in export), so every output uses the same colours.
FAMILY_COLOURS: dict[str, str] = {
    "battles": "#d62728",
    "explosions_remote_violence": "#ff7f0e",
    "violence_against_civilians": "#7b1fa2",
    "protests": "#1f77b4",
    "riots": "#e6b800",
    "strategic_developments": "#5d6d7e",
    "displacement": "#8c564b",
    "negotiations": "#17becf",
    "casualties_report": "#111111",
    "diplomacy": "#2ca02c",
    "humanitarian": "#e377c2",
}
#: Colour for an ``event_type`` outside the taxonomy (should not happen, must not crash).
OTHER_COLOUR = "#9e9e9e"
#: Human labels for the legend and popups.
FAMILY_LABELS: dict[str, str] = {
    "battles": "Battles",
    "explosions_remote_violence": "Explosions/Remote violence",
    "violence_against_civilians": "Violence against civilians",
    "protests": "Protests",
    "riots": "Riots",
    "strategic_developments": "Strategic developments",
    "displacement": "Displacement",
    "negotiations": "Negotiations",
    "casualties_report": "Casualties report",
    "diplomacy": "Diplomacy",
    "humanitarian": "Humanitarian",
}
#: Shown on every map: the data we redistribute ask for it (GeoNames is CC-BY).
ATTRIBUTION = "Places: GeoNames (CC-BY 4.0) · Basemap: Natural Earth (public domain)"

LAND_FILL = "#f4f1ea"
LAND_STROKE = "#b8b2a7"
OCEAN = "#c9dcec"
PLACE_COLOUR = "#3d5a80"
WORLD_CENTRE = (25.0, 10.0)
WORLD_ZOOM = 2
EVENT_RADIUS = 7
POPUP_MAX_WIDTH = 360
#: Above this many circles in one layer, draw them as one GeoJson layer (see _add_circles).
MARKER_LIMIT = 2000
#: Fitting bounds on a single point would zoom to street level.
FIT_MAX_ZOOM = 9

_LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
_LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
_JQUERY_JS = "https://code.jquery.com/jquery-3.7.1.min.js"  # folium.Popup uses $()

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# folium renders popup and tooltip HTML inside JavaScript template literals (`...`):
# a backtick, "${" or a backslash from an article would end the literal, interpolate
# code, or be a syntax error. As HTML entities they display the same and mean nothing to JS.
_JS_LITERAL_SAFE = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def _esc(value: Any) -> str:
    """Text -> HTML that shows it literally, safe inside a JS template literal too."""
    return html.escape(_text(value), quote=True).translate(_JS_LITERAL_SAFE)


def _present(value: Any) -> bool:
    """False for None, NaN, pandas.NA and blank strings: the nulls a GeoDataFrame holds."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    try:
        return not bool(value != value)  # NaN, NaT
    except (TypeError, ValueError):  # pandas.NA refuses bool()
        return False


def _css_token(value: Any) -> str:
    """A string usable as one CSS class name."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", str(value)) or "other"


def _text(value: Any) -> str:
    """Display text of a cell: dates as ISO dates, everything else via str()."""
    if hasattr(value, "isoformat") and not isinstance(value, str):
        if getattr(value, "hour", 0) == 0 and getattr(value, "minute", 0) == 0:
            return value.isoformat()[:10]
        return value.isoformat()
    return str(value)


def _humanise(code: Any) -> str:
    text = str(code).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def family_colour(event_type: Any) -> str:
    """Colour of an event family, grey for anything outside the taxonomy."""
    return FAMILY_COLOURS.get(str(event_type), OTHER_COLOUR)


def family_label(event_type: Any) -> str:
    """Legend label of an event family."""
    return FAMILY_LABELS.get(str(event_type)) or _humanise(event_type or "other")


# --------------------------------------------------------------------------- elements


class OfflineMap(folium.Map):
    """A folium Map that declares only the JS/CSS a geomap page uses.

    folium.Map also pulls in Bootstrap, Font Awesome, glyphicons and awesome-markers;
    we draw no icons, and their CSS references font files that cannot be inlined.
    jQuery stays because ``folium.Popup`` builds its content with ``$()``.
    """

    default_js = [("leaflet", _LEAFLET_JS), ("jquery", _JQUERY_JS)]
    default_css = [("leaflet_css", _LEAFLET_CSS)]


class MapStyle(MacroElement):
    """Page CSS: ocean-coloured map background and the look of title, legend and popups."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
            #{{ this._parent.get_name() }}.leaflet-container { background: {{ this.ocean }}; }
            .geomap-title { background: rgba(255,255,255,0.92); padding: 6px 12px;
                border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3);
                font: 600 15px/1.3 system-ui, sans-serif; max-width: 50%;
                position: absolute; top: 10px; left: 50%; transform: translateX(-50%);
                z-index: 1000; text-align: center; }
            .geomap-legend { background: rgba(255,255,255,0.92); padding: 6px 10px;
                border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3);
                font: 12px/1.5 system-ui, sans-serif; }
            .geomap-legend i { display: inline-block; width: 11px; height: 11px;
                border-radius: 50%; margin-right: 6px; vertical-align: -1px;
                border: 1px solid rgba(0,0,0,0.4); }
            #{{ this._parent.get_name() }} path.leaflet-interactive:focus { outline: none; }
            .geomap-popup { font: 13px/1.4 system-ui, sans-serif; max-width: 340px; }
            .geomap-popup blockquote { margin: 6px 0; padding-left: 8px;
                border-left: 3px solid #ccc; color: #333; }
            .geomap-popup .geomap-source { color: #666; font-size: 11px;
                overflow-wrap: anywhere; }
        </style>
        {% endmacro %}
        """
    )

    def __init__(self, ocean: str = OCEAN) -> None:
        super().__init__()
        self._name = "MapStyle"
        self.ocean = ocean


class _HtmlControl(MacroElement):
    """A Leaflet control showing a block of (already escaped) HTML."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var control = L.control({position: {{ this.position|tojson }}});
            control.onAdd = function () {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_: str, position: str, css_class: str) -> None:
        super().__init__()
        self.html = html_  # jinja's tojson makes it a JS string with <, >, & escaped
        self.position = position
        self.css_class = css_class


class MapTitle(MacroElement):
    """The map's title, centred at the top of the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var div = L.DomUtil.create("div", "geomap-title leaflet-control");
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            {{ this._parent.get_name() }}.getContainer().appendChild(div);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str) -> None:
        super().__init__()
        self._name = "MapTitle"
        self.html = _esc(title)


class Legend(_HtmlControl):
    """Families present on the map with their colour and number of events."""

    def __init__(self, counts: Mapping[str, int]) -> None:
        rows = [
            f'<div><i style="background:{family_colour(family)}"></i>'
            f"{_esc(family_label(family))} ({n})</div>"
            for family, n in _legend_order(counts)
        ]
        body = "".join(rows) if rows else "<div>No events</div>"
        super().__init__(f"<b>Events</b>{body}", "bottomright", "geomap-legend")
        self._name = "Legend"


class InstantFitBounds(folium.FitBounds):
    """folium's FitBounds without the zoom animation.

    The first view is then final when the page has loaded, so screenshots and
    browser tests never catch the map half way through a zoom.
    """

    def __init__(self, bounds: list[list[float]], **kwargs: Any) -> None:
        super().__init__(bounds, **kwargs)
        self.options["animate"] = False


class Attribution(MacroElement):
    """Adds our data credits to Leaflet's attribution control (no tile layer carries them)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str = ATTRIBUTION) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = _esc(text)


def _legend_order(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Taxonomy order first, then unknown families alphabetically."""
    known = [(f, counts[f]) for f in FAMILY_COLOURS if counts.get(f)]
    other = sorted((f, n) for f, n in counts.items() if f not in FAMILY_COLOURS and n)
    return known + other


# --------------------------------------------------------------------------- content


def _rows(frame: Any) -> Iterator[tuple[float, float, dict[str, Any]]]:
    """(lat, lon, properties) for every row with a usable point geometry."""
    if frame is None or len(frame) == 0:
        return
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    for geom, record in zip(frame.geometry, frame[columns].to_dict("records"), strict=True):
        if geom is None or geom.is_empty:
            continue
        point = geom if geom.geom_type == "Point" else geom.representative_point()
        lat, lon = float(point.y), float(point.x)
        if not (math.isfinite(lat) and math.isfinite(lon)):
            continue
        yield lat, lon, record


def _count(value: Any) -> int | None:
    if not _present(value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _source_html(source: Any) -> str:
    text = str(source)
    if text.lower().startswith(("http://", "https://")):
        # A link only for web URLs: never javascript: or data: from an article.
        return f'<a href="{_esc(text)}" target="_blank" rel="noopener noreferrer">{_esc(text)}</a>'
    return _esc(text)


def event_popup_html(event: Mapping[str, Any]) -> str:
    """Popup HTML of one event: what, when, where, toll, actors, evidence, source."""
    family = event.get("event_type")
    what = f"<b>{_esc(family_label(family))}</b>"
    if _present(event.get("sub_event_type")):
        what += f" · {_esc(_humanise(event['sub_event_type']))}"
    lines = [what]
    if _present(event.get("event_date")):
        when = _esc(event["event_date"])
        if _present(event.get("date_precision")) and event["date_precision"] != "day":
            when += f" ({_esc(event['date_precision'])})"
        lines.append(f"<b>When:</b> {when}")
    if _present(event.get("place_name")):
        where = _esc(event["place_name"])
        if _present(event.get("country_code")):
            where += f", {_esc(event['country_code'])}"
        lines.append(f"<b>Where:</b> {where}")
    toll = [
        f"<b>{label}:</b> {n}"
        for label, n in (
            ("Fatalities", _count(event.get("fatalities"))),
            ("Injured", _count(event.get("injured"))),
        )
        if n is not None
    ]
    if toll:
        lines.append(" · ".join(toll))
    if _present(event.get("actors")):
        lines.append(f"<b>Actors:</b> {_esc(event['actors'])}")
    body = "<br>".join(lines)
    if _present(event.get("evidence")):
        body += f"<blockquote>{_esc(event['evidence'])}</blockquote>"
    if _present(event.get("source")):
        body += f'<div class="geomap-source">Source: {_source_html(event["source"])}</div>'
    return f'<div class="geomap-popup">{body}</div>'


def event_tooltip_html(event: Mapping[str, Any]) -> str:
    """One line on hover: family, place, date."""
    parts = [family_label(event.get("event_type"))]
    parts += [_text(event[k]) for k in ("place_name", "event_date") if _present(event.get(k))]
    return _esc(" · ".join(parts))


def place_popup_html(place: Mapping[str, Any]) -> str:
    """Popup HTML of one place: what kind, where, how often mentioned, in which documents."""
    lines = [f"<b>{_esc(place.get('place_name') or place.get('place_id') or '?')}</b>"]
    kind = [str(place[k]) for k in ("kind", "admin1", "country_code") if _present(place.get(k))]
    if kind:
        lines.append(_esc(", ".join(kind)))
    population = _count(place.get("population"))
    if population:
        lines.append(f"Population: {population:,}")
    mentions = _count(place.get("mentions"))
    if mentions is not None:
        lines.append(f"Mentions: {mentions}")
    ids = _doc_ids(place.get("doc_ids"))
    if ids:
        shown = ", ".join(ids[:10]) + (f" … (+{len(ids) - 10})" if len(ids) > 10 else "")
        lines.append(f"Documents: {_esc(shown)}")
    if _present(place.get("place_id")):
        lines.append(f'<span class="geomap-source">{_esc(place["place_id"])}</span>')
    return f'<div class="geomap-popup">{"<br>".join(lines)}</div>'


def _doc_ids(value: Any) -> list[str]:
    """``doc_ids`` as a list, whether stored as a list/array or a comma-separated string."""
    if isinstance(value, str):
        items: Iterable[Any] = value.split(",")
    elif value is not None and hasattr(value, "__iter__"):
        items = value
    else:
        return []
    return [str(d).strip() for d in items if _present(d) and str(d).strip()]


def _place_radius(mentions: int | None) -> float:
    """Area grows with mentions, capped so a capital does not cover the map."""
    return round(min(4.0 + 2.5 * math.sqrt(max(mentions or 1, 1)), 28.0), 1)


def _default_title(events: list[tuple[float, float, dict[str, Any]]]) -> str:
    dated = [e for _, _, e in events if _present(e.get("event_date"))]
    # Day/week dates make a readable range; "2022" next to "2022-03-03" does not.
    precise = [e for e in dated if e.get("date_precision") in ("day", "week")]
    dates = sorted(_text(e["event_date"]) for e in precise or dated)
    title = f"{len(events)} event{'s' if len(events) != 1 else ''}"
    if dates:
        title += f", {dates[0]}" + (f" to {dates[-1]}" if dates[-1] != dates[0] else "")
    return title


class _Marker(NamedTuple):
    lat: float
    lon: float
    radius: float
    popup: str  # escaped HTML
    tooltip: str  # escaped HTML


def _add_circles(
    layer: folium.FeatureGroup, markers: list[_Marker], class_name: str, **style: Any
) -> None:
    """Draw circle markers with popups and tooltips into *layer*.

    Up to MARKER_LIMIT markers: one folium CircleMarker + Popup + Tooltip each (about
    1.5 kB of script per marker). Beyond it: one folium GeoJson whose features carry the
    escaped popup/tooltip HTML, bound by a small onEachFeature function (about 0.6 kB
    per marker, and the browser parses data instead of code). Both give one SVG circle
    with ``class_name`` per marker, so pages look and test the same.
    """
    if len(markers) <= MARKER_LIMIT:
        for mk in markers:
            folium.CircleMarker(
                location=(mk.lat, mk.lon),
                radius=mk.radius,
                fill=True,
                class_name=class_name,
                popup=folium.Popup(mk.popup, max_width=POPUP_MAX_WIDTH),
                tooltip=folium.Tooltip(mk.tooltip),
                **style,
            ).add_to(layer)
        return
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [mk.lon, mk.lat]},
            "properties": {"r": mk.radius, "popup": mk.popup, "tooltip": mk.tooltip},
        }
        for mk in markers
    ]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        marker=folium.CircleMarker(radius=EVENT_RADIUS, fill=True, class_name=class_name, **style),
        on_each_feature=JsCode(
            f"""function (feature, layer) {{
                var p = feature.properties;
                layer.setRadius(p.r);
                layer.bindPopup(p.popup, {{maxWidth: {POPUP_MAX_WIDTH}}});
                layer.bindTooltip(p.tooltip, {{sticky: true}});
            }}"""
        ),
        control=False,
    ).add_to(layer)


def _bounds(points: Iterable[tuple[float, float]]) -> list[list[float]] | None:
    lats, lons = [], []
    for lat, lon in points:
        lats.append(lat)
        lons.append(lon)
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


# --------------------------------------------------------------------------- public API


def build_map(
    events: gpd.GeoDataFrame,
    places: gpd.GeoDataFrame | None = None,
    *,
    tiles: str = "offline",
    title: str | None = None,
) -> folium.Map:
    """Build the interactive map of events (and optionally places).

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        Point events with the event properties of DESIGN.md section 3. Used columns:
        ``event_type``, ``sub_event_type``, ``event_date``, ``date_precision``,
        ``place_name``, ``country_code``, ``fatalities``, ``injured``, ``actors``,
        ``evidence``, ``source`` (any may be missing or null). Rows without a point
        geometry are skipped. Reprojected to EPSG:4326 if needed.
    places : geopandas.GeoDataFrame, optional
        Places with ``place_id``, ``place_name``, ``kind``, ``country_code``, ``admin1``,
        ``population``, ``mentions``, ``doc_ids``; drawn as circles sized by mentions.
    tiles : {"offline", "osm"}
        ``"offline"`` draws Natural Earth country polygons and needs no network;
        ``"osm"`` uses OpenStreetMap tiles (online) instead.
    title : str, optional
        Title shown on the map; default: the number of events and their date range.

    Returns
    -------
    folium.Map
        Save it with :func:`save_map` to get a page that works offline.

    Notes
    -----
    Event circles carry the CSS class ``geomap-event`` (and ``geomap-<event_type>``),
    place circles ``geomap-place``, basemap countries ``geomap-country``, so pages can be
    styled and tested through the DOM.
    """
    if tiles not in ("offline", "osm"):
        raise ValueError(f"tiles must be 'offline' or 'osm', not {tiles!r}")
    event_rows = list(_rows(events))
    place_rows = list(_rows(places))

    m = OfflineMap(
        location=WORLD_CENTRE,
        zoom_start=WORLD_ZOOM,
        tiles="OpenStreetMap" if tiles == "osm" else None,
        control_scale=True,
        world_copy_jump=True,
    )
    m.add_child(MapStyle())
    if tiles == "offline":
        from geomap._assets import basemap_geojson

        folium.GeoJson(
            basemap_geojson(),
            name="Countries (Natural Earth)",
            style_function=lambda _feature: {
                "fillColor": LAND_FILL,
                "fillOpacity": 1.0,
                "color": LAND_STROKE,
                "weight": 0.6,
                "className": "geomap-country",
            },
            control=False,
            interactive=False,
            smooth_factor=1.5,
        ).add_to(m)

    if place_rows:
        layer = folium.FeatureGroup(name=f"Places ({len(place_rows)})", show=True)
        markers = []
        for lat, lon, place in place_rows:
            mentions = _count(place.get("mentions"))
            label = str(place.get("place_name") or place.get("place_id") or "")
            if mentions is not None:
                label += f" ({mentions} mention{'s' if mentions != 1 else ''})"
            markers.append(
                _Marker(lat, lon, _place_radius(mentions), place_popup_html(place), _esc(label))
            )
        style = {"color": PLACE_COLOUR, "weight": 1, "fill_color": PLACE_COLOUR}
        _add_circles(layer, markers, "geomap-place", fill_opacity=0.15, **style)
        layer.add_to(m)

    by_family: dict[str, list[_Marker]] = {}
    for lat, lon, event in event_rows:
        family = str(event.get("event_type") or "other")
        by_family.setdefault(family, []).append(
            _Marker(lat, lon, EVENT_RADIUS, event_popup_html(event), event_tooltip_html(event))
        )
    counts = Counter({family: len(markers) for family, markers in by_family.items()})
    for family, n in _legend_order(counts):
        # Leaflet's layer control shows names as HTML: escape them like popups.
        group = folium.FeatureGroup(name=f"{_esc(family_label(family))} ({n})", show=True)
        _add_circles(
            group,
            by_family[family],
            f"geomap-event geomap-{_css_token(family)}",
            color="#ffffff",
            weight=1.5,
            fill_color=family_colour(family),
            fill_opacity=0.9,
        )
        group.add_to(m)

    m.add_child(MapTitle(title if title is not None else _default_title(event_rows)))
    m.add_child(Legend(counts))
    m.add_child(Attribution())
    folium.LayerControl(collapsed=False).add_to(m)

    bounds = _bounds((lat, lon) for lat, lon, _ in event_rows or place_rows)
    if bounds is not None:
        m.add_child(InstantFitBounds(bounds, padding=(40, 40), max_zoom=FIT_MAX_ZOOM))
    return m


def _walk(element: Element) -> Iterator[Element]:
    """Every element under *element*, including the header/html/script parts that
    Figure and Popup hold as attributes rather than children."""
    yield element
    for attr in ("header", "html", "script"):
        sub = getattr(element, attr, None)
        if isinstance(sub, Element):
            yield from _walk(sub)
    for child in element._children.values():
        yield from _walk(child)


_HEX_ID = re.compile(r"_([0-9a-f]{32})(?![0-9a-f])")


def _stable_ids(page: str, root: Element) -> str:
    """Replace folium's random element ids in *page* by a counter in order of appearance.

    Done on the rendered text rather than on the elements: render() adds elements of
    its own (e.g. each layer's ``addTo``), so renumbering the tree would change between
    a first and a second save. Only ids of elements in the tree are touched, never text
    that merely looks like one.
    """
    known = {el._id for el in _walk(root)}
    mapping: dict[str, str] = {}

    def renumber(match: re.Match[str]) -> str:
        old = match.group(1)
        if old not in known:
            return match.group(0)
        return "_" + mapping.setdefault(old, f"{len(mapping):06d}")

    return _HEX_ID.sub(renumber, page)


def render_page(m: folium.Map) -> str:
    """The map's full HTML page, self-contained and deterministic (see :func:`save_map`)."""
    from geomap._assets import inline_assets

    root = m.get_root()
    if not isinstance(root, Figure):  # pragma: no cover - folium always adds one
        root = Figure()
        root.add_child(m)
    # render() appends to the figure's header/html/script, partly under random names:
    # restore them afterwards so saving the same map twice gives the same page.
    parts = [getattr(root, part) for part in ("header", "html", "script")]
    before = [part._children.copy() for part in parts]
    try:
        page = _stable_ids(root.render(), root)
    finally:
        for part, children in zip(parts, before, strict=True):
            part._children = children
    return inline_assets(page)


def save_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write the map as one self-contained HTML file that opens offline.

    Parameters
    ----------
    m : folium.Map
        Usually from :func:`build_map`; any folium map whose assets folium-offline ships.
    path : str or os.PathLike
        Where to write; the parent folder is created.

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    geomap._assets.OfflineAssetError
        If the page would need a script or stylesheet from the network.

    Notes
    -----
    Every ``<script src>`` and stylesheet ``<link>`` folium emits is replaced by the
    content shipped in ``folium-offline``; element ids come from a counter so the same
    data gives byte-identical files. The file is written to a temporary name in the
    same folder and renamed, so readers never see half a page.
    """
    from geomap.export import atomic_write

    page = render_page(m)
    with atomic_write(path) as fh:
        fh.write(page)
    return Path(path)


def save_png(events: gpd.GeoDataFrame, path: str | os.PathLike, *,
             title: str | None = None, dpi: int = 150) -> Path:
    """Write a static map picture (PNG, or SVG by suffix) for reports.

    Natural Earth countries as the basemap, events coloured by family with a legend,
    a title and the data attribution; framed on the events with a margin.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    fig, ax = plt.subplots(figsize=(8, 6), dpi=dpi)
    ax.set_facecolor(OCEAN)
    from geomap._assets import countries
    from geomap.export import atomic_write

    world = countries()
    world.plot(ax=ax, color=LAND_FILL, edgecolor="#9a9a9a", linewidth=0.4)
    if len(events):
        for family, group in events.groupby("event_type", sort=True):
            group.plot(ax=ax, color=FAMILY_COLOURS.get(family, "#444444"), markersize=60,
                       edgecolor="white", linewidth=0.8, zorder=3,
                       label=f"{family_label(family)} ({len(group)})")
        minx, miny, maxx, maxy = events.total_bounds
        pad = max(2.0, 0.25 * max(maxx - minx, maxy - miny))
        ax.set_xlim(minx - pad, maxx + pad)
        ax.set_ylim(miny - pad, maxy + pad)
        ax.legend(loc="best", fontsize=7, frameon=True, title="Events", title_fontsize=8)
    else:
        ax.set_xlim(-180, 180)
        ax.set_ylim(-60, 85)
    ax.set_title(title or f"{len(events)} events", fontsize=11)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    fig.text(0.99, 0.01, ATTRIBUTION, ha="right", va="bottom", fontsize=6, color="#555555")
    fig.tight_layout()
    fmt = path.suffix.lstrip(".").lower() or "png"
    # No timestamps or software versions in the file: same data, same bytes.
    metadata = {"svg": {"Date": None, "Creator": None}, "png": {"Software": None}}.get(fmt)
    try:
        with atomic_write(path, "wb") as f:
            fig.savefig(f, format=fmt, metadata=metadata)
    finally:
        plt.close(fig)
    return path


def screenshot(
    html_path: str | os.PathLike[str],
    png_path: str | os.PathLike[str],
    width: int = 1200,
    height: int = 800,
    *,
    browser: Any = None,
) -> Path:
    """Save a PNG of a saved map page with headless Chromium, network off.

    Parameters
    ----------
    html_path : str or os.PathLike
        A page written by :func:`save_map`.
    png_path : str or os.PathLike
        Where to write the PNG; the parent folder is created.
    width, height : int
        Viewport size in CSS pixels.
    browser : playwright.sync_api.Browser, optional
        A running browser to reuse (many screenshots, or a caller already inside
        ``sync_playwright()``, where a second one cannot start). Default: launch
        ``/usr/bin/chromium`` for this one picture.

    Returns
    -------
    pathlib.Path
        The written PNG.

    Notes
    -----
    Uses the system Chromium (playwright never downloads a browser here); every
    request that is not ``file://`` is aborted, so OSM tiles do not show in
    screenshots of ``tiles="osm"`` maps.
    """
    html_path = Path(html_path).resolve()
    png_path = Path(png_path)
    png_path.parent.mkdir(parents=True, exist_ok=True)
    if browser is not None:
        _shoot(browser, html_path, png_path, width, height)
        return png_path
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise ImportError("screenshots need playwright: pip install 'geomap[test]'") from exc
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} not found: install Debian's chromium package")

    def run() -> None:
        with sync_playwright() as pw:
            own = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                _shoot(own, html_path, png_path, width, height)
            finally:
                own.close()

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        run()
    else:
        # Playwright's sync API refuses to start inside a running event loop (Jupyter,
        # or another sync_playwright()): give it a thread of its own.
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(run).result()
    return png_path


def _shoot(browser: Any, html_path: Path, png_path: Path, width: int, height: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file:") else route.abort()
            ),
        )
        page.goto(html_path.as_uri(), wait_until="load")
        # Let Leaflet finish its first layout and paint.
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        page.screenshot(path=str(png_path), full_page=False)
    finally:
        page.close()
