"""Geoparsing accuracy on the dev corpora, scored by the reference scorer.

Usage::

    python benchmarks/accuracy.py [--cv 5] [--errors 20] [--ner] [corpus ...]

Prints one table: per corpus, lenient and exact recognition, acc@161, median error, AUC,
end-to-end and documents per second, beside the best published figures and the best
simple baseline from ``ANCHORS.md``.  The corpora are read in place, never copied.

The ranker is fitted on LGL, GeoWebNews, TR-News and GeoVirus (``train_ranker.py``), so
their rows are cross-validated: documents are split into ``--cv`` folds and each fold is
geoparsed with weights fitted on the other folds only.  TUD-Loc-2013 (evaluation-only
licence, never trained on) is geoparsed with weights fitted on all four.  ``--cv 0``
scores the shipped model everywhere instead (in-sample for the four).

``--errors N`` adds, per corpus, the N most frequent misses, false alarms and wrong
placements (and whether the gazetteer had a candidate within 161 km: a ranking error, or
not: a coverage error).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
import zlib
from collections import Counter
from pathlib import Path

from gazetteer.rank import haversine_km
from gazetteer.text import fold
from geomap.geoparse import toponym_record
from geomap.learn import ACC_KM, fit_documents, read_annotated, recognized
from geomap.pipeline import Geoparser

CORPORA = ("geovirus", "geowebnews", "lgl", "trnews", "tudloc2013")
TRAIN = ("lgl", "geowebnews", "trnews", "geovirus")
#: ANCHORS.md: best published recognition F1 and acc@161 (TUD-Loc-2013 has none; the
#: goal set for it instead), and the best simple baseline's F1 / acc@161 / end-to-end.
PUBLISHED = {"geovirus": (0.92, 0.81), "geowebnews": (0.74, 0.94), "lgl": (0.71, 0.82),
             "trnews": (0.80, 0.85), "tudloc2013": (0.85, 0.92)}
BASELINE = {"geovirus": (0.86, 0.77, 0.45), "geowebnews": (0.70, 0.78, 0.34),
            "lgl": (0.67, 0.66, 0.32), "trnews": (0.76, 0.69, 0.34),
            "tudloc2013": (0.74, 0.89, 0.48)}
E2E_GOAL = 0.75


def load_scorer(evaldir: Path):
    spec = importlib.util.spec_from_file_location("score", evaldir / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fold_of(doc_id: str, k: int) -> int:
    """A document's fold: stable across runs and machines."""
    return zlib.crc32(doc_id.encode()) % k


def predict(geoparser: Geoparser, docs, models: dict[int, object] | None, k: int,
            dest: Path) -> float:
    """Geoparse ``docs`` into ``dest`` (each with its fold's model); return docs/s."""
    elapsed = 0.0
    with open(dest, "w", encoding="utf-8") as out:
        for a in docs:
            if models is not None:
                geoparser.resolver.ranker = models[fold_of(a.doc.id, k)]
            t0 = time.perf_counter()
            mentions = geoparser.mentions(a.doc)
            elapsed += time.perf_counter() - t0
            out.write(json.dumps({"id": a.doc.id,
                                  "toponyms": [toponym_record(m) for m in mentions]}) + "\n")
    return len(docs) / elapsed if elapsed else 0.0


