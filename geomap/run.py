"""``geomap map`` as a function: files in, output folder out, every document accounted for."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING

from geomap.ingest import DEFAULT_MAX_DOC_BYTES, IngestFailure, read_documents
from geomap.model import Document, Parsed
from geomap.pipeline import Geoparser

if TYPE_CHECKING:
    from geomap.stream import DocRecords, Encoding

#: Events map.html shows at most by default (``--map-limit``).
MAP_LIMIT = 100_000

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
    """The run report written to ``report.json``.

    Every input's status goes to a spool file as it comes (a million articles would
    otherwise hold a million objects until the end); counts and failures stay in memory.
    """

    outputs: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    attribution: str = ""
    notes: list[str] = field(default_factory=list)
    failed: list[InputStatus] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("read", "mapped", "no_places", "failed", "events", "mentions"), 0))
    _spool: IO[str] = field(default_factory=lambda: tempfile.TemporaryFile(
        "w+", encoding="utf-8", prefix="geomap-inputs-"), repr=False, compare=False)

    def add(self, status: InputStatus) -> None:
        """Record what became of one input."""
        counts = self._counts
        counts["read"] += 1
        counts[status.status] += 1
        counts["events"] += status.events
        counts["mentions"] += status.mentions
        if status.status == "failed":
            self.failed.append(status)
        self._spool.write(json.dumps(_status_record(status), ensure_ascii=False) + "\n")

    def _records(self) -> Iterator[dict]:
        self._spool.flush()
        self._spool.seek(0)
        for line in self._spool:
            yield json.loads(line)
        self._spool.seek(0, os.SEEK_END)

    @property
    def inputs(self) -> list[InputStatus]:
        """Every input's status, in reading order (read back from the spool)."""
        return [InputStatus(**rec) for rec in self._records()]

    def totals(self) -> dict[str, int]:
        return dict(self._counts)

    def write(self, path: str | os.PathLike) -> Path:
        """``report.json``, atomically, the inputs streamed from the spool (the same
        bytes ``json.dump(..., indent=2)`` of the whole report gives)."""
        from geomap.export import atomic_write

        mark = "@@geomap-inputs@@"
        head, tail = json.dumps({
            "totals": self.totals(), "inputs": mark, "outputs": self.outputs,
            "timings_s": self.timings, "attribution": self.attribution,
            **({"notes": self.notes} if self.notes else {}),
        }, ensure_ascii=False, indent=2, default=str).split(json.dumps(mark))
        with atomic_write(path) as f:
            f.write(head + "[")
            empty = True
            for rec in self._records():
                item = json.dumps(rec, ensure_ascii=False, indent=2).replace("\n", "\n    ")
                f.write(("\n    " if empty else ",\n    ") + item)
                empty = False
            f.write(("]" if empty else "\n  ]") + tail + "\n")
        return Path(path)


def _status_record(status: InputStatus) -> dict:
    # vars(), not asdict(): the fields are plain values, and asdict's deep copy cost the
    # main process as much as the rest of its bookkeeping per input.
    return {k: v for k, v in vars(status).items() if v is not None}


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
            elif item.is_dir() and not item.name.startswith("."):  # parquet/ partitions
                old = out / item.name
                if old.is_dir() and not old.is_symlink():
                    shutil.rmtree(old)
                os.replace(item, old)
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


def process_item(item: Document | IngestFailure, geoparser: Geoparser
                 ) -> tuple[InputStatus, DocRecords | None]:
    """One input through the pipeline: its status and, when parsed, its records.

    What every execution mode (one process, ``--workers``, ``--dask``) runs per document.
    """
    from geomap.stream import doc_records

    if isinstance(item, IngestFailure):
        return InputStatus(source=item.source, line=item.line, status="failed",
                           reason=item.reason), None
    try:
        result = geoparser.parse(item)
    except Exception as exc:  # one bad document must not stop the run
        return InputStatus(source=item.source, doc_id=item.id, line=item.line,
                           status="failed", reason=f"{type(exc).__name__}: {exc}"), None
    return _status(result), doc_records(result)


