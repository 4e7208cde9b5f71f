"""Streaming outputs of ``geomap map``: parsed documents in, files out, memory flat.

:class:`OutputSink` takes each document's records as soon as it is parsed. Events and
mentions are encoded in chunks of :data:`CHUNK_ROWS` rows (or, with ``--workers`` and
``--dask``, by the workers: see :class:`Encoding`) and go straight out: GeoJSON feature
lines and CSV rows are appended to the (staged) files, and GIS-ready Arrow batches are
spilled to Arrow IPC files beside them, from which the GeoPackage and GeoParquet are
written at the end in batches. Places are aggregated in memory (they are
bounded by the gazetteer; their document lists are kept as integers, the document ids
themselves in a temporary database on disk) and go out the same way at the end, a few
at a time. The map gets the :data:`MAP_LIMIT` most confident events, in reading order.

Every file has the same bytes as :func:`geomap.export.write_gis` writes for the whole
frames of :func:`geomap.frame.to_geodataframes` (GeoPackage and GeoParquet: as long as
a layer has at most :data:`BATCH_ROWS` rows and :data:`BATCH_BYTES` of Arrow data;
beyond that GDAL commits, and Parquet row groups, come in batches of that size).
"""

from __future__ import annotations

import csv
import functools
import heapq
import io
import json
import os
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from geomap.frame import (
    EVENT_COLUMNS,
    MAP_DOC_IDS,
    MENTION_COLUMNS,
    PLACE_COLUMNS,
    GeoFrames,
    _frame,
    column_values,
    event_row,
    mention_row,
    split_doc_ids,
)
from geomap.model import Parsed
from geomap.run import MAP_LIMIT

if TYPE_CHECKING:
    import geopandas as gpd

#: The fields of an event row, in the order :func:`geomap.frame._frame` reads rows.
_MAP_FIELDS = (*EVENT_COLUMNS, "lon", "lat")
_CONFIDENCE = EVENT_COLUMNS.index("confidence")
#: A place's fields as its mentions give them (its counts add up over the run).
_PLACE_FIELDS = ("place_id", "place_name", "kind", "country_code", "admin1", "population",
                 "lon", "lat")
_LAYER_COLUMNS = {"events": EVENT_COLUMNS, "places": PLACE_COLUMNS,
                  "mentions": MENTION_COLUMNS}
#: Rows framed (pandas) at a time before they are written.
CHUNK_ROWS = 5_000
#: Rows per Arrow batch handed to GDAL (GeoPackage) and per Parquet row group.
BATCH_ROWS = 100_000
#: A chunk also goes out once its rows hold this many characters of document ids (a
#: place's can run to megabytes), and an Arrow batch once it holds this many bytes.
CHUNK_CHARS = 16_000_000
BATCH_BYTES = 64_000_000


@dataclass
class DocRecords:
    """One parsed document as plain rows: what a worker process sends back.

    Rows are tuples in the order :func:`geomap.frame._frame` reads them: a third of the
    cost of dicts to pickle and unpickle."""

    doc_id: str
    #: Rows of ``(*EVENT_COLUMNS, lon, lat)``.
    events: list[tuple] = field(default_factory=list)
    #: Rows of ``(*MENTION_COLUMNS, lon, lat)``.
    mentions: list[tuple] = field(default_factory=list)
    #: Places of literal mentions, each once, in order of first mention:
    #: (place_id, mentions of it, values of :data:`_PLACE_FIELDS`).
    places: list[tuple[str, int, tuple]] = field(default_factory=list)
    #: Layers whose rows a worker encoded already (see :meth:`Encoding.encode`): the
    #: piece this document carries, or None (the rows are in an earlier one's).
    pieces: dict[str, _Piece | None] = field(default_factory=dict)


def doc_records(parsed: Parsed) -> DocRecords:
    """The rows :func:`geomap.frame.to_geodataframes` builds from one document, its
    places counted here (a place is mentioned several times in a document)."""
    doc_id = parsed.document.id
    out = DocRecords(doc_id, [event_row(e) for e in parsed.events])
    places: dict[str, list] = {}
    for m in parsed.mentions:
        if m.place is None:
            continue
        out.mentions.append(mention_row(doc_id, m))
        if m.metonymic:
            continue
        p = m.place
        held = places.get(p.id)
        if held is None:
            places[p.id] = [1, (p.id, p.name, p.kind, p.country_code, p.admin1,
                                p.population, p.lon, p.lat)]
        else:
            held[0] += 1
    out.places = [(place_id, n, values) for place_id, (n, values) in places.items()]
    return out


def _decode(key: bytes | bytearray) -> str:
    return key.decode("utf-8", "surrogatepass")


