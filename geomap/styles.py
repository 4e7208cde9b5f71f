"""QGIS styles for geomap's layers: QML, SLD and a layer definition file (``.qlr``).

The styles match the web map (:mod:`geomap.maps`): events are circles categorised by
``event_type`` in :data:`~geomap.maps.FAMILY_COLOURS`, places are translucent circles
sized by ``mentions`` with their name as label, mentions are small dots. The events
style also switches on QGIS' temporal controller over ``event_start``/``event_end``.

The XML is written by hand (no QGIS needed to write it) in the shape QGIS 3.22, the LTR
in Debian 12, writes itself; newer QGIS versions read it as is. Output is a pure
function of its arguments, so files are byte-identical across runs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from geomap.maps import (
    EVENT_RADIUS,
    FAMILY_COLOURS,
    FAMILY_LABELS,
    OTHER_COLOUR,
    PLACE_COLOUR,
)

__all__ = [
    "LAYERS",
    "QGIS_VERSION",
    "LayerSource",
    "layer_definition",
    "place_size_expression",
    "qml",
    "sld",
    "temporal_expressions",
]

#: Written into the files; QGIS reads styles of older versions without complaint.
QGIS_VERSION = "3.22.16-Białowieża"
#: The layers geomap writes, in drawing order (top first) for the layer definition.
LAYERS = ("events", "places", "mentions")
#: Geometry column name GDAL gives GeoPackage layers.
GPKG_GEOMETRY_COLUMN = "geom"

_MENTION_COLOUR = "#5b6b7f"
_LABEL_COLOUR = "#323232"
_DOCTYPE = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
_UNIT_SCALE = "3x:0,0,0,0,0,0"
_WGS84 = {
    "wkt": 'GEOGCRS["WGS 84",DATUM["World Geodetic System 1984",ELLIPSOID["WGS 84",'
           '6378137,298.257223563,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,'
           'ANGLEUNIT["degree",0.0174532925199433]],CS[ellipsoidal,2],AXIS["geodetic '
           'latitude (Lat)",north,ORDER[1],ANGLEUNIT["degree",0.0174532925199433]],'
           'AXIS["geodetic longitude (Lon)",east,ORDER[2],ANGLEUNIT["degree",'
           '0.0174532925199433]],ID["EPSG",4326]]',
    "proj4": "+proj=longlat +datum=WGS84 +no_defs",
    "srsid": "3452",
    "srid": "4326",
    "authid": "EPSG:4326",
    "description": "WGS 84",
    "projectionacronym": "longlat",
    "ellipsoidacronym": "EPSG:7030",
    "geographicflag": "true",
}


def place_size_expression(field: str = "mentions") -> str:
    """QGIS expression for a place's circle diameter in pixels.

    The same curve as the web map's place radius: area grows with mentions, capped so a
    capital does not cover the map.
    """
    return f'2 * min(4 + 2.5 * sqrt(max(coalesce("{field}", 1), 1)), 28)'


# -- small XML helpers ------------------------------------------------------------------


def _rgba(hex_colour: str, alpha: float = 1.0) -> str:
    """``#rrggbb`` as QGIS' ``r,g,b,a`` colour string."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"{r},{g},{b},{round(alpha * 255)}"


def _el(parent: ET.Element | None, tag: str, attrs: Mapping[str, object] | None = None,
        text: str | None = None) -> ET.Element:
    attrib = {k: str(v) for k, v in (attrs or {}).items()}
    e = ET.Element(tag, attrib) if parent is None else ET.SubElement(parent, tag, attrib)
    if text is not None:
        e.text = text
    return e


def _option_map(parent: ET.Element, values: Mapping[str, str], name: str | None = None
                ) -> ET.Element:
    attrs = {"type": "Map"} if name is None else {"type": "Map", "name": name}
    m = _el(parent, "Option", attrs)
    for k, v in values.items():
        _el(m, "Option", {"type": "QString", "name": k, "value": v})
    return m


def _data_defined(parent: ET.Element, tag: str, properties: Mapping[str, str]) -> None:
    """A QGIS property collection: ``{property name: expression}``."""
    holder = _el(parent, tag)
    m = _el(holder, "Option", {"type": "Map"})
    _el(m, "Option", {"type": "QString", "name": "name", "value": ""})
    if properties:
        props = _el(m, "Option", {"type": "Map", "name": "properties"})
        for prop, expression in properties.items():
            p = _el(props, "Option", {"type": "Map", "name": prop})
            _el(p, "Option", {"type": "bool", "name": "active", "value": "true"})
            _el(p, "Option", {"type": "QString", "name": "expression", "value": expression})
            _el(p, "Option", {"type": "int", "name": "type", "value": "3"})
    else:
        _el(m, "Option", {"name": "properties"})
    _el(m, "Option", {"type": "QString", "name": "type", "value": "collection"})


