"""Throughput and memory of geomap on a synthetic wire-copy corpus.

Usage::

    python benchmarks/throughput.py [--n 2000] [--mix typical] # in-process stages
    python benchmarks/throughput.py --texts my-articles.jsonl  # the same, your articles
    python benchmarks/throughput.py --map 10000 100000 [--workers 1 2] [--dask]

The first form prints articles per second per core (CPU time) for ``geoparse``
(recognise + resolve), ``geoparse file`` (what ``geomap geoparse`` does once the
gazetteer is open: read JSON Lines, geoparse, write predictions), events alone and the
full parse, the same corpus through
``geotext`` (dictionary lookup) in the same process as a machine-independent ratio,
gazetteer load time and peak RSS.  Each stage times ``--n`` synthetic articles it has
not seen, after ``--n / 4`` others warm the process as a long run would; the garbage
collector is tuned as the ``geomap`` command tunes it (:func:`geomap.batch.tune_gc`).
``--mix typical`` makes the articles news stories (quotes, people, background; a
quarter of the paragraphs tell events) rather than the default all-event stress case
(see :data:`corpus.EVENT_SHARE` for how each compares with real news).

``--map N...`` writes an N-article JSON Lines corpus and runs ``geomap map`` on it in a
child process per run (``--workers`` each; ``--dask`` adds a LocalCluster run), printing
wall time, articles/s, articles/s/core and the child's peak RSS, next to a geotext
pass over the same file in this process (its rate is the yardstick for a busy machine).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import EVENT_SHARE, articles, write_jsonl  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rate(fn, docs) -> float:
    """Documents per CPU second (per core), so other load on the machine matters less."""
    t0 = time.process_time()
    for d in docs:
        fn(d)
    return len(docs) / (time.process_time() - t0)


def _jsonl_articles(paths: list[Path]) -> Iterator[dict]:
    """Articles of JSON Lines files with a ``text`` field (``id``, ``date`` optional)."""
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if not line.strip():
                    continue
                r = json.loads(line)
                doc_id = r.get("id")
                yield {"text": r["text"], "date": r.get("date"),
                       "id": f"{path.stem}-{i}" if doc_id is None else str(doc_id)}


def stages(n: int, texts: list[Path] | None = None, mix: str = "dense") -> None:
    from datetime import date

    from gazetteer import Gazetteer, load
    from geomap.batch import tune_gc
    from geomap.events import extract_events
    from geomap.ingest import make_document
    from geomap.pipeline import Geoparser

    tune_gc()  # as the geomap command does
    path = load().path
    t0 = time.perf_counter()
    Gazetteer(path)
    load_s = time.perf_counter() - t0
    # A quarter as many articles as timed warm the process as a long run would be, then
    # each stage gets articles new to it: documents a parser has seen once leave
    # cross-document caches warm for exactly them (8-20% flattering, measured).
    rows = _jsonl_articles(texts) if texts else articles(3 * n + n // 4, path, mix=mix)
    docs = [make_document(r["text"], r["id"], published=date.fromisoformat(r["date"][:10])
                          if r.get("date") else None) for r in rows]
    if not docs:
        raise SystemExit("no articles to time")
    kb = sum(len(d.text) for d in docs) / len(docs) / 1000
    geoparser = Geoparser()
    if texts:  # the user's articles: all of them in every stage, once seen
        warm, shares = docs, [docs] * 3
    else:
        warm, rest = docs[: n // 4], docs[n // 4 :]
        shares = [rest[k * n : (k + 1) * n] for k in range(3)]
    for d in warm:
        geoparser.parse(d)
    mentions: dict[str, list] = {}

    def geoparse(d) -> None:
        mentions[d.id] = geoparser.mentions(d)

    results = {"geoparse": rate(geoparse, shares[0])}
    results["geoparse file"] = _geoparse_file_rate(geoparser, shares[1])
    results["events"] = rate(lambda d: extract_events(d, mentions[d.id]), shares[0])
    results["parse"] = rate(geoparser.parse, shares[2])
    baseline = _geotext_rate([d.text for d in shares[0]])
    what = ", ".join(p.name for p in texts) if texts else f"synthetic ({mix})"
    print(f"corpus: {len(shares[0])} {what} articles a stage, {kb:.1f} KB each")
    print(f"gazetteer open: {load_s * 1000:.1f} ms")
    for stage, r in results.items():
        ratio = f", {r / baseline:.4f} x geotext" if baseline else ""
        print(f"{stage:<13} {r:8.0f} articles/s/core{ratio}")
    if baseline:
        print(f"{'geotext':<13} {baseline:8.0f} articles/s/core (baseline, same corpus)")
    print(f"peak RSS: {rss_mb():.0f} MB")


def _geoparse_file_rate(geoparser, docs) -> float:
    """What ``geomap geoparse`` does once the gazetteer is open: read JSON Lines,
    geoparse, write predictions (:func:`geomap.geoparse.geoparse_file`)."""
    from geomap.geoparse import geoparse_file

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "in.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) + "\n")
        t0 = time.process_time()
        geoparse_file(src, Path(tmp, "out.jsonl"), geoparser=geoparser)
        return len(docs) / (time.process_time() - t0)


def _geotext_rate(texts) -> float | None:
    try:
        from geotext import GeoText
    except ImportError:
        return None
    return rate(GeoText, texts)


def _geotext_file(path: Path, limit: int = 5000) -> float | None:
    texts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    return _geotext_rate(texts)


def _rss_mb(pid: int) -> float | None:
    """Resident memory of one process now (Linux /proc; None elsewhere or when gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def map_run(corpus: Path, out: Path, extra: list[str], every: float = 5.0) -> dict:
    """``geomap map`` in a child process: wall time, CPU time and peak RSS of the tree,
    and the main process's RSS sampled every ``every`` seconds (how flat it stays)."""
    cmd = [sys.executable, "-m", "geomap.cli", "map", str(corpus), "-o", str(out), "-q",
           "--format", "geojson,gpkg,csv,qgis,html", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    samples: list[tuple[float, float]] = []
    with tempfile.TemporaryFile("w+") as err:  # a file: a full pipe would block the child
        with subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, text=True) as proc:
            while True:
                rss = _rss_mb(proc.pid)
                if rss is not None:
                    samples.append((time.perf_counter() - t0, rss))
                try:
                    proc.wait(timeout=every)  # returns as soon as the run ends
                    break
                except subprocess.TimeoutExpired:
                    pass
        err.seek(0)
        stderr = err.read()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report = json.loads((out / "report.json").read_text())
    return {"wall": wall, "cpu": cpu, "rss": after.ru_maxrss / 1024,
            "docs": report["totals"]["read"], "events": report["totals"]["events"],
            "timings": report["timings_s"], "samples": samples}


def _streaming_rss(r: dict) -> str:
    """Main-process RSS while parsing: after 10% of the parse time and at its end."""
    parse_end = r["timings"]["load"] + r["timings"]["parse"]
    during = [(t, mb) for t, mb in r["samples"] if t <= parse_end]
    if len(during) < 2:
        return ""
    early = next(mb for t, mb in during if t >= parse_end / 10)
    return (f"  main RSS while parsing {early:.0f} MB at 10% -> {during[-1][1]:.0f} MB "
            f"at the end")


def maps(sizes: list[int], workers: list[int], use_dask: bool, folder: Path,
         mix: str = "dense") -> None:
    from gazetteer import load

    folder.mkdir(parents=True, exist_ok=True)
    path = load().path
    for n in sizes:
        corpus = folder / (f"wire-{n}.jsonl" if mix == "dense" else f"wire-{mix}-{n}.jsonl")
        if not corpus.exists():
            write_jsonl(corpus, n, path, mix=mix)
        geotext = _geotext_file(corpus)
        print(f"\n{n:,} articles ({corpus.stat().st_size / 1e6:.0f} MB); geotext in this "
              f"process: {geotext:,.0f} articles/s/core" if geotext else f"\n{n:,} articles")
        runs = [(f"--workers {w}", ["--workers", str(w)], w) for w in workers]
        if use_dask:
            runs.append(("--dask local", ["--dask", "local"], os.cpu_count() or 1))
        base = None
        for label, extra, _cores in runs:
            r = map_run(corpus, folder / f"out-{n}", extra)
            per_core = r["docs"] / r["cpu"]
            speed = r["docs"] / r["wall"]
            base = base or speed
            ratio = f", {per_core / geotext:.4f} x geotext" if geotext else ""
            print(f"  map {label:<12} {r['wall']:8.1f} s wall  {speed:7.1f} articles/s "
                  f"({speed / base:.2f} x first)  {per_core:6.1f} articles/s/core (CPU)"
                  f"{ratio}  peak RSS {r['rss']:.0f} MB  {r['events']:,} events  "
                  f"timings {r['timings']}{_streaming_rss(r)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000,
                    help="synthetic articles a stage (default: %(default)s)")
    ap.add_argument("--map", type=int, nargs="+", metavar="N",
                    help="run `geomap map` on corpora of N articles")
    ap.add_argument("--texts", type=Path, nargs="+", metavar="JSONL",
                    help="time the stages on these articles (JSON Lines with a 'text' "
                         "field) instead of the synthetic corpus")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--dask", action="store_true", help="also run with --dask local")
    ap.add_argument("--mix", choices=sorted(EVENT_SHARE), default="dense",
                    help="synthetic articles all events (dense, the stress case) or mostly "
                         "the rest of a news story (typical); default: %(default)s")
    ap.add_argument("--dir", type=Path, default=Path("/tmp/geomap-bench"),
                    help="corpora and outputs (default: %(default)s)")
    args = ap.parse_args()
    if args.map and args.texts:
        ap.error("--texts times the stages in this process; --map runs the synthetic corpus")
    for path in args.texts or []:
        if not path.is_file():
            ap.error(f"{path}: no such file")
    if args.map:
        maps(args.map, args.workers, args.dask, args.dir, args.mix)
    else:
        stages(args.n, args.texts, args.mix)
    return 0


if __name__ == "__main__":
    sys.exit(main())
