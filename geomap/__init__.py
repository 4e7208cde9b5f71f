"""geomap: news text to maps, offline.

>>> import geomap
>>> parsed = geomap.parse("Explosions rocked Kyiv on Thursday.", published="2022-03-03")
>>> frames = geomap.to_geodataframes(parsed)
"""

from __future__ import annotations

from geomap.frame import GeoFrames, to_geodataframes
from geomap.model import Document, Event, EventDate, Mention, Parsed, Span
from geomap.pipeline import Geoparser, parse
from geomap.run import RunReport, map_files

__version__ = "0.1.0"

__all__ = [
    "Document", "Event", "EventDate", "GeoFrames", "Geoparser", "Mention", "Parsed",
    "RunReport", "Span", "map_files", "parse", "to_geodataframes", "__version__",
]