def errors(scorer, gold_path: Path, pred_path: Path, geoparser: Geoparser, n: int) -> None:
    """The ``n`` most frequent misses, false alarms and wrong placements."""
    gold = scorer.read_jsonl(str(gold_path))
    pred = scorer.read_jsonl(str(pred_path))
    misses, alarms, wrong = Counter(), Counter(), Counter()
    kinds = Counter()
    for doc_id, gdoc in gold.items():
        text = gdoc["text"]
        g_all = [t for t in gdoc["toponyms"] if t.get("metonymic") is not True]
        p_all = pred[doc_id]["toponyms"]
        pairs = scorer.match(g_all, p_all, lenient=True)
        matched_g = {i for i, _ in pairs}
        matched_p = {j for _, j in pairs}
        dropped = [t for t in gdoc["toponyms"] if t.get("metonymic") is True]
        misses.update(text[t["start"]:t["end"]] for i, t in enumerate(g_all)
                      if i not in matched_g)
        alarms.update(text[p["start"]:p["end"]] for j, p in enumerate(p_all)
                      if j not in matched_p
                      and not any(scorer._overlap(p, d) > 0 for d in dropped))
        for i, j in pairs:
            g, p = g_all[i], p_all[j]
            if g.get("lat") is None or p["lat"] is None:
                continue
            km = haversine_km(g["lat"], g["lon"], p["lat"], p["lon"])
            if km <= ACC_KM:
                continue
            near = any(haversine_km(g["lat"], g["lon"], c.lat, c.lon) <= ACC_KM
                       for c, _ in geoparser.gazetteer.lookup(fold(p["name"])))
            kinds["ranking" if near else "coverage"] += 1
            wrong[f"{g['name']} -> {p['kind']} {p['place_id']} ({km:,.0f} km off; "
                  f"{'ranking' if near else 'coverage'})"] += 1
    print(f"  wrong placements: {dict(kinds)} (ranking: a candidate within {ACC_KM:.0f} km "
          "was there; coverage: none was)")
    for title, counter in (("misses", misses), ("false alarms", alarms),
                           ("wrong placements", wrong)):
        print(f"  {n} most frequent {title}: " + "; ".join(
            f"{name} x{c}" for name, c in counter.most_common(n)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", default=str(Path(__file__).resolve().parents[2] / "shared/eval"))
    ap.add_argument("--metonymic", default="exclude", choices=["include", "exclude"])
    ap.add_argument("--cv", type=int, default=5, metavar="K",
                    help="folds for the trained corpora (0: shipped model everywhere)")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print the N most frequent misses and wrong placements per corpus")
    ap.add_argument("--ner", action="store_true", help="with the optional spaCy model")
    ap.add_argument("--demonyms", action="store_true", help="demonyms as toponyms")
    ap.add_argument("--keep", help="folder to keep the predictions in")
    ap.add_argument("corpora", nargs="*", default=list(CORPORA))
    args = ap.parse_args()
    evaldir = Path(args.eval)
    scorer = load_scorer(evaldir)
    geoparser = Geoparser(ner=args.ner, demonyms=args.demonyms)
    outdir = Path(args.keep or tempfile.mkdtemp(prefix="geomap-acc-"))
    outdir.mkdir(parents=True, exist_ok=True)
    docs = {c: read_annotated(evaldir / f"{c}-dev.jsonl") for c in args.corpora}
    # Speed first, on cold caches, with the shipped model (a throwaway output).
    rates = {c: predict(geoparser, docs[c], None, 1, outdir / f"{c}-timing.jsonl")
             for c in args.corpora}
    folds = None
    if args.cv:
        train = [a for c in TRAIN for a in (docs.get(c) or read_annotated(
            evaldir / f"{c}-dev.jsonl"))]
        spans = recognized(geoparser, train)
        folds = {k: fit_documents([a for a in train if fold_of(a.doc.id, args.cv) != k],
                                  geoparser=geoparser, spans=spans) for k in range(args.cv)}
        full = fit_documents(train, geoparser=geoparser, spans=spans)
    print(f"ranker: {f'{args.cv}-fold cross-validated' if args.cv else 'shipped model'}; "
          f"lenient spans unless marked; --metonymic {args.metonymic}")
    print(f"{'corpus':<11} {'P':>5} {'R':>5} {'F1':>5} {'F1x':>5} {'acc161':>6} "
          f"{'med km':>6} {'AUC':>5} {'e2e':>5} {'docs/s':>6} | {'best F1/acc':>11} "
          f"| {'baseline F1/acc/e2e':>19}")
    for corpus in args.corpora:
        gold = evaldir / f"{corpus}-dev.jsonl"
        pred = outdir / f"{corpus}-pred.jsonl"
        models = None
        if folds is not None:
            models = folds if corpus in TRAIN else dict.fromkeys(range(args.cv), full)
        predict(geoparser, docs[corpus], models, args.cv, pred)
        rate = rates[corpus]
        s = scorer.score(scorer.read_jsonl(str(gold)), scorer.read_jsonl(str(pred)),
                         metonymic=args.metonymic)
        m, x = s["lenient"], s["exact"]
        rec, res = m["recognition"], m["resolution"]
        bf, ba = PUBLISHED[corpus]
        print(f"{corpus:<11} {rec['precision']:5.2f} {rec['recall']:5.2f} {rec['f1']:5.2f} "
              f"{x['recognition']['f1']:5.2f} {res['acc161']:6.2f} {res['median_km']:6.1f} "
              f"{res['auc']:5.2f} {m['end_to_end']:5.2f} {rate:6.0f} | {bf:5.2f}/{ba:.2f}"
              f" | {'/'.join(f'{v:.2f}' for v in BASELINE[corpus]):>19}")
        if args.errors:
            errors(scorer, gold, pred, geoparser, args.errors)
    print(f"goal: F1 and acc@161 above 'best', end-to-end above {E2E_GOAL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