def _marker_symbol(parent: ET.Element, name: str, *, fill: str, fill_alpha: float = 1.0,
                   stroke: str, stroke_width: float, size: float,
                   size_expression: str | None = None) -> ET.Element:
    """A circle marker symbol; sizes and widths in pixels, as on the web map."""
    symbol = _el(parent, "symbol", {"type": "marker", "alpha": "1", "force_rhr": "0",
                                    "name": name, "clip_to_extent": "1"})
    _data_defined(symbol, "data_defined_properties", {})
    layer = _el(symbol, "layer", {"pass": "0", "locked": "0", "enabled": "1",
                                  "class": "SimpleMarker"})
    props = {
        "angle": "0", "cap_style": "square", "color": _rgba(fill, fill_alpha),
        "horizontal_anchor_point": "1", "joinstyle": "bevel", "name": "circle",
        "offset": "0,0", "offset_map_unit_scale": _UNIT_SCALE, "offset_unit": "Pixel",
        "outline_color": _rgba(stroke), "outline_style": "solid",
        "outline_width": f"{stroke_width:g}", "outline_width_map_unit_scale": _UNIT_SCALE,
        "outline_width_unit": "Pixel", "scale_method": "diameter", "size": f"{size:g}",
        "size_map_unit_scale": _UNIT_SCALE, "size_unit": "Pixel",
        "vertical_anchor_point": "1",
    }
    _option_map(layer, props)
    for k, v in props.items():  # QGIS < 3.26 also writes the legacy form; keep both
        _el(layer, "prop", {"k": k, "v": v})
    _data_defined(layer, "data_defined_properties",
                  {"size": size_expression} if size_expression else {})
    return symbol


def _labeling(parent: ET.Element, field: str) -> None:
    """Simple labels of ``field``: dark text with a white halo, right of the point."""
    labeling = _el(parent, "labeling", {"type": "simple"})
    settings = _el(labeling, "settings", {"calloutType": "simple"})
    style = _el(settings, "text-style", {
        "fieldName": field, "isExpression": "0", "fontFamily": "Sans Serif",
        "namedStyle": "Regular", "fontSize": "9", "fontSizeUnit": "Point",
        "fontSizeMapUnitScale": _UNIT_SCALE, "fontWeight": "50", "fontItalic": "0",
        "fontUnderline": "0", "fontStrikeout": "0", "fontKerning": "1",
        "fontLetterSpacing": "0", "fontWordSpacing": "0", "textColor": _rgba(_LABEL_COLOUR),
        "textOpacity": "1", "textOrientation": "horizontal", "multilineHeight": "1",
        "capitalization": "0", "blendMode": "0", "allowHtml": "0", "useSubstitutions": "0",
        "previewBkgrdColor": "255,255,255,255", "legendString": "Aa",
    })
    _el(style, "text-buffer", {
        "bufferDraw": "1", "bufferSize": "0.8", "bufferSizeUnits": "MM",
        "bufferSizeMapUnitScale": _UNIT_SCALE, "bufferColor": "255,255,255,255",
        "bufferOpacity": "0.9", "bufferNoFill": "1", "bufferJoinStyle": "128",
        "bufferBlendMode": "0",
    })
    _el(style, "text-mask", {"maskEnabled": "0", "maskType": "0", "maskSize": "0",
                             "maskSizeUnits": "MM", "maskSizeMapUnitScale": _UNIT_SCALE,
                             "maskJoinStyle": "128", "maskOpacity": "1",
                             "maskedSymbolLayers": ""})
    _el(style, "background", {"shapeDraw": "0", "shapeType": "0"})
    _el(style, "shadow", {"shadowDraw": "0"})
    _data_defined(style, "dd_properties", {})
    _el(style, "substitutions")
    _el(settings, "text-format", {
        "wrapChar": "", "autoWrapLength": "0", "useMaxLineLengthForAutoWrap": "1",
        "multilineAlign": "3", "addDirectionSymbol": "0", "formatNumbers": "0",
        "decimals": "3", "plussign": "0", "leftDirectionSymbol": "<",
        "rightDirectionSymbol": ">", "reverseDirectionSymbol": "0",
        "placeDirectionSymbol": "0",
    })
    _el(settings, "placement", {
        "placement": "6", "placementFlags": "10", "dist": "1", "distUnits": "MM",
        "distMapUnitScale": _UNIT_SCALE, "predefinedPositionOrder": "TR,TL,BR,BL,R,L,TSR,BSR",
        "quadOffset": "4", "priority": "5", "offsetType": "0", "xOffset": "0",
        "yOffset": "0", "offsetUnits": "MM", "labelOffsetMapUnitScale": _UNIT_SCALE,
        "rotationAngle": "0", "rotationUnit": "AngleDegrees", "preserveRotation": "1",
        "centroidWhole": "0", "centroidInside": "0", "fitInPolygonOnly": "0",
        "maxCurvedCharAngleIn": "25", "maxCurvedCharAngleOut": "-25",
        "repeatDistance": "0", "repeatDistanceUnits": "MM",
        "repeatDistanceMapUnitScale": _UNIT_SCALE, "overrunDistance": "0",
        "overrunDistanceUnit": "MM", "overrunDistanceMapUnitScale": _UNIT_SCALE,
        "lineAnchorPercent": "0.5", "lineAnchorType": "0", "lineAnchorClipping": "0",
        "polygonPlacementFlags": "2", "geometryGenerator": "", "geometryGeneratorEnabled": "0",
        "geometryGeneratorType": "PointGeometry", "layerType": "PointGeometry",
    })
    _el(settings, "rendering", {
        "drawLabels": "1", "obstacle": "1", "obstacleFactor": "1", "obstacleType": "1",
        "displayAll": "0", "upsidedownLabels": "0", "labelPerPart": "0", "mergeLines": "0",
        "minFeatureSize": "0", "limitNumLabels": "0", "maxNumLabels": "2000",
        "fontLimitPixelSize": "0", "fontMinPixelSize": "3", "fontMaxPixelSize": "10000",
        "scaleVisibility": "0", "scaleMin": "0", "scaleMax": "0", "zIndex": "1",
        "unplacedVisibility": "0",
    })
    _data_defined(settings, "dd_properties", {})


