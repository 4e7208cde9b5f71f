"""Fit the resolver's ranker on the dev corpora and save it as the shipped model.

Usage: python benchmarks/train_ranker.py [--eval ../shared/eval] [-o gazetteer/data/ranker.json]

Trains on LGL, GeoWebNews, TR-News and GeoVirus only (TUD-Loc-2013's licence allows
evaluation, not a shipped model).  The saved file holds weights, never text or names from
the corpora.  Cross-validated figures: ``python benchmarks/accuracy.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gazetteer.rank import FEATURES, MODEL_PATH
from geomap.export import atomic_write
from geomap.learn import fit_files

sys.path.insert(0, str(Path(__file__).parent))

from accuracy import TRAIN  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval", default=str(Path(__file__).resolve().parents[2] / "shared/eval"))
    ap.add_argument("-o", "--output", default=str(MODEL_PATH))
    args = ap.parse_args()
    model = fit_files([Path(args.eval) / f"{c}-dev.jsonl" for c in TRAIN])
    with atomic_write(args.output) as out:
        out.write(model.to_json())
    for name, w in zip(FEATURES, model.weights, strict=True):
        print(f"{name:<22} {w:7.3f}")
    print(f"{model.meta['decisions']} decisions in {model.meta['documents']} documents "
          f"-> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
