"""The elements of a geomap page, the folium way: one class per map element, holding its
template and declaring the JS/CSS it needs.

Elements here take data that :mod:`geomap.maps` has already prepared and escaped; they
never escape or interpret article text themselves. Two rules keep them fast and safe:

- Large data (events, places, the basemap) goes into the page once, as JSON in a
  ``<script type="application/json">`` block that JavaScript parses (the JSON is written
  with ``<``, ``>`` and ``&`` as ``\\u`` escapes, so no text can close the block).
- :class:`RawMacroElement` renders its macros once. branca's ``MacroElement`` wraps each
  rendered macro in a new Jinja template and renders it again, which costs seconds on
  megabytes of data and would evaluate any ``{{ ... }}`` that reached the output.

The behaviour (markers, clustering, filters, popups) lives in ``geomap/data/mapview.js``,
inlined into the page header once by every element that needs it.
"""

from __future__ import annotations

import contextvars
import functools
import json
import re
import secrets
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import resources
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement, JSCSSMixin
from folium.map import Layer
from folium.plugins import HeatMap, MarkerCluster
from folium.template import Template

__all__ = [
    "Attribution",
    "CountriesLayer",
    "EventCluster",
    "EventHeatMap",
    "EventLayer",
    "FamilyLayer",
    "HtmlControl",
    "InstantFitBounds",
    "MapStyle",
    "MapTitle",
    "OfflineMap",
    "PlacesLayer",
    "RawMacroElement",
    "ScriptData",
    "TimeSlider",
    "data_slots",
    "script_json",
]

_LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
_LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
_JQUERY_JS = "https://code.jquery.com/jquery-3.7.1.min.js"  # folium.Popup uses $()

_JSON_IN_HTML = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


def script_json(data: Any) -> str:
    """Compact JSON that is safe as the text of a ``<script>`` element.

    Non-ASCII stays as UTF-8 (the page declares it); ``<``, ``>`` and ``&`` become
    ``\\u`` escapes, so nothing inside can end the element or open a comment.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _JSON_IN_HTML:  # str.replace is several times faster than translate
        if char in text:
            text = text.replace(char, escape)
    return text


#: While :func:`data_slots` is active: the markers rendered so far and their data.
_SLOTS: contextvars.ContextVar[dict[str, ScriptData] | None] = contextvars.ContextVar(
    "geomap_data_slots", default=None)
#: Part of every marker, so a page's own text cannot collide with one by chance.
_SLOT_TOKEN = secrets.token_hex(8)
#: A marker :class:`ScriptData` renders inside :func:`data_slots`.
DATA_MARKER = re.compile(rf"(<!--geomap-data-{_SLOT_TOKEN}-\d+-->)")


@contextmanager
def data_slots() -> Iterator[dict[str, ScriptData]]:
    """Render :class:`ScriptData` blocks as markers inside this block; yields the
    markers rendered, with their data."""
    slots: dict[str, ScriptData] = {}
    token = _SLOTS.set(slots)
    try:
        yield slots
    finally:
        _SLOTS.reset(token)


class ScriptData:
    """Data for a ``<script type="application/json">`` block.

    Rendered as :func:`script_json` of the data, except inside :func:`data_slots`, where
    it renders as a marker (an HTML comment, which JSON text never contains: it escapes
    ``<``) and registers itself, so :func:`geomap.maps.save_map` can write the data in
    its place one top-level key at a time. A 100,000-event page was otherwise rendered,
    renumbered and inlined as whole strings of ~50 MB each.

    Parameters
    ----------
    data : Any
        What the block holds (JSON-serialisable).
    """

    def __init__(self, data: Any) -> None:
        self.data = data

    def __str__(self) -> str:
        slots = _SLOTS.get()
        if slots is None:  # a notebook, folium's own save(), a plain render()
            return script_json(self.data)
        marker = f"<!--geomap-data-{_SLOT_TOKEN}-{len(slots)}-->"
        slots[marker] = self
        return marker

    def chunks(self) -> Iterator[str]:
        """The pieces of ``script_json(self.data)``, in order."""
        data = self.data
        if not isinstance(data, Mapping) or not data or not all(
                isinstance(k, str) for k in data):
            yield script_json(data)
            return
        sep = "{"
        for key, value in data.items():
            yield f"{sep}{script_json(key)}:"
            yield script_json(value)
            sep = ","
        yield "}"


@functools.cache
def runtime_js() -> str:
    """geomap's map runtime (``geomap/data/mapview.js``)."""
    code = resources.files("geomap").joinpath("data/mapview.js").read_text(encoding="utf-8")
    return code.replace("</script", "<\\/script")