def temporal_expressions(start: str = "event_start", end: str = "event_end"
                         ) -> tuple[str, str]:
    """QGIS expressions for the time span of a feature with ISO dates ``start``..``end``.

    An event dated ``2022-03-03`` lasts the whole day: from 00:00 on its first day to
    00:00 after its last. (Plain date fields would make it an instant at midnight, and
    QGIS 3.22 compares dates with date-times a day off.)
    """
    return (f'to_datetime("{start}")',
            f'to_datetime("{end}") + make_interval(days:=1)')


def _temporal(parent: ET.Element, start: str | None, end: str | None) -> None:
    """Temporal properties: on, each feature lasting from day ``start`` to day ``end``."""
    active = start is not None and end is not None
    start_expr, end_expr = temporal_expressions(start, end) if active else ("", "")
    t = _el(parent, "temporal", {
        "enabled": "1" if active else "0",
        # QgsVectorLayerTemporalProperties::ModeFeatureDateTimeStartAndEndFromExpressions
        "mode": "4" if active else "0",
        "startField": start or "", "endField": end or "", "durationField": "",
        "durationUnit": "min", "fixedDuration": "0", "accumulate": "0",
        "startExpression": start_expr, "endExpression": end_expr, "limitMode": "0",
    })
    fixed = _el(t, "fixedRange")
    _el(fixed, "start", text="")
    _el(fixed, "end", text="")


# -- the three layer styles -------------------------------------------------------------


def _event_renderer(parent: ET.Element) -> None:
    renderer = _el(parent, "renderer-v2", {
        "type": "categorizedSymbol", "attr": "event_type", "symbollevels": "0",
        "forceraster": "0", "referencescale": "-1", "enableorderby": "0",
    })
    cats = _el(renderer, "categories")
    symbols = _el(renderer, "symbols")
    families = [*FAMILY_COLOURS.items(), ("", OTHER_COLOUR)]  # "" = all other values
    for i, (family, colour) in enumerate(families):
        _el(cats, "category", {"value": family, "symbol": str(i), "render": "true",
                               "label": FAMILY_LABELS.get(family, "Other")})
        _marker_symbol(symbols, str(i), fill=colour, fill_alpha=0.9, stroke="#ffffff",
                       stroke_width=1.5, size=2 * EVENT_RADIUS)
    source = _el(renderer, "source-symbol")
    _marker_symbol(source, "0", fill=OTHER_COLOUR, stroke="#ffffff", stroke_width=1.5,
                   size=2 * EVENT_RADIUS)
    _el(renderer, "rotation")
    _el(renderer, "sizescale")


