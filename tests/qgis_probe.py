"""Open geomap's outputs in real QGIS, headless, and print what QGIS sees as JSON.

Runs under the system Python that has Debian's ``python3-qgis`` (not the project venv):

    QT_QPA_PLATFORM=offscreen python3 tests/qgis_probe.py OUTDIR [--png FILE] [--basemap F]

For each way a user opens the layers (the GeoPackage, whose styles come from its
``layer_styles`` table; the GeoJSON files, whose styles come from the ``.qml`` sidecars;
the ``geomap.qlr`` layer definition) it reports validity, feature counts, field types,
CRS, renderer, labels and temporal properties. ``--png`` renders the layer definition's
layers (over ``--basemap``, a GeoJSON of countries) to a picture with a legend, as QGIS
prints a layout. The process exits without tearing QGIS down (its exit handlers can crash
when run headless), after flushing the JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsLayerDefinition,
    QgsProject,
    QgsVectorLayer,
)

LAYERS = ("events", "places", "mentions")


def describe(layer: QgsVectorLayer) -> dict:
    """What a user would check in the layer properties dialog."""
    out: dict = {"valid": layer.isValid(), "name": layer.name()}
    if not layer.isValid():
        return out
    out["features"] = layer.featureCount()
    out["crs"] = layer.crs().authid()
    out["fields"] = {f.name(): f.typeName() for f in layer.fields()}
    renderer = layer.renderer()
    out["renderer"] = renderer.type() if renderer else None
    if renderer is not None and renderer.type() == "categorizedSymbol":
        out["attr"] = renderer.classAttribute()
        out["categories"] = [
            {"value": c.value(), "label": c.label(), "colour": c.symbol().color().name()}
            for c in renderer.categories()
        ]
    if renderer is not None and renderer.type() == "singleSymbol":
        symbol = renderer.symbol()
        out["colour"] = symbol.color().name()
        size = symbol.dataDefinedSize()
        out["size_expression"] = size.expressionString() if size and size.isActive() else None
    out["labels"] = bool(layer.labelsEnabled() and layer.labeling())
    if out["labels"]:
        out["label_field"] = layer.labeling().settings().fieldName
    temporal = layer.temporalProperties()
    out["temporal"] = {
        "active": temporal.isActive(),
        "mode": int(temporal.mode()),
        "start": temporal.startField(),
        "end": temporal.endField(),
        "start_expression": temporal.startExpression(),
        "end_expression": temporal.endExpression(),
    }
    out["map_tip"] = bool(layer.mapTipTemplate())
    return out


def temporal_counts(layer: QgsVectorLayer) -> dict[str, int]:
    """Features the temporal controller shows on each day that some event starts."""
    from qgis.core import (
        QgsDateTimeRange,
        QgsExpression,
        QgsFeatureRequest,
        QgsVectorLayerTemporalContext,
    )
    from qgis.PyQt.QtCore import QDateTime, Qt, QTime

    props = layer.temporalProperties()
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    days = set()
    for feature in layer.getFeatures():
        for field in ("event_start", "event_end"):
            value = feature[field]
            if hasattr(value, "toString"):  # a QDate; NULL is not
                days |= {value.addDays(-1), value, value.addDays(1)}
    counts = {}
    for day in sorted(days, key=lambda d: d.toString("yyyy-MM-dd")):
        begin = QDateTime(day, QTime(0, 0), Qt.LocalTime)
        window = QgsDateTimeRange(begin, begin.addDays(1), True, False)
        expression = props.createFilterString(context, window)
        request = QgsFeatureRequest(QgsExpression(expression)) if expression else \
            QgsFeatureRequest()
        counts[day.toString("yyyy-MM-dd")] = sum(1 for _ in layer.getFeatures(request))
    return counts


def probe(folder: Path) -> dict:
    result: dict = {}
    gpkg = folder / "events.gpkg"
    if gpkg.exists():
        result["gpkg"] = {
            name: describe(QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr"))
            for name in LAYERS
        }
    geojson = {name: folder / f"{name}.geojson" for name in LAYERS}
    if any(p.exists() for p in geojson.values()):
        result["geojson"] = {name: describe(QgsVectorLayer(str(p), name, "ogr"))
                             for name, p in geojson.items() if p.exists()}
    qlr = folder / "geomap.qlr"
    if qlr.exists():
        project = QgsProject.instance()
        ok, error = QgsLayerDefinition.loadLayerDefinition(
            str(qlr), project, project.layerTreeRoot())
        result["qlr"] = {"loaded": ok, "error": error, "layers": {}}
        for layer in project.mapLayers().values():
            node = project.layerTreeRoot().findLayer(layer.id())
            info = describe(layer)
            info["visible"] = bool(node and node.isVisible())
            info["source"] = layer.source()
            if info.get("temporal", {}).get("active"):
                info["shown_on_day"] = temporal_counts(layer)
            result["qlr"]["layers"][layer.name()] = info
    return result


def render(png: Path, basemap: Path | None, size: tuple[int, int] = (1400, 900)) -> None:
    """Draw the project's layers (as loaded from the .qlr) with a legend to ``png``."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsFillSymbol,
        QgsLayout,
        QgsLayoutExporter,
        QgsLayoutItemLabel,
        QgsLayoutItemLegend,
        QgsLayoutItemMap,
        QgsLayoutPoint,
        QgsLayoutSize,
        QgsRectangle,
        QgsUnitTypes,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    project = QgsProject.instance()
    layers = {layer.name(): layer for layer in project.mapLayers().values()}
    if basemap is not None:
        countries = QgsVectorLayer(str(basemap), "Countries (Natural Earth)", "ogr")
        countries.renderer().setSymbol(QgsFillSymbol.createSimple({
            "color": "244,241,234,255", "outline_color": "184,178,167,255",
            "outline_width": "0.15"}))
        project.addMapLayer(countries, False)
        project.layerTreeRoot().addLayer(countries)
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    extent = QgsRectangle()
    for name in ("events", "places"):  # the events' area, else the places'
        if extent.isNull() and name in layers and layers[name].featureCount():
            extent = QgsRectangle(layers[name].extent())
    if extent.isNull():
        extent = QgsRectangle(-180, -70, 180, 80)
    extent.scale(1.5)
    if extent.width() < 16:
        extent.scale(16 / extent.width())
    width_mm, height_mm = 297.0, 297.0 * size[1] / size[0]
    aspect = (width_mm - 80) / (height_mm - 16)
    if extent.width() / extent.height() < aspect:  # widen to the frame's shape
        extent.scale(aspect * extent.height() / extent.width())
    else:
        c = extent.center()
        half = extent.width() / aspect / 2
        extent = QgsRectangle(extent.xMinimum(), c.y() - half, extent.xMaximum(), c.y() + half)

    layout = QgsLayout(project)
    layout.initializeDefaults()
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(width_mm, height_mm, QgsUnitTypes.LayoutMillimeters))
    order = [layers[n] for n in LAYERS if n in layers]
    if basemap is not None:
        order.append(countries)
    map_item = QgsLayoutItemMap(layout)
    map_item.attemptMove(QgsLayoutPoint(4, 12, QgsUnitTypes.LayoutMillimeters))
    map_item.attemptResize(QgsLayoutSize(width_mm - 80, height_mm - 16,
                                         QgsUnitTypes.LayoutMillimeters))
    map_item.setLayers([layer for layer in order
                        if project.layerTreeRoot().findLayer(layer.id()).isVisible()])
    map_item.setExtent(extent)
    map_item.setBackgroundColor(QColor(201, 220, 236))
    map_item.setFrameEnabled(True)
    layout.addLayoutItem(map_item)

    title = QgsLayoutItemLabel(layout)
    title.setText("geomap outputs in QGIS: events.gpkg via geomap.qlr")
    title.setFont(QFont("Sans Serif", 14))
    title.attemptMove(QgsLayoutPoint(4, 3, QgsUnitTypes.LayoutMillimeters))
    title.attemptResize(QgsLayoutSize(width_mm - 8, 8, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(title)

    legend = QgsLayoutItemLegend(layout)
    legend.setTitle("Layers")
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    legend.setLegendFilterByMapEnabled(True)  # only the families on the map
    model_root = legend.model().rootGroup()
    for child in list(model_root.children()):
        model_root.removeChildNode(child)
    for layer in order[:2]:
        model_root.addLayer(layer)
    legend.attemptMove(QgsLayoutPoint(width_mm - 74, 12, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(legend)

    exporter = QgsLayoutExporter(layout)
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = size[0] / (width_mm / 25.4)
    settings.generateWorldFile = False
    settings.exportMetadata = False
    png.parent.mkdir(parents=True, exist_ok=True)
    status = exporter.exportToImage(str(png), settings)
    if status != QgsLayoutExporter.Success:
        raise RuntimeError(f"QGIS could not export the layout: {status}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--png", type=Path)
    parser.add_argument("--basemap", type=Path)
    args = parser.parse_args()
    # absolute paths first: loading a layer definition changes the working directory
    args.folder = args.folder.resolve()
    args.png = args.png.resolve() if args.png else None
    args.basemap = args.basemap.resolve() if args.basemap else None
    app = QgsApplication([], False)
    app.initQgis()
    from qgis.core import Qgis

    result = {"qgis": Qgis.QGIS_VERSION, **probe(args.folder)}
    if args.png:
        render(args.png, args.basemap)
        result["png"] = str(args.png)
    sys.stdout.write(json.dumps(result, indent=1, sort_keys=True) + "\n")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # skip QGIS' teardown: headless exitQgis() may segfault


if __name__ == "__main__":
    sys.exit(main())
