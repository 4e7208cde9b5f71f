"""``geomap map`` as a function: files in, output folder out, every document accounted for."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from geomap.ingest import DEFAULT_MAX_DOC_BYTES, IngestFailure, read_documents
from geomap.model import Parsed
from geomap.pipeline import Geoparser

#: Output formats ``--format`` can choose (what each writes: ``geomap.export.FORMAT_FILES``
#: and ``html``: map.html). ``report.json`` is always written.
FORMATS = ("geojson", "gpkg", "csv", "parquet", "qgis", "html")
#: The contract's outputs (DESIGN.md section 3) and the QGIS files that style them.
DEFAULT_FORMATS = ("geojson", "gpkg", "csv", "qgis", "html")


@dataclass
class InputStatus:
    """What became of one input document."""

    source: str
    status: str  # mapped | no_places | failed
    doc_id: str | None = None
    line: int | None = None
    reason: str | None = None
    mentions: int = 0
    places: int = 0
    events: int = 0


@dataclass
class RunReport:
    """The run report written to ``report.json``."""

    inputs: list[InputStatus] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    attribution: str = ""

    @property
    def failed(self) -> list[InputStatus]:
        return [i for i in self.inputs if i.status == "failed"]

    def totals(self) -> dict[str, int]:
        counts = {"read": len(self.inputs), "mapped": 0, "no_places": 0, "failed": 0,
                  "events": 0, "mentions": 0}
        for i in self.inputs:
            counts[i.status] += 1
            counts["events"] += i.events
            counts["mentions"] += i.mentions
        return counts

    def to_dict(self) -> dict:
        return {
            "totals": self.totals(),
            "inputs": [{k: v for k, v in asdict(i).items() if v is not None}
                       for i in self.inputs],
            "outputs": self.outputs,
            "timings_s": self.timings,
            "attribution": self.attribution,
        }


STAGING_PREFIX = ".geomap-run-"


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A hidden folder inside ``out`` where a run writes; its files replace the old
    outputs only once every one of them is complete.

    An interrupted run (Ctrl-C, kill, full disk) leaves the previous outputs as they
    were; the folders such runs leave behind are removed by the next run.
    """
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{STAGING_PREFIX}*"):
        pid = old.name.removeprefix(STAGING_PREFIX).split("-")[0]
        if not (pid.isdigit() and _alive(int(pid))):
            shutil.rmtree(old, ignore_errors=True)
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out))
    try:
        yield stage
        for item in sorted(stage.iterdir()):
            if item.is_file():
                os.replace(item, out / item.name)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _status(parsed: Parsed) -> InputStatus:
    doc = parsed.document
    places = parsed.places
    return InputStatus(
        source=doc.source, doc_id=doc.id, line=doc.line,
        status="mapped" if places else "no_places",
        mentions=sum(1 for m in parsed.mentions if m.place is not None),
        places=len(places), events=len(parsed.events),
    )


def map_files(
    inputs: Iterable[str | Path],
    out: str | Path = "maps",
    *,
    published: date | None = None,
    formats: Iterable[str] = DEFAULT_FORMATS,
    png: str | Path | None = None,
    tiles: str = "offline",
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES,
    geoparser: Geoparser | None = None,
    progress: bool = False,
) -> RunReport:
    """Map every article under ``inputs`` into the folder ``out``.

    Parameters
    ----------
    inputs : paths
        Text files, JSON Lines files or folders of them.
    out : path
        Output folder: ``events.geojson``, ``places.geojson``, ``mentions.geojson``
        (each with a ``.qml`` QGIS style), ``events.gpkg``, ``events.csv`` (+ ``.csvt``),
        ``geomap.qlr``, ``map.html`` and ``report.json`` by default.
    published : date, optional
        Publication date for documents that carry none.
    formats : iterable of str
        Which outputs to write, from :data:`FORMATS` (default :data:`DEFAULT_FORMATS`);
        ``parquet`` adds ``events.parquet`` (GeoParquet).
    png : path, optional
        Also write a static picture (relative paths land in ``out``).
    tiles : {"offline", "osm"}
        Basemap of ``map.html``: Natural Earth countries inlined in the page, or online
        OpenStreetMap tiles for viewers who are online.
    max_doc_bytes : int
        Larger documents are reported as failed instead of read (memory stays bounded).

    Returns
    -------
    RunReport
        Every input with its status, the files written and timings.
    """
    from tqdm import tqdm

    from geomap.export import write_gis, write_json
    from geomap.frame import to_geodataframes

    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown output format(s): {', '.join(unknown)}; "
                         f"choose from {', '.join(FORMATS)}")
    if "qgis" in formats and not {"gpkg", "geojson"} & set(formats):
        raise ValueError("format qgis needs gpkg or geojson: its layer definition opens "
                         "those files")
    out = Path(out)
    t0 = time.perf_counter()
    geoparser = geoparser or Geoparser()
    report = RunReport(attribution=geoparser.gazetteer.meta().get("attribution", ""))
    t1 = time.perf_counter()
    parsed: list[Parsed] = []
    for item in tqdm(read_documents(inputs, published, max_doc_bytes), desc="articles", unit="doc",
                     disable=not progress):
        if isinstance(item, IngestFailure):
            report.inputs.append(InputStatus(source=item.source, line=item.line,
                                             status="failed", reason=item.reason))
            continue
        try:
            result = geoparser.parse(item)
        except Exception as exc:  # one bad document must not stop the run
            report.inputs.append(InputStatus(source=item.source, doc_id=item.id,
                                             line=item.line, status="failed",
                                             reason=f"{type(exc).__name__}: {exc}"))
            continue
        parsed.append(result)
        report.inputs.append(_status(result))
    t2 = time.perf_counter()
    frames = to_geodataframes(parsed)
    with staging(out) as stage:
        written = write_gis(frames._asdict(), stage, formats)
        if "html" in formats:
            from geomap.maps import build_map, save_map

            written.append(save_map(build_map(frames.events, frames.places, tiles=tiles),
                                    stage / "map.html"))
        if png is not None:
            from geomap.maps import save_png

            png = Path(png)
            written.append(save_png(frames.events, png if png.is_absolute() else stage / png))
        t3 = time.perf_counter()
        report.outputs = [p.name for p in written] + ["report.json"]
        report.timings = {"load": round(t1 - t0, 3), "parse": round(t2 - t1, 3),
                          "write": round(t3 - t2, 3)}
        write_json(report.to_dict(), stage / "report.json")
    return report