def _single_renderer(parent: ET.Element, **symbol: object) -> None:
    renderer = _el(parent, "renderer-v2", {
        "type": "singleSymbol", "symbollevels": "0", "forceraster": "0",
        "referencescale": "-1", "enableorderby": "0",
    })
    symbols = _el(renderer, "symbols")
    _marker_symbol(symbols, "0", **symbol)  # type: ignore[arg-type]
    _el(renderer, "rotation")
    _el(renderer, "sizescale")


#: What each layer's style shows in QGIS' identify panel and map tips.
_DISPLAY = {
    "events": ('"place_name"',
               "<b>[% \"event_type\" %]</b> · [% \"sub_event_type\" %]<br>"
               "[% \"place_name\" %], [% \"event_date\" %]<br>[% \"evidence\" %]"),
    "places": ('"place_name"',
               "<b>[% \"place_name\" %]</b> ([% \"kind\" %], [% \"country_code\" %])<br>"
               "[% \"mentions\" %] mention(s) in [% \"doc_ids\" %]"),
    "mentions": ('"text"', "<b>[% \"text\" %]</b> → [% \"place_name\" %] "
                            "([% \"doc_id\" %] [% \"start\" %]–[% \"end\" %])"),
}


def _style_body(root: ET.Element, layer: str) -> None:
    """The style elements of ``layer`` (shared by QML files and the layer definition)."""
    if layer not in LAYERS:
        raise ValueError(f"no style for layer {layer!r}; choose from {', '.join(LAYERS)}")
    flags = _el(root, "flags")
    for flag, value in (("Identifiable", "1"), ("Removable", "1"), ("Searchable", "1"),
                        ("Private", "0")):
        _el(flags, flag, text=value)
    if layer == "events":
        _temporal(root, "event_start", "event_end")
        _event_renderer(root)
    else:
        _temporal(root, None, None)
        if layer == "places":
            _single_renderer(root, fill=PLACE_COLOUR, fill_alpha=0.15, stroke=PLACE_COLOUR,
                             stroke_width=1, size=12,
                             size_expression=place_size_expression())
            _labeling(root, "place_name")
        else:
            _single_renderer(root, fill=_MENTION_COLOUR, fill_alpha=0.8, stroke="#ffffff",
                             stroke_width=0.5, size=5)
    _el(root, "blendMode", text="0")
    _el(root, "featureBlendMode", text="0")
    _el(root, "layerOpacity", text="1")
    _el(root, "legend", {"type": "default-vector", "showLabelLegend": "0"})
    preview, tip = _DISPLAY[layer]
    _el(root, "previewExpression", text=preview)
    _el(root, "mapTip", text=tip)
    _el(root, "layerGeometryType", text="0")  # point


def _serialise(root: ET.Element, doctype: str) -> str:
    ET.indent(root, space=" ")
    return doctype + "\n" + ET.tostring(root, encoding="unicode") + "\n"


def qml(layer: str) -> str:
    """QGIS style (QML) of ``layer`` (``events``, ``places`` or ``mentions``)."""
    root = _el(None, "qgis", {
        "version": QGIS_VERSION,
        "styleCategories": "AllStyleCategories",
        "labelsEnabled": "1" if layer == "places" else "0",
        "hasScaleBasedVisibilityFlag": "0", "maxScale": "0", "minScale": "100000000",
        "simplifyDrawingHints": "0", "simplifyLocal": "1", "simplifyAlgorithm": "0",
        "simplifyDrawingTol": "1", "simplifyMaxScale": "1", "symbologyReferenceScale": "-1",
        "readOnly": "0",
    })
    _style_body(root, layer)
    return _serialise(root, _DOCTYPE)


# -- SLD (for GeoServer, other GIS and QGIS' "Load style from SLD") ---------------------

