"""Event extraction scored on the sample articles in seeds/ (answers in
tests/event_answers.json).

Usage: python benchmarks/events.py [-v]

An extracted event matches an answer when its family is one the answer allows, it lies
within the answer's distance, and its date equals the answer's at the answer's
precision.  Prints precision and recall by family, and over all.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def match(event, answer: dict) -> bool:
    from gazetteer.rank import haversine_km

    if event.event_type not in answer["family"]:
        return False
    if haversine_km(event.place.lat, event.place.lon, answer["lat"], answer["lon"]) > answer["km"]:
        return False
    return event.date is not None and event.date.value == answer["date"] and (
        event.date.precision == answer["precision"])


def score(verbose: bool = False) -> dict[str, Counter]:
    """Per family: tp, fp, fn over every sample article."""
    import geomap

    answers = json.loads((ROOT / "tests" / "event_answers.json").read_text(encoding="utf-8"))
    tally: dict[str, Counter] = {}
    for doc_id, expected in answers.items():
        if doc_id.startswith("_"):
            continue
        path = ROOT / "seeds" / f"{doc_id}.txt"
        events = geomap.parse(path.read_text(encoding="utf-8"), doc_id=doc_id).events
        used: set[int] = set()
        for ans in expected:
            hit = next((i for i, e in enumerate(events) if i not in used and match(e, ans)), None)
            fam = ans["family"][0]
            tally.setdefault(fam, Counter())["tp" if hit is not None else "fn"] += 1
            if hit is not None:
                used.add(hit)
            elif verbose:
                print(f"missed  {doc_id}: {ans['what']}")
        for i, e in enumerate(events):
            if i not in used:
                tally.setdefault(e.event_type, Counter())["fp"] += 1
                if verbose:
                    print(f"extra   {doc_id}: {e.event_type} at {e.place.name} "
                          f"{e.date.value if e.date else None}")
    return tally


def main() -> int:
    tally = score(verbose="-v" in sys.argv)
    total: Counter = Counter()
    print(f"{'family':<28} {'tp':>3} {'fp':>3} {'fn':>3} {'P':>5} {'R':>5}")
    for fam, c in sorted(tally.items()):
        total.update(c)
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        print(f"{fam:<28} {c['tp']:>3} {c['fp']:>3} {c['fn']:>3} {p:5.2f} {r:5.2f}")
    p = total["tp"] / (total["tp"] + total["fp"])
    r = total["tp"] / (total["tp"] + total["fn"])
    print(f"{'all':<28} {total['tp']:>3} {total['fp']:>3} {total['fn']:>3} {p:5.2f} {r:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
