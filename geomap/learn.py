"""Fit the resolver's ranker on annotated documents (``FORMAT.md`` shape).

The ranker (:mod:`gazetteer.rank`) scores each candidate place of a name with a weighted
sum of features.  Here the weights are fitted as a conditional logit: for every gold
toponym the recogniser also found, the candidate nearest the gold point (when one lies
within 161 km) should outscore its rivals.  The features are computed exactly as the
resolver sees them, document context included, so what is fitted is what runs.

Needs only numpy (Newton's method on a concave likelihood with ~20 weights).

Examples
--------
>>> from geomap.learn import fit_files  # doctest: +SKIP
>>> model = fit_files(["my-annotated.jsonl"])  # doctest: +SKIP
>>> Path("ranker.json").write_text(model.to_json())  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gazetteer.rank import FEATURES, Model, haversine_km
from geomap.ingest import IngestFailure, read_jsonl
from geomap.model import Document, Span
from geomap.pipeline import Geoparser

#: A candidate this close to the gold point is the right answer (the 161 km of acc@161).
ACC_KM = 161.0


@dataclass
class Choice:
    """One name's candidates as feature rows, and which of them is right."""

    rows: list[list[float]]
    right: int


@dataclass
class Annotated:
    """A document with its gold toponyms (start, end, lat, lon)."""

    doc: Document
    gold: list[tuple[int, int, float, float]]


def read_annotated(path: str | Path) -> list[Annotated]:
    """Documents and gold toponyms with coordinates from a ``FORMAT.md`` file."""
    path = Path(path)
    gold: dict[str, list] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:  # not splitlines(): texts may hold U+2028
            if line.strip():
                rec = json.loads(line)
                gold[str(rec["id"])] = [
                    (t["start"], t["end"], t["lat"], t["lon"]) for t in rec.get("toponyms", ())
                    if t.get("lat") is not None and t.get("lon") is not None]
    return [Annotated(item, gold.get(item.id, [])) for item in read_jsonl(path)
            if not isinstance(item, IngestFailure)]


def choices(geoparser: Geoparser, doc: Annotated, spans: list[Span] | None = None
            ) -> list[Choice]:
    """The ranking decisions in one document that gold coordinates can teach.

    ``spans`` are the toponyms the recogniser finds in it (recognised here if not given).
    """
    if spans is None:
        spans = geoparser.recognizer.recognize(doc.doc.text)
    out = []
    for span, (places, rows) in zip(
            spans, geoparser.resolver.candidate_features(doc.doc, spans), strict=True):
        if len(places) < 2:
            continue
        gold = next(((lat, lon) for start, end, lat, lon in doc.gold
                     if start < span.end and span.start < end), None)
        if gold is None:
            continue
        km = [haversine_km(gold[0], gold[1], p.lat, p.lon) for p in places]
        best = min(range(len(km)), key=km.__getitem__)
        if km[best] <= ACC_KM:
            out.append(Choice(rows, best))
    return out


def fit(decisions: Sequence[Choice], *, l2: float = 1.0, iterations: int = 25,
        meta: dict | None = None) -> Model:
    """Maximum-likelihood weights (L2-penalised) of a conditional logit over ``decisions``."""
    import numpy as np

    groups = [(np.asarray(c.rows, dtype=float), c.right) for c in decisions]
    w = np.zeros(len(FEATURES))
    for _ in range(iterations):
        grad = -l2 * w
        hess = -l2 * np.eye(len(w))
        for x, right in groups:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            mean = p @ x
            grad += x[right] - mean
            hess -= (x * p[:, None]).T @ x - np.outer(mean, mean)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return Model(tuple(float(v) for v in w), dict(meta or {}))


def recognized(geoparser: Geoparser, docs: Iterable[Annotated]) -> dict[str, list[Span]]:
    """Each document's recognised spans by id: recognition does not depend on the ranker,
    so fits of different folds can share them."""
    return {d.doc.id: geoparser.recognizer.recognize(d.doc.text) for d in docs}


def fit_documents(docs: Iterable[Annotated], *, geoparser: Geoparser | None = None,
                  spans: dict[str, list[Span]] | None = None, rounds: int = 3,
                  meta: dict | None = None) -> Model:
    """Fit on ``docs``; each round recomputes the document context with the last fit
    (the context depends on the ranker's first-pass choices).

    ``spans`` (from :func:`recognized`) saves recognising the documents again.
    """
    docs = list(docs)
    geoparser = geoparser or Geoparser()
    if spans is None:
        spans = recognized(geoparser, docs)
    saved = geoparser.resolver.ranker
    try:
        # Start from population alone, so a fit never depends on the model shipped before.
        model = Model(tuple(float(f == "log_population") for f in FEATURES))
        for _ in range(rounds):
            geoparser.resolver.ranker = model
            decisions = [c for d in docs for c in choices(geoparser, d, spans[d.doc.id])]
            model = fit(decisions, meta={**(meta or {}), "decisions": len(decisions)})
    finally:
        geoparser.resolver.ranker = saved
    return model


def fit_files(paths: Iterable[str | Path], **kwargs) -> Model:
    """Fit on every document of the annotated files ``paths``."""
    paths = list(paths)
    docs = [d for path in paths for d in read_annotated(path)]
    meta = {"trained_on": [Path(p).name for p in paths], "documents": len(docs)}
    return fit_documents(docs, meta=meta, **kwargs)