_SLD_NS = {
    "xmlns": "http://www.opengis.net/sld",
    "xmlns:ogc": "http://www.opengis.net/ogc",
    "xmlns:se": "http://www.opengis.net/se",
    "xmlns:xlink": "http://www.w3.org/1999/xlink",
    "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "version": "1.1.0",
    "xsi:schemaLocation": "http://www.opengis.net/sld "
                          "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd",
}


def _sld_mark(parent: ET.Element, *, fill: str, fill_alpha: float, stroke: str,
              stroke_width: float, size: ET.Element | float) -> None:
    sym = _el(parent, "se:PointSymbolizer")
    graphic = _el(sym, "se:Graphic")
    mark = _el(graphic, "se:Mark")
    _el(mark, "se:WellKnownName", text="circle")
    f = _el(mark, "se:Fill")
    _el(f, "se:SvgParameter", {"name": "fill"}, fill)
    if fill_alpha < 1:
        _el(f, "se:SvgParameter", {"name": "fill-opacity"}, f"{fill_alpha:g}")
    s = _el(mark, "se:Stroke")
    _el(s, "se:SvgParameter", {"name": "stroke"}, stroke)
    _el(s, "se:SvgParameter", {"name": "stroke-width"}, f"{stroke_width:g}")
    size_el = _el(graphic, "se:Size")
    if isinstance(size, ET.Element):
        size_el.append(size)
    else:
        size_el.text = f"{size:g}"


def _sld_rule(fts: ET.Element, name: str, title: str) -> ET.Element:
    rule = _el(fts, "se:Rule")
    _el(rule, "se:Name", text=name)
    desc = _el(rule, "se:Description")
    _el(desc, "se:Title", text=title)
    return rule


def _ogc(tag: str, *children: ET.Element | str) -> ET.Element:
    e = _el(None, f"ogc:{tag}")
    for c in children:
        if isinstance(c, str):
            e.text = c
        else:
            e.append(c)
    return e


def _sld_place_size() -> ET.Element:
    """SLD expression of :func:`place_size_expression` (pixels), without coalesce/max."""
    sqrt = _ogc("Function", _ogc("PropertyName", "mentions"))
    sqrt.set("name", "sqrt")
    radius = _ogc("Add", _ogc("Literal", "4"), _ogc("Mul", _ogc("Literal", "2.5"), sqrt))
    return _ogc("Mul", _ogc("Literal", "2"), radius)


def sld(layer: str) -> str:
    """OGC Symbology Encoding 1.1 (SLD) style of ``layer``, the same look as :func:`qml`."""
    if layer not in LAYERS:
        raise ValueError(f"no style for layer {layer!r}; choose from {', '.join(LAYERS)}")
    root = _el(None, "StyledLayerDescriptor", _SLD_NS)
    named = _el(root, "NamedLayer")
    _el(named, "se:Name", text=layer)
    user = _el(named, "UserStyle")
    _el(user, "se:Name", text=layer)
    fts = _el(user, "se:FeatureTypeStyle")
    if layer == "events":
        for family, colour in FAMILY_COLOURS.items():
            rule = _sld_rule(fts, family, FAMILY_LABELS.get(family, family))
            flt = _el(rule, "ogc:Filter")
            flt.append(_ogc("PropertyIsEqualTo", _ogc("PropertyName", "event_type"),
                            _ogc("Literal", family)))
            _sld_mark(rule, fill=colour, fill_alpha=0.9, stroke="#ffffff", stroke_width=1.5,
                      size=2 * EVENT_RADIUS)
        rule = _sld_rule(fts, "other", "Other")
        _el(rule, "se:ElseFilter")
        _sld_mark(rule, fill=OTHER_COLOUR, fill_alpha=0.9, stroke="#ffffff", stroke_width=1.5,
                  size=2 * EVENT_RADIUS)
    elif layer == "places":
        rule = _sld_rule(fts, "places", "Places (sized by mentions)")
        _sld_mark(rule, fill=PLACE_COLOUR, fill_alpha=0.15, stroke=PLACE_COLOUR,
                  stroke_width=1, size=_sld_place_size())
        text = _el(rule, "se:TextSymbolizer")
        label = _el(text, "se:Label")
        _el(label, "ogc:PropertyName", text="place_name")
        font = _el(text, "se:Font")
        _el(font, "se:SvgParameter", {"name": "font-family"}, "Sans Serif")
        _el(font, "se:SvgParameter", {"name": "font-size"}, "12")
        placement = _el(_el(text, "se:LabelPlacement"), "se:PointPlacement")
        anchor = _el(placement, "se:AnchorPoint")
        _el(anchor, "se:AnchorPointX", text="0")
        _el(anchor, "se:AnchorPointY", text="0.5")
        disp = _el(placement, "se:Displacement")
        _el(disp, "se:DisplacementX", text="6")
        _el(disp, "se:DisplacementY", text="0")
        halo = _el(text, "se:Halo")
        _el(halo, "se:Radius", text="2")
        _el(_el(halo, "se:Fill"), "se:SvgParameter", {"name": "fill"}, "#ffffff")
        _el(_el(text, "se:Fill"), "se:SvgParameter", {"name": "fill"}, _LABEL_COLOUR)
    else:
        rule = _sld_rule(fts, "mentions", "Mentions")
        _sld_mark(rule, fill=_MENTION_COLOUR, fill_alpha=0.8, stroke="#ffffff",
                  stroke_width=0.5, size=5)
    return _serialise(root, '<?xml version="1.0" encoding="UTF-8"?>')


