"""Read articles from files and folders into Documents.

A text file may start with a ``date YYYY-MM-DD`` line (the publication date) and a
wire dateline (``MUKACHEVO, Ukraine -``).  Anything that cannot be read becomes an
``IngestFailure`` naming the file and the problem, so a run never loses a document.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from geomap.model import Dateline, Document

TEXT_SUFFIXES = (".txt", ".md", ".text")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
TEXT_COLUMNS = ("text", "body", "content", "article")
#: Largest single document read by default; ``--max-doc-bytes`` changes it.
DEFAULT_MAX_DOC_BYTES = 20_000_000

_DATE_HEADER = re.compile(r"\A\s*date\s*[:=]?\s*(\S+)[ \t]*(\n|\Z)?", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
#: The day a dateline gives: "April 17", "Sept. 3" (the day the story was filed).
_FILED = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b"
DATELINE_DAY = re.compile(rf"\b{_FILED}")
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z.'’\- ]{1,40}[A-Z.])"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\- ]{1,40}?))?"
    # and the day it was filed: "JOS, Nigeria, April 17 (Reuters) -"
    rf"(?:,\s*{_FILED})?"
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
    elif header and (header.group(1)[:1].isdigit() or header.group(2) is not None):
        # "date 2022-13-45" or a line holding only "date: yesterday": a broken header.
        raise IngestError(f"{source or doc_id}: date {header.group(1)!r} is not YYYY-MM-DD")
    return Document(id=doc_id, text=text, published=published,
                    dateline=find_dateline(text), source=source)


#: Single-byte encodings tried, in order, when a file is not UTF-8 (news archives
#: from Eastern and Western Europe); the most plausible decoding wins.
LEGACY_ENCODINGS = ("cp1251", "cp1252", "koi8_r", "latin-1")
_CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


_WORDS = re.compile(r"[^\W\d_]+")


def _plausibility(text: str) -> float:
    """Share of words with non-ASCII letters that look like real words.

    A real word is in one alphabet and cased as words are (``слово``, ``Слово``,
    ``СЛОВО``); wrong decodings mix alphabets (``bвtiment``) or case (``тПУУЙКУ``).
    """
    import unicodedata

    good = 0
    # Non-ASCII symbols outside words (box drawing, stray marks) count against it.
    total = sum(1 for c in _WORDS.sub("", text) if ord(c) > 127 and c not in "–—‘’“”…«»€£°")
    for word in _WORDS.findall(text):
        if word.isascii():
            continue
        total += 1
        scripts = {unicodedata.name(c, "?").split(" ")[0] for c in word}
        cased = word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
        good += len(scripts) == 1 and cased
    return 1.0 if total == 0 else good / total


def decode(raw: bytes, source: str) -> tuple[str, str]:
    """Text of a file and the encoding it was in, or an IngestError saying why not.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as such; otherwise
    the legacy encoding whose decoding reads most like text in one alphabet is used.
    """
    if not raw.strip():
        raise IngestError(f"{source}: empty file")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                          (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
                          (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding.removesuffix("-sig")
            except UnicodeDecodeError:
                raise IngestError(f"{source}: invalid {encoding} text") from None
    head = raw[:65536]
    if b"\x00" in head or sum(b in _CONTROL for b in head) > max(8, len(head) * 0.02):
        raise IngestError(f"{source}: binary file, not text")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for encoding in LEGACY_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, encoding, text)
    if best is None or best[0] < 0.8:
        raise IngestError(f"{source}: not UTF-8 and no known encoding reads it as text")
    return best[2], best[1]


def _format(path: Path) -> tuple[str, bool]:
    """(``text`` | ``jsonl`` | ``csv``, gzipped) from a file name such as ``a.jsonl.gz``."""
    suffixes = [x.lower() for x in path.suffixes[-2:]]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes.pop()
    suffix = suffixes[-1] if suffixes else ""
    if suffix in JSONL_SUFFIXES:
        return "jsonl", gz
    if suffix in CSV_SUFFIXES:
        return "csv", gz
    return "text", gz


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if _format(path)[1] else open(path, "rb")


def _too_big(size: int | None, limit: int) -> str:
    what = "document" if size is None else f"document of {size / 1e6:.1f} MB"
    return f"{what} is over the {limit / 1e6:g} MB limit (raise it with --max-doc-bytes)"


def read_text_file(path: Path, published: date | None = None,
                   max_bytes: int = DEFAULT_MAX_DOC_BYTES) -> Document:
    """One article from a text file; its id is the file name without suffixes.

    Reads at most ``max_bytes`` (+1 to notice a larger file): memory stays bounded
    however big the file is.
    """
    source = str(path)
    try:
        with _open(path) as f:
            raw = f.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise IngestError(f"{source}: cannot read ({reason})") from exc
    if len(raw) > max_bytes:
        size = path.stat().st_size if not _format(path)[1] else len(raw)
        raise IngestError(f"{source}: {_too_big(size, max_bytes)}")
    text, _ = decode(raw, source)
    doc_id = path.name.split(".")[0] or path.name
    return make_document(text, doc_id, source=source, published=published)


def _lines(f: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of a binary stream; None for a line over ``max_bytes`` (skipped
    in chunks, never held in memory whole)."""
    lineno = 0
    while True:
        line = f.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
        else:
            yield lineno, line


