"""Geoparsing accuracy on the dev corpora, scored by the reference scorer.

Usage: python benchmarks/accuracy.py [--eval ../shared/eval] [--metonymic exclude]

Prints, per corpus, lenient recognition P/R/F1, acc@161, AUC and end-to-end, plus
documents per second of ``geomap geoparse``.  The corpora are read in place, never
copied into the project.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geomap.geoparse import geoparse_file
from geomap.pipeline import Geoparser

CORPORA = ("geovirus", "geowebnews", "lgl", "trnews", "tudloc2013")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", default=str(Path(__file__).resolve().parents[2] / "shared/eval"))
    ap.add_argument("--metonymic", default="exclude", choices=["include", "exclude"])
    ap.add_argument("--mode", default="lenient", choices=["lenient", "exact"])
    ap.add_argument("--keep", help="folder to keep the predictions in")
    ap.add_argument("corpora", nargs="*", default=list(CORPORA))
    args = ap.parse_args()
    evaldir = Path(args.eval)
    geoparser = Geoparser()
    geoparser.mentions  # noqa: B018  (gazetteer loaded before timing)
    outdir = Path(args.keep or tempfile.mkdtemp(prefix="geomap-acc-"))
    outdir.mkdir(parents=True, exist_ok=True)
    print(f"{'corpus':<12} {'P':>5} {'R':>5} {'F1':>5} {'acc161':>6} {'AUC':>5} "
          f"{'e2e':>5} {'docs/s':>7}")
    for corpus in args.corpora:
        gold = evaldir / f"{corpus}-dev.jsonl"
        pred = outdir / f"{corpus}-pred.jsonl"
        t0 = time.perf_counter()
        n, _ = geoparse_file(gold, pred, geoparser=geoparser)
        rate = n / (time.perf_counter() - t0)
        res = subprocess.run(
            [sys.executable, str(evaldir / "score.py"), str(gold), str(pred), "--json",
             "--metonymic", args.metonymic],
            capture_output=True, text=True, check=True)
        s = json.loads(res.stdout)
        m = s[args.mode] if args.mode in s else s
        rec, resn = m["recognition"], m["resolution"]
        print(f"{corpus:<12} {rec['precision']:5.2f} {rec['recall']:5.2f} {rec['f1']:5.2f} "
              f"{resn['acc161']:6.2f} {resn['auc']:5.2f} {m['end_to_end']:5.2f} {rate:7.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