class _DocIds:
    """Document ids in reading order, numbered from 0, kept on disk.

    A million ids held as a dict and a list took ~200 bytes each of resident memory;
    here they live in a private temporary SQLite database (deleted when closed), whose
    unique index also finds a repeated id. Ids are stored as UTF-8 bytes that keep
    lone surrogates (an undecodable file name), so any ``str`` round-trips.
    """

    def __init__(self) -> None:
        self._db: Any = None  # opened on first use: never carried across a fork

    def _open(self) -> Any:
        import sqlite3

        # "": a private on-disk temporary database; only its page cache stays in memory.
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.execute("CREATE TABLE ids (id BLOB UNIQUE NOT NULL)")
        self._db.execute("BEGIN")  # one transaction: no journal sync per document
        return self._db

    def ordinal(self, doc_id: str) -> tuple[int, bool]:
        """The id's number and whether it was seen before."""
        db = self._db or self._open()
        key = doc_id.encode("utf-8", "surrogatepass")  # read back by _decode
        cur = db.execute("INSERT OR IGNORE INTO ids (id) VALUES (?)", (key,))
        if cur.rowcount == 1:
            return cur.lastrowid - 1, False
        row = db.execute("SELECT rowid FROM ids WHERE id = ?", (key,)).fetchone()
        return row[0] - 1, True

    def lookup(self) -> tuple[Callable[[int], str], bool]:
        """A function from number to id, over a compact copy of every id (one byte
        string and an array of offsets: about 20 bytes an id, where a list of ``str``
        took about 75), and whether every id reads back alone from a ``doc_ids`` cell
        (no comma, no blank: see :func:`geomap.frame.split_doc_ids`)."""
        blob, offsets = bytearray(), array("Q", [0])
        alone = True
        if self._db is not None:
            for (key,) in self._db.execute("SELECT id FROM ids ORDER BY rowid"):
                blob += key
                offsets.append(len(blob))
                if alone:
                    text = _decode(key)
                    alone = split_doc_ids(text) == [text]

        def get(ordinal: int) -> str:
            return _decode(blob[offsets[ordinal]:offsets[ordinal + 1]])
        return get, alone

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class _Places:
    """Places aggregated over a run, in order of first literal mention."""

    def __init__(self) -> None:
        self.records: dict[str, dict] = {}
        self.docs: dict[str, array] = {}  # place id -> numbers of its documents
        self.ids = _DocIds()

    def add(self, doc: DocRecords) -> None:
        if not doc.places:
            return
        ordinal, repeated = self.ids.ordinal(doc.doc_id)  # a repeat: check membership slowly
        for place_id, mentions, values in doc.places:
            held = self.records.get(place_id)
            if held is None:
                held = self.records[place_id] = dict(zip(_PLACE_FIELDS, values, strict=True),
                                                     mentions=0)
                self.docs[place_id] = array("I")
            held["mentions"] += mentions
            docs = self.docs[place_id]
            if (not docs or docs[-1] != ordinal) and not (repeated and ordinal in docs):
                docs.append(ordinal)

    def write(self, layer: _Layer) -> gpd.GeoDataFrame:
        """Write every place to ``layer`` with its documents' ids, a few places at a
        time (a capital in a million articles has a million ids); return the places for
        the map, whose ``doc_ids`` hold the first :data:`~geomap.frame.MAP_DOC_IDS` ids its popup
        shows and ``documents`` how many it counts."""
        get, alone = self.ids.lookup()
        map_rows = []
        for place_id, rec in self.records.items():
            docs = self.docs[place_id]
            if layer.writes:
                doc_ids = ",".join(map(get, docs))
                layer.extend([{**rec, "doc_ids": doc_ids}], len(doc_ids))
            if alone:  # each id is one entry of the popup's list
                shown, count = list(map(get, docs[:MAP_DOC_IDS])), len(docs)
            else:  # "Reuters, 24 Feb" is two entries, a blank id none
                entries = [x for o in docs for x in split_doc_ids(get(o))]
                shown, count = entries[:MAP_DOC_IDS], len(entries)
            map_rows.append({**rec, "doc_ids": ",".join(shown), "documents": count})
        layer.finish()
        return _frame(map_rows, [*PLACE_COLUMNS, "documents"])

    def close(self) -> None:
        self.ids.close()


