"""``geomap map --workers N``: parse in N processes, results in input order.

Each worker process opens the gazetteer once (a pool initializer builds its own
:class:`~geomap.pipeline.Geoparser` from a picklable :class:`ParserSpec`), then parses
documents sent in chunks; ``imap`` hands results back in input order, so the outputs
are the same bytes as with one process. Reading stays lazy: at most a few chunks per
worker are in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import inspect
import multiprocessing as mp
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geomap.ingest import IngestFailure
    from geomap.model import Document
    from geomap.pipeline import Geoparser
    from geomap.run import InputStatus
    from geomap.stream import DocRecords

#: Documents sent to a worker at a time.
CHUNK = 16
#: Chunks per worker read ahead of the results.
AHEAD = 4


@dataclass(frozen=True)
class ParserSpec:
    """How to rebuild a :class:`~geomap.pipeline.Geoparser` in another process: its
    gazetteer file, the user places taught to it and its keyword options."""

    gazetteer_path: str
    options: dict[str, Any] = field(default_factory=dict)
    user: dict = field(default_factory=dict)
    overrides: dict = field(default_factory=dict)

    @classmethod
    def of(cls, geoparser: Geoparser) -> ParserSpec:
        from geomap.pipeline import Geoparser

        options = {}
        for name, param in inspect.signature(Geoparser.__init__).parameters.items():
            if param.kind is not param.KEYWORD_ONLY:
                continue
            for holder in (geoparser, getattr(geoparser, "recognizer", None),
                           getattr(geoparser, "resolver", None)):
                if holder is not None and hasattr(holder, name):
                    options[name] = getattr(holder, name)
                    break
        gz = geoparser.gazetteer
        return cls(str(gz.path), options, dict(getattr(gz, "_user", {})),
                   dict(getattr(gz, "_overrides", {})))

    def build(self) -> Geoparser:
        from gazetteer.store import Gazetteer
        from geomap.pipeline import Geoparser

        gz = Gazetteer(self.gazetteer_path, progress=False)
        if self.user or self.overrides:
            gz._user.update(self.user)
            gz._overrides.update(self.overrides)
            gz.lookup.cache_clear()
        return Geoparser(gz, **self.options)


_WORKER: Geoparser | None = None


def _init(spec: ParserSpec) -> None:
    global _WORKER
    _WORKER = spec.build()


def _work(item: Document | IngestFailure) -> tuple[InputStatus, DocRecords | None]:
    from geomap.run import process_item

    assert _WORKER is not None
    return process_item(item, _WORKER)


def _context() -> mp.context.BaseContext:
    # fork starts workers fastest; where it is missing (macOS/Windows default) spawn.
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def parse_parallel(items: Iterable[Document | IngestFailure], geoparser: Geoparser,
                   workers: int, *, chunksize: int = CHUNK
                   ) -> Iterator[tuple[InputStatus, DocRecords | None]]:
    """:func:`geomap.run.process_item` over ``items`` in ``workers`` processes, in order."""
    spec = ParserSpec.of(geoparser)
    ahead = workers * chunksize * AHEAD
    window = threading.Semaphore(ahead)
    stop = threading.Event()

    def feed() -> Iterator[Document | IngestFailure]:
        for item in items:
            window.acquire()  # back-pressure: Pool's feeder thread would read everything
            if stop.is_set():
                return
            yield item

    with _context().Pool(workers, initializer=_init, initargs=(spec,)) as pool:
        try:
            for result in pool.imap(_work, feed(), chunksize):
                window.release()
                yield result
        finally:  # let the feeder thread finish, or terminate() would wait for it
            stop.set()
            window.release(ahead + 1)
