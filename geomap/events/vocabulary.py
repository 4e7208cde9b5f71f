"""The trigger vocabulary and the factors an event's confidence is made of.

The vocabulary is data (``geomap/data/event_vocab.csv``) so users can extend it; each
row becomes a :class:`Trigger`.
"""

from __future__ import annotations

import csv
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: Families whose events are still mapped at the paragraph's last place when their own
#: sentence names none ("Shelling continued overnight." after "... in Kharkiv.").
PARAGRAPH_FALLBACK = frozenset(
    {"battles", "explosions_remote_violence", "violence_against_civilians", "riots"})
#: Families that describe the conflict as a whole; with no place of their own they go to
#: the document's main country (a UN toll, a million refugees).
DOCUMENT_FALLBACK = frozenset({"casualties_report", "displacement", "humanitarian"})
#: Families that take a sentence's fatality counts ("shelling killed 12") instead of
#: leaving them to a separate casualties_report.
VIOLENT = PARAGRAPH_FALLBACK
#: Events below this confidence are dropped: a weak trigger with a distant place.
MIN_CONFIDENCE = 0.25

# Place-link factors, multiplied into the event confidence.
_SAME_CLAUSE_LOCATIVE, _SAME_CLAUSE, _LOCATIVE, _SENTENCE = 1.0, 0.85, 0.7, 0.55
_PARAGRAPH, _DOCUMENT, _ANAPHOR, _DATELINE = 0.5, 0.5, 0.7, 0.45
_DATED, _PUBLICATION, _UNDATED = 1.0, 0.85, 0.8


@dataclass(frozen=True, slots=True)
class Trigger:
    """One vocabulary row: a phrase that signals an event type."""

    event_type: str
    sub_event_type: str | None
    regex: re.Pattern
    weight: float
    needs: frozenset[str]  # "count": only with a casualty count; "locative": "in X" only
    pattern: str = ""  # the CSV pattern, whitespace-normalised, without word boundaries


def _body(pattern: str) -> str:
    """Any run of whitespace where the CSV has a space ("air ?strikes?": optional)."""
    return pattern.strip().replace(" ?", r"\s*").replace(" ", r"\s+")


def _compile(pattern: str) -> re.Pattern:
    """Whole words only, case-insensitive."""
    return re.compile(rf"(?<![\w-])(?:{_body(pattern)})(?![\w-])", re.IGNORECASE)


#: The needs a vocabulary row may name (see :func:`load_vocabulary`); a misspelt one
#: would otherwise ask nothing of its sentence.
NEEDS = frozenset(
    """count locative anaphor people armed armedbefore official protest rally nolabour
    victims state fighters aircraft civilian soldier unguarded noflop noweather harm blast
    doers retold""".split())


def _read_vocabulary(text: str) -> tuple[Trigger, ...]:
    """Parse vocabulary CSV text; a broken row is skipped with a warning, not fatal."""
    rows = []
    for line, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        pattern = (row.get("pattern") or "").strip()
        event_type = (row.get("event_type") or "").strip()
        if not pattern or not event_type or event_type.startswith("#"):
            continue
        try:
            trigger = Trigger(event_type, (row.get("sub_event_type") or "").strip() or None,
                              _compile(pattern), float(row.get("weight") or 0.5),
                              frozenset(re.split(r"[|; ]+", (row.get("needs") or "").strip()))
                              - {""}, _body(pattern))
            if not trigger.needs <= NEEDS:
                raise ValueError(f"unknown needs {sorted(trigger.needs - NEEDS)}")
        except (re.error, ValueError) as exc:
            warnings.warn(f"event vocabulary line {line} skipped: {exc}", stacklevel=2)
            continue
        rows.append(trigger)
    return tuple(rows)


@lru_cache(maxsize=1)
def load_vocabulary() -> tuple[Trigger, ...]:
    """The packaged trigger vocabulary, read once per process.

    Returns
    -------
    tuple of Trigger
        One per row of ``geomap/data/event_vocab.csv`` (columns ``event_type``,
        ``sub_event_type``, ``pattern``, ``weight``, ``needs``).  ``pattern`` is a lowercase
        phrase or a Python regex, matched case-insensitively on word boundaries; wrap a part in
        ``(?-i:...)`` to make it case-sensitive.  ``needs``: ``count`` (only with a casualty
        count in the sentence), ``locative`` (only at a place introduced by "in/at/near..."),
        ``anaphor`` (a back-reference such as "a second raid": the event takes the type of the
        document's last violent event, and is dropped when there is none), ``people`` (only
        where the sentence names a population: "residents fled", not "the suspect fled"),
        ``armed`` (only where the sentence names armed actors: "troops raided", not "police
        raided"; ``armedbefore``: named before the trigger), ``doers`` (armed men or a crowd
        named before it: "separatists set fire to", not "a man set fire to"), ``blast`` (a mine
        that went off or did harm, not one cleared), ``official`` (not after a private visitor:
        "an aid worker who visited"), ``protest`` (only where the sentence names a protest or
        protesters), ``rally`` (not a rally in prices: no market without people in the
        sentence), ``nolabour`` (not talks or strikes of a labour dispute), ``victims`` (people
        named before the trigger: "pupils were seized from"), ``state`` (state forces named
        before it: "troops killed 12 militants"), ``fighters`` (armed men of no state named
        before it: "gunmen were killed by soldiers"), ``aircraft`` (what drops bombs named
        before it: "a fighter jet dropped"), ``civilian`` and ``soldier`` (the sentence names no
        soldier, or one: sniper fire at a soldier is a battle), ``noflop`` (no shares, films or
        shows named before it, which "bombed" as flops do, unless armed men are named),
        ``unguarded`` (no soldier, police or guard named), ``noweather`` (no hail, storm or
        waves in the trigger's clause before it: "Hailstones bombarded farms"), ``harm`` (only
        where the sentence tells of harm: deaths, wounds, damage, fire), ``retold`` (only as an
        event told before, told again: "The killings in Merawi took place on Monday").  A row
        whose ``event_type`` starts with ``#`` is a comment.
    """
    text = resources.files("geomap").joinpath("data/event_vocab.csv").read_text("utf-8")
    return _read_vocabulary(text)


#: Triggers lighter than this are generic words ("attack", "offensive", "assault").
GENERIC_WEIGHT = 0.5


def _generic_violent(trig: Trigger) -> bool:
    """A generic word for violence ("attack", "offensive"), not a kind of it."""
    return trig.weight < GENERIC_WEIGHT and trig.event_type in VIOLENT