class _Layer:
    """Events, places or mentions: written as they come, spilled for GPKG/Parquet in
    chunks.

    Rows come raw (encoded here about :data:`CHUNK_ROWS` at a time) or as pieces that
    workers encoded (see :class:`Encoding`). Either way the spill's chunks end after the
    first document that brings them to :data:`CHUNK_ROWS` rows, so the files do not
    depend on which."""

    def __init__(self, name: str, stage: Path, formats: tuple[str, ...], stack: ExitStack):
        from geomap import export

        self.name, self.stage = name, stage
        self.encoder = encoder = _encoder(name, formats)
        self.columns = encoder.columns
        self.rows: list = []  # rows not encoded yet
        self.size = 0  # characters of extra text held in ``rows``
        self.chunk: list[Any] = []  # Arrow batches of the chunk, not spilled yet
        self.held = 0  # how many
        self.count = 0
        self.geojson: IO[bytes] | None = None
        if encoder.kinds is not None:
            self.geojson = stack.enter_context(
                export.atomic_write(stage / f"{name}.geojson", "wb"))
            self.geojson.write(_utf8(export.GEOJSON_HEAD))
        self.csv: IO[bytes] | None = None
        if encoder.csv_kinds is not None:
            self.csv = stack.enter_context(export.atomic_write(stage / f"{name}.csv", "wb"))
            self.csv.write(_csv_bytes([export.csv_header(encoder.csv_kinds)]))
        self.spill_path: Path | None = None
        self.spill = None
        self.schema = _schema(name)
        if encoder.arrow:
            spill = stage / ".spill"  # a folder: staging moves only files
            spill.mkdir(exist_ok=True)
            self.spill_path = spill / f"{name}.arrows"
        # Parquet needs the final Arrow types and pandas metadata: a prototype row of the
        # first non-null value of each column, and the bounds of all points.
        self.sample: dict[str, Any] = {}
        self.bounds = [float("inf"), float("inf"), float("-inf"), float("-inf")]

    @property
    def writes(self) -> bool:
        """Whether any output takes this layer's rows."""
        return self.encoder.writes

    def extend(self, records: list, size: int = 0) -> None:
        """Add rows; ``size``: characters of text they hold beyond the usual (a place's
        document ids), counted toward :data:`CHUNK_CHARS`."""
        if not self.writes:
            return
        self.rows.extend(records)
        self.size += size
        if len(self.rows) >= CHUNK_ROWS or self.size >= CHUNK_CHARS:
            self.flush()

    def add(self, piece: _Piece) -> None:
        """Rows a worker encoded (rows held raw go first: none when workers encode all)."""
        self._encode_rows()
        self._write(piece)

    def flush(self) -> None:
        """Write the rows held and end the chunk."""
        self._encode_rows()
        self._spill()

    def _encode_rows(self) -> None:
        if self.rows:
            rows, self.rows, self.size = self.rows, [], 0
            self._write(self.encoder.encode(rows))

    def _write(self, piece: _Piece) -> None:
        """The piece's text goes out at once; its Arrow rows join the chunk, which is
        spilled after each document that brings it to :data:`CHUNK_ROWS` rows."""
        if self.geojson is not None:
            self.geojson.write((b"\n" if self.count == 0 else b",\n") + piece.geojson)
        self.count += piece.rows
        if self.csv is not None:
            self.csv.write(piece.csv)
        if self.spill_path is None:
            return
        start = end = 0
        for n in piece.counts:
            end += n
            self.held += n
            if self.held >= CHUNK_ROWS:
                self.chunk.append(piece.arrow.slice(start, end - start))
                self._spill()
                start = end
        if end > start:
            self.chunk.append(piece.arrow.slice(start, end - start))
        if self.encoder.parquet:
            self._sample(piece)

    def _spill(self) -> None:
        """The chunk to the spill file, as one record batch (see :meth:`batches`)."""
        import pyarrow as pa

        batches, self.chunk, self.held = self.chunk, [], 0
        if not batches:
            return
        if self.spill is None:
            self.spill = pa.ipc.new_file(str(self.spill_path), self.schema)
        self.spill.write_table(pa.Table.from_batches(batches, self.schema).combine_chunks())

    def _sample(self, piece: _Piece) -> None:
        for col, value in zip(self.columns, piece.sample, strict=True):
            if value is not None and col not in self.sample:
                self.sample[col] = value
        low, high = piece.bounds[:2], piece.bounds[2:]
        self.bounds = [*map(min, self.bounds[:2], low), *map(max, self.bounds[2:], high)]

    def finish(self) -> None:
        """Complete the GeoJSON (CSV closes with the stack) and the spill."""
        self.flush()
        if self.geojson is not None:
            from geomap import export

            self.geojson.write(_utf8("\n" + export.GEOJSON_TAIL + "\n"))
        if self.spill is not None:
            self.spill.close()

    def batches(self) -> Iterator[Any]:
        """The spilled rows as Arrow tables of up to :data:`BATCH_ROWS` rows (or about
        :data:`BATCH_BYTES`)."""
        import pyarrow as pa

        if self.spill is None:
            return
        # Plain reads, not a memory map: mapped pages count as resident memory, and the
        # spill of a million articles is larger than the memory we promise to stay under.
        with pa.OSFile(str(self.spill_path)) as source:
            reader = pa.ipc.open_file(source)
            pending, n, size = [], 0, 0
            for i in range(reader.num_record_batches):
                batch = reader.get_batch(i)
                pending.append(batch)
                n += batch.num_rows
                size += batch.nbytes
                if n >= BATCH_ROWS or size >= BATCH_BYTES:
                    yield pa.Table.from_batches(pending).combine_chunks()
                    pending, n, size = [], 0, 0
            if pending:
                yield pa.Table.from_batches(pending).combine_chunks()

    def reader(self) -> Any:
        """A RecordBatchReader over the spill, for :func:`~geomap.export.write_gpkg_stream`."""
        import pyarrow as pa

        schema = self.schema
        return pa.RecordBatchReader.from_batches(
            schema, (b for t in self.batches() for b in t.to_batches()))

    def cleanup(self) -> None:
        if self.spill_path is not None:
            self.spill_path.unlink(missing_ok=True)


