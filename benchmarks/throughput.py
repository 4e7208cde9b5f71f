"""Throughput and memory of geomap on a synthetic wire-copy corpus.

Usage: python benchmarks/throughput.py [--n 2000] [--stage geoparse|map]

Prints articles per second per core for ``geoparse`` (recognise + resolve) and the
full parse (with events), the same corpus through ``geotext`` (dictionary lookup) in
the same process as a machine-independent ratio, gazetteer load time and peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import articles  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rate(fn, docs) -> float:
    t0 = time.perf_counter()
    for d in docs:
        fn(d)
    return len(docs) / (time.perf_counter() - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="articles (default: %(default)s)")
    args = ap.parse_args()

    from gazetteer import Gazetteer, load
    from geomap.ingest import make_document
    from geomap.pipeline import Geoparser

    path = load().path
    t0 = time.perf_counter()
    Gazetteer(path)
    load_s = time.perf_counter() - t0
    recs = list(articles(args.n, path))
    docs = [make_document(r["text"], r["id"], published=None) for r in recs]
    kb = sum(len(d.text) for d in docs) / len(docs) / 1000
    geoparser = Geoparser()
    geoparser.mentions(docs[0])  # warm the process

    results = {"geoparse": rate(geoparser.mentions, docs), "parse": rate(geoparser.parse, docs)}
    try:
        from geotext import GeoText
    except ImportError:
        baseline = None
    else:
        baseline = rate(lambda d: GeoText(d.text), docs)
    print(f"corpus: {len(docs)} synthetic articles, {kb:.1f} KB each")
    print(f"gazetteer open: {load_s * 1000:.1f} ms")
    for stage, r in results.items():
        ratio = f", {r / baseline:.3f} x geotext" if baseline else ""
        print(f"{stage:<9} {r:8.0f} articles/s/core{ratio}")
    if baseline:
        print(f"{'geotext':<9} {baseline:8.0f} articles/s/core (baseline, same corpus)")
    print(f"peak RSS: {rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
