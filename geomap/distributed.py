"""``geomap map --dask ADDRESS``: the same pipeline on a Dask distributed cluster.

The client reads the inputs lazily and cuts them into partitions of
:data:`PARTITION_DOCS` documents; each partition is a ``dask.bag`` partition parsed on
a worker (which opens the gazetteer once per thread and keeps it). Results come back
in input order, with a bounded number of partitions in flight, so the merged outputs
(GeoJSON, GeoPackage, CSV, map) are the same bytes as a single-process run and memory
stays flat. Events are also written as partitioned GeoParquet under ``OUTDIR/parquet/``
(``part.00000.parquet``, ...; read it with ``dask_geopandas.read_parquet``).

Workers need geomap installed (the same version) and the gazetteer: they build it on
first use, or point ``GEOMAP_CACHE_DIR`` at a shared copy. They do not need the input
files: documents travel with the tasks.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.parallel import ParserSpec

if TYPE_CHECKING:
    from geomap.ingest import IngestFailure
    from geomap.model import Document
    from geomap.pipeline import Geoparser
    from geomap.run import InputStatus
    from geomap.stream import DocRecords, Encoding

#: Documents per partition (one task).
PARTITION_DOCS = 64
#: Events per GeoParquet part file.
PARQUET_PART_ROWS = 50_000
#: Messages each Dask connection remembers for debugging (Dask's default: 1,000).  A
#: task message carries its partition's documents, and a result message their records:
#: at the default, the client and an in-process LocalCluster scheduler held on to the
#: last 1,000 of each, about 15 KB an article (~1 GB by 70,000 articles).
MESSAGE_LOG = 16

_LOCAL = threading.local()


def _require() -> Any:
    try:
        import dask.bag  # noqa: F401
        import distributed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("--dask needs Dask: pip install 'geomap[dask]'") from exc
    return distributed


def _geoparser(spec: ParserSpec) -> Geoparser:
    """This worker thread's geoparser for ``spec``, built (gazetteer opened) once."""
    held = getattr(_LOCAL, "parser", None)
    if held is None or held[0] != spec:
        held = _LOCAL.parser = (spec, spec.build())
    return held[1]


def parse_partition(items: Iterable[Document | IngestFailure], spec: ParserSpec,
                    encoding: Encoding | None = None
                    ) -> list[tuple[InputStatus, DocRecords | None]]:
    """Parse one partition on a worker: :func:`geomap.run.process_items`."""
    from geomap.run import process_items

    return process_items(items, _geoparser(spec), encoding)


def connect(address: str) -> tuple[Any, Any]:
    """A client for ``address``, or for a new LocalCluster when it is ``"local"``.

    Connections opened here (and the LocalCluster's scheduler and workers) keep only
    :data:`MESSAGE_LOG` recent messages."""
    import dask

    distributed = _require()
    with dask.config.set({"distributed.admin.low-level-log-length": MESSAGE_LOG}):
        if address == "local":
            import os

            cluster = distributed.LocalCluster(
                n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.ERROR)
            return distributed.Client(cluster), cluster
        return distributed.Client(address), None


def parse_on_dask(items: Iterable[Document | IngestFailure], geoparser: Geoparser,
                  address: str | Any, parquet_dir: str | Path | None = None, *,
                  partition: int = PARTITION_DOCS, encoding: Encoding | None = None
                  ) -> Iterator[tuple[InputStatus, DocRecords | None]]:
    """Parse ``items`` on a Dask cluster, yielding results in input order.

    Parameters
    ----------
    address : str or distributed.Client
        A scheduler address, ``"local"`` (a LocalCluster with one single-threaded
        worker process per core) or a connected client.  A client of your own keeps
        Dask's log of recent messages, 1,000 of them, each with a partition's
        documents: on long runs create it under ``dask.config.set({
        "distributed.admin.low-level-log-length": MESSAGE_LOG})``, as :func:`connect`
        does.
    parquet_dir : path, optional
        Where to write the events as partitioned GeoParquet.
    encoding : Encoding, optional
        What the workers encode of each document for the output sink.
    """
    import dask.bag as db

    distributed = _require()
    own = not isinstance(address, distributed.Client)
    client, cluster = connect(address) if own else (address, None)
    parquet = _PartWriter(Path(parquet_dir)) if parquet_dir is not None else None
    try:
        spec = ParserSpec.of(geoparser)
        threads = max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        source = iter(items)

        def drain(limit: int) -> Iterator[tuple[InputStatus, DocRecords | None]]:
            while len(pending) > limit:
                for status, records in pending.popleft().result():
                    if parquet is not None and records is not None:
                        parquet.add(records.events)
                    yield status, records

        while chunk := list(islice(source, partition)):
            bag = db.from_sequence([chunk], npartitions=1).map_partitions(
                lambda part, spec=spec, encoding=encoding: parse_partition(
                    part[0], spec, encoding))
            pending.append(client.compute(bag))
            yield from drain(2 * threads + 1)
        yield from drain(0)
        if parquet is not None:
            parquet.close()
    finally:
        if own:
            client.close()
            if cluster is not None:
                cluster.close()


class _PartWriter:
    """Events as GeoParquet part files of :data:`PARQUET_PART_ROWS` rows."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.rows: list[tuple] = []
        self.parts = 0

    def add(self, events: list[tuple]) -> None:
        self.rows.extend(events)
        if len(self.rows) >= PARQUET_PART_ROWS:
            self.flush()

    def flush(self) -> None:
        from geomap.export import write_parquet
        from geomap.frame import EVENT_COLUMNS, _frame

        if not self.rows and self.parts:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        write_parquet(_frame(self.rows, EVENT_COLUMNS),
                      self.folder / f"part.{self.parts:05d}.parquet")
        self.rows = []
        self.parts += 1

    def close(self) -> None:
        self.flush()