# -- encoding: rows to the bytes and Arrow batches the files take ------------------------


@dataclass
class _Piece:
    """Rows of one layer, encoded: what :class:`_Layer` appends to its files."""

    layer: str
    counts: tuple[int, ...]  # rows of each document, in order
    geojson: bytes = b""  # the rows' feature lines, joined by ",\n"
    csv: bytes = b""
    arrow: Any = None  # a record batch of the layer's :func:`_schema`
    sample: tuple = ()  # first non-null value of each column (for Parquet's types)
    bounds: tuple = ()  # min lon, min lat, max lon, max lat

    @property
    def rows(self) -> int:
        """How many rows the piece holds."""
        return sum(self.counts)

    def __reduce__(self) -> tuple:
        # As an IPC message read back with the layer's known schema: pickled as is, a
        # record batch sends its schema and each column apart, ten times the cost.
        arrow = None if self.arrow is None else self.arrow.serialize().to_pybytes()
        return _unpickle_piece, (self.layer, self.counts, self.geojson, self.csv, arrow,
                                 self.sample, self.bounds)


def _unpickle_piece(layer: str, counts: tuple[int, ...], geojson: bytes, csv: bytes,
                    arrow: bytes | None, sample: tuple, bounds: tuple) -> _Piece:
    import pyarrow as pa

    batch = (None if arrow is None
             else pa.ipc.read_record_batch(pa.py_buffer(arrow), _schema(layer)))
    return _Piece(layer, counts, geojson, csv, batch, sample, bounds)


class _Encoder:
    """One layer's rows as the bytes of their GeoJSON features and CSV rows and as Arrow
    for GPKG/Parquet: the same code in the main process (a chunk at a time) and in
    workers (the documents of a task at a time), so the files are the same bytes."""

    def __init__(self, name: str, formats: tuple[str, ...]) -> None:
        from geomap import export

        self.name = name
        self.columns = _LAYER_COLUMNS[name]
        empty = _frame([], self.columns)
        self.kinds = export.column_kinds(empty) if "geojson" in formats else None
        self.csv_kinds = (export.column_kinds(empty, export.DATE_COLUMNS)
                          if "csv" in formats and name == "events" else None)
        self.parquet = "parquet" in formats and name == "events"
        self.arrow = "gpkg" in formats or self.parquet

    @property
    def writes(self) -> bool:
        """Whether any output takes this layer's rows."""
        return self.kinds is not None or self.csv_kinds is not None or self.arrow

    def encode(self, rows: list, counts: tuple[int, ...] | None = None) -> _Piece:
        """``rows`` (not empty; ``counts``: of each document) encoded; plain records take
        the fast path, anything else goes through pandas as :mod:`geomap.export` writes
        whole frames."""
        from geomap import export

        chunk = _Chunk(rows, self.columns)
        gdf = None if chunk.plain else _frame(rows, self.columns)
        piece = _Piece(self.name, (len(rows),) if counts is None else counts)
        if self.kinds is not None:
            piece.geojson = _utf8(",\n".join(
                _feature_lines(chunk, self.kinds) if gdf is None
                else export.feature_lines(gdf, self.kinds)))
        if self.csv_kinds is not None:
            piece.csv = _csv_bytes(_csv_rows(chunk, self.csv_kinds) if gdf is None
                                   else export.csv_rows(gdf, self.csv_kinds))
        if self.arrow:
            piece.arrow = (_arrow(chunk, _schema(self.name)) if gdf is None
                           else _batch(export.gpkg_arrow(gdf), _schema(self.name)))
        if self.parquet:
            piece.sample = tuple(next((v for v in chunk.values[c] if v is not None), None)
                                 for c in self.columns)
            xs, ys = chunk.values["lon"], chunk.values["lat"]
            piece.bounds = (min(xs), min(ys), max(xs), max(ys))
        return piece