class _Raw(Element):
    """Text put into the page as is (branca's Element would compile it as a template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Raw"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class RawMacroElement(MacroElement):
    """A MacroElement whose rendered macros go into the page without a second Jinja pass.

    Also puts the geomap runtime into the page header when ``needs_runtime`` is set.
    """

    needs_runtime = False

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):  # pragma: no cover - folium always has one
            raise TypeError("a map element can only be rendered inside a Figure")
        if self.needs_runtime:
            figure.header.add_child(_Raw(f"<script>{runtime_js()}</script>"), name="geomap_js")
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_Raw(str(macro(self, kwargs))),
                                                name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class _RawLayer(RawMacroElement, Layer):
    """A folium Layer (listed by LayerControl) rendered without a second Jinja pass."""

    def render(self, **kwargs: Any) -> None:
        # Layer.render adds the "addTo(map)" child when shown, then renders children.
        if self.show:
            self.add_child(
                ElementAddToElement(
                    element_name=self.get_name(), element_parent_name=self._parent.get_name()
                ),
                name=self.get_name() + "_add",
            )
        RawMacroElement.render(self, **kwargs)


class OfflineMap(folium.Map):
    """A folium Map that declares only the JS/CSS a geomap page uses.

    folium.Map also pulls in Bootstrap, Font Awesome, glyphicons and awesome-markers;
    their CSS references font files that cannot be inlined, and our icons are inline SVG.
    jQuery stays because ``folium.Popup`` builds its content with ``$()``, so users can
    still add folium markers with popups to the map :func:`geomap.maps.build_map` returns.
    """

    default_js = [("leaflet", _LEAFLET_JS), ("jquery", _JQUERY_JS)]
    default_css = [("leaflet_css", _LEAFLET_CSS)]


class MapStyle(MacroElement):
    """Page CSS: ocean-coloured background; title, legend, markers, clusters, slider."""

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
            .geomap-legend, .geomap-time { background: rgba(255,255,255,0.94);
                padding: 6px 10px; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,0.3);
                font: 12px/1.5 system-ui, sans-serif; }
            .geomap-legend .geomap-row { white-space: nowrap; }
            .geomap-legend .geomap-count { color: #555; }
            .geomap-symbol { display: inline-block; width: 16px; height: 16px;
                margin-right: 5px; vertical-align: -2px; }
            .geomap-symbol svg { width: 16px; height: 16px; display: block; }
            .leaflet-control-layers .geomap-symbol { margin-left: 2px; }
            .geomap-event { background: none; border: none; }
            .geomap-event svg { display: block; width: 100%; height: 100%;
                overflow: visible; filter: drop-shadow(0 1px 1px rgba(0,0,0,0.45)); }
            .geomap-cluster { background: none; border: none; }
            .geomap-cluster div { width: 100%; height: 100%; border-radius: 50%;
                box-shadow: 0 1px 3px rgba(0,0,0,0.45); display: flex;
                align-items: center; justify-content: center; }
            .geomap-cluster span { background: #fff; border-radius: 50%; width: 66%;
                height: 66%; display: flex; align-items: center; justify-content: center;
                font: 600 12px/1 system-ui, sans-serif; color: #222; }
            .geomap-time { min-width: 230px; }
            .geomap-time-head { display: flex; justify-content: space-between; gap: 8px; }
            .geomap-time-count { color: #555; }
            .geomap-time-row { display: flex; align-items: center; gap: 6px; }
            .geomap-time-name { width: 32px; }
            .geomap-time input { flex: 1; margin: 2px 0; }
            .geomap-time output { font-variant-numeric: tabular-nums; width: 74px; }
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

    def __init__(self, ocean: str) -> None:
        super().__init__()
        self._name = "MapStyle"
        self.ocean = ocean


class HtmlControl(RawMacroElement):
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
        self._name = "HtmlControl"
        self.html = html_  # jinja's tojson makes it a JS string with <, >, & escaped
        self.position = position
        self.css_class = css_class


class MapTitle(RawMacroElement):
    """The map's title (escaped HTML), centred at the top of the map."""

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

    def __init__(self, html_: str) -> None:
        super().__init__()
        self._name = "MapTitle"
        self.html = html_


class InstantFitBounds(folium.FitBounds):
    """folium's FitBounds without the zoom animation.

    The first view is then final when the page has loaded, so screenshots and
    browser tests never catch the map half way through a zoom.
    """

    def __init__(self, bounds: list[list[float]], **kwargs: Any) -> None:
        super().__init__(bounds, **kwargs)
        self.options["animate"] = False