def process_items(items: Iterable[Document | IngestFailure], geoparser: Geoparser,
                  encoding: Encoding | None = None
                  ) -> list[tuple[InputStatus, DocRecords | None]]:
    """:func:`process_item` over a few inputs, in a worker: the records are encoded
    together by ``encoding``, so the main process only writes them out."""
    results = [process_item(item, geoparser) for item in items]
    if encoding is not None:
        encoding.encode([records for _, records in results if records is not None])
    return results


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
    workers: int = 1,
    dask: str | None = None,
    map_limit: int = MAP_LIMIT,
    places: str | Path | None = None,
    merge: bool = False,
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
    progress : bool
        Show a progress bar (articles done, rate, time left when the total is known).
    workers : int
        Parse in this many processes (each opens the gazetteer once); outputs are the
        same as with one.
    dask : str, optional
        Parse on a Dask cluster: a scheduler address (``tcp://host:8786``) or ``"local"``
        for a :class:`distributed.LocalCluster` on this machine (``pip install
        'geomap[dask]'``). Also writes partitioned GeoParquet under ``out/parquet/``.
    map_limit : int
        map.html (and the PNG) show at most this many events, the most confident; the
        GIS files always hold all of them.
    places : path, optional
        A CSV or GeoJSON file of user places that add to or override the gazetteer.
    merge : bool
        Merge reports of the same event (type, place, date) across documents into one
        event with a ``sources`` count (events are then held in memory until the end).

    Outputs are written as documents are parsed (memory stays flat however many pass);
    see :mod:`geomap.stream`.

    Returns
    -------
    RunReport
        Every input with its status, the files written and timings.
    """
    from geomap.stream import OutputSink

    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown output format(s): {', '.join(unknown)}; "
                         f"choose from {', '.join(FORMATS)}")
    if "qgis" in formats and not {"gpkg", "geojson"} & set(formats):
        raise ValueError("format qgis needs gpkg or geojson: its layer definition opens "
                         "those files")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    out = Path(out)
    t0 = time.perf_counter()
    geoparser = geoparser or Geoparser(places=places)
    report = RunReport(attribution=geoparser.gazetteer.meta().get("attribution", ""))
    t1 = time.perf_counter()
    inputs = list(inputs)
    items = read_documents(inputs, published, max_doc_bytes)
    with staging(out) as stage:
        with OutputSink(stage, formats, map_limit=map_limit, merge=merge,
                        keep_events="html" in formats or png is not None) as sink:
            if dask is not None:
                from geomap.distributed import parse_on_dask

                results = parse_on_dask(items, geoparser, dask, stage / "parquet",
                                        encoding=sink.encoding)
            elif workers > 1:
                from geomap.parallel import parse_parallel

                results = parse_parallel(items, geoparser, workers, encoding=sink.encoding)
            else:
                results = (process_item(item, geoparser) for item in items)
            for status, records in _progress(results, progress, inputs):
                report.add(status)
                if records is not None:
                    sink.add(records)
            t2 = time.perf_counter()
            written, frames = sink.finish()
        if dask is not None and (stage / "parquet").is_dir():
            written.append(stage / "parquet")
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
        if sink.map_capped:
            report.notes.append(
                f"map.html and the picture show the {sink.map_limit:,} most confident of "
                f"{sink.events_total:,} events (--map-limit); the GIS files hold all")
        report.write(stage / "report.json")
    return report


def _progress(results: Iterable, enabled: bool, inputs: list) -> Iterator:
    """``results`` through a tqdm bar: articles done, rate and time left (the total is
    counted in a background thread, so the bar starts at once)."""
    import threading

    from tqdm import tqdm

    with tqdm(results, desc="articles", unit="doc", disable=not enabled,
              smoothing=0.1, dynamic_ncols=True) as bar:
        if enabled:
            def count() -> None:
                total = count_documents(inputs)
                if total is not None:
                    bar.total = total

            threading.Thread(target=count, daemon=True, name="geomap-count").start()
        yield from bar


def count_documents(inputs: Iterable[str | Path]) -> int | None:
    """About how many documents ``inputs`` hold (lines of JSON Lines and CSV files, one
    per text file), for the progress bar's time left; None if it cannot tell."""
    from geomap.ingest import _format, _open, iter_files

    total = 0
    try:
        for item in iter_files(inputs):
            if isinstance(item, IngestFailure):
                total += 1
                continue
            kind = _format(item)[0]
            if kind == "text":
                total += 1
                continue
            with _open(item) as f:
                lines = sum(1 for line in f if line.strip())
            total += max(lines - (kind == "csv"), 0)
    except (OSError, EOFError, ValueError):
        return None
    return total