@functools.lru_cache
def _encoder(name: str, formats: tuple[str, ...]) -> _Encoder:
    """The layer's encoder for ``formats``, made once per process."""
    return _Encoder(name, formats)


def _batch(table: Any, schema: Any) -> Any:
    """``table`` as one record batch of ``schema``."""
    if table.schema != schema:
        table = table.cast(schema)
    return table.combine_chunks().to_batches()[0]


def _utf8(text: str) -> bytes:
    """``text`` as a text-mode file writes it (UTF-8, os.linesep for newlines)."""
    return (text if os.linesep == "\n" else text.replace("\n", os.linesep)).encode("utf-8")


def _csv_bytes(rows: Iterable[Iterable[str]]) -> bytes:
    """Rows as ``csv.writer(f, lineterminator="\\n")`` writes them to a text file."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return _utf8(out.getvalue())


@dataclass(frozen=True)
class Encoding:
    """What worker processes encode of the documents they parse for an
    :class:`OutputSink`, so the main process only writes finished pieces out (encoding
    every file alone took it a third of a core). Picklable: pool initializers and Dask
    tasks carry it."""

    formats: tuple[str, ...]
    #: Events merged across documents are encoded in the main process at the end (a
    #: merged event's ``sources`` and counts are known only then).
    merge: bool = False

    def encode(self, docs: list[DocRecords]) -> None:
        """Encode the mentions (and events, unless merging) of consecutive documents as
        one piece per layer, which the first carries: encoded a few rows at a time,
        the cost per column outweighed the cost per row. The events stay as rows too,
        for the map."""
        if not docs:
            return
        for name in ("mentions",) if self.merge else ("mentions", "events"):
            encoder = _encoder(name, self.formats)
            per_doc = [getattr(doc, name) for doc in docs]
            rows = [row for doc_rows in per_doc for row in doc_rows]
            for doc in docs:
                doc.pieces[name] = None  # its rows are in the first one's piece
            if rows and encoder.writes:
                docs[0].pieces[name] = encoder.encode(rows, tuple(map(len, per_doc)))
        for doc in docs:
            doc.mentions = []


# -- the fast path: plain records straight to lines, rows and Arrow arrays ---------------
# They give what the pandas path (``_frame`` + geomap.export) gives for records whose
# values are plain str/int/float/bool/None with finite coordinates (all geomap makes);
# anything else takes the pandas path.

_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})
_COORDINATE_TYPES = frozenset({int, float, bool})
#: The one type a value of each kind has when ``_cast_plain`` leaves it as it is.
_EXACT = {"string": str, "date": str, "integer": int, "number": float, "boolean": bool}


class _Chunk:
    """Rows seen column by column: their values, and which columns hold only values
    that ``_cast_plain`` would leave as they are (those are copied, not cast: casting
    every cell was most of the cost of writing)."""

    def __init__(self, rows: list[dict] | list[tuple], columns: list[str]) -> None:
        self.rows = rows
        self.values = column_values(rows, [*columns, "lon", "lat"])
        self.types = {c: set(map(type, v)) for c, v in self.values.items()}
        self.columns = columns

    @property
    def plain(self) -> bool:
        import math

        for c in ("lon", "lat"):
            if not (self.types[c] <= _COORDINATE_TYPES
                    and all(map(math.isfinite, self.values[c]))):
                return False
        return all(self.types[c] <= _PLAIN_TYPES for c in self.columns)

    def exact(self, column: str, kind: str, *, finite: bool = True) -> bool:
        import math

        types = self.types[column]
        if kind == "boolean":
            return types <= {bool}
        if not types <= {_EXACT[kind], type(None)}:
            return False
        return kind != "number" or not finite or all(
            math.isfinite(v) for v in self.values[column] if v is not None)


def _cast_plain(value: Any, kind: str) -> Any:
    import math

    if kind == "string" or kind == "date":
        return None if value is None or value != value else (
            value if type(value) is str else str(value))
    if kind == "integer":
        return None if value is None or value != value else int(value)
    if kind == "number":
        return None if value is None or not math.isfinite(value) else float(value)
    if kind == "boolean":
        return bool(value) if value == value else True  # astype(bool): NaN is true
    raise ValueError(kind)


def _cast_columns(chunk: _Chunk, kinds: dict[str, str]) -> list[list]:
    """The values of the ``kinds`` columns, in order, cast as ``_cast_plain`` casts them
    (only where a column needs it)."""
    return [chunk.values[c] if chunk.exact(c, k) else [_cast_plain(v, k) for v in chunk.values[c]]
            for c, k in kinds.items()]


def _cells(chunk: _Chunk, kinds: dict[str, str]) -> Iterator[tuple]:
    """Each row's values of the ``kinds`` columns, cast (see :func:`_cast_columns`)."""
    return zip(*_cast_columns(chunk, kinds), strict=True)


