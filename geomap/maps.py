"""Interactive Folium maps of events and places, saved as self-contained HTML, and PNGs.

The page works offline by default: the basemap is Natural Earth country polygons drawn
as vector data (no tiles), and :func:`save_map` inlines folium's JS/CSS from the
``folium-offline`` package. All text that came from articles is HTML-escaped (and made
safe for JavaScript template literals and for Jinja, which folium renders twice) before
it enters the page.

Events go into the page once, as compact columns (:func:`event_columns`); the page's
runtime (``geomap/data/mapview.js``, see :mod:`geomap.mapelements`) builds markers,
clusters, popups, the time filter and the heat map from them, so 100,000 events make a
page of data rather than of code.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import functools
import html
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import folium
from branca.element import Element, Figure

from geomap import mapelements as el
from geomap.frame import MAP_DOC_IDS, split_doc_ids

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "ATTRIBUTION",
    "FAMILY_COLOURS",
    "FAMILY_LABELS",
    "OTHER_COLOUR",
    "FAMILY_SHAPES",
    "SHAPES",
    "build_map",
    "event_columns",
    "event_popup_html",
    "event_tooltip_html",
    "family_colour",
    "family_label",
    "family_shape",
    "family_symbol_svg",
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
#: Radius of an event drawn as a circle (QGIS styles in geomap.styles), pixels.
EVENT_RADIUS = 7
#: Size of an event symbol on the web map, CSS pixels.
EVENT_ICON_SIZE = 22
POPUP_MAX_WIDTH = 360
#: Fitting bounds on a single point would zoom to street level.
FIT_MAX_ZOOM = 9
#: The offline basemap (Natural Earth, simplified to ~5 km) shows nothing new beyond this;
#: fewer zoom levels also make clustering 100,000 markers cheaper.
OFFLINE_MAX_ZOOM = 12
OSM_MAX_ZOOM = 18
OSM_ATTRIBUTION = "Places: GeoNames (CC-BY 4.0)"

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
# code, or be a syntax error. branca renders each element's output a second time as a
# Jinja template, so "{{ ... }}" or "{% ... %}" from an article would run as Jinja at
# save time. As HTML entities they display the same and mean nothing to JS or Jinja.
_JS_LITERAL_ENTITIES = (
    ("`", "&#96;"), ("$", "&#36;"), ("\\", "&#92;"), ("{", "&#123;"), ("}", "&#125;")
)


def _esc(value: Any) -> str:
    """Text -> HTML that shows it literally, safe inside a JS template literal and from
    Jinja too."""
    text = html.escape(_text(value), quote=True)
    for char, entity in _JS_LITERAL_ENTITIES:  # str.replace is ~5x faster than translate
        if char in text:
            text = text.replace(char, entity)
    return text


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


def _family_key(value: Any) -> str:
    """The family an ``event_type`` cell stands for; "other" when it is null."""
    return str(value) if _present(value) else "other"


# --------------------------------------------------------------------------- families


def _legend_order(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Taxonomy order first, then unknown families alphabetically."""
    known = [(f, counts[f]) for f in FAMILY_COLOURS if counts.get(f)]
    other = sorted((f, n) for f, n in counts.items() if f not in FAMILY_COLOURS and n)
    return known + other


def _polygon(n: int, radius: float, rotation: float) -> list[tuple[float, float]]:
    step = 2 * math.pi / n
    start = math.radians(rotation)
    return [(radius * math.cos(start + k * step), radius * math.sin(start + k * step))
            for k in range(n)]


