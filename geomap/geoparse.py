"""``geomap geoparse``: toponyms of documents in the evaluation format (FORMAT.md)."""

from __future__ import annotations

import json
from pathlib import Path

from geomap.export import atomic_write
from geomap.ingest import IngestFailure, read_jsonl
from geomap.model import Mention
from geomap.pipeline import Geoparser

#: Our kinds in the evaluation format's vocabulary.
EVAL_KIND = {"admin1": "admin", "admin2": "admin", "continent": "region"}


def toponym_record(m: Mention) -> dict:
    """One predicted toponym: offsets, coordinates (null when unplaced), id and kind."""
    p = m.place
    return {
        "start": m.span.start, "end": m.span.end, "name": m.span.text,
        "lat": round(p.lat, 6) if p else None, "lon": round(p.lon, 6) if p else None,
        "geonameid": p.geonameid if p else None,
        "place_id": p.id if p else None,
        "kind": EVAL_KIND.get(p.kind, p.kind) if p else None,
        "confidence": m.confidence, "metonymic": m.metonymic,
    }


def geoparse_file(src: str | Path, dest: str | Path, *, geoparser: Geoparser | None = None,
                  progress: bool = False, ner: bool = False, demonyms: bool = False,
                  places: str | Path | None = None) -> tuple[int, list[IngestFailure]]:
    """Geoparse a JSON Lines file into ``dest``; return (documents written, failures).

    ``ner``, ``demonyms`` and ``places`` (a user places file) configure the default
    :class:`Geoparser` (ignored when ``geoparser`` is given).
    """
    from tqdm import tqdm

    geoparser = geoparser or Geoparser(ner=ner, demonyms=demonyms, places=places)
    failures: list[IngestFailure] = []
    written = 0
    with atomic_write(dest) as out:
        for item in tqdm(read_jsonl(Path(src)), desc="documents", unit="doc",
                         disable=not progress):
            if isinstance(item, IngestFailure):
                failures.append(item)
                continue
            toponyms = [toponym_record(m) for m in geoparser.mentions(item)]
            out.write(json.dumps({"id": item.id, "toponyms": toponyms}, ensure_ascii=False))
            out.write("\n")
            written += 1
    return written, failures