def _points(chunk: _Chunk) -> tuple[list[float], list[float]]:
    from geomap.export import COORDINATE_DECIMALS as D

    xs, ys = (list(map(round, map(float, chunk.values[c]), repeat(D))) for c in ("lon", "lat"))
    return xs, ys


#: The text of a cast value (numbers are finite once cast), by its type: as
#: json.dumps(value, ensure_ascii=False) writes it, and as ``export._csv_cell`` does.
_JSON_TEXT: dict[type, Callable[[Any], str]] = {
    str: json.encoder.encode_basestring, int: int.__repr__, float: float.__repr__,
    bool: lambda v: "true" if v else "false", type(None): lambda v: "null"}
_CSV_TEXT: dict[type, Callable[[Any], str]] = {
    **_JSON_TEXT, str: str, type(None): lambda v: ""}


def _texts(values: list, text: dict[type, Callable[[Any], str]]) -> list[str]:
    """Each value's text, by one C-level ``map`` when the column has one type (writing
    row by row, a dict and an encoder call per feature, was half the cost of streaming)."""
    types = set(map(type, values))
    if len(types) == 1:
        return list(map(text[types.pop()], values))
    return [text[type(v)](v) for v in values]


_FEATURE = ('{{"type":"Feature","geometry":{{"type":"Point","coordinates":[{0!r},{1!r}]}},'
            '"properties":{{{2}}}}}')


def _feature_lines(chunk: _Chunk, kinds: dict[str, str]) -> Iterator[str]:
    """The rows as the GeoJSON feature lines ``json.dumps(feature, ensure_ascii=False,
    separators=(",", ":"))`` writes."""
    properties = ",".join(json.encoder.encode_basestring(k).replace("%", "%%") + ":%s"
                          for k in kinds)
    columns = [_texts(v, _JSON_TEXT) for v in _cast_columns(chunk, kinds)]
    return map(_FEATURE.format, *_points(chunk),
               map(properties.__mod__, zip(*columns, strict=True)))


def _csv_rows(chunk: _Chunk, kinds: dict[str, str]) -> Iterator[tuple[str, ...]]:
    """The rows as ``export.csv_rows`` gives them: cells, then lat, lon and WKT."""
    xs, ys = _points(chunk)
    columns = [_texts(v, _CSV_TEXT) for v in _cast_columns(chunk, kinds)]
    return zip(*columns, map(repr, ys), map(repr, xs), map("POINT ({!r} {!r})".format, xs, ys),
               strict=True)


def _arrow_type(column: str) -> Any:
    """The Arrow type :func:`geomap.export.gpkg_arrow` gives ``column`` of a frame."""
    import pyarrow as pa

    from geomap.export import DATE_COLUMNS
    from geomap.frame import INTEGER_COLUMNS

    if column in INTEGER_COLUMNS:
        return pa.int64()
    if column == "confidence":
        return pa.float64()
    if column == "metonymic":
        return pa.bool_()
    if column in DATE_COLUMNS:
        return pa.date32()
    return pa.string()


@functools.lru_cache
def _schema(layer: str) -> Any:
    """The Arrow schema of a layer's spill (and of the pieces workers send)."""
    import pyarrow as pa

    return pa.schema([*(pa.field(c, _arrow_type(c)) for c in _LAYER_COLUMNS[layer]),
                      pa.field("geometry", pa.binary())])


def _arrow(chunk: _Chunk, schema: Any) -> Any:
    """:func:`geomap.export.gpkg_arrow` of the rows' frame, built without pandas, as one
    record batch of ``schema``."""
    import datetime as dt

    import pyarrow as pa

    arrays = []
    for c in chunk.columns:
        values, typ = chunk.values[c], schema.field(c).type
        if pa.types.is_int64(typ):
            if not chunk.exact(c, "integer"):
                values = [_cast_plain(v, "integer") for v in values]
        elif pa.types.is_float64(typ):
            if not chunk.exact(c, "number", finite=False):
                values = [None if v is None else float(v) for v in values]
        elif pa.types.is_boolean(typ):
            if not chunk.exact(c, "boolean"):
                values = [_cast_plain(v, "boolean") for v in values]
        elif pa.types.is_date32(typ):
            values = [None if v is None else dt.date.fromisoformat(str(v)[:10])
                      for v in values]
        elif not chunk.exact(c, "string"):
            values = [_cast_plain(v, "string") for v in values]
        arrays.append(pa.array(values, typ))
    arrays.append(_wkb_points(chunk.values["lon"], chunk.values["lat"]))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _wkb_points(xs: list, ys: list) -> Any:
    """Points as the binary Arrow array of ``shapely.to_wkb`` (2D, native byte order),
    packed by numpy: a GEOS point made and encoded per row took ten times as long."""
    import sys

    import numpy as np
    import pyarrow as pa

    n = len(xs)
    wkb = np.empty(n, np.dtype([("order", "u1"), ("type", "u4"), ("x", "f8"), ("y", "f8")]))
    wkb["order"] = sys.byteorder == "little"
    wkb["type"] = 1  # Point
    wkb["x"], wkb["y"] = list(map(float, xs)), list(map(float, ys))
    offsets = np.arange(0, wkb.itemsize * n + 1, wkb.itemsize, dtype=np.int32)
    return pa.Array.from_buffers(pa.binary(), n, [None, pa.py_buffer(offsets),
                                                  pa.py_buffer(wkb)])