class Attribution(RawMacroElement):
    """Adds data credits (escaped HTML) to Leaflet's attribution control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.html|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, html_: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.html = html_


class CountriesLayer(RawMacroElement):
    """The offline basemap: country polygons as one GeoJSON layer (not interactive).

    Drawn by the map's renderer (canvas when the map prefers it); each polygon carries
    the class ``geomap-country`` for SVG maps.
    """

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <script type="application/json" id="{{ this.get_name() }}_data">{{ this.data }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON(
            JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent),
            {{ this.options|tojson }}
        ).addTo({{ this._parent.get_name() }});
        {{ this._parent.get_name() }}.geomap = {{ this._parent.get_name() }}.geomap || {};
        {{ this._parent.get_name() }}.geomap.countries = {{ this.get_name() }};
        {% endmacro %}
        """
    )

    def __init__(self, geojson: Mapping[str, Any], style: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "Countries"
        self.data = ScriptData(geojson)
        self.options = {
            "style": {**style, "className": "geomap-country"},
            "interactive": False,
            "smoothFactor": 1.5,
        }


class PlacesLayer(_RawLayer):
    """Places as circles sized by mentions, with popups and tooltips.

    *data* holds columns ``lat``, ``lon``, ``r`` (radius in pixels), ``popup`` and
    ``tooltip`` (indices into ``strings``, a list of escaped HTML).
    """

    needs_runtime = True
    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <script type="application/json" id="{{ this.get_name() }}_data">{{ this.data }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geomap.places(
            {{ this._parent.get_name() }}, "{{ this.get_name() }}_data", {{ this.options|tojson }}
        );
        {% endmacro %}
        """
    )

    def __init__(self, data: Mapping[str, Any], name: str, style: Mapping[str, Any],
                 popup_max_width: int, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "Places"
        self.columns = data
        self.data = ScriptData(data)
        self.options = {"style": dict(style), "popupMaxWidth": popup_max_width}


class EventCluster(MarkerCluster):
    """The cluster group all event markers go into (not itself in the layer control).

    Declares Leaflet.markercluster's JS/CSS through folium's MarkerCluster; markers are
    added in chunks (``chunkedLoading``) so a page of 100,000 events stays responsive
    while it clusters. Cluster icons are drawn by the runtime: a ring of family colours.
    """

    def __init__(self, **options: Any) -> None:
        defaults = {
            "chunked_loading": False,
            "show_coverage_on_hover": False,
            "spiderfy_on_max_zoom": True,
            "max_cluster_radius": 50,
            "remove_outside_visible_bounds": True,
        }
        super().__init__(control=False, **{**defaults, **options})
        self._name = "EventCluster"


class EventLayer(RawMacroElement):
    """All events, embedded once as compact columns; the runtime builds their markers.

    Not a layer itself: :class:`FamilyLayer` overlays switch families on and off,
    :class:`TimeSlider` filters by date and :class:`EventHeatMap` follows both.
    See :func:`geomap.maps.event_columns` for the data layout.
    """

    needs_runtime = True
    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <script type="application/json" id="{{ this.get_name() }}_data">{{ this.data }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geomap.events(
            {{ this._parent.get_name() }}, {{ this.cluster.get_name() }},
            "{{ this.get_name() }}_data", {{ this.options|tojson }}
        );
        {% endmacro %}
        """
    )

    def __init__(self, data: Mapping[str, Any], cluster: EventCluster,
                 popup_max_width: int) -> None:
        super().__init__()
        self._name = "Events"
        self.columns = data
        self.data = ScriptData(data)
        self.size = len(data["lat"])
        self.cluster = cluster
        self.options = {"popupMaxWidth": popup_max_width}


class FamilyLayer(_RawLayer):
    """One event family as an overlay of the layer control (its markers live in the
    shared cluster group, so clusters mix families and stay few)."""

    needs_runtime = True
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.events.get_name() }}.familyLayer({{ this.index }});
        {% endmacro %}
        """
    )

    def __init__(self, events: EventLayer, index: int, name: str, family: str,
                 count: int, show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "FamilyLayer"
        self.events = events
        self.index = index
        self.family = family
        self.count = count


class EventHeatMap(JSCSSMixin, _RawLayer):
    """Density of the events shown (after family and time filters), Leaflet.heat."""

    needs_runtime = True
    default_js = HeatMap.default_js
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geomap.heat({{ this.events.get_name() }},
                                                  {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, events: EventLayer, name: str = "Heat map", show: bool = False,
                 **options: Any) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "EventHeatMap"
        self.events = events
        self.options = {"radius": 22, "blur": 18, "minOpacity": 0.35, "maxZoom": 10,
                        **options}


class TimeSlider(RawMacroElement):
    """From/to range inputs over the days the events span; filters markers and heat.

    An event is shown while its ``[event_start, event_end]`` meets the chosen range;
    undated events are always shown. Absent when no two events differ in date.
    """

    needs_runtime = True
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var slider = L.geomap.timeSlider({{ this.events.get_name() }},
                                             {{ this.options|tojson }});
            if (slider) slider.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, events: EventLayer, position: str = "bottomleft") -> None:
        super().__init__()
        self._name = "TimeSlider"
        self.events = events
        self.options = {"position": position}


def legend_html(rows: Sequence[tuple[str, str, int]]) -> str:
    """Legend body from (symbol SVG, escaped label, count) rows, in family index order."""
    if not rows:
        return "<b>Events</b><div>No events</div>"
    body = "".join(
        f'<div class="geomap-row"><span class="geomap-symbol">{symbol}</span>{label} '
        f'(<span class="geomap-count" data-family="{i}">{count}</span>)</div>'
        for i, (symbol, label, count) in enumerate(rows)
    )
    return f"<b>Events</b>{body}"
