"""Dataclasses passed between pipeline stages (DESIGN.md section 1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gazetteer.model import Place


@dataclass(frozen=True, slots=True)
class Dateline:
    """``MUKACHEVO, Ukraine -`` at the head of a wire story."""

    place: str
    region: str | None
    start: int
    end: int


@dataclass(slots=True)
class Document:
    """One article: its text and what we know about it before parsing."""

    id: str
    text: str
    published: date | None = None
    dateline: Dateline | None = None
    source: str = ""
    line: int | None = None  # line in a JSON Lines or CSV source


@dataclass(frozen=True, slots=True)
class Span:
    """A toponym candidate: character offsets into ``Document.text``."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """A recognised toponym and the place it was resolved to (None: could not place it)."""

    span: Span
    place: Place | None
    confidence: float
    metonymic: bool = False
    candidates: int = 0


@dataclass(frozen=True, slots=True)
class EventDate:
    """A normalised date with its precision and the ISO interval it stands for."""

    value: str  # 2022-03-03 | 2022-02 | 2014; a week is the date of its Monday
    precision: str  # day | week | month | year
    start: date
    end: date
    text: str | None = None  # the expression it came from; None: publication date fallback


@dataclass(slots=True)
class Event:
    """Something that happened at a place on a date, with the sentence that says so."""

    event_id: str
    doc_id: str
    event_type: str
    sub_event_type: str | None
    date: EventDate | None
    place: Place
    place_text: str
    evidence: str
    source: str
    confidence: float
    fatalities: int | None = None
    injured: int | None = None
    actors: str | None = None
    evidence_start: int = 0
    sources: int = 1  # sentences (and documents, after merge_events) that tell it
    more_evidence: tuple[str, ...] = ()  # the other sentences telling it, in text order


@dataclass(slots=True)
class Parsed:
    """What ``geomap.parse`` returns for one document."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def places(self) -> list[Place]:
        """Distinct places of literal mentions, in order of first mention."""
        seen: dict[str, Place] = {}
        for m in self.mentions:
            if m.place is not None and not m.metonymic:
                seen.setdefault(m.place.id, m.place)
        return list(seen.values())