def _merge_report(held: dict, rec: dict) -> dict:
    """Two reports of one event as one record, by :func:`geomap.events.merge_rule`;
    the first told gives evidence and document."""
    from geomap.events import merge_rule

    reports = (held, rec)
    rule = merge_rule([(r["confidence"], r.get("sources") or 1, r["fatalities"],
                        r["injured"], r["actors"]) for r in reports])
    out = dict(reports[rule.best])
    out.update(doc_id=held["doc_id"], evidence=held["evidence"], source=held["source"],
               sources=rule.sources, fatalities=rule.fatalities, injured=rule.injured,
               actors=rule.actors)
    return out


class OutputSink:
    """Everything ``geomap map`` writes, fed one document at a time.

    Parameters
    ----------
    stage : path
        The (staging) folder the files go to.
    formats : iterable of str
        As for :func:`geomap.run.map_files`.
    map_limit : int
        At most this many events are kept for map.html and the PNG.
    keep_events : bool, optional
        Keep those events (default: when ``html`` is among ``formats``).
    merge : bool
        Merge reports of the same event (type, place, date) across documents, as
        :func:`geomap.events.merge_events` does: many articles telling one shelling
        become one event with a ``sources`` count.  Events are then held until the end,
        so memory grows with the number of distinct events.
    """

    def __init__(self, stage: str | os.PathLike, formats: Iterable[str], *,
                 map_limit: int = MAP_LIMIT, keep_events: bool | None = None,
                 merge: bool = False):
        self.stage = Path(stage)
        self.formats = tuple(formats)
        self.map_limit = max(0, int(map_limit))
        self._stack = ExitStack()
        self.places = _Places()
        self.place_layer = _Layer("places", self.stage, self.formats, self._stack)
        self.events = _Layer("events", self.stage, self.formats, self._stack)
        self.mentions = _Layer("mentions", self.stage, self.formats, self._stack)
        self.events_total = 0
        self._heap: list[tuple[float, int, tuple]] = []  # (confidence, -seq, row)
        self.keep_events = "html" in self.formats if keep_events is None else keep_events
        self._merged: dict[tuple, dict] | None = {} if merge else None

    def __enter__(self) -> OutputSink:
        self._stack.__enter__()
        return self

    def __exit__(self, *exc: Any) -> bool | None:
        try:
            return self._stack.__exit__(*exc)
        finally:
            for layer in (self.events, self.place_layer, self.mentions):
                layer.cleanup()
            self.places.close()

    @property
    def encoding(self) -> Encoding:
        """What workers should encode of each document for this sink."""
        return Encoding(self.formats, merge=self._merged is not None)

    def add(self, item: Parsed | DocRecords) -> None:
        doc = doc_records(item) if isinstance(item, Parsed) else item
        self._rows(self.mentions, doc, doc.mentions)
        self.places.add(doc)
        if self._merged is not None:
            for row in doc.events:
                rec = dict(zip(_MAP_FIELDS, row, strict=True))
                key = (rec["event_type"], rec["place_id"], rec["event_date"])
                held = self._merged.get(key)
                self._merged[key] = rec if held is None else _merge_report(held, rec)
        else:
            self._rows(self.events, doc, doc.events)
            self._add_events(doc.events)

    @staticmethod
    def _rows(layer: _Layer, doc: DocRecords, rows: list[tuple]) -> None:
        """A document's rows to ``layer``, or the piece encoded of them if any."""
        if layer.name not in doc.pieces:
            layer.extend(rows)
        elif (piece := doc.pieces[layer.name]) is not None:
            layer.add(piece)

    def _add_events(self, events: list[tuple]) -> None:
        """Event rows to the map (the most confident)."""
        if self.keep_events:
            heap = self._heap
            for row in events:
                key = (row[_CONFIDENCE], -self.events_total)
                self.events_total += 1
                if len(heap) >= self.map_limit and not (self.map_limit and key > heap[0][:2]):
                    continue
                entry = (*key, row)
                if len(heap) < self.map_limit:
                    heapq.heappush(heap, entry)
                else:
                    heapq.heapreplace(heap, entry)
        else:
            self.events_total += len(events)

    @property
    def map_capped(self) -> bool:
        return self.keep_events and self.events_total > self.map_limit

    def map_events(self) -> gpd.GeoDataFrame:
        """The events for the map: the most confident, in the order they were read."""
        kept = sorted(self._heap, key=lambda e: -e[1])
        return _frame([row for _, _, row in kept], EVENT_COLUMNS)

    def finish(self) -> tuple[list[Path], GeoFrames]:
        """Write the remaining files; return them and the frames for the map (events
        limited to ``map_limit``, places with their first document ids and a
        ``documents`` count, mentions empty)."""
        from geomap import export, styles

        if self._merged is not None:
            events = [tuple(map(rec.get, _MAP_FIELDS)) for rec in self._merged.values()]
            self.events.extend(events)
            self._add_events(events)
            self._merged = {}
        self.events.finish()
        self.mentions.finish()
        places = self.places.write(self.place_layer)
        written: list[Path] = []
        layers = {"events": self.events, "places": self.place_layer,
                  "mentions": self.mentions}
        if "geojson" in self.formats:
            for name in layers:
                written.append(self.stage / f"{name}.geojson")
                if name in styles.LAYERS:
                    written.append(export.write_text(styles.qml(name),
                                                     self.stage / f"{name}.qml"))
        if "gpkg" in self.formats:
            written.append(self._gpkg(layers))
        if "csv" in self.formats:
            written.append(self.stage / "events.csv")
            written.append(export.write_csvt(self.events.encoder.csv_kinds,
                                             self.stage / "events.csv"))
        if "parquet" in self.formats:
            written.append(self._parquet())
        if "qgis" in self.formats:
            if "gpkg" in self.formats:
                sources = [f"./events.gpkg|layername={name}" for name in layers]
            else:
                sources = [f"./{name}.geojson" for name in layers]
            defs = [styles.LayerSource(name, src, visible=name != "mentions")
                    for name, src in zip(layers, sources, strict=True)
                    if name in styles.LAYERS]
            written.append(export.write_text(styles.layer_definition(defs),
                                             self.stage / "geomap.qlr"))
        self._stack.close()  # the streamed GeoJSON and CSV files land under their names
        frames = GeoFrames(self.map_events() if self.keep_events else _frame([], EVENT_COLUMNS),
                           places, _frame([], MENTION_COLUMNS))
        self._heap = []  # the frame holds them now
        self.places.close()
        self.places = _Places()
        return written, frames

    def _gpkg(self, layers: dict[str, _Layer]) -> Path:
        from geomap import export

        # A layer without rows: the whole-frame writer types it from the schema.
        return export.write_gpkg_stream(
            {name: layer.reader() if layer.spill is not None
             else export.gpkg_arrow(_frame([], layer.columns))
             for name, layer in layers.items()}, self.stage / "events.gpkg")

    def _parquet(self) -> Path:
        from geomap import export

        path = self.stage / "events.parquet"
        layer = self.events
        if layer.spill is None:
            return export.write_parquet(_frame([], EVENT_COLUMNS), path)
        return _write_parquet_stream(layer, path)


def _write_parquet_stream(layer: _Layer, path: Path) -> Path:
    """GeoParquet as :func:`geomap.export.write_parquet` writes it, from the spill."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from geopandas.io.arrow import _geopandas_to_arrow

    from geomap.export import atomic_write, gis_frame

    # Types and metadata of the whole layer: a prototype whose columns hold the first
    # non-null value seen (null where none was) and whose two points span all bounds.
    minx, miny, maxx, maxy = layer.bounds
    proto = [{**layer.sample, "lon": minx, "lat": miny}, {**layer.sample, "lon": maxx,
                                                          "lat": maxy}]
    schema = _geopandas_to_arrow(gis_frame(_frame(proto, layer.columns)), index=False).schema
    with atomic_write(path, "wb") as f, pq.ParquetWriter(f, schema,
                                                         compression="zstd") as writer:
        for table in layer.batches():
            names = schema.names
            arrays = []
            for name in names:
                col = table[name]
                target = schema.field(name).type
                if col.type == target:
                    arrays.append(col)
                elif pa.types.is_null(target):  # no value in the whole layer
                    arrays.append(pa.nulls(len(col)))
                else:
                    arrays.append(col.cast(target))
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema),
                               row_group_size=BATCH_ROWS)
    return path