# -- layer definition (.qlr) -----------------------------------------------------------


class LayerSource(NamedTuple):
    """One layer of a layer definition.

    ``source`` is an OGR data source (``./events.gpkg|layername=events``); a relative
    path is resolved against the ``.qlr`` file's folder. ``style`` names the style of
    :data:`LAYERS` to give it (default: ``name``).
    """

    name: str
    source: str
    style: str | None = None
    visible: bool = True


def _srs(parent: ET.Element) -> None:
    srs = _el(_el(parent, "srs"), "spatialrefsys", {"nativeFormat": "Wkt"})
    for k, v in _WGS84.items():
        _el(srs, k, text=v)


def layer_definition(layers: Sequence[LayerSource], group: str = "geomap") -> str:
    """A QGIS layer definition (``.qlr``) opening ``layers`` styled, in one group.

    Drag the file into QGIS (or Layer ▸ Add from Layer Definition File): the layers come
    with the styles of :func:`qml`, and the events layer with its temporal properties,
    so the temporal controller animates them without further setup.
    """
    root = _el(None, "qlr")
    tree = _el(root, "layer-tree-group", {"name": "", "expanded": "1",
                                          "checked": "Qt::Checked"})
    _el(tree, "customproperties")
    grp = _el(tree, "layer-tree-group", {"name": group, "expanded": "1",
                                         "checked": "Qt::Checked"})
    _el(grp, "customproperties")
    maplayers = _el(root, "maplayers")
    for layer in layers:
        style = layer.style or layer.name
        layer_id = f"geomap_{layer.name}"
        node = _el(grp, "layer-tree-layer", {
            "id": layer_id, "name": layer.name, "source": layer.source,
            "providerKey": "ogr", "expanded": "1" if style == "events" else "0",
            "checked": "Qt::Checked" if layer.visible else "Qt::Unchecked",
            "legend_exp": "", "legend_split_behavior": "0", "patch_size": "-1,-1",
        })
        _el(node, "customproperties")
        ml = _el(maplayers, "maplayer", {
            "type": "vector", "geometry": "Point", "wkbType": "Point",
            "labelsEnabled": "1" if style == "places" else "0",
            "hasScaleBasedVisibilityFlag": "0", "maxScale": "0", "minScale": "100000000",
            "simplifyDrawingHints": "0", "simplifyLocal": "1", "simplifyAlgorithm": "0",
            "simplifyDrawingTol": "1", "simplifyMaxScale": "1",
            "symbologyReferenceScale": "-1", "readOnly": "0", "autoRefreshEnabled": "0",
            "autoRefreshTime": "0", "refreshOnNotifyEnabled": "0",
            "refreshOnNotifyMessage": "", "styleCategories": "AllStyleCategories",
            "legendPlaceholderImage": "",
        })
        _el(ml, "id", text=layer_id)
        _el(ml, "datasource", text=layer.source)
        _el(ml, "layername", text=layer.name)
        _srs(ml)
        _el(ml, "provider", {"encoding": "UTF-8"}, "ogr")
        _el(ml, "vectorjoins")
        _el(ml, "layerDependencies")
        _el(ml, "dataDependencies")
        _el(ml, "expressionfields")
        msm = _el(ml, "map-layer-style-manager", {"current": "default"})
        _el(msm, "map-layer-style", {"name": "default"})
        _style_body(ml, style)
    return _serialise(root, "<!DOCTYPE qgis-layer-definition>")
