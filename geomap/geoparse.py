"""``geomap geoparse``: toponyms of documents in the evaluation format (FORMAT.md)."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from gazetteer.model import Place
from geomap.export import atomic_write
from geomap.ingest import IngestFailure, read_jsonl
from geomap.model import Mention
from geomap.pipeline import Geoparser

#: Our kinds in the evaluation format's vocabulary.
EVAL_KIND = {"admin1": "admin", "admin2": "admin", "continent": "region"}
_PLACE_FIELDS = ("lat", "lon", "geonameid", "place_id", "kind")
_string = json.encoder.encode_basestring  # what json.dumps(..., ensure_ascii=False) writes


def place_fields(p: Place | None) -> dict:
    """A toponym's place: coordinates, id and kind (all null when unplaced)."""
    if p is None:
        return dict.fromkeys(_PLACE_FIELDS)
    return {"lat": round(p.lat, 6), "lon": round(p.lon, 6), "geonameid": p.geonameid,
            "place_id": p.id, "kind": EVAL_KIND.get(p.kind, p.kind)}


def toponym_record(m: Mention) -> dict:
    """One predicted toponym: offsets, coordinates (null when unplaced), id and kind."""
    s = m.span
    return {"start": s.start, "end": s.end, "name": s.text, **place_fields(m.place),
            "confidence": m.confidence, "metonymic": m.metonymic}


@lru_cache(maxsize=100_000)
def _place_json(p: Place | None) -> str:
    """:func:`place_fields` as JSON object members, encoded once per place: a file's
    mentions mostly name places met before."""
    return json.dumps(place_fields(p), ensure_ascii=False)[1:-1]


def toponym_json(m: Mention) -> str:
    """``json.dumps(toponym_record(m), ensure_ascii=False)``, at a fifth of the cost.

    A mention has ten fields, half of them its place's; the general encoder, walking a
    dict per mention, was a fifth of ``geoparse``'s time.  Only the offsets differ
    between mentions of one name in one reading, so the rest is encoded once.
    """
    s = m.span
    tail = _toponym_tail(s.text, m.place, m.confidence, m.metonymic)
    return f'{{"start": {s.start}, "end": {s.end}, {tail}'


@lru_cache(maxsize=100_000, typed=True)  # typed: an int 1 is written "1", not "1.0"
def _toponym_tail(name: str, place: Place | None, confidence: float, metonymic: bool) -> str:
    """A toponym's members after its offsets (and the closing brace).

    A finite float confidence is written as its ``repr``, as JSON writes it; anything
    else goes through the encoder.
    """
    c = confidence
    written = repr(c) if type(c) is float and math.isfinite(c) else json.dumps(c)
    return (f'"name": {_string(name)}, {_place_json(place)}, "confidence": {written}, '
            f'"metonymic": {"true" if metonymic else "false"}}}')


def document_json(doc_id: str, mentions: list[Mention]) -> str:
    """A document's line of the evaluation format (without the newline)."""
    return f'{{"id": {_string(doc_id)}, "toponyms": [{", ".join(map(toponym_json, mentions))}]}}'


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
            out.write(document_json(item.id, geoparser.mentions(item)))
            out.write("\n")
            written += 1
    return written, failures
