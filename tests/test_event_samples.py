"""The real pipeline (``geomap.parse``) on every sample article in seeds/, checked against
the events a careful analyst would map (tests/event_answers.json).

Each answer is one test: the family must be one the answer allows, the place within the
answer's distance, the date equal at the answer's precision, and the counts equal where
the answer gives them.  Answers the extractor cannot reach yet are strict xfails with the
reason, so the suite says exactly what works; a fixed one fails until its mark goes.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from gazetteer.rank import haversine_km

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = {k: v for k, v in json.loads(
    (ROOT / "tests" / "event_answers.json").read_text(encoding="utf-8")).items()
    if not k.startswith("_")}
#: Precision over all seeds must stay at or above this (extra events are false positives).
PRECISION_FLOOR = 0.9

#: (doc_id, what) -> why the extractor misses it today.
XFAIL: dict[tuple[str, str], str] = {}


@cache
def events_of(doc_id: str) -> tuple:
    import geomap

    text = (ROOT / "seeds" / f"{doc_id}.txt").read_text(encoding="utf-8")
    return tuple(geomap.parse(text, doc_id=doc_id).events)


def matches(event, ans: dict) -> bool:
    if event.event_type not in ans["family"]:
        return False
    if haversine_km(event.place.lat, event.place.lon, ans["lat"], ans["lon"]) > ans["km"]:
        return False
    if event.date is None or event.date.value != ans["date"]:
        return False
    if event.date.precision != ans["precision"]:
        return False
    return all(getattr(event, k) == ans[k] for k in ("fatalities", "injured") if k in ans)


def _cases():
    for doc_id, answers in ANSWERS.items():
        for ans in answers:
            reason = XFAIL.get((doc_id, ans["what"]))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(doc_id, ans, id=f"{doc_id}:{ans['what']}", marks=marks)


@pytest.mark.parametrize(("doc_id", "ans"), list(_cases()))
def test_answer_found(doc_id, ans):
    events = events_of(doc_id)
    found = [e for e in events if matches(e, ans)]
    shown = [(e.event_type, e.place.name, e.date.value if e.date else None,
              e.fatalities, e.injured) for e in events]
    assert found, f"{ans['what']!r} not among {shown}"


def test_every_seed_has_answers():
    seeds = {p.stem for p in (ROOT / "seeds").glob("*.txt")}
    assert seeds == set(ANSWERS)


def test_precision_floor():
    tp = fp = 0
    for doc_id, answers in ANSWERS.items():
        events = list(events_of(doc_id))
        used: set[int] = set()
        for ans in answers:
            hit = next((i for i, e in enumerate(events) if i not in used and matches(e, ans)),
                       None)
            if hit is not None:
                used.add(hit)
        tp += len(used)
        fp += len(events) - len(used)
    assert tp / (tp + fp) >= PRECISION_FLOOR, (tp, fp)


def test_event_ids_stable():
    import geomap

    doc_id = next(iter(ANSWERS))
    text = (ROOT / "seeds" / f"{doc_id}.txt").read_text(encoding="utf-8")
    again = [e.event_id for e in geomap.parse(text, doc_id=doc_id).events]
    assert again == [e.event_id for e in events_of(doc_id)]
    assert len(set(again)) == len(again)