def _star(n: int, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for k in range(2 * n):
        angle = math.pi / 2 + k * math.pi / n
        r = outer if k % 2 == 0 else inner
        points.append((r * math.cos(angle), r * math.sin(angle)))
    return points


_W = 0.36  # half width of the plus/cross arms
_PLUS = [(-_W, 1), (_W, 1), (_W, _W), (1, _W), (1, -_W), (_W, -_W), (_W, -1), (-_W, -1),
         (-_W, -_W), (-1, -_W), (-1, _W), (-_W, _W)]
_ROOT_HALF = math.sqrt(0.5)

#: Outline of each symbol as polygon vertices around (0, 0), y up, radius about 1;
#: "circle" is a circle. The web map draws them as inline SVG (no icon fonts or image
#: files), the static picture as matplotlib markers, so both show the same symbols.
SHAPES: dict[str, str | list[tuple[float, float]]] = {
    "circle": "circle",
    "star": _star(5, 1.3, 0.55),
    "burst": _star(8, 1.25, 0.62),
    "triangle_down": _polygon(3, 1.2, -90),
    "triangle_up": _polygon(3, 1.2, 90),
    "square": _polygon(4, 1.15, 45),
    "diamond": _polygon(4, 1.2, 90),
    "arrow": [(-1, 0.38), (0.1, 0.38), (0.1, 0.9), (1.05, 0), (0.1, -0.9), (0.1, -0.38),
              (-1, -0.38)],
    "hexagon": _polygon(6, 1.05, 0),
    "cross": [(1.1 * (x - y) * _ROOT_HALF, 1.1 * (x + y) * _ROOT_HALF) for x, y in _PLUS],
    "plus": [(1.05 * x, 1.05 * y) for x, y in _PLUS],
}
#: One symbol per event family, beside its colour: told apart without colour vision too.
FAMILY_SHAPES: dict[str, str] = {
    "battles": "star",
    "explosions_remote_violence": "burst",
    "violence_against_civilians": "triangle_down",
    "protests": "square",
    "riots": "triangle_up",
    "strategic_developments": "diamond",
    "displacement": "arrow",
    "negotiations": "hexagon",
    "casualties_report": "cross",
    "diplomacy": "circle",
    "humanitarian": "plus",
}


def family_shape(event_type: Any) -> str:
    """Name of the family's symbol in :data:`SHAPES`; a circle outside the taxonomy."""
    return FAMILY_SHAPES.get(str(event_type), "circle")


def family_symbol_svg(event_type: Any, size: int | None = None) -> str:
    """The family's symbol as inline SVG: its shape, filled with its colour, white edge."""
    shape = SHAPES[family_shape(event_type)]
    colour = family_colour(event_type)
    if shape == "circle":
        body = '<circle r="0.95"'
    else:
        path = "M" + "L".join(f"{x:.3f},{-y:.3f}".replace(".000", "") for x, y in shape)
        body = f'<path d="{path}Z"'
    dims = f' width="{size}" height="{size}"' if size else ""
    return (
        f'<svg viewBox="-1.35 -1.35 2.7 2.7"{dims}'
        f' aria-hidden="true">{body} fill="{colour}" stroke="#fff" stroke-width="0.22"'
        ' stroke-linejoin="round"/></svg>'
    )


# --------------------------------------------------------------------------- content


class _Located:
    """Rows of a frame that have a usable point, with their coordinates in EPSG:4326."""

    def __init__(self, frame: Any) -> None:
        import numpy as np

        if frame is None or len(frame) == 0:
            self.frame, self.lat, self.lon = None, np.empty(0), np.empty(0)
            return
        import shapely

        if frame.crs is not None and frame.crs.to_epsg() != 4326:
            frame = frame.to_crs(4326)
        geoms = np.asarray(frame.geometry.values, dtype=object)
        usable = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        points = np.full(len(geoms), None, dtype=object)
        points[usable] = shapely.point_on_surface(geoms[usable])
        lon = shapely.get_x(points)
        lat = shapely.get_y(points)
        keep = usable & np.isfinite(lat) & np.isfinite(lon)
        self.frame = frame[keep]
        self.lat, self.lon = lat[keep].astype(float), lon[keep].astype(float)

    def __len__(self) -> int:
        return len(self.lat)

    def column(self, name: str) -> list[Any]:
        """Values of one column (None for every row when the column is absent)."""
        if self.frame is None:
            return []
        if name not in self.frame.columns:
            return [None] * len(self)
        return self.frame[name].tolist()

    def records(self) -> list[dict[str, Any]]:
        if self.frame is None:
            return []
        columns = [c for c in self.frame.columns if c != self.frame.geometry.name]
        return self.frame[columns].to_dict("records")

    def bounds(self) -> list[list[float]] | None:
        if not len(self):
            return None
        return [[float(self.lat.min()), float(self.lon.min())],
                [float(self.lat.max()), float(self.lon.max())]]


def _count(value: Any) -> int | None:
    """A count cell as an int; None when null, not a number, or negative."""
    if not _present(value):
        return None
    try:
        n = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return n if n >= 0 else None


def _source_html(source: Any) -> str:
    text = str(source)
    if text.lower().startswith(("http://", "https://")):
        # A link only for web URLs: never javascript: or data: from an article.
        return f'<a href="{_esc(text)}" target="_blank" rel="noopener noreferrer">{_esc(text)}</a>'
    return _esc(text)


def event_popup_html(event: Mapping[str, Any]) -> str:
    """Popup HTML of one event: what, when, where, toll, actors, evidence, source."""
    what = f"<b>{_esc(family_label(_family_key(event.get('event_type'))))}</b>"
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
    parts = [family_label(_family_key(event.get("event_type")))]
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
        # ``documents``: how many there are when doc_ids lists only the first (a run of
        # a million articles keeps ten per place for the map; geomap.stream).
        total = max(_count(place.get("documents")) or 0, len(ids))
        more = total - min(len(ids), MAP_DOC_IDS)
        shown = ", ".join(ids[:MAP_DOC_IDS]) + (f" … (+{more})" if more else "")
        lines.append(f"Documents: {_esc(shown)}")
    if _present(place.get("place_id")):
        lines.append(f'<span class="geomap-source">{_esc(place["place_id"])}</span>')
    return f'<div class="geomap-popup">{"<br>".join(lines)}</div>'


def _doc_ids(value: Any) -> list[str]:
    """``doc_ids`` as a list, whether stored as a list/array or a comma-separated string."""
    if isinstance(value, str):
        return split_doc_ids(value)
    if value is None or not hasattr(value, "__iter__"):
        return []
    return [str(d).strip() for d in value if _present(d) and str(d).strip()]


def _place_radius(mentions: int | None) -> float:
    """Area grows with mentions, capped so a capital does not cover the map."""
    return round(min(4.0 + 2.5 * math.sqrt(max(mentions or 1, 1)), 28.0), 1)


def _default_title(dates: Sequence[Any], precisions: Sequence[Any]) -> str:
    """"N events, first to last date" from the events' ``event_date``/``date_precision``."""
    try:
        pairs: Iterable[tuple[Any, Any]] = set(zip(dates, precisions, strict=True))
    except TypeError:  # unhashable cells
        pairs = zip(dates, precisions, strict=True)
    dated = [(_text(d), p) for d, p in pairs if _present(d)]
    # Day/week dates make a readable range; "2022" next to "2022-03-03" does not, but a
    # month or year wholly before or after them widens it ("2014 to 2022-03-03"), as the
    # time slider does.
    precise = sorted(d for d, p in dated if p in ("day", "week"))
    shown = precise or sorted(d for d, _ in dated)
    if precise:
        coarse = sorted(d for d, p in dated if p not in ("day", "week"))
        before = [d for d in coarse if d < precise[0][: len(d)]]
        after = [d for d in coarse if d > precise[-1][: len(d)]]
        shown = [*before[:1], *shown, *after[-1:]]
    title = f"{len(dates):,} event{'s' if len(dates) != 1 else ''}"
    if shown:
        title += f", {shown[0]}" + (f" to {shown[-1]}" if shown[-1] != shown[0] else "")
    return title


class _Strings:
    """A string table: each distinct (escaped) string once, rows refer to it by index.

    Index 0 is the empty string and means "absent".
    """

    def __init__(self) -> None:
        self.items: list[str] = [""]
        self._index: dict[str, int] = {"": 0}

    def add(self, text: str) -> int:
        index = self._index.get(text)
        if index is None:
            index = self._index[text] = len(self.items)
            self.items.append(text)
        return index

    def column(self, values: Iterable[Any], render: Any = None) -> list[int]:
        """Indices of *values* rendered to escaped HTML (``_esc`` by default); 0 for nulls.

        Each distinct value is rendered once: news events repeat places, dates and
        sources, so this is most of what makes 100,000 events quick to write.
        """
        render = render or _esc
        memo: dict[Any, int] = {}
        out = []
        for value in values:
            try:
                index = memo.get(value)
            except TypeError:  # unhashable cell, e.g. a list
                out.append(self.add(render(value)) if _present(value) else 0)
                continue
            if index is None:
                index = memo[value] = self.add(render(value)) if _present(value) else 0
            out.append(index)
        return out


_EPOCH = dt.date(1970, 1, 1).toordinal()
_ISO_PREFIX = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _day(value: Any, *, last: bool = False) -> int | None:
    """Days since 1970-01-01 of a date cell; for "2022-03" or "2022" the first (or, with
    *last*, the last) day of that month or year. None when there is no date."""
    if not _present(value):
        return None
    try:
        if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
            day = dt.date(value.year, value.month, value.day)
        else:
            match = _ISO_PREFIX.match(str(value))
            if not match:
                return None
            year, month, mday = (int(g) if g else None for g in match.groups())
            if month is None:
                day = dt.date(year, 12, 31) if last else dt.date(year, 1, 1)
            elif mday is None:
                if last:
                    following = dt.date(year + month // 12, month % 12 + 1, 1)
                    day = following - dt.timedelta(days=1)
                else:
                    day = dt.date(year, month, 1)
            else:
                day = dt.date(year, month, mday)
    except (ValueError, TypeError, OverflowError):
        return None
    return day.toordinal() - _EPOCH


def _days(values: Iterable[Any], *, last: bool) -> list[int | None]:
    memo: dict[Any, int | None] = {}
    out = []
    for value in values:
        try:
            if value not in memo:
                memo[value] = _day(value, last=last)
            out.append(memo[value])
        except TypeError:
            out.append(_day(value, last=last))
    return out


def event_columns(events: gpd.GeoDataFrame) -> dict[str, Any]:
    """The events as the compact columns a map page embeds once (JSON).

    Returns a dict of equal-length lists, one entry per event with a usable point:
    ``lat``, ``lon`` (5 decimals, about 1 m); ``fam`` (index into ``families``);
    ``t0``, ``t1`` (first and last day as days since 1970-01-01, from ``event_start`` and
    ``event_end`` or else ``event_date``; null when undated); ``sub``, ``date``, ``prec``,
    ``place``, ``cc``, ``actors``, ``evidence``, ``source`` (indices into ``strings``,
    escaped HTML, 0 when absent); ``fat``, ``inj`` (counts, -1 when absent). Besides the
    columns: ``strings``; ``families`` (key, escaped ``label``, ``colour``, ``css`` class,
    ``icon`` SVG and ``size``, in legend order); ``totals`` (events per family); and
    ``title``, the default map title.

    The page's runtime builds popups and tooltips from these fields exactly as
    :func:`event_popup_html` and :func:`event_tooltip_html` do from an event row.
    """
    located = _Located(events)
    keys = [_family_key(v) for v in located.column("event_type")]
    counts = Counter(keys)
    order = [family for family, _ in _legend_order(counts)]
    index = {family: i for i, family in enumerate(order)}
    strings = _Strings()

    dates = located.column("event_date")
    precisions = located.column("date_precision")
    prec = [p if _present(d) and _present(p) and p != "day" else None
            for d, p in zip(dates, precisions, strict=True)]
    starts = _days(located.column("event_start"), last=False)
    ends = _days(located.column("event_end"), last=True)
    date_starts = _days(dates, last=False)
    date_ends = _days(dates, last=True)
    t0, t1 = [], []
    for start, end, d0, d1 in zip(starts, ends, date_starts, date_ends, strict=True):
        first = start if start is not None else d0
        final = end if end is not None else (d1 if start is None else start)
        t0.append(first if first is not None else final)
        t1.append(final if final is not None else first)

    def counts_of(name: str) -> list[int]:
        return [-1 if (n := _count(v)) is None else n for v in located.column(name)]

    columns: dict[str, Any] = {
        "lat": [round(v, 5) for v in located.lat.tolist()],
        "lon": [round(v, 5) for v in located.lon.tolist()],
        "fam": [index[k] for k in keys],
        "t0": t0,
        "t1": t1,
        "sub": strings.column(located.column("sub_event_type"), lambda v: _esc(_humanise(v))),
        "date": strings.column(dates),
        "prec": strings.column(prec),
        "place": strings.column(located.column("place_name")),
        "cc": strings.column(located.column("country_code")),
        "actors": strings.column(located.column("actors")),
        "evidence": strings.column(located.column("evidence")),
        "source": strings.column(located.column("source")),
        "fat": counts_of("fatalities"),
        "inj": counts_of("injured"),
    }
    columns["strings"] = strings.items
    columns["families"] = [
        {
            "key": _esc(family),
            "label": _esc(family_label(family)),
            "colour": family_colour(family),
            "css": _css_token(family),
            "icon": family_symbol_svg(family),
            "size": EVENT_ICON_SIZE,
        }
        for family in order
    ]
    columns["totals"] = [counts[family] for family in order]
    columns["title"] = _default_title(dates, precisions)
    columns["bounds"] = located.bounds()
    return columns


def _place_columns(places: gpd.GeoDataFrame | None) -> dict[str, Any]:
    """Places as the columns PlacesLayer embeds: lat, lon, radius, popup, tooltip."""
    located = _Located(places)
    strings = _Strings()
    radius, popups, tooltips = [], [], []
    for place in located.records():
        mentions = _count(place.get("mentions"))
        label = str(place.get("place_name") or place.get("place_id") or "")
        if mentions is not None:
            label += f" ({mentions} mention{'s' if mentions != 1 else ''})"
        radius.append(_place_radius(mentions))
        popups.append(strings.add(place_popup_html(place)))
        tooltips.append(strings.add(_esc(label)))
    return {
        "lat": [round(v, 5) for v in located.lat.tolist()],
        "lon": [round(v, 5) for v in located.lon.tolist()],
        "r": radius,
        "popup": popups,
        "tooltip": tooltips,
        "strings": strings.items,
        "bounds": located.bounds(),
    }


# --------------------------------------------------------------------------- public API


def build_map(
    events: gpd.GeoDataFrame,
    places: gpd.GeoDataFrame | None = None,
    *,
    tiles: str = "offline",
    title: str | None = None,
    heat: bool = True,
    time_slider: bool = True,
) -> folium.Map:
    """Build the interactive map of events (and optionally places).

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        Point events with the event properties of DESIGN.md section 3. Used columns:
        ``event_type``, ``sub_event_type``, ``event_date``, ``date_precision``,
        ``event_start``, ``event_end``, ``place_name``, ``country_code``, ``fatalities``,
        ``injured``, ``actors``, ``evidence``, ``source`` (any may be missing or null).
        Rows without a point geometry are skipped. Reprojected to EPSG:4326 if needed.
    places : geopandas.GeoDataFrame, optional
        Places with ``place_id``, ``place_name``, ``kind``, ``country_code``, ``admin1``,
        ``population``, ``mentions``, ``doc_ids``, optionally ``documents`` (how many
        documents when ``doc_ids`` lists only the first); drawn as circles sized by
        mentions.
    tiles : {"offline", "osm"}
        ``"offline"`` draws Natural Earth country polygons and needs no network;
        ``"osm"`` uses OpenStreetMap tiles (online) instead.
    title : str, optional
        Title shown on the map; default: the number of events and their date range.
    heat : bool
        Add a heat map of event density (an overlay, off until ticked).
    time_slider : bool
        Add the from/to date slider (when the events span more than one day).

    Returns
    -------
    folium.Map
        Save it with :func:`save_map` to get a page that works offline; add your own
        folium layers to it as to any map.

    Notes
    -----
    The page has: the basemap; a "Places" overlay; one overlay per event family (symbol,
    colour and count in the layer control), whose markers share one cluster group; a
    heat map overlay; a time slider; a legend whose counts follow the time slider; a
    title; attribution. Markers are built in the browser from :func:`event_columns`.
    Event markers carry the CSS classes ``geomap-event geomap-<event_type>``. In the page,
    ``map.geomap`` holds the runtime objects (``events``, ``places``, ``countries``,
    ``heat``, ``timeSlider``) for scripts and tests.
    """
    if tiles not in ("offline", "osm"):
        raise ValueError(f"tiles must be 'offline' or 'osm', not {tiles!r}")
    data = event_columns(events)
    place_data = _place_columns(places)

    m = el.OfflineMap(
        location=WORLD_CENTRE,
        zoom_start=WORLD_ZOOM,
        tiles="OpenStreetMap" if tiles == "osm" else None,
        control_scale=True,
        world_copy_jump=True,
        prefer_canvas=True,
    )
    m.options["min_zoom"] = 1
    m.options["max_zoom"] = OSM_MAX_ZOOM if tiles == "osm" else OFFLINE_MAX_ZOOM
    m.add_child(el.MapStyle(OCEAN))
    place_bounds = place_data.pop("bounds")
    event_bounds = data.pop("bounds")
    default_title = data.pop("title")
    bounds = event_bounds or place_bounds
    if bounds is not None:
        # Before any layer: markers are clustered once, at the final view.
        m.add_child(el.InstantFitBounds(bounds, padding=(60, 60), max_zoom=FIT_MAX_ZOOM))
    if tiles == "offline":
        from geomap._assets import basemap_geojson

        style = {"fillColor": LAND_FILL, "fillOpacity": 1.0, "color": LAND_STROKE,
                 "weight": 0.6}
        m.add_child(el.CountriesLayer(basemap_geojson(), style))

    n_places = len(place_data["lat"])
    if n_places:
        style = {"color": PLACE_COLOUR, "weight": 1, "fillColor": PLACE_COLOUR,
                 "fillOpacity": 0.15}
        m.add_child(el.PlacesLayer(place_data, f"Places ({n_places})", style, POPUP_MAX_WIDTH))

    families = data["families"]
    if families:
        cluster = el.EventCluster()
        m.add_child(cluster)
        layer = el.EventLayer(data, cluster, POPUP_MAX_WIDTH)
        m.add_child(layer)
        for i, (family, n) in enumerate(zip(families, data["totals"], strict=True)):
            # Leaflet's layer control shows names as HTML: the label is escaped.
            name = f'<span class="geomap-symbol">{family["icon"]}</span>{family["label"]} ({n})'
            m.add_child(el.FamilyLayer(layer, i, name, family["key"], n))
        if heat:
            m.add_child(el.EventHeatMap(layer, name="Heat map (event density)"))
        if time_slider:
            m.add_child(el.TimeSlider(layer))

    m.add_child(el.MapTitle(_esc(title if title is not None else default_title)))
    rows = [(f["icon"], f["label"], n) for f, n in zip(families, data["totals"], strict=True)]
    m.add_child(el.HtmlControl(el.legend_html(rows), "bottomright", "geomap-legend"))
    m.add_child(el.Attribution(_esc(OSM_ATTRIBUTION if tiles == "osm" else ATTRIBUTION)))
    folium.LayerControl(collapsed=False).add_to(m)

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


def _page_with_markers(m: folium.Map) -> tuple[str, dict[str, el.ScriptData]]:
    """The page with each data block still a marker, and the data by marker."""
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
        with el.data_slots() as slots:
            page = _stable_ids(root.render(), root)
    finally:
        for part, children in zip(parts, before, strict=True):
            part._children = children
    return inline_assets(page), slots


def _page_pieces(m: folium.Map) -> Iterator[str]:
    """The page in order, each data block as the pieces of its JSON."""
    page, slots = _page_with_markers(m)
    for i, piece in enumerate(el.DATA_MARKER.split(page)):
        yield from slots[piece].chunks() if i % 2 else (piece,)


def render_page(m: folium.Map) -> str:
    """The map's full HTML page, self-contained and deterministic (see :func:`save_map`)."""
    return "".join(_page_pieces(m))


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
    same folder and renamed, so readers never see half a page. The embedded data is
    written piece by piece, never joined into one page string (:class:`ScriptData`).
    """
    from geomap.export import atomic_write

    with atomic_write(path) as fh:
        fh.writelines(_page_pieces(m))
    return Path(path)


#: Web Mercator limits: the static picture uses the web map's projection.
_MERCATOR_LAT = 85.0
_MERCATOR_X = 20037508.34


@functools.cache
def _countries_mercator() -> gpd.GeoDataFrame:
    """The basemap countries clipped to +-85 degrees and projected to EPSG:3857."""
    import shapely

    from geomap._assets import countries

    world = countries()
    # clip_by_rect tolerates the small self-touches simplification leaves behind.
    clipped = shapely.clip_by_rect(world.geometry.values, -180, -_MERCATOR_LAT, 180,
                                   _MERCATOR_LAT)
    world = world.set_geometry(clipped)
    return world[~world.geometry.is_empty].to_crs(3857)


def _picture_extent(x: Any, y: Any, aspect: float) -> tuple[float, float, float, float]:
    """Frame around points (EPSG:3857): a margin, at least ~400 km, the axes' aspect."""
    if not len(x):
        return -_MERCATOR_X, _MERCATOR_X, -_MERCATOR_X / aspect, _MERCATOR_X / aspect
    minx, maxx, miny, maxy = float(x.min()), float(x.max()), float(y.min()), float(y.max())
    width = max(maxx - minx, 4e5) * 1.3
    height = max(maxy - miny, 4e5) * 1.3
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    width = min(width, 2 * _MERCATOR_X)
    cx = min(max(cx, -_MERCATOR_X + width / 2), _MERCATOR_X - width / 2)
    return cx - width / 2, cx + width / 2, cy - height / 2, cy + height / 2


#: matplotlib scales every marker to the same outer radius: spiky shapes look smaller.
_SHAPE_SCALE = {"star": 1.6, "burst": 1.7, "cross": 0.8, "plus": 0.85, "arrow": 1.2,
                "triangle_up": 1.15, "triangle_down": 1.15}


def _mpl_marker(family: str) -> Any:
    shape = SHAPES[family_shape(family)]
    return "o" if shape == "circle" else [*shape, shape[0]]


def save_png(events: gpd.GeoDataFrame, path: str | os.PathLike, *,
             title: str | None = None, dpi: int = 150,
             size: tuple[float, float] = (8.0, 6.0)) -> Path:
    """Write a static map picture (PNG, or SVG by suffix) for reports.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        Point events (``event_type``, ``place_name``, ``event_date`` and
        ``date_precision`` are used when present).
    path : str or os.PathLike
        ``.png`` (default) or ``.svg``.
    title : str, optional
        Default: the number of events and their date range, as on the web map.
    dpi : int
        Pixels per inch of a PNG: the default 8 x 6 inches at 150 dpi is 1200 x 900
        pixels, a page width in a report.
    size : (float, float)
        Width and height in inches.

    Notes
    -----
    Drawn like the web map: Web Mercator, the Natural Earth basemap, each family with its
    colour and symbol (:data:`FAMILY_SHAPES`); events at the same place and of the same
    family are one symbol that grows with their number, families sharing a place sit
    side by side. The places with most events are labelled. A legend with counts sits
    under the map, the attribution in the corner. Same data, same bytes.
    """
    import numpy as np
    from matplotlib import patheffects
    from matplotlib.figure import Figure as MplFigure
    from matplotlib.lines import Line2D

    from geomap.export import atomic_write

    path = Path(path)
    located = _Located(events)
    lat = np.clip(located.lat, -_MERCATOR_LAT, _MERCATOR_LAT)
    x = np.radians(located.lon) * 6378137.0
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) * 6378137.0
    keys = [_family_key(v) for v in located.column("event_type")]
    counts = Counter(keys)

    order = [family for family, _ in _legend_order(counts)]
    rows = math.ceil(len(order) / 3) if order else 1
    fig = MplFigure(figsize=size, dpi=dpi)
    legend_height = (0.03 + 0.034 * rows) * 6.0 / size[1]
    box = (0.025, 0.035 + legend_height, 0.95, 0.895 - 0.035 - legend_height)
    ax = fig.add_axes(box)
    ax.set_facecolor(OCEAN)
    aspect = (box[2] * size[0]) / (box[3] * size[1])
    x0, x1, y0, y1 = _picture_extent(x, y, aspect)
    _countries_mercator().plot(ax=ax, color=LAND_FILL, edgecolor="#a9a397", linewidth=0.45)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#888888")
        spine.set_linewidth(0.6)

    # One symbol per (place, family), sized by its number of events; families sharing a
    # place side by side. Past a few hundred symbols that turns to confetti: then one
    # symbol per place, in the family most of its events belong to.
    groups: dict[tuple[float, float], Counter[str]] = {}
    for xi, yi, key in zip(np.round(x, -2).tolist(), np.round(y, -2).tolist(), keys,
                           strict=True):
        groups.setdefault((xi, yi), Counter())[key] += 1
    dense = sum(len(f) for f in groups.values()) > 400
    base, growth, cap = (14.0, 6.0, 160.0) if dense else (70.0, 45.0, 700.0)
    nudge = 0.012 * (x1 - x0)
    drawn: dict[str, tuple[list[float], list[float], list[float]]] = {}
    for (xi, yi), families in groups.items():
        ordered = [f for f, _ in _legend_order(families)]
        if dense:
            top = max(ordered, key=lambda f: families[f])  # ties: taxonomy order
            ordered, families = [top], Counter({top: sum(families.values())})
        for j, family in enumerate(ordered):
            angle = 2 * math.pi * j / len(ordered)
            dx, dy = (nudge * math.sin(angle), nudge * math.cos(angle)) \
                if len(ordered) > 1 else (0.0, 0.0)
            xs, ys, ss = drawn.setdefault(family, ([], [], []))
            xs.append(xi + dx)
            ys.append(yi + dy)
            area = min(base + growth * math.sqrt(families[family] - 1), cap)
            ss.append(area * _SHAPE_SCALE.get(family_shape(family), 1.0))
    for rank, family in enumerate(order):  # rarer families drawn last, on top
        if family not in drawn:
            continue
        xs, ys, ss = drawn[family]
        ax.scatter(xs, ys, s=ss, marker=_mpl_marker(family), c=family_colour(family),
                   edgecolors="white", linewidths=0.6 if dense else 0.8,
                   zorder=3 + rank / 100)

    # Labels for the places with most events, skipping ones that would crowd.
    names = located.column("place_name")
    per_place: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        if _present(name):
            per_place.setdefault(str(name), []).append(i)
    labelled: list[tuple[float, float]] = []
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    for name, rows in sorted(per_place.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(labelled) >= 8:
            break
        px, py = float(np.median(x[rows])), float(np.median(y[rows]))
        if not (x0 < px < x1 and y0 < py < y1):
            continue
        if any(abs(px - lx) < 0.12 * (x1 - x0) and abs(py - ly) < 0.04 * (y1 - y0)
               for lx, ly in labelled):
            continue
        labelled.append((px, py))
        ax.annotate(name, (px, py), xytext=(9, 6), textcoords="offset points", fontsize=7.5,
                    color="#222222", path_effects=halo, zorder=10)

    dated_title = title if title is not None else _default_title(
        located.column("event_date"), located.column("date_precision")
    )
    fig.text(box[0], 0.958, dated_title, fontsize=13, fontweight="bold", va="center",
             color="#1a1a1a")
    note = ("One symbol per place, in the family most of its events belong to"
            if dense else "Events by family")
    fig.text(box[0], 0.918, f"{note}; larger symbols mark more events at one place.",
             fontsize=8, va="center", color="#555555")
    handles = [
        Line2D([], [], linestyle="none", marker=_mpl_marker(family),
               markersize=9 * math.sqrt(_SHAPE_SCALE.get(family_shape(family), 1.0)),
               markerfacecolor=family_colour(family), markeredgecolor="white",
               markeredgewidth=0.6, label=f"{family_label(family)} ({counts[family]:,})")
        for family in order
    ]
    if handles:
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(box[0], box[1] - 0.012),
                   ncol=3, frameon=False, fontsize=8, handletextpad=0.4, columnspacing=1.4,
                   borderaxespad=0)
    else:
        fig.text(box[0], box[1] - 0.04, "No events", fontsize=9, color="#555555")
    fig.text(box[0] + box[2], 0.012, ATTRIBUTION, ha="right", va="bottom", fontsize=6.5,
             color="#555555")

    fmt = path.suffix.lstrip(".").lower() or "png"
    # No timestamps or software versions in the file: same data, same bytes.
    metadata = {"svg": {"Date": None, "Creator": None}, "png": {"Software": None}}.get(fmt)
    import matplotlib

    with matplotlib.rc_context({"svg.hashsalt": "geomap"}), atomic_write(path, "wb") as f:
        fig.savefig(f, format=fmt, metadata=metadata, facecolor="white")
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
        # Wait for the markers to be placed (geomap pages), then for Leaflet's first
        # layout and paint.
        page.evaluate(
            """async () => {
                const map = window.L && Object.values(window).find(v => v instanceof L.Map);
                const events = map && map.geomap && map.geomap.events;
                if (events) await events.whenIdle();
                await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            }"""
        )
        page.screenshot(path=str(png_path), full_page=False)
    finally:
        page.close()
