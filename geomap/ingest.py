"""Read articles from files and folders into Documents.

A text file may start with a ``date YYYY-MM-DD`` line (the publication date) and a
wire dateline (``MUKACHEVO, Ukraine -``).  Anything that cannot be read becomes an
``IngestFailure`` naming the file and the problem, so a run never loses a document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geomap.model import Dateline, Document

TEXT_SUFFIXES = (".txt", ".md", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")

_DATE_HEADER = re.compile(r"\A\s*date\s*[:=]?\s*(\S+)[ \t]*\n?", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z.'’\- ]{1,40}[A-Z.])"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\- ]{1,40}?))?"
    r"\s*(?:\([A-Za-z .]+\)\s*)?[-–—]{1,2}\s"
)


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """A document that could not be read: where it was and why."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}"


class IngestError(ValueError):
    """Raised for unreadable input when a single document is asked for."""


def parse_date(value: str, source: str) -> date:
    """A publication date in ISO form, or a clear IngestError."""
    if not _ISO_DATE.match(value):
        raise IngestError(f"{source}: date {value!r} is not YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise IngestError(f"{source}: date {value!r} is not a calendar date") from exc


def find_dateline(text: str) -> Dateline | None:
    """The all-caps wire dateline at the head of ``text``, if any."""
    m = _DATELINE.match(text)
    if not m:
        return None
    place = m.group("place").strip()
    if len(place.replace(" ", "")) < 3:
        return None
    region = (m.group("region") or "").strip() or None
    return Dateline(place=place, region=region, start=m.start("place"), end=m.end())


def make_document(text: str, doc_id: str, *, source: str = "",
                  published: date | None = None) -> Document:
    """A Document from raw article text, reading a leading ``date`` line and dateline.

    An explicit ``published`` wins over the date line in the text.
    """
    header = _DATE_HEADER.match(text)
    if header and _ISO_DATE.match(header.group(1)):
        found = parse_date(header.group(1), source or doc_id)
        published = published or found
        text = text[header.end() :]
    elif header and header.group(1)[:1].isdigit():
        raise IngestError(f"{source or doc_id}: date {header.group(1)!r} is not YYYY-MM-DD")
    return Document(id=doc_id, text=text, published=published,
                    dateline=find_dateline(text), source=source)


def _decode(raw: bytes, source: str) -> str:
    if not raw.strip():
        raise IngestError(f"{source}: empty file")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(f"{source}: binary file, not text")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError(f"{source}: not UTF-8 text")


def read_text_file(path: Path, published: date | None = None) -> Document:
    """One article from a text file; its id is the file name without suffix."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{source}: cannot read ({exc.strerror or exc})") from exc
    return make_document(_decode(raw, source), path.stem, source=source, published=published)


def read_jsonl(path: Path, published: date | None = None) -> Iterator[Document | IngestFailure]:
    """Documents from JSON Lines (``{"id", "text", "date"?}`` per line, FORMAT.md shape)."""
    source = str(path)
    with open(path, encoding="utf-8", errors="replace", newline="\n") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                    raise IngestError("no text field")
                doc_date = published
                if rec.get("date"):
                    doc_date = published or parse_date(str(rec["date"])[:10], source)
                doc_id = str(rec.get("id") or f"{path.stem}-{lineno}")
                doc = Document(id=doc_id, text=rec["text"], published=doc_date,
                               dateline=find_dateline(rec["text"]), source=source)
                yield doc
            except (json.JSONDecodeError, IngestError) as exc:
                reason = "invalid JSON" if isinstance(exc, json.JSONDecodeError) else str(exc)
                yield IngestFailure(source, reason.removeprefix(f"{source}: "), lineno)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """Input files in a stable order: folders are walked, sorted by path."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(
                f for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES
            )
        elif p.is_file():
            yield p
        else:
            yield IngestFailure(str(p), "no such file or folder")


def read_documents(paths: Iterable[str | Path],
                   published: date | None = None) -> Iterator[Document | IngestFailure]:
    """Every document under ``paths`` (files or folders), lazily, failures included."""
    for item in iter_files(paths):
        if isinstance(item, IngestFailure):
            yield item
        elif item.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(item, published)
        else:
            try:
                yield read_text_file(item, published)
            except IngestError as exc:
                yield IngestFailure(str(item), str(exc).removeprefix(f"{item}: "))
