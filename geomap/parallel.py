"""``geomap map --workers N``: parse in N processes, results in input order.

Each worker process opens the gazetteer once (a pool initializer builds its own
:class:`~geomap.pipeline.Geoparser` from a picklable :class:`ParserSpec`), then parses
documents sent in chunks and encodes their outputs (:class:`geomap.stream.Encoding`);
results come back in input order, so the outputs are the same bytes as with one
process. Reading stays lazy: at most a few chunks per worker are in flight, so memory
does not grow with the corpus.
"""

from __future__ import annotations

import inspect
import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geomap.ingest import IngestFailure
    from geomap.model import Document
    from geomap.pipeline import Geoparser
    from geomap.run import InputStatus
    from geomap.stream import DocRecords, Encoding

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


class WorkerDied(RuntimeError):
    """A worker process ended without sending its documents' results back (stopped by
    the system, most often for lack of memory)."""


_WORKER: Geoparser | None = None
_ENCODING: Encoding | None = None


def _init(spec: ParserSpec, encoding: Encoding | None = None) -> None:
    from geomap.batch import tune_gc

    global _WORKER, _ENCODING
    tune_gc()  # inherited when forked; a spawned worker starts with the defaults
    _WORKER, _ENCODING = spec.build(), encoding


def _work(items: list[Document | IngestFailure]
          ) -> list[tuple[InputStatus, DocRecords | None]]:
    from geomap.run import process_items

    assert _WORKER is not None
    return process_items(items, _WORKER, _ENCODING)


def _context() -> mp.context.BaseContext:
    # fork starts workers fastest; where it is missing (macOS/Windows default) spawn.
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def parse_parallel(items: Iterable[Document | IngestFailure], geoparser: Geoparser,
                   workers: int, *, chunksize: int = CHUNK, encoding: Encoding | None = None
                   ) -> Iterator[tuple[InputStatus, DocRecords | None]]:
    """:func:`geomap.run.process_items` over chunks of ``items`` in ``workers``
    processes, in order; ``encoding``: what the workers encode for the output sink.

    A ``concurrent.futures`` pool, not ``multiprocessing.Pool``: the latter's worker
    handler thread wakes whenever the result pipe is readable, and spun while each
    result was read (a tenth of the main process's time)."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    spec = ParserSpec.of(geoparser)
    source = iter(items)
    pending: deque = deque()
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init,
                             initargs=(spec, encoding)) as pool:
        try:
            # a worker that dies breaks the pool: waiting for a result or handing out
            # the next chunk then raises, and the user is told in words to act on
            while chunk := list(islice(source, chunksize)):
                pending.append(pool.submit(_work, chunk))
                if len(pending) >= workers * AHEAD:  # back-pressure: read lazily
                    yield from _result(pool, pending.popleft())
            while pending:
                yield from _result(pool, pending.popleft())
        except BrokenProcessPool as exc:
            raise WorkerDied(_DIED) from exc
        finally:  # stopped early: drop the chunks not started
            for future in pending:
                future.cancel()


_DIED = ("a worker process stopped unexpectedly (out of memory?); run again with fewer "
         "--workers")
#: Seconds between checks that the workers are alive while a result is awaited.
POLL_S = 1.0


def _result(pool: Any, future: Any) -> list[tuple[InputStatus, DocRecords | None]]:
    """A chunk's results, or :class:`WorkerDied` if a worker is gone.

    The pool notices a dead worker by itself, except when the worker was killed while
    sending its results: the pool's reader then waits forever for the rest of the
    message, as the result pipe has other writers (the other workers and this process).
    The workers only ever exit at shutdown, so an exit code seen while a result is due
    is such a death: the other workers are stopped and this process's end of the pipe
    closed, so the reader meets the end of the pipe and the pool can shut down.
    """
    from concurrent.futures import TimeoutError as FutureTimeout

    while True:
        try:
            return future.result(timeout=POLL_S)
        except FutureTimeout:
            processes = list(getattr(pool, "_processes", {}).values())
            if any(p.exitcode is not None for p in processes):
                for p in processes:
                    p.terminate()
                for p in processes:
                    p.join(timeout=5)
                writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
                if writer is not None:
                    writer.close()
                raise WorkerDied(_DIED) from None