def _record_document(rec: dict, source: str, line: int, published: date | None,
                     text_key: str = "text") -> Document:
    text = rec.get(text_key)
    if not isinstance(text, str):
        raise IngestError(f"no {text_key} field")
    if not text.strip():
        raise IngestError("empty text")
    doc_date = published
    raw_date = rec.get("date") or rec.get("published")
    if raw_date and published is None:
        doc_date = parse_date(str(raw_date)[:10], source)
    doc_id = str(rec.get("id") or "").strip() or f"{Path(source).name.split('.')[0]}-{line}"
    return Document(id=doc_id, text=text, published=doc_date, dateline=find_dateline(text),
                    source=source, line=line)


def read_jsonl(path: Path, published: date | None = None,
               max_bytes: int = DEFAULT_MAX_DOC_BYTES) -> Iterator[Document | IngestFailure]:
    """Documents from JSON Lines (``{"id", "text", "date"?}`` per line, FORMAT.md shape).

    Lines are split on ``\\n`` only (texts may hold U+2028); a bad line is reported
    with its number and the others are read.
    """
    source = str(path)
    try:
        with _open(path) as f:
            for lineno, raw in _lines(f, max_bytes):
                if raw is None:
                    yield IngestFailure(source, _too_big(None, max_bytes), lineno)
                    continue
                if not raw.strip():
                    continue
                try:
                    rec = json.loads(raw.decode("utf-8-sig" if lineno == 1 else "utf-8"))
                    if not isinstance(rec, dict):
                        raise IngestError("not a JSON object")
                    yield _record_document(rec, source, lineno, published)
                except UnicodeDecodeError:
                    yield IngestFailure(source, "line is not UTF-8", lineno)
                except json.JSONDecodeError:
                    yield IngestFailure(source, "invalid JSON", lineno)
                except IngestError as exc:
                    yield IngestFailure(source, str(exc).removeprefix(f"{source}: "), lineno)
    except (OSError, EOFError) as exc:
        yield IngestFailure(source, f"cannot read ({getattr(exc, 'strerror', None) or exc})")


def read_csv(path: Path, published: date | None = None,
             max_bytes: int = DEFAULT_MAX_DOC_BYTES) -> Iterator[Document | IngestFailure]:
    """Documents from a CSV file with a header and a text column (``text``, ``body``,
    ``content`` or ``article``); ``id`` and ``date`` columns are used when present."""
    source = str(path)
    csv.field_size_limit(max(max_bytes, 1 << 17))
    try:
        with _open(path) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f, strict=True)
            fields = {name.strip().lower(): name for name in reader.fieldnames or []}
            column = next((fields[c] for c in TEXT_COLUMNS if c in fields), None)
            if column is None:
                yield IngestFailure(source, "CSV has no text column (one of "
                                    f"{', '.join(TEXT_COLUMNS)}); found: "
                                    f"{', '.join(fields) or 'no header'}")
                return
            line = 1
            try:
                for row in reader:
                    rec = {k.strip().lower(): v for k, v in row.items() if k}
                    rec["text"] = row.get(column)
                    try:
                        yield _record_document(rec, source, line + 1, published)
                    except IngestError as exc:
                        yield IngestFailure(source, str(exc).removeprefix(f"{source}: "),
                                            line + 1)
                    line = reader.line_num
            except csv.Error as exc:
                yield IngestFailure(source, f"malformed CSV ({exc}); rest of file not read",
                                    line + 1)
            except UnicodeDecodeError:
                yield IngestFailure(source, "not UTF-8; rest of file not read", line + 1)
    except (OSError, EOFError) as exc:
        yield IngestFailure(source, f"cannot read ({getattr(exc, 'strerror', None) or exc})")


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """Input files in a stable order: folders are walked (hidden files skipped), sorted."""
    known = TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(
                f for f in p.rglob("*")
                if f.is_file() and not f.name.startswith(".")
                and (f.suffix.lower() in known
                     or (f.suffix.lower() == ".gz" and Path(f.stem).suffix.lower() in known))
            )
        elif p.is_file():
            yield p
        elif p.exists():
            yield IngestFailure(str(p), "not a regular file")
        else:
            yield IngestFailure(str(p), "no such file or folder")


def read_documents(paths: Iterable[str | Path], published: date | None = None,
                   max_bytes: int = DEFAULT_MAX_DOC_BYTES
                   ) -> Iterator[Document | IngestFailure]:
    """Every document under ``paths`` (files or folders), lazily, failures included.

    Text files are one article each; ``.jsonl`` and ``.csv`` files hold many; any of
    them may be gzipped (``.gz``).
    """
    readers = {"jsonl": read_jsonl, "csv": read_csv}
    for item in iter_files(paths):
        if isinstance(item, IngestFailure):
            yield item
            continue
        kind = _format(item)[0]
        if kind in readers:
            yield from readers[kind](item, published, max_bytes)
            continue
        try:
            yield read_text_file(item, published, max_bytes)
        except IngestError as exc:
            yield IngestFailure(str(item), str(exc).removeprefix(f"{item}: "))
